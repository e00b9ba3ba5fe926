import { loadConfig } from './config.ts';
import { openDb } from './db/index.ts';
import { buildApp } from './http/server.ts';
import { ensureReferenceData } from './features/register/reference.ts';
import { ensureDemo } from './demo-startup.ts';
import { loadKeyring } from './shared/keys.ts';

const config = loadConfig();
const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.ALMEN_DATA_DIR });
await ensureReferenceData(db);
const keyring = loadKeyring(config);
await ensureDemo(db, config, keyring);
const app = await buildApp({ db, config, keyring });
await app.listen({ port: config.PORT, host: config.HOST });

const shutdown = async () => {
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
