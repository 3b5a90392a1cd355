// Pure helpers over loaded events: their day on the timeline, the brush filter, the check that a live
// event matches the filters the page loaded with, and the GeoJSON the map draws.
import type { StoredEvent } from '../../src/types.ts';
import type { ViewState } from './state.ts';

const DAY_MS = 86_400_000;

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function lastDayOfMonth(yearMonth: string): string {
  const [y, m] = yearMonth.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The days an event may have happened on: one day, a week, or a whole month or year when the text gives
 * no more (`date.value` "2024-11" or "2024"). Undated events fall back to their first report's publication day.
 */
export function eventSpan(event: StoredEvent): { start: string; end: string } | null {
  const value = event.date.value ?? event.reports.find((r) => r.articleDate)?.articleDate ?? null;
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const start = value.slice(0, 10);
    const explicitEnd =
      event.date.end && /^\d{4}-\d{2}-\d{2}/.test(event.date.end) ? event.date.end.slice(0, 10) : null;
    const end = explicitEnd ?? (event.date.precision === 'week' ? addDays(start, 6) : start);
    // An end before the start is a bad parse: keep the start day alone.
    if (end < start) return { start, end: start };
    return { start, end };
  }
  if (/^\d{4}-\d{2}$/.test(value)) return { start: `${value}-01`, end: lastDayOfMonth(value) };
  if (/^\d{4}$/.test(value)) return { start: `${value}-01-01`, end: `${value}-12-31` };
  return null;
}

/**
 * The day an event sits on in the timeline, or null when its date is only a month or a year: drawn at the
 * first of the month it would be a false spike, and it would stretch the axis over years.
 */
export function eventDay(event: StoredEvent): string | null {
  const precision = event.date.precision;
  if (precision === 'month' || precision === 'year') return null;
  const span = eventSpan(event);
  if (!span) return null;
  return /^\d{4}-\d{2}-\d{2}/.test(event.date.value ?? span.start) ? span.start : null;
}

/** An event is in the brush when the days it may have happened on overlap the brushed days. */
export function inBrush(event: StoredEvent, state: Pick<ViewState, 'from' | 'to'>): boolean {
  if (!state.from && !state.to) return true;
  const span = eventSpan(event);
  if (!span) return false;
  return (!state.from || span.end >= state.from) && (!state.to || span.start <= state.to);
}

function actorMatches(event: StoredEvent, actor: string): boolean {
  const needle = actor.toLowerCase();
  return [event.actor1, event.actor2].some(
    (a) => a && (a.id?.toLowerCase() === needle || a.name.toLowerCase().includes(needle)),
  );
}

/** Whether an event pushed by the live stream belongs in the current view (the server's filters, redone here). */
export function matchesFilters(event: StoredEvent, state: ViewState): boolean {
  if (state.types.length && !state.types.includes(event.type)) return false;
  if (state.modalities.length && !state.modalities.includes(event.modality)) return false;
  if (state.sourceKinds.length && !state.sourceKinds.includes(event.source.kind)) return false;
  if (state.actor && !actorMatches(event, state.actor)) return false;
  if (state.q) {
    const q = state.q.toLowerCase();
    const sentences = [event.evidence.sentence, ...event.reports.map((r) => r.sentence)];
    if (!sentences.some((s) => s.toLowerCase().includes(q))) return false;
  }
  return true;
}

export interface EventFeatureProps {
  id: string;
  type: string;
  modality: string;
  disputed: boolean;
  place: string;
  reports: number;
}

/** Points for the map: events with coordinates, in the brush range. */
export function eventFeatures(events: StoredEvent[], state: Pick<ViewState, 'from' | 'to'>) {
  const features = [];
  for (const e of events) {
    const lat = e.location?.lat;
    const lon = e.location?.lon;
    if (lat === null || lat === undefined || lon === null || lon === undefined) continue;
    if (!inBrush(e, state)) continue;
    const properties: EventFeatureProps = {
      id: e.id,
      type: e.type,
      modality: e.modality,
      disputed: e.disputed,
      place: e.location?.name ?? '',
      reports: e.reports.length,
    };
    features.push({
      type: 'Feature' as const,
      properties,
      geometry: { type: 'Point' as const, coordinates: [lon, lat] },
    });
  }
  return { type: 'FeatureCollection' as const, features };
}

/** The latest day any loaded event sits on. */
export function lastDay(events: StoredEvent[]): string | null {
  let last: string | null = null;
  for (const e of events) {
    const d = eventDay(e);
    if (d && (!last || d > last)) last = d;
  }
  return last;
}
