// The ingest job queue, kept in PostgreSQL next to the store (table `jobs`, migration 100-jobs.sql).
//
// Life of a job:  queued ──claim──▶ running ──complete──▶ done
//                   ▲                 │ fail (attempts < max): back to queued, run_after = now + back-off
//                   │                 │ fail (attempts = max) or lease lost too often: dead, with the reason
//                   └── lease expired (worker killed): claimable again, counted as an attempt
//
// Claiming is one short statement (`FOR UPDATE SKIP LOCKED` in a CTE + UPDATE), so concurrent workers never
// block each other and never claim the same job. All times come from the database clock (`now()`), so the
// workers' clocks do not matter. Timestamps are read back as epoch milliseconds so both drivers return numbers.

import type { Queryable } from '../store/db.ts';
import type { Article } from '../types.ts';

export const JOB_STATES = ['queued', 'running', 'done', 'dead'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface Job {
  id: string;
  articleId: string;
  article: Article;
  /** attempts including this one */
  attempts: number;
  maxAttempts: number;
}

export interface RetryPolicy {
  maxAttempts: number;
  /** first retry waits this long; each further retry doubles it */
  backoffBaseSeconds: number;
  backoffMaxSeconds: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, backoffBaseSeconds: 5, backoffMaxSeconds: 600 };

export interface EnqueueResult {
  /** jobs created, or dead jobs put back in the queue */
  enqueued: number;
  /** articles that already had a live or finished job */
  skipped: number;
}

const ENQUEUE_BATCH = 500;

/**
 * Adds one job per article. Enqueuing is idempotent on the article id: an article that is already queued,
 * running or done is skipped; one whose job is dead is queued again with fresh attempts (the usual way to
 * retry after fixing the cause).
 */
export async function enqueue(
  db: Queryable,
  articles: Article[],
  policy: Pick<RetryPolicy, 'maxAttempts'> = DEFAULT_RETRY,
): Promise<EnqueueResult> {
  const unique = [...new Map(articles.map((a) => [a.id, a])).values()];
  let enqueued = 0;
  for (let i = 0; i < unique.length; i += ENQUEUE_BATCH) {
    const batch = unique.slice(i, i + ENQUEUE_BATCH);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO jobs (article_id, payload, max_attempts)
       SELECT a->>'id', a, $2 FROM jsonb_array_elements($1::jsonb) AS a
       ON CONFLICT (article_id) DO UPDATE
         SET state = 'queued', attempts = 0, max_attempts = EXCLUDED.max_attempts, run_after = now(),
             last_error = NULL, worker = NULL, lease_until = NULL, finished_at = NULL, updated_at = now()
         WHERE jobs.state = 'dead'
       RETURNING id::text AS id`,
      [JSON.stringify(batch), policy.maxAttempts],
    );
    enqueued += rows.length;
  }
  return { enqueued, skipped: articles.length - enqueued };
}

interface JobRow {
  id: string;
  article_id: string;
  payload: Article;
  attempts: number;
  max_attempts: number;
}

/**
 * Where claimable jobs are, each answered by its own partial index (one OR-ed condition made PostgreSQL walk
 * the primary key past every finished job: 7 ms per claim with 50 000 done jobs, growing with the table).
 */
const CLAIMABLE = [
  // running jobs whose worker died; one on its last attempt is left to buryExpired
  { where: `state = 'running' AND lease_until < now() AND attempts < max_attempts`, order: 'lease_until' },
  { where: `state = 'queued' AND run_after <= now()`, order: 'id' },
] as const;

/**
 * Claims up to `limit` jobs for `worker`: running jobs whose lease expired (their worker died) first, then
 * queued jobs whose back-off has passed. Each claim is one short statement; the lease lasts `leaseSeconds`
 * unless renewed by `heartbeat`.
 */
export async function claim(db: Queryable, worker: string, leaseSeconds: number, limit = 1): Promise<Job[]> {
  const rows: JobRow[] = [];
  for (const source of CLAIMABLE) {
    if (rows.length >= limit) break;
    const claimed = await db.query<JobRow>(
      `WITH next AS (
         SELECT id FROM jobs WHERE ${source.where} ORDER BY ${source.order} LIMIT $3 FOR UPDATE SKIP LOCKED
       )
       UPDATE jobs AS j
          SET state = 'running', worker = $1, attempts = j.attempts + 1,
              lease_until = now() + make_interval(secs => $2), heartbeat_at = now(), started_at = now(),
              updated_at = now(),
              last_error = CASE WHEN j.state = 'running'
                                THEN 'lease expired: worker ' || coalesce(j.worker, '?') || ' stopped'
                                ELSE j.last_error END
         FROM next
        WHERE j.id = next.id
       RETURNING j.id::text AS id, j.article_id, j.payload, j.attempts, j.max_attempts`,
      [worker, leaseSeconds, limit - rows.length],
    );
    rows.push(...claimed.rows);
  }
  return rows
    .map((r) => ({
      id: r.id,
      articleId: r.article_id,
      article: r.payload,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
    }))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

/**
 * Jobs whose lease expired after their last allowed attempt go to `dead` instead of being claimed again:
 * an article that kills its worker every time must not kill every worker forever. Returns how many.
 */
export async function buryExpired(db: Queryable): Promise<number> {
  const { rows } = await db.query(
    `UPDATE jobs
        SET state = 'dead', finished_at = now(), updated_at = now(), lease_until = NULL,
            last_error = 'lease expired on the last attempt (' || attempts || '/' || max_attempts
                         || '): worker ' || coalesce(worker, '?') || ' stopped while running it'
      WHERE state = 'running' AND lease_until < now() AND attempts >= max_attempts
     RETURNING id`,
  );
  return rows.length;
}

/** Extends the lease of jobs this worker still holds; returns the ids it no longer holds (lease lost). */
export async function heartbeat(
  db: Queryable,
  worker: string,
  jobIds: string[],
  leaseSeconds: number,
): Promise<string[]> {
  if (jobIds.length === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `UPDATE jobs SET lease_until = now() + make_interval(secs => $3), heartbeat_at = now()
      WHERE id = ANY($2::bigint[]) AND worker = $1 AND state = 'running'
     RETURNING id::text AS id`,
    [worker, jobIds, leaseSeconds],
  );
  const held = new Set(rows.map((r) => r.id));
  return jobIds.filter((id) => !held.has(id));
}

export interface JobOutcome {
  inserted: boolean;
  events: number;
  created: number;
  updated: number;
}

/**
 * Marks a job done. Returns false when the worker had lost the job (its lease expired and another worker
 * took it); the work is not lost either way, because ingesting an article twice is a no-op in the store.
 */
export async function complete(
  db: Queryable,
  worker: string,
  jobId: string,
  outcome: JobOutcome,
): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE jobs SET state = 'done', finished_at = now(), updated_at = now(), lease_until = NULL, result = $3
      WHERE id = $2::bigint AND worker = $1 AND state = 'running'
     RETURNING id`,
    [worker, jobId, JSON.stringify(outcome)],
  );
  return rows.length === 1;
}

/** Seconds to wait before retry number `attempt` (1 = first retry): base·2^(attempt-1), capped. */
export function backoffSeconds(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.backoffMaxSeconds, policy.backoffBaseSeconds * 2 ** Math.max(0, attempt - 1));
}

/**
 * Records a failed attempt: back to `queued` after an exponential back-off, or `dead` once the job has used
 * its attempts. Returns the new state, or null when the worker no longer held the job.
 */
export async function fail(
  db: Queryable,
  worker: string,
  job: Pick<Job, 'id' | 'attempts'>,
  reason: string,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<JobState | null> {
  const { rows } = await db.query<{ state: JobState }>(
    `UPDATE jobs
        SET state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
            run_after = now() + make_interval(secs => $4),
            finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
            last_error = $3, lease_until = NULL, updated_at = now()
      WHERE id = $2::bigint AND worker = $1 AND state = 'running'
     RETURNING state`,
    [worker, job.id, reason.slice(0, 2000), backoffSeconds(job.attempts, policy)],
  );
  return rows[0]?.state ?? null;
}

/** True while some job is queued (possibly waiting for its back-off) or running. */
export async function hasPendingJobs(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ pending: boolean }>(
    // two EXISTS, so that each uses its partial index instead of scanning the finished jobs
    `SELECT EXISTS (SELECT 1 FROM jobs WHERE state = 'queued')
         OR EXISTS (SELECT 1 FROM jobs WHERE state = 'running') AS pending`,
  );
  return rows[0]?.pending === true;
}
