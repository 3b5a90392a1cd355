// Everything a store shows its users, in one comparable value: all events (with reports), control on a few
// dates, disputed events, counts, and the four export formats. Two stores fed the same articles must give
// equal snapshots whatever the backend, the number of workers, or the order the articles arrived in.
import type { Store } from '../../src/store/types.ts';
import type { StoredEvent } from '../../src/types.ts';
import { EXPORT_FORMATS, exporter } from '../../src/views/export/index.ts';

export interface StoreSnapshot {
  stats: Awaited<ReturnType<Store['stats']>>;
  events: StoredEvent[];
  control: Record<string, Awaited<ReturnType<Store['control']>>>;
  disputed: string[];
  exports: Record<string, string>;
}

export async function allEvents(store: Store): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.events({ limit: 500, cursor });
    events.push(...page.events);
    cursor = page.nextCursor;
  } while (cursor);
  return events;
}

export async function snapshot(store: Store, controlDates: string[]): Promise<StoreSnapshot> {
  const events = await allEvents(store);
  const control: StoreSnapshot['control'] = {};
  for (const date of controlDates) control[date] = await store.control(date);
  const exports: Record<string, string> = {};
  for (const format of EXPORT_FORMATS) {
    let text = '';
    for await (const chunk of exporter(format)(events)) text += chunk;
    exports[format] = text;
  }
  return {
    stats: await store.stats(),
    events,
    control,
    disputed: (await store.disputed()).map((e) => e.id).sort(),
    exports,
  };
}

/** Ids of the merged events with more than one report: the merges a snapshot made. */
export function mergedGroups(events: StoredEvent[]): string[][] {
  return events
    .filter((e) => e.reports.length > 1)
    .map((e) => e.reports.map((r) => r.event).sort())
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
