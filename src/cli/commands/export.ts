// `sitrep export --format acled-csv|geojson|plover|jsonl [filters] [-o FILE]`: streams stored events out.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { allEvents, openStore } from '../../store/index.ts';
import { acledModalities, EXPORT_FORMATS, exporter } from '../../views/export/index.ts';
import { addQueryOptions, exitQuietlyOnClosedStdout, parseFormat, toEventQuery } from './query-options.ts';

export function register(program: Command): void {
  addQueryOptions(program.command('export').description('export stored events'))
    .requiredOption('--format <format>', EXPORT_FORMATS.join(', '))
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (raw: Record<string, unknown>) => {
      const format = parseFormat(raw.format, EXPORT_FORMATS);
      const query = toEventQuery(raw);
      // ACLED codes what happened or what a party claims; other modalities only on explicit request.
      if (format === 'acled-csv' && !query.modality) query.modality = acledModalities();
      const store = await openStore(raw.db as string | undefined);
      exitQuietlyOnClosedStdout();
      const out: Writable = raw.output ? createWriteStream(String(raw.output)) : process.stdout;
      try {
        for await (const chunk of exporter(format)(allEvents(store, query)))
          if (!out.write(chunk)) await once(out, 'drain');
      } finally {
        await store.close();
        if (out !== process.stdout) {
          out.end();
          await once(out, 'finish');
        }
      }
    });
}
