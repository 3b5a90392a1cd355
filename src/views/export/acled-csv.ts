// ACLED CSV: ACLED's 31 columns in ACLED's order, one row per stored (merged) event.
// Codes come from data: actor kind → inter code (data/acled-inter.json), ISO2 → ISO numeric, ACLED country
// name, region and alpha-3 (data/acled-countries.json). Deviations from ACLED's codebook: admin2/admin3 are
// empty (the gazetteer gives admin1 only), source_scale is empty, event_id_cnty is alpha-3 + a number derived
// from the stable event id, timestamp is the latest report's publication day (so exports are reproducible).
import { readFileSync } from 'node:fs';
import type { Actor, Modality, StoredEvent } from '../../types.ts';

type Events = Iterable<StoredEvent> | AsyncIterable<StoredEvent>;

import { csvRow } from '../csv.ts';

export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;

interface InterData {
  exportModalities: Modality[];
  byKind: Record<string, number>;
  byEventType: Record<string, Record<string, number>>;
  disorderType: Record<string, string>;
  civilianTargeting: string[];
  timePrecision: Record<string, number>;
  geoPrecision: Record<string, number>;
}
interface CountryData {
  countries: Record<string, { iso: number; name: string; region: string | null; iso3: string }>;
}

const load = <T>(file: string): T =>
  JSON.parse(readFileSync(new URL(`../../../data/${file}`, import.meta.url), 'utf8'));
let inter: InterData | null = null;
let countries: CountryData | null = null;

/** Merged modalities an ACLED export includes by default (data/acled-inter.json). */
export function acledModalities(): Modality[] {
  inter ??= load<InterData>('acled-inter.json');
  return inter.exportModalities;
}

export function interCode(actor: Actor | null, type: string): number {
  inter ??= load<InterData>('acled-inter.json');
  if (!actor) return 0;
  const kind = actor.kind ?? 'unknown';
  return inter.byEventType[type]?.[kind] ?? inter.byKind[kind] ?? inter.byKind.unknown;
}

export function interaction(a: number, b: number): number {
  if (a === 0 && b === 0) return 0;
  if (a === 0 || b === 0) return Math.max(a, b) * 10;
  return Math.min(a, b) * 10 + Math.max(a, b);
}

export function countryInfo(iso2: string | null | undefined) {
  countries ??= load<CountryData>('acled-countries.json');
  return iso2 ? (countries.countries[iso2.toUpperCase()] ?? null) : null;
}

function firstDay(value: string | null): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  if (/^\d{4}-\d{2}$/.test(value)) return `${value}-01`;
  if (/^\d{4}$/.test(value)) return `${value}-01-01`;
  return '';
}

export function acledRow(event: StoredEvent): Array<string | number> {
  inter ??= load<InterData>('acled-inter.json');
  const loc = event.location;
  const country = countryInfo(loc?.country ?? event.actor1?.country ?? null);
  const date = firstDay(event.date?.value ?? event.reports[0]?.articleDate ?? null);
  const inter1 = interCode(event.actor1, event.type);
  const inter2 = interCode(event.actor2, event.type);
  const civilianTargeting =
    event.actor2?.kind === 'civilians' && inter.civilianTargeting.includes(event.acled.event_type)
      ? 'Civilian targeting'
      : '';
  const sources = [
    ...new Set(event.reports.map((r) => r.source.name ?? r.source.text ?? r.source.kind).filter(Boolean)),
  ];
  const latest =
    event.reports
      .map((r) => r.articleDate ?? '')
      .sort()
      .at(-1) || date;
  const tags = [
    `modality=${event.modality}`,
    ...(event.disputed ? ['disputed'] : []),
    `reports=${event.reports.length}`,
  ];
  const fatalities = event.fatalities ? (event.fatalities.value ?? event.fatalities.min ?? 0) : 0;
  return [
    `${country?.iso3 ?? 'XXX'}${Number.parseInt(event.id.slice(0, 8), 16) || 0}`,
    date,
    date.slice(0, 4),
    inter.timePrecision[event.date?.precision ?? 'day'] ?? 1,
    inter.disorderType[event.acled.event_type] ?? '',
    event.acled.event_type,
    event.acled.sub_event_type,
    event.actor1?.name ?? '',
    '',
    inter1,
    event.actor2?.name ?? '',
    '',
    inter2,
    interaction(inter1, inter2),
    civilianTargeting,
    country?.iso ?? '',
    country?.region ?? '',
    country?.name ?? loc?.country ?? '',
    loc?.admin1 ?? '',
    '',
    '',
    loc?.name ?? '',
    loc?.lat != null ? loc.lat.toFixed(4) : '',
    loc?.lon != null ? loc.lon.toFixed(4) : '',
    loc?.precision != null ? (inter.geoPrecision[String(loc.precision)] ?? 3) : '',
    sources.join('; '),
    '',
    event.evidence.sentence,
    fatalities,
    tags.join('; '),
    latest ? Math.floor(Date.parse(`${latest}T00:00:00Z`) / 1000) : '',
  ];
}

export async function* acledCsv(events: Events): AsyncGenerator<string> {
  yield csvRow([...ACLED_COLUMNS]);
  for await (const event of events) yield csvRow(acledRow(event));
}
