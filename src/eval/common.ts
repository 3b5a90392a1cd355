// What every eval set shares: the extractor as a function, messages instead of exceptions, and error cases.
import type { Article, EventRecord } from '../types.ts';

export type ExtractFn = (article: Article) => EventRecord[];

/** A problem with a gold item or with extraction on it: reported, never fatal to the run. */
export interface EvalMessage {
  file: string;
  line: number | null;
  reason: string;
}

/** One scored mistake, for the "worst errors" list of a report. */
export interface ErrorCase {
  set: string;
  id: string;
  /** What the gold says, in a few words. */
  gold: string;
  /** What sitrep produced, in a few words. */
  output: string;
  sentence: string;
  /** Higher is worse; comparable within one set (used to pick the worst ones). */
  severity: number;
  /** A short error category (e.g. "type", "location > 161 km", "missed must") for grouping. */
  category: string;
}

/** Default publication date for gold items that carry none: a fixed anchor so relative dates are reproducible. */
export const DEFAULT_ARTICLE_DATE = '2000-01-01';

/** Runs the extractor on one article; an exception becomes a message and an empty output. */
export function safeExtract(
  extract: ExtractFn,
  article: Article,
  file: string,
  line: number | null,
  messages: EvalMessage[],
): EventRecord[] {
  try {
    const out = extract(article);
    return Array.isArray(out) ? out : [];
  } catch (e) {
    messages.push({ file, line, reason: `extract failed on ${article.id}: ${(e as Error).message}` });
    return [];
  }
}

/** The event a single-label gold is compared with: highest confidence, first in the text on ties. */
export function primaryEvent(events: EventRecord[]): EventRecord | null {
  let best: EventRecord | null = null;
  for (const e of events) {
    const c = typeof e.confidence === 'number' ? e.confidence : 0;
    const bc = best && typeof best.confidence === 'number' ? best.confidence : 0;
    if (!best || c > bc || (c === bc && (e.evidence?.start ?? 0) < (best.evidence?.start ?? 0))) best = e;
  }
  return best;
}

/** Reads JSONL: objects with their 1-based line; malformed lines become messages. */
export function readJsonl(
  text: string,
  file: string,
  messages: EvalMessage[],
): Array<{ line: number; rec: Record<string, unknown> }> {
  const out: Array<{ line: number; rec: Record<string, unknown> }> = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      if (!raw.trim()) return;
      try {
        const rec = JSON.parse(raw) as unknown;
        if (rec && typeof rec === 'object' && !Array.isArray(rec))
          out.push({ line: i + 1, rec: rec as Record<string, unknown> });
        else messages.push({ file, line: i + 1, reason: 'not a JSON object' });
      } catch (e) {
        messages.push({ file, line: i + 1, reason: `malformed JSON: ${(e as Error).message}` });
      }
    });
  return out;
}

/** Picks the worst errors, taking turns between sets so that one noisy set does not fill the list. */
export function worstErrors(cases: ErrorCase[], limit: number): ErrorCase[] {
  const bySet = new Map<string, ErrorCase[]>();
  for (const c of cases) bySet.set(c.set, [...(bySet.get(c.set) ?? []), c]);
  const queues = [...bySet.values()].map((list) => [...list].sort((a, b) => b.severity - a.severity));
  const out: ErrorCase[] = [];
  while (out.length < limit && queues.some((q) => q.length)) {
    for (const q of queues) {
      const next = q.shift();
      if (next && out.length < limit) out.push(next);
    }
  }
  return out;
}
