// Event-location gold (Halterman 2019): a sentence, one event verb, and the toponym span(s) where that event
// happened (none when the sentence does not say). The extractor runs on the sentence; the output event whose
// trigger span overlaps the verb is the one scored (else the primary event). Correct when its place span
// overlaps a gold location span, or when gold has none and the event has no place in the sentence.
import type { EventRecord } from '../types.ts';
import {
  DEFAULT_ARTICLE_DATE,
  type ErrorCase,
  type EvalMessage,
  type ExtractFn,
  primaryEvent,
  readJsonl,
  safeExtract,
} from './common.ts';
import { ratio } from './metrics.ts';
import { pct, type Table } from './table.ts';

interface SpanRef {
  start: number;
  end: number;
  text: string;
}

export interface EventLocationItem {
  id: string;
  line: number;
  text: string;
  verb: SpanRef;
  locations: SpanRef[];
}

export function loadEventLocationGold(
  text: string,
  file: string,
  messages: EvalMessage[],
): EventLocationItem[] {
  const items: EventLocationItem[] = [];
  for (const { line, rec } of readJsonl(text, file, messages)) {
    const verb = rec.verb as SpanRef | undefined;
    if (
      typeof rec.text !== 'string' ||
      !verb ||
      typeof verb.start !== 'number' ||
      !Array.isArray(rec.locations)
    ) {
      messages.push({ file, line, reason: 'not an event-location record (text, verb, locations)' });
      continue;
    }
    items.push({
      id: String(rec.id ?? `line-${line}`),
      line,
      text: rec.text,
      verb,
      locations: rec.locations as SpanRef[],
    });
  }
  return items;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/** The output event for the gold verb: one whose trigger overlaps it, else the primary event. */
function eventForVerb(
  events: EventRecord[],
  verb: SpanRef,
): { event: EventRecord | null; byTrigger: boolean } {
  const byTrigger = events.find((e) =>
    e.evidence?.spans?.some((s) => s.role === 'trigger' && overlaps(s, verb)),
  );
  return byTrigger
    ? { event: byTrigger, byTrigger: true }
    : { event: primaryEvent(events), byTrigger: false };
}

export interface EventLocationResult {
  set: string;
  items: number;
  withGoldLocation: number;
  triggerFound: number;
  correct: number;
  correctWithLocation: number;
  correctNoLocation: number;
  /** Linking P/R over (verb, location) links: predicted links are events with a place span. */
  linkPrecision: number | null;
  linkRecall: number | null;
  errors: ErrorCase[];
  messages: EvalMessage[];
}

export function scoreEventLocation(
  set: string,
  items: EventLocationItem[],
  extract: ExtractFn,
  messages: EvalMessage[] = [],
): EventLocationResult {
  let triggerFound = 0;
  let correctWith = 0;
  let correctWithout = 0;
  let predictedLinks = 0;
  let rightLinks = 0;
  const errors: ErrorCase[] = [];
  for (const item of items) {
    const events = safeExtract(
      extract,
      { id: `${set}:${item.id}`, date: DEFAULT_ARTICLE_DATE, text: item.text },
      set,
      item.line,
      messages,
    );
    const { event, byTrigger } = eventForVerb(events, item.verb);
    if (byTrigger) triggerFound++;
    const place = event?.evidence?.spans?.find((s) => s.role === 'place') ?? null;
    if (place) predictedLinks++;
    const hit = place ? item.locations.some((l) => overlaps(l, place)) : item.locations.length === 0;
    if (place && hit) rightLinks++;
    if (hit && item.locations.length) correctWith++;
    if (hit && !item.locations.length) correctWithout++;
    if (!hit) {
      errors.push({
        set,
        id: item.id,
        gold: `${item.verb.text} @ ${item.locations.map((l) => l.text).join(' | ') || 'no location in sentence'}`,
        output: event
          ? `${event.type} @ ${place?.text ?? 'no place span'}${event.location?.name ? ` (${event.location.name})` : ''}`
          : 'no event',
        sentence: item.text,
        severity: place ? 0.8 : 0.5,
        category: place
          ? item.locations.length
            ? 'wrong toponym'
            : 'place where gold has none'
          : 'no place',
      });
    }
  }
  const withGold = items.filter((i) => i.locations.length).length;
  return {
    set,
    items: items.length,
    withGoldLocation: withGold,
    triggerFound,
    correct: correctWith + correctWithout,
    correctWithLocation: correctWith,
    correctNoLocation: correctWithout,
    linkPrecision: ratio(rightLinks, predictedLinks),
    linkRecall: ratio(rightLinks, withGold),
    errors,
    messages,
  };
}

export function eventLocationTable(results: EventLocationResult[]): Table {
  return {
    title: 'Event location (which toponym is the event’s place)',
    headers: [
      'set',
      'items',
      'verb found as trigger',
      'accuracy',
      'acc. with location',
      'acc. no location',
      'link P',
      'link R',
    ],
    rows: results.map((r) => [
      r.set,
      r.items,
      pct(ratio(r.triggerFound, r.items)),
      pct(ratio(r.correct, r.items)),
      pct(ratio(r.correctWithLocation, r.withGoldLocation)),
      pct(ratio(r.correctNoLocation, r.items - r.withGoldLocation)),
      pct(r.linkPrecision),
      pct(r.linkRecall),
    ]),
    note:
      'The event scored is the one whose trigger overlaps the gold verb, else the primary event. Correct: its place ' +
      'span overlaps a gold location, or there is none in gold and none in the output.',
  };
}
