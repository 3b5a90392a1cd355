// `sitrep control --at DATE`: who holds which place on a day, derived from the stored event history.
import type { Command } from 'commander';
import { z } from 'zod';
import { openStore } from '../../store/index.ts';
import { parseFormat, table } from './query-options.ts';

const Options = z.object({
  at: z
    .string({ error: '--at DATE is required' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, '--at must be a date YYYY-MM-DD')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), '--at is not a calendar date'),
  place: z.string().min(1).optional(),
  db: z.string().optional(),
});

export function register(program: Command): void {
  program
    .command('control')
    .description('control of places on a date')
    .requiredOption('--at <date>', 'the day (YYYY-MM-DD)')
    .option('--place <name>', 'only this place')
    .option('--db <url>', 'PGlite directory or postgres:// URL (default: $SITREP_DB or ./.sitrep/db)')
    .option('--format <format>', 'table or jsonl', 'table')
    .action(async (raw: Record<string, unknown>) => {
      const format = parseFormat(raw.format, ['table', 'jsonl'] as const);
      const parsed = Options.safeParse(raw);
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
      const store = await openStore(parsed.data.db);
      try {
        const records = await store.control(parsed.data.at, { place: parsed.data.place });
        if (format === 'jsonl') for (const r of records) process.stdout.write(`${JSON.stringify(r)}\n`);
        else
          console.log(
            table(
              ['place', 'holder', 'status', 'since', 'events'],
              records.map((r) => [
                r.place.name,
                r.holder?.name ?? '-',
                r.status,
                r.since ?? '',
                r.events.join(','),
              ]),
            ),
          );
      } finally {
        await store.close();
      }
    });
}
