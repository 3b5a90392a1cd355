// PLOVER JSON: an array of PLOVER event records (event_type, mode, context, actor/recipient with country and
// type, location, date, source text). Events whose type has no PLOVER type (displacement) are left out: they
// are not PLOVER events. sitrep's modality and dispute flag travel along as extra fields.
import type { StoredEvent } from '../../types.ts';

type Events = Iterable<StoredEvent> | AsyncIterable<StoredEvent>;

export interface PloverEvent {
  id: string;
  date: string | null;
  date_precision: string | null;
  event_type: string;
  mode: string | null;
  context: string[];
  actor: string | null;
  actor_id: string | null;
  actor_country: string | null;
  actor_type: string | null;
  recipient: string | null;
  recipient_id: string | null;
  recipient_country: string | null;
  recipient_type: string | null;
  location: {
    name: string | null;
    lat: number | null;
    lon: number | null;
    admin1: string | null;
    country: string | null;
    geonameId: number | null;
    precision: number | null;
  } | null;
  text: string;
  source: string | null;
  fatalities: number | null;
  modality: string;
  disputed: boolean;
  reports: number;
}

export function toPlover(event: StoredEvent): PloverEvent | null {
  if (!event.plover.event_type) return null;
  const loc = event.location;
  return {
    id: event.id,
    date: event.date?.value ?? event.reports[0]?.articleDate ?? null,
    date_precision: event.date?.precision ?? null,
    event_type: event.plover.event_type,
    mode: event.plover.mode,
    context: [],
    actor: event.actor1?.name ?? null,
    actor_id: event.actor1?.id ?? null,
    actor_country: event.actor1?.country ?? null,
    actor_type: event.actor1?.kind ?? null,
    recipient: event.actor2?.name ?? null,
    recipient_id: event.actor2?.id ?? null,
    recipient_country: event.actor2?.country ?? null,
    recipient_type: event.actor2?.kind ?? null,
    location: loc
      ? {
          name: loc.name,
          lat: loc.lat,
          lon: loc.lon,
          admin1: loc.admin1,
          country: loc.country,
          geonameId: loc.geonameId,
          precision: loc.precision,
        }
      : null,
    text: event.evidence.sentence,
    source: event.source.text ?? event.source.name ?? null,
    fatalities: event.fatalities ? (event.fatalities.value ?? event.fatalities.min) : null,
    modality: event.modality,
    disputed: event.disputed,
    reports: event.reports.length,
  };
}

export async function* plover(events: Events): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const event of events) {
    const record = toPlover(event);
    if (!record) continue;
    yield `${first ? '' : ','}\n${JSON.stringify(record)}`;
    first = false;
  }
  yield '\n]\n';
}
