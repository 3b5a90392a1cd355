// Builds complete event records for scorer tests from the few fields a test cares about.
import type { EventRecord, EventType } from '../../src/types.ts';

export interface EventSketch {
  type: EventType;
  actor?: string;
  place?: { name: string; lat: number; lon: number; country?: string } | null;
  date?: string | null;
  modality?: EventRecord['modality'];
  sourceKind?: EventRecord['source']['kind'];
  confidence?: number;
  sentence?: string;
  acled?: [string, string];
  fatalities?: number | null;
  spans?: EventRecord['evidence']['spans'];
}

let counter = 0;

export function makeEvent(s: EventSketch): EventRecord {
  counter++;
  return {
    id: `test-${counter}`,
    type: s.type,
    actor1: s.actor
      ? { name: s.actor, id: s.actor.toLowerCase().replace(/\s+/g, '-'), kind: 'unknown', country: null }
      : null,
    actor2: null,
    location: s.place
      ? {
          name: s.place.name,
          lat: s.place.lat,
          lon: s.place.lon,
          admin1: null,
          country: s.place.country ?? null,
          precision: 1,
          geonameId: null,
        }
      : null,
    date: { value: s.date ?? null, end: null, precision: s.date ? 'day' : null, text: null },
    modality: s.modality ?? 'asserted',
    source: { text: null, kind: s.sourceKind ?? 'reporter', name: null },
    fatalities:
      s.fatalities != null
        ? { value: s.fatalities, min: s.fatalities, max: s.fatalities, text: String(s.fatalities) }
        : null,
    acled: { event_type: s.acled?.[0] ?? '', sub_event_type: s.acled?.[1] ?? '' },
    plover: { event_type: null, mode: null },
    evidence: { sentence: s.sentence ?? '', start: 0, end: (s.sentence ?? '').length, spans: s.spans ?? [] },
    confidence: s.confidence ?? 0.8,
    article: 'test',
  };
}
