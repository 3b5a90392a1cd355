// What `sitrep status` shows about the queue: depth by state, throughput, failures, workers.
import type { Queryable } from '../store/db.ts';
import { JOB_STATES, type JobState } from './jobs.ts';

export interface QueueStatus {
  depth: Record<JobState, number>;
  /** queued jobs that already failed at least once and wait for their back-off */
  retrying: number;
  /** running jobs whose lease has passed (their worker died); the next claim takes them over */
  expired: number;
  /** jobs finished in the last 60 seconds, and the same per second */
  lastMinute: { done: number; failed: number; perSecond: number };
  /** most recent failures, retrying or dead, with their reasons */
  failures: Array<{
    job: string;
    article: string;
    state: JobState;
    attempts: number;
    error: string;
    at: number;
  }>;
  /** workers seen (heartbeat) in the last 2 minutes */
  workers: Array<{
    id: string;
    host: string;
    pid: number;
    seenSecondsAgo: number;
    processed: number;
    failed: number;
  }>;
}

export async function queueStatus(db: Queryable, failureLimit = 10): Promise<QueueStatus> {
  const depth = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
  const counts = await db.query<{ state: JobState; n: number }>(
    'SELECT state, count(*)::int AS n FROM jobs GROUP BY state',
  );
  for (const row of counts.rows) depth[row.state] = row.n;
  const extra = await db.query<{ retrying: number; expired: number; done: number; failed: number }>(
    `SELECT count(*) FILTER (WHERE state = 'queued' AND attempts > 0)::int AS retrying,
            count(*) FILTER (WHERE state = 'running' AND lease_until < now())::int AS expired,
            count(*) FILTER (WHERE state = 'done' AND finished_at > now() - interval '1 minute')::int AS done,
            count(*) FILTER (WHERE state <> 'done' AND last_error IS NOT NULL
                               AND updated_at > now() - interval '1 minute')::int AS failed
       FROM jobs`,
  );
  const { retrying, expired, done, failed } = extra.rows[0];
  const failures = await db.query<{
    id: string;
    article_id: string;
    state: JobState;
    attempts: number;
    last_error: string;
    at: number;
  }>(
    `SELECT id::text AS id, article_id, state, attempts, last_error,
            (extract(epoch FROM updated_at) * 1000)::float8 AS at
       FROM jobs WHERE last_error IS NOT NULL AND state IN ('queued', 'dead')
      ORDER BY updated_at DESC LIMIT $1`,
    [failureLimit],
  );
  const workers = await db.query<{
    id: string;
    host: string;
    pid: number;
    ago: number;
    processed: number;
    failed: number;
  }>(
    `SELECT id, host, pid, extract(epoch FROM now() - seen_at)::float8 AS ago, processed, failed
       FROM queue_workers
      WHERE stopped_at IS NULL AND seen_at > now() - interval '2 minutes'
      ORDER BY seen_at DESC`,
  );
  return {
    depth,
    retrying,
    expired,
    lastMinute: { done, failed, perSecond: done / 60 },
    failures: failures.rows.map((r) => ({
      job: r.id,
      article: r.article_id,
      state: r.state,
      attempts: r.attempts,
      error: r.last_error,
      at: r.at,
    })),
    workers: workers.rows.map((r) => ({
      id: r.id,
      host: r.host,
      pid: r.pid,
      seenSecondsAgo: Math.round(r.ago),
      processed: r.processed,
      failed: r.failed,
    })),
  };
}

/** A short human-readable report of the queue status. */
export function formatQueueStatus(status: QueueStatus): string {
  const lines: string[] = [];
  const { depth } = status;
  lines.push(
    `queue: ${depth.queued} queued (${status.retrying} retrying), ${depth.running} running` +
      `${status.expired ? ` (${status.expired} with expired lease)` : ''}, ${depth.done} done, ${depth.dead} dead`,
  );
  lines.push(
    `last minute: ${status.lastMinute.done} done (${status.lastMinute.perSecond.toFixed(2)}/s), ` +
      `${status.lastMinute.failed} failed`,
  );
  lines.push(`workers seen in the last 2 minutes: ${status.workers.length}`);
  for (const w of status.workers) {
    lines.push(`  ${w.id}  seen ${w.seenSecondsAgo}s ago, ${w.processed} done, ${w.failed} failed`);
  }
  if (status.failures.length) {
    lines.push('recent failures:');
    for (const f of status.failures) {
      lines.push(
        `  job ${f.job} article ${f.article} [${f.state}, attempt ${f.attempts}] ${oneLine(f.error)}`,
      );
    }
  }
  return lines.join('\n');
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}
