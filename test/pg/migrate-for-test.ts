// Brings a fresh test database to the current schema.
import { readFileSync } from 'node:fs';
import type { Db } from '../../src/store/db.ts';

export async function migrateForTest(db: Db, _url: string): Promise<void> {
  await db.exec(readFileSync(new URL('../../src/store/migrations/100-jobs.sql', import.meta.url), 'utf8'));
}
