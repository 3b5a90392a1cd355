// Quoted spans. News convention: a quotation that runs over several paragraphs opens each paragraph
// again and closes only in the last one, so an unclosed quote ends at its paragraph's end.

export interface Quote {
  /** Inner span: after the opening mark, before the closing mark (or the paragraph end). */
  start: number;
  end: number;
}

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
/** Characters after which an opening straight or single quote may stand. */
const OPENER_BEFORE = /[\s([—–\-:“"]/;

/** Paragraph ends (a blank line) at or after `from`. */
function paragraphEnd(text: string, from: number): number {
  const re = /\n[ \t]*\n/g;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : text.length;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && isSpace(text[e - 1])) e--;
  return e;
}

/** Find quoted spans with “…”, "…" and ‘…’ (a ’ inside a word is an apostrophe, not a closing mark). */
export function findQuotes(text: string): Quote[] {
  const quotes: Quote[] = [];
  const OPENING = /[“"‘]/g;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Jump to the next candidate opening mark; most of the text has none.
    OPENING.lastIndex = i;
    const hit = OPENING.exec(text);
    if (hit === null) break;
    i = hit.index;
    const c = text[i];
    if (c === '“' || (c === '"' && (i === 0 || OPENER_BEFORE.test(text[i - 1])) && !isSpace(text[i + 1]))) {
      const close = c === '“' ? '”' : '"';
      const pEnd = paragraphEnd(text, i);
      let j = i + 1;
      let end = -1;
      for (; j < pEnd; j++) {
        const d = text[j];
        if (d === close && (close === '”' || !isWordChar(text[j + 1]))) {
          end = j;
          break;
        }
        if (c === '“' && d === '“') break; // a new opening mark: the previous quote was left open
      }
      const innerEnd = end >= 0 ? end : trimEnd(text, i + 1, j);
      if (innerEnd > i + 1) quotes.push({ start: i + 1, end: innerEnd });
      i = end >= 0 ? end + 1 : j;
      continue;
    }
    if (c === '‘' && (i === 0 || OPENER_BEFORE.test(text[i - 1])) && isWordChar(text[i + 1])) {
      const pEnd = paragraphEnd(text, i);
      let end = -1;
      for (let j = i + 1; j < pEnd; j++) {
        // A closing ’ is followed by a non-word character; inside a word (don’t, Qu’ran) it is an apostrophe.
        if (text[j] === '’' && !isWordChar(text[j + 1]) && !isSpace(text[j - 1])) {
          end = j;
          break;
        }
      }
      if (end > i + 1) {
        quotes.push({ start: i + 1, end });
        i = end + 1;
        continue;
      }
    }
    i++;
  }
  return quotes;
}
