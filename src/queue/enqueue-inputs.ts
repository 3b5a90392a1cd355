// `sitrep ingest --queue PATH…`: read the articles exactly as `ingest` does, but instead of extracting them
// here, put one job per article in the queue for `sitrep worker` processes (possibly on other machines).
import { isMessage, RejectsLog, readInputs } from '../input/index.ts';
import type { Queryable } from '../store/db.ts';
import { openStore } from '../store/index.ts';
import type { Article, InputMessage } from '../types.ts';
import { DEFAULT_RETRY, enqueue } from './jobs.ts';

export interface EnqueueInputsResult {
  enqueued: number;
  /** articles that already had a job (queued, running or done) */
  skipped: number;
  rejects: number;
}

const BATCH = 200;

/** Reads every input and enqueues its articles in batches; input problems go to `rejects`, never throw. */
export async function enqueueInputs(
  db: Queryable,
  paths: string[],
  opts: { date?: string; rejects: { write(message: InputMessage): void }; maxAttempts?: number },
): Promise<EnqueueInputsResult> {
  const result: EnqueueInputsResult = { enqueued: 0, skipped: 0, rejects: 0 };
  const policy = { maxAttempts: opts.maxAttempts ?? DEFAULT_RETRY.maxAttempts };
  let batch: Article[] = [];
  const flush = async () => {
    const counts = await enqueue(db, batch, policy);
    result.enqueued += counts.enqueued;
    result.skipped += counts.skipped;
    batch = [];
  };
  for await (const item of readInputs(paths, { date: opts.date })) {
    if (isMessage(item)) {
      opts.rejects.write(item);
      result.rejects++;
      continue;
    }
    batch.push(item.article);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  return result;
}

/** The `ingest --queue` action: opens (and migrates) the store, enqueues, prints one summary line. */
export async function queueIngest(
  paths: string[],
  opts: { db?: string; date?: string; rejects: string },
): Promise<void> {
  const store = await openStore(opts.db);
  const rejects = new RejectsLog(opts.rejects);
  try {
    const result = await enqueueInputs(store.db, paths, { date: opts.date, rejects });
    console.error(
      `queued ${result.enqueued} articles (${result.skipped} already queued or done)` +
        (result.rejects ? `; ${result.rejects} rejected → ${opts.rejects}` : '') +
        '; run `sitrep worker` to process them',
    );
  } finally {
    await rejects.close();
    await store.close();
  }
}
