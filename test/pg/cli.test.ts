// The scale-out commands end to end, as a user runs them against PostgreSQL:
// db migrate → ingest --queue → status → worker --drain --concurrency 2 → status.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTestDatabase, skipWithoutPg, type TestDatabase } from './pg-test-db.ts';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const REPORTS = fileURLToPath(new URL('../fixtures/reports/', import.meta.url));

async function sitrep(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, SITREP_DB: '' } });
}

describe('sitrep db / ingest --queue / worker / status on PostgreSQL', { skip: skipWithoutPg }, () => {
  let testDb: TestDatabase;
  before(async () => {
    testDb = await createTestDatabase('sitrep_cli');
  });
  after(async () => {
    await testDb?.drop();
  });

  test('migrate, queue the fixture reports, drain them with two workers, report the status', {
    timeout: 120_000,
  }, async () => {
    const url = testDb.url;
    assert.match(
      (await sitrep('db', 'migrate', '--db', url)).stdout,
      /schema migrated from version 0 to \d+/,
    );

    const queued = await sitrep('ingest', '--queue', '--db', url, '--rejects', '/dev/null', REPORTS);
    const count = Number(/queued (\d+) articles/.exec(queued.stderr)?.[1]);
    assert.ok(count >= 5, queued.stderr);

    const before = JSON.parse((await sitrep('status', '--db', url, '--json')).stdout);
    assert.deepEqual(before.depth, { queued: count, running: 0, done: 0, dead: 0 });
    assert.equal(before.store.articles, 0);

    const worked = await sitrep('worker', '--db', url, '--drain', '--concurrency', '2', '--poll', '50');
    const done = [...worked.stderr.matchAll(/: (\d+) done,/g)].map((m) => Number(m[1]));
    assert.equal(done.length, 2, worked.stderr);
    assert.equal(done[0] + done[1], count);

    const after = JSON.parse((await sitrep('status', '--db', url, '--json')).stdout);
    assert.deepEqual(after.depth, { queued: 0, running: 0, done: count, dead: 0 });
    assert.equal(after.lastMinute.done, count);
    assert.equal(after.store.articles, count);
    assert.ok(after.store.events > 0);
  });
});
