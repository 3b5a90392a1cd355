// Builds realistic EventRecords by hand for store, merge and view tests (the shape extract produces).
import { createHash } from 'node:crypto';
import type {
  Actor,
  ActorKind,
  EventRecord,
  EventType,
  Location,
  Modality,
  SourceKind,
} from '../../src/types.ts';

export const ACTORS: Record<string, Actor> = {
  army: { name: 'Syrian army', id: 'syrian-army', kind: 'state_forces', country: 'SY' },
  hts: { name: 'Hayat Tahrir al-Sham', id: 'hts', kind: 'rebel', country: 'SY' },
  sdf: { name: 'Syrian Democratic Forces', id: 'sdf', kind: 'rebel', country: 'SY' },
  russia: { name: 'Russian air force', id: 'russia', kind: 'external', country: 'RU' },
  gunmen: { name: 'gunmen', id: null, kind: 'unknown', country: null },
  civilians: { name: 'civilians', id: 'civilians', kind: 'civilians', country: 'SY' },
};

export const PLACES: Record<string, Location> = {
  hama: {
    name: 'Hama',
    lat: 35.1318,
    lon: 36.7578,
    admin1: 'Hama',
    country: 'SY',
    precision: 1,
    geonameId: 170017,
  },
  // a village ~12 km from Hama: reports placed there are within the merge radius of Hama
  hamaOutskirts: {
    name: 'Qamhana',
    lat: 35.2354,
    lon: 36.7561,
    admin1: 'Hama',
    country: 'SY',
    precision: 2,
    geonameId: 169389,
  },
  homs: {
    name: 'Homs',
    lat: 34.7324,
    lon: 36.7137,
    admin1: 'Homs',
    country: 'SY',
    precision: 1,
    geonameId: 169577,
  },
  aleppo: {
    name: 'Aleppo',
    lat: 36.2021,
    lon: 37.1343,
    admin1: 'Aleppo',
    country: 'SY',
    precision: 1,
    geonameId: 170063,
  },
  deir: {
    name: 'Deir ez-Zor',
    lat: 35.3359,
    lon: 40.1408,
    admin1: 'Deir ez-Zor',
    country: 'SY',
    precision: 1,
    geonameId: 170794,
  },
  kharkiv: {
    name: 'Kharkiv',
    lat: 49.9935,
    lon: 36.2304,
    admin1: 'Kharkiv',
    country: 'UA',
    precision: 1,
    geonameId: 706483,
  },
  syria: { name: 'Syria', lat: 35, lon: 38, admin1: null, country: 'SY', precision: 4, geonameId: 163843 },
};

const ACLED: Partial<Record<EventType, [string, string]>> = {
  territory_capture: ['Battles', 'Non-state actor overtakes territory'],
  withdrawal: ['Strategic developments', 'Non-violent transfer of territory'],
  clash: ['Battles', 'Armed clash'],
  air_strike: ['Explosions/Remote violence', 'Air/drone strike'],
  shelling: ['Explosions/Remote violence', 'Shelling/artillery/missile attack'],
  protest: ['Protests', 'Peaceful protest'],
};
const PLOVER: Partial<Record<EventType, string>> = {
  territory_capture: 'ASSAULT',
  withdrawal: 'RETREAT',
  clash: 'ASSAULT',
  air_strike: 'ASSAULT',
  shelling: 'ASSAULT',
  protest: 'PROTEST',
};

export interface RecordSpec {
  article: string;
  n?: number;
  type: EventType;
  actor1?: keyof typeof ACTORS | null;
  actor2?: keyof typeof ACTORS | null;
  place?: keyof typeof PLACES | null;
  date?: string | null;
  modality?: Modality;
  source?: { kind: SourceKind; name?: string | null; text?: string | null };
  sentence?: string;
  fatalities?: number | null;
  confidence?: number;
}

export function record(spec: RecordSpec): EventRecord {
  const actor1 = spec.actor1 ? ACTORS[spec.actor1] : null;
  const actor2 = spec.actor2 ? ACTORS[spec.actor2] : null;
  const location = spec.place ? PLACES[spec.place] : null;
  const sentence =
    spec.sentence ??
    `${actor1?.name ?? 'Unidentified forces'} ${spec.type.replace(/_/g, ' ')} ${actor2 ? `against ${actor2.name} ` : ''}in ${location?.name ?? 'the area'}.`;
  const start = (spec.n ?? 0) * 200;
  const id = createHash('sha256')
    .update(`${spec.article}|${spec.n ?? 0}|${spec.type}`)
    .digest('hex')
    .slice(0, 16);
  const [event_type, sub_event_type] = ACLED[spec.type] ?? ['Strategic developments', 'Other'];
  return {
    id,
    type: spec.type,
    actor1,
    actor2,
    location,
    date: spec.date
      ? { value: spec.date, end: null, precision: 'day', text: 'on Thursday' }
      : { value: null, end: null, precision: null, text: null },
    modality: spec.modality ?? 'asserted',
    source: {
      kind: spec.source?.kind ?? 'reporter',
      name: spec.source?.name ?? null,
      text: spec.source?.text ?? null,
    },
    fatalities:
      spec.fatalities == null
        ? null
        : {
            value: spec.fatalities,
            min: spec.fatalities,
            max: spec.fatalities,
            text: `${spec.fatalities} killed`,
          },
    acled: { event_type, sub_event_type },
    plover: { event_type: PLOVER[spec.type] ?? null, mode: null },
    evidence: { sentence, start, end: start + sentence.length, spans: [] },
    confidence: spec.confidence ?? 0.8,
    article: spec.article,
  };
}

/** An article whose text embeds its events' sentences, so that its id/hash are stable and distinct. */
export function article(id: string, date: string, records: EventRecord[], extra = '') {
  return {
    id,
    date,
    title: `Report ${id}`,
    url: `https://news.example/${id}`,
    source: 'Example Wire',
    text: `${records.map((r) => r.evidence.sentence).join(' ')} ${extra}`.trim() || `Article ${id}`,
  };
}

export function kindOf(actor: keyof typeof ACTORS): ActorKind | null {
  return ACTORS[actor].kind;
}
