// `sitrep worker`: pulls ingest jobs (queued by `sitrep ingest --queue`) from the store's PostgreSQL and runs
// them: extract, then store ingest. `--concurrency N` starts N worker processes, because extraction is
// CPU-bound and one Node process uses one core; they coordinate only through the database.
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { DEFAULT_RETRY } from '../../queue/jobs.ts';
import { ingestProcessor } from '../../queue/process.ts';
import { runWorker, type WorkerSummary } from '../../queue/worker.ts';
import { isPostgresUrl, resolveDbLocation } from '../../store/db.ts';
import { openStore } from '../../store/index.ts';

interface WorkerCliOptions {
  db?: string;
  concurrency: number;
  drain?: boolean;
  lease: number;
  poll: number;
  maxJobs?: number;
  backoff: number;
  verbose?: boolean;
}

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return n;
};
const positiveNumber = (name: string) => (value: string) => {
  const n = Number(value);
  if (!(n > 0)) throw new Error(`${name} must be a positive number, got ${value}`);
  return n;
};

export function register(program: Command): void {
  program
    .command('worker')
    .description('run queued ingest jobs (see `ingest --queue`); several workers may share one PostgreSQL')
    .option('--db <url>', 'postgres:// URL of the store and queue (default: $SITREP_DB or ./.sitrep/db)')
    .option(
      '--concurrency <n>',
      'worker processes to run (one job at a time each)',
      positiveInt('--concurrency'),
      1,
    )
    .option('--drain', 'exit once no job is queued or running, instead of waiting for more')
    .option(
      '--lease <seconds>',
      'a job not heartbeated for this long is taken over',
      positiveNumber('--lease'),
      60,
    )
    .option('--poll <ms>', 'pause between polls of an empty queue', positiveNumber('--poll'), 500)
    .option('--max-jobs <n>', 'stop after this many jobs (per process)', positiveInt('--max-jobs'))
    .option(
      '--backoff <seconds>',
      'first retry delay after a failure; doubles on each further attempt',
      positiveNumber('--backoff'),
      DEFAULT_RETRY.backoffBaseSeconds,
    )
    .option('--verbose', 'print every job')
    .action(async (opts: WorkerCliOptions) => {
      const location = resolveDbLocation(opts.db);
      if (opts.concurrency > 1) {
        if (!isPostgresUrl(location))
          throw new Error('several workers need PostgreSQL (--db postgres://...): PGlite serves one process');
        process.exitCode = await superviseWorkers(location, opts);
        return;
      }
      await runOneWorker(location, opts);
    });
}

async function runOneWorker(location: string, opts: WorkerCliOptions): Promise<WorkerSummary> {
  // opening the store applies pending migrations (serialised by an advisory lock between workers)
  // loaded here, not at the top, so that the other commands start without loading the extractor
  const { extract } = await import('../../extract/index.ts');
  const store = await openStore(location);
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    console.error('worker: stopping after the current job (signal again to stop now)');
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const started = Date.now();
  try {
    const summary = await runWorker({
      db: store.db,
      process: ingestProcessor(store, extract),
      leaseSeconds: opts.lease,
      pollMs: opts.poll,
      exitWhenEmpty: opts.drain,
      maxJobs: opts.maxJobs,
      retry: { ...DEFAULT_RETRY, backoffBaseSeconds: opts.backoff },
      signal: controller.signal,
      log: (line) => console.error(`worker: ${line}`),
      onJob: opts.verbose
        ? (job, outcome) =>
            console.error(
              `worker: job ${job.id} article ${job.articleId}: ${outcome.events} events, ${outcome.created} new, ${outcome.updated} merged${outcome.inserted ? '' : ' (already stored)'}`,
            )
        : undefined,
    });
    const seconds = (Date.now() - started) / 1000;
    console.error(
      `worker ${summary.workerId}: ${summary.done} done, ${summary.failed} failed (will retry), ${summary.dead} dead, ` +
        `${summary.lost} taken over, in ${seconds.toFixed(1)}s (${(summary.done / Math.max(seconds, 0.001)).toFixed(1)} jobs/s)`,
    );
    return summary;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await store.close();
  }
}

/** Starts `concurrency` single-worker processes of this same command and waits for all of them. */
async function superviseWorkers(location: string, opts: WorkerCliOptions): Promise<number> {
  const args = ['worker', '--db', location, '--lease', String(opts.lease), '--poll', String(opts.poll)];
  args.push('--backoff', String(opts.backoff));
  if (opts.drain) args.push('--drain');
  if (opts.verbose) args.push('--verbose');
  if (opts.maxJobs) args.push('--max-jobs', String(opts.maxJobs));
  const children = Array.from({ length: opts.concurrency }, () =>
    spawn(process.execPath, [...process.execArgv, process.argv[1], ...args], { stdio: 'inherit' }),
  );
  // Ctrl-C reaches the children directly (same process group), so only SIGTERM, which is sent to this process
  // alone, is passed on; SIGINT is swallowed here so that the supervisor waits for its children to finish.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  });
  const codes = await Promise.all(
    children.map((child) => new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)))),
  );
  return codes.every((code) => code === 0) ? 0 : 1;
}
