// Shared by the PostgreSQL tests: where the test server is, and a fresh database per test file.
// The server comes from SITREP_TEST_PG (scripts/pg-test-server.sh start prints it). Without it the tests are
// skipped with a message, except on CI (CI=true), where a missing server must fail, never silently skip.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_URL = process.env.SITREP_TEST_PG || '';
const ON_CI = process.env.CI === 'true';

/** The `skip` option for describe/test: a message when PostgreSQL tests cannot run here, else false. */
export const skipWithoutPg: string | false =
  PG_URL || ON_CI
    ? false
    : 'SITREP_TEST_PG is not set: start a server with `scripts/pg-test-server.sh start` and export its URL';

function requirePgUrl(): string {
  if (!PG_URL) throw new Error('CI=true but SITREP_TEST_PG is not set: the PostgreSQL tests must run on CI');
  return PG_URL;
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates an empty database on the test server; `drop()` removes it (connections are terminated). */
export async function createTestDatabase(prefix = 'sitrep_t'): Promise<TestDatabase> {
  const base = requirePgUrl();
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await admin(base, `CREATE DATABASE ${name}`);
  const url = withDatabase(base, name);
  return {
    url,
    name,
    drop: () => admin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(base: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(base, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
