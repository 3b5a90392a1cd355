// Migrations on PostgreSQL: a database created when the queue's migration (100) was already there but some
// store migrations (numbered lower) were not yet written must get those later, not be taken as up to date.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Db, openDb } from '../../src/store/db.ts';
import { LATEST_VERSION, loadMigrations, migrate } from '../../src/store/migrate.ts';
import { createTestDatabase, skipWithoutPg, type TestDatabase } from './pg-test-db.ts';

describe('schema migrations on PostgreSQL', { skip: skipWithoutPg }, () => {
  let testDb: TestDatabase;
  let db: Db;
  before(async () => {
    testDb = await createTestDatabase('sitrep_migrations');
    db = await openDb(testDb.url);
  });
  after(async () => {
    await db?.close();
    await testDb?.drop();
  });

  test('a migration numbered below the highest applied one is still applied', async () => {
    const migrations = loadMigrations();
    const first = migrations[0];
    const last = migrations.at(-1)!;
    const between = migrations.slice(1, -1);
    // the database as an older checkout left it: the first and the last migration only
    await db.exec(
      'CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)',
    );
    for (const m of [first, last]) {
      await db.exec(m.sql);
      await db.query('INSERT INTO schema_version VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        '2025-01-01T00:00:00Z',
      ]);
    }
    if (between.length > 0)
      await assert.rejects(
        migrate(db, { upgrade: false }),
        new RegExp(`migrations? ${between.map((m) => m.version).join(', ')}\\b`),
      );
    assert.equal(await migrate(db), LATEST_VERSION);
    const { rows } = await db.query<{ version: number }>(
      'SELECT version FROM schema_version ORDER BY version',
    );
    assert.deepEqual(
      rows.map((r) => r.version),
      migrations.map((m) => m.version),
    );
    assert.equal(await migrate(db, { upgrade: false }), LATEST_VERSION, 'now up to date');
  });
});
