// A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF, newlines inside quotes) that reports
// problems as messages with the line where the record starts.
import type { EvalMessage } from './common.ts';

export interface CsvRecord {
  line: number;
  fields: Record<string, string>;
}

/** Splits CSV text into rows of fields, each with the 1-based line where the row starts. */
export function parseCsvRows(
  text: string,
  file: string,
  messages: EvalMessage[],
): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = [];
  const src = text.replace(/^\uFEFF/, '');
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
    i++;
  }
  if (quoted)
    messages.push({
      file,
      line: rowLine,
      reason: 'unterminated quoted field; the row was read to the end of the file',
    });
  if (cell !== '' || cells.length) endRow();
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
