// `sitrep db migrate|version`: schema management of the store (PGlite directory or PostgreSQL URL).
// Every other command checks the schema version when it opens the store; this one applies the migrations
// explicitly, e.g. once before starting many workers against a new PostgreSQL database.
import type { Command } from 'commander';
import { openDb, resolveDbLocation } from '../../store/db.ts';
import { currentVersion, LATEST_VERSION, migrate } from '../../store/migrate.ts';

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
        const after = await migrate(conn);
        console.log(
          before === after
            ? `schema is up to date (version ${after})`
            : `schema migrated from version ${before} to ${after}`,
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
        const note =
          found === LATEST_VERSION
            ? 'up to date'
            : found < LATEST_VERSION
              ? 'run `sitrep db migrate`'
              : 'newer than this sitrep';
        console.log(`schema version ${found}, this sitrep expects ${LATEST_VERSION} (${note})`);
      } finally {
        await conn.close();
      }
    });
}
