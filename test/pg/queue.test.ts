// The job queue against a real PostgreSQL: claims never overlap, failures back off then die with their
// reason, expired leases are taken over, and the worker loop drains a queue with flaky jobs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  backoffSeconds,
  buryExpired,
  claim,
  complete,
  enqueue,
  fail,
  formatQueueStatus,
  heartbeat,
  queueStatus,
  runWorker,
} from '../../src/queue/index.ts';
import { type Db, openDb, type Queryable } from '../../src/store/db.ts';
import type { Article } from '../../src/types.ts';
import { migrateForTest } from './migrate-for-test.ts';
import { createTestDatabase, skipWithoutPg, type TestDatabase } from './pg-test-db.ts';

const policy = { maxAttempts: 3, backoffBaseSeconds: 30, backoffMaxSeconds: 300 };

function articles(n: number, prefix = 'a'): Article[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    date: '2025-03-01',
    text: `Report ${prefix}${i}: fighting was reported near the town.`,
  }));
}

describe('job queue on PostgreSQL', { skip: skipWithoutPg }, () => {
  let testDb: TestDatabase;
  let db: Db;

  before(async () => {
    testDb = await createTestDatabase();
    db = await openDb(testDb.url);
    await migrateForTest(db);
  });
  after(async () => {
    await db?.close();
    await testDb?.drop();
  });

  async function reset(): Promise<void> {
    await db.exec('TRUNCATE jobs, queue_workers');
  }

  async function job(articleId: string) {
    const { rows } = await db.query<{
      state: string;
      attempts: number;
      last_error: string | null;
      worker: string | null;
      wait: number;
    }>(
      `SELECT state, attempts, last_error, worker, extract(epoch FROM run_after - now())::float8 AS wait
         FROM jobs WHERE article_id = $1`,
      [articleId],
    );
    return rows[0];
  }

  test('enqueue is idempotent per article, and re-enqueuing a dead job revives it', async () => {
    await reset();
    const batch = articles(5);
    assert.deepEqual(await enqueue(db, [...batch, batch[0]], policy), { enqueued: 5, skipped: 1 });
    assert.deepEqual(await enqueue(db, batch, policy), { enqueued: 0, skipped: 5 });
    await db.query(
      `UPDATE jobs SET state = 'dead', attempts = 3, last_error = 'boom' WHERE article_id = 'a2'`,
    );
    assert.deepEqual(await enqueue(db, batch, policy), { enqueued: 1, skipped: 4 });
    const revived = await job('a2');
    assert.equal(revived.state, 'queued');
    assert.equal(revived.attempts, 0);
    assert.equal(revived.last_error, null);
  });

  test('concurrent claimers on separate connections never take the same job', async () => {
    await reset();
    await enqueue(db, articles(60), policy);
    const claimers = await Promise.all(Array.from({ length: 4 }, () => openDb(testDb.url)));
    try {
      const taken = await Promise.all(
        claimers.map(async (conn, i) => {
          const mine: string[] = [];
          for (;;) {
            const jobs = await claim(conn, `w${i}`, 60, 2);
            if (jobs.length === 0) return mine;
            mine.push(...jobs.map((j) => j.articleId));
          }
        }),
      );
      const all = taken.flat();
      assert.equal(all.length, 60);
      assert.equal(new Set(all).size, 60);
      assert.ok(taken.filter((t) => t.length > 0).length >= 2, 'work was spread over several claimers');
    } finally {
      await Promise.all(claimers.map((c) => c.close()));
    }
  });

  test('a failed attempt backs off exponentially, then the job dies with its reason', async () => {
    await reset();
    await enqueue(db, articles(1, 'f'), policy);
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
      const [claimed] = await claim(db, 'w1', 60);
      assert.ok(claimed, `attempt ${attempt} is claimable`);
      assert.equal(claimed.attempts, attempt);
      const state = await fail(db, 'w1', claimed, `parser exploded #${attempt}`, policy);
      const row = await job('f0');
      if (attempt < policy.maxAttempts) {
        assert.equal(state, 'queued');
        // waiting for its back-off: not claimable now
        assert.ok(Math.abs(row.wait - backoffSeconds(attempt, policy)) < 2, `wait ${row.wait}`);
        assert.deepEqual(await claim(db, 'w2', 60), []);
        await db.query(`UPDATE jobs SET run_after = now() WHERE article_id = 'f0'`);
      } else {
        assert.equal(state, 'dead');
        assert.equal(row.last_error, `parser exploded #${attempt}`);
      }
    }
    assert.deepEqual(await claim(db, 'w2', 60), []);
    assert.deepEqual(
      [backoffSeconds(1, policy), backoffSeconds(2, policy), backoffSeconds(5, policy)],
      [30, 60, 300],
    );
  });

  test('an expired lease is taken over; the old worker can no longer complete or fail the job', async () => {
    await reset();
    await enqueue(db, articles(1, 'l'), policy);
    const [first] = await claim(db, 'killed', 60);
    assert.deepEqual(await claim(db, 'other', 60), [], 'a live lease is respected');
    // the heartbeat keeps it alive...
    assert.deepEqual(await heartbeat(db, 'killed', [first.id], 60), []);
    // ...until the worker stops beating and the lease passes
    await db.query(`UPDATE jobs SET lease_until = now() - interval '1 second' WHERE id = $1`, [first.id]);
    assert.equal((await queueStatus(db)).expired, 1);
    const [taken] = await claim(db, 'other', 60);
    assert.equal(taken.id, first.id);
    assert.equal(taken.attempts, 2);
    assert.match((await job('l0')).last_error ?? '', /lease expired: worker killed stopped/);
    assert.equal(
      await complete(db, 'killed', first.id, { inserted: true, events: 0, created: 0, updated: 0 }),
      false,
    );
    assert.equal(await fail(db, 'killed', first, 'late', policy), null);
    assert.deepEqual(
      await heartbeat(db, 'killed', [first.id], 60),
      [first.id],
      'the old worker learns it lost it',
    );
    assert.equal(
      await complete(db, 'other', taken.id, { inserted: true, events: 1, created: 1, updated: 0 }),
      true,
    );
    assert.equal((await job('l0')).state, 'done');
  });

  test('a job whose worker dies on its last attempt is buried, not claimed forever', async () => {
    await reset();
    await enqueue(db, articles(1, 'p'), { maxAttempts: 1 });
    const [claimed] = await claim(db, 'victim', 60);
    assert.ok(claimed);
    await db.query(`UPDATE jobs SET lease_until = now() - interval '1 second'`);
    assert.deepEqual(await claim(db, 'other', 60), [], 'not claimed for an attempt it does not have');
    assert.equal(await buryExpired(db), 1);
    const row = await job('p0');
    assert.equal(row.state, 'dead');
    assert.match(row.last_error ?? '', /lease expired on the last attempt \(1\/1\): worker victim/);
    assert.deepEqual(await claim(db, 'other', 60), []);
  });

  test('the worker loop drains a queue, retrying flaky articles and burying hopeless ones', async () => {
    await reset();
    await enqueue(db, articles(12, 'w'), policy);
    const seen = new Map<string, number>();
    const summary = await runWorker({
      db,
      workerId: 'loop',
      exitWhenEmpty: true,
      pollMs: 20,
      retry: { maxAttempts: 3, backoffBaseSeconds: 0.05, backoffMaxSeconds: 0.2 },
      process: async (article) => {
        const n = (seen.get(article.id) ?? 0) + 1;
        seen.set(article.id, n);
        if (article.id === 'w3') throw new Error('always broken');
        if (article.id === 'w7' && n === 1) throw new Error('transient: connection reset');
        return { inserted: true, events: 1, created: 1, updated: 0 };
      },
    });
    assert.equal(summary.done, 11);
    assert.equal(summary.dead, 1);
    assert.equal(summary.failed, 3, 'w7 once, w3 twice before it died');
    assert.equal(seen.get('w3'), 3);
    assert.equal(seen.get('w7'), 2);
    const status = await queueStatus(db);
    assert.deepEqual(status.depth, { queued: 0, running: 0, done: 11, dead: 1 });
    assert.equal(status.lastMinute.done, 11);
    assert.deepEqual(
      status.failures.map((f) => [f.article, f.state, f.error]),
      [['w3', 'dead', 'always broken']],
    );
    assert.equal(status.workers.length, 0, 'a worker that stopped is not listed as active');
    const text = formatQueueStatus(status);
    assert.match(text, /^queue: 0 queued \(0 retrying\), 0 running, 11 done, 1 dead$/m);
    assert.match(text, /^last minute: 11 done \(0\.18\/s\), 1 failed$/m);
    assert.match(text, /^ {2}job \d+ article w3 \[dead, attempt 3\] always broken$/m);
  });

  test('a worker rides out database errors between jobs instead of dying', async () => {
    await reset();
    await enqueue(db, articles(3, 'd'), policy);
    let claimsToBreak = 2;
    const flaky: Queryable = {
      kind: db.kind,
      exec: (sql) => db.exec(sql),
      query: <T>(sql: string, params?: unknown[]) => {
        if (sql.includes('FOR UPDATE SKIP LOCKED') && claimsToBreak-- > 0)
          return Promise.reject(new Error('Connection terminated unexpectedly'));
        return db.query<T>(sql, params);
      },
    };
    const logged: string[] = [];
    const summary = await runWorker({
      db: flaky,
      workerId: 'flaky',
      exitWhenEmpty: true,
      pollMs: 10,
      log: (line) => logged.push(line),
      process: async () => ({ inserted: true, events: 0, created: 0, updated: 0 }),
    });
    assert.equal(summary.done, 3);
    assert.equal(logged.filter((l) => /database error \(\d\/10\), retrying/.test(l)).length, 2);
    const giveUp = runWorker({
      db: {
        ...flaky,
        query: <T>(sql: string, params?: unknown[]) =>
          sql.includes('FOR UPDATE SKIP LOCKED')
            ? Promise.reject(new Error('the database is gone'))
            : db.query<T>(sql, params),
      },
      workerId: 'doomed',
      maxDatabaseErrors: 1,
      process: async () => ({ inserted: true, events: 0, created: 0, updated: 0 }),
    });
    await assert.rejects(giveUp, /the database is gone/);
  });

  test('a worker survives the server dropping its connections', async () => {
    await reset();
    const url = new URL(testDb.url);
    url.searchParams.set('application_name', 'dropped-worker');
    const workerDb = await openDb(url.toString());
    const controller = new AbortController();
    let done = 0;
    const worker = runWorker({
      db: workerDb,
      workerId: 'dropped',
      pollMs: 20,
      signal: controller.signal,
      process: async () => {
        done++;
        return { inserted: true, events: 0, created: 0, updated: 0 };
      },
    });
    const waitForDone = async (n: number) => {
      for (let i = 0; i < 500 && done < n; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal(done, n);
    };
    try {
      await enqueue(db, articles(2, 'x'), policy);
      await waitForDone(2);
      const killed = await db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'dropped-worker'`,
      );
      assert.ok(killed.rows.length >= 1);
      await enqueue(db, articles(2, 'y'), policy);
      await waitForDone(4);
    } finally {
      controller.abort();
      await worker;
      await workerDb.close();
    }
  });

  test('status lists live workers; an aborted worker finishes its job first', async () => {
    await reset();
    await enqueue(db, articles(3, 's'), policy);
    const controller = new AbortController();
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const worker = runWorker({
      db,
      workerId: 'live',
      signal: controller.signal,
      pollMs: 20,
      process: async () => {
        started();
        await blocked;
        return { inserted: true, events: 0, created: 0, updated: 0 };
      },
    });
    await running;
    const status = await queueStatus(db);
    assert.deepEqual(status.depth, { queued: 2, running: 1, done: 0, dead: 0 });
    assert.deepEqual(
      status.workers.map((w) => w.id),
      ['live'],
    );
    controller.abort();
    release();
    const summary = await worker;
    assert.equal(summary.done, 1, 'an aborted worker finishes the job in hand, then stops');
  });
});
