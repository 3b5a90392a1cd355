// RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted, quotes doubled, records end with CRLF.
import { isCsvError, parseCsv as parseCsvRecords } from '../input/csv-parse.ts';

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: Array<string | number | null | undefined>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * Parses RFC 4180 CSV into rows of fields (for reading an export back): the input stage's parser, which
 * also reports malformed records; here any malformed record is an error.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const rec of parseCsvRecords(text)) {
    if (isCsvError(rec)) throw new Error(`CSV line ${rec.line}: ${rec.reason}`);
    rows.push(rec.fields);
  }
  return rows;
}
