// Export formats of stored events: each is a generator of text chunks, so exports stream.
import type { StoredEvent } from '../../types.ts';

type Events = Iterable<StoredEvent> | AsyncIterable<StoredEvent>;

import { acledCsv } from './acled-csv.ts';
import { geojson } from './geojson.ts';
import { plover } from './plover.ts';

export const EXPORT_FORMATS = ['acled-csv', 'geojson', 'plover', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export async function* jsonl(events: Events): AsyncGenerator<string> {
  for await (const event of events) yield `${JSON.stringify(event)}\n`;
}

export function exporter(format: ExportFormat): (events: Events) => AsyncGenerator<string> {
  switch (format) {
    case 'acled-csv':
      return acledCsv;
    case 'geojson':
      return geojson;
    case 'plover':
      return plover;
    case 'jsonl':
      return jsonl;
  }
}

export { ACLED_COLUMNS, acledModalities, acledRow } from './acled-csv.ts';
export { toFeature } from './geojson.ts';
export { toPlover } from './plover.ts';
