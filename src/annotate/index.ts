// Annotation: sentences, (lazy) tokens and quoted spans, all with character offsets into the original text.

import { findQuotes, type Quote } from './quotes.ts';
import { splitSentences } from './sentences.ts';
import { type Token, tokenize } from './tokens.ts';

export type { Quote } from './quotes.ts';
export type { Token } from './tokens.ts';
export { tokenize } from './tokens.ts';

export interface Sentence {
  index: number;
  start: number;
  end: number;
  text: string;
  /** Computed on first access: most sentences never need their tokens. */
  tokens: Token[];
}

export interface Annotated {
  text: string;
  sentences: Sentence[];
  quotes: Quote[];
}

/** `text` is an own property (spreads and copies keep it); `tokens` is computed on first access. */
class LazySentence implements Sentence {
  #tokens: Token[] | null = null;
  readonly #source: string;
  readonly text: string;
  constructor(
    source: string,
    readonly index: number,
    readonly start: number,
    readonly end: number,
  ) {
    this.#source = source;
    this.text = source.slice(start, end);
  }
  get tokens(): Token[] {
    if (this.#tokens === null) this.#tokens = tokenize(this.#source, this.start, this.end);
    return this.#tokens;
  }
  toJSON(): object {
    return { index: this.index, start: this.start, end: this.end, text: this.text };
  }
}

/** The ` date YYYY-MM-DD ` header that may open the first line of a report (SPEC "Input"). */
const DATE_HEADER = /^[ \t\ufeff]*date[ \t]+(\d{4}-\d{2}-\d{2})(?=[\s]|$)[ \t]*/;

/**
 * Split off a ` date YYYY-MM-DD` header. `offset` is where `text` starts in `raw`, so offsets found in
 * `text` map back to `raw` by adding it. The date is returned as written; checking that it is a real
 * calendar date is the caller's job (it turns a bad one into an input message).
 */
export function stripDateHeader(raw: string): { date: string | null; text: string; offset: number } {
  const m = DATE_HEADER.exec(raw);
  if (!m) return { date: null, text: raw, offset: 0 };
  const offset = m[0].length;
  return { date: m[1], text: raw.slice(offset), offset };
}

/**
 * Sentences and quotes of `text`. A leading date header is skipped (it is not part of any sentence);
 * all offsets are into `text` as given.
 */
export function annotate(text: string): Annotated {
  const { offset } = stripDateHeader(text);
  const sentences: Sentence[] = splitSentences(text, offset).map(
    (r, i) => new LazySentence(text, i, r.start, r.end),
  );
  return { text, sentences, quotes: findQuotes(text) };
}

/** Whether [start, end) lies inside one of the quotes (for attribution and modality). */
export function inQuote(quotes: Quote[], start: number, end: number): boolean {
  for (const q of quotes) if (start >= q.start && end <= q.end) return true;
  return false;
}
