// `sitrep claims --disputed`: events one source asserts or claims and another denies, with both sides.
import type { Command } from 'commander';
import { openStore } from '../../store/index.ts';
import { disputedClaims } from '../../views/disputed.ts';
import { parseFormat } from './query-options.ts';

export function register(program: Command): void {
  program
    .command('claims')
    .description('disputed claims with both sides’ sources and sentences')
    .option('--disputed', 'disputed claims (the only kind listed for now)', true)
    .option('--db <url>', 'PGlite directory or postgres:// URL (default: $SITREP_DB or ./.sitrep/db)')
    .option('--format <format>', 'table or jsonl', 'table')
    .action(async (raw: Record<string, unknown>) => {
      const format = parseFormat(raw.format, ['table', 'jsonl'] as const);
      const store = await openStore(raw.db as string | undefined);
      try {
        const claims = disputedClaims(await store.disputed());
        for (const { event, affirm, deny } of claims) {
          if (format === 'jsonl') {
            process.stdout.write(`${JSON.stringify({ event: event.id, type: event.type, affirm, deny })}\n`);
            continue;
          }
          const where = event.location?.name ?? 'unknown place';
          console.log(`${event.date?.value ?? '?'}  ${event.type} at ${where}  [${event.id}]`);
          for (const [side, reports] of [
            ['affirms', affirm],
            ['denies', deny],
          ] as const)
            for (const r of reports)
              console.log(
                `  ${side.padEnd(7)} ${r.modality.padEnd(8)} ${r.source.name ?? r.source.text ?? r.source.kind}: “${r.sentence}”`,
              );
        }
        if (format === 'table' && claims.length === 0) console.log('no disputed claims');
      } finally {
        await store.close();
      }
    });
}
