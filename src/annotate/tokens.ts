// Word tokenizer with offsets. Deliberately simple: tokens are only needed for a few sentences
// (argument windows, actor matching), so speed and predictability beat linguistic depth.

export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
}

/**
 * One token: a dotted acronym (U.S., a.m.), a number with separators (1,200 / 3.5 / 10:30),
 * a word with inner apostrophes or hyphens (al-Sham, don't), or any other single non-space character.
 */
const TOKEN = /(?:\p{L}\.){2,}|\d+(?:[.,:]\d+)*|[\p{L}\p{M}\d]+(?:['’-][\p{L}\p{M}\d]+)*|\S/gu;

/** Tokens of `text[start, end)` with offsets into `text` (so into the original article). */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m !== null; m = TOKEN.exec(slice)) {
    const s = m.index + start;
    out.push({ start: s, end: s + m[0].length, text: m[0], lower: m[0].toLowerCase() });
  }
  return out;
}
