// The app as tests use it: test configuration, users with given roles, signed-in request headers.
import type { Db } from '../src/db/index.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { buildApp, type App } from '../src/http/server.ts';
import { parseKeyring } from '../src/shared/crypto.ts';
import type { Role, RoleGrant } from '../src/http/access.ts';
import { hashPassword } from '../src/features/users/passwords.ts';

export const TEST_KEYS = `t1:${Buffer.alloc(32, 7).toString('base64')}`;
export const TEST_PASSWORD = 'Test-adgangskode-2026';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    LOG_LEVEL: 'silent',
    ALMEN_ENCRYPTION_KEYS: TEST_KEYS,
    ALMEN_RATE_LIMIT_PER_MINUTE: '1000000',
    ALMEN_LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    ...env,
  });
}

export async function buildTestApp(db: Db, env: Record<string, string> = {}): Promise<App> {
  const config = testConfig(env);
  return buildApp({ db, config, keyring: parseKeyring(config.ALMEN_ENCRYPTION_KEYS!) });
}

let hashed: Promise<string> | undefined;
let seq = 0;

export async function createTestUser(db: Db, grants: RoleGrant[], username = `test${process.pid}x${++seq}`) {
  hashed ??= hashPassword(TEST_PASSWORD);
  const { rows } = await db.pool.query(
    `INSERT INTO app_user (username, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id`,
    [username, `Test ${username}`, await hashed],
  );
  for (const g of grants) {
    await db.pool.query('INSERT INTO user_role (user_id, kommunekode, role, boligorganisation_id) VALUES ($1, $2, $3, $4)', [
      rows[0].id,
      g.kommunekode,
      g.role,
      g.boligorganisation_id,
    ]);
  }
  return { id: rows[0].id as number, username };
}

export type AuthHeaders = { cookie: string; 'x-csrf-token': string };

export async function login(app: App, username: string, password = TEST_PASSWORD): Promise<AuthHeaders> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'almen_session')!;
  return { cookie: `almen_session=${cookie.value}`, 'x-csrf-token': res.json().csrf_token };
}

/** A new user with the grants, signed in. */
export async function sessionFor(app: App, db: Db, grants: RoleGrant[]): Promise<AuthHeaders> {
  const u = await createTestUser(db, grants);
  return login(app, u.username);
}

export const grant = (role: Role, kommunekode: string, boligorganisation_id: number | null = null): RoleGrant => ({ role, kommunekode, boligorganisation_id });

/** The role in every real municipality (and the demo one when it exists). */
export async function everywhere(db: Db, role: Role): Promise<RoleGrant[]> {
  const { rows } = await db.pool.query('SELECT kode FROM kommune ORDER BY kode');
  return rows.map((r) => grant(role, r.kode));
}


/** A multipart/form-data body: text fields and files by field name. */
export function multipart(fields: Record<string, string>, files: Record<string, { name: string; content: Buffer }> = {}) {
  const boundary = '----almentest' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const [field, file] of Object.entries(files)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
