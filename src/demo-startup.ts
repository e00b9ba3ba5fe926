import type { Config } from './config.ts';
import type { Db } from './db/index.ts';

/** Loads the demo municipality into an empty embedded database (ALMEN_DEMO=auto), or always/never. */
export async function ensureDemo(_db: Db, _config: Config): Promise<void> {
  // Filled in by the demo feature.
}
