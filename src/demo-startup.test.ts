import { it, expect } from 'vitest';
import { describeDb } from '../tests/db.ts';
import { buildTestApp, login, testConfig, TEST_KEYS } from '../tests/app.ts';
import { parseKeyring } from './shared/crypto.ts';
import { DEMO_PASSWORD, DEMO_USERS, ensureDemo } from './demo-startup.ts';

describeDb('demo municipality at start-up', (ctx) => {
  const ring = parseKeyring(TEST_KEYS);

  it('loads Eksempel Kommune through the importer, labelled as demodata, with a user per role', async () => {
    const loaded = await ensureDemo(ctx.db, testConfig({ ALMEN_DEMO: 'on' }), ring, () => {});
    expect(loaded).toBe(true);
    const q = async (sql: string) => (await ctx.db.pool.query(sql)).rows[0];
    expect(await q("SELECT navn, demo FROM kommune WHERE kode = '0999'")).toEqual({ navn: 'Eksempel Kommune', demo: true });
    const afd = await q("SELECT count(*)::int AS n, sum(antal_familie)::int AS familie FROM afdeling WHERE kommunekode = '0999'");
    expect(afd.n).toBeGreaterThanOrEqual(40);
    expect(afd.familie).toBe(7308);
    expect((await q("SELECT count(DISTINCT kilde)::int AS n, min(kilde) AS kilde FROM bolig"))).toEqual({ n: 1, kilde: 'Demodata (genereret, ikke virkelige tal)' });
    expect((await q("SELECT count(*)::int AS n FROM import_job WHERE state = 'succeeded'")).n).toBe(9);
    const app = await buildTestApp(ctx.db);
    try {
      for (const u of DEMO_USERS) {
        const h = await login(app, u.username, DEMO_PASSWORD);
        const me = (await app.inject({ method: 'GET', url: '/api/auth/me', headers: h })).json();
        expect(me.roles.map((r: { role: string }) => r.role)).toEqual([u.role]);
      }
      const org = await login(app, 'organisation', DEMO_PASSWORD);
      const afdelinger = (await app.inject({ method: 'GET', url: '/api/afdelinger?kommunekode=0999', headers: org })).json();
      expect(afdelinger.total).toBeGreaterThan(0);
      expect(afdelinger.total).toBeLessThan(afd.n);
    } finally {
      await app.close();
    }
  });

  it('loading again changes nothing (every import unchanged, no duplicate users or applicants)', async () => {
    const before = (await ctx.db.pool.query('SELECT (SELECT count(*) FROM bolig) b, (SELECT count(*) FROM app_user) u, (SELECT count(*) FROM ansoeger) a')).rows[0];
    await ensureDemo(ctx.db, testConfig({ ALMEN_DEMO: 'on' }), ring, () => {});
    const after = (await ctx.db.pool.query('SELECT (SELECT count(*) FROM bolig) b, (SELECT count(*) FROM app_user) u, (SELECT count(*) FROM ansoeger) a')).rows[0];
    expect(after).toEqual(before);
    const states = (await ctx.db.pool.query("SELECT state, count(*)::int AS n FROM import_job GROUP BY state ORDER BY state")).rows;
    expect(states).toEqual([{ state: 'succeeded', n: 9 }, { state: 'unchanged', n: 9 }]);
  });

  it('auto mode leaves a database with data alone, and never loads into PostgreSQL', async () => {
    expect(await ensureDemo(ctx.db, testConfig({ ALMEN_DEMO: 'auto' }), ring, () => {})).toBe(false);
    expect(await ensureDemo(ctx.db, testConfig({ ALMEN_DEMO: 'auto', DATABASE_URL: 'postgres://x@127.0.0.1/y' }), ring, () => {})).toBe(false);
    expect(await ensureDemo(ctx.db, testConfig({ ALMEN_DEMO: 'off' }), ring, () => {})).toBe(false);
  });
});
