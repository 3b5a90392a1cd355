// Event-type gold: single sentences with a gold type (PLOVER, CAMEO or ACLED/CASE 2021), mapped onto sitrep's
// types by data/eval-type-mapping.json. Each sentence runs through the extractor on its own.
//
// Figures, over the items whose gold maps onto at least one sitrep type ("in scope"):
// - accuracy: the primary output event (highest confidence, first on ties) has one of the accepted types;
// - any-event accuracy: some output event has one of the accepted types (lenient);
// - macro-F1: single-label F1 per sitrep type, averaged over the types present in the gold. The gold label of
//   an item is the predicted type when that one is accepted, else the first accepted type (the mapping's
//   preferred one); no output predicts NONE.
// Items whose gold is outside sitrep's types ("out of scope") score only the false-alarm rate: the share of
// them on which the extractor produced any event (except types the label's text may report, e.g. the attack in
// a claim of responsibility: `tolerated` in the mapping).
import type { Article, EventRecord, EventType } from '../types.ts';
import {
  DEFAULT_ARTICLE_DATE,
  type ErrorCase,
  type EvalMessage,
  type ExtractFn,
  primaryEvent,
  readJsonl,
  safeExtract,
} from './common.ts';
import { type Classification, classify, NO_PREDICTION, ratio } from './metrics.ts';
import { pct, type Table } from './table.ts';
import {
  case2021ToAcled,
  case2021Tolerated,
  type EvalTypeMapping,
  type Mapped,
  mapAcledSubEvent,
  mapCameo,
  mapPlover,
} from './type-mapping.ts';

export type TypeGoldKind = 'plover' | 'cameo' | 'acled';

export interface TypeGoldItem {
  id: string;
  line: number;
  text: string;
  date: string | null;
  /** The gold label as the set writes it (e.g. "FIGHT/heavy-weapons", "190 183", "AIR_STRIKE"). */
  label: string;
  /** sitrep types that count as correct; [] = outside sitrep's types; null = label not in the mapping. */
  accepted: Mapped;
  /** For an out-of-scope item: output types that are not false alarms (the label's text may report them). */
  tolerated?: EventType[];
}

/** YYYYMMDD or YYYY-MM-DD → YYYY-MM-DD; anything else → null. */
function isoDate(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = v.match(/^(\d{4})-?(\d{2})-?(\d{2})/);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** Which gold family a JSONL record belongs to, from its fields. */
export function detectTypeGold(rec: Record<string, unknown>): TypeGoldKind | null {
  if (typeof rec.event_type === 'string' && 'markup' in rec) return 'plover';
  if (Array.isArray(rec.expected)) return 'cameo';
  if (typeof rec.label === 'string') return 'acled';
  return null;
}

function union(lists: Mapped[]): Mapped {
  const known = lists.filter((l): l is EventType[] => l != null);
  if (known.length === 0) return null;
  return [...new Set(known.flat())];
}

/** Reads one of the three event-type gold files (format detected per record). Records that test a coder's
 * error handling (PETRARCH `expected_error`) are skipped with a message. */
export function loadTypeGold(
  text: string,
  file: string,
  mapping: EvalTypeMapping,
  messages: EvalMessage[],
): TypeGoldItem[] {
  const items: TypeGoldItem[] = [];
  for (const { line, rec } of readJsonl(text, file, messages)) {
    const kind = detectTypeGold(rec);
    const id = String(rec.id ?? `line-${line}`);
    const body = str(rec.text);
    if (!kind || !body) {
      messages.push({
        file,
        line,
        reason: kind ? 'no text' : 'not an event-type gold record (PLOVER, PETRARCH or CASE)',
      });
      continue;
    }
    if (kind === 'plover') {
      const type = String(rec.event_type);
      const mode = str(rec.mode);
      items.push({
        id,
        line,
        text: body,
        date: isoDate(rec.date),
        label: mode ? `${type}/${mode}` : type,
        accepted: mapPlover(mapping, type, mode, str(rec.context)),
      });
    } else if (kind === 'cameo') {
      if (rec.expected_error) {
        messages.push({
          file,
          line,
          reason: `${id}: skipped, it tests coder error handling (${rec.expected_error})`,
        });
        continue;
      }
      const codes = (rec.expected as Array<Record<string, unknown>>).map((e) => String(e.code ?? ''));
      const noEvent = rec.noevents === true || codes.length === 0;
      items.push({
        id,
        line,
        text: body,
        date: isoDate(rec.date),
        label: noEvent ? 'no event' : [...new Set(codes)].join(' '),
        accepted: noEvent ? [] : union(codes.map((c) => mapCameo(mapping, c))),
      });
    } else {
      const label = String(rec.label);
      const acled = case2021ToAcled(mapping, label);
      items.push({
        id,
        line,
        text: body,
        date: isoDate(rec.date),
        label,
        accepted: acled === undefined ? null : acled === null ? [] : mapAcledSubEvent(mapping, acled),
        tolerated: case2021Tolerated(mapping, label),
      });
    }
  }
  return items;
}

export interface LabelScore {
  label: string;
  accepted: string;
  items: number;
  correct: number;
  anyCorrect: number;
  none: number;
  /** Most frequent wrong primary type, with its count. */
  topConfusion: string | null;
}

export interface TypeScoreResult {
  set: string;
  items: number;
  inScope: number;
  outOfScope: number;
  unknownLabel: number;
  correct: number;
  anyCorrect: number;
  accuracy: number | null;
  anyAccuracy: number | null;
  macroF1: number | null;
  falseAlarms: number;
  falseAlarmRate: number | null;
  classification: Classification;
  perLabel: LabelScore[];
  errors: ErrorCase[];
  messages: EvalMessage[];
}

function typesText(events: EventRecord[]): string {
  return events.length
    ? events.map((e) => `${e.type}(${(e.confidence ?? 0).toFixed(2)})`).join(', ')
    : 'no event';
}

/** Scores the extractor on event-type gold items. */
export function scoreEventTypes(
  set: string,
  items: TypeGoldItem[],
  extract: ExtractFn,
  messages: EvalMessage[] = [],
): TypeScoreResult {
  const pairs: Array<{ gold: string; predicted: string }> = [];
  const perLabel = new Map<string, LabelScore & { wrong: Map<string, number> }>();
  const errors: ErrorCase[] = [];
  let correct = 0;
  let anyCorrect = 0;
  let falseAlarms = 0;
  let outOfScope = 0;
  let unknownLabel = 0;
  for (const item of items) {
    const article: Article = {
      id: `${set}:${item.id}`,
      date: item.date ?? DEFAULT_ARTICLE_DATE,
      text: item.text,
    };
    const events = safeExtract(extract, article, set, item.line, messages);
    const top = primaryEvent(events);
    if (item.accepted == null) {
      unknownLabel++;
      messages.push({
        file: set,
        line: item.line,
        reason: `${item.id}: gold label ${item.label} is not in the type mapping`,
      });
      continue;
    }
    if (item.accepted.length === 0) {
      outOfScope++;
      const alarm = events.find((e) => !item.tolerated?.includes(e.type));
      if (alarm) {
        falseAlarms++;
        errors.push({
          set,
          id: item.id,
          gold: `${item.label} (no sitrep type)`,
          output: typesText(events),
          sentence: item.text,
          severity: alarm.confidence ?? 0.5,
          category: `false alarm: ${alarm.type}`,
        });
      }
      continue;
    }
    const accepted = item.accepted;
    const ok = top != null && accepted.includes(top.type);
    const any = events.some((e) => accepted.includes(e.type));
    if (ok) correct++;
    if (any) anyCorrect++;
    const predicted = top?.type ?? NO_PREDICTION;
    pairs.push({ gold: ok ? predicted : accepted[0], predicted });
    const ls = perLabel.get(item.label) ?? {
      label: item.label,
      accepted: accepted.join('|'),
      items: 0,
      correct: 0,
      anyCorrect: 0,
      none: 0,
      topConfusion: null,
      wrong: new Map<string, number>(),
    };
    ls.items++;
    if (ok) ls.correct++;
    if (any) ls.anyCorrect++;
    if (!top) ls.none++;
    else if (!ok) ls.wrong.set(top.type, (ls.wrong.get(top.type) ?? 0) + 1);
    perLabel.set(item.label, ls);
    if (!ok) {
      errors.push({
        set,
        id: item.id,
        gold: `${item.label} → ${accepted.join('|')}`,
        output: typesText(events),
        sentence: item.text,
        // A confident wrong type is worse than a miss; a miss is worse than a wrong type with low confidence.
        severity: top ? 0.5 + (top.confidence ?? 0) / 2 : 0.6,
        category: top ? `${accepted[0]} → ${top.type}` : `${accepted[0]} → none`,
      });
    }
  }
  const classification = classify(pairs);
  const inScope = pairs.length;
  return {
    set,
    items: items.length,
    inScope,
    outOfScope,
    unknownLabel,
    correct,
    anyCorrect,
    accuracy: ratio(correct, inScope),
    anyAccuracy: ratio(anyCorrect, inScope),
    macroF1: classification.macroF1,
    falseAlarms,
    falseAlarmRate: ratio(falseAlarms, outOfScope),
    classification,
    perLabel: [...perLabel.values()].map(({ wrong, ...rest }) => {
      const top = [...wrong.entries()].sort((a, b) => b[1] - a[1])[0];
      return { ...rest, topConfusion: top ? `${top[0]} (${top[1]})` : null };
    }),
    errors,
    messages,
  };
}

export function typeSummaryTable(results: TypeScoreResult[]): Table {
  return {
    title: 'Event types: summary',
    headers: [
      'set',
      'items',
      'in scope',
      'accuracy',
      'any-event acc.',
      'macro-F1',
      'out of scope',
      'false alarms',
    ],
    rows: results.map((r) => [
      r.set,
      r.items,
      `${r.inScope} (${pct(ratio(r.inScope, r.items))})`,
      pct(r.accuracy),
      pct(r.anyAccuracy),
      pct(r.macroF1),
      r.outOfScope,
      `${r.falseAlarms} (${pct(r.falseAlarmRate)})`,
    ]),
    note:
      'in scope: gold label maps onto a sitrep type (data/eval-type-mapping.json). accuracy: the primary event ' +
      '(highest confidence) has an accepted type; any-event: some output event has; false alarms: out-of-scope ' +
      'items with any output event.',
  };
}

export function perLabelTable(r: TypeScoreResult): Table {
  const rows = [...r.perLabel].sort((a, b) => b.items - a.items || a.label.localeCompare(b.label));
  return {
    title: `${r.set}: accuracy per gold label`,
    headers: [
      'gold label',
      'accepted sitrep types',
      'items',
      'accuracy',
      'any-event',
      'no output',
      'most frequent wrong type',
    ],
    rows: rows.map((l) => [
      l.label,
      l.accepted,
      l.items,
      pct(ratio(l.correct, l.items)),
      pct(ratio(l.anyCorrect, l.items)),
      l.none,
      l.topConfusion ?? '–',
    ]),
  };
}

/** Confusion of gold (canonical sitrep type) against the primary output type, only over labels that occur. */
export function confusionTable(r: TypeScoreResult): Table {
  const golds = [...r.classification.confusion.keys()].sort();
  const preds = [...new Set([...r.classification.confusion.values()].flatMap((row) => [...row.keys()]))].sort(
    (a, b) => (a === NO_PREDICTION ? 1 : b === NO_PREDICTION ? -1 : a.localeCompare(b)),
  );
  const perClass = new Map(r.classification.perClass.map((c) => [c.label, c]));
  return {
    title: `${r.set}: confusion (rows gold, columns primary output type)`,
    headers: ['gold \\ output', ...preds, 'F1'],
    rows: golds.map((g) => [
      g,
      ...preds.map((p) => r.classification.confusion.get(g)?.get(p) ?? 0),
      pct(perClass.get(g)?.f1 ?? null),
    ]),
  };
}
