import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { parseKeyring, type Keyring } from './crypto.ts';

/**
 * The keys for personal data. From configuration in production; for the embedded database a key is made
 * once and kept beside it (mode 0600), so `npm start` works on a fresh machine without leaking a default.
 */
export function loadKeyring(config: Config): Keyring {
  if (config.ALMEN_ENCRYPTION_KEYS) return parseKeyring(config.ALMEN_ENCRYPTION_KEYS, config.ALMEN_ENCRYPTION_ACTIVE_KEY);
  if (config.DATABASE_URL) {
    throw new Error('ALMEN_ENCRYPTION_KEYS skal sættes, når DATABASE_URL bruges (fx "k1:<32 tilfældige bytes i base64>").');
  }
  const dir = resolve(config.ALMEN_DATA_DIR);
  const file = join(dir, 'encryption-keys');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `k1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return parseKeyring(readFileSync(file, 'utf8').trim(), config.ALMEN_ENCRYPTION_ACTIVE_KEY);
}

export const newKeySpec = (kid: string) => `${kid}:${randomBytes(32).toString('base64')}`;
