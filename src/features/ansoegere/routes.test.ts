import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeDb } from '../../../tests/db.ts';
import { buildTestApp, grant, sessionFor, TEST_KEYS, type AuthHeaders } from '../../../tests/app.ts';
import type { App } from '../../http/server.ts';
import { systemActor } from '../../http/access.ts';
import { parseKeyring } from '../../shared/crypto.ts';
import { newKeySpec } from '../../shared/keys.ts';
import { applyRetention, rotateKeys } from './personal.ts';

const K = '0101';
const CPR = '150385-2468';

describeDb('applicants: personal data', (ctx) => {
  let app: App;
  let h: AuthHeaders;
  let id: number;
  const audit = async (action: string) =>
    (await ctx.db.pool.query('SELECT * FROM audit_event WHERE entity = $1 AND action = $2 ORDER BY id', ['ansoeger', action])).rows;

  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
    h = await sessionFor(app, ctx.db, [grant('anvisning', K)]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/ansoegere',
      headers: h,
      payload: { kommunekode: K, cpr: CPR, navn: 'Bodil Hansen', telefon: '12345678', maalgruppe: 'hjemløse' },
    });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
  });
  afterAll(() => app?.close());

  it('stores CPR and name encrypted: the raw row holds neither', async () => {
    const { rows } = await ctx.db.pool.query('SELECT * FROM ansoeger WHERE id = $1', [id]);
    const raw = JSON.stringify(rows[0]);
    expect(raw).not.toContain('150385');
    expect(raw).not.toContain('Bodil');
    expect(rows[0].cpr_enc).toMatch(/^v1:t1:/);
  });

  it('masks the CPR number on read, showing only the birth date, and logs the read', async () => {
    const before = (await audit('laes')).length;
    const one = (await app.inject({ method: 'GET', url: `/api/ansoegere/${id}`, headers: h })).json();
    expect(one.cpr).toBe('150385-****');
    expect(one.navn).toBe('Bodil Hansen');
    const list = (await app.inject({ method: 'GET', url: '/api/ansoegere', headers: h })).json();
    expect(list.items[0].cpr).toBe('150385-****');
    const reads = await audit('laes');
    expect(reads.length).toBe(before + 2);
    expect(reads.at(-1).detail.ids).toContain(id);
    expect(JSON.stringify(reads)).not.toContain('2468');
  });

  it('reveals the full number only on explicit request, and logs who did it', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/ansoegere/${id}/vis-cpr`, headers: h });
    expect(res.json().cpr).toBe(CPR);
    const shown = await audit('vis-cpr');
    expect(shown).toHaveLength(1);
    expect(shown[0].entity_id).toBe(String(id));
    expect(shown[0].user_id).not.toBeNull();
    expect(shown[0].session_id).not.toBeNull();
  });

  it('rejects an invalid CPR number in Danish and writes nothing', async () => {
    const n = (await ctx.db.pool.query('SELECT count(*)::int AS n FROM ansoeger')).rows[0].n;
    const res = await app.inject({ method: 'POST', url: '/api/ansoegere', headers: h, payload: { kommunekode: K, cpr: '321390-1234', navn: 'X', maalgruppe: 'y' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/DDMMÅÅ-XXXX/);
    expect((await ctx.db.pool.query('SELECT count(*)::int AS n FROM ansoeger')).rows[0].n).toBe(n);
  });

  it('anonymises closed cases after the retention period, and only those, logging each', async () => {
    const open = (await app.inject({ method: 'POST', url: '/api/ansoegere', headers: h, payload: { kommunekode: K, cpr: '010101-1111', navn: 'Åben Sag', maalgruppe: 'x' } })).json().id;
    const recent = (await app.inject({ method: 'POST', url: '/api/ansoegere', headers: h, payload: { kommunekode: K, cpr: '020202-2222', navn: 'Nylig Lukket', maalgruppe: 'x' } })).json().id;
    expect((await app.inject({ method: 'POST', url: `/api/ansoegere/${id}/luk`, headers: h })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/ansoegere/${recent}/luk`, headers: h })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/ansoegere/${recent}/luk`, headers: h })).statusCode).toBe(409);
    await ctx.db.pool.query("UPDATE ansoeger SET lukket_at = now() - interval '731 days' WHERE id = $1", [id]);
    await ctx.db.pool.query("UPDATE ansoeger SET lukket_at = now() - interval '729 days' WHERE id = $1", [recent]);
    const done = await applyRetention(ctx.db, systemActor('sletning'), 730);
    expect(done).toEqual([id]);
    const { rows } = await ctx.db.pool.query('SELECT id, cpr_enc, navn_enc, anonymiseret_at, maalgruppe FROM ansoeger WHERE id = ANY($1) ORDER BY id', [[id, open, recent]]);
    expect(rows[0]).toMatchObject({ cpr_enc: null, navn_enc: null, maalgruppe: 'hjemløse' });
    expect(rows[0].anonymiseret_at).not.toBeNull();
    expect(rows[1].cpr_enc).not.toBeNull();
    expect(rows[2].cpr_enc).not.toBeNull();
    expect((await audit('anonymiser')).map((r) => r.entity_id)).toEqual([String(id)]);
    expect(await applyRetention(ctx.db, systemActor('sletning'), 730)).toEqual([]); // daily runs are idempotent
    const shown = (await app.inject({ method: 'GET', url: `/api/ansoegere/${id}`, headers: h })).json();
    expect(shown).toMatchObject({ cpr: null, navn: null, anonymiseret: true });
  });

  it('rotates keys: old values re-encrypted under the new key, still readable', async () => {
    const ring = parseKeyring(`${TEST_KEYS},${newKeySpec('t2')}`, 't2');
    const changed = await rotateKeys(ctx.db, ring, systemActor('noegleskift'));
    expect(changed).toBeGreaterThan(0);
    const { rows } = await ctx.db.pool.query('SELECT cpr_enc FROM ansoeger WHERE cpr_enc IS NOT NULL');
    expect(rows.every((r) => r.cpr_enc.startsWith('v1:t2:'))).toBe(true);
    expect(await rotateKeys(ctx.db, ring, systemActor('noegleskift'))).toBe(0);
    const app2 = await buildTestApp(ctx.db, { ALMEN_ENCRYPTION_KEYS: `${TEST_KEYS},t2:${ring.keys.get('t2')!.toString('base64')}`, ALMEN_ENCRYPTION_ACTIVE_KEY: 't2' });
    try {
      const h2 = await sessionFor(app2, ctx.db, [grant('anvisning', K)]);
      const list = (await app2.inject({ method: 'GET', url: '/api/ansoegere?status=aaben', headers: h2 })).json();
      expect(list.items.map((a: { navn: string }) => a.navn)).toContain('Åben Sag');
    } finally {
      await app2.close();
    }
  });
});

describeDb('audit log', (ctx) => {
  it('cannot be changed or deleted, not even with SQL', async () => {
    await ctx.db.pool.query("INSERT INTO audit_event (actor, action, entity) VALUES ('t', 'test', 'x')");
    await expect(ctx.db.pool.query("UPDATE audit_event SET actor = 'y'")).rejects.toThrow(/kan ikke ændres/);
    await expect(ctx.db.pool.query('DELETE FROM audit_event')).rejects.toThrow(/kan ikke ændres/);
    await expect(ctx.db.pool.query('TRUNCATE audit_event')).rejects.toThrow(/kan ikke ændres/);
  });

  it('administrators search it within their municipalities and export it', async () => {
    const app = await buildTestApp(ctx.db);
    try {
      const admin = await sessionFor(app, ctx.db, [grant('administrator', K)]);
      await ctx.db.pool.query("INSERT INTO audit_event (actor, action, entity, kommunekode) VALUES ('a', 'luk', 'ansoeger', $1), ('b', 'luk', 'ansoeger', '0147')", [K]);
      const res = await app.inject({ method: 'GET', url: '/api/audit?action=luk', headers: admin });
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((e: { kommunekode: string }) => e.kommunekode)).toEqual([K]);
      // A sign-in elsewhere has no municipality, but it concerns another municipality's user: not shown.
      await sessionFor(app, ctx.db, [grant('laeser', '0147')]);
      await sessionFor(app, ctx.db, [grant('laeser', K)]);
      const logins = (await app.inject({ method: 'GET', url: '/api/audit?action=login', headers: admin })).json();
      const { rows } = await ctx.db.pool.query("SELECT u.id, r.kommunekode FROM app_user u JOIN user_role r ON r.user_id = u.id WHERE r.role = 'laeser'");
      const seen = new Set(logins.items.map((e: { user_id: number }) => e.user_id));
      for (const r of rows) expect(seen.has(r.id), `login af bruger i ${r.kommunekode}`).toBe(r.kommunekode === K);
      const csv = await app.inject({ method: 'GET', url: '/api/audit?action=luk&format=csv', headers: admin });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.body).toContain('Handling');
      expect(csv.body).toContain('luk');
      const bad = await app.inject({ method: 'GET', url: '/api/audit?fra=i-går', headers: admin });
      expect(bad.statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});
