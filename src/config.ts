import { z } from 'zod';

// The only reader of process.env.
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  ALMEN_DATA_DIR: z.string().default('./data'),
  ALMEN_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  ALMEN_UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(200 * 1024 * 1024),
  ALMEN_SUPPRESS_MIN_COUNT: z.coerce.number().int().min(0).default(5),
  ALMEN_SUPPRESS_MIN_HOUSEHOLDS: z.coerce.number().int().min(0).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Public base URL, for OpenID Connect redirects; defaults to http://localhost:PORT. */
  ALMEN_PUBLIC_URL: z.string().url().optional(),
  /** "kid:base64-32-bytes,kid2:…"; required with DATABASE_URL, generated into the data folder otherwise. */
  ALMEN_ENCRYPTION_KEYS: z.string().optional(),
  ALMEN_ENCRYPTION_ACTIVE_KEY: z.string().optional(),
  ALMEN_SESSION_HOURS: z.coerce.number().positive().default(8),
  ALMEN_COOKIE_SECURE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  ALMEN_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  ALMEN_LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  ALMEN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  ALMEN_LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  ALMEN_OIDC_ISSUER: z.string().url().optional(),
  ALMEN_OIDC_CLIENT_ID: z.string().optional(),
  ALMEN_OIDC_CLIENT_SECRET: z.string().optional(),
  /** Days after an anvisning case is closed before its personal data are anonymised. */
  ALMEN_RETENTION_DAYS: z.coerce.number().int().min(0).default(730),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Ugyldig konfiguration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
