// The timeline: events per day stacked by type, as SVG, with a brush. Dragging selects a range of days,
// tapping a bar selects its day; the range filters the map and sets the control layer's date.
import { EVENT_TYPES, type EventType, type StoredEvent } from '../../src/types.ts';
import { TYPE_COLORS, TYPE_LABELS } from './colors.ts';
import { eventDay } from './events.ts';

const DAY_MS = 86_400_000;
const SVG = 'http://www.w3.org/2000/svg';
const MARGIN = { left: 30, right: 8, top: 6, bottom: 20 };
/** Narrowest bar before days are grouped into multi-day buckets. */
const MIN_BAR_PX = 4;

export const toDayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
export const fromDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

export interface Buckets {
  firstDay: number;
  /** days per bucket */
  size: number;
  counts: Array<Partial<Record<EventType, number>>>;
  totals: number[];
}

/** Groups events into buckets of whole days so that each bar is at least MIN_BAR_PX wide. */
export function bucketEvents(events: StoredEvent[], plotWidth: number): Buckets | null {
  const days = events
    .map(eventDay)
    .filter((d): d is string => d !== null)
    .map(toDayNumber);
  if (days.length === 0) return null;
  let first = Math.min(...days);
  let last = Math.max(...days);
  // A little room either side, so that a single day is not a bar as wide as the chart.
  const span = last - first + 1;
  const pad = Math.max(1, Math.round(span * 0.03));
  first -= pad;
  last += pad;
  const totalDays = last - first + 1;
  const size = Math.max(1, Math.ceil((totalDays * MIN_BAR_PX) / Math.max(plotWidth, 1)));
  const n = Math.ceil(totalDays / size);
  const counts: Buckets['counts'] = Array.from({ length: n }, () => ({}));
  const totals = new Array<number>(n).fill(0);
  for (const e of events) {
    const d = eventDay(e);
    if (!d) continue;
    const i = Math.floor((toDayNumber(d) - first) / size);
    counts[i][e.type] = (counts[i][e.type] ?? 0) + 1;
    totals[i]++;
  }
  return { firstDay: first, size, counts, totals };
}

export interface TimelineOptions {
  onBrush: (range: { from: string; to: string } | null) => void;
}

export class Timeline {
  private svg: SVGSVGElement;
  private buckets: Buckets | null = null;
  private brush: { from: string; to: string } | null = null;
  private width = 0;
  private height = 0;
  private events: StoredEvent[] = [];

  constructor(
    private container: HTMLElement,
    private options: TimelineOptions,
  ) {
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('role', 'img');
    this.svg.setAttribute(
      'aria-label',
      'events per day, stacked by type; drag to select days, or arrow keys (shift extends, escape clears)',
    );
    this.svg.setAttribute('tabindex', '0');
    this.svg.classList.add('timeline-svg');
    container.appendChild(this.svg);
    this.listen();
    new ResizeObserver(() => this.render()).observe(container);
  }

  setEvents(events: StoredEvent[]): void {
    this.events = events;
    this.render();
  }

  setBrush(range: { from: string; to: string } | null): void {
    this.brush = range;
    this.render();
  }

  private plotWidth(): number {
    return Math.max(10, this.width - MARGIN.left - MARGIN.right);
  }

  private xOfDay(day: number): number {
    const b = this.buckets!;
    const n = b.counts.length * b.size;
    return MARGIN.left + ((day - b.firstDay) / n) * this.plotWidth();
  }

  private dayOfX(x: number): number {
    const b = this.buckets!;
    const n = b.counts.length * b.size;
    const t = Math.min(1, Math.max(0, (x - MARGIN.left) / this.plotWidth()));
    return b.firstDay + Math.min(n - 1, Math.floor(t * n));
  }

  /** Snaps a day to the first day of its bucket (the brush always covers whole bars). */
  private bucketStart(day: number): number {
    const b = this.buckets!;
    return b.firstDay + Math.floor((day - b.firstDay) / b.size) * b.size;
  }

  render(): void {
    const rect = this.container.getBoundingClientRect();
    this.width = Math.round(rect.width);
    this.height = Math.round(rect.height);
    this.svg.setAttribute('width', String(this.width));
    this.svg.setAttribute('height', String(this.height));
    this.svg.setAttribute('viewBox', `0 0 ${this.width} ${this.height}`);
    while (this.svg.firstChild) this.svg.removeChild(this.svg.firstChild);
    this.buckets = bucketEvents(this.events, this.plotWidth());
    if (!this.buckets) {
      this.text(this.width / 2, this.height / 2, 'no dated events', 'timeline-empty').setAttribute(
        'text-anchor',
        'middle',
      );
      return;
    }
    const b = this.buckets;
    const plotHeight = this.height - MARGIN.top - MARGIN.bottom;
    const max = Math.max(1, ...b.totals);
    const barWidth = this.plotWidth() / b.counts.length;
    const bars = this.node('g', { class: 'timeline-bars' });
    b.counts.forEach((count, i) => {
      let y = MARGIN.top + plotHeight;
      const x = MARGIN.left + i * barWidth;
      const from = fromDayNumber(b.firstDay + i * b.size);
      const to = fromDayNumber(b.firstDay + i * b.size + b.size - 1);
      for (const type of EVENT_TYPES) {
        const c = count[type];
        if (!c) continue;
        const h = (c / max) * plotHeight;
        y -= h;
        const r = this.node('rect', {
          x: (x + 0.5).toFixed(1),
          y: y.toFixed(1),
          width: Math.max(1, barWidth - 1).toFixed(1),
          height: Math.max(0.5, h).toFixed(1),
          fill: TYPE_COLORS[type],
          'data-day': from,
          'data-type': type,
        });
        const title = document.createElementNS(SVG, 'title');
        title.textContent = `${from === to ? from : `${from} – ${to}`}: ${c} ${TYPE_LABELS[type]}`;
        r.appendChild(title);
        bars.appendChild(r);
      }
    });
    this.svg.appendChild(bars);
    this.axes(max, plotHeight);
    if (this.brush) {
      const x0 = this.xOfDay(toDayNumber(this.brush.from));
      const x1 = this.xOfDay(toDayNumber(this.brush.to) + 1);
      this.svg.appendChild(
        this.node('rect', {
          class: 'timeline-brush',
          x: x0.toFixed(1),
          y: String(MARGIN.top),
          width: Math.max(2, x1 - x0).toFixed(1),
          height: String(plotHeight),
        }),
      );
    }
  }

  private axes(max: number, plotHeight: number): void {
    const b = this.buckets!;
    const axis = this.node('g', { class: 'timeline-axis' });
    const base = MARGIN.top + plotHeight;
    axis.appendChild(
      this.node('line', {
        x1: String(MARGIN.left),
        x2: String(this.width - MARGIN.right),
        y1: String(base),
        y2: String(base),
      }),
    );
    this.text(MARGIN.left - 4, MARGIN.top + 8, String(max), 'timeline-tick', axis).setAttribute(
      'text-anchor',
      'end',
    );
    this.text(MARGIN.left - 4, base, '0', 'timeline-tick', axis).setAttribute('text-anchor', 'end');
    // About one date label per 90 px, on bucket starts.
    const n = b.counts.length * b.size;
    const labels = Math.max(2, Math.floor(this.plotWidth() / 90));
    const step = Math.max(b.size, Math.ceil(n / labels / b.size) * b.size);
    for (let d = b.firstDay; d < b.firstDay + n; d += step) {
      const x = this.xOfDay(d);
      axis.appendChild(
        this.node('line', { x1: x.toFixed(1), x2: x.toFixed(1), y1: String(base), y2: String(base + 4) }),
      );
      // Month-day within one year; year-month across years.
      const label = n > 300 ? fromDayNumber(d).slice(0, 7) : fromDayNumber(d).slice(5);
      this.text(x + 2, this.height - 5, label, 'timeline-tick', axis);
    }
    this.svg.appendChild(axis);
  }

  private node(tag: string, attrs: Record<string, string>): SVGElement {
    const n = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    return n;
  }

  private text(
    x: number,
    y: number,
    content: string,
    cls: string,
    parent: Element = this.svg,
  ): SVGTextElement {
    const t = this.node('text', { x: x.toFixed(1), y: y.toFixed(1), class: cls }) as SVGTextElement;
    t.textContent = content;
    parent.appendChild(t);
    return t;
  }

  private listen(): void {
    let start: number | null = null;
    let startX = 0;
    let before: { from: string; to: string } | null = null;
    const localX = (e: PointerEvent) => e.clientX - this.svg.getBoundingClientRect().left;
    this.svg.addEventListener('pointerdown', (e) => {
      if (!this.buckets) return;
      start = this.dayOfX(localX(e));
      startX = localX(e);
      before = this.brush;
      this.svg.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    this.svg.addEventListener('pointermove', (e) => {
      if (start === null || !this.buckets) return;
      const end = this.dayOfX(localX(e));
      this.brush = this.range(start, end);
      this.render();
    });
    const finish = (e: PointerEvent) => {
      if (start === null || !this.buckets) return;
      const moved = Math.abs(localX(e) - startX) > 3;
      const end = moved ? this.dayOfX(localX(e)) : start;
      const range = this.range(start, end);
      start = null;
      // Tapping the only selected bar again clears the selection.
      const same = !moved && before !== null && before.from === range.from && before.to === range.to;
      this.brush = same && e.type === 'pointerup' ? null : range;
      this.render();
      this.options.onBrush(this.brush);
    };
    this.svg.addEventListener('pointerup', finish);
    this.svg.addEventListener('pointercancel', finish);
    this.svg.addEventListener('keydown', (e) => this.onKey(e));
  }

  /** Arrows move the selection one bar (from the last bar when there is none); shift+arrows extend it. */
  private onKey(e: KeyboardEvent): void {
    const b = this.buckets;
    if (!b) return;
    if (e.key === 'Escape' && this.brush) {
      this.brush = null;
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const step = e.key === 'ArrowLeft' ? -b.size : b.size;
      const first = b.firstDay;
      const last = b.firstDay + (b.counts.length - 1) * b.size;
      const clamp = (d: number) => Math.min(last, Math.max(first, d));
      if (!this.brush) {
        const lastWithEvents = b.totals.reduce((at, n, i) => (n > 0 ? i : at), b.counts.length - 1);
        const start = first + lastWithEvents * b.size;
        this.brush = this.range(start, start);
      } else {
        const from = toDayNumber(this.brush.from);
        const to = this.bucketStart(toDayNumber(this.brush.to));
        this.brush = e.shiftKey
          ? this.range(from, clamp(to + step))
          : this.range(clamp(from + step), clamp(to + step));
      }
    } else {
      return;
    }
    e.preventDefault();
    this.render();
    this.options.onBrush(this.brush);
  }

  private range(a: number, b: number): { from: string; to: string } {
    const lo = this.bucketStart(Math.min(a, b));
    const hi = this.bucketStart(Math.max(a, b)) + this.buckets!.size - 1;
    return { from: fromDayNumber(lo), to: fromDayNumber(hi) };
  }
}
