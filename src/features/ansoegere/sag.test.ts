import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeDb } from '../../../tests/db.ts';
import { buildTestApp, grant, sessionFor, TEST_KEYS, type AuthHeaders } from '../../../tests/app.ts';
import type { App } from '../../http/server.ts';
import { systemActor } from '../../http/access.ts';
import { parseKeyring } from '../../shared/crypto.ts';
import { newKeySpec } from '../../shared/keys.ts';
import { applyRetention, rotateKeys } from './personal.ts';

const K = '0265'; // Roskilde

describeDb('applicants: the case with household, benefits and journal', (ctx) => {
  let app: App;
  let h: AuthHeaders;
  let id: number;
  const sag = {
    husstand: {
      medlemmer: [
        { id: 'a', navn: 'Karin Kildevæld', rolle: 'ansoeger', foedselsdato: '1988-04-02', euEoesSchweiz: true, ydelser: { oplystFra: '2025-01', oplystTil: '2025-12', maaneder: [{ maaned: '2025-06', art: 'kontanthjaelp' }] } },
        { id: 'b', rolle: 'samlever', foedselsdato: '1986-01-20', samleverSiden: '2023-05-01' },
        { id: 'c', rolle: 'barn', alder: 7 },
        { id: 'd', rolle: 'barn', alder: 3 },
      ],
      husstandsindkomstAar: 241000,
    },
    aarsag: 'Udsat af lejlighed efter brand; bor midlertidigt hos familie.',
    oensker_omraader: ['Roskilde by'],
    prioritet: 1,
    sagsbehandler: 'Sagsbehandler S',
    ansoegt_dato: '2025-11-03',
    vaerelser_min: 3,
    vaerelser_max: 4,
  };

  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
    h = await sessionFor(app, ctx.db, [grant('anvisning', K)]);
    const res = await app.inject({ method: 'POST', url: '/api/ansoegere', headers: h, payload: { kommunekode: K, cpr: '020488-1234', navn: 'Karin Kildevæld', maalgruppe: 'akut boligløse' } });
    id = res.json().id;
  });
  afterAll(() => app?.close());

  it('saves the case encrypted, with plain facts for statistics, and logs reads and changes without personal values', async () => {
    const bad = await app.inject({ method: 'PUT', url: `/api/ansoegere/${id}/sag`, headers: h, payload: { ...sag, husstand: { medlemmer: [{ id: 'x', rolle: 'barn' }] } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('præcis én ansøger');
    const res = await app.inject({ method: 'PUT', url: `/api/ansoegere/${id}/sag`, headers: h, payload: sag });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().sag).toMatchObject({ prioritet: 1, antal_personer: 4, antal_boern: 2, vaerelser_min: 3, aarsag: sag.aarsag });
    const raw = (await ctx.db.pool.query('SELECT * FROM ansoeger WHERE id = $1', [id])).rows[0];
    expect(raw.sag_enc).toMatch(/^v1:t1:/);
    expect(JSON.stringify(raw)).not.toContain('brand');
    expect(JSON.stringify(raw)).not.toContain('1988-04-02');
    const got = await app.inject({ method: 'GET', url: `/api/ansoegere/${id}/sag`, headers: h });
    expect(got.json().sag.husstand.medlemmer[0].ydelser.maaneder).toEqual([{ maaned: '2025-06', art: 'kontanthjaelp' }]);
    const events = (await ctx.db.pool.query(`SELECT action, after::text AS after FROM audit_event WHERE entity = 'ansoeger' AND entity_id = $1 ORDER BY id`, [String(id)])).rows;
    expect(events.map((e) => e.action)).toEqual(['opret', 'ret-sag', 'laes-sag']);
    expect(events.map((e) => e.after ?? '').join(' ')).not.toMatch(/brand|Kildevæld|1988/);
  });

  it('keeps a journal with encrypted text; another municipality cannot read it', async () => {
    const post = await app.inject({ method: 'POST', url: `/api/ansoegere/${id}/journal`, headers: h, payload: { haendelse: 'Samtale', tekst: 'Ønsker at blive i skoledistriktet.' } });
    expect(post.statusCode, post.body).toBe(201);
    const j = (await app.inject({ method: 'GET', url: `/api/ansoegere/${id}/journal`, headers: h })).json();
    expect(j.items.map((x: { haendelse: string }) => x.haendelse)).toEqual(['Samtale', 'Sagsoplysninger opdateret']);
    expect(j.items[0].tekst).toBe('Ønsker at blive i skoledistriktet.');
    const raw = (await ctx.db.pool.query('SELECT tekst_enc FROM ansoeger_journal WHERE ansoeger_id = $1 AND tekst_enc IS NOT NULL', [id])).rows[0];
    expect(raw.tekst_enc).toMatch(/^v1:t1:/);
    const other = await sessionFor(app, ctx.db, [grant('anvisning', '0101')]);
    expect((await app.inject({ method: 'GET', url: `/api/ansoegere/${id}/journal`, headers: other })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/ansoegere/${id}/sag`, headers: other })).statusCode).toBe(404);
  });

  it('rotates the case and journal to a new key, and erases them with the rest after the retention period', async () => {
    const ring = parseKeyring(`${TEST_KEYS},${newKeySpec('t3')}`, 't3');
    await rotateKeys(ctx.db, ring, systemActor('noegleskift'));
    const rotated = (await ctx.db.pool.query('SELECT a.sag_enc, j.tekst_enc FROM ansoeger a JOIN ansoeger_journal j ON j.ansoeger_id = a.id WHERE a.id = $1 AND j.tekst_enc IS NOT NULL', [id])).rows[0];
    expect(rotated.sag_enc).toMatch(/^v1:t3:/);
    expect(rotated.tekst_enc).toMatch(/^v1:t3:/);
    await app.inject({ method: 'POST', url: `/api/ansoegere/${id}/luk`, headers: h });
    await applyRetention(ctx.db, systemActor('sletning'), 0, new Date(Date.now() + 1000));
    const after = (await ctx.db.pool.query('SELECT sag_enc, prioritet, antal_personer FROM ansoeger WHERE id = $1', [id])).rows[0];
    expect(after).toEqual({ sag_enc: null, prioritet: 1, antal_personer: 4 });
    const texts = (await ctx.db.pool.query('SELECT count(*)::int AS n FROM ansoeger_journal WHERE ansoeger_id = $1 AND tekst_enc IS NOT NULL', [id])).rows[0];
    expect(texts.n).toBe(0);
  });
});
