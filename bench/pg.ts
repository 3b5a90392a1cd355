// Ingest throughput on PostgreSQL with 1, 2 and 4 queue workers, beside the embedded store (PGlite, one
// process) and a single process writing straight to PostgreSQL, all on the same generated articles in the
// same run. Needs SITREP_TEST_PG (scripts/pg-test-server.sh start); without it, it says so and skips.
//   node --import tsx bench/pg.ts            (SITREP_BENCH_PG_ARTICLES=800 by default)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extract } from '../src/extract/index.ts';
import { enqueue, ingestProcessor } from '../src/queue/index.ts';
import { openStore } from '../src/store/index.ts';
import type { Article } from '../src/types.ts';
import { generateArticles } from '../test/pg/article-generator.ts';
import { createTestDatabase } from '../test/pg/pg-test-db.ts';

const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const WORKER_COUNTS = [1, 2, 4];
/** jobs each worker runs before the steady-state measurement starts */
const WARM_JOBS = 5;

type Result = Record<string, number | string>;

export async function benchPg(): Promise<Result> {
  if (!process.env.SITREP_TEST_PG) {
    const reason =
      'SITREP_TEST_PG is not set (scripts/pg-test-server.sh start): PostgreSQL benchmark skipped';
    console.error(`bench/pg: ${reason}`);
    return { 'pg.skipped': reason };
  }
  const count = Number(process.env.SITREP_BENCH_PG_ARTICLES ?? 800);
  const { articles } = generateArticles(count, 99);
  const result: Result = { 'pg.articles': count, 'pg.cores': availableParallelism() };
  // warm the extractor (lexicons, gazetteer) so that the first measurement does not pay for loading them
  await extract(generateArticles(1, 1).articles[0]);

  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-pglite-'));
  try {
    result['pg.embedded_pglite.articles_per_s'] = round(await ingestInProcess(dir, articles));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const direct = await createTestDatabase('sitrep_bench');
  try {
    result['pg.direct_1_process.articles_per_s'] = round(await ingestInProcess(direct.url, articles));
  } finally {
    await direct.drop();
  }

  for (const workers of WORKER_COUNTS) {
    const db = await createTestDatabase('sitrep_bench');
    try {
      const run = await ingestWithWorkers(db.url, articles, workers);
      result[`pg.queue_${workers}_workers.articles_per_s`] = round(run.jobsPerSecond);
      result[`pg.queue_${workers}_workers.wall_s`] = round(run.wallSeconds);
    } finally {
      await db.drop();
    }
  }
  return result;
}

/** One process: extract then store each article in turn (what `sitrep ingest` does). Articles per second. */
async function ingestInProcess(location: string, articles: Article[]): Promise<number> {
  const store = await openStore(location);
  try {
    const ingest = ingestProcessor(store, extract);
    const started = performance.now();
    for (const article of articles) await ingest(article);
    return articles.length / ((performance.now() - started) / 1000);
  } finally {
    await store.close();
  }
}

/**
 * Enqueues the articles, runs `sitrep worker --drain` in `workers` processes, and measures the steady-state
 * throughput from the job timestamps (database clock) while all workers were busy, so that process start-up
 * (tsx, extractor data) and the tail are not counted. The wall time, start-up included, is reported beside it.
 */
async function ingestWithWorkers(
  url: string,
  articles: Article[],
  workers: number,
): Promise<{ jobsPerSecond: number; wallSeconds: number }> {
  const store = await openStore(url);
  try {
    await enqueue(store.db, articles);
    const started = performance.now();
    const children = Array.from({ length: workers }, () =>
      spawn(process.execPath, ['--import', 'tsx', CLI, 'worker', '--db', url, '--drain', '--poll', '50'], {
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    );
    const codes = await Promise.all(
      children.map((child) => new Promise<number | null>((resolve) => child.on('exit', resolve))),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    if (codes.some((code) => code !== 0)) throw new Error(`a worker failed (exit codes ${codes.join(', ')})`);
    // Steady state: from the moment every worker has finished WARM_JOBS jobs (start-up and the extractor's
    // first-use loading are behind it) to the moment the first worker finishes its last job.
    const { rows } = await store.db.query<{ done: number; jobs: number; seconds: number }>(
      `WITH ranked AS (
         SELECT worker, finished_at, row_number() OVER (PARTITION BY worker ORDER BY finished_at) AS n
           FROM jobs WHERE state = 'done'
       ), per_worker AS (
         SELECT worker, max(finished_at) FILTER (WHERE n <= $1) AS ready, max(finished_at) AS last_finish
           FROM ranked GROUP BY worker
       ), steady AS (
         SELECT max(ready) AS from_t, min(last_finish) AS to_t FROM per_worker
       )
       SELECT (SELECT count(*)::int FROM jobs WHERE state = 'done') AS done,
              count(jobs.id)::int AS jobs, extract(epoch FROM steady.to_t - steady.from_t)::float8 AS seconds
         FROM steady LEFT JOIN jobs ON jobs.finished_at > steady.from_t AND jobs.finished_at <= steady.to_t
        GROUP BY steady.from_t, steady.to_t`,
      [WARM_JOBS],
    );
    const row = rows[0];
    if (!row || row.done !== articles.length)
      throw new Error(`${row?.done ?? 0}/${articles.length} jobs done`);
    if (row.jobs < 20 || !(row.seconds > 0))
      throw new Error(
        `too few jobs ran while all ${workers} workers were busy: raise SITREP_BENCH_PG_ARTICLES`,
      );
    return { jobsPerSecond: row.jobs / row.seconds, wallSeconds };
  } finally {
    await store.close();
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchPg();
  for (const [key, value] of Object.entries(result)) console.log(`${key.padEnd(42)} ${value}`);
}
