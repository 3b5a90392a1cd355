// The fault test of the scale-out path: 4 `sitrep worker` processes ingest 500 generated articles from the
// PostgreSQL queue; in the middle of the run two of them are killed with SIGKILL (no clean-up, transactions
// cut off, jobs left "running"), then two fresh workers are started. The store they build must equal the one
// a single process builds by ingesting the same articles in order: same event ids, same merges, same
// control, same exports; no article lost, none doubled.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { extract } from '../../src/extract/index.ts';
import { enqueue, ingestProcessor, queueStatus } from '../../src/queue/index.ts';
import { openStore, type SqlStore } from '../../src/store/index.ts';
import { generateArticles } from './article-generator.ts';
import { createTestDatabase, skipWithoutPg, type TestDatabase } from './pg-test-db.ts';
import { mergedGroups, snapshot } from './store-snapshot.ts';

const ARTICLES = 500;
const WORKER_CLI = fileURLToPath(new URL('./worker-cli.ts', import.meta.url));
// A short lease, so that the jobs of the killed workers are taken over within seconds.
const LEASE_SECONDS = 3;

interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: string[];
}

function startWorker(url: string): WorkerProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      WORKER_CLI,
      'worker',
      '--db',
      url,
      '--drain',
      '--lease',
      String(LEASE_SECONDS),
      '--poll',
      '100',
      '--backoff',
      '0.2',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output };
}

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('queue workers killed with SIGKILL', { skip: skipWithoutPg }, () => {
  let referenceDb: TestDatabase;
  let queueDb: TestDatabase;
  let reference: SqlStore;
  let queued: SqlStore;
  const workers: WorkerProcess[] = [];

  before(async () => {
    referenceDb = await createTestDatabase('sitrep_ref');
    queueDb = await createTestDatabase('sitrep_queue');
    reference = await openStore(referenceDb.url);
    queued = await openStore(queueDb.url);
  });
  after(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await reference?.close();
    await queued?.close();
    await referenceDb?.drop();
    await queueDb?.drop();
  });

  test('4 workers, 2 killed mid-run and restarted, build the store a single process builds', {
    timeout: 150_000,
  }, async () => {
    const { articles, incidents } = generateArticles(ARTICLES, 2025);
    assert.ok(incidents < ARTICLES, 'some incidents are reported by several articles');

    // Single process, articles in order: the reference.
    const ingestOne = ingestProcessor(reference, extract);
    for (const article of articles) await ingestOne(article);

    // The queue: four workers, two of them killed once a third of the jobs is done.
    assert.deepEqual(await enqueue(queued.db, articles), { enqueued: ARTICLES, skipped: 0 });
    for (let i = 0; i < 4; i++) workers.push(startWorker(queueDb.url));
    const status = () => queueStatus(queued.db);
    await waitFor('a third of the jobs', async () => (await status()).depth.done >= ARTICLES / 3, 90_000);
    const victims = workers.slice(0, 2);
    // kill each victim while it holds a job, so the kill interrupts real work
    for (const victim of victims) {
      const pid = victim.child.pid;
      await waitFor(
        `worker ${pid} to hold a job`,
        async () =>
          (
            await queued.db.query(`SELECT 1 FROM jobs WHERE state = 'running' AND worker LIKE $1`, [
              `%:${pid}:%`,
            ])
          ).rows.length > 0,
        10_000,
      ).catch(() => {});
      victim.child.kill('SIGKILL');
    }
    assert.deepEqual(await Promise.all(victims.map((v) => v.exited)), [null, null], 'killed, not exited');
    const doneAtKill = (await status()).depth.done;
    assert.ok(doneAtKill < ARTICLES, `killed in the middle (${doneAtKill}/${ARTICLES} done)`);
    for (let i = 0; i < 2; i++) workers.push(startWorker(queueDb.url));
    const codes = await Promise.all(workers.slice(2).map((w) => w.exited));
    assert.deepEqual(codes, [0, 0, 0, 0], workers.map((w) => w.output.join('')).join('\n'));

    // Every job done exactly once from the queue's point of view, and the interrupted ones were taken over.
    const final = await status();
    assert.deepEqual(final.depth, { queued: 0, running: 0, done: ARTICLES, dead: 0 });
    const { rows } = await queued.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs WHERE last_error LIKE 'lease expired%'`,
    );
    assert.ok(rows[0].n >= 1, 'at least one job of a killed worker was taken over after its lease expired');

    // The same store: ids, merges, control, disputes and exports.
    const lastDay =
      articles
        .map((a) => a.date ?? '')
        .sort()
        .at(-1) ?? '';
    const expected = await snapshot(reference, ['2025-02-01', lastDay]);
    const actual = await snapshot(queued, ['2025-02-01', lastDay]);
    assert.equal(actual.stats.articles, ARTICLES, 'no article lost or doubled');
    assert.ok(expected.stats.events > 0);
    assert.ok(mergedGroups(expected.events).length > 0, 'the articles made cross-report merges');
    const expectedIds = new Set(expected.events.map((e) => e.id));
    const actualIds = new Set(actual.events.map((e) => e.id));
    const missing = [...expectedIds].filter((id) => !actualIds.has(id));
    const extra = [...actualIds].filter((id) => !expectedIds.has(id));
    assert.deepEqual(
      { missing: missing.length, extra: extra.length },
      { missing: 0, extra: 0 },
      `events: ${expected.events.length} expected, ${actual.events.length} stored by the workers; ` +
        `missing ${missing.slice(0, 5).join(' ')}; extra ${extra.slice(0, 5).join(' ')}`,
    );
    assert.deepEqual(mergedGroups(actual.events), mergedGroups(expected.events));
    assert.deepEqual(actual, expected);
  });
});
