// The same store on a real PostgreSQL server (SITREP_TEST_PG, see scripts/pg-test-server.sh): identical
// results to PGlite for one writer, and for several concurrent writers (advisory locks on merge cells).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mergeAll } from '../../src/merge/cross-report.ts';
import { allEvents, openStore, type SqlStore } from '../../src/store/index.ts';
import type { StoredEvent } from '../../src/types.ts';
import { createTestDatabase, skipWithoutPg, type TestDatabase } from '../pg/pg-test-db.ts';
import { generateArticles, prng, shuffle } from './generate.ts';

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
const canonical = (events: StoredEvent[]) =>
  stableJson(
    [...events]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((e) => ({ ...e, reports: e.reports.map((r) => ({ ...r, url: r.url ?? null })) })),
  );

async function everything(store: SqlStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of allEvents(store, {})) out.push(e);
  return out;
}

describe('store on PostgreSQL', { skip: skipWithoutPg }, () => {
  const batch = generateArticles({ count: 120, perArticle: 3, seed: 21, days: 6, jitterKm: 20 });
  const expected = mergeAll(
    batch.flatMap(({ article, records }) => records.map((record) => ({ record, articleDate: article.date }))),
  );
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase('sitrep_store');
  });
  after(() => database?.drop());

  test('one writer: same merged events as the in-memory merge (and so as PGlite); same control', async () => {
    const store = await openStore(database.url);
    const pglite = await openStore('memory://');
    try {
      for (const { article, records } of shuffle(batch, prng(4))) {
        await store.ingest(article, records);
        await pglite.ingest(article, records);
      }
      const stored = await everything(store);
      assert.equal(canonical(stored), canonical(expected));
      for (const at of ['2024-12-02', '2024-12-05', '2024-12-09'])
        assert.deepEqual(await store.control(at), await pglite.control(at), `control at ${at}`);
      const query = {
        bbox: [30, 30, 40, 40] as [number, number, number, number],
        from: '2024-12-03',
        limit: 7,
      };
      assert.deepEqual(
        (await store.events(query)).events.map((e) => e.id),
        (await pglite.events(query)).events.map((e) => e.id),
      );
    } finally {
      await store.close();
      await pglite.close();
    }
  });

  test('four concurrent writers: every article once, and the same merged events', async () => {
    const db = await createTestDatabase('sitrep_store_conc');
    const writers = await Promise.all([0, 1, 2, 3].map(() => openStore(db.url)));
    try {
      const order = shuffle(batch, prng(9));
      await Promise.all(
        writers.map(async (store, w) => {
          // every writer gets every article: duplicates must be skipped, merges must not race
          for (const { article, records } of shuffle(order, prng(w + 1)))
            await store.ingest(article, records);
        }),
      );
      const stats = await writers[0].stats();
      assert.equal(stats.articles, batch.length);
      assert.equal(stats.reports, batch.length * 3);
      assert.equal(canonical(await everything(writers[0])), canonical(expected));

      // a reader that keeps control timelines in memory sees what another writer adds afterwards
      const before = await writers[3].control('2024-12-09');
      const late = generateArticles({ count: 6, perArticle: 3, seed: 77, days: 2, start: '2024-12-08' });
      for (const { article, records } of late) await writers[0].ingest(article, records);
      const later = await writers[3].control('2024-12-09');
      assert.deepEqual(later, await writers[0].control('2024-12-09'));
      assert.notDeepEqual(later, before);
    } finally {
      await Promise.all(writers.map((s) => s.close()));
      await db.drop();
    }
  });
});
