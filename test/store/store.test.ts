// Store round-trip, idempotence, cross-report merge (disputed, modality, what must not merge), filters,
// pagination, order independence and schema versions, on PGlite (in memory and on disk).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { mergeAll } from '../../src/merge/cross-report.ts';
import { openDb } from '../../src/store/db.ts';
import { allEvents, openStore, type SqlStore } from '../../src/store/index.ts';
import { LATEST_VERSION } from '../../src/store/migrate.ts';
import type { StoredEvent } from '../../src/types.ts';
import { generateArticles, prng, shuffle } from './generate.ts';
import { article, record } from './records.ts';

const capture = record({
  article: 'a1',
  type: 'territory_capture',
  actor1: 'hts',
  actor2: 'army',
  place: 'hama',
  date: '2024-12-05',
  modality: 'claimed',
  source: { kind: 'party_to_conflict', name: 'HTS military operations command' },
  sentence: 'HTS said its fighters had entered Hama and taken the city, a claim the army denied.',
});
const denial = record({
  article: 'a2',
  type: 'withdrawal',
  actor1: 'army',
  place: 'hamaOutskirts',
  date: '2024-12-06',
  modality: 'denied',
  source: { kind: 'official', name: 'Syrian defence ministry' },
  sentence: 'The defence ministry denied that troops had pulled out of positions north of Hama.',
});
const strike = record({
  article: 'a2',
  n: 1,
  type: 'air_strike',
  actor1: 'russia',
  place: 'aleppo',
  date: '2024-12-04',
  fatalities: 4,
  sentence: 'Russian jets struck the outskirts of Aleppo on Wednesday, killing four people, residents said.',
  source: { kind: 'witness', text: 'residents' },
});

describe('store on PGlite', () => {
  let store: SqlStore;
  before(async () => {
    store = await openStore('memory://');
    await store.ingest(article('a1', '2024-12-05', [capture]), [capture]);
    await store.ingest(article('a2', '2024-12-06', [denial, strike]), [denial, strike]);
  });
  after(() => store.close());

  test('round-trip: articles, reports and merged events come back as stored', async () => {
    assert.deepEqual(await store.stats(), { articles: 2, events: 2, reports: 3 });
    const merged = await store.event(denial.id);
    assert.ok(merged, 'a report id finds its merged event');
    assert.equal(merged.id, [capture.id, denial.id].sort()[0], 'merged id is the smallest member id');
    assert.equal(merged.type, 'territory_capture', 'the capture outranks the withdrawal in the family');
    assert.equal(merged.actor1?.id, 'hts');
    assert.equal(merged.reports.length, 2);
    const report = merged.reports.find((r) => r.event === denial.id)!;
    assert.equal(report.sentence, denial.evidence.sentence);
    assert.equal(report.modality, 'denied');
    assert.equal(report.source.name, 'Syrian defence ministry');
    assert.equal(report.articleDate, '2024-12-06');
    const alone = await store.event(strike.id);
    assert.deepEqual(alone?.fatalities, strike.fatalities);
    assert.equal(alone?.reports.length, 1);
    assert.equal(await store.hasArticle('a1'), true);
    assert.equal(await store.hasArticle('nope'), false);
  });

  test('claimed by one side, denied by the other: kept together and flagged disputed', async () => {
    const disputed = await store.disputed();
    assert.equal(disputed.length, 1);
    assert.equal(disputed[0].modality, 'claimed');
    assert.deepEqual(disputed[0].reports.map((r) => r.modality).sort(), ['claimed', 'denied']);
  });

  test('idempotent: the same text again (under any id) adds nothing', async () => {
    const again = await store.ingest(article('a1', '2024-12-05', [capture]), [capture]);
    assert.equal(again.inserted, false);
    const renamed = { ...article('a1', '2024-12-05', [capture]), id: 'other-id' };
    renamed.text = `  ${renamed.text.replace(/ /g, '\n')}  `; // same normalised text
    assert.equal((await store.ingest(renamed, [capture])).inserted, false);
    assert.deepEqual(await store.stats(), { articles: 2, events: 2, reports: 3 });
  });

  test('filters: dates, bbox, type, modality, actor, place, source kind, text, disputed', async () => {
    const ids = async (q: Parameters<SqlStore['events']>[0]) =>
      (await store.events(q)).events.map((e) => e.type).sort();
    assert.deepEqual(await ids({}), ['air_strike', 'territory_capture']);
    assert.deepEqual(await ids({ from: '2024-12-05' }), ['territory_capture']);
    assert.deepEqual(await ids({ to: '2024-12-04' }), ['air_strike']);
    assert.deepEqual(await ids({ bbox: [36.5, 35, 37, 35.5] }), ['territory_capture']);
    assert.deepEqual(await ids({ bbox: [37, 36, 38, 37] }), ['air_strike']);
    assert.deepEqual(await ids({ types: ['air_strike'] }), ['air_strike']);
    assert.deepEqual(await ids({ modality: ['claimed'] }), ['territory_capture']);
    assert.deepEqual(await ids({ actor: 'russia' }), ['air_strike']);
    assert.deepEqual(await ids({ actor: 'tahrir' }), ['territory_capture']);
    assert.deepEqual(await ids({ place: 'aleppo' }), ['air_strike']);
    assert.deepEqual(await ids({ place: '170017' }), ['territory_capture']);
    assert.deepEqual(await ids({ sourceKind: ['official'] }), ['territory_capture']);
    assert.deepEqual(await ids({ q: 'JETS STRUCK' }), ['air_strike']);
    assert.deepEqual(await ids({ q: '100%' }), []);
    assert.deepEqual(await ids({ disputed: true }), ['territory_capture']);
    assert.deepEqual(await ids({ disputed: false }), ['air_strike']);
  });
});

describe('merge rules in the store', () => {
  test('what must not merge: other captor, far away, days apart, planned vs done', async () => {
    const store = await openStore('memory://');
    try {
      const base = { type: 'territory_capture', actor1: 'hts', place: 'hama', date: '2024-12-05' } as const;
      const variants = [
        record({ ...base, article: 'm1' }),
        record({ ...base, article: 'm2', actor1: 'sdf' }),
        record({ ...base, article: 'm3', place: 'homs' }),
        record({ ...base, article: 'm4', date: '2024-12-12' }),
        record({ ...base, article: 'm5', modality: 'planned' }),
        // unknown attacker is compatible with a known one: merges with m1
        record({ ...base, article: 'm6', actor1: 'gunmen', type: 'clash' }),
      ];
      for (const r of variants) await store.ingest(article(r.article, '2024-12-05', [r], r.article), [r]);
      const { events } = await store.events({});
      assert.equal(events.length, 5);
      const merged = events.find((e) => e.reports.length === 2)!;
      assert.deepEqual(merged.reports.map((r) => r.article).sort(), ['m1', 'm6']);
      assert.equal(merged.type, 'territory_capture');
    } finally {
      await store.close();
    }
  });

  test('merged modality follows the strongest attribution: a neutral assertion beats a claim', async () => {
    const store = await openStore('memory://');
    try {
      const claim = record({
        article: 'c1',
        type: 'territory_capture',
        actor1: 'hts',
        place: 'hama',
        date: '2024-12-05',
        modality: 'claimed',
        source: { kind: 'party_to_conflict', name: 'HTS' },
      });
      const seen = record({
        article: 'c2',
        type: 'territory_capture',
        actor1: 'hts',
        place: 'hama',
        date: '2024-12-06',
        modality: 'asserted',
        source: { kind: 'organization', name: 'Syrian Observatory for Human Rights' },
      });
      await store.ingest(article('c1', '2024-12-05', [claim], 'c1'), [claim]);
      const result = await store.ingest(article('c2', '2024-12-06', [seen], 'c2'), [seen]);
      const [event] = (await store.events({})).events;
      assert.equal(event.modality, 'asserted');
      assert.equal(event.source.kind, 'organization');
      assert.equal(event.disputed, false);
      assert.equal(event.id, [claim.id, seen.id].sort()[0]);
      assert.deepEqual([...result.created, ...result.updated], [event.id]);
    } finally {
      await store.close();
    }
  });
});

/** JSON with object keys sorted: JSONB does not keep key order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

describe('order independence', () => {
  test('shuffled ingestion gives the same merged events and ids as the in-memory merge', async () => {
    const batch = generateArticles({ count: 40, perArticle: 3, seed: 7, days: 6, jitterKm: 20 });
    const expected = mergeAll(
      batch.flatMap(({ article, records }) =>
        records.map((record) => ({ record, articleDate: article.date })),
      ),
    );
    const multi = expected.filter((e) => e.reports.length > 1).length;
    assert.ok(multi >= 5, `the batch must exercise merging (got ${multi} multi-report events)`);
    const canonical = (events: StoredEvent[]) =>
      stableJson(
        [...events]
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .map((e) => ({ ...e, reports: e.reports.map((r) => ({ ...r, url: r.url ?? null })) })),
      );
    for (const seed of [1, 2, 3]) {
      const store = await openStore('memory://');
      try {
        for (const { article, records } of shuffle(batch, prng(seed)))
          await store.ingest(article, shuffle(records, prng(seed)));
        const stored: StoredEvent[] = [];
        for await (const e of allEvents(store, {}, 17)) stored.push(e);
        assert.equal(stored.length, expected.length, `seed ${seed}: number of events`);
        assert.equal(canonical(stored), canonical(expected), `seed ${seed}: same events`);
      } finally {
        await store.close();
      }
    }
  });
});

describe('schema versions', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sitrep-store-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('persists on disk, refuses a newer schema, and an older one when upgrades are off', async () => {
    const path = join(dir, 'db');
    const store = await openStore(path);
    await store.ingest(article('p1', '2024-12-05', [capture]), [capture]);
    await store.close();
    const reopened = await openStore(path);
    assert.deepEqual(await reopened.stats(), { articles: 1, events: 1, reports: 1 });
    await reopened.db.query(
      "INSERT INTO schema_version (version, name, applied_at) VALUES (999, 'future', 'x')",
    );
    await reopened.close();
    await assert.rejects(openStore(path), /schema version 999 is newer than this sitrep supports/);
    const empty = await openDb('memory://');
    await empty.close();
    await assert.rejects(
      openStore('memory://', { upgrade: false }),
      /older than this sitrep: it lacks migrations/,
    );
    assert.ok(LATEST_VERSION >= 1);
  });
});
