// HTML → plain text that keeps the paragraph structure: block elements become paragraphs separated by a
// blank line, <br> a line break, whitespace inside a paragraph collapses as a browser would render it.
import { parseHTML } from 'linkedom';

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);

/** Elements whose content is never article text. */
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'iframe',
  'head',
  'button',
  'select',
  'textarea',
  'object',
  'canvas',
]);

/** Table cells are separated by a space rather than a paragraph break. */
const CELL = new Set(['td', 'th']);

interface MinimalNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<MinimalNode>;
}

/** Text of a DOM node, paragraphs separated by blank lines. */
export function nodeToText(root: MinimalNode): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    const p = current
      .join('')
      .replace(/ +/g, ' ')
      .replace(/ ?\n ?/g, '\n')
      .trim();
    if (p !== '') paragraphs.push(p);
    current = [];
  };
  const walk = (node: MinimalNode): void => {
    if (node.nodeType === 3) {
      // Source line breaks inside a paragraph are layout, not text: only <br> makes a line break.
      current.push((node.textContent ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeName.toLowerCase();
    if (SKIP.has(tag)) return;
    if (tag === 'br') {
      current.push('\n');
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    if (CELL.has(tag)) current.push(' ');
    const children = node.childNodes;
    for (let k = 0; k < children.length; k++) walk(children[k]);
    if (CELL.has(tag)) current.push(' ');
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

const TAG = /<\/?[a-z][^>]*>|<!--|&[a-z#0-9]+;/i;

/**
 * Text of an HTML fragment (feed content). A fragment without any tag or entity is already text: only
 * trimmed, so that its own line breaks survive.
 */
export function htmlToText(html: string): string {
  if (!TAG.test(html)) return html.trim();
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  return nodeToText(document.body as unknown as MinimalNode);
}
