// CSV for the eval sets: the input stage's RFC 4180 parser, with problems as eval messages naming the line.
import { isCsvError, parseCsv as parseCsvRecords } from '../input/csv-parse.ts';
import type { EvalMessage } from './common.ts';

export interface CsvRecord {
  line: number;
  fields: Record<string, string>;
}

/** Splits CSV text into rows of fields, each with the 1-based line where the row starts (input's parser). */
export function parseCsvRows(
  text: string,
  file: string,
  messages: EvalMessage[],
): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = [];
  for (const rec of parseCsvRecords(text.replace(/^\uFEFF/, ''))) {
    if (isCsvError(rec)) messages.push({ file, line: rec.line, reason: rec.reason });
    else if (rec.fields.length > 1 || rec.fields[0] !== '') rows.push({ line: rec.line, cells: rec.fields });
  }
  return rows;
}

/** CSV with a header row → records keyed by lower-cased header; rows with a wrong cell count become messages. */
export function parseCsv(text: string, file: string, messages: EvalMessage[]): CsvRecord[] {
  const rows = parseCsvRows(text, file, messages);
  if (rows.length === 0) return [];
  const header = rows[0].cells.map((h) => h.trim().toLowerCase());
  const out: CsvRecord[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.length !== header.length) {
      messages.push({
        file,
        line: row.line,
        reason: `expected ${header.length} fields, found ${row.cells.length}; row skipped`,
      });
      continue;
    }
    const fields: Record<string, string> = {};
    header.forEach((h, k) => {
      fields[h] = row.cells[k];
    });
    out.push({ line: row.line, fields });
  }
  return out;
}
