// Which reader an input goes to: by file extension first, then by sniffing the content.
import { looksLikeCsv } from './csv.ts';
import { looksLikeFeed } from './feed.ts';
import { looksLikeHtml } from './html.ts';
import { looksLikeJson } from './json.ts';
import { looksLikeJsonl } from './jsonl.ts';

export type Format = 'text' | 'jsonl' | 'json' | 'csv' | 'feed' | 'html';

const BY_EXTENSION: Record<string, Format> = {
  '.txt': 'text',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.csv': 'csv',
  '.xml': 'feed',
  '.rss': 'feed',
  '.atom': 'feed',
  '.html': 'html',
  '.htm': 'html',
};

/**
 * Extensions a directory walk takes; other files in a directory are not inputs. `.json` is read when named
 * explicitly but not collected from folders, where it is more often configuration than articles.
 */
export const INPUT_EXTENSIONS = Object.keys(BY_EXTENSION).filter((ext) => ext !== '.json');

export function formatByExtension(path: string): Format | null {
  const m = /\.[^./\\]+$/.exec(path.toLowerCase());
  return m ? (BY_EXTENSION[m[0]] ?? null) : null;
}

/** Format from the start of the content; plain text when nothing else fits. */
export function sniffFormat(text: string): Format {
  if (looksLikeFeed(text)) return 'feed';
  if (looksLikeHtml(text)) return 'html';
  if (looksLikeJsonl(text)) return 'jsonl';
  if (looksLikeJson(text)) return 'json';
  if (looksLikeCsv(text)) return 'csv';
  return 'text';
}

/** Format from an HTTP Content-Type, or null when the type does not decide it (then the body is sniffed). */
export function formatByContentType(contentType: string | null): Format | null {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (/^application\/(?:rss|atom|rdf)\+xml$/.test(type)) return 'feed';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/x-jsonlines') {
    return 'jsonl';
  }
  if (type === 'text/csv') return 'csv';
  // application/json may be JSONL or one document: sniffing tells them apart.
  // text/xml, application/xml, text/plain and missing types say too little: sniff.
  return null;
}
