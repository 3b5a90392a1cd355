// HTML pages: body text by Readability (on a linkedom DOM), title, date and site from the page metadata.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parsePublicationDate } from './dates.ts';
import { nodeToText } from './html-text.ts';
import { reject, warn } from './messages.ts';
import { buildArticle } from './record.ts';
import type { InputResult, ReadContext } from './types.ts';

type Doc = ReturnType<typeof parseHTML>['document'];

interface PageMeta {
  title: string | null;
  /** Date candidates in order of trust, each with where it came from. */
  dates: { from: string; value: string }[];
  url: string | null;
  site: string | null;
}

/** <meta> values keyed by lower-cased property / name / itemprop (the first occurrence wins). */
function metaMap(document: Doc): Map<string, string> {
  const map = new Map<string, string>();
  for (const el of document.querySelectorAll('meta')) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '')
      .trim()
      .toLowerCase();
    const content = el.getAttribute('content');
    if (key !== '' && content !== null && content.trim() !== '' && !map.has(key))
      map.set(key, content.trim());
  }
  return map;
}

interface JsonLdFacts {
  datePublished?: string;
  headline?: string;
  publisher?: string;
}

/** Walks JSON-LD blocks (arrays, @graph, nested objects) for the first datePublished, headline, publisher. */
function jsonLd(document: Doc): JsonLdFacts {
  const facts: JsonLdFacts = {};
  const visit = (v: unknown, depth: number): void => {
    if (depth > 8 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    if (facts.datePublished === undefined && typeof o.datePublished === 'string')
      facts.datePublished = o.datePublished;
    if (facts.headline === undefined && typeof o.headline === 'string') facts.headline = o.headline;
    const pub = o.publisher as { name?: unknown } | undefined;
    if (facts.publisher === undefined && pub && typeof pub.name === 'string') facts.publisher = pub.name;
    for (const x of Object.values(o)) if (typeof x === 'object') visit(x, depth + 1);
  };
  for (const el of document.querySelectorAll('script')) {
    if ((el.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json') continue;
    try {
      visit(JSON.parse(el.textContent ?? ''), 0);
    } catch {
      // A broken JSON-LD block is common on the web and says nothing about the article: ignore it.
    }
  }
  return facts;
}

function pageMeta(document: Doc): PageMeta {
  const meta = metaMap(document);
  const ld = jsonLd(document);
  const dates: PageMeta['dates'] = [];
  const add = (from: string, value: string | null | undefined): void => {
    if (value && value.trim() !== '') dates.push({ from, value: value.trim() });
  };
  add('article:published_time', meta.get('article:published_time'));
  add('og:published_time', meta.get('og:published_time'));
  add('JSON-LD datePublished', ld.datePublished);
  add('itemprop datePublished', meta.get('datepublished'));
  for (const key of [
    'date',
    'dc.date',
    'dc.date.issued',
    'dcterms.created',
    'dcterms.date',
    'pubdate',
    'publish-date',
  ]) {
    add(`meta ${key}`, meta.get(key));
  }
  add('<time datetime>', document.querySelector('time[datetime]')?.getAttribute('datetime'));
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href');
  return {
    title: meta.get('og:title') ?? ld.headline ?? null,
    dates,
    url: meta.get('og:url') ?? canonical ?? null,
    site: meta.get('og:site_name') ?? ld.publisher ?? null,
  };
}

/** The first date candidate that is a date; candidates that are not are reported. */
function chooseDate(dates: PageMeta['dates']): { date: string | null; problems: string[] } {
  const problems: string[] = [];
  for (const d of dates) {
    const parsed = parsePublicationDate(d.value);
    if (parsed.ok) return { date: parsed.date, problems };
    problems.push(`${d.from}: ${parsed.reason}`);
  }
  return { date: null, problems };
}

function mainText(html: string): { title: string | null; text: string; publishedTime: string | null } {
  // Readability changes the DOM it reads, so it gets its own copy of the page.
  const { document } = parseHTML(html);
  let parsed: ReturnType<Readability['parse']> = null;
  try {
    parsed = new Readability(document as unknown as Document).parse();
  } catch {
    parsed = null;
  }
  if (parsed?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
    const text = nodeToText(content.body as never);
    if (text !== '')
      return { title: parsed.title ?? null, text, publishedTime: parsed.publishedTime ?? null };
  }
  // Readability found no article (very short pages): fall back to the whole body.
  const { document: whole } = parseHTML(html);
  return { title: parsed?.title ?? null, text: nodeToText(whole.body as never), publishedTime: null };
}

/** Reads an HTML page. `url` is where it was fetched from, when it was. */
export function readHtml(
  html: string,
  file: string,
  ctx: ReadContext,
  url: string | null = null,
): InputResult[] {
  const { document } = parseHTML(html);
  const meta = pageMeta(document);
  const body = mainText(html);
  if (body.text.trim() === '') return [reject(file, null, 'no article text found in the HTML page')];
  if (body.publishedTime) meta.dates.push({ from: 'Readability', value: body.publishedTime });
  const { date, problems } = chooseDate(meta.dates);
  if (date === null && problems.length > 0) {
    // Every date the page gives is broken: refuse rather than store the article undated.
    return [reject(file, null, `date: ${problems.join('; ')}`)];
  }
  const titleEl = document.querySelector('title')?.textContent?.trim() || null;
  const fields = {
    title: meta.title ?? body.title ?? titleEl,
    date,
    text: body.text,
    url: url ?? meta.url,
    source: meta.site ?? (url ? hostOf(url) : null),
  };
  const out = buildArticle(fields, { file, line: null }, ctx);
  for (const p of problems) out.push(warn(file, null, `ignored page date ${p}`));
  return out;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** Text that starts like an HTML document. */
export function looksLikeHtml(text: string): boolean {
  const head = text
    .slice(0, 2048)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  return head.startsWith('<!doctype html') || /^(?:<!--[\s\S]*?-->\s*)*<(?:html|head|body)[\s>]/.test(head);
}
