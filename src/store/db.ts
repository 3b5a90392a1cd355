// One small database adapter over the two drivers the store supports, so every query in the project is
// written once, in plain PostgreSQL SQL with $1-style parameters:
//   - PGlite (embedded Postgres compiled to WASM, data directory on disk): the default, nothing to install;
//   - node-postgres (`pg`) against a real PostgreSQL server, for `postgres://` / `postgresql://` URLs.
// Conventions that keep both drivers returning identical JS values:
//   - dates are stored as ISO text (`YYYY-MM-DD`), never `date`/`timestamp` columns read back as JS Date;
//   - counts are cast in SQL (`count(*)::int`), because int8 comes back as string (pg) or bigint (PGlite);
//   - array parameters are passed as JS arrays (both drivers serialise them to Postgres arrays).
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type DbKind = 'pglite' | 'postgres';

/** Something that runs queries: the database itself, or an open transaction. */
export interface Queryable {
  readonly kind: DbKind;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs several `;`-separated statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  /** Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws (the error is rethrown). */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const DEFAULT_DB_DIR = './.sitrep/db';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/** Where the store lives: explicit argument, then env SITREP_DB, then ./.sitrep/db. */
export function resolveDbLocation(url?: string): string {
  return url || process.env.SITREP_DB || DEFAULT_DB_DIR;
}

/** Opens the database at `url` (a directory path for PGlite, or a postgres:// URL). */
export async function openDb(url?: string): Promise<Db> {
  const location = resolveDbLocation(url);
  if (isPostgresUrl(location)) return openPostgres(location);
  return openPglite(location);
}

/**
 * PGlite in a data directory; `memory://` gives a throw-away in-memory database (tests).
 *
 * Durability: with a directory, PGlite (0.5, Emscripten NODEFS) writes Postgres' data and WAL files straight
 * to the real files with synchronous writes, and a COMMIT returns after its WAL record was written. The
 * NODEFS layer does not pass fsync through, so the data is in the OS page cache, not necessarily on disk:
 * a killed process (SIGKILL, crash, OOM) loses nothing committed and leaves no half article (recovery replays
 * the WAL on the next open; test/store/crash.test.ts kills a real `sitrep ingest` mid-batch), but a power
 * loss or kernel crash may lose the last seconds of commits. Use PostgreSQL where that matters. Only one
 * process may open a data directory at a time.
 */
export async function openPglite(dir: string): Promise<Db> {
  const inMemory = dir.startsWith('memory://');
  let release = () => {};
  if (!inMemory) {
    mkdirSync(dir, { recursive: true });
    release = lockDirectory(dir);
  }
  let db: PGlite;
  try {
    db = await PGlite.create(inMemory ? undefined : dir);
  } catch (error) {
    release();
    throw error;
  }
  const wrap = (q: {
    query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
    exec: (sql: string) => Promise<unknown>;
  }): Queryable => ({
    kind: 'pglite',
    async query<T>(sql: string, params?: unknown[]) {
      const result = await q.query(sql, params ?? []);
      return { rows: result.rows as T[] };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  return {
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async close() {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * PGlite has no lock of its own and two processes writing one data directory corrupt it, so the directory
 * gets a lock file with the owner's pid. A lock left by a dead process (killed, crashed) is taken over.
 * Returns the release function.
 */
function lockDirectory(dir: string): () => void {
  const path = join(dir, 'sitrep.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {}
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner))
        throw new Error(
          `the store ${dir} is open in another process (pid ${owner}); an embedded store serves one process at a time: stop that process, or use PostgreSQL (--db postgres://…) for several`,
        );
      unlinkSync(path); // stale: its owner is gone (or it is ours from an unclosed open)
    }
  }
  throw new Error(`cannot lock the store ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.SITREP_PG_POOL ?? 4) });
  // An idle connection dropped by the server (restart, admin kill) must not crash a long-running worker: the
  // pool discards it, and the next query reports the problem if it persists.
  pool.on('error', () => {});
  // Fail fast with a clear message instead of on the first query.
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(`cannot connect to PostgreSQL at ${redact(url)}: ${(error as Error).message}`);
  }
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[]) {
      const result = await q.query(sql, params ?? []);
      return { rows: result.rows as T[] };
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  });
  return {
    ...wrap(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Hides the password of a connection URL in messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
