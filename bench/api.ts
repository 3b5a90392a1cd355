// API benchmark (run by `npm run bench` through bench/run.ts, or alone: node --import tsx bench/api.ts).
// p50/p95 latency of the HTTP API over a store of 100,000 generated events at 50 concurrent requests:
//   - GET /api/events with a bbox + date window (what the web UI asks for when it shows a region),
//   - GET /api/control?at=DATE,
//   - beside GET /api/openapi.json, a static answer from memory, measured in the same run as the baseline
//     (these machines are noisy: only ratios within one run mean much).
// The store is built through Store.ingest (the real write path) once and kept in the OS temp folder, keyed by
// size, schema version and seed, so later runs only measure requests. Requests go to 127.0.0.1 only, and each
// endpoint's loop is bounded in count and time.
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openStore } from '../src/store/index.ts';
import { LATEST_VERSION } from '../src/store/migrate.ts';
import { generateArticles, prng } from '../test/store/generate.ts';

export interface ApiBenchOptions {
  events?: number;
  concurrency?: number;
  /** requests per endpoint */
  requests?: number;
  /** upper bound per endpoint, whatever the count */
  maxSecondsPerEndpoint?: number;
  log?: (line: string) => void;
}

const START = '2023-01-01';
const DAYS = 730;
const SEED = 7;
const PER_ARTICLE = 20;

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const day = (offset: number) =>
  new Date(Date.parse(`${START}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

/** The on-disk store with `target` events, built once (events spread over the world and two years). */
async function ensureStore(target: number, log: (line: string) => void): Promise<string> {
  const dir = join(tmpdir(), `sitrep-bench-api-store-v${LATEST_VERSION}-${target}-s${SEED}`);
  if (existsSync(join(dir, 'complete'))) return join(dir, 'db');
  rmSync(dir, { recursive: true, force: true });
  const articles = generateArticles({
    count: Math.ceil(target / PER_ARTICLE),
    perArticle: PER_ARTICLE,
    seed: SEED,
    start: START,
    days: DAYS,
    jitterKm: 10,
    spreadTowns: Math.ceil(target / 20),
  });
  const store = await openStore(join(dir, 'db'));
  const started = performance.now();
  let done = 0;
  for (const { article, records } of articles) {
    await store.ingest(article, records);
    if (++done % 500 === 0) {
      const rate = (done * PER_ARTICLE) / ((performance.now() - started) / 1000);
      log(
        `api bench: building the ${target}-event store, ${done * PER_ARTICLE} events, ${round(rate, 0)} events/s`,
      );
    }
  }
  await store.close();
  writeFileSync(join(dir, 'complete'), new Date().toISOString());
  return join(dir, 'db');
}

interface LoadResult {
  p50: number;
  p95: number;
  max: number;
  count: number;
  perSecond: number;
  errors: number;
}

/** `concurrency` workers send requests made by `next()` until `total` are done or the time is up. */
async function load(
  next: () => string,
  total: number,
  concurrency: number,
  maxSeconds: number,
): Promise<LoadResult> {
  const times: number[] = [];
  let sent = 0;
  let errors = 0;
  const deadline = performance.now() + maxSeconds * 1000;
  const started = performance.now();
  const worker = async () => {
    while (sent < total && performance.now() < deadline) {
      sent++;
      const url = next();
      const t = performance.now();
      try {
        const response = await fetch(url);
        await response.arrayBuffer();
        if (!response.ok) errors++;
      } catch {
        errors++;
      }
      times.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    max: round(times.at(-1) ?? Number.NaN),
    count: times.length,
    perSecond: round(times.length / elapsed),
    errors,
  };
}

const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

/** Starts `sitrep serve --port 0` on the store and reads the URL it prints. */
async function startServe(dbDir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', '0', '--db', dbDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sitrep serve did not start: ${stderr}`)), 120_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = /serving on (http:\/\/[^/\s]+)\//.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`sitrep serve exited ${code}: ${stderr}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function benchApi(opts: ApiBenchOptions = {}): Promise<Record<string, number | string>> {
  const log = opts.log ?? ((line: string) => console.error(line));
  const target = opts.events ?? 100_000;
  const concurrency = opts.concurrency ?? 50;
  const requests = opts.requests ?? 1000;
  const maxSeconds = opts.maxSecondsPerEndpoint ?? 60;
  const dbDir = await ensureStore(target, log);
  const stats = await openStore(dbDir).then(async (store) => {
    const s = await store.stats();
    await store.close();
    return s;
  });
  // The server runs as `sitrep serve` in its own process, so that the load generator does not share its
  // event loop (that would add the client's work to every latency).
  const server = await startServe(dbDir);
  const results: Record<string, number | string> = {};
  try {
    results['store.events'] = stats.events;
    results.concurrency = concurrency;
    const random = prng(42);
    const record = (name: string, r: LoadResult) => {
      results[`${name}.p50_ms`] = r.p50;
      results[`${name}.p95_ms`] = r.p95;
      results[`${name}.max_ms`] = r.max;
      results[`${name}.requests`] = r.count;
      results[`${name}.req_per_s`] = r.perSecond;
      if (r.errors) results[`${name}.errors`] = r.errors;
      log(`api bench: ${name} p50 ${r.p50} ms, p95 ${r.p95} ms, ${r.perSecond} req/s, ${r.errors} errors`);
    };
    // Warm-up: the first requests compile queries and fill caches.
    await load(() => `${server.url}/api/events?limit=10`, 20, 5, 30);

    record(
      'static_openapi',
      await load(() => `${server.url}/api/openapi.json`, requests, concurrency, maxSeconds),
    );
    record(
      'events_bbox_date',
      await load(
        () => {
          // A regional view (20°×20°) over two months, as the web UI asks for it.
          const w = -120 + random() * 220;
          const s = -50 + random() * 80;
          const from = Math.floor(random() * (DAYS - 60));
          return `${server.url}/api/events?bbox=${round(w, 2)},${round(s, 2)},${round(w + 20, 2)},${round(s + 20, 2)}&from=${day(from)}&to=${day(from + 60)}&limit=500`;
        },
        requests,
        concurrency,
        maxSeconds,
      ),
    );
    record(
      'control_at',
      await load(
        () => `${server.url}/api/control?at=${day(Math.floor(random() * DAYS))}`,
        Math.max(100, Math.floor(requests / 5)),
        concurrency,
        maxSeconds,
      ),
    );
  } finally {
    await server.close();
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const events = Number(process.env.SITREP_BENCH_EVENTS) || undefined;
  benchApi({ events }).then((r) => console.log(JSON.stringify(r, null, 2)));
}
