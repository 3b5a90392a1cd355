// A small RFC 4180 CSV parser: comma-separated (or another one-character delimiter), double-quoted fields
// with "" escapes, quoted fields may span lines, records end at LF or CRLF. Every record and error carries the line where its record starts.

export interface CsvRecord {
  fields: string[];
  /** Line where the record starts (1-based). */
  line: number;
  /** Line where the record ends (a quoted field may span lines). */
  endLine: number;
}

export interface CsvError {
  line: number;
  reason: string;
}

/** True for an error yielded by parseCsv. */
export function isCsvError(x: CsvRecord | CsvError): x is CsvError {
  return 'reason' in x;
}

/**
 * Parses CSV text. A malformed record yields an error and parsing resumes on the next physical line after
 * the record's start, so one stray quote does not swallow the rest of the file.
 */
export function* parseCsv(text: string, delimiter = ','): Generator<CsvRecord | CsvError> {
  const n = text.length;
  let i = 0;
  let line = 1;

  // Position just after the end of the physical line containing `pos`.
  const nextLineAfter = (pos: number): number => {
    const nl = text.indexOf('\n', pos);
    return nl < 0 ? n : nl + 1;
  };

  while (i < n) {
    const start = i;
    const startLine = line;
    const fields: string[] = [];
    let error: string | null = null;
    let unterminated = false;
    let ended = false;
    while (!ended) {
      if (text[i] === '"') {
        // Quoted field.
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            error = 'unterminated quoted field';
            unterminated = true;
            break;
          }
          value += text.slice(j, q);
          if (text[q + 1] === '"') {
            value += '"';
            j = q + 2;
            continue;
          }
          j = q + 1;
          break;
        }
        if (error) break;
        for (let k = i; k < j; k++) if (text[k] === '\n') line++;
        i = j;
        fields.push(value);
        if (i >= n) ended = true;
        else if (text[i] === delimiter) i++;
        else if (text[i] === '\n') {
          i++;
          line++;
          ended = true;
        } else if (text[i] === '\r' && text[i + 1] === '\n') {
          i += 2;
          line++;
          ended = true;
        } else {
          error = `unexpected ${JSON.stringify(text[i])} after a closing quote`;
          break;
        }
      } else {
        // Unquoted field: up to the next comma or line end.
        let j = i;
        while (
          j < n &&
          text[j] !== delimiter &&
          text[j] !== '\n' &&
          !(text[j] === '\r' && text[j + 1] === '\n')
        )
          j++;
        const value = text.slice(i, j);
        if (value.includes('"')) {
          error = 'a double quote inside an unquoted field (quote the field and double the quote)';
          break;
        }
        fields.push(value);
        i = j;
        if (i >= n) ended = true;
        else if (text[i] === delimiter) {
          i++;
          if (i >= n) {
            // "a,b," at the very end: the last field is empty.
            fields.push('');
            ended = true;
          }
        } else {
          i += text[i] === '\r' ? 2 : 1;
          line++;
          ended = true;
        }
      }
    }
    if (error) {
      yield { line: startLine, reason: `malformed CSV: ${error}` };
      if (unterminated) {
        // The quote may be a typo: everything after it would be swallowed, so resume on the next line.
        i = nextLineAfter(start);
        line = startLine + 1;
      } else {
        i = nextLineAfter(i);
        line++;
      }
      continue;
    }
    // A blank line is no record.
    if (fields.length === 1 && fields[0] === '' && text[start] !== '"') continue;
    yield { fields, line: startLine, endLine: line - (text[i - 1] === '\n' ? 1 : 0) };
  }
}
