// Seeded generator of articles with hand-shaped EventRecords over real towns (tests and bench/store.ts):
// several outlets report the same incidents on nearby days, so the cross-report merge has work to do.
import { createHash } from 'node:crypto';
import type {
  Actor,
  Article,
  EventRecord,
  EventType,
  Location,
  Modality,
  SourceKind,
} from '../../src/types.ts';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const TOWNS: Array<[string, number, number, string, number]> = [
  ['Hama', 35.1318, 36.7578, 'SY', 170017],
  ['Homs', 34.7324, 36.7137, 'SY', 169577],
  ['Aleppo', 36.2021, 37.1343, 'SY', 170063],
  ['Idlib', 35.9306, 36.6339, 'SY', 169388],
  ['Kharkiv', 49.9935, 36.2304, 'UA', 706483],
  ['Pokrovsk', 48.282, 37.1758, 'UA', 704147],
  ['Goma', -1.6792, 29.2228, 'CD', 215605],
  ['Khartoum', 15.5518, 32.5324, 'SD', 379252],
  ['Gao', 16.2717, -0.0447, 'ML', 2457163],
  ['Mosul', 36.335, 43.1189, 'IQ', 99072],
];
const SIDES: Record<string, Actor[]> = {
  SY: [
    { name: 'Syrian army', id: 'syrian-army', kind: 'state_forces', country: 'SY' },
    { name: 'HTS', id: 'hts', kind: 'rebel', country: 'SY' },
  ],
  UA: [
    { name: 'Russian forces', id: 'russia', kind: 'external', country: 'RU' },
    { name: 'Ukrainian forces', id: 'ukraine', kind: 'state_forces', country: 'UA' },
  ],
  CD: [
    { name: 'FARDC', id: 'fardc', kind: 'state_forces', country: 'CD' },
    { name: 'M23', id: 'm23', kind: 'rebel', country: 'CD' },
  ],
  SD: [
    { name: 'SAF', id: 'saf', kind: 'state_forces', country: 'SD' },
    { name: 'RSF', id: 'rsf', kind: 'militia', country: 'SD' },
  ],
  ML: [
    { name: 'Malian army', id: 'mali-army', kind: 'state_forces', country: 'ML' },
    { name: 'JNIM', id: 'jnim', kind: 'rebel', country: 'ML' },
  ],
  IQ: [
    { name: 'Iraqi army', id: 'iraq-army', kind: 'state_forces', country: 'IQ' },
    { name: 'Islamic State', id: 'isis', kind: 'rebel', country: 'IQ' },
  ],
};
const TYPES: EventType[] = [
  'territory_capture',
  'clash',
  'air_strike',
  'shelling',
  'withdrawal',
  'protest',
  'arrest',
];
const MODALITIES: Modality[] = ['asserted', 'asserted', 'asserted', 'claimed', 'denied', 'possible'];
const SOURCES: SourceKind[] = ['reporter', 'official', 'party_to_conflict', 'organization', 'witness'];
const ACLED: Record<string, [string, string, string | null]> = {
  territory_capture: ['Battles', 'Non-state actor overtakes territory', 'ASSAULT'],
  clash: ['Battles', 'Armed clash', 'ASSAULT'],
  air_strike: ['Explosions/Remote violence', 'Air/drone strike', 'ASSAULT'],
  shelling: ['Explosions/Remote violence', 'Shelling/artillery/missile attack', 'ASSAULT'],
  withdrawal: ['Strategic developments', 'Non-violent transfer of territory', 'RETREAT'],
  protest: ['Protests', 'Peaceful protest', 'PROTEST'],
  arrest: ['Strategic developments', 'Arrests', 'COERCE'],
};

export interface GeneratedArticle {
  article: Article;
  records: EventRecord[];
}

const day = (base: string, offset: number) =>
  new Date(Date.parse(`${base}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * `count` articles, `perArticle` events each, over `days` days from `start`; towns are jittered by up to
 * `jitterKm` so that reports of one incident land near, not on, each other. `spreadTowns` adds far-away
 * synthetic places (a lat/lon grid) to spread a large store over the map (bench).
 */
export function generateArticles(opts: {
  count: number;
  perArticle?: number;
  seed?: number;
  start?: string;
  days?: number;
  jitterKm?: number;
  spreadTowns?: number;
}): GeneratedArticle[] {
  const random = prng(opts.seed ?? 1);
  const perArticle = opts.perArticle ?? 3;
  const days = opts.days ?? 14;
  const jitter = (opts.jitterKm ?? 5) / 111;
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const towns = [...TOWNS];
  for (let i = 0; i < (opts.spreadTowns ?? 0); i++) {
    const [, , , country] = pick(TOWNS);
    towns.push([`Place ${i}`, -50 + random() * 110, -120 + random() * 240, country, 9_000_000 + i]);
  }
  const out: GeneratedArticle[] = [];
  for (let a = 0; a < opts.count; a++) {
    const articleDate = day(opts.start ?? '2024-12-01', Math.floor(random() * days));
    const sentences: string[] = [];
    const pending: Array<Omit<EventRecord, 'id' | 'article' | 'evidence'> & { sentence: string }> = [];
    for (let e = 0; e < perArticle; e++) {
      const [name, lat, lon, country, geonameId] = pick(towns);
      const [side1, side2] = random() < 0.5 ? SIDES[country] : [...SIDES[country]].reverse();
      const type = pick(TYPES);
      const eventDate = day(articleDate, -Math.floor(random() * 3));
      const location: Location = {
        name,
        lat: Math.round((lat + (random() - 0.5) * jitter) * 1e4) / 1e4,
        lon: Math.round((lon + (random() - 0.5) * jitter) * 1e4) / 1e4,
        admin1: null,
        country,
        precision: 1,
        geonameId,
      };
      const modality = pick(MODALITIES);
      const kind = pick(SOURCES);
      const sentence = `${side1.name} ${type.replace('_', ' ')} against ${side2.name} in ${name} on ${eventDate}, "${kind}" source says (${a}.${e}).`;
      sentences.push(sentence);
      const [event_type, sub_event_type, plover] = ACLED[type];
      const killed = random() < 0.3 ? Math.floor(random() * 20) : null;
      pending.push({
        type,
        actor1: side1,
        actor2: type === 'protest' ? null : side2,
        location,
        date: { value: eventDate, end: null, precision: 'day', text: eventDate },
        modality,
        source: { kind, name: kind === 'reporter' ? null : `${kind} ${a % 7}`, text: null },
        fatalities:
          killed == null ? null : { value: killed, min: killed, max: killed, text: `${killed} killed` },
        acled: { event_type, sub_event_type },
        plover: { event_type: plover, mode: null },
        confidence: Math.round((0.5 + random() * 0.5) * 100) / 100,
        sentence,
      });
    }
    const text = sentences.join(' ');
    const articleId = createHash('sha256').update(text).digest('hex').slice(0, 16);
    let offset = 0;
    const records = pending.map(({ sentence, ...rest }, i) => {
      const start = offset;
      offset += sentence.length + 1;
      return {
        ...rest,
        id: createHash('sha256').update(`${articleId}|${i}`).digest('hex').slice(0, 16),
        article: articleId,
        evidence: { sentence, start, end: start + sentence.length, spans: [] },
      } as EventRecord;
    });
    out.push({
      article: {
        id: articleId,
        date: articleDate,
        title: `Generated ${a}`,
        url: null,
        source: 'Generated Wire',
        text,
      },
      records,
    });
  }
  return out;
}
