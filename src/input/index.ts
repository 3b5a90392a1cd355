// Input readers: files, directories, stdin and URLs in every supported format → articles and messages.
// Nothing in here throws out of readInputs: every problem becomes an InputMessage naming file and line.
import { stat } from 'node:fs/promises';
import type { InputMessage } from '../types.ts';
import { readCsvBytes } from './csv.ts';
import { parseDateOption } from './dates.ts';
import { decodeMarkup, textProblem } from './decode.ts';
import { type Format, formatByContentType, formatByExtension, sniffFormat } from './detect.ts';
import { readFeed } from './feed.ts';
import { charsetOf, fetchLimited } from './fetch.ts';
import { readHtml } from './html.ts';
import { readJson } from './json.ts';
import { looksLikeJsonl, readJsonlBytes } from './jsonl.ts';
import { reject, warn } from './messages.ts';
import { fsReason, listInputFiles, readFileLimited, readStreamLimited } from './sources.ts';
import { readTextBytes } from './text.ts';
import {
  DEFAULT_FETCH_TIMEOUT_MS,
  DEFAULT_MAX_ARTICLE_CHARS,
  DEFAULT_MAX_BYTES,
  type InputItem,
  type InputResult,
  type ReadContext,
  type ReadOptions,
} from './types.ts';

export { articleId } from './article-id.ts';
export { parseDateOption, parsePublicationDate } from './dates.ts';
export { formatMessage, isMessage } from './messages.ts';
export { RejectsLog } from './rejects.ts';
export type { InputItem, ReadOptions } from './types.ts';
export { DEFAULT_FETCH_TIMEOUT_MS, DEFAULT_MAX_ARTICLE_CHARS, DEFAULT_MAX_BYTES } from './types.ts';

/** How stdin is named in messages. */
export const STDIN_NAME = '<stdin>';

/** Bytes read before sniffing decides the format of an input without a known extension. */
const SNIFF_BYTES = 64 * 1024;

function positive(n: number | undefined, fallback: number): number {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}

function makeContext(opts: ReadOptions): ReadContext | InputMessage {
  let date: string | null = null;
  if (opts.date !== undefined && opts.date !== null && opts.date !== '') {
    const parsed = parseDateOption(opts.date);
    if (!parsed.ok) return reject('--date', null, parsed.reason);
    date = parsed.date;
  }
  return {
    date,
    maxBytes: positive(opts.maxBytes, DEFAULT_MAX_BYTES),
    fetchTimeoutMs: positive(opts.fetchTimeoutMs, DEFAULT_FETCH_TIMEOUT_MS),
    maxArticleChars: positive(opts.maxArticleChars, DEFAULT_MAX_ARTICLE_CHARS),
  };
}

function sniffBytes(bytes: Uint8Array): Format {
  // Bytes that are not text go to the text reader, which says why they are refused.
  if (textProblem(bytes, false)) return 'text';
  return sniffFormat(new TextDecoder('utf-8').decode(bytes.subarray(0, SNIFF_BYTES)));
}

/** Runs the reader for a format on the bytes of one input. */
async function* readBytes(
  bytes: Uint8Array,
  format: Format,
  file: string,
  ctx: ReadContext,
  url: string | null = null,
): AsyncGenerator<InputResult> {
  switch (format) {
    case 'text':
      yield* readTextBytes(bytes, file, ctx);
      return;
    case 'jsonl':
      yield* readJsonlBytes(bytes, file, ctx);
      return;
    case 'json':
      yield* readJson(bytes, file, ctx);
      return;
    case 'csv':
      yield* readCsvBytes(bytes, file, ctx);
      return;
    case 'feed':
    case 'html': {
      const decoded = decodeMarkup(bytes);
      if (!decoded.ok) {
        yield reject(file, decoded.line, decoded.reason);
        return;
      }
      if (decoded.text.trim() === '') {
        yield reject(file, null, 'empty file (only whitespace)');
        return;
      }
      if (format === 'feed') yield* await readFeed(decoded.text, file, ctx);
      else yield* readHtml(decoded.text, file, ctx, url);
      return;
    }
  }
}

async function* readFile(path: string, ctx: ReadContext): AsyncGenerator<InputResult> {
  const got = await readFileLimited(path, ctx.maxBytes);
  if (!got.ok) {
    yield reject(path, null, got.reason);
    return;
  }
  yield* readBytes(got.bytes, formatByExtension(path) ?? sniffBytes(got.bytes), path, ctx);
}

async function* readPath(path: string, ctx: ReadContext): AsyncGenerator<InputResult> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (e) {
    yield reject(path, null, fsReason(e));
    return;
  }
  if (!isDir) {
    yield* readFile(path, ctx);
    return;
  }
  const listing = await listInputFiles(path);
  for (const p of listing.problems) yield reject(p.path, null, p.reason);
  if (listing.files.length === 0)
    yield warn(path, null, 'no input files (.txt, .jsonl, .csv, .xml, .rss, .atom, .html) in directory');
  for (const file of listing.files) yield* readFile(file, ctx);
}

async function* readStdin(
  ctx: ReadContext,
  stdin: AsyncIterable<Uint8Array | string>,
): AsyncGenerator<InputResult> {
  const got = await readStreamLimited(stdin, ctx.maxBytes);
  if (!got.ok) {
    yield reject(STDIN_NAME, null, got.reason);
    return;
  }
  // Stdin is a text report, or JSONL when every non-empty line starts with "{".
  const problem = textProblem(got.bytes, false);
  const jsonl = !problem && looksLikeJsonl(new TextDecoder('utf-8').decode(got.bytes));
  yield* readBytes(got.bytes, jsonl ? 'jsonl' : 'text', STDIN_NAME, ctx);
}

async function* readUrl(url: string, ctx: ReadContext): AsyncGenerator<InputResult> {
  const got = await fetchLimited(url, { timeoutMs: ctx.fetchTimeoutMs, maxBytes: ctx.maxBytes });
  if (!got.ok) {
    yield reject(url, null, got.reason);
    return;
  }
  let bytes = got.bytes;
  const charset = charsetOf(got.contentType);
  if (charset !== null && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
    // A declared charset is not a guess: honour it, then read the text as UTF-8 like everything else.
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(charset, { fatal: true });
    } catch {
      yield reject(url, null, `unsupported charset "${charset}"`);
      return;
    }
    try {
      bytes = new TextEncoder().encode(decoder.decode(bytes));
    } catch {
      yield reject(url, null, `body is not valid ${charset} as declared`);
      return;
    }
  }
  const format = formatByContentType(got.contentType) ?? sniffBytes(bytes);
  yield* readBytes(bytes, format, url, ctx, got.url);
}

/**
 * Reads every input in order: files, directories (recursively, sorted), '-' for stdin, http(s) URLs.
 * Yields articles with their origin, and messages for whatever could not be read; never throws.
 */
export async function* readInputs(
  paths: string[],
  opts: ReadOptions = {},
): AsyncGenerator<InputItem | InputMessage> {
  const ctx = makeContext(opts);
  if ('reason' in ctx) {
    // A bad --date would misdate every article: nothing is read.
    yield ctx;
    return;
  }
  for (const path of paths) {
    try {
      if (path === '-') yield* readStdin(ctx, opts.stdin ?? process.stdin);
      else if (/^https?:\/\//i.test(path)) yield* readUrl(path, ctx);
      else if (/^[a-z][a-z0-9+.-]+:\/\//i.test(path))
        yield reject(path, null, 'unsupported URL scheme (http and https only)');
      else yield* readPath(path, ctx);
    } catch (e) {
      // Last resort: a reader bug must not stop the batch.
      yield reject(path, null, `internal error while reading: ${(e as Error)?.message ?? String(e)}`);
    }
  }
}
