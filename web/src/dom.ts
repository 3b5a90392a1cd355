// DOM building without HTML parsing: text always goes in as text nodes, so article text, actor names and
// anything else from the store can never become markup or script.

type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  title?: string;
  /** plain attributes; `href` must come from safeUrl() */
  attrs?: Record<string, string>;
  dataset?: Record<string, string>;
  on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props?.class) node.className = props.class;
  if (props?.title) node.title = props.title;
  for (const [k, v] of Object.entries(props?.attrs ?? {})) node.setAttribute(k, v);
  for (const [k, v] of Object.entries(props?.dataset ?? {})) node.dataset[k] = v;
  for (const [type, handler] of Object.entries(props?.on ?? {}))
    node.addEventListener(type, handler as EventListener);
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** Only http(s) links are ever made clickable: no javascript:, data: or other schemes from stored URLs. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id} in index.html`);
  return node as T;
}
