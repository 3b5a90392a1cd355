// Store benchmark (run by `npm run bench` through bench/run.ts, or alone: node --import tsx bench/store.ts).
//  - ingest throughput of the whole pipeline (extract + store ingest with the cross-report merge) into an
//    on-disk PGlite store, beside extract alone on the same articles in the same run;
//  - p50/p95 latency of `events` (bbox + date filter) and `control` over a store of 100,000 generated events.
// The 100k store is built through Store.ingest (the real write path) once and kept in the OS temp folder,
// keyed by its size, schema version and generator seed, so later runs only measure queries.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from '../src/extract/index.ts';
import { openStore } from '../src/store/index.ts';
import { schemaFingerprint } from '../src/store/migrate.ts';
import { generateArticles as generateWire } from '../test/pg/article-generator.ts';
import { generateArticles as generateRecords, prng } from '../test/store/generate.ts';

export interface StoreBenchOptions {
  /** articles for the throughput run */
  articles?: number;
  /** events in the query store */
  events?: number;
  /** queries per measured operation */
  queries?: number;
  log?: (line: string) => void;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function benchStore(opts: StoreBenchOptions = {}): Promise<Record<string, number | string>> {
  const log = opts.log ?? ((line: string) => console.error(line));
  const results: Record<string, number | string> = {};

  // 1. Throughput: extract alone, then the whole pipeline into a fresh on-disk store.
  const { articles } = generateWire(opts.articles ?? 200, 11);
  const [extractMs, extracted] = await timed(async () => articles.map((a) => extract(a)));
  const eventCount = extracted.reduce((n, e) => n + e.length, 0);
  results['extract.articles_per_s'] = round(articles.length / (extractMs / 1000));
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-ingest-'));
  try {
    const store = await openStore(join(dir, 'db'));
    const [ingestMs] = await timed(async () => {
      for (const article of articles) await store.ingest(article, extract(article));
    });
    const stats = await store.stats();
    await store.close();
    results['ingest.articles'] = articles.length;
    results['ingest.events_extracted'] = eventCount;
    results['ingest.events_merged'] = stats.events;
    results['ingest.articles_per_s'] = round(articles.length / (ingestMs / 1000));
    results['ingest.events_per_s'] = round(eventCount / (ingestMs / 1000));
    log(
      `store bench: extract ${results['extract.articles_per_s']} articles/s; extract+ingest ${results['ingest.articles_per_s']} articles/s (${eventCount} events → ${stats.events} merged)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // 2. Queries over a large store.
  const target = opts.events ?? 100_000;
  const perArticle = 20;
  const seed = 5;
  const storeDir = join(tmpdir(), `sitrep-bench-store-${schemaFingerprint()}-${target}-s${seed}`);
  if (!existsSync(join(storeDir, 'complete'))) {
    rmSync(storeDir, { recursive: true, force: true });
    const batch = generateRecords({
      count: Math.ceil(target / perArticle),
      perArticle,
      seed,
      start: '2023-01-01',
      days: 730,
      jitterKm: 10,
      spreadTowns: Math.ceil(target / 20),
    });
    const store = await openStore(join(storeDir, 'db'));
    const started = performance.now();
    let done = 0;
    for (const { article, records } of batch) {
      await store.ingest(article, records);
      if (++done % 500 === 0)
        log(
          `store bench: building ${target}-event store, ${done * perArticle} events, ${round((done * perArticle) / ((performance.now() - started) / 1000), 0)} events/s`,
        );
    }
    results['build.events_per_s'] = round((done * perArticle) / ((performance.now() - started) / 1000));
    await store.db.exec('ANALYZE');
    await store.close();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(storeDir, 'complete'), new Date().toISOString());
  }
  const store = await openStore(join(storeDir, 'db'));
  try {
    const stats = await store.stats();
    results['query_store.events'] = stats.events;
    results['query_store.reports'] = stats.reports;
    const random = prng(99);
    const queries = opts.queries ?? 200;
    const day = (offset: number) =>
      new Date(Date.parse('2023-01-01T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);
    const eventTimes: number[] = [];
    let returned = 0;
    for (let i = 0; i < queries; i++) {
      // a regional map view (20°×20°) over two months: what the web UI asks for
      const w = -120 + random() * 220;
      const s = -50 + random() * 100;
      const from = Math.floor(random() * 700);
      const [ms, page] = await timed(() =>
        store.events({ bbox: [w, s, w + 20, s + 20], from: day(from), to: day(from + 60), limit: 500 }),
      );
      eventTimes.push(ms);
      returned += page.events.length;
    }
    eventTimes.sort((a, b) => a - b);
    results['events.bbox_date.p50_ms'] = round(percentile(eventTimes, 50));
    results['events.bbox_date.p95_ms'] = round(percentile(eventTimes, 95));
    results['events.bbox_date.mean_rows'] = round(returned / queries);
    const controlTimes: number[] = [];
    let places = 0;
    for (let i = 0; i < Math.max(20, queries / 4); i++) {
      const [ms, records] = await timed(() => store.control(day(Math.floor(random() * 730))));
      controlTimes.push(ms);
      places += records.length;
    }
    // The first call loads the timelines (as a one-shot `sitrep control` does); later ones are answered from
    // memory until some writer changes control (as in `sitrep serve`).
    results['control.all_places.cold_ms'] = round(controlTimes.shift()!);
    controlTimes.sort((a, b) => a - b);
    results['control.all_places.p50_ms'] = round(percentile(controlTimes, 50));
    results['control.all_places.p95_ms'] = round(percentile(controlTimes, 95));
    results['control.all_places.mean_places'] = round(places / controlTimes.length);
    const placeTimes: number[] = [];
    for (let i = 0; i < queries; i++) {
      const [ms] = await timed(() =>
        store.control(day(Math.floor(random() * 730)), { place: `Place ${Math.floor(random() * 5000)}` }),
      );
      placeTimes.push(ms);
    }
    placeTimes.sort((a, b) => a - b);
    results['control.one_place.p50_ms'] = round(percentile(placeTimes, 50));
    results['control.one_place.p95_ms'] = round(percentile(placeTimes, 95));
  } finally {
    await store.close();
  }
  log(`store bench: ${JSON.stringify(results)}`);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const events = Number(process.env.SITREP_BENCH_EVENTS) || undefined;
  benchStore({ events }).then((r) => console.log(JSON.stringify(r, null, 2)));
}
