// `sitrep db migrate|version`: schema management of the store (PGlite directory or PostgreSQL URL).
// Every other command checks the schema version when it opens the store; this one applies the migrations
// explicitly, e.g. once before starting many workers against a new PostgreSQL database.
import type { Command } from 'commander';
import { openDb, type Queryable, resolveDbLocation } from '../../store/db.ts';
import { currentVersion, LATEST_VERSION, migrate, SchemaVersionError } from '../../store/migrate.ts';

export function register(program: Command): void {
  const db = program.command('db').description('database schema: apply migrations, show the version');
  db.command('migrate')
    .description('apply pending schema migrations (store and job queue)')
    .option('--db <url>', 'PGlite directory or postgres:// URL (default: $SITREP_DB or ./.sitrep/db)')
    .action(async (opts: { db?: string }) => {
      const location = resolveDbLocation(opts.db);
      const conn = await openDb(location);
      try {
        const before = await currentVersion(conn);
        const appliedBefore = await appliedCount(conn);
        const after = await migrate(conn);
        const applied = (await appliedCount(conn)) - appliedBefore;
        console.log(
          applied === 0
            ? `schema is up to date (version ${after})`
            : `schema migrated from version ${before} to ${after} (${applied} migration${applied === 1 ? '' : 's'} applied)`,
        );
      } finally {
        await conn.close();
      }
    });
  db.command('version')
    .description('show the schema version of the database and the one this sitrep expects')
    .option('--db <url>', 'PGlite directory or postgres:// URL (default: $SITREP_DB or ./.sitrep/db)')
    .action(async (opts: { db?: string }) => {
      const conn = await openDb(resolveDbLocation(opts.db));
      try {
        const found = await currentVersion(conn);
        // the runner's own check (upgrade: false) also sees a migration missing below the highest applied one
        const note = await migrate(conn, { upgrade: false }).then(
          () => 'up to date',
          (error: unknown) => {
            if (!(error instanceof SchemaVersionError)) throw error;
            return found > LATEST_VERSION ? 'newer than this sitrep' : 'run `sitrep db migrate`';
          },
        );
        console.log(`schema version ${found}, this sitrep expects ${LATEST_VERSION} (${note})`);
      } finally {
        await conn.close();
      }
    });
}

/** Number of migrations recorded in the database (0 for a new one). */
async function appliedCount(db: Queryable): Promise<number> {
  // two statements: a query naming a missing table fails when parsed, whatever CASE would have chosen
  const exists = await db.query<{ exists: boolean }>(
    `SELECT to_regclass('schema_version') IS NOT NULL AS exists`,
  );
  if (!exists.rows[0]?.exists) return 0;
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_version');
  return rows[0]?.n ?? 0;
}
