// Plain-text report: an optional first-line header " date YYYY-MM-DD", then the article text.
import { decodeText } from './decode.ts';
import { reject } from './messages.ts';
import { buildArticle } from './record.ts';
import type { InputResult, ReadContext } from './types.ts';

// With the leading space the header is unambiguous, so any token after "date" must be a date.
const SPACED_HEADER = /^ date[ \t]+(\S+)/;
// Without it, "date palms ..." is ordinary text: only a digits-and-dashes token counts as a header.
const BARE_HEADER = /^date[ \t]+(\d[\d-]*\d)(?=\s|$)/;

export interface SplitReport {
  /** Raw date of the header, or null when there is no header. */
  date: string | null;
  /** The article text: everything after the header and the whitespace that follows it, otherwise untouched. */
  text: string;
}

/** Separates the date header from the text. Evidence offsets are offsets into the returned text. */
export function splitReport(content: string): SplitReport {
  const m = SPACED_HEADER.exec(content) ?? BARE_HEADER.exec(content);
  if (!m) return { date: null, text: content };
  const rest = content.slice(m[0].length);
  return { date: m[1], text: rest.replace(/^\s+/, '') };
}

export function readTextReport(content: string, file: string, ctx: ReadContext): InputResult[] {
  if (content.trim() === '') return [reject(file, null, 'empty file (only whitespace)')];
  const { date, text } = splitReport(content);
  // The article starts on line 1, where the header is: every message about it points there.
  return buildArticle({ date, text }, { file, line: 1 }, ctx);
}

export function readTextBytes(bytes: Uint8Array, file: string, ctx: ReadContext): InputResult[] {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return [reject(file, decoded.line, decoded.reason)];
  return readTextReport(decoded.text, file, ctx);
}
