// Shared set-up of the API and web tests: a real store (PGlite in memory, or in a temp dir), the real
// pipeline, and a server on a random loopback port.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPipeline } from '../../src/api/pipeline.ts';
import { type RunningServer, type ServeOptions, startServer } from '../../src/api/server.ts';
import { splitReport } from '../../src/input/text.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/types.ts';

export const ROOT = join(import.meta.dirname, '../..');
export const CORPUS_DIR = join(ROOT, '../shared/corpus');
export const SAMPLE = 'reuters-2024-12-06-syria';

/** The sample report as a POST body `{date, text}` (header split off the way the text reader does it). */
export function sampleArticle(): { date: string | null; text: string; title: string } {
  const { date, text } = splitReport(readFileSync(join(CORPUS_DIR, `${SAMPLE}.txt`), 'utf8'));
  return { date, text, title: 'sample report' };
}

export interface TestServer {
  store: Store;
  server: RunningServer;
  url: string;
  close(): Promise<void>;
}

export async function startTestServer(
  opts: Partial<Omit<ServeOptions, 'store' | 'pipeline'>> & { db?: string } = {},
): Promise<TestServer> {
  const store = await openStore(opts.db ?? 'memory://');
  const logs: string[] = [];
  const server = await startServer({
    store,
    pipeline: defaultPipeline(),
    port: 0,
    host: '127.0.0.1',
    token: null,
    webDir: null,
    heartbeatMs: 500,
    log: (line) => logs.push(line),
    ...opts,
  });
  return {
    store,
    server,
    url: server.url,
    async close() {
      await server.close();
      await store.close();
    },
  };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json: json as Record<string, unknown> | null, text };
}

export async function getJson(url: string) {
  const response = await fetch(url);
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json: json as Record<string, unknown>, text, headers: response.headers };
}
