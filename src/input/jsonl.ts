// JSONL: one article object per line; a bad line is reported with its number and the others go on.
import { readLineFile } from './decode.ts';
import { reject } from './messages.ts';
import { buildArticle, fieldsFromJson } from './record.ts';
import type { InputResult, ReadContext } from './types.ts';

export function* readJsonlBytes(bytes: Uint8Array, file: string, ctx: ReadContext): Generator<InputResult> {
  yield* readLineFile(bytes, file, ctx, readJsonl);
}

export function* readJsonl(
  text: string,
  file: string,
  ctx: ReadContext,
  badLines: Map<number, number> = new Map(),
): Generator<InputResult> {
  if (text.trim() === '') {
    yield reject(file, null, 'empty file (only whitespace)');
    return;
  }
  let lineNo = 0;
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const line = text.slice(from, to).replace(/\r$/, '');
    from = to + 1;
    lineNo++;
    if (line.trim() === '') continue;
    const bad = badLines.get(lineNo);
    if (bad !== undefined) {
      yield reject(file, lineNo, `not UTF-8 at byte ${bad}`);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      yield reject(file, lineNo, `malformed JSON: ${(e as Error).message}`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield reject(file, lineNo, 'expected a JSON object {"text": …} on each line');
      continue;
    }
    const got = fieldsFromJson(value as Record<string, unknown>);
    if ('reason' in got) {
      yield reject(file, lineNo, got.reason);
      continue;
    }
    yield* buildArticle(got.fields, { file, line: lineNo }, ctx);
  }
}

/** Stdin and unknown files are JSONL when every non-empty line starts with "{". */
export function looksLikeJsonl(text: string): boolean {
  let any = false;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t === '') continue;
    if (!t.startsWith('{')) return false;
    any = true;
  }
  return any;
}
