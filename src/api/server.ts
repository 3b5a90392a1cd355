// Starts the HTTP server: the API and the built web UI (dist/web) over one store.
// Safety rule: a server reachable beyond this machine accepts writes only with a bearer token, so it refuses
// to start on a non-loopback address when no token is configured.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Store } from '../store/types.ts';
import { createApp } from './app.ts';
import type { LiveHub } from './live.ts';
import type { Pipeline } from './pipeline.ts';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface ServeOptions {
  store: Store;
  pipeline: Pipeline;
  port?: number;
  host?: string;
  /** Bearer token for writes; default env SITREP_TOKEN. Required on a non-loopback host. */
  token?: string | null;
  webDir?: string | null;
  bodyLimitBytes?: number;
  heartbeatMs?: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  live: LiveHub;
  /** Stops accepting requests and ends open event streams; does not close the store. */
  close(): Promise<void>;
}

/** 127.0.0.0/8, ::1 and `localhost` reach only this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (h.startsWith('::ffff:')) return isLoopbackHost(h.slice(7));
  return false;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const token = options.token === undefined ? (process.env.SITREP_TOKEN ?? null) : options.token;
  const loopback = isLoopbackHost(host);
  if (!loopback && !token) {
    throw new Error(
      `refusing to listen on ${host} without SITREP_TOKEN: anyone who can reach it could write to the store`,
    );
  }
  let webDir = options.webDir === undefined ? DEFAULT_WEB_DIR : options.webDir;
  if (webDir && !existsSync(join(webDir, 'index.html'))) {
    options.log?.(`sitrep serve: no web UI in ${webDir} (run npm run build); serving the API only`);
    webDir = null;
  }
  const { app, live } = createApp({
    store: options.store,
    ...options.pipeline,
    token,
    webDir,
    loopbackOnly: loopback,
    bodyLimitBytes: options.bodyLimitBytes,
    heartbeatMs: options.heartbeatMs,
    log: options.log,
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? DEFAULT_PORT, hostname: host }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    host,
    port: address.port,
    live,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Event streams never end by themselves: cut them so that close() returns.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
