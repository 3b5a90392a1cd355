// `sitrep serve [--port 8080] [--host 127.0.0.1] [--db DIR]`: the HTTP API and the web UI over one store.
// Beyond loopback, writes need SITREP_TOKEN (the server refuses to start without it).
import type { Command } from 'commander';
import { z } from 'zod';
import { defaultPipeline } from '../../api/pipeline.ts';
import { DEFAULT_HOST, DEFAULT_PORT, isLoopbackHost, startServer } from '../../api/server.ts';
import { openStore } from '../../store/index.ts';

const Options = z.object({
  port: z.coerce
    .number({ error: '--port must be a number' })
    .int()
    .min(0)
    .max(65535, '--port must be ≤ 65535'),
  host: z.string().min(1, '--host must not be empty'),
  db: z.string().optional(),
});

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API and the web UI (map, timeline, control, evidence)')
    .option('--port <port>', 'TCP port (0 = any free port)', String(DEFAULT_PORT))
    .option('--host <host>', 'address to listen on; beyond loopback SITREP_TOKEN is required', DEFAULT_HOST)
    .option('--db <url>', 'PGlite directory or postgres:// URL (default: $SITREP_DB or ./.sitrep/db)')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = Options.safeParse(raw);
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
      const { port, host, db } = parsed.data;
      // Checked before the store is opened, so a refused start leaves nothing behind.
      if (!isLoopbackHost(host) && !process.env.SITREP_TOKEN) {
        throw new Error(
          `refusing to listen on ${host} without SITREP_TOKEN: anyone who can reach it could write`,
        );
      }
      const store = await openStore(db);
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer({
          store,
          pipeline: defaultPipeline(),
          port,
          host,
          log: (l) => console.error(l),
        });
      } catch (error) {
        await store.close();
        throw error;
      }
      console.error(`sitrep: serving on ${server.url}/ (API ${server.url}/api/openapi.json); Ctrl-C stops`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await store.close();
    });
}
