// CSV with the article columns (id, date, title, text, url, source) named in a header row.
import { isCsvError, parseCsv } from './csv-parse.ts';
import { readLineFile } from './decode.ts';
import { reject, warn } from './messages.ts';
import { ARTICLE_FIELDS, type ArticleFields, buildArticle } from './record.ts';
import type { InputResult, ReadContext } from './types.ts';

type Column = (typeof ARTICLE_FIELDS)[number];

export function* readCsvBytes(bytes: Uint8Array, file: string, ctx: ReadContext): Generator<InputResult> {
  yield* readLineFile(bytes, file, ctx, readCsv);
}

export function* readCsv(
  text: string,
  file: string,
  ctx: ReadContext,
  badLines: Map<number, number> = new Map(),
): Generator<InputResult> {
  if (text.trim() === '') {
    yield reject(file, null, 'empty file (only whitespace)');
    return;
  }
  let columns: (Column | null)[] | null = null;
  for (const rec of parseCsv(text, delimiterOf(text))) {
    if (isCsvError(rec)) {
      yield reject(file, rec.line, rec.reason);
      if (columns === null) return; // without a header nothing else can be read
      continue;
    }
    if (columns === null) {
      const header = rec.fields.map((f) => f.trim().toLowerCase());
      if (!header.includes('text')) {
        yield reject(
          file,
          rec.line,
          `CSV header has no "text" column (columns: ${ARTICLE_FIELDS.join(', ')})`,
        );
        return;
      }
      columns = header.map((h) => ((ARTICLE_FIELDS as readonly string[]).includes(h) ? (h as Column) : null));
      const unknown = header.filter((h, k) => columns![k] === null && h !== '');
      if (unknown.length > 0)
        yield warn(file, rec.line, `ignoring unknown CSV columns: ${unknown.join(', ')}`);
      continue;
    }
    let bad: number | undefined;
    for (let l = rec.line; l <= rec.endLine && bad === undefined; l++) bad = badLines.get(l);
    if (bad !== undefined) {
      yield reject(file, rec.line, `not UTF-8 at byte ${bad}`);
      continue;
    }
    if (rec.fields.length !== columns.length) {
      yield reject(
        file,
        rec.line,
        `malformed CSV: ${rec.fields.length} fields where the header has ${columns.length}`,
      );
      continue;
    }
    const fields: ArticleFields = { text: '' };
    columns.forEach((col, k) => {
      if (col !== null) fields[col] = rec.fields[k];
    });
    yield* buildArticle(fields, { file, line: rec.line }, ctx);
  }
  if (columns === null) yield reject(file, null, 'CSV file has no header row');
}

function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
}

function headerColumns(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
}

/**
 * The delimiter, read from the header row: a comma (RFC 4180), unless the header only splits into named
 * columns with a semicolon or a tab (spreadsheet exports in many locales use those).
 */
export function delimiterOf(text: string): string {
  const header = firstLine(text);
  for (const d of [',', ';', '\t']) if (headerColumns(header, d).includes('text')) return d;
  return ',';
}

/** An unknown file is CSV when its first line is a delimited header with a "text" column. */
export function looksLikeCsv(text: string): boolean {
  const header = firstLine(text);
  return [',', ';', '\t'].some((d) => {
    const cols = headerColumns(header, d);
    return cols.length > 1 && cols.includes('text');
  });
}
