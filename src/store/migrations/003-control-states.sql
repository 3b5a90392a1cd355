-- Schema 3: control of every place as a timeline of segments, maintained at ingest from control_facts, so
-- `control --at` reads one row per place (a GiST range lookup) instead of replaying the whole history.
CREATE TABLE control_states (
  place_key  text NOT NULL,
  place_name text NOT NULL,
  valid      daterange NOT NULL,             -- [first day, next change) ; open-ended for the current state
  record     jsonb NOT NULL,                 -- the ControlRecord
  PRIMARY KEY (place_key, valid)
);
CREATE INDEX control_states_valid ON control_states USING gist (valid);
CREATE INDEX control_states_name ON control_states (lower(place_name));
CREATE INDEX control_facts_place_key ON control_facts (place_key);
