// Sign-in through OpenID Connect against a provider the test starts on 127.0.0.1 (tests/oidc-provider.ts):
// the whole authorization code flow with PKCE, state and nonce, driven with app.inject and fetch.
import { it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { describeDb } from '../../../tests/db.ts';
import { buildTestApp, grant, sessionFor, TEST_KEYS, type AuthHeaders } from '../../../tests/app.ts';
import { startOidcProvider, type OidcProvider, type ProviderUser } from '../../../tests/oidc-provider.ts';
import type { App } from '../../http/server.ts';
import { decrypt, encrypt, parseKeyring } from '../../shared/crypto.ts';
import { OIDC_COOKIE } from './oidc.ts';
import { SESSION_COOKIE } from './sessions.ts';

const K = '0101';
const PUBLIC_URL = 'http://localhost:3000';
const CALLBACK = `${PUBLIC_URL}/api/auth/oidc/callback`;

let op: OidcProvider;
beforeAll(async () => {
  op = await startOidcProvider();
});
afterAll(() => op?.close());
beforeEach(() => {
  op.tamper = {};
  op.nextUser = null;
});

describeDb('OpenID Connect sign-in', (ctx) => {
  let app: App;
  let admin: AuthHeaders;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db, {
      ALMEN_OIDC_ISSUER: op.issuer,
      ALMEN_OIDC_CLIENT_ID: op.clientId,
      ALMEN_OIDC_CLIENT_SECRET: op.clientSecret,
      ALMEN_PUBLIC_URL: PUBLIC_URL,
    });
    admin = await sessionFor(app, ctx.db, [grant('administrator', K), grant('administrator', '0147')]);
  });
  afterAll(() => app?.close());

  /** GET /api/auth/oidc/login: where the browser is sent, and the sealed flow cookie. */
  async function begin() {
    const res = await app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
    expect(res.statusCode, res.body).toBe(302);
    const cookie = res.cookies.find((c) => c.name === OIDC_COOKIE);
    expect(cookie).toBeDefined();
    return { location: new URL(res.headers.location as string), cookie: cookie!.value, res };
  }

  /** The browser at the provider: it signs in op.nextUser and redirects back. */
  async function atProvider(location: URL): Promise<URL> {
    const res = await fetch(location, { redirect: 'manual' });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!);
  }

  const callback = (back: URL, cookie: string | undefined) =>
    app.inject({ method: 'GET', url: back.pathname + back.search, cookies: cookie === undefined ? {} : { [OIDC_COOKIE]: cookie } });

  /** The whole round trip for a provider user; change the way back or the cookie to test refusals. */
  async function signIn(user: ProviderUser | null, change: { back?: (u: URL) => URL; cookie?: (c: string) => string | undefined } = {}) {
    op.nextUser = user;
    const { location, cookie } = await begin();
    const back = await atProvider(location);
    return callback(change.back ? change.back(back) : back, change.cookie ? change.cookie(cookie) : cookie);
  }

  const sessionCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === SESSION_COOKIE && c.value);
  const me = async (res: LightMyRequestResponse) =>
    (await app.inject({ method: 'GET', url: '/api/auth/me', cookies: { [SESSION_COOKIE]: sessionCookie(res)!.value } })).json();
  const sessionCount = async () => Number((await ctx.db.pool.query('SELECT count(*) FROM user_session')).rows[0].count);
  const auditOf = async (actor: string) =>
    (await ctx.db.pool.query('SELECT action, user_id, entity_id, detail FROM audit_event WHERE actor = $1 ORDER BY id', [actor])).rows;

  async function createUser(username: string, roles: { role: string; kommunekode: string; boligorganisation_id?: number | null }[]) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/brugere',
      headers: admin,
      payload: { username, display_name: `Navn ${username}`, roles: roles.map((r) => ({ boligorganisation_id: null, ...r })) },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; username: string };
  }

  const expectRefused = (res: LightMyRequestResponse, status: number, message: RegExp) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.message).toMatch(message);
    expect(sessionCookie(res)).toBeUndefined();
    // The flow cookie is spent whatever the outcome.
    if (res.raw.req.url?.startsWith('/api/auth/oidc/callback')) expect(res.cookies.find((c) => c.name === OIDC_COOKIE)?.value).toBe('');
  };

  it('sends the browser to the provider with PKCE (S256), state and nonce, and seals them in a short-lived cookie', async () => {
    const { location, res } = await begin();
    expect(location.origin + location.pathname).toBe(`${op.issuer}/authorize`);
    const p = location.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe(op.clientId);
    expect(p.get('redirect_uri')).toBe(CALLBACK);
    expect(p.get('scope')!.split(' ')).toContain('openid');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(p.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const c = res.cookies.find((x) => x.name === OIDC_COOKIE)!;
    expect(c).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/api/auth/oidc', maxAge: 600 });
    // Sealed: neither the state nor the nonce can be read from the cookie.
    expect(c.value).not.toContain(p.get('state')!);
    expect(c.value).not.toContain(p.get('nonce')!);
    // Every flow is new.
    const again = await begin();
    expect(again.location.searchParams.get('state')).not.toBe(p.get('state'));
    expect(again.location.searchParams.get('code_challenge')).not.toBe(p.get('code_challenge'));
    expect((await app.inject({ method: 'GET', url: '/api/auth/me' })).json().oidc).toBe(true);
  });

  it('links an account an administrator made with the same user name, signs in with its roles and logs it', async () => {
    const u = await createUser('anna.jensen', [{ role: 'boligkontor', kommunekode: K }, { role: 'laeser', kommunekode: '0147' }]);
    const before = await sessionCount();
    const res = await signIn({ sub: 'op-sub-anna', preferred_username: 'Anna.Jensen', name: 'Anna Jensen' });
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe('/');
    const cookie = sessionCookie(res)!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    // The flow cookie is cleared.
    expect(res.cookies.find((c) => c.name === OIDC_COOKIE)?.value).toBe('');
    expect(await sessionCount()).toBe(before + 1);

    const who = await me(res);
    expect(who.user).toEqual({ id: u.id, username: 'anna.jensen', display_name: 'Navn anna.jensen' });
    expect(who.roles).toEqual([
      { role: 'boligkontor', kommunekode: K, boligorganisation_id: null },
      { role: 'laeser', kommunekode: '0147', boligorganisation_id: null },
    ]);
    expect(who.csrf_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    const { rows } = await ctx.db.pool.query('SELECT oidc_issuer, oidc_subject FROM app_user WHERE id = $1', [u.id]);
    expect(rows[0]).toEqual({ oidc_issuer: op.issuer, oidc_subject: 'op-sub-anna' });
    const { rows: sessions } = await ctx.db.pool.query('SELECT auth_method FROM user_session WHERE user_id = $1', [u.id]);
    expect(sessions.map((s) => s.auth_method)).toEqual(['oidc']);
    const audit = await auditOf('anna.jensen');
    expect(audit.map((a) => a.action)).toEqual(['tilknyt-oidc', 'login']);
    expect(audit[1]).toMatchObject({ entity_id: String(u.id), detail: { metode: 'oidc' } });
    expect(Number(audit[1].user_id)).toBe(u.id);

    // The token request authenticated the client and carried the PKCE verifier.
    const t = op.tokenRequests.at(-1)!;
    expect(t.status).toBe(200);
    expect(t.auth).not.toBe('none');
    expect(t.params.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(t.params.get('redirect_uri')).toBe(CALLBACK);

    // The session works for what the roles allow.
    const afd = await app.inject({ method: 'GET', url: '/api/afdelinger', cookies: { [SESSION_COOKIE]: cookie.value } });
    expect(afd.statusCode).toBe(200);
    const users = await app.inject({ method: 'GET', url: '/api/brugere', cookies: { [SESSION_COOKIE]: cookie.value } });
    expect(users.statusCode).toBe(403);
  });

  it('signs in a linked user by subject, even when the user name at the provider has changed', async () => {
    const u = await createUser('bo.larsen', [{ role: 'anvisning', kommunekode: K }]);
    expect((await signIn({ sub: 'op-sub-bo', preferred_username: 'bo.larsen' })).statusCode).toBe(302);
    const res = await signIn({ sub: 'op-sub-bo', preferred_username: 'bo.larsen@kommune.dk', name: 'Bo Larsen' });
    expect(res.statusCode, res.body).toBe(302);
    expect((await me(res)).user.id).toBe(u.id);
    const { rows } = await ctx.db.pool.query(`SELECT action FROM audit_event WHERE user_id = $1 ORDER BY id`, [u.id]);
    expect(rows.map((r) => r.action)).toEqual(['login', 'login']);
  });

  it('does not let another subject with the same user name take over a linked account', async () => {
    await createUser('carl.holm', [{ role: 'boligkontor', kommunekode: K }]);
    expect((await signIn({ sub: 'op-sub-carl', preferred_username: 'carl.holm' })).statusCode).toBe(302);
    const res = await signIn({ sub: 'op-sub-impostor', preferred_username: 'carl.holm' });
    expectRefused(res, 403, /Du har ingen adgang til Almen/);
    const { rows } = await ctx.db.pool.query('SELECT oidc_subject FROM app_user WHERE username = $1', ['carl.holm']);
    expect(rows[0].oidc_subject).toBe('op-sub-carl');
  });

  it('refuses an unknown user in Danish, makes no user and no session, and logs the refusal', async () => {
    const users = Number((await ctx.db.pool.query('SELECT count(*) FROM app_user')).rows[0].count);
    const sessions = await sessionCount();
    const res = await signIn({ sub: 'op-sub-ukendt', preferred_username: 'ukendt.person', name: 'Ukendt Person' });
    expectRefused(res, 403, /Du har ingen adgang til Almen\. Kontakt kommunens administrator\./);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(Number((await ctx.db.pool.query('SELECT count(*) FROM app_user')).rows[0].count)).toBe(users);
    expect(await sessionCount()).toBe(sessions);
    const audit = await auditOf('ukendt.person');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'login-fejl', user_id: null, detail: { metode: 'oidc', issuer: op.issuer } });
  });

  it('sends a browser that was refused back to the sign-in page with the reason', async () => {
    op.nextUser = { sub: 'op-sub-browser', preferred_username: 'ukendt.browser', name: 'Ukendt Browser' };
    const { location, cookie } = await begin();
    const back = await atProvider(location);
    const res = await app.inject({
      method: 'GET',
      url: back.pathname + back.search,
      headers: { accept: 'text/html,application/xhtml+xml' },
      cookies: { [OIDC_COOKIE]: cookie },
    });
    expect(res.statusCode).toBe(302);
    const to = new URL(res.headers.location as string, PUBLIC_URL);
    expect(to.pathname).toBe('/login');
    expect(to.searchParams.get('fejl')).toMatch(/Du har ingen adgang til Almen/);
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('links by e-mail only when the provider has verified it', async () => {
    await createUser('dorte@kommune.dk', [{ role: 'laeser', kommunekode: K }]);
    const unverified = await signIn({ sub: 'op-sub-dorte-x', email: 'dorte@kommune.dk' });
    expectRefused(unverified, 403, /Du har ingen adgang til Almen/);
    const verified = await signIn({ sub: 'op-sub-dorte', email: 'Dorte@kommune.dk', email_verified: true });
    expect(verified.statusCode, verified.body).toBe(302);
    expect((await me(verified)).user.username).toBe('dorte@kommune.dk');
  });

  it('refuses a deactivated user, linked or not, and logs it', async () => {
    const u = await createUser('erik.berg', [{ role: 'boligkontor', kommunekode: K }]);
    expect((await signIn({ sub: 'op-sub-erik', preferred_username: 'erik.berg' })).statusCode).toBe(302);
    const off = await app.inject({ method: 'PATCH', url: `/api/brugere/${u.id}`, headers: admin, payload: { active: false } });
    expect(off.statusCode, off.body).toBe(200);
    const sessions = await sessionCount();
    expectRefused(await signIn({ sub: 'op-sub-erik', preferred_username: 'erik.berg' }), 403, /Du har ingen adgang til Almen/);
    expect(await sessionCount()).toBe(sessions);

    const v = await createUser('frida.dal', [{ role: 'boligkontor', kommunekode: K }]);
    await app.inject({ method: 'PATCH', url: `/api/brugere/${v.id}`, headers: admin, payload: { active: false } });
    expectRefused(await signIn({ sub: 'op-sub-frida', preferred_username: 'frida.dal' }), 403, /Du har ingen adgang til Almen/);
    expect(await sessionCount()).toBe(sessions);

    expect((await auditOf('erik.berg')).map((a) => a.action)).toEqual(['tilknyt-oidc', 'login', 'login-fejl']);
    expect((await auditOf('frida.dal')).map((a) => a.action).at(-1)).toBe('login-fejl');
  });

  it('refuses a missing, tampered, expired or foreign flow cookie', async () => {
    await createUser('gitte.moe', [{ role: 'boligkontor', kommunekode: K }]);
    const user = { sub: 'op-sub-gitte', preferred_username: 'gitte.moe' };
    const ring = parseKeyring(TEST_KEYS);
    const sessions = await sessionCount();
    const flowRefused = /Log ind-forløbet er udløbet eller ugyldigt/;

    expectRefused(await signIn(user, { cookie: () => undefined }), 401, flowRefused);
    expectRefused(await signIn(user, { cookie: () => '' }), 401, flowRefused);
    expectRefused(await signIn(user, { cookie: () => 'v1:t1:x:y:z' }), 401, flowRefused);
    expectRefused(await signIn(user, { cookie: () => 'garbage' }), 401, flowRefused);
    // A sealed value that is not a flow, e.g. JSON null or another encrypted field.
    expectRefused(await signIn(user, { cookie: () => encrypt(ring, 'null')! }), 401, flowRefused);
    expectRefused(await signIn(user, { cookie: () => encrypt(ring, '{"state":1}')! }), 401, flowRefused);
    // One character changed in the ciphertext: authentication of the seal fails.
    expectRefused(
      await signIn(user, {
        cookie: (c) => {
          const parts = c.split(':');
          const ct = Buffer.from(parts[4], 'base64url');
          ct[0] ^= 1;
          parts[4] = ct.toString('base64url');
          return parts.join(':');
        },
      }),
      401,
      flowRefused,
    );
    // Older than ten minutes.
    expectRefused(
      await signIn(user, {
        cookie: (c) => encrypt(ring, JSON.stringify({ ...JSON.parse(decrypt(ring, c)!), at: Date.now() - 11 * 60_000 }))!,
      }),
      401,
      /udløbet/,
    );
    // The cookie of another browser's flow (valid seal, other state and verifier).
    const other = (await begin()).cookie;
    expectRefused(await signIn(user, { cookie: () => other }), 401, /Identitetsudbyderens svar kunne ikke godkendes/);

    expect(await sessionCount()).toBe(sessions);
    const { rows } = await ctx.db.pool.query(
      `SELECT count(*) FROM audit_event WHERE action = 'login-fejl' AND detail->>'metode' = 'oidc' AND detail ? 'aarsag'`,
    );
    expect(Number(rows[0].count)).toBeGreaterThanOrEqual(9);
    // The user was never signed in (nor linked: the provider's answer was never accepted).
    expect((await ctx.db.pool.query('SELECT oidc_subject FROM app_user WHERE username = $1', ['gitte.moe'])).rows[0].oidc_subject).toBeNull();
  });

  it('refuses a wrong state, a wrong nonce, a forged or foreign ID token, a reused code and an error answer', async () => {
    await createUser('hans.krog', [{ role: 'boligkontor', kommunekode: K }]);
    const user = { sub: 'op-sub-hans', preferred_username: 'hans.krog' };
    const sessions = await sessionCount();
    const refused = /Identitetsudbyderens svar kunne ikke godkendes/;

    // State changed on the way back (by the provider or by an attacker in the URL).
    op.tamper = { state: 'not-the-state' };
    expectRefused(await signIn(user), 401, refused);
    op.tamper = {};
    expectRefused(
      await signIn(user, {
        back: (u) => {
          u.searchParams.delete('state');
          return u;
        },
      }),
      401,
      refused,
    );
    // An ID token for another nonce (a replayed token), another audience, signed with an unknown key, expired.
    for (const tamper of [{ nonce: 'another-nonce' }, { aud: 'another-client' }, { foreignKey: true }, { clockSkew: -3600 }]) {
      op.tamper = tamper;
      const res = await signIn(user);
      expect(res.statusCode, JSON.stringify(tamper)).toBe(401);
      expectRefused(res, 401, refused);
    }
    op.tamper = {};
    // The user declined at the provider.
    expectRefused(await signIn(null), 401, refused);
    // A code used twice: the second use is refused by the provider and so by the app.
    op.nextUser = user;
    const { location, cookie } = await begin();
    const back = await atProvider(location);
    expect((await callback(back, cookie)).statusCode).toBe(302);
    expectRefused(await callback(back, cookie), 401, refused);
    // Query parameters given twice are not accepted.
    expect((await app.inject({ method: 'GET', url: `/api/auth/oidc/callback?code=a&code=b&state=x`, cookies: { [OIDC_COOKIE]: cookie } })).statusCode).toBe(400);

    expect(await sessionCount()).toBe(sessions + 1);
    const audit = await ctx.db.pool.query(
      `SELECT detail->>'aarsag' AS aarsag FROM audit_event WHERE action = 'login-fejl' AND actor = '(ukendt)' AND detail->>'metode' = 'oidc' ORDER BY id DESC LIMIT 8`,
    );
    expect(audit.rows).toHaveLength(8);
    // The technical reason is kept for the administrators, not shown to the user.
    const reasons = audit.rows.map((r) => r.aarsag as string).join(' | ');
    expect(reasons).toMatch(/state/);
    expect(reasons).toMatch(/nonce/);
    expect(reasons).toMatch(/signature/i);
    expect(reasons).toMatch(/access_denied|declined|sign in/);
  });

  it('says so in Danish when sign-in through an identity provider is not set up, or the provider does not answer', async () => {
    const plain = await buildTestApp(ctx.db);
    try {
      expect((await plain.inject({ method: 'GET', url: '/api/auth/me' })).json().oidc).toBe(false);
      const res = await plain.inject({ method: 'GET', url: '/api/auth/oidc/login' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toMatch(/ikke sat op/);
      expect((await plain.inject({ method: 'GET', url: '/api/auth/oidc/callback?code=x&state=y' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
    const down = await buildTestApp(ctx.db, { ALMEN_OIDC_ISSUER: 'http://127.0.0.1:9', ALMEN_OIDC_CLIENT_ID: 'x', ALMEN_PUBLIC_URL: PUBLIC_URL });
    try {
      const res = await down.inject({ method: 'GET', url: '/api/auth/oidc/login' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('IDP_UNAVAILABLE');
      expect(res.json().error.message).toMatch(/Identitetsudbyderen svarer ikke/);
    } finally {
      await down.close();
    }
  });
});
