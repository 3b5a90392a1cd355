// One queue worker: claim a job, run it, mark it done (or failed), repeat. A process runs one job at a time
// because extraction is CPU-bound; run several processes (`sitrep worker --concurrency N`) to use more cores.

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Queryable } from '../store/db.ts';
import type { Article } from '../types.ts';
import {
  buryExpired,
  claim,
  complete,
  DEFAULT_RETRY,
  fail,
  hasPendingJobs,
  heartbeat,
  type Job,
  type JobOutcome,
  type RetryPolicy,
} from './jobs.ts';

/** Runs one article: extraction and store ingest. Throwing fails the attempt (retried with back-off). */
export type ArticleProcessor = (article: Article) => Promise<JobOutcome>;

export interface WorkerOptions {
  db: Queryable;
  process: ArticleProcessor;
  workerId?: string;
  /** a job not heartbeated for this long is taken to belong to a dead worker */
  leaseSeconds?: number;
  /** sleep between polls of an empty queue */
  pollMs?: number;
  /** stop once no job is queued or running (batch mode, tests, benchmarks) */
  exitWhenEmpty?: boolean;
  /** stop after this many jobs */
  maxJobs?: number;
  retry?: RetryPolicy;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** consecutive database errors (claim, complete...) tolerated, with growing pauses, before giving up */
  maxDatabaseErrors?: number;
  /** called after each job that this worker completed */
  onJob?: (job: Job, outcome: JobOutcome) => void;
}

export interface WorkerSummary {
  workerId: string;
  done: number;
  failed: number;
  dead: number;
  /** jobs finished by this worker after another had already taken them over (lease lost) */
  lost: number;
}

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const {
    db,
    leaseSeconds = 60,
    pollMs = 500,
    exitWhenEmpty = false,
    maxJobs = Number.POSITIVE_INFINITY,
    retry = DEFAULT_RETRY,
    signal,
    log = () => {},
    maxDatabaseErrors = 10,
  } = options;
  const workerId = options.workerId ?? newWorkerId();
  const summary: WorkerSummary = { workerId, done: 0, failed: 0, dead: 0, lost: 0 };
  await registerWorker(db, workerId);
  // The heartbeat runs on a timer beside the job; it also keeps the worker visible in `sitrep status`.
  let current: Job | null = null;
  const beat = setInterval(
    () => {
      const ids = current ? [current.id] : [];
      Promise.all([heartbeat(db, workerId, ids, leaseSeconds), touchWorker(db, workerId, summary)])
        .then(([lost]) => {
          for (const id of lost) log(`job ${id}: lease lost, another worker has taken it over`);
        })
        .catch((error: unknown) => log(`heartbeat failed: ${(error as Error).message}`));
    },
    Math.max(200, (leaseSeconds * 1000) / 3),
  );
  beat.unref();
  // Database trouble (a restart, a dropped connection) is not the job's fault: the worker waits and tries
  // again, and the job, if one was in hand, comes back when its lease expires (ingest is idempotent).
  let databaseErrors = 0;
  try {
    // Burying is a sweep over expired leases, not per-job work: once per half lease is soon enough.
    let nextBurial = 0;
    while (!signal?.aborted && summary.done + summary.failed + summary.dead < maxJobs) {
      try {
        if (Date.now() >= nextBurial) {
          await buryExpired(db);
          nextBurial = Date.now() + (leaseSeconds * 1000) / 2;
        }
        const [job] = await claim(db, workerId, leaseSeconds, 1);
        if (!job) {
          databaseErrors = 0;
          if (exitWhenEmpty && !(await hasPendingJobs(db))) break;
          await sleep(pollMs, signal);
          continue;
        }
        current = job;
        await runJob(job);
        databaseErrors = 0;
      } catch (error) {
        databaseErrors++;
        if (databaseErrors > maxDatabaseErrors) throw error;
        const waitMs = Math.min(30_000, 500 * 2 ** (databaseErrors - 1));
        log(
          `database error (${databaseErrors}/${maxDatabaseErrors}), retrying in ${waitMs} ms: ${(error as Error).message}`,
        );
        await sleep(waitMs, signal);
      } finally {
        current = null;
      }
    }
  } finally {
    clearInterval(beat);
    await stopWorker(db, workerId, summary).catch(() => {});
  }
  return summary;

  /** Runs one claimed job and records its outcome; throws only for database errors. */
  async function runJob(job: Job): Promise<void> {
    let outcome: JobOutcome;
    try {
      outcome = await options.process(job.article);
    } catch (error) {
      const reason = error instanceof Error ? error.message || error.name : String(error);
      const state = await fail(db, workerId, job, reason, retry);
      if (state === 'dead') summary.dead++;
      else if (state === 'queued') summary.failed++;
      else summary.lost++;
      log(`job ${job.id} (article ${job.articleId}) attempt ${job.attempts}/${job.maxAttempts}: ${reason}`);
      return;
    }
    if (await complete(db, workerId, job.id, outcome)) summary.done++;
    else summary.lost++;
    options.onJob?.(job, outcome);
  }
}

async function registerWorker(db: Queryable, workerId: string): Promise<void> {
  await db.query(
    `INSERT INTO queue_workers (id, host, pid) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET seen_at = now(), stopped_at = NULL`,
    [workerId, hostname(), process.pid],
  );
}

async function touchWorker(db: Queryable, workerId: string, summary: WorkerSummary): Promise<void> {
  await db.query(`UPDATE queue_workers SET seen_at = now(), processed = $2, failed = $3 WHERE id = $1`, [
    workerId,
    summary.done,
    summary.failed + summary.dead,
  ]);
}

async function stopWorker(db: Queryable, workerId: string, summary: WorkerSummary): Promise<void> {
  await touchWorker(db, workerId, summary);
  await db.query(`UPDATE queue_workers SET stopped_at = now() WHERE id = $1`, [workerId]);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
