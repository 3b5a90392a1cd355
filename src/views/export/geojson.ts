// GeoJSON (RFC 7946): a FeatureCollection, one Feature per stored event, Point geometry in [lon, lat] order
// (WGS 84, 6 decimals); an event without coordinates keeps `geometry: null`, which RFC 7946 §3.2 allows for
// unlocated features. Properties carry the event fields a map needs, plus its reports.
import type { StoredEvent } from '../../types.ts';

type Events = Iterable<StoredEvent> | AsyncIterable<StoredEvent>;

export interface Feature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: Record<string, unknown>;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function toFeature(event: StoredEvent): Feature {
  const loc = event.location;
  const located =
    loc && Number.isFinite(loc.lat) && Number.isFinite(loc.lon) && loc.lat != null && loc.lon != null;
  const { location, reports, evidence, ...rest } = event;
  return {
    type: 'Feature',
    id: event.id,
    geometry: located ? { type: 'Point', coordinates: [round(loc.lon!), round(loc.lat!)] } : null,
    properties: {
      ...rest,
      place: location?.name ?? null,
      admin1: location?.admin1 ?? null,
      country: location?.country ?? null,
      geo_precision: location?.precision ?? null,
      geonameId: location?.geonameId ?? null,
      sentence: evidence.sentence,
      report_count: reports.length,
      reports,
    },
  };
}

/** Streams the FeatureCollection as JSON text chunks (no need to hold every event in memory). */
export async function* geojson(events: Events): AsyncGenerator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for await (const event of events) {
    yield `${first ? '' : ','}\n${JSON.stringify(toFeature(event))}`;
    first = false;
  }
  yield '\n]}\n';
}
