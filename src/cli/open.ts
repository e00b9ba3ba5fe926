import { loadConfig, type Config } from '../config.ts';
import { openDb, type Db } from '../db/index.ts';
import { ensureReferenceData } from '../features/register/reference.ts';

/** Opens the same database the app uses (DATABASE_URL, or the embedded one in ALMEN_DATA_DIR). */
export async function openFromConfig(config: Config = loadConfig()): Promise<{ db: Db; config: Config }> {
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.ALMEN_DATA_DIR });
  await ensureReferenceData(db);
  return { db, config };
}

/** Runs a command body with an open database, printing a Danish error and returning 1 on failure. */
export async function withDb(fn: (db: Db, config: Config) => Promise<number>): Promise<number> {
  let opened: { db: Db; config: Config } | undefined;
  try {
    opened = await openFromConfig();
    return await fn(opened.db, opened.config);
  } catch (err) {
    console.error(`Fejl: ${(err as Error).message}`);
    return 1;
  } finally {
    await opened?.db.close();
  }
}
