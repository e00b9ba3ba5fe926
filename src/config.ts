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
