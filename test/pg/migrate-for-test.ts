// Brings a fresh test database to the current schema with the store's own migration runner.
import type { Db } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';

export async function migrateForTest(db: Db): Promise<void> {
  await migrate(db);
}
