-- The ingest job queue (src/queue/) and the workers that pull from it. Numbered 100 so that the store's own
-- migrations (1..99) keep their order; the queue only needs to exist, it references no store table.
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- one job per article: enqueuing is idempotent, and the store skips an article it already holds
  article_id text NOT NULL UNIQUE,
  payload jsonb NOT NULL,
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  -- not claimable before this time (exponential back-off after a failure)
  run_after timestamptz NOT NULL DEFAULT now(),
  worker text,
  -- a running job whose lease has passed belongs to a dead worker and may be claimed again
  lease_until timestamptz,
  heartbeat_at timestamptz,
  last_error text,
  result jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- the claim query scans only claimable rows, in id order
CREATE INDEX jobs_queued ON jobs (id) WHERE state = 'queued';
CREATE INDEX jobs_running_lease ON jobs (lease_until) WHERE state = 'running';
-- `sitrep status`: throughput over the last minute
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;

CREATE TABLE queue_workers (
  id text PRIMARY KEY,
  host text NOT NULL,
  pid integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  seen_at timestamptz NOT NULL DEFAULT now(),
  stopped_at timestamptz,
  processed integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0
);
