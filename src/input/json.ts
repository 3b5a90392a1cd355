// A JSON document (not JSONL): an array of article objects, or a single one. Messages name the array item,
// and the line where that item starts when it can be found.
import { decodeText } from './decode.ts';
import { reject } from './messages.ts';
import { buildArticle, fieldsFromJson } from './record.ts';
import type { InputResult, ReadContext } from './types.ts';

/** Line where each top-level array element starts (a small scanner that skips strings). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    if (depth === 1 && expectValue && c !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '\n') line++;
      }
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1 && c === '[') expectValue = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectValue = true;
  }
  return lines;
}

export function readJson(bytes: Uint8Array, file: string, ctx: ReadContext): InputResult[] {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return [reject(file, decoded.line, decoded.reason)];
  let value: unknown;
  try {
    value = JSON.parse(decoded.text);
  } catch (e) {
    return [reject(file, null, `malformed JSON: ${(e as Error).message}`)];
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(value)) {
    const got = fieldsFromJson(value);
    return 'reason' in got ? [reject(file, 1, got.reason)] : buildArticle(got.fields, { file, line: 1 }, ctx);
  }
  if (!Array.isArray(value)) return [reject(file, null, 'expected a JSON array of article objects')];
  const lines = elementLines(decoded.text);
  const out: InputResult[] = [];
  value.forEach((v, k) => {
    const line = lines.length === value.length ? lines[k] : null;
    if (!isObject(v)) {
      out.push(reject(file, line, `item ${k + 1}: expected an object {"text": …}`));
      return;
    }
    const got = fieldsFromJson(v);
    if ('reason' in got) out.push(reject(file, line, `item ${k + 1}: ${got.reason}`));
    else out.push(...buildArticle(got.fields, { file, line }, ctx));
  });
  if (value.length === 0) out.push(reject(file, null, 'empty JSON array'));
  return out;
}

/** A document that starts like JSON but is not JSONL (an array, or an object spread over lines). */
export function looksLikeJson(text: string): boolean {
  const t = text.trimStart();
  return t.startsWith('[') || t.startsWith('{');
}
