// The checks every article goes through, whatever its format: text present and not too long, a date that
// is a real date (or the --date fallback, or null with a warning), an id (given, or the hash of the text).
import type { Article } from '../types.ts';
import { articleId } from './article-id.ts';
import { parsePublicationDate } from './dates.ts';
import { reject, warn } from './messages.ts';
import type { InputResult, ReadContext } from './types.ts';

export interface Where {
  file: string;
  line: number | null;
}

/** An article as a reader found it, before validation; `date` is the raw text of the date, if any. */
export interface ArticleFields {
  id?: string | null;
  date?: string | null;
  title?: string | null;
  text: string;
  url?: string | null;
  source?: string | null;
}

/** The article columns of JSONL and CSV inputs. */
export const ARTICLE_FIELDS = ['id', 'date', 'title', 'text', 'url', 'source'] as const;

function blankToNull(s: string | null | undefined): string | null {
  return s === undefined || s === null || s.trim() === '' ? null : s;
}

/** Builds the article, or the reason it is rejected; warnings (no date) come after the item. */
export function buildArticle(fields: ArticleFields, where: Where, ctx: ReadContext): InputResult[] {
  const { file, line } = where;
  const text = fields.text;
  if (text.trim() === '') return [reject(file, line, 'missing text: the article has no text')];
  if (text.length > ctx.maxArticleChars) {
    return [
      reject(
        file,
        line,
        `article text is ${text.length} characters, over the limit of ${ctx.maxArticleChars}`,
      ),
    ];
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return [reject(file, line, `article text contains a NUL character at character ${nul}`)];

  const out: InputResult[] = [];
  let date: string | null = null;
  const rawDate = blankToNull(fields.date);
  if (rawDate !== null) {
    const parsed = parsePublicationDate(rawDate);
    // A date that is not a date rejects the article: storing it undated would silently lose information.
    if (!parsed.ok) return [reject(file, line, `date: ${parsed.reason}`)];
    date = parsed.date;
  } else if (ctx.date !== null) {
    date = ctx.date;
  } else {
    out.push(
      warn(
        file,
        line,
        'no publication date (no header, date field or --date): relative dates stay unresolved',
      ),
    );
  }
  const article: Article = {
    id: blankToNull(fields.id)?.trim() ?? articleId(text),
    date,
    title: blankToNull(fields.title)?.trim() ?? null,
    text,
    url: blankToNull(fields.url)?.trim() ?? null,
    source: blankToNull(fields.source)?.trim() ?? null,
  };
  return [{ article, origin: { file, line } }, ...out];
}

/**
 * Reads the article fields of a JSON object (a JSONL line). Scalars are accepted where strings are expected
 * (an id may be a number); objects and arrays are refused, `text` must be a string.
 */
export function fieldsFromJson(obj: Record<string, unknown>): { fields: ArticleFields } | { reason: string } {
  if (!('text' in obj) || obj.text === null || obj.text === undefined)
    return { reason: 'missing text field' };
  if (typeof obj.text !== 'string') return { reason: `"text" must be a string, not ${typeName(obj.text)}` };
  const fields: ArticleFields = { text: obj.text };
  for (const key of ['id', 'title', 'url', 'source'] as const) {
    const v = obj[key];
    if (v === undefined || v === null) continue;
    if (typeof v === 'string') fields[key] = v;
    else if (key === 'id' && typeof v === 'number') fields[key] = String(v);
    else return { reason: `"${key}" must be a string, not ${typeName(v)}` };
  }
  const d = obj.date;
  if (d !== undefined && d !== null) {
    if (typeof d !== 'string')
      return { reason: `date: not a date: ${JSON.stringify(d)} (expected "YYYY-MM-DD")` };
    fields.date = d;
  }
  return { fields };
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
