// Versioned migrations: src/store/migrations/NNN-name.sql, applied in order, each in its own transaction,
// recorded in schema_version. A database newer than this code is refused with a clear error (an older sitrep
// must not write into a schema it does not know); an older one is upgraded, unless the caller asked not to.
import { readdirSync, readFileSync } from 'node:fs';
import type { Db } from './db.ts';

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

export async function currentVersion(db: Db): Promise<number> {
  const { rows } = await db.query<{ exists: boolean }>(
    `SELECT to_regclass('schema_version') IS NOT NULL AS exists`,
  );
  if (!rows[0]?.exists) return 0;
  const version = await db.query<{ v: number | null }>('SELECT max(version)::int AS v FROM schema_version');
  return version.rows[0]?.v ?? 0;
}

/** Brings the schema to LATEST_VERSION; with `upgrade: false` only checks and throws when it differs. */
export async function migrate(db: Db, opts: { upgrade?: boolean } = {}): Promise<number> {
  const migrations = loadMigrations();
  const found = await currentVersion(db);
  if (found > LATEST_VERSION)
    throw new SchemaVersionError(
      `database schema version ${found} is newer than this sitrep supports (${LATEST_VERSION}); upgrade sitrep`,
    );
  if (found === LATEST_VERSION) return found;
  if (opts.upgrade === false)
    throw new SchemaVersionError(
      `database schema version ${found} is older than this sitrep (${LATEST_VERSION}); run \`sitrep ingest\` or open it with migrations enabled`,
    );
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)',
    );
    const { rows } = await tx.query<{ v: number | null }>(
      'SELECT max(version)::int AS v FROM schema_version',
    );
    const applied = rows[0]?.v ?? 0;
    for (const migration of migrations.filter((m) => m.version > applied)) {
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
