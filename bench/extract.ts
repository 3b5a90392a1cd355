// Extraction throughput, peak memory and start-up, each beside a baseline measured in the same run:
// a bare sentence-split pass over the same articles (what any pipeline must at least do).
// Run alone: node --import tsx bench/extract.ts [--articles N]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchArticles } from './articles.ts';

const SELF = fileURLToPath(import.meta.url);

interface ChildFigures {
  startupMs: number;
  importMs: number;
  articles: number;
  chars: number;
  events: number;
  extractMs: number;
  splitMs: number;
  peakRssMb: number;
}

/** Runs in a fresh process so that start-up and peak RSS are this benchmark's own. */
async function child(count: number): Promise<ChildFigures> {
  const t0 = performance.now();
  const { extract } = await import('../src/extract/index.ts');
  const { annotate } = await import('../src/annotate/index.ts');
  const imported = performance.now();
  // first call loads the gazetteer, lexicons and date parser
  extract({
    id: 'warm',
    date: '2025-01-01',
    text: 'Rebels captured the town of Kherson on Monday, officials said.',
  });
  const startupMs = performance.now() - t0;
  const articles = benchArticles(count);
  const chars = articles.reduce((n, a) => n + a.text.length, 0);
  // baseline: sentence splitting alone
  let s0 = performance.now();
  let sentences = 0;
  for (const a of articles) sentences += annotate(a.text).sentences.length;
  const splitMs = performance.now() - s0;
  s0 = performance.now();
  let events = 0;
  for (const a of articles) events += extract(a).length;
  const extractMs = performance.now() - s0;
  if (sentences === 0) throw new Error('no sentences: the generator produced nothing');
  return {
    startupMs,
    importMs: imported - t0,
    articles: articles.length,
    chars,
    events,
    extractMs,
    splitMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

export async function benchExtract(count = 2000): Promise<Record<string, number | string>> {
  const res = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', String(count)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (res.status !== 0) throw new Error(`extract bench failed: ${res.stderr}`);
  const f = JSON.parse(res.stdout.trim().split('\n').pop()!) as ChildFigures;
  const perSec = (f.articles / f.extractMs) * 1000;
  const splitPerSec = (f.articles / f.splitMs) * 1000;
  return {
    articles: f.articles,
    'mean article length (chars)': Math.round(f.chars / f.articles),
    'events extracted': f.events,
    'extract: articles/s (1 core)': Math.round(perSec),
    'baseline sentence split: articles/s': Math.round(splitPerSec),
    'extract / split time ratio': Number((f.extractMs / f.splitMs).toFixed(1)),
    'start-up: import + gazetteer and lexicons (ms)': Math.round(f.startupMs),
    'peak RSS (MB)': Math.round(f.peakRssMb),
  };
}

if (process.argv[1] === SELF) {
  const i = process.argv.indexOf('--child');
  if (i >= 0) {
    process.stdout.write(`${JSON.stringify(await child(Number(process.argv[i + 1])))}\n`);
  } else {
    const n = process.argv.indexOf('--articles');
    console.table(await benchExtract(n >= 0 ? Number(process.argv[n + 1]) : 2000));
  }
}
