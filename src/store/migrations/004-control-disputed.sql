-- Schema 4: a control fact remembers whether its event is disputed (a claimed capture that another source
-- denies makes the place contested). Facts stored before this version count as undisputed until their
-- place is touched again by an ingest.
ALTER TABLE control_facts ADD COLUMN disputed boolean NOT NULL DEFAULT false;
