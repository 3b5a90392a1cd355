// The view's state and its query-string form, so that a view can be shared as a link.
// Pure (no DOM), tested in node.
import {
  EVENT_TYPES,
  type EventType,
  MODALITIES,
  type Modality,
  SOURCE_KINDS,
  type SourceKind,
} from '../../src/types.ts';

export interface ViewState {
  /** brush range on the timeline (inclusive ISO days), null = everything */
  from: string | null;
  to: string | null;
  types: EventType[];
  modalities: Modality[];
  sourceKinds: SourceKind[];
  actor: string | null;
  q: string | null;
  /** the event open in the side panel */
  event: string | null;
  control: boolean;
  /** map camera: [lon, lat, zoom], null = fit the events */
  camera: [number, number, number] | null;
}

export const EMPTY_STATE: ViewState = {
  from: null,
  to: null,
  types: [],
  modalities: [],
  sourceKinds: [],
  actor: null,
  q: null,
  event: null,
  control: false,
  camera: null,
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function list<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  if (!value) return [];
  const ok = new Set<string>(allowed);
  return [...new Set(value.split(',').filter((v): v is T => ok.has(v)))];
}

function text(value: string | null, max = 200): string | null {
  const t = value?.trim();
  return t ? t.slice(0, max) : null;
}

/** Reads a state from a query string; anything malformed is dropped rather than trusted. */
export function parseState(search: string): ViewState {
  const p = new URLSearchParams(search);
  const day = (k: string) => {
    const v = p.get(k);
    return v && ISO_DAY.test(v) ? v : null;
  };
  let camera: ViewState['camera'] = null;
  const at = p.get('at')?.split(',').map(Number);
  if (at && at.length === 3 && at.every(Number.isFinite) && Math.abs(at[0]) <= 180 && Math.abs(at[1]) <= 90) {
    camera = [at[0], at[1], Math.min(22, Math.max(0, at[2]))];
  }
  let from = day('from');
  let to = day('to');
  if (from && to && from > to) [from, to] = [to, from];
  return {
    from,
    to,
    types: list(p.get('type'), EVENT_TYPES),
    modalities: list(p.get('modality'), MODALITIES),
    sourceKinds: list(p.get('source_kind'), SOURCE_KINDS),
    actor: text(p.get('actor')),
    q: text(p.get('q')),
    event: text(p.get('event')),
    control: p.get('control') === '1',
    camera,
  };
}

/** The query string for a state (keys in a fixed order, empty values left out). */
export function stateToSearch(state: ViewState): string {
  const p = new URLSearchParams();
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.types.length) p.set('type', state.types.join(','));
  if (state.modalities.length) p.set('modality', state.modalities.join(','));
  if (state.sourceKinds.length) p.set('source_kind', state.sourceKinds.join(','));
  if (state.actor) p.set('actor', state.actor);
  if (state.q) p.set('q', state.q);
  if (state.event) p.set('event', state.event);
  if (state.control) p.set('control', '1');
  if (state.camera) {
    const [lon, lat, zoom] = state.camera;
    p.set('at', `${lon.toFixed(4)},${lat.toFixed(4)},${zoom.toFixed(2)}`);
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The /api/events query for the server-side filters (the brush range is applied in the page). */
export function eventsQuery(state: ViewState, limit: number, cursor: string | null): string {
  const p = new URLSearchParams();
  if (state.types.length) p.set('type', state.types.join(','));
  if (state.modalities.length) p.set('modality', state.modalities.join(','));
  if (state.sourceKinds.length) p.set('source_kind', state.sourceKinds.join(','));
  if (state.actor) p.set('actor', state.actor);
  if (state.q) p.set('q', state.q);
  p.set('limit', String(limit));
  if (cursor) p.set('cursor', cursor);
  return p.toString();
}
