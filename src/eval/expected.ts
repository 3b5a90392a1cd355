// Scorer for the corpus gold format (`NAME.expected.json`, shared/corpus/README.md "The gold format").
// The matching semantics and the figures are the same as shared/tools/score-expected.mjs, re-implemented here
// so that `sitrep eval` needs nothing outside the repository; test/eval/expected.test.ts checks both agree.
import { haversineKm } from './metrics.ts';

/** An output event as read from JSONL: any object; fields are read defensively, like the reference tool. */
export type OutputEvent = Record<string, unknown>;

export type LocationConstraint =
  | 'any'
  | 'unknown'
  | { near: [number, number]; km: number }
  | { country: string | string[] }
  | { any_of: LocationConstraint[] };

export interface GoldPattern {
  id: string;
  must?: boolean;
  types?: string | string[];
  actor1?: string | string[];
  actor2?: string | string[];
  modality?: string | string[];
  source_kind?: string | string[];
  location?: LocationConstraint;
  date?: { from?: string; to?: string; not_after?: string };
  note?: string;
}

export interface ControlRow {
  place: string;
  near?: [number, number];
  at?: string;
  holder?: string | string[];
  not_holder?: string | string[];
}

export interface ExpectedGold {
  article?: { file?: string; date?: string; note?: string };
  events: GoldPattern[];
  forbidden: GoldPattern[];
  control: ControlRow[];
}

/** The figures of the reference tool's last line (`--json`). */
export interface ExpectedFigures {
  must_hit: number;
  must_total: number;
  all_hit: number;
  all_total: number;
  forbidden: number;
  duplicates: number;
  unexplained: number;
  outputs: number;
  control_ok: number | null;
  control_total: number | null;
}

export type ConstraintKey = 'types' | 'actor1' | 'actor2' | 'modality' | 'source_kind' | 'location' | 'date';

export interface Failure {
  key: ConstraintKey;
  detail: string;
}

export interface GoldOutcome {
  gold: GoldPattern;
  /** Index of the output that explains it, or -1. */
  hitBy: number;
  /** For a missed event: the output failing the fewest constraints, and those constraints. */
  closest: { index: number; failed: Failure[] } | null;
}

export type OutputStatus = 'hit' | 'forbidden' | 'duplicate' | 'unexplained';

export interface OutputOutcome {
  status: OutputStatus;
  /** The gold event it explains or duplicates, or the forbidden pattern it matched. */
  patternId: string | null;
}

export interface ExpectedResult {
  figures: ExpectedFigures;
  gold: GoldOutcome[];
  outputs: OutputOutcome[];
  /** HIT/MISS/... lines in the reference tool's wording. */
  lines: string[];
}

/** Checks the gold's shape; returns an error message (no exception) when it cannot be scored. */
export function parseExpectedGold(text: string): { gold: ExpectedGold } | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { error: `not JSON: ${(e as Error).message}` };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { error: 'not a JSON object' };
  const obj = raw as Record<string, unknown>;
  const list = (k: string) => obj[k] ?? [];
  const ok = (k: string) => {
    const v = list(k);
    return Array.isArray(v) && v.every((x) => x && typeof x === 'object');
  };
  if (!['events', 'forbidden', 'control'].every(ok)) {
    return { error: 'events/forbidden/control must be arrays of objects' };
  }
  return {
    gold: {
      article: obj.article as ExpectedGold['article'],
      events: list('events') as GoldPattern[],
      forbidden: list('forbidden') as GoldPattern[],
      control: list('control') as ControlRow[],
    },
  };
}

// ---- helpers, as in the reference tool ------------------------------------------------------------
const lc = (x: unknown): string => (typeof x === 'string' ? x.toLowerCase() : '');
const arr = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);
const toNum = (x: unknown): number =>
  typeof x === 'number' ? x : typeof x === 'string' && x.trim() ? Number(x) : Number.NaN;
const show = (x: unknown): string => (x == null ? 'null' : typeof x === 'string' ? x : JSON.stringify(x));
const oneOf = (list: unknown, v: unknown): boolean => arr(list).map(lc).includes(lc(v));
const field = (o: unknown, k: string): unknown =>
  o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined;

function coords(loc: unknown): [number, number] | null {
  const lat = toNum(field(loc, 'lat'));
  const lon = toNum(field(loc, 'lon'));
  return Number.isFinite(lat) && Number.isFinite(lon) ? [lat, lon] : null;
}

/** [first day, last day] of YYYY, YYYY-MM or YYYY-MM-DD (a datetime's date part); null if unparseable. */
export function dateBounds(v: unknown): [string, string] | null {
  const m = typeof v === 'string' ? v.match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|T)/) : null;
  if (!m) return null;
  const [, y, mo, d] = m;
  if (d) return [`${y}-${mo}-${d}`, `${y}-${mo}-${d}`];
  if (!mo) return [`${y}-01-01`, `${y}-12-31`];
  const last = new Date(Date.UTC(+y, +mo, 0)).getUTCDate();
  return [`${y}-${mo}-01`, `${y}-${mo}-${String(last).padStart(2, '0')}`];
}

/** The event's span [start of value, end of (end ?? value)], or null without a usable date. */
export function eventSpan(date: unknown): [string, string] | null {
  const start = dateBounds(typeof date === 'string' ? date : field(date, 'value'));
  if (!start) return null;
  const end = dateBounds(field(date, 'end')) ?? start;
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings compare as strings, Math.max would make NaN
  return [start[0], end[1] > start[1] ? end[1] : start[1]];
}

function actorOk(tokens: unknown, actor: unknown): boolean {
  const hay = [field(actor, 'name'), field(actor, 'id')].map(lc).filter(Boolean);
  return arr(tokens).some((t) => hay.some((h) => h.includes(lc(t))));
}

function locOk(c: unknown, loc: unknown): boolean {
  if (c === 'any') return true;
  const xy = coords(loc);
  if (c === 'unknown') return !xy;
  if (!c || typeof c !== 'object') return false;
  const o = c as Record<string, unknown>;
  if (o.any_of) return arr(o.any_of).some((sub) => locOk(sub, loc));
  if (o.country) return oneOf(o.country, field(loc, 'country'));
  if (Array.isArray(o.near)) return !!xy && haversineKm(xy, o.near as [number, number]) <= toNum(o.km);
  return false;
}

function dateOk(c: Record<string, unknown>, date: unknown): boolean {
  const span = eventSpan(date);
  if (!span) return false;
  if (c.not_after != null && !(span[0] <= (dateBounds(c.not_after)?.[1] ?? ''))) return false;
  if (c.from == null && c.to == null) return true;
  const from = dateBounds(c.from)?.[0] ?? '0000';
  const to = dateBounds(c.to)?.[1] ?? '9999';
  return span[0] <= to && span[1] >= from;
}

function firstNear(c: unknown): [number, number] | null {
  const near = field(c, 'near');
  if (Array.isArray(near)) return near as [number, number];
  const anyOf = field(c, 'any_of');
  return anyOf ? (arr(anyOf).map(firstNear).find(Boolean) ?? null) : null;
}

function locText(loc: unknown, c: unknown): string {
  if (loc == null) return 'null';
  const xy = coords(loc);
  const p = firstNear(c);
  const km = xy && p ? `, ${haversineKm(xy, p).toFixed(1)} km from ${p.join(',')}` : '';
  const where = xy ? xy.map((v) => v.toFixed(3)).join(',') : 'no coords';
  return `${show(field(loc, 'name'))} ${where} ${show(field(loc, 'country'))}${km}`;
}

/** Constraints of a gold event or forbidden pattern that output o fails ([] = satisfied). */
export function failures(p: GoldPattern, o: OutputEvent): Failure[] {
  const f: Failure[] = [];
  if (p.types != null && !oneOf(p.types, o.type))
    f.push({ key: 'types', detail: `types (got ${show(o.type)})` });
  for (const k of ['actor1', 'actor2'] as const) {
    if (p[k] != null && !actorOk(p[k], o[k])) {
      f.push({ key: k, detail: `${k} (got ${show(field(o[k], 'name') ?? field(o[k], 'id'))})` });
    }
  }
  if (p.modality != null && !oneOf(p.modality, o.modality)) {
    f.push({ key: 'modality', detail: `modality (got ${show(o.modality)})` });
  }
  const kind = field(o.source, 'kind');
  if (p.source_kind != null && !oneOf(p.source_kind, kind)) {
    f.push({ key: 'source_kind', detail: `source_kind (got ${show(kind)})` });
  }
  if (p.location != null && !locOk(p.location, o.location)) {
    f.push({ key: 'location', detail: `location (got ${locText(o.location, p.location)})` });
  }
  if (p.date != null && !dateOk(p.date as Record<string, unknown>, o.date)) {
    f.push({ key: 'date', detail: `date (got ${show(eventSpan(o.date)?.join('..'))})` });
  }
  return f;
}

/** One-line description of an output event, as the reference tool prints it (without its line number). */
export function describeOutput(o: OutputEvent): string {
  const sentence = String(field(o.evidence, 'sentence') ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
  const parts = [
    o.type,
    field(o.actor1, 'name'),
    field(o.location, 'name'),
    field(o.date, 'value'),
    o.modality,
    field(o.source, 'kind'),
  ];
  return `${parts.map((x) => show(x ?? '-')).join(' | ')} | "${sentence}"`;
}

// ---- matching ---------------------------------------------------------------------------------------
// One-to-one maximum matching by augmenting paths, must events first; an output that matches a forbidden
// pattern can only explain a must event. Same order and tie-breaks as the reference tool.
function match(gold: GoldPattern[], outs: OutputEvent[], forbidden: GoldPattern[]) {
  const bad = outs.map((o) => forbidden.some((p) => failures(p, o).length === 0));
  const cand = gold.map((g) =>
    outs.flatMap((o, j) => (failures(g, o).length || (bad[j] && !g.must) ? [] : [j])),
  );
  const owner = outs.map(() => -1);
  const augment = (g: number, seen: Set<number>): boolean => {
    for (const j of cand[g]) {
      if (seen.has(j)) continue;
      seen.add(j);
      if (owner[j] < 0 || augment(owner[j], seen)) {
        owner[j] = g;
        return true;
      }
    }
    return false;
  };
  const order = [...gold.keys()].sort(
    (a, b) => Number(!!gold[b].must) - Number(!!gold[a].must) || cand[a].length - cand[b].length,
  );
  for (const g of order) augment(g, new Set());
  const hitBy = gold.map(() => -1);
  owner.forEach((g, j) => {
    if (g >= 0) hitBy[g] = j;
  });
  return { cand, owner, hitBy };
}

function closest(g: GoldPattern, outs: OutputEvent[]): { index: number; failed: Failure[] } | null {
  let best: { index: number; failed: Failure[] } | null = null;
  outs.forEach((o, index) => {
    const failed = failures(g, o);
    if (!best || failed.length < best.failed.length) best = { index, failed };
  });
  return best;
}

// ---- control ----------------------------------------------------------------------------------------
const CONTROL_KM = 6;
// Place-name key: case, spaces, hyphens and Arabic article prefixes (al-, el-, ar-, ...) ignored.
const placeKey = (s: unknown) =>
  lc(s)
    .replace(/\b(?:al|el)[-\s']|\b(?:a[dnrstz]|ash)-/g, '')
    .replace(/[\s\-'’`.]/g, '');

function findControl(row: ControlRow, recs: OutputEvent[]): OutputEvent | null {
  const key = placeKey(row.place);
  const byName = key ? recs.find((r) => placeKey(field(r.place, 'name')) === key) : undefined;
  if (byName) return byName;
  let best: OutputEvent | null = null;
  let bestKm = CONTROL_KM;
  for (const r of recs) {
    const xy = coords(r.place);
    const km = xy && Array.isArray(row.near) ? haversineKm(xy, row.near) : Number.POSITIVE_INFINITY;
    if (km <= bestKm) {
      best = r;
      bestKm = km;
    }
  }
  return best;
}

function controlOk(row: ControlRow, found: OutputEvent | null): boolean {
  const holder = found?.holder;
  const held = (tokens: string | string[]) => !!holder && actorOk(tokens, holder);
  return (row.holder == null || held(row.holder)) && (row.not_holder == null || !held(row.not_holder));
}

/** Scores output events (and optionally control records at the article's date) against one gold file. */
export function scoreExpected(
  gold: ExpectedGold,
  outs: OutputEvent[],
  control?: OutputEvent[],
): ExpectedResult {
  const lines: string[] = [];
  const m = match(gold.events, outs, gold.forbidden);
  const goldOutcomes: GoldOutcome[] = gold.events.map((g, i) => {
    const hitBy = m.hitBy[i];
    const near = hitBy < 0 && g.must ? closest(g, outs) : null;
    if (hitBy >= 0) lines.push(`HIT ${g.id} <- ${describeOutput(outs[hitBy])}`);
    else {
      lines.push(`MISS ${g.id} (${g.must ? 'must' : 'opt'})`);
      if (g.must && !near) lines.push('    closest: none (no output events)');
      if (near) {
        lines.push(`    closest ${describeOutput(outs[near.index])}`);
        lines.push(`    failed: ${near.failed.map((f) => f.detail).join('; ')}`);
      }
    }
    return { gold: g, hitBy, closest: near };
  });
  const n = { forbidden: 0, duplicates: 0, unexplained: 0 };
  const outputOutcomes: OutputOutcome[] = outs.map((o, j) => {
    if (m.owner[j] >= 0) return { status: 'hit', patternId: gold.events[m.owner[j]].id };
    const bad = gold.forbidden.find((p) => failures(p, o).length === 0);
    if (bad) {
      n.forbidden++;
      lines.push(`FORBIDDEN ${bad.id}: ${describeOutput(o)}`);
      return { status: 'forbidden', patternId: bad.id };
    }
    const dupOf = gold.events.find((_, i) => m.hitBy[i] >= 0 && m.cand[i].includes(j));
    if (dupOf) {
      n.duplicates++;
      lines.push(`DUPLICATE of ${dupOf.id}: ${describeOutput(o)}`);
      return { status: 'duplicate', patternId: dupOf.id };
    }
    n.unexplained++;
    lines.push(`UNEXPLAINED ${describeOutput(o)}`);
    return { status: 'unexplained', patternId: null };
  });
  let controlOkCount: number | null = null;
  if (control) {
    controlOkCount = 0;
    for (const row of gold.control) {
      const found = findControl(row, control);
      const pass = controlOk(row, found);
      if (pass) controlOkCount++;
      const holder = found?.holder;
      const got = !found
        ? 'no record'
        : `${show(field(found.place, 'name'))} held by ${holder ? show(field(holder, 'name') ?? field(holder, 'id')) : 'nobody'}`;
      lines.push(`CONTROL ${pass ? 'ok' : 'FAIL'} ${show(row.place)} <- ${got}`);
    }
  }
  const isMust = gold.events.map((g) => !!g.must);
  const figures: ExpectedFigures = {
    must_hit: m.hitBy.filter((j, i) => j >= 0 && isMust[i]).length,
    must_total: isMust.filter(Boolean).length,
    all_hit: m.hitBy.filter((j) => j >= 0).length,
    all_total: gold.events.length,
    ...n,
    outputs: outs.length,
    control_ok: controlOkCount,
    control_total: control ? gold.control.length : null,
  };
  return { figures, gold: goldOutcomes, outputs: outputOutcomes, lines };
}

/** Adds figures over files; control stays null unless some file had control scored. */
export function sumFigures(list: ExpectedFigures[]): ExpectedFigures {
  const sum = (k: keyof ExpectedFigures) => list.reduce((a, f) => a + (f[k] ?? 0), 0);
  const anyControl = list.some((f) => f.control_total != null);
  return {
    must_hit: sum('must_hit'),
    must_total: sum('must_total'),
    all_hit: sum('all_hit'),
    all_total: sum('all_total'),
    forbidden: sum('forbidden'),
    duplicates: sum('duplicates'),
    unexplained: sum('unexplained'),
    outputs: sum('outputs'),
    control_ok: anyControl ? sum('control_ok') : null,
    control_total: anyControl ? sum('control_total') : null,
  };
}

/** The reference tool's summary line. */
export function figuresLine(f: ExpectedFigures): string {
  const ctl = f.control_total != null ? `, control ${f.control_ok}/${f.control_total}` : '';
  return (
    `must ${f.must_hit}/${f.must_total}, all ${f.all_hit}/${f.all_total}, forbidden ${f.forbidden}, ` +
    `duplicates ${f.duplicates}, unexplained ${f.unexplained}/${f.outputs}${ctl}`
  );
}
