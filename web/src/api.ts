// The page's calls to the sitrep API (same origin).
import type { ControlRecord, StoredEvent } from '../../src/types.ts';
import { eventsQuery, type ViewState } from './state.ts';

const PAGE = 5000;
/** The page keeps at most this many events in memory; the status line says when more matched. */
export const MAX_LOADED_EVENTS = 20000;

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = (await response.json()) as { error?: string };
      if (body.error) message = body.error;
    } catch {
      // not JSON: keep the status line
    }
    throw new Error(message);
  }
  return (await response.json()) as T;
}

export interface LoadedEvents {
  events: StoredEvent[];
  truncated: boolean;
}

/** All events matching the server-side filters, page by page, up to MAX_LOADED_EVENTS. */
export async function loadEvents(state: ViewState, signal?: AbortSignal): Promise<LoadedEvents> {
  const events: StoredEvent[] = [];
  let cursor: string | null = null;
  do {
    const page: { events: StoredEvent[]; nextCursor: string | null } = await getJson(
      `/api/events?${eventsQuery(state, PAGE, cursor)}`,
      signal,
    );
    events.push(...page.events);
    cursor = page.nextCursor;
  } while (cursor && events.length < MAX_LOADED_EVENTS);
  return { events, truncated: cursor !== null };
}

export function loadEvent(id: string, signal?: AbortSignal): Promise<StoredEvent> {
  return getJson(`/api/events/${encodeURIComponent(id)}`, signal);
}

export async function loadControl(at: string, signal?: AbortSignal): Promise<ControlRecord[]> {
  const body = await getJson<{ places: ControlRecord[] }>(
    `/api/control?at=${encodeURIComponent(at)}`,
    signal,
  );
  return body.places;
}
