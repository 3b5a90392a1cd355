// RSS 0.9/1/2 and Atom feeds, parsed from a string with rss-parser (never its network fetch).
import Parser from 'rss-parser';
import { htmlToText } from './html-text.ts';
import { reject } from './messages.ts';
import { buildArticle } from './record.ts';
import type { InputResult, ReadContext } from './types.ts';

type FeedItem = Parser.Item & {
  'content:encoded'?: string;
  published?: unknown;
  updated?: unknown;
  date?: string;
  /** Set when an Atom entry's content is inline XHTML, which xml2js scrambles (see xhtmlContent). */
  xhtml?: boolean;
};

function xmlText(v: unknown): string | undefined {
  const first = Array.isArray(v) ? v[0] : v;
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && typeof (first as { _?: unknown })._ === 'string') {
    return (first as { _: string })._;
  }
  return undefined;
}

function makeParser(): Parser<Record<string, unknown>, FeedItem> {
  const parser = new Parser<Record<string, unknown>, FeedItem>();
  // rss-parser turns an Atom <published>/<updated> into a UTC ISO string and throws on one that is not a
  // date, losing the whole feed. Keep the raw values instead: dates are validated per item, as written.
  const p = parser as unknown as { parseItemAtom: (entry: Record<string, unknown>) => FeedItem };
  const original = p.parseItemAtom.bind(parser);
  p.parseItemAtom = (entry) => {
    const { published, updated, ...rest } = entry;
    const item = original(rest);
    item.published = xmlText(published);
    item.updated = xmlText(updated);
    const content = (entry.content as { $?: { type?: string } }[] | undefined)?.[0];
    item.xhtml = content?.$?.type === 'xhtml';
    return item;
  };
  return parser;
}

/** xml2js reports "Reason\nLine: N\nColumn: C\nChar: X" with 0-based lines. */
function xmlError(err: Error): { line: number | null; reason: string } {
  const msg = err.message;
  const line = /Line: (\d+)/.exec(msg);
  const column = /Column: (\d+)/.exec(msg);
  const head = msg.split('\n')[0];
  const reason = `malformed XML: ${head}${column ? ` (column ${column[1]})` : ''}`;
  return { line: line ? Number(line[1]) + 1 : null, reason };
}

/** Line of each <item>/<entry> opening tag, used to point messages at the item. */
function itemLines(xml: string): number[] {
  const lines: number[] = [];
  const re = /<(?:item|entry)[\s>/]/g;
  let line = 1;
  let last = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    for (let k = last; k < m.index; k++) if (xml.charCodeAt(k) === 10) line++;
    last = m.index;
    lines.push(line);
  }
  return lines;
}

/**
 * Inline XHTML content of the k-th Atom entry, taken from the source: xml2js separates the text of mixed
 * content from its child elements, so "Two <em>words</em>." would come back as "Two ." plus "words".
 */
function xhtmlContent(xml: string, k: number): string | undefined {
  const re = /<entry[\s>/]/g;
  let m: RegExpExecArray | null = null;
  for (let n = 0; n <= k; n++) {
    m = re.exec(xml);
    if (!m) return undefined;
  }
  const end = xml.indexOf('</entry>', m!.index);
  const entry = xml.slice(m!.index, end < 0 ? xml.length : end);
  return /<content\b[^>]*>([\s\S]*?)<\/content>/.exec(entry)?.[1];
}

function rawItemDate(item: FeedItem): string | null {
  for (const v of [item.pubDate, item.published, item.updated, item.date, item.isoDate]) {
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return null;
}

export async function readFeed(xml: string, file: string, ctx: ReadContext): Promise<InputResult[]> {
  let feed: Parser.Output<FeedItem> & Record<string, unknown>;
  try {
    feed = await makeParser().parseString(xml);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    if (/not recognized as RSS/.test(err.message)) {
      return [reject(file, null, 'XML is not an RSS or Atom feed')];
    }
    const { line, reason } = xmlError(err);
    return [reject(file, line, reason)];
  }
  if (feed.items.length === 0) return [reject(file, null, 'feed has no items')];
  const lines = itemLines(xml);
  const lineOf = (k: number): number | null => (lines.length === feed.items.length ? lines[k] : null);
  const source = typeof feed.title === 'string' && feed.title.trim() !== '' ? feed.title.trim() : null;
  const out: InputResult[] = [];
  feed.items.forEach((item, k) => {
    const where = { file, line: lineOf(k) };
    const xhtml = item.xhtml ? xhtmlContent(xml, k) : undefined;
    const html = [xhtml, item['content:encoded'], item.content, item.summary].find(
      (v): v is string => typeof v === 'string' && v.trim() !== '',
    );
    if (html === undefined) {
      out.push(
        reject(file, where.line, `feed item ${k + 1} has no text (content, content:encoded or summary)`),
      );
      return;
    }
    // A date that is not a date rejects the item (buildArticle says why).
    const rawDate = rawItemDate(item);
    out.push(
      ...buildArticle(
        {
          title: typeof item.title === 'string' ? item.title : null,
          date: rawDate,
          text: htmlToText(html),
          url: typeof item.link === 'string' ? item.link : null,
          source,
        },
        where,
        ctx,
      ),
    );
  });
  return out;
}

/** XML whose root is a feed (rss, feed, rdf:RDF). */
export function looksLikeFeed(text: string): boolean {
  const head = text
    .slice(0, 4096)
    .replace(/<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/gi, '')
    .trimStart();
  return /^<(?:rss|feed|rdf:RDF)[\s>]/i.test(head);
}
