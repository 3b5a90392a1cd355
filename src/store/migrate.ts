// Versioned migrations: src/store/migrations/NNN-name.sql, recorded in schema_version. Migrations are
// numbered in independent ranges (the store's 1..99, the queue's 100+), so what is pending is the set of known
// migrations the database has not recorded, not "everything above the highest applied version".
// A database that records a migration this code does not know is newer: refused with a clear error (an older
// sitrep must not write into a schema it does not know). Pending migrations are applied (in one transaction,
// under an advisory lock so concurrent workers migrate once), unless the caller asked not to (read-only
// commands), which makes them an error.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Db, Queryable } from './db.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
// Serialises concurrent migrators (several ingest workers starting against one PostgreSQL).
const MIGRATION_LOCK = 7_301_947_113;

export function loadMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .map((file) => /^(\d{3})-([\w-]+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      version: Number(m[1]),
      name: m[2],
      sql: readFileSync(new URL(m[0], MIGRATIONS_DIR), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
}

export const LATEST_VERSION = Math.max(0, ...loadMigrations().map((m) => m.version));

export class SchemaVersionError extends Error {}

/** Versions recorded in schema_version (empty for a new database). */
export async function appliedVersions(db: Queryable): Promise<Set<number>> {
  // two statements: a query naming a missing table fails when parsed
  const { rows } = await db.query<{ exists: boolean }>(
    `SELECT to_regclass('schema_version') IS NOT NULL AS exists`,
  );
  if (!rows[0]?.exists) return new Set();
  const versions = await db.query<{ version: number }>('SELECT version FROM schema_version');
  return new Set(versions.rows.map((r) => Number(r.version)));
}

/** The highest recorded version (0 for a new database). */
export async function currentVersion(db: Queryable): Promise<number> {
  return Math.max(0, ...(await appliedVersions(db)));
}

/** Known migrations the database lacks; throws when it records one this code does not know. */
function pendingFor(applied: Set<number>, migrations: Migration[]): Migration[] {
  const known = new Set(migrations.map((m) => m.version));
  const unknown = [...applied].filter((v) => !known.has(v));
  if (unknown.length)
    throw new SchemaVersionError(
      `database schema version ${Math.max(...unknown)} is newer than this sitrep supports (${LATEST_VERSION}); upgrade sitrep`,
    );
  return migrations.filter((m) => !applied.has(m.version));
}

/** Brings the schema up to date (see the file comment); returns LATEST_VERSION. */
export async function migrate(db: Db, opts: { upgrade?: boolean } = {}): Promise<number> {
  const migrations = loadMigrations();
  const pending = pendingFor(await appliedVersions(db), migrations);
  if (pending.length === 0) return LATEST_VERSION;
  if (opts.upgrade === false)
    throw new SchemaVersionError(
      `database schema is older than this sitrep: it lacks migrations ${pending.map((m) => m.version).join(', ')}; run \`sitrep db migrate\` or \`sitrep ingest\``,
    );
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)',
    );
    // Another process may have migrated while this one waited for the lock: look again.
    for (const migration of pendingFor(await appliedVersions(tx), migrations)) {
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    }
  });
  return LATEST_VERSION;
}

/** A short fingerprint of all migrations (caches of built stores are keyed on it). */
export function schemaFingerprint(): string {
  return createHash('sha256')
    .update(
      loadMigrations()
        .map((m) => `${m.version}:${m.sql}`)
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 10);
}
