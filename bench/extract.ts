// Extraction throughput, peak memory and start-up, each beside a baseline measured in the same run:
// a bare sentence-split pass over the same articles (what any pipeline must at least do).
// The articles are generated first and written to a file; the measuring process is a plain `node` running
// the compiled lib/ (what users run), so that neither the generator nor the TypeScript loader counts in its
// memory or start-up. Without a build it falls back to the sources through tsx.
// Run alone: node --import tsx bench/extract.ts [--articles N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArticles } from './articles.ts';

const SELF = fileURLToPath(import.meta.url);
const LIB = fileURLToPath(new URL('../lib/', import.meta.url));

interface ChildFigures {
  startupMs: number;
  articles: number;
  chars: number;
  events: number;
  extractMs: number;
  splitMs: number;
  peakRssMb: number;
}

/** The measuring process: import, warm up (gazetteer, lexicons), split all, extract all. */
const CHILD = (lib: string) => `
import { readFileSync } from 'node:fs';
const t0 = performance.now();
const { extract } = await import(${JSON.stringify(`${lib}extract/index.js`)});
const { annotate } = await import(${JSON.stringify(`${lib}annotate/index.js`)});
extract({ id: 'warm', date: '2025-01-01', text: 'Rebels captured the town of Kherson on Monday, officials said.' });
const startupMs = performance.now() - t0;
const articles = readFileSync(process.argv[1], 'utf8').trim().split('\\n').map((l) => JSON.parse(l));
const chars = articles.reduce((n, a) => n + a.text.length, 0);
let s0 = performance.now();
let sentences = 0;
for (const a of articles) sentences += annotate(a.text).sentences.length;
const splitMs = performance.now() - s0;
if (sentences === 0) throw new Error('no sentences');
s0 = performance.now();
let events = 0;
for (const a of articles) events += extract(a).length;
const extractMs = performance.now() - s0;
process.stdout.write(JSON.stringify({ startupMs, articles: articles.length, chars, events, extractMs, splitMs,
  peakRssMb: process.resourceUsage().maxRSS / 1024 }) + '\\n');
`;

export async function benchExtract(count = 2000): Promise<Record<string, number | string>> {
  const file = join(mkdtempSync(join(tmpdir(), 'sitrep-bench-extract-')), 'articles.jsonl');
  writeFileSync(
    file,
    `${benchArticles(count)
      .map((a) => JSON.stringify(a))
      .join('\n')}\n`,
  );
  const compiled = existsSync(join(LIB, 'extract', 'index.js'));
  const res = compiled
    ? spawnSync(process.execPath, ['--input-type=module', '-e', CHILD(LIB), file], { encoding: 'utf8' })
    : spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          CHILD(join(SELF, '../../src/')).replaceAll('.js"', '.ts"'),
          file,
        ],
        {
          encoding: 'utf8',
        },
      );
  if (res.status !== 0) throw new Error(`extract bench failed: ${res.stderr}`);
  const f = JSON.parse(res.stdout.trim().split('\n').pop()!) as ChildFigures;
  return {
    articles: f.articles,
    'mean article length (chars)': Math.round(f.chars / f.articles),
    'events extracted': f.events,
    'extract: articles/s (1 core)': Math.round((f.articles / f.extractMs) * 1000),
    'baseline sentence split: articles/s': Math.round((f.articles / f.splitMs) * 1000),
    'extract / split time ratio': Number((f.extractMs / f.splitMs).toFixed(1)),
    'start-up: import + gazetteer and lexicons (ms)': Math.round(f.startupMs),
    'peak RSS (MB)': Math.round(f.peakRssMb),
    code: compiled ? 'lib/ (compiled)' : 'src/ through tsx',
  };
}

if (process.argv[1] === SELF) {
  const n = process.argv.indexOf('--articles');
  console.table(await benchExtract(n >= 0 ? Number(process.argv[n + 1]) : 2000));
}
