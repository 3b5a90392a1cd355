// The embedded store (PGlite) and PostgreSQL run the same SQL; fed the same articles they must show the
// same thing: identical events (ids, fields, reports), control, disputed events and exports. Input: the
// sample report of the shared corpus, the test report fixtures, the scenario feed, and generated articles.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { extract } from '../../src/extract/index.ts';
import { isMessage, readInputs } from '../../src/input/index.ts';
import { ingestProcessor } from '../../src/queue/process.ts';
import { openStore, type SqlStore } from '../../src/store/index.ts';
import type { Article } from '../../src/types.ts';
import { generateArticles } from './article-generator.ts';
import { createTestDatabase, skipWithoutPg, type TestDatabase } from './pg-test-db.ts';
import { mergedGroups, snapshot } from './store-snapshot.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every input file that exists in this checkout: the parity check grows with the fixtures. */
function inputPaths(): string[] {
  const paths = [join(ROOT, '../shared/corpus/reuters-2024-12-06-syria.txt')];
  const reports = join(ROOT, 'test/fixtures/reports');
  if (existsSync(reports))
    for (const file of readdirSync(reports).sort())
      if (file.endsWith('.txt')) paths.push(join(reports, file));
  paths.push(join(ROOT, 'test/fixtures/scenario/reports.jsonl'));
  return paths.filter((path) => existsSync(path));
}

async function readArticles(paths: string[]): Promise<Article[]> {
  const articles: Article[] = [];
  for await (const item of readInputs(paths)) if (!isMessage(item)) articles.push(item.article);
  return articles;
}

describe('PGlite and PostgreSQL store parity', { skip: skipWithoutPg }, () => {
  let testDb: TestDatabase;
  let embedded: SqlStore;
  let server: SqlStore;

  before(async () => {
    testDb = await createTestDatabase('sitrep_parity');
    embedded = await openStore('memory://');
    server = await openStore(testDb.url);
  });
  after(async () => {
    await embedded?.close();
    await server?.close();
    await testDb?.drop();
  });

  test('the same articles give the same events, merges, control, disputes and exports', async () => {
    const files = inputPaths();
    const articles = [...(await readArticles(files)), ...generateArticles(150, 7).articles];
    assert.ok(articles.length >= 150 + files.length);
    for (const store of [embedded, server]) {
      const ingest = ingestProcessor(store, extract);
      for (const article of articles) await ingest(article);
    }
    const dates = [...new Set(articles.map((a) => a.date).filter((d): d is string => !!d))].sort();
    const controlDates = [dates[0], dates[Math.floor(dates.length / 2)], dates.at(-1)!];
    const expected = await snapshot(embedded, controlDates);
    const actual = await snapshot(server, controlDates);
    assert.ok(expected.stats.events > 0, 'the articles produced events');
    assert.ok(mergedGroups(expected.events).length > 0, 'and cross-report merges');
    assert.deepEqual(actual.stats, expected.stats);
    assert.deepEqual(
      actual.events.map((e) => e.id),
      expected.events.map((e) => e.id),
    );
    for (let i = 0; i < expected.events.length; i++) assert.deepEqual(actual.events[i], expected.events[i]);
    assert.deepEqual(actual.control, expected.control);
    assert.deepEqual(actual.disputed, expected.disputed);
    assert.deepEqual(actual.exports, expected.exports);
  });

  test('queries with filters return the same events on both backends', async () => {
    const { events } = await embedded.events({ limit: 5 });
    assert.ok(events.length > 0);
    const sample = events[0];
    const queries = [
      { types: [sample.type] },
      { from: sample.date.value ?? undefined, to: sample.date.value ?? undefined },
      {
        q: sample.evidence.sentence
          .split(/\s+/)
          .find((w) => w.length > 5)
          ?.toLowerCase(),
      },
      { bbox: [-20, -10, 50, 60] as [number, number, number, number] },
      { disputed: true },
      { actor: sample.actor1?.id ?? sample.actor1?.name ?? undefined },
      { limit: 7 },
    ];
    for (const query of queries) {
      const a = await embedded.events(query);
      const b = await server.events(query);
      assert.deepEqual(
        b.events.map((e) => e.id),
        a.events.map((e) => e.id),
        JSON.stringify(query),
      );
      assert.equal(b.nextCursor, a.nextCursor);
    }
  });
});
