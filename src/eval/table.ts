// Tables are the one output shape of every scorer: printed aligned on a terminal, or as Markdown in a report.

export type Cell = string | number | null;

export interface Table {
  title: string;
  headers: string[];
  rows: Cell[][];
  /** One line under the table: what the columns mean, or what was left out. */
  note?: string;
}

/** A ratio as a percentage with one decimal; null (nothing to divide) prints as an en dash. */
export function pct(value: number | null | undefined): string {
  return value == null || Number.isNaN(value) ? '–' : `${(value * 100).toFixed(1)}%`;
}

export function num(value: number | null | undefined, digits = 1): string {
  return value == null || Number.isNaN(value) ? '–' : value.toFixed(digits);
}

export function frac(n: number, d: number): string {
  return `${n}/${d}`;
}

function cellText(c: Cell): string {
  if (c == null) return '–';
  return typeof c === 'number' ? String(Number.isInteger(c) ? c : Number(c.toFixed(3))) : c;
}

function isNumeric(text: string): boolean {
  return /^[-+]?[\d.,/%]+$|^–$/.test(text);
}

export function renderText(table: Table): string {
  const rows = table.rows.map((r) => r.map(cellText));
  const widths = table.headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (isNumeric(c) && i > 0 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [
    table.title,
    line(table.headers),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
  ];
  if (table.note) out.push(table.note);
  return out.join('\n');
}

function mdEscape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function renderMarkdown(table: Table, level = 3): string {
  const rows = table.rows.map((r) => r.map((c) => mdEscape(cellText(c))));
  const align = table.headers.map((_, i) =>
    i > 0 && rows.length > 0 && rows.every((r) => isNumeric(r[i] ?? '')) ? '---:' : '---',
  );
  const out = [
    `${'#'.repeat(level)} ${table.title}`,
    '',
    `| ${table.headers.map(mdEscape).join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
  if (table.note) out.push('', table.note);
  return out.join('\n');
}
