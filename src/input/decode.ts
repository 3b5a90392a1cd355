// Bytes → text, refusing what is not text: empty input, binary data, bytes that are not UTF-8.
// No charset guessing: a file that is not UTF-8 is reported with the byte where decoding fails.

import { reject } from './messages.ts';
import type { InputResult, ReadContext } from './types.ts';

/** How much of the start of a file the binary sniffing looks at. */
const SNIFF_BYTES = 8192;
/** Share of control characters above which a file is taken for binary. */
const MAX_CONTROL_RATIO = 0.1;

export type Decoded = { ok: true; text: string } | { ok: false; line: number | null; reason: string };

/** 1-based line number of a byte offset (count of LF bytes before it, plus one). */
export function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function isControl(b: number): boolean {
  // Tab, LF, form feed and CR are normal in text; every other C0 byte and DEL is not.
  return (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f;
}

/**
 * Says why bytes look binary, or null. `wholeFile` scans every byte for NUL (single-article formats);
 * otherwise only the start is sniffed and line formats reject individual records later.
 */
export function binaryReason(bytes: Uint8Array, wholeFile: boolean): string | null {
  const nul = wholeFile ? bytes.indexOf(0) : bytes.subarray(0, SNIFF_BYTES).indexOf(0);
  if (nul >= 0) return `binary data: NUL byte at byte ${nul}`;
  const sample = bytes.subarray(0, SNIFF_BYTES);
  let controls = 0;
  for (const b of sample) if (isControl(b)) controls++;
  if (sample.length > 0 && controls / sample.length > MAX_CONTROL_RATIO) {
    return `binary data: ${Math.round((100 * controls) / sample.length)}% control characters in the first ${sample.length} bytes`;
  }
  return null;
}

/** Offset of the first byte that breaks UTF-8 (overlongs, surrogates and code points above U+10FFFF included), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
      cp = b & 0x07;
    } else {
      return i;
    }
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (i + k >= n || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, k) => bytes[k] === b);
}

/** A UTF-16/32 byte order mark means the file is text, but not UTF-8: say so rather than "binary". */
function utf16Reason(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return 'not UTF-8 at byte 0 (starts with a UTF-16 byte order mark); convert the file to UTF-8';
  }
  return null;
}

const fatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Why bytes cannot be text at all (empty, UTF-16, binary), before any decoding; null when they may be. */
export function textProblem(
  bytes: Uint8Array,
  wholeFile: boolean,
): { line: number | null; reason: string } | null {
  if (bytes.length === 0) return { line: null, reason: 'empty file' };
  const utf16 = utf16Reason(bytes);
  if (utf16) return { line: 1, reason: utf16 };
  const binary = binaryReason(bytes, wholeFile);
  if (binary) return { line: null, reason: binary };
  return null;
}

/** Checks that bytes are text: not empty, not binary, UTF-8 without errors. A UTF-8 BOM is dropped. */
export function decodeText(bytes: Uint8Array): Decoded {
  const problem = textProblem(bytes, true);
  if (problem) return { ok: false, ...problem };
  try {
    return { ok: true, text: fatalDecoder.decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    return { ok: false, line: lineOfByte(bytes, at), reason: `not UTF-8 at byte ${at}` };
  }
}

export interface LineDecoded {
  text: string;
  /** Lines (1-based) that were not UTF-8, with the file offset of the first bad byte. */
  badLines: Map<number, number>;
}

/**
 * For line formats (JSONL, CSV): one bad line must not cost the whole file. Lines that are not UTF-8 are
 * decoded with replacement characters and listed, so that the records that touch them can be rejected.
 */
export function decodeLines(bytes: Uint8Array): LineDecoded {
  const start = startsWith(bytes, UTF8_BOM) ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return { text: fatalDecoder.decode(body), badLines: new Map() };
  } catch {
    const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    const badLines = new Map<number, number>();
    const parts: string[] = [];
    let line = 1;
    let from = 0;
    while (from <= body.length) {
      let to = body.indexOf(0x0a, from);
      if (to < 0) to = body.length;
      const chunk = body.subarray(from, to);
      const bad = firstInvalidUtf8(chunk);
      if (bad >= 0) badLines.set(line, start + from + bad);
      parts.push(lossy.decode(chunk));
      from = to + 1;
      line++;
    }
    return { text: parts.join('\n'), badLines };
  }
}

/** The encoding a markup document declares in its first bytes: <?xml … encoding="…"?> or <meta charset>. */
export function declaredEncoding(bytes: Uint8Array): string | null {
  // The declaration itself is ASCII: reading the head byte by byte as Latin-1 finds it whatever the encoding.
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const m =
    /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head) ??
    /<meta[^>]*\bcharset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

/**
 * Text of an HTML or XML document: UTF-8 when it is valid UTF-8; otherwise the encoding the document
 * declares, if it declares one (a declaration is not a guess); otherwise the byte where UTF-8 fails.
 */
export function decodeMarkup(bytes: Uint8Array): Decoded {
  const utf8 = decodeText(bytes);
  if (utf8.ok || !utf8.reason.startsWith('not UTF-8 at byte')) return utf8;
  const declared = declaredEncoding(bytes);
  if (declared === null || declared === 'utf-8' || declared === 'utf8') return utf8;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared, { fatal: true });
  } catch {
    return { ...utf8, reason: `${utf8.reason} (the document declares "${declared}", an unknown encoding)` };
  }
  if (decoder.encoding === 'utf-16le' || decoder.encoding === 'utf-16be') return utf8;
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, line: null, reason: `not valid ${declared}, the encoding the document declares` };
  }
}

/**
 * A line-oriented file (JSONL, CSV): refused whole when it is binary or empty, else decoded line by line and
 * handed to `read` with the lines that are not UTF-8, so that only the records touching them are rejected.
 */
export function* readLineFile(
  bytes: Uint8Array,
  file: string,
  ctx: ReadContext,
  read: (
    text: string,
    file: string,
    ctx: ReadContext,
    badLines: Map<number, number>,
  ) => Generator<InputResult>,
): Generator<InputResult> {
  const problem = textProblem(bytes, false);
  if (problem) {
    yield reject(file, problem.line, problem.reason);
    return;
  }
  const { text, badLines } = decodeLines(bytes);
  yield* read(text, file, ctx, badLines);
}
