// The sitrep web UI: wires the map, the timeline, the filters, the control layer, the evidence panel and the
// live stream together around one ViewState that is mirrored in the URL (so any view can be shared).
import 'maplibre-gl/dist/maplibre-gl.css';
import '../styles.css';
import type { FontFacesSpecification } from 'maplibre-gl';
import {
  EVENT_TYPES,
  type EventType,
  MODALITIES,
  type Modality,
  SOURCE_KINDS,
  type SourceKind,
  type StoredEvent,
} from '../../src/types.ts';
import { loadControl, loadEvent, loadEvents, MAX_LOADED_EVENTS } from './api.ts';
import { TYPE_COLORS, TYPE_LABELS } from './colors.ts';
import { byId, clear, el } from './dom.ts';
import { eventDay, eventFeatures, inBrush, lastDay, matchesFilters } from './events.ts';
import { EventMap } from './map.ts';
import { renderEvent, renderEventList } from './panel.ts';
import { parseState, stateToSearch, type ViewState } from './state.ts';
import { Timeline } from './timeline.ts';

/** What the browser tests read: the map, timings, the loaded events and the points drawn. */
interface TestHooks {
  map?: EventMap['map'];
  firstRenderMs?: number;
  events?: () => StoredEvent[];
  features?: () => ReturnType<typeof eventFeatures>;
}
declare global {
  interface Window {
    __sitrep: TestHooks;
  }
}

const state: ViewState = parseState(location.search);
let events: StoredEvent[] = [];
let truncated = false;
let map: EventMap;
let timeline: Timeline;
let loadAbort: AbortController | null = null;
let controlAbort: AbortController | null = null;
const hooks: TestHooks = {};
window.__sitrep = hooks;

function writeUrl(): void {
  history.replaceState(null, '', `${location.pathname}${stateToSearch(state)}`);
}

function setStatus(text: string): void {
  byId('status').textContent = text;
}

// ---- filters ----

function multiSelect<T extends string>(
  id: string,
  label: string,
  values: readonly T[],
  selected: () => T[],
  set: (v: T[]) => void,
  names: (v: T) => string = (v) => v.replace(/_/g, ' '),
): void {
  const details = byId<HTMLDetailsElement>(id);
  const summary = el('summary', null, label);
  const box = el('div', { class: 'options' });
  const update = () => {
    const n = selected().length;
    summary.textContent = n ? `${label} (${n})` : label;
  };
  for (const v of values) {
    const input = el('input', { attrs: { type: 'checkbox', value: v } });
    input.checked = selected().includes(v);
    input.addEventListener('change', () => {
      const checked = [...box.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value as T);
      set(checked);
      update();
      void reload();
    });
    const swatch = TYPE_COLORS[v as EventType] ? el('span', { class: 'swatch' }) : null;
    swatch?.style.setProperty('--chip', TYPE_COLORS[v as EventType]);
    box.appendChild(el('label', null, input, swatch, ` ${names(v)}`));
  }
  details.append(summary, box);
  update();
}

function textFilter(id: string, get: () => string | null, set: (v: string | null) => void): void {
  const input = byId<HTMLInputElement>(id);
  input.value = get() ?? '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      set(input.value.trim() || null);
      void reload();
    }, 300);
  });
}

function setupFilters(): void {
  multiSelect<EventType>(
    'f-type',
    'Type',
    EVENT_TYPES,
    () => state.types,
    (v) => (state.types = v),
    (t) => TYPE_LABELS[t],
  );
  multiSelect<Modality>(
    'f-modality',
    'Modality',
    MODALITIES,
    () => state.modalities,
    (v) => (state.modalities = v),
  );
  multiSelect<SourceKind>(
    'f-source',
    'Source',
    SOURCE_KINDS,
    () => state.sourceKinds,
    (v) => (state.sourceKinds = v),
  );
  textFilter(
    'f-actor',
    () => state.actor,
    (v) => (state.actor = v),
  );
  textFilter(
    'f-q',
    () => state.q,
    (v) => (state.q = v),
  );
  const control = byId<HTMLInputElement>('f-control');
  control.checked = state.control;
  control.addEventListener('change', () => {
    state.control = control.checked;
    writeUrl();
    void refreshControl();
  });
  byId('filters').addEventListener('submit', (e) => e.preventDefault());
  // An open filter list closes when the user clicks anywhere else, like a native select.
  document.addEventListener('click', (e) => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>('details.multi[open]')) {
      if (!d.contains(e.target as Node)) d.open = false;
    }
  });
  const toggle = byId<HTMLButtonElement>('filters-toggle');
  toggle.addEventListener('click', () => {
    const open = document.body.classList.toggle('filters-open');
    toggle.setAttribute('aria-expanded', String(open));
  });
  byId('brush-clear').addEventListener('click', () => {
    state.from = null;
    state.to = null;
    timeline.setBrush(null);
    renderView();
  });
}

function actorSuggestions(): void {
  const list = byId('actor-list');
  clear(list);
  const names = new Set<string>();
  for (const e of events) for (const a of [e.actor1, e.actor2]) if (a) names.add(a.id ?? a.name);
  for (const n of [...names].sort().slice(0, 200)) list.appendChild(el('option', { attrs: { value: n } }));
}

// ---- legend ----

function renderLegend(): void {
  const legend = byId('legend');
  clear(legend);
  const present = EVENT_TYPES.filter((t) => events.some((e) => e.type === t));
  for (const t of present) {
    const sw = el('span', { class: 'swatch' });
    sw.style.setProperty('--chip', TYPE_COLORS[t]);
    legend.appendChild(el('span', { class: 'legend-item' }, sw, TYPE_LABELS[t]));
  }
  legend.appendChild(
    el('span', { class: 'legend-item' }, el('span', { class: 'swatch swatch-disputed' }), 'disputed'),
  );
  if (state.control) {
    legend.appendChild(
      el(
        'span',
        { class: 'legend-control' },
        el('span', { class: 'legend-item' }, el('span', { class: 'ctl ctl-held' }), 'held'),
        el('span', { class: 'legend-item' }, el('span', { class: 'ctl ctl-claimed' }), 'claimed'),
        el('span', { class: 'legend-item' }, el('span', { class: 'ctl ctl-contested' }), 'contested'),
      ),
    );
  }
}

// ---- data and rendering ----

async function reload(): Promise<void> {
  loadAbort?.abort();
  loadAbort = new AbortController();
  writeUrl();
  setStatus('loading…');
  try {
    const loaded = await loadEvents(state, loadAbort.signal);
    events = loaded.events;
    truncated = loaded.truncated;
  } catch (error) {
    if ((error as Error).name === 'AbortError') return;
    setStatus(`could not load events: ${(error as Error).message}`);
    return;
  }
  timeline.setEvents(events);
  actorSuggestions();
  renderView(true);
}

function renderView(fit = false): void {
  timeline.setBrush(state.from && state.to ? { from: state.from, to: state.to } : null);
  const collection = eventFeatures(events, state);
  hooks.features = () => collection;
  void map.setEvents(collection, fit);
  const shown = events.filter((e) => inBrush(e, state)).length;
  const mapped = collection.features.length;
  const vague = events.filter((e) => eventDay(e) === null).length;
  setStatus(
    `${shown} of ${events.length} events` +
      (truncated ? ` (the newest ${MAX_LOADED_EVENTS} of more: narrow the filters for others)` : '') +
      (mapped < shown ? `, ${shown - mapped} without coordinates` : '') +
      (vague ? `, ${vague} dated only to a month or year (not on the timeline)` : ''),
  );
  byId('range-label').textContent = state.from && state.to ? `${state.from} – ${state.to}` : 'all dates';
  byId('brush-clear').hidden = !(state.from || state.to);
  renderLegend();
  writeUrl();
  void refreshControl();
}

async function refreshControl(): Promise<void> {
  controlAbort?.abort();
  const label = byId('control-label');
  if (!state.control) {
    label.textContent = '';
    await map.setControl(null);
    renderLegend();
    return;
  }
  controlAbort = new AbortController();
  const at = state.to ?? lastDay(events) ?? new Date().toISOString().slice(0, 10);
  try {
    const records = await loadControl(at, controlAbort.signal);
    await map.setControl(records);
    label.textContent = `control on ${at}: ${records.length} place${records.length === 1 ? '' : 's'}`;
  } catch (error) {
    if ((error as Error).name === 'AbortError') return;
    label.textContent = `control unavailable: ${(error as Error).message}`;
  }
  renderLegend();
}

// ---- panel ----

function showPanel(content: HTMLElement): void {
  const body = byId('panel-body');
  clear(body);
  body.appendChild(content);
  body.scrollTop = 0;
  byId('panel').hidden = false;
  document.body.classList.add('panel-open');
  map.resize();
}

function closePanel(): void {
  byId('panel').hidden = true;
  document.body.classList.remove('panel-open');
  state.event = null;
  void map.select(null);
  writeUrl();
  map.resize();
}

async function openEvent(id: string): Promise<void> {
  state.event = id;
  writeUrl();
  void map.select(id);
  try {
    const event = await loadEvent(id);
    showPanel(renderEvent(event));
    const { lat, lon } = event.location ?? {};
    if (lat != null && lon != null) map.reveal(lon, lat);
  } catch (error) {
    showPanel(el('p', { class: 'error' }, `could not load event ${id}: ${(error as Error).message}`));
  }
}

function openEvents(ids: string[]): void {
  if (ids.length === 1) {
    void openEvent(ids[0]);
    return;
  }
  const picked = ids.map((id) => events.find((e) => e.id === id)).filter((e): e is StoredEvent => !!e);
  showPanel(renderEventList(picked, (id) => void openEvent(id)));
}

// ---- live ----

let liveTimer: ReturnType<typeof setTimeout> | undefined;

function toast(text: string): void {
  const t = byId('toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(liveTimer);
  liveTimer = setTimeout(() => (t.hidden = true), 4000);
}

function connectLive(): void {
  const status = byId('live-status');
  const source = new EventSource('/api/stream');
  let pending: StoredEvent[] = [];
  let scheduled = false;
  const apply = () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    let added = 0;
    for (const e of batch) {
      if (!matchesFilters(e, state)) continue;
      const i = events.findIndex((x) => x.id === e.id);
      if (i >= 0) events[i] = e;
      else {
        events.push(e);
        added++;
      }
      if (state.event === e.id) showPanel(renderEvent(e));
    }
    if (!batch.length) return;
    timeline.setEvents(events);
    renderView();
    const last = batch[batch.length - 1];
    toast(
      added
        ? `${added} new event${added === 1 ? '' : 's'}: ${TYPE_LABELS[last.type]}${last.location?.name ? ` in ${last.location.name}` : ''}`
        : `${batch.length} event${batch.length === 1 ? '' : 's'} updated`,
    );
  };
  const onEvent = (message: MessageEvent<string>) => {
    try {
      const { event } = JSON.parse(message.data) as { event: StoredEvent };
      pending.push(event);
    } catch {
      return;
    }
    if (!scheduled) {
      scheduled = true;
      setTimeout(apply, 150);
    }
  };
  let lost = false;
  source.addEventListener('ready', () => {
    status.textContent = 'live';
    status.className = 'live-on';
    // Whatever was ingested while the stream was down never reached this page: load it now.
    if (lost) void reload();
    lost = false;
  });
  source.addEventListener('created', onEvent as EventListener);
  source.addEventListener('updated', onEvent as EventListener);
  source.addEventListener('error', () => {
    lost = true;
    status.textContent = 'reconnecting…';
    status.className = 'live-off';
  });
}

// ---- start ----

async function start(): Promise<void> {
  const fontFaces = (await (await fetch('/basemap/fonts.json')).json()) as FontFacesSpecification;
  map = new EventMap({
    container: byId('map'),
    fontFaces,
    camera: state.camera,
    onEventsClick: openEvents,
    onMove: (camera) => {
      state.camera = camera;
      writeUrl();
    },
  });
  hooks.map = map.map;
  hooks.events = () => events;
  timeline = new Timeline(byId('timeline'), {
    onBrush: (range) => {
      state.from = range?.from ?? null;
      state.to = range?.to ?? null;
      renderView();
    },
  });
  setupFilters();
  byId('panel-close').addEventListener('click', closePanel);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !byId('panel').hidden) closePanel();
  });
  await reload();
  if (state.event) void openEvent(state.event);
  connectLive();
  await map.whenLoaded();
  map.map.once('idle', () => {
    // performance.now() counts from navigation start: this is the time to the first complete map.
    hooks.firstRenderMs = Math.round(performance.now());
    performance.mark('sitrep-first-render');
    document.body.dataset.ready = '1';
  });
  map.map.triggerRepaint();
}

start().catch((error: unknown) => {
  setStatus(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
});
