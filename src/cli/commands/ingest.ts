// `sitrep ingest PATH…`: read articles (any input format), extract their events, and store each article in
// one transaction (merged across reports). A progress bar on stderr (plain lines when stderr is not a TTY),
// every input problem in the rejects log, a summary line at the end. Re-running is idempotent: articles whose
// normalised text is stored are skipped before extraction.
import { statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { extract } from '../../extract/index.ts';
import { isMessage, RejectsLog, readInputs } from '../../input/index.ts';
import { queueIngest } from '../../queue/enqueue-inputs.ts';
import { openStore } from '../../store/index.ts';
import type { Store, StoreStats } from '../../store/types.ts';
import type { Article, EventRecord } from '../../types.ts';

/** Interval of the plain progress lines written when stderr is not a terminal (SITREP_PROGRESS_MS). */
const PLAIN_PROGRESS_MS = Number(process.env.SITREP_PROGRESS_MS) || 2000;

export type Extractor = (article: Article) => EventRecord[] | Promise<EventRecord[]>;

export interface IngestProgress {
  articles: number;
  skipped: number;
  events: number;
  rejects: number;
  failed: number;
}

export interface IngestRunOptions {
  paths: string[];
  store: Store;
  extract: Extractor;
  date?: string;
  rejects: RejectsLog;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
}

/** The ingest loop, shared by the command, tests and the benchmark. Never throws for one bad article. */
export async function runIngest(opts: IngestRunOptions): Promise<IngestProgress> {
  const progress: IngestProgress = { articles: 0, skipped: 0, events: 0, rejects: 0, failed: 0 };
  for await (const item of readInputs(opts.paths, { date: opts.date })) {
    if (opts.signal?.aborted) break;
    if (isMessage(item)) {
      opts.rejects.write(item);
      progress.rejects++;
    } else {
      const { article, origin } = item;
      try {
        // Skipped before extraction when the same text is stored (under any id); a known id with another
        // text reaches the store, which refuses it, and the refusal lands in the rejects log.
        const stored = opts.store.hasText
          ? await opts.store.hasText(article.text)
          : await opts.store.hasArticle(article.id);
        if (stored) progress.skipped++;
        else {
          const events = await opts.extract(article);
          const result = await opts.store.ingest(article, events);
          if (result.inserted) {
            progress.articles++;
            progress.events += events.length;
          } else progress.skipped++;
        }
      } catch (error) {
        // One article failing (extractor bug, id clash) is a message on its file and line, not the end.
        opts.rejects.write({
          file: origin.file,
          line: origin.line,
          reason: `not stored: ${(error as Error).message}`,
          fatal: true,
        });
        progress.failed++;
      }
    }
    opts.onProgress?.(progress);
  }
  return progress;
}

/** Articles a file probably holds: one per line of JSONL, per row of CSV (small files only), else one. */
async function articlesIn(path: string, size: number): Promise<number> {
  const lined = /\.(jsonl|ndjson)$/i.test(path) ? 0 : /\.csv$/i.test(path) ? 1 : -1;
  if (lined < 0 || size > 64 * 1024 * 1024) return 1;
  const text = await readFile(path, 'utf8').catch(() => '');
  return Math.max(1, text.split('\n').filter((line) => line.trim()).length - lined);
}

/** The progress bar's first estimate of the total: files, and lines of JSONL/CSV files. */
async function countFiles(paths: string[]): Promise<number> {
  let count = 0;
  const walk = async (path: string): Promise<void> => {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(path);
    } catch {
      count++;
      return;
    }
    if (!stat.isDirectory()) {
      count += await articlesIn(path, stat.size);
      return;
    }
    for (const entry of await readdir(path)) if (!entry.startsWith('.')) await walk(join(path, entry));
  };
  for (const path of paths) await walk(path);
  return count;
}

const OptionsSchema = z.object({
  db: z.string().min(1).optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '--date must be YYYY-MM-DD')
    .optional(),
  rejects: z.string().min(1),
  queue: z.boolean().optional(),
});

export function register(program: Command): void {
  program
    .command('ingest')
    .description('extract events from articles and store them, merged across reports')
    .argument('<paths...>', 'files, directories, URLs, or - for stdin')
    .option('--db <url>', 'PGlite directory or postgres:// URL (default: $SITREP_DB or ./.sitrep/db)')
    .option('--date <date>', 'publication date for articles that do not give one (YYYY-MM-DD)')
    .option('--rejects <file>', 'where input problems are logged (JSON lines)', './sitrep-rejects.jsonl')
    .option('--queue', 'only queue the articles for `sitrep worker` processes (PostgreSQL scale-out)')
    .action(async (paths: string[], raw: unknown) => {
      const opts = OptionsSchema.parse(raw);
      if (opts.queue) return queueIngest(paths, opts);
      const store = await openStore(opts.db);
      const rejects = new RejectsLog(opts.rejects);
      const started = Date.now();
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      const tty = process.stderr.isTTY === true;
      const total = await countFiles(paths);
      const bar = tty
        ? new cliProgress.SingleBar(
            {
              stream: process.stderr,
              format:
                'ingest |{bar}| {value}/{total} articles | {events} events | {rate} art/s | ETA {eta_formatted}',
              etaBuffer: 50,
            },
            cliProgress.Presets.shades_classic,
          )
        : null;
      bar?.start(total, 0, { events: 0, rate: '0.0' });
      let lastLine = 0;
      const rate = (n: number) => (n / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(1);
      let progress: IngestProgress;
      let stats: StoreStats | null = null;
      try {
        progress = await runIngest({
          paths,
          store,
          extract,
          date: opts.date,
          rejects,
          signal: controller.signal,
          onProgress(p) {
            const done = p.articles + p.skipped + p.failed;
            if (bar) {
              if (done > bar.getTotal()) bar.setTotal(done);
              bar.update(done, { events: p.events, rate: rate(p.articles) });
            } else if (Date.now() - lastLine > PLAIN_PROGRESS_MS) {
              lastLine = Date.now();
              process.stderr.write(
                `ingest: ${done} articles (${p.skipped} already stored), ${p.events} events, ${rate(p.articles)} articles/s\n`,
              );
            }
          },
        });
      } finally {
        bar?.stop();
        process.off('SIGINT', stop);
        await rejects.close();
        stats = await store.stats().catch(() => null);
        await store.close();
      }
      const seconds = (Date.now() - started) / 1000;
      const rejected = progress.rejects + progress.failed;
      console.error(
        `ingested ${progress.articles} articles (${progress.skipped} already stored), ${progress.events} events` +
          ` in ${seconds.toFixed(1)} s (${rate(progress.articles)} articles/s)` +
          (stats
            ? `; store: ${stats.articles} articles, ${stats.events} events, ${stats.reports} reports`
            : '') +
          (rejected ? `; ${rejected} rejected → ${opts.rejects}` : '') +
          (controller.signal.aborted ? '; interrupted' : ''),
      );
    });
}
