// Realistic, varied wire-style articles for the scale-out tests and benchmarks, generated from templates
// over real towns and the armed groups of several wars (none of them from the evaluation corpus).
//
// Each article reports one incident (sometimes with a second, older one as background); most incidents are
// reported by two or three outlets in different words and with different sources, so that the store has
// real cross-report merges to make. Incidents at the same town are at least ten days apart, so which reports
// belong together does not depend on the order the articles are ingested in.
// A seeded generator makes the same articles on every run.
import { articleId } from '../../src/input/article-id.ts';
import type { Article } from '../../src/types.ts';
import { prng as mulberry32, shuffle } from '../store/generate.ts';

interface Theatre {
  towns: string[];
  /** [state force, opponent], each with a few ways of writing it */
  sides: [string[], string[]];
  dateline: string;
}

const THEATRES: Theatre[] = [
  {
    towns: [
      'Kharkiv',
      'Kherson',
      'Kramatorsk',
      'Sumy',
      'Bakhmut',
      'Toretsk',
      'Kupiansk',
      'Chernihiv',
      'Melitopol',
    ],
    sides: [
      ['Ukrainian forces', 'Ukraine’s army', 'Ukrainian troops'],
      ['Russian forces', 'Russian troops', 'the Russian army'],
    ],
    dateline: 'KYIV',
  },
  {
    towns: ['El Fasher', 'Omdurman', 'Nyala', 'El Obeid', 'Kadugli', 'Kassala'],
    sides: [
      ['the Sudanese army', 'Sudan’s armed forces', 'army troops'],
      ['the Rapid Support Forces', 'RSF fighters', 'the paramilitary Rapid Support Forces'],
    ],
    dateline: 'PORT SUDAN',
  },
  {
    towns: ['Taiz', 'Aden', "Sa'dah"],
    sides: [
      ['Yemeni government forces', 'pro-government troops'],
      ['Houthi fighters', 'the Houthis', 'Houthi rebels'],
    ],
    dateline: 'ADEN',
  },
  {
    towns: ['Sittwe', 'Lashio', 'Myitkyina', 'Mandalay'],
    sides: [
      ['Myanmar’s military', 'junta troops', 'the Myanmar army'],
      ['the Arakan Army', 'ethnic armed groups', 'resistance fighters'],
    ],
    dateline: 'YANGON',
  },
  {
    towns: ['Kismayo', 'Baidoa', 'Beledweyne', 'Mogadishu'],
    sides: [
      ['Somali troops', 'the Somali National Army', 'government soldiers'],
      ['al-Shabaab fighters', 'al-Shabaab militants', 'the al-Shabaab group'],
    ],
    dateline: 'MOGADISHU',
  },
  {
    towns: ['Goma', 'Bunia', 'Beni', 'Uvira'],
    sides: [
      ['Congolese troops', 'the Congolese army', 'FARDC soldiers'],
      ['M23 rebels', 'the M23 rebel group', 'M23 fighters'],
    ],
    dateline: 'KINSHASA',
  },
  {
    towns: ['Gao', 'Timbuktu', 'Mopti', 'Djibo', 'Kaya'],
    sides: [
      ['the Malian army', 'Malian soldiers', 'government forces'],
      ['jihadist militants', 'JNIM fighters', 'Islamist militants'],
    ],
    dateline: 'BAMAKO',
  },
];

const OUTLETS = ['Wire Desk', 'Regional Monitor', 'Daily Dispatch', 'Frontline News', 'World Report'];

const SOURCES = [
  'the regional governor said',
  'a local official told reporters',
  'a military spokesman said in a statement',
  'residents said',
  'a monitoring group said',
  'two security sources said',
  'the health ministry said',
  'according to witnesses',
];

const COUNTS = [
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'at least eight',
  'at least 11',
  'at least 14',
  'dozens of',
];

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

type Kind =
  | 'shelling'
  | 'air_strike'
  | 'clash'
  | 'capture'
  | 'withdrawal'
  | 'bombing'
  | 'displacement'
  | 'protest';
const KINDS: Kind[] = [
  'shelling',
  'air_strike',
  'clash',
  'capture',
  'withdrawal',
  'bombing',
  'displacement',
  'protest',
];

interface Slots {
  a: string;
  b: string;
  town: string;
  when: string;
  count: string;
  source: string;
}

/** Two or more wordings per kind of incident, so that reports of one incident are not copies. */
const TEMPLATES: Record<Kind, Array<(s: Slots) => string>> = {
  shelling: [
    (s) => `${cap(s.b)} shelled ${s.town} ${s.when}, killing ${s.count} civilians, ${s.source}.`,
    (s) =>
      `Artillery fire by ${s.b} hit residential areas of ${s.town} ${s.when}, ${s.source}, and ${s.count} people were killed.`,
    (s) =>
      `${cap(s.count)} civilians were killed when ${s.b} fired rockets at ${s.town} ${s.when}, ${s.source}.`,
  ],
  air_strike: [
    (s) =>
      `An air strike by ${s.a} hit a market in ${s.town} ${s.when}, killing ${s.count} people, ${s.source}.`,
    (s) => `${cap(s.a)} carried out air strikes on ${s.town} ${s.when}, ${s.source}.`,
    (s) => `Drones launched by ${s.a} struck positions held by ${s.b} in ${s.town} ${s.when}, ${s.source}.`,
  ],
  clash: [
    (s) => `${cap(s.a)} clashed with ${s.b} on the outskirts of ${s.town} ${s.when}, ${s.source}.`,
    (s) =>
      `Heavy fighting broke out between ${s.a} and ${s.b} in ${s.town} ${s.when}, leaving ${s.count} fighters dead, ${s.source}.`,
    (s) =>
      `${cap(s.b)} attacked army positions near ${s.town} ${s.when}, and fighting lasted several hours, ${s.source}.`,
  ],
  capture: [
    (s) => `${cap(s.b)} captured ${s.town} ${s.when} after days of fighting, ${s.source}.`,
    (s) => `${cap(s.b)} said they had taken full control of ${s.town} ${s.when}.`,
    (s) => `${cap(s.b)} seized the town of ${s.town} ${s.when}, ${s.source}.`,
  ],
  withdrawal: [
    (s) => `${cap(s.a)} withdrew from ${s.town} ${s.when}, ${s.source}.`,
    (s) => `${cap(s.a)} pulled out of ${s.town} ${s.when} to avoid encirclement, ${s.source}.`,
  ],
  bombing: [
    (s) => `A roadside bomb exploded in ${s.town} ${s.when}, killing ${s.count} soldiers, ${s.source}.`,
    (s) =>
      `${cap(s.count)} people were killed when a car bomb went off in central ${s.town} ${s.when}, ${s.source}.`,
  ],
  displacement: [
    (s) => `Thousands of residents fled ${s.town} ${s.when} as ${s.b} advanced, ${s.source}.`,
    (s) =>
      `Families were forced to flee ${s.town} ${s.when} after the fighting reached the town, ${s.source}.`,
  ],
  protest: [
    (s) =>
      `Hundreds of people protested in ${s.town} ${s.when} against the rising cost of living, ${s.source}.`,
    (s) =>
      `Demonstrators took to the streets of ${s.town} ${s.when} to demand an end to the fighting, ${s.source}.`,
  ],
};

const BACKGROUND = [
  'The conflict has forced millions of people from their homes.',
  'Aid agencies have warned that food supplies are running low.',
  'Talks between the warring parties have stalled in recent weeks.',
  'Neither side commented on the casualty figures.',
  'The claims could not be independently verified.',
  'Humanitarian groups have called for safe corridors for civilians.',
];

interface Incident {
  theatre: Theatre;
  kind: Kind;
  town: string;
  /** day offset from the start date */
  day: number;
  a: string[];
  b: string[];
}

export interface GeneratedArticles {
  articles: Article[];
  /** how many distinct incidents the articles report (each by 1..3 articles) */
  incidents: number;
}

/** `count` articles about roughly count/2 incidents, identical for the same seed. */
export function generateArticles(count: number, seed = 1, start = '2025-01-06'): GeneratedArticles {
  const random = mulberry32(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const incidents: Incident[] = [];
  const nextFreeDay = new Map<string, number>();
  const articles: Article[] = [];
  const startMs = Date.parse(`${start}T00:00:00Z`);
  while (articles.length < count) {
    const theatre = pick(THEATRES);
    const town = pick(theatre.towns);
    // at least ten days after the previous incident in the same town, so merges cannot chain
    const day = (nextFreeDay.get(town) ?? 0) + Math.floor(random() * 4);
    nextFreeDay.set(town, day + 10);
    const incident: Incident = {
      theatre,
      kind: pick(KINDS),
      town,
      day,
      a: theatre.sides[0],
      b: theatre.sides[1],
    };
    incidents.push(incident);
    const reports = Math.min(count - articles.length, 1 + Math.floor(random() * 3));
    const templates = shuffle([...TEMPLATES[incident.kind]], random);
    for (let r = 0; r < reports; r++) {
      const published = incident.day + Math.floor(random() * 2);
      const date = isoDay(startMs, published);
      const slots: Slots = {
        a: pick(incident.a),
        b: pick(incident.b),
        town,
        when: describeDay(startMs, incident.day, published),
        count: pick(COUNTS),
        source: pick(SOURCES),
      };
      const lead = templates[r % templates.length](slots);
      const older = incidents.length > 1 && random() < 0.3 ? pick(incidents.slice(0, -1)) : null;
      const paragraphs = [`${theatre.dateline} (${pick(OUTLETS)}) - ${lead}`];
      paragraphs.push(pick(BACKGROUND));
      if (older && older.day < incident.day) {
        const when = `on ${MONTHS[dayOf(startMs, older.day).getUTCMonth()]} ${dayOf(startMs, older.day).getUTCDate()}`;
        paragraphs.push(
          `Earlier, ${pick(older.b)} had been reported fighting around ${older.town} ${when}, ${pick(SOURCES)}.`,
        );
      }
      paragraphs.push(pick(BACKGROUND));
      const title = `${cap(incident.kind.replace('_', ' '))} reported in ${town}`;
      const text = `${title}\n\n${paragraphs.join('\n\n')}\n`;
      articles.push({ id: articleId(text), date, title, text, source: pick(OUTLETS), url: null });
    }
  }
  return { articles, incidents: incidents.length };
}

/** How an article published on day `published` refers to day `day`: a weekday, "on Month D", or today. */
function describeDay(startMs: number, day: number, published: number): string {
  const date = dayOf(startMs, day);
  if (published === day) return `on ${WEEKDAYS[date.getUTCDay()]}`;
  if (published - day === 1 && day % 2 === 0) return `on ${WEEKDAYS[date.getUTCDay()]}`;
  return `on ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
}

function dayOf(startMs: number, day: number): Date {
  return new Date(startMs + day * 86_400_000);
}

function isoDay(startMs: number, day: number): string {
  return dayOf(startMs, day).toISOString().slice(0, 10);
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
