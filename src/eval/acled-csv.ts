// ACLED-style CSV gold: one event per row, its `notes` column is the text. Each note runs through the
// extractor with the row's event_date as the article date; the primary output event (highest confidence)
// is compared with the row: ACLED event type and sub-event type, the sitrep type implied by the sub-event
// type, actor1, location within 25 km and 161 km, date exact and within 3 days, fatalities.
import type { EventRecord } from '../types.ts';
import { type ErrorCase, type EvalMessage, type ExtractFn, primaryEvent, safeExtract } from './common.ts';
import { parseCsv } from './csv.ts';
import { eventSpan } from './expected.ts';
import { haversineKm, ratio } from './metrics.ts';
import { pct, type Table } from './table.ts';
import { type EvalTypeMapping, mapAcledSubEvent } from './type-mapping.ts';

export interface AcledRow {
  id: string;
  line: number;
  date: string;
  eventType: string;
  subEventType: string;
  actor1: string;
  location: string;
  lat: number | null;
  lon: number | null;
  fatalities: number | null;
  notes: string;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** ACLED writes event_date as YYYY-MM-DD (API) or "05 March 2024" (older exports); → YYYY-MM-DD or null. */
export function acledDate(v: string): string | null {
  const s = v.trim();
  const iso = s.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (iso) return s;
  const dmy = s.match(/^(\d{1,2})[\s-]+([A-Za-z]+)[\s-]+(\d{4})$/);
  if (!dmy) return null;
  const month = MONTHS.findIndex((m) => m.startsWith(dmy[2].toLowerCase()) && dmy[2].length >= 3);
  if (month < 0) return null;
  return `${dmy[3]}-${String(month + 1).padStart(2, '0')}-${dmy[1].padStart(2, '0')}`;
}

const REQUIRED = ['event_date', 'event_type', 'sub_event_type', 'actor1', 'notes'];

export function loadAcledCsv(text: string, file: string, messages: EvalMessage[]): AcledRow[] {
  const records = parseCsv(text, file, messages);
  if (records.length && REQUIRED.some((c) => !(c in records[0].fields))) {
    const missing = REQUIRED.filter((c) => !(c in records[0].fields));
    messages.push({
      file,
      line: 1,
      reason: `not an ACLED-style CSV: missing column(s) ${missing.join(', ')}`,
    });
    return [];
  }
  const rows: AcledRow[] = [];
  for (const { line, fields: f } of records) {
    const date = acledDate(f.event_date ?? '');
    if (!date) {
      messages.push({
        file,
        line,
        reason: `event_date ${JSON.stringify(f.event_date)} is not a date; row skipped`,
      });
      continue;
    }
    if (!f.notes?.trim()) {
      messages.push({ file, line, reason: 'empty notes; row skipped' });
      continue;
    }
    const lat = Number.parseFloat(f.latitude ?? '');
    const lon = Number.parseFloat(f.longitude ?? '');
    const fat = Number.parseInt(f.fatalities ?? '', 10);
    rows.push({
      id: f.event_id_cnty || `line-${line}`,
      line,
      date,
      eventType: f.event_type.trim(),
      subEventType: f.sub_event_type.trim(),
      actor1: f.actor1.trim(),
      location: (f.location ?? '').trim(),
      lat: Number.isFinite(lat) ? lat : null,
      lon: Number.isFinite(lon) ? lon : null,
      fatalities: Number.isFinite(fat) ? fat : null,
      notes: f.notes.trim(),
    });
  }
  return rows;
}

// ---- actor matching -------------------------------------------------------------------------------
function actorWords(text: string, filler: Set<string>): string[] {
  return text
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && !filler.has(w));
}

function wordsMatch(a: string, b: string, prefix: number): boolean {
  if (a === b) return true;
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n >= prefix;
}

/** ACLED's actor1 against an output actor: some content word of one matches one of the other (name or id). */
export function actorMatches(gold: string, actor: EventRecord['actor1'], mapping: EvalTypeMapping): boolean {
  if (!actor || !gold.trim()) return false;
  const cfg = (mapping as unknown as { acledActors?: { fillerWords: string[]; prefixLength: number } })
    .acledActors;
  const filler = new Set(cfg?.fillerWords ?? []);
  const prefix = cfg?.prefixLength ?? 5;
  const g = actorWords(gold, filler);
  // ACLED writes names in full ("Rapid Support Forces"); reports and lexicons often use the initials.
  const initials = gold
    .replace(/\([^)]*\)/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !['of', 'the', 'and'].includes(w.toLowerCase()))
    .map((w) => w[0].toLowerCase())
    .join('');
  if (initials.length >= 3) g.push(initials);
  const o = actorWords(`${actor.name ?? ''} ${actor.id ?? ''}`, filler);
  return g.some((a) => o.some((b) => wordsMatch(a, b, prefix)));
}

// ---- scoring ---------------------------------------------------------------------------------------
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface AcledRowScore {
  row: AcledRow;
  output: EventRecord | null;
  outputs: number;
  eventType: boolean;
  subEventType: boolean;
  sitrepType: boolean | null;
  actor1: boolean;
  km: number | null;
  dateExact: boolean;
  date3: boolean;
  fatalities: boolean | null;
}

export interface AcledResult {
  set: string;
  rows: AcledRowScore[];
  figures: {
    rows: number;
    withOutput: number;
    eventType: number | null;
    subEventType: number | null;
    sitrepType: number | null;
    actor1: number | null;
    within25: number | null;
    within161: number | null;
    dateExact: number | null;
    date3: number | null;
    fatalities: number | null;
  };
  errors: ErrorCase[];
  messages: EvalMessage[];
}

const same = (a: string | undefined | null, b: string) =>
  (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

export function scoreAcledRows(
  set: string,
  rows: AcledRow[],
  extract: ExtractFn,
  mapping: EvalTypeMapping,
  messages: EvalMessage[] = [],
): AcledResult {
  const scored: AcledRowScore[] = rows.map((row) => {
    const events = safeExtract(
      extract,
      { id: `${set}:${row.id}`, date: row.date, text: row.notes },
      set,
      row.line,
      messages,
    );
    const o = primaryEvent(events);
    const accepted = mapAcledSubEvent(mapping, row.subEventType);
    const xy =
      o?.location?.lat != null && o.location.lon != null
        ? ([o.location.lat, o.location.lon] as [number, number])
        : null;
    const span = o ? eventSpan(o.date) : null;
    const fat = o?.fatalities ? (o.fatalities.value ?? o.fatalities.min) : o ? 0 : null;
    return {
      row,
      output: o,
      outputs: events.length,
      eventType: !!o && same(o.acled?.event_type, row.eventType),
      subEventType: !!o && same(o.acled?.sub_event_type, row.subEventType),
      sitrepType: accepted?.length ? !!o && accepted.includes(o.type) : null,
      actor1: actorMatches(row.actor1, o?.actor1 ?? null, mapping),
      km: xy && row.lat != null && row.lon != null ? haversineKm(xy, [row.lat, row.lon]) : null,
      dateExact: !!o && o.date?.value === row.date,
      date3: !!span && span[0] <= addDays(row.date, 3) && span[1] >= addDays(row.date, -3),
      fatalities: row.fatalities == null ? null : fat === row.fatalities,
    };
  });
  const n = scored.length;
  const count = (f: (s: AcledRowScore) => boolean) => scored.filter(f).length;
  const located = scored.filter((s) => s.row.lat != null);
  const typed = scored.filter((s) => s.sitrepType != null);
  const withFat = scored.filter((s) => s.fatalities != null);
  const errors: ErrorCase[] = [];
  for (const s of scored) {
    const failed = [
      !s.eventType && 'event type',
      !s.subEventType && 'sub-event type',
      !s.actor1 && 'actor1',
      s.row.lat != null && !(s.km != null && s.km <= 25) && 'location',
      !s.date3 && 'date',
    ].filter((x): x is string => !!x);
    if (!failed.length) continue;
    const o = s.output;
    errors.push({
      set,
      id: s.row.id,
      gold: `${s.row.eventType} / ${s.row.subEventType}; ${s.row.actor1}; ${s.row.location}; ${s.row.date}`,
      output: o
        ? `${o.acled?.event_type} / ${o.acled?.sub_event_type} (${o.type}); ${o.actor1?.name ?? '–'}; ` +
          `${o.location?.name ?? '–'}${s.km != null ? ` (${s.km.toFixed(0)} km off)` : ''}; ${o.date?.value ?? '–'}`
        : 'no event',
      sentence: s.row.notes,
      severity: failed.length / 5,
      category: o ? failed.join(', ') : 'no event',
    });
  }
  return {
    set,
    rows: scored,
    figures: {
      rows: n,
      withOutput: count((s) => s.output != null),
      eventType: ratio(
        count((s) => s.eventType),
        n,
      ),
      subEventType: ratio(
        count((s) => s.subEventType),
        n,
      ),
      sitrepType: ratio(typed.filter((s) => s.sitrepType).length, typed.length),
      actor1: ratio(
        count((s) => s.actor1),
        n,
      ),
      within25: ratio(located.filter((s) => s.km != null && s.km <= 25).length, located.length),
      within161: ratio(located.filter((s) => s.km != null && s.km <= 161).length, located.length),
      dateExact: ratio(
        count((s) => s.dateExact),
        n,
      ),
      date3: ratio(
        count((s) => s.date3),
        n,
      ),
      fatalities: ratio(withFat.filter((s) => s.fatalities).length, withFat.length),
    },
    errors,
    messages,
  };
}

export function acledSummaryTable(results: AcledResult[]): Table {
  return {
    title: 'ACLED-style CSV',
    headers: [
      'set',
      'rows',
      'with event',
      'event type',
      'sub-type',
      'sitrep type',
      'actor1',
      '≤25 km',
      '≤161 km',
      'date exact',
      'date ±3 d',
      'fatalities',
    ],
    rows: results.map(({ set, figures: f }) => [
      set,
      f.rows,
      f.withOutput,
      pct(f.eventType),
      pct(f.subEventType),
      pct(f.sitrepType),
      pct(f.actor1),
      pct(f.within25),
      pct(f.within161),
      pct(f.dateExact),
      pct(f.date3),
      pct(f.fatalities),
    ]),
    note:
      'Each row is compared with the primary output event of its notes (highest confidence). Location over rows with ' +
      'coordinates; sitrep type over rows whose sub-event type maps to one; fatalities: exact count (none → 0).',
  };
}

/** Where the ACLED rows go wrong, by ACLED sub-event type. */
export function acledPerSubTypeTable(r: AcledResult): Table {
  const groups = new Map<string, AcledRowScore[]>();
  for (const s of r.rows) groups.set(s.row.subEventType, [...(groups.get(s.row.subEventType) ?? []), s]);
  return {
    title: `${r.set}: per ACLED sub-event type`,
    headers: ['sub-event type', 'rows', 'sub-type', 'actor1', '≤25 km', 'date ±3 d'],
    rows: [...groups.entries()]
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
      .map(([k, list]) => {
        const located = list.filter((s) => s.row.lat != null);
        return [
          k,
          list.length,
          pct(ratio(list.filter((s) => s.subEventType).length, list.length)),
          pct(ratio(list.filter((s) => s.actor1).length, list.length)),
          pct(ratio(located.filter((s) => s.km != null && s.km <= 25).length, located.length)),
          pct(ratio(list.filter((s) => s.date3).length, list.length)),
        ];
      }),
  };
}
