-- sitrep store, schema 1. Plain PostgreSQL: runs unchanged on PGlite and on a PostgreSQL server.
-- Dates are ISO text (YYYY-MM-DD), so that both drivers read back the same strings and comparisons are
-- lexicographic. Merged events keep the reconciled StoredEvent as JSONB plus the columns queries filter on.

CREATE TABLE articles (
  id          text PRIMARY KEY,
  hash        text NOT NULL UNIQUE,          -- sha256 of the normalised text: the idempotence key
  date        text,
  title       text,
  url         text,
  source      text,
  text        text NOT NULL,
  ingested_at text NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);

-- One row per extracted event record (a "report" of a merged event).
CREATE TABLE reports (
  extracted_id text PRIMARY KEY,
  event_id     text NOT NULL,
  article_id   text NOT NULL REFERENCES articles (id),
  family       text NOT NULL,
  date_from    text,
  date_to      text,
  lat          double precision,
  lon          double precision,
  place_key    text,
  sentence     text NOT NULL,
  start_offset integer NOT NULL,
  end_offset   integer NOT NULL,
  source       jsonb NOT NULL,
  modality     text NOT NULL,
  date_text    text,
  article_date text,
  url          text,
  record       jsonb NOT NULL                 -- the extracted EventRecord, input of reconciliation
);
CREATE INDEX reports_event ON reports (event_id);
CREATE INDEX reports_article ON reports (article_id);
CREATE INDEX reports_family_date ON reports (family, date_from, date_to);
CREATE INDEX reports_family_place ON reports (family, place_key);

CREATE TABLE events (
  id           text PRIMARY KEY,               -- smallest member extracted id
  type         text NOT NULL,
  family       text NOT NULL,
  date_from    text NOT NULL,                  -- '' when unknown (sorts first)
  date_to      text NOT NULL,
  lat          double precision,
  lon          double precision,
  place_name   text,
  geoname_id   bigint,
  country      text,
  modality     text NOT NULL,
  disputed     boolean NOT NULL,
  actor1_id    text,
  actor2_id    text,
  actor_names  text NOT NULL,                  -- lower-cased actor names, for --actor by name
  source_kinds text[] NOT NULL,
  search       text NOT NULL,                  -- lower-cased evidence sentences, for --q
  report_count integer NOT NULL,
  record       jsonb NOT NULL                  -- the StoredEvent
);
CREATE INDEX events_date ON events (date_from DESC, id DESC);
CREATE INDEX events_date_to ON events (date_to);
CREATE INDEX events_type_date ON events (type, date_from DESC);
CREATE INDEX events_geo ON events USING gist (point(lon, lat)) WHERE lat IS NOT NULL AND lon IS NOT NULL;
CREATE INDEX events_lat_lon ON events (lat, lon);
CREATE INDEX events_actor1 ON events (actor1_id);
CREATE INDEX events_actor2 ON events (actor2_id);
CREATE INDEX events_place ON events (lower(place_name));
CREATE INDEX events_disputed ON events (date_from DESC) WHERE disputed;

-- Facts that move control of a place (src/views/control.ts), maintained with the events they come from.
CREATE TABLE control_facts (
  event_id      text NOT NULL,
  place_key     text NOT NULL,
  place_name    text NOT NULL,
  lat           double precision NOT NULL,
  lon           double precision NOT NULL,
  geoname_id    bigint,
  fact_date     text NOT NULL,
  kind          text NOT NULL,
  actor_id      text,
  actor_name    text,
  to_id         text,
  to_name       text,
  strength      text NOT NULL
);
CREATE INDEX control_facts_event ON control_facts (event_id);
CREATE INDEX control_facts_date ON control_facts (fact_date, place_key);
CREATE INDEX control_facts_place ON control_facts (lower(place_name), fact_date);
