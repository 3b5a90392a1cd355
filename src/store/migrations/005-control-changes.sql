-- Schema 5: a change counter for control. Every ingest that changes control timelines advances it after its
-- commit, so a long-running process (sitrep serve) can keep the timelines in memory and reload them only when
-- some writer (any process) has changed them.
CREATE SEQUENCE control_changes;
