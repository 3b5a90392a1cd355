// `sitrep events`: query stored (merged) events with filters; a table or JSON lines on stdout.
import type { Command } from 'commander';
import { allEvents, openStore } from '../../store/index.ts';
import {
  addQueryOptions,
  exitQuietlyOnClosedStdout,
  parseFormat,
  table,
  toEventQuery,
} from './query-options.ts';

export function register(program: Command): void {
  addQueryOptions(program.command('events').description('query stored events'))
    .option('--format <format>', 'table or jsonl', 'table')
    .action(async (raw: Record<string, unknown>) => {
      const format = parseFormat(raw.format, ['table', 'jsonl'] as const);
      const query = toEventQuery(raw);
      if (query.limit === undefined && format === 'table') query.limit = 100;
      exitQuietlyOnClosedStdout();
      const store = await openStore(raw.db as string | undefined);
      try {
        const rows: string[][] = [];
        for await (const e of allEvents(store, query)) {
          if (format === 'jsonl') process.stdout.write(`${JSON.stringify(e)}\n`);
          else
            rows.push([
              e.date?.value ?? '',
              e.type,
              e.actor1?.name ?? '',
              e.actor2?.name ?? '',
              e.location?.name ?? '',
              e.modality + (e.disputed ? ' (disputed)' : ''),
              String(e.reports.length),
              e.id,
            ]);
        }
        if (format === 'table')
          console.log(
            table(['date', 'type', 'actor1', 'actor2', 'place', 'modality', 'reports', 'id'], rows),
          );
      } finally {
        await store.close();
      }
    });
}
