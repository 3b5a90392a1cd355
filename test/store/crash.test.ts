// Crash safety and idempotence of `sitrep ingest` with a real SIGKILL: a child process ingesting 300
// generated articles into an on-disk PGlite store is killed mid-batch, then the batch is ingested again.
// Every article must then be stored exactly once with all its events (one transaction per article), the
// store must equal a clean ingest of the same batch, and a third run must change no count.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { extract } from '../../src/extract/index.ts';
import { openStore } from '../../src/store/index.ts';
import { generateArticles } from '../pg/article-generator.ts';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const COUNT = 300;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs `sitrep ingest`; with `killAfter`, SIGKILLs it once a progress line reports that many articles. */
function ingest(args: string[], killAfter?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'ingest', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, SITREP_PROGRESS_MS: '100' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      const done = [...stderr.matchAll(/ingest: (\d+) articles/g)].map((m) => Number(m[1]));
      if (killAfter !== undefined && done.some((n) => n >= killAfter) && child.exitCode === null)
        child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('ingest survives SIGKILL', { timeout: 600_000 }, () => {
  let dir: string;
  let batch: string;
  const { articles } = generateArticles(COUNT, 42);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sitrep-crash-'));
    batch = join(dir, 'batch.jsonl');
    writeFileSync(batch, `${articles.map((a) => JSON.stringify(a)).join('\n')}\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('killed mid-batch, re-run: every article exactly once with all its events', async () => {
    const db = join(dir, 'db');
    const args = [batch, '--db', db, '--rejects', join(dir, 'rejects.jsonl')];
    const killed = await ingest(args, 40);
    assert.equal(killed.signal, 'SIGKILL', `the child was killed mid-batch:\n${killed.stderr}`);

    const resumed = await ingest(args);
    assert.equal(resumed.code, 0, resumed.stderr);
    const summary = /ingested (\d+) articles \((\d+) already stored\)/.exec(resumed.stderr);
    assert.ok(summary, resumed.stderr);
    const [fresh, skipped] = [Number(summary[1]), Number(summary[2])];
    assert.ok(skipped >= 40 && skipped < COUNT, `the kill landed mid-batch (${skipped} stored before it)`);
    assert.equal(fresh + skipped, COUNT);

    const expected = new Map(articles.map((a) => [a.id, extract(a).length]));
    const store = await openStore(db);
    try {
      const stats = await store.stats();
      assert.equal(stats.articles, COUNT);
      assert.equal(
        stats.reports,
        [...expected.values()].reduce((a, b) => a + b, 0),
      );
      const { rows } = await store.db.query<{ article_id: string; n: number }>(
        'SELECT article_id, count(*)::int AS n FROM reports GROUP BY article_id',
      );
      for (const row of rows)
        assert.equal(row.n, expected.get(row.article_id), `events of ${row.article_id}`);
      const orphans = await store.db.query(
        'SELECT r.extracted_id FROM reports r LEFT JOIN events e ON e.id = r.event_id WHERE e.id IS NULL',
      );
      assert.equal(orphans.rows.length, 0, 'every report belongs to a stored event');

      // The recovered store equals a clean, uninterrupted ingest of the same batch.
      const clean = await openStore('memory://');
      try {
        for (const a of articles) await clean.ingest(a, extract(a));
        const ids = async (s: typeof store) =>
          (
            await s.db.query<{ id: string; n: number }>(
              'SELECT id, report_count AS n FROM events ORDER BY id',
            )
          ).rows;
        assert.deepEqual(await ids(store), await ids(clean));
      } finally {
        await clean.close();
      }
    } finally {
      await store.close();
    }

    const again = await ingest(args);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, new RegExp(`ingested 0 articles \\(${COUNT} already stored\\)`));
    assert.match(again.stderr, new RegExp(`store: ${COUNT} articles`));
  });
});
