// `sitrep status`: the ingest queue at a glance (depth by state, throughput over the last minute, failures
// and dead jobs with their reasons, workers seen recently), plus what the store holds.
import type { Command } from 'commander';
import { formatQueueStatus, queueStatus } from '../../queue/status.ts';
import { openDb, resolveDbLocation } from '../../store/db.ts';
import { migrate } from '../../store/migrate.ts';

export function register(program: Command): void {
  program
    .command('status')
    .description('ingest queue and worker status')
    .option('--db <url>', 'PGlite directory or postgres:// URL (default: $SITREP_DB or ./.sitrep/db)')
    .option('--failures <n>', 'how many recent failures to list', (v) => Number.parseInt(v, 10), 10)
    .option('--json', 'print the status as JSON')
    .action(async (opts: { db?: string; failures: number; json?: boolean }) => {
      const db = await openDb(resolveDbLocation(opts.db));
      try {
        // Read-only: refuse a schema older or newer than this sitrep instead of upgrading it behind the user.
        await migrate(db, { upgrade: false });
        const status = await queueStatus(db, opts.failures);
        const store = await db.query<{ articles: number; events: number }>(
          'SELECT (SELECT count(*) FROM articles)::int AS articles, (SELECT count(*) FROM events)::int AS events',
        );
        if (opts.json) console.log(JSON.stringify({ ...status, store: store.rows[0] }, null, 2));
        else {
          console.log(formatQueueStatus(status));
          console.log(`store: ${store.rows[0].articles} articles, ${store.rows[0].events} events`);
        }
      } finally {
        await db.close();
      }
    });
}
