// The HTTP API and the static web UI, as one Hono app. Everything the app needs is passed in (store,
// extractor, exporters), so the same app runs under `sitrep serve`, in tests and in the benchmark.
import { createHash, timingSafeEqual } from 'node:crypto';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { stream, streamSSE } from 'hono/streaming';
import type { z } from 'zod';
import type { EventQuery, Store } from '../store/types.ts';
import type { Article, EventRecord, StoredEvent } from '../types.ts';
import { LiveHub, type LiveMessage } from './live.ts';
import { openApiDocument } from './openapi.ts';
import {
  ArticleInput,
  ArticleList,
  ClaimsQuery,
  ControlQuery,
  EventIdParam,
  EventsQuery,
  type ExportFormat,
  ExportQuery,
  MAX_PAGE,
} from './schemas.ts';

/** Turns a stream of events into the chunks of one export file (src/views/export). */
export type Exporter = (events: AsyncIterable<StoredEvent>) => AsyncGenerator<string>;

export interface AppOptions {
  store: Store;
  extract: (article: Article) => EventRecord[];
  articleId: (text: string) => string;
  exporters: Record<ExportFormat, Exporter>;
  /** When set, writes need `Authorization: Bearer <token>`. */
  token?: string | null;
  /** Folder of the built web UI (dist/web); no UI is served when absent. */
  webDir?: string | null;
  /** Loopback servers accept only loopback Host headers, which defeats DNS rebinding from web pages. */
  loopbackOnly?: boolean;
  bodyLimitBytes?: number;
  /** How often an idle event stream sends a comment to keep proxies from closing it. */
  heartbeatMs?: number;
  log?: (line: string) => void;
}

export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

const EXPORT_TYPES: Record<ExportFormat, { type: string; ext: string }> = {
  'acled-csv': { type: 'text/csv; charset=utf-8', ext: 'csv' },
  geojson: { type: 'application/geo+json', ext: 'geojson' },
  plover: { type: 'application/json', ext: 'plover.json' },
  jsonl: { type: 'application/x-ndjson', ext: 'jsonl' },
};

/** The UI loads only from this origin; article text can never bring script or remote content in. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

class RequestError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 413 | 415 | 421,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** The first problem, with its field: the parameter name for a query, the dotted path (`0.text`) for a body. */
function firstIssue(
  error: z.ZodError,
  where: 'query' | 'body' | 'path',
): { message: string; field: string | null } {
  const issue = error.issues[0];
  if (!issue) return { message: 'invalid input', field: null };
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    return {
      message: `unknown ${where === 'query' ? 'parameter' : 'field'} ${key}`,
      field: [...path, key].join('.'),
    };
  }
  const field = path.length ? (where === 'body' ? path.join('.') : path[0]) : null;
  return { message: issue.message, field };
}

function parse<T extends z.ZodType>(
  schema: T,
  input: unknown,
  where: 'query' | 'body' | 'path',
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const { message, field } = firstIssue(result.error, where);
    throw new RequestError(400, `invalid ${where}: ${message}`, field);
  }
  return result.data;
}

/** Query string as one string per key; repeated keys are joined with commas (lists are comma-separated). */
function queryObject(c: Context): Record<string, string> {
  const all = c.req.queries();
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.join(',')]));
}

function sameSecret(given: string, expected: string): boolean {
  // Hash both so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function toEventQuery(q: z.output<typeof ExportQuery> | z.output<typeof EventsQuery>): EventQuery {
  return {
    from: q.from,
    to: q.to,
    types: q.type,
    actor: q.actor,
    place: q.place,
    bbox: q.bbox,
    modality: q.modality,
    sourceKind: q.source_kind,
    q: q.q,
    disputed: q.disputed,
  };
}

function toArticle(input: z.output<typeof ArticleInput>, articleId: (text: string) => string): Article {
  return {
    id: input.id ?? articleId(input.text),
    date: input.date,
    title: input.title ?? null,
    text: input.text,
    url: input.url ?? null,
    source: input.source ?? null,
  };
}

export interface SitrepApp {
  app: Hono;
  live: LiveHub;
}

export function createApp(options: AppOptions): SitrepApp {
  const { store, exporters } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const live = new LiveHub();
  const app = new Hono();
  let openapi: string | null = null;

  app.onError((error, c) => {
    if (error instanceof RequestError) {
      return c.json({ error: error.message, field: error.field }, error.status);
    }
    // The client gets a generic message; the details stay in the server's log.
    log(
      `sitrep serve: ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
    );
    return c.json({ error: 'internal server error', field: null }, 500);
  });

  app.use('*', async (c, next) => {
    if (options.loopbackOnly) {
      const host = (c.req.header('host') ?? '').replace(/:\d+$/, '').toLowerCase();
      if (!LOOPBACK_HOSTS.has(host))
        throw new RequestError(421, 'this server answers only to loopback host names');
    }
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    if (!c.req.path.startsWith('/api/')) c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  });

  // ---- reads ----

  app.get('/api/events', async (c) => {
    const q = parse(EventsQuery, queryObject(c), 'query');
    try {
      const page = await store.events({ ...toEventQuery(q), limit: q.limit, cursor: q.cursor ?? null });
      return c.json(page);
    } catch (error) {
      // The cursor is opaque to the API: only the store can tell a forged or stale one, and says so.
      if (q.cursor && error instanceof Error && /invalid cursor/i.test(error.message)) {
        throw new RequestError(400, 'invalid query: cursor is not one this server gave out', 'cursor');
      }
      throw error;
    }
  });

  app.get('/api/events/:id', async (c) => {
    const { id } = parse(EventIdParam, { id: c.req.param('id') }, 'path');
    const event = await store.event(id);
    if (!event) throw new RequestError(404, `no event ${id}`, 'id');
    return c.json(event);
  });

  app.get('/api/control', async (c) => {
    const q = parse(ControlQuery, queryObject(c), 'query');
    const places = await store.control(q.at, q.place ? { place: q.place } : undefined);
    return c.json({ at: q.at, places });
  });

  app.get('/api/claims', async (c) => {
    parse(ClaimsQuery, queryObject(c), 'query');
    return c.json({ events: await store.disputed() });
  });

  app.get('/api/export', async (c) => {
    const q = parse(ExportQuery, queryObject(c), 'query');
    const filter = toEventQuery(q);
    // Pages of the store feed the exporter as it writes, so a large export never sits whole in memory. The
    // first page is read before answering, so that a failing store is still a clean 500 (not a cut file).
    const firstPage = await store.events({ ...filter, limit: MAX_PAGE, cursor: null });
    async function* all(): AsyncGenerator<StoredEvent> {
      yield* firstPage.events;
      let cursor = firstPage.nextCursor;
      while (cursor) {
        const page = await store.events({ ...filter, limit: MAX_PAGE, cursor });
        yield* page.events;
        cursor = page.nextCursor;
      }
    }
    const chunks = exporters[q.format](all());
    const { type, ext } = EXPORT_TYPES[q.format];
    c.header('Content-Type', type);
    c.header('Content-Disposition', `attachment; filename="sitrep-events.${ext}"`);
    return stream(
      c,
      async (out) => {
        for await (const chunk of chunks) await out.write(chunk);
      },
      async (error) => {
        // Headers are gone by now: the client gets a cut file, the log gets the cause.
        log(`sitrep serve: export ${q.format} failed mid-stream: ${error.stack ?? error.message}`);
      },
    );
  });

  app.get('/api/openapi.json', (c) => {
    // Built and serialised once: the document only changes with the code.
    openapi ??= JSON.stringify(openApiDocument());
    c.header('Content-Type', 'application/json; charset=utf-8');
    return c.body(openapi);
  });

  app.get('/api/stream', (c) =>
    streamSSE(c, async (stream) => {
      const pending: LiveMessage[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = live.subscribe((m) => {
        pending.push(m);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      // Tells the client the subscription is live, so that it (and tests) know from when updates arrive.
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ subscribers: live.subscribers }) });
      const heartbeatMs = options.heartbeatMs ?? 15000;
      while (!stream.aborted && !stream.closed) {
        if (pending.length === 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, heartbeatMs).unref?.();
          });
          wake = null;
          if (pending.length === 0 && !stream.aborted) await stream.write(': ping\n\n');
          continue;
        }
        const m = pending.shift()!;
        const data = JSON.stringify({ seq: m.seq, change: m.change, event: m.event });
        await stream.writeSSE({ event: m.change, id: String(m.seq), data });
      }
      unsubscribe();
    }),
  );

  // ---- writes ----

  const requireToken = async (c: Context, next: () => Promise<void>) => {
    if (options.token) {
      const header = c.req.header('authorization') ?? '';
      const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? '';
      if (!given || !sameSecret(given, options.token)) {
        c.header('WWW-Authenticate', 'Bearer');
        throw new RequestError(401, 'writes need Authorization: Bearer <SITREP_TOKEN>', 'authorization');
      }
    }
    await next();
  };

  app.post(
    '/api/articles',
    requireToken,
    bodyLimit({
      maxSize: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
      onError: (c) => {
        // The rest of the body is never read: the connection cannot carry another request.
        c.header('Connection', 'close');
        return c.json(
          { error: `body larger than ${options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT} bytes`, field: null },
          413,
        );
      },
    }),
    async (c) => {
      // JSON only: a cross-site form cannot send it without a CORS preflight, which this server never grants.
      const contentType = c.req.header('content-type') ?? '';
      if (!/^application\/json\b/i.test(contentType)) {
        throw new RequestError(415, 'body must be application/json', 'content-type');
      }
      let raw: unknown;
      try {
        raw = JSON.parse(await c.req.text());
      } catch {
        throw new RequestError(400, 'body is not valid JSON', null);
      }
      // One schema per shape, so that an error names the field instead of "no union member matched".
      const inputs = Array.isArray(raw)
        ? parse(ArticleList, raw, 'body')
        : [parse(ArticleInput, raw, 'body')];
      const results = [];
      let stored = 0;
      for (const input of inputs) {
        const article = toArticle(input, options.articleId);
        // One article that breaks the extractor or the store is reported and the batch goes on.
        try {
          const result = await store.ingest(article, options.extract(article));
          results.push(result);
          stored++;
          await publish(result.created, 'created');
          await publish(result.updated, 'updated');
        } catch (error) {
          log(
            `sitrep serve: article ${article.id}: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
          );
          results.push({
            article: article.id,
            error: 'this article could not be processed (see the server log)',
          });
        }
      }
      return c.json({ results }, stored > 0 ? 201 : 500);
    },
  );

  async function publish(ids: string[], change: 'created' | 'updated'): Promise<void> {
    if (live.subscribers === 0) return;
    for (const id of ids) {
      const event = await store.event(id);
      if (event) live.publish(change, event);
    }
  }

  app.all('/api/*', (c) => c.json({ error: `no route ${c.req.method} ${c.req.path}`, field: null }, 404));

  // ---- web UI ----

  if (options.webDir) {
    const root = options.webDir;
    app.use('/*', async (c, next) => {
      await next();
      if (c.res.status !== 200) return;
      if (c.req.path.endsWith('.pbf')) c.header('Content-Type', 'application/x-protobuf');
      // The basemap is rebuilt only with the package; the app shell may change with any build.
      c.header('Cache-Control', c.req.path.startsWith('/basemap/') ? 'public, max-age=86400' : 'no-cache');
    });
    app.use('/*', serveStatic({ root, precompressed: true }));
    // Tiles without any feature (open sea) are not built: an empty answer is an empty tile to MapLibre.
    app.get('/basemap/tiles/*', (c) => c.body(null, 204));
  }
  app.notFound((c) => c.json({ error: 'not found', field: null }, 404));

  return { app, live };
}
