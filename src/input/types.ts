import type { Article, InputMessage } from '../types.ts';

/** One article read from an input, with where it came from (line is null when the format has no lines). */
export interface InputItem {
  article: Article;
  origin: { file: string; line: number | null };
}

export interface ReadOptions {
  /** --date: publication date for inputs that carry none (YYYY-MM-DD). */
  date?: string;
  /** Per input file or response; larger inputs are refused with a message, never read whole. Default 20 MB. */
  maxBytes?: number;
  /** Timeout for a URL, connection and body together. Default 15 000 ms. */
  fetchTimeoutMs?: number;
  /** Per article text; longer articles are refused with a message. Default 1 000 000. */
  maxArticleChars?: number;
  /** Where '-' reads from; defaults to process.stdin (tests and embedders pass their own stream). */
  stdin?: AsyncIterable<Uint8Array | string>;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_ARTICLE_CHARS = 1_000_000;

/** Options after defaults and validation, as every reader sees them. */
export interface ReadContext {
  date: string | null;
  maxBytes: number;
  fetchTimeoutMs: number;
  maxArticleChars: number;
}

export type InputResult = InputItem | InputMessage;
