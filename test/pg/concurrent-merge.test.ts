// Two writers ingest two reports of the same event at the same moment, each on its own connection pool
// (two PostgreSQL sessions, so the transactions truly overlap on the server). Without the store's advisory
// lock on the merge neighbourhood, each transaction would miss the other's uncommitted report and store two
// events; with it, the second waits for the first and merges into it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { articleId } from '../../src/input/article-id.ts';
import { openStore, type SqlStore } from '../../src/store/index.ts';
import type { Article, EventRecord, EventType } from '../../src/types.ts';
import { createTestDatabase, skipWithoutPg, type TestDatabase } from './pg-test-db.ts';

/** Real towns (GeoNames coordinates), far enough apart that their events never merge with each other. */
const TOWNS = [
  { name: 'Kharkiv', lat: 49.98081, lon: 36.25272, geonameId: 706483, country: 'UA' },
  { name: 'Kherson', lat: 46.63695, lon: 32.61458, geonameId: 706448, country: 'UA' },
  { name: 'Sumy', lat: 50.9216, lon: 34.80029, geonameId: 692194, country: 'UA' },
  { name: 'Kramatorsk', lat: 48.73049, lon: 37.58793, geonameId: 704508, country: 'UA' },
  { name: 'El Fasher', lat: 13.62793, lon: 25.34936, geonameId: 379555, country: 'SD' },
  { name: 'Nyala', lat: 12.04888, lon: 24.88069, geonameId: 369004, country: 'SD' },
  { name: 'El Obeid', lat: 13.18421, lon: 30.21669, geonameId: 379003, country: 'SD' },
  { name: 'Taiz', lat: 13.57952, lon: 44.02091, geonameId: 70225, country: 'YE' },
  { name: 'Goma', lat: -1.67409, lon: 29.22845, geonameId: 216281, country: 'CD' },
  { name: 'Bunia', lat: 1.55941, lon: 30.25224, geonameId: 217695, country: 'CD' },
  { name: 'Gao', lat: 16.27167, lon: -0.04472, geonameId: 2457163, country: 'ML' },
  { name: 'Kismayo', lat: -0.35817, lon: 42.54536, geonameId: 55671, country: 'SO' },
];

const TYPES: EventType[] = ['shelling', 'clash', 'air_strike', 'territory_capture'];

function report(
  town: (typeof TOWNS)[number],
  type: EventType,
  date: string,
  outlet: string,
): Article & { events: EventRecord[] } {
  const sentence = `${outlet}: forces attacked ${town.name} on ${date}, officials said.`;
  const text = `${sentence}\n`;
  const id = articleId(text);
  const event: EventRecord = {
    id: `${id}-0`,
    type,
    actor1: { name: 'the army', id: 'test-army', kind: 'state_forces', country: town.country },
    actor2: { name: 'rebels', id: 'test-rebels', kind: 'rebel', country: town.country },
    location: {
      name: town.name,
      lat: town.lat,
      lon: town.lon,
      admin1: null,
      country: town.country,
      precision: 1,
      geonameId: town.geonameId,
    },
    date: { value: date, end: null, precision: 'day', text: `on ${date}` },
    modality: outlet === 'A' ? 'asserted' : 'claimed',
    source: { text: 'officials', kind: outlet === 'A' ? 'official' : 'party_to_conflict', name: null },
    fatalities: null,
    acled: { event_type: 'Battles', sub_event_type: 'Armed clash' },
    plover: { event_type: 'ASSAULT', mode: null },
    evidence: { sentence, start: 0, end: sentence.length, spans: [] },
    confidence: 0.8,
    article: id,
  };
  return { id, date, title: null, text, events: [event] };
}

describe('concurrent ingest on PostgreSQL', { skip: skipWithoutPg }, () => {
  let testDb: TestDatabase;
  let first: SqlStore;
  let second: SqlStore;

  before(async () => {
    testDb = await createTestDatabase();
    first = await openStore(testDb.url);
    second = await openStore(testDb.url);
  });
  after(async () => {
    await first?.close();
    await second?.close();
    await testDb?.drop();
  });

  test('two reports of one event, ingested at the same moment from two sessions, merge into one event', async () => {
    const pairs = TOWNS.flatMap((town, i) =>
      // two incidents per town, a month apart, so each pair is its own merge neighbourhood
      ['2025-02-03', '2025-03-05'].map((date) => ({
        a: report(town, TYPES[i % TYPES.length], date, 'A'),
        b: report(town, TYPES[i % TYPES.length], date, 'B'),
      })),
    );
    for (const { a, b } of pairs) {
      const [ra, rb] = await Promise.all([first.ingest(a, a.events), second.ingest(b, b.events)]);
      assert.ok(ra.inserted && rb.inserted);
    }
    const stats = await first.stats();
    assert.equal(stats.articles, pairs.length * 2);
    assert.equal(stats.events, pairs.length, 'every pair became one event');
    const { events } = await first.events({ limit: 1000 });
    for (const event of events) {
      assert.equal(event.reports.length, 2, `${event.location?.name} ${event.date.value} has both reports`);
      assert.equal(new Set(event.reports.map((r) => r.article)).size, 2);
      // the merged id is the smallest member id, whichever transaction committed first
      assert.equal(event.id, event.reports.map((r) => r.event).sort()[0]);
    }
  });

  test('the same article ingested at the same moment twice is stored once', async () => {
    const twice = report(TOWNS[0], 'shelling', '2025-05-20', 'A');
    const results = await Promise.all([
      first.ingest(twice, twice.events),
      second.ingest(twice, twice.events),
    ]);
    assert.deepEqual(results.map((r) => r.inserted).sort(), [false, true]);
    const { events } = await first.events({ from: '2025-05-20', to: '2025-05-20' });
    assert.equal(events.length, 1);
    assert.equal(events[0].reports.length, 1);
  });
});
