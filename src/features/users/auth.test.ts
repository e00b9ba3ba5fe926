import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeDb } from '../../../tests/db.ts';
import { buildTestApp, createTestUser, grant, login, sessionFor, TEST_PASSWORD } from '../../../tests/app.ts';
import { boligorganisation } from '../../../tests/factories.ts';
import type { App } from '../../http/server.ts';

const K = '0101';

describeDb('sign-in, sessions, CSRF and users', (ctx) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(ctx.db, { ALMEN_LOGIN_MAX_FAILURES: '3', ALMEN_LOGIN_LOCK_MINUTES: '15' });
  });
  afterAll(() => app?.close());
  const post = (url: string, payload: object, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload, headers });

  it('signs in with a secure, http-only session cookie and tells who is signed in', async () => {
    const u = await createTestUser(ctx.db, [grant('boligkontor', K)]);
    const res = await post('/api/auth/login', { username: u.username.toUpperCase(), password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'almen_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.secure).toBe(true);
    expect(c.sameSite).toBe('Lax');
    const me = res.json();
    expect(me.user.username).toBe(u.username);
    expect(me.roles).toEqual([{ role: 'boligkontor', kommunekode: K, boligorganisation_id: null }]);
    expect(me.csrf_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    // The token is stored only as a hash.
    const { rows } = await ctx.db.pool.query('SELECT id FROM user_session WHERE id = $1', [c.value]);
    expect(rows).toEqual([]);
  });

  it('refuses a wrong password or unknown user with the same Danish message', async () => {
    const u = await createTestUser(ctx.db, []);
    const a = await post('/api/auth/login', { username: u.username, password: 'forkert-adgangskode' });
    const b = await post('/api/auth/login', { username: 'findes-ikke', password: 'forkert-adgangskode' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.message).toBe(b.json().error.message);
    expect(a.json().error.message).toMatch(/Forkert brugernavn eller adgangskode/);
  });

  it('locks the account after repeated failures, even for the right password, and logs it', async () => {
    const u = await createTestUser(ctx.db, []);
    for (let i = 0; i < 3; i++) expect((await post('/api/auth/login', { username: u.username, password: 'forkert-adgangskode' })).statusCode).toBe(401);
    const locked = await post('/api/auth/login', { username: u.username, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.message).toMatch(/spærret/);
    const { rows } = await ctx.db.pool.query("SELECT action FROM audit_event WHERE entity = 'bruger' AND entity_id = $1 ORDER BY id", [String(u.id)]);
    expect(rows.map((r) => r.action)).toEqual(['login-fejl', 'login-fejl', 'login-fejl', 'login-spærret']);
    // After the lock period the right password works again and resets the count.
    await ctx.db.pool.query("UPDATE app_user SET locked_until = now() - interval '1 second' WHERE id = $1", [u.id]);
    expect((await post('/api/auth/login', { username: u.username, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('requires the CSRF token on writes made with the session cookie', async () => {
    const h = await sessionFor(app, ctx.db, [grant('anvisning', K)]);
    const payload = { kommunekode: K, cpr: '010190-1234', navn: 'A', maalgruppe: 'x' };
    const without = await post('/api/ansoegere', payload, { cookie: h.cookie });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CSRF');
    const wrong = await post('/api/ansoegere', payload, { cookie: h.cookie, 'x-csrf-token': 'forkert' });
    expect(wrong.statusCode).toBe(403);
    expect((await post('/api/ansoegere', payload, h)).statusCode).toBe(201);
  });

  it('signs out: the session no longer works', async () => {
    const h = await sessionFor(app, ctx.db, [grant('laeser', K)]);
    expect((await app.inject({ method: 'GET', url: '/api/kommuner', headers: h })).statusCode).toBe(200);
    expect((await post('/api/auth/logout', {}, h)).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/kommuner', headers: h })).statusCode).toBe(401);
  });

  it('an expired session is refused', async () => {
    const h = await sessionFor(app, ctx.db, [grant('laeser', K)]);
    await ctx.db.pool.query("UPDATE user_session SET expires_at = now() - interval '1 second'");
    expect((await app.inject({ method: 'GET', url: '/api/kommuner', headers: h })).statusCode).toBe(401);
  });

  it('changes the password: checks the old one and the strength, ends other sessions', async () => {
    const u = await createTestUser(ctx.db, [grant('laeser', K)]);
    const first = await login(app, u.username);
    const second = await login(app, u.username);
    const weak = await post('/api/auth/password', { current_password: TEST_PASSWORD, new_password: 'kort' }, first);
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/mindst 12 tegn/);
    const wrong = await post('/api/auth/password', { current_password: 'forkert-igen-igen', new_password: 'Et-helt-nyt-kodeord-7' }, first);
    expect(wrong.statusCode).toBe(400);
    expect((await post('/api/auth/password', { current_password: TEST_PASSWORD, new_password: 'Et-helt-nyt-kodeord-7' }, first)).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/kommuner', headers: first })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/kommuner', headers: second })).statusCode).toBe(401);
    await login(app, u.username, 'Et-helt-nyt-kodeord-7');
    const stored = (await ctx.db.pool.query('SELECT password_hash FROM app_user WHERE id = $1', [u.id])).rows[0].password_hash;
    expect(stored).toMatch(/^\$argon2id\$/);
  });

  it('administrators manage users only within their own municipalities', async () => {
    const admin = await sessionFor(app, ctx.db, [grant('administrator', K)]);
    const created = await post('/api/brugere', { username: 'ny.bruger', display_name: 'Ny Bruger', password: 'Et-godt-langt-kodeord-1', roles: [grant('laeser', K)] }, admin);
    expect(created.statusCode).toBe(201);
    expect(created.json().roles).toEqual([grant('laeser', K)]);
    const elsewhere = await post('/api/brugere', { username: 'anden.bruger', display_name: 'X', roles: [grant('laeser', '0147')] }, admin);
    expect(elsewhere.statusCode).toBe(403);
    const dup = await post('/api/brugere', { username: 'ny.bruger', display_name: 'Igen', roles: [] }, admin);
    expect(dup.statusCode).toBe(409);
    const orgWithoutOrg = await post('/api/brugere', { username: 'org.bruger', display_name: 'X', roles: [grant('boligorganisation', K)] }, admin);
    expect(orgWithoutOrg.statusCode).toBe(400);
    // Deactivating ends the user's sessions.
    const h = await login(app, 'ny.bruger', 'Et-godt-langt-kodeord-1');
    const patch = await app.inject({ method: 'PATCH', url: `/api/brugere/${created.json().id}`, headers: admin, payload: { active: false } });
    expect(patch.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/kommuner', headers: h })).statusCode).toBe(401);
    const { rows } = await ctx.db.pool.query("SELECT action, before, after FROM audit_event WHERE entity = 'bruger' AND entity_id = $1 ORDER BY id", [String(created.json().id)]);
    expect(rows.map((r) => r.action)).toContain('ret');
    expect(rows.find((r) => r.action === 'ret').before.active).toBe(true);
    expect(rows.find((r) => r.action === 'ret').after.active).toBe(false);
  });

  it('a boligorganisation role names an organisation in its municipality; a grant given twice is one', async () => {
    const admin = await sessionFor(app, ctx.db, [grant('administrator', K)]);
    const mine = await boligorganisation(ctx.db, { navn: 'Egen Bolig', lbf_nr: 7001, kommunekode: K });
    const theirs = await boligorganisation(ctx.db, { navn: 'Andens Bolig', lbf_nr: 7002, kommunekode: '0147' });
    const other = await post('/api/brugere', { username: 'org.anden', display_name: 'X', roles: [grant('boligorganisation', K, theirs.id)] }, admin);
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields).toEqual([{ field: 'roles.0.boligorganisation_id', message: 'Findes ikke i kommunen' }]);
    const missing = await post('/api/brugere', { username: 'org.ingen', display_name: 'X', roles: [grant('boligorganisation', K, 999_999)] }, admin);
    expect(missing.statusCode).toBe(400);
    const twice = await post('/api/brugere', { username: 'org.egen', display_name: 'X', roles: [grant('boligorganisation', K, mine.id), grant('boligorganisation', K, mine.id)] }, admin);
    expect(twice.statusCode).toBe(201);
    expect(twice.json().roles).toEqual([grant('boligorganisation', K, mine.id)]);
    const patched = await app.inject({ method: 'PATCH', url: `/api/brugere/${twice.json().id}`, headers: admin, payload: { roles: [grant('laeser', K), grant('laeser', K)] } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().roles).toEqual([grant('laeser', K)]);
    const moved = await app.inject({ method: 'PATCH', url: `/api/brugere/${twice.json().id}`, headers: admin, payload: { roles: [grant('boligorganisation', K, theirs.id)] } });
    expect(moved.statusCode).toBe(400);
  });

  it('sends security headers with a Content-Security-Policy and no stack traces', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    const bad = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toMatch(/at .*\.ts|node_modules|SELECT/);
  });
});

describeDb('rate limits', (ctx) => {
  it('limits sign-in attempts per minute', async () => {
    const app = await buildTestApp(ctx.db, { ALMEN_LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } })).statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const refused = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x', password: 'y' } });
      expect(refused.json().error).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/^For mange forespørgsler\. Prøv igen om \d+ sekunder\.$/) });
    } finally {
      await app.close();
    }
  });
});
