import { it, expect, beforeAll, afterAll } from 'vitest';
import { describeDb } from '../../../tests/db.ts';
import * as f from '../../../tests/factories.ts';
import { buildTestApp, grant, sessionFor, type AuthHeaders } from '../../../tests/app.ts';
import type { App } from '../../http/server.ts';
import { systemActor } from '../../http/access.ts';
import { loadLaw } from '../../law/params.ts';
import { saveComputation } from '../arealists/store.ts';

const K = '0260'; // Halsnæs

describeDb('anvisning: vacancies offered under the anvisningsret', (ctx) => {
  let app: App;
  let orgA: AuthHeaders;
  let orgB: AuthHeaders;
  let anvisning: AuthHeaders;
  const ids: Record<string, number> = {};
  const req = (method: 'GET' | 'POST', url: string, auth: AuthHeaders, payload?: object) => app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });
  const offer = (afdeling_id: number, over: object = {}) => ({ afdeling_id, adresse: 'Strandvej 4, 1. th.', vaerelser: 2, areal_m2: 62.5, husleje_maaned: 4850, ledig_fra: '2026-02-01', svarfrist: '2026-01-10', ...over });

  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
    const db = ctx.db;
    await f.truncateRegister(db);
    const a = await f.boligorganisation(db, { kommunekode: K, navn: 'Boligselskabet A' });
    const b = await f.boligorganisation(db, { kommunekode: K, navn: 'Boligselskabet B' });
    ids.afdA = (await f.afdeling(db, { kommunekode: K, boligorganisation_id: a.id, navn: 'A-gården' })).id;
    ids.afdB = (await f.afdeling(db, { kommunekode: K, boligorganisation_id: b.id, navn: 'B-parken' })).id;
    ids.youth = (await f.afdeling(db, { kommunekode: K, boligorganisation_id: a.id, navn: 'Kollegiet', antal_familie: 0, antal_ungdom: 30 })).id;
    orgA = await sessionFor(app, db, [grant('boligorganisation', K, a.id)]);
    orgB = await sessionFor(app, db, [grant('boligorganisation', K, b.id)]);
    anvisning = await sessionFor(app, db, [grant('anvisning', K)]);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('an organisation offers vacancies of its own family afdelinger only', async () => {
    const res = await req('POST', '/api/anvisning/ledige', orgA, offer(ids.afdA));
    expect(res.statusCode, res.body).toBe(201);
    ids.l1 = res.json().id;
    expect(res.json()).toMatchObject({ status: 'tilbudt', boligorganisation_navn: 'Boligselskabet A', husleje_maaned: 4850 });
    ids.l2 = (await req('POST', '/api/anvisning/ledige', orgA, offer(ids.afdA, { adresse: 'Strandvej 6, st.', vaerelser: 4, husleje_maaned: 7900 }))).json().id;
    ids.l3 = (await req('POST', '/api/anvisning/ledige', orgB, offer(ids.afdB, { adresse: 'Parkvej 1' }))).json().id;
    expect((await req('POST', '/api/anvisning/ledige', orgA, offer(ids.afdB))).statusCode).toBe(404);
    const youth = await req('POST', '/api/anvisning/ledige', orgA, offer(ids.youth));
    expect(youth.statusCode).toBe(400);
    expect(youth.json().error.message).toContain('familieboliger');
    const late = await req('POST', '/api/anvisning/ledige', orgA, offer(ids.afdA, { svarfrist: '2026-03-01' }));
    expect(late.statusCode).toBe(400);
    expect(late.json().error.fields[0].field).toBe('body.svarfrist');
  });

  it("a user of one organisation cannot see or answer another organisation's vacancies", async () => {
    const a = (await req('GET', '/api/anvisning/ledige', orgA)).json();
    expect(a.items.map((l: { id: number }) => l.id).sort()).toEqual([ids.l1, ids.l2].sort());
    const b = (await req('GET', `/api/anvisning/ledige?kommunekode=${K}`, orgB)).json();
    expect(b.items.map((l: { id: number }) => l.id)).toEqual([ids.l3]);
    const csv = await req('GET', '/api/anvisning/ledige?format=csv', orgB);
    expect(csv.body).toContain('Parkvej 1');
    expect(csv.body).not.toContain('Strandvej');
    expect((await req('POST', `/api/anvisning/ledige/${ids.l1}/brug`, orgB)).statusCode).toBe(403);
    expect((await req('GET', '/api/anvisning/ledige', anvisning)).json().total).toBe(3);
  });

  it("opens one vacancy by id with the list's visibility: another organisation's vacancy is 404, as a missing one", async () => {
    const own = await req('GET', `/api/anvisning/ledige/${ids.l1}`, orgA);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ id: ids.l1, adresse: 'Strandvej 4, 1. th.', afdeling_navn: 'A-gården', boligorganisation_navn: 'Boligselskabet A', status: 'tilbudt' });
    expect((await req('GET', `/api/anvisning/ledige/${ids.l3}`, anvisning)).json()).toMatchObject({ id: ids.l3, adresse: 'Parkvej 1' });
    const foreign = await req('GET', `/api/anvisning/ledige/${ids.l1}`, orgB);
    const missing = await req('GET', '/api/anvisning/ledige/999999', orgB);
    expect(foreign.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    // Not 403, and the same answer as for a vacancy that does not exist: existence does not leak.
    expect(foreign.json()).toEqual(missing.json());
    expect(foreign.json().error.message).toBe('Den ledige bolig findes ikke.');
    // A municipality user of another municipality does not see it either.
    const elsewhere = await sessionFor(app, ctx.db, [grant('anvisning', '0147')]);
    expect((await req('GET', `/api/anvisning/ledige/${ids.l1}`, elsewhere)).statusCode).toBe(404);
    expect((await req('GET', '/api/anvisning/ledige/0', orgA)).statusCode).toBe(400);
  });

  it('the municipality uses or returns a vacancy with a reason, once', async () => {
    const other = await req('POST', `/api/anvisning/ledige/${ids.l2}/returner`, anvisning, { grund: 'andet' });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields[0].field).toBe('tekst');
    const back = await req('POST', `/api/anvisning/ledige/${ids.l2}/returner`, anvisning, { grund: 'for_dyr', tekst: '7.900 kr. er over målgruppens betalingsevne.' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ status: 'returneret', retur_grund: 'for_dyr', besluttet_af: expect.any(String) });
    const used = await req('POST', `/api/anvisning/ledige/${ids.l1}/brug`, anvisning);
    expect(used.json().status).toBe('brugt');
    const again = await req('POST', `/api/anvisning/ledige/${ids.l1}/returner`, anvisning, { grund: 'for_dyr' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('Boligen er allerede brugt.');
    // The organisation sees the answer to its own offer.
    const mine = (await req('GET', '/api/anvisning/ledige?status=returneret', orgA)).json();
    expect(mine.items).toEqual([expect.objectContaining({ id: ids.l2, retur_grund: 'for_dyr' })]);
    const audit = await ctx.db.pool.query(`SELECT action FROM audit_event WHERE entity = 'anvisningsbolig' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['tilbyd', 'tilbyd', 'tilbyd', 'returner', 'brug']);
  });

  it('ranks the candidates for a vacancy: legal exclusions with their paragraph, need, affordability; the read is logged', async () => {
    // B-parken lies in an udsat boligområde on the list of 1 December 2025 (computed).
    await f.boligomraade(ctx.db, { kode: 'BO-HALS', navn: 'Havneparken', kommunekode: K, afdeling_ids: [ids.afdB] });
    const row = { listeaar: 2025, omraade_kode: 'BO-HALS', omraade_navn: 'Havneparken', kommunekode: 260, beboere: 1500, ikkevestlige_pct: 20, udenfor_pct_aar1: 45, udenfor_pct_aar2: 45, doemte_pct_aar1: 2.5, doemte_pct_aar2: 2.5, doemte_landsgns_pct_aar1: 0.7, doemte_landsgns_pct_aar2: 0.7, grundskole_pct: 30, indkomst_pct_af_region: 80 };
    await saveComputation(ctx.db, systemActor('test'), loadLaw(), { kommunekode: K, kilde: 'indikatorfil', rows: [row], mangler: [] });
    const applicant = async (navn: string, sag: object | null) => {
      const id = (await req('POST', '/api/ansoegere', anvisning, { kommunekode: K, cpr: '010190-1234', navn, maalgruppe: 'hjemløse' })).json().id;
      if (sag) expect((await app.inject({ method: 'PUT', url: `/api/ansoegere/${id}/sag`, headers: anvisning, payload: sag })).statusCode).toBe(200);
      return id;
    };
    const member = { id: 'a', rolle: 'ansoeger', foedselsdato: '1990-01-01', euEoesSchweiz: true, studerende: false, loesladelser: [], lejemaalOphaevet: [], ydelser: { oplystFra: '2025-01', oplystTil: '2026-02', maaneder: [] } };
    const base = { prioritet: 2, ansoegt_dato: '2025-06-01', vaerelser_min: 1, vaerelser_max: 3, husstand: { medlemmer: [member], husstandsindkomstAar: 300000 } };
    const egnet = await applicant('Egnet Eriksen', base);
    const foerst = await applicant('Først Frandsen', { ...base, prioritet: 1 });
    const stor = await applicant('Stor Storm', { ...base, vaerelser_min: 4, vaerelser_max: 5 });
    const loesladt = await applicant('Løsladt Larsen', { ...base, husstand: { ...base.husstand, medlemmer: [{ ...member, loesladelser: [{ dato: '2025-12-01', fra: 'faengsel' }] }] } });
    const tom = await applicant('Tom Thomsen', null);
    const res = await req('GET', `/api/anvisning/ledige/${ids.l3}/kandidater?dato=2026-02-01`, anvisning);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.kategorier).toContain('udsat');
    const by = Object.fromEntries(body.kandidater.map((k: { ansoeger_id: number }) => [k.ansoeger_id, k]));
    expect(body.kandidater.slice(0, 2).map((k: { ansoeger_id: number; rang: number }) => [k.ansoeger_id, k.rang]), JSON.stringify(body.kandidater[0])).toEqual([[foerst, 1], [egnet, 2]]);
    expect(by[stor]).toMatchObject({ vurdering: 'udelukket', rang: null });
    expect(by[stor].grunde[0].tekst).toContain('For få værelser');
    expect(by[loesladt].vurdering).toBe('udelukket');
    expect(by[loesladt].grunde.find((g: { slags: string }) => g.slags === 'lov').paragraf).toContain('§ 59');
    expect(by[tom]).toMatchObject({ vurdering: 'ikke_afgjort' });
    const logged = await ctx.db.pool.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity = 'ansoeger' AND action = 'laes-sag'`);
    expect(logged.rows[0].n).toBeGreaterThan(0);
    expect((await req('GET', `/api/anvisning/ledige/${ids.l3}/kandidater`, orgB)).statusCode).toBe(403);
    Object.assign(ids, { egnet, foerst, loesladt, stor, tom });
  });

  it('offers the vacancy within the law, records refusal and acceptance; acceptance uses the dwelling and closes the case', async () => {
    const refused = await req('POST', '/api/anvisning/tilbud', anvisning, { anvisningsbolig_id: ids.l3, ansoeger_id: ids.loesladt, dato: '2026-02-01' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('§ 59');
    const first = await req('POST', '/api/anvisning/tilbud', anvisning, { anvisningsbolig_id: ids.l3, ansoeger_id: ids.egnet, dato: '2026-02-01' });
    expect(first.statusCode, first.body).toBe(201);
    const busy = await req('POST', '/api/anvisning/tilbud', anvisning, { anvisningsbolig_id: ids.l3, ansoeger_id: ids.foerst, dato: '2026-02-01' });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.message).toContain('allerede tilbudt');
    const no = await req('POST', `/api/anvisning/tilbud/${first.json().tilbud.id}/svar`, anvisning, { svar: 'afslaaet', grund: 'beliggenhed' });
    expect(no.json()).toMatchObject({ status: 'afslaaet', afslag_grund: 'beliggenhed' });
    const second = (await req('POST', '/api/anvisning/tilbud', anvisning, { anvisningsbolig_id: ids.l3, ansoeger_id: ids.foerst, dato: '2026-02-01' })).json().tilbud;
    const yes = await req('POST', `/api/anvisning/tilbud/${second.id}/svar`, anvisning, { svar: 'accepteret', lejestart: '2026-02-01' });
    expect(yes.statusCode, yes.body).toBe(200);
    // 1 June 2025 to 1 February 2026.
    expect(yes.json()).toMatchObject({ status: 'accepteret', lejestart: '2026-02-01', dage_fra_ansoegning: 245 });
    expect((await req('GET', `/api/anvisning/ledige?status=brugt`, orgB)).json().items.map((l: { id: number }) => l.id)).toEqual([ids.l3]);
    const sag = (await ctx.db.pool.query('SELECT status FROM ansoeger WHERE id = $1', [ids.foerst])).rows[0];
    expect(sag.status).toBe('lukket');
    expect((await req('POST', `/api/anvisning/tilbud/${second.id}/svar`, anvisning, { svar: 'udeblevet' })).statusCode).toBe(409);
    const list = (await req('GET', `/api/anvisning/tilbud?anvisningsbolig_id=${ids.l3}`, anvisning)).json().items;
    expect(list.map((t: { status: string }) => t.status)).toEqual(['accepteret', 'afslaaet']);
  });

  it("keeps the municipality's liabilities: claims by the organisations, decisions, payment and balance; an organisation sees its own", async () => {
    const claim = (auth: AuthHeaders, body: object) => req('POST', '/api/anvisning/krav', auth, body);
    const orgAId = (await ctx.db.pool.query('SELECT boligorganisation_id FROM afdeling WHERE id = $1', [ids.afdA])).rows[0].boligorganisation_id;
    const orgBId = (await ctx.db.pool.query('SELECT boligorganisation_id FROM afdeling WHERE id = $1', [ids.afdB])).rows[0].boligorganisation_id;
    const ok = await claim(orgA, { boligorganisation_id: orgAId, anvisningsbolig_id: ids.l2, art: 'tomgangsleje', beloeb: 3000, periode_fra: '2026-02-01', periode_til: '2026-02-28' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await claim(orgA, { boligorganisation_id: orgBId, art: 'andet', beloeb: 10 })).statusCode).toBe(404);
    expect((await claim(orgA, { boligorganisation_id: orgAId, anvisningsbolig_id: ids.l3, art: 'andet', beloeb: 10 })).statusCode).toBe(404);
    const badPeriod = await claim(orgA, { boligorganisation_id: orgAId, art: 'restance', beloeb: 10, periode_fra: '2026-03-01', periode_til: '2026-02-01' });
    expect(badPeriod.statusCode).toBe(400);
    await claim(anvisning, { boligorganisation_id: orgBId, art: 'istandsaettelse', beloeb: 12000, beskrivelse: 'Maling og gulve' });
    expect((await req('GET', '/api/anvisning/krav', orgB)).json().items.map((k: { art: string }) => k.art)).toEqual(['istandsaettelse']);
    const id = ok.json().id;
    expect((await req('POST', `/api/anvisning/krav/${id}/afgoerelse`, orgA, { status: 'godkendt', godkendt_beloeb: 3000 })).statusCode).toBe(403);
    const tooMuch = await req('POST', `/api/anvisning/krav/${id}/afgoerelse`, anvisning, { status: 'godkendt', godkendt_beloeb: 3500 });
    expect(tooMuch.statusCode).toBe(400);
    expect((await req('POST', `/api/anvisning/krav/${id}/afgoerelse`, anvisning, { status: 'betalt', betalt_dato: '2026-03-10' })).json().error.message).toBe('Kun et godkendt krav kan betales.');
    expect((await req('POST', `/api/anvisning/krav/${id}/afgoerelse`, anvisning, { status: 'godkendt', godkendt_beloeb: 2500 })).statusCode).toBe(200);
    expect((await req('POST', `/api/anvisning/krav/${id}/afgoerelse`, anvisning, { status: 'afvist', grund: 'x' })).statusCode).toBe(409);
    let saldo = (await req('GET', '/api/anvisning/krav', anvisning)).json().saldo;
    expect(saldo).toEqual([
      expect.objectContaining({ boligorganisation_navn: 'Boligselskabet A', kraevet: 3000, godkendt_ubetalt: 2500, betalt: 0 }),
      expect.objectContaining({ boligorganisation_navn: 'Boligselskabet B', kraevet: 12000, til_behandling: 12000 }),
    ]);
    await req('POST', `/api/anvisning/krav/${id}/afgoerelse`, anvisning, { status: 'betalt', betalt_dato: '2026-03-10' });
    saldo = (await req('GET', '/api/anvisning/krav', orgA)).json().saldo;
    expect(saldo).toEqual([expect.objectContaining({ kraevet: 3000, godkendt_ubetalt: 0, betalt: 2500 })]);
  });

  it('filters the claims and the balance by municipality for a user of several; the balance counts every status', async () => {
    const K2 = '0147';
    const c = await f.boligorganisation(ctx.db, { kommunekode: K2, navn: 'Boligselskabet C' });
    const both = await sessionFor(app, ctx.db, [grant('anvisning', K), grant('anvisning', K2)]);
    const claim = await req('POST', '/api/anvisning/krav', both, { boligorganisation_id: c.id, art: 'tomgangsleje', beloeb: 1000 });
    expect(claim.statusCode, claim.body).toBe(201);
    expect(claim.json().kommunekode).toBe(K2);
    const orgs = (r: { json: () => { saldo: { boligorganisation_navn: string }[] } }) => r.json().saldo.map((x) => x.boligorganisation_navn);
    const all = await req('GET', '/api/anvisning/krav', both);
    expect(orgs(all)).toEqual(['Boligselskabet A', 'Boligselskabet B', 'Boligselskabet C']);
    const inK = await req('GET', `/api/anvisning/krav?kommunekode=${K}`, both);
    expect(inK.json().items.every((k: { kommunekode: string }) => k.kommunekode === K)).toBe(true);
    expect(orgs(inK)).toEqual(['Boligselskabet A', 'Boligselskabet B']);
    const inK2 = await req('GET', `/api/anvisning/krav?kommunekode=${K2}`, both);
    expect(inK2.json().items.map((k: { boligorganisation_navn: string }) => k.boligorganisation_navn)).toEqual(['Boligselskabet C']);
    expect(inK2.json().saldo).toEqual([expect.objectContaining({ boligorganisation_navn: 'Boligselskabet C', kraevet: 1000, til_behandling: 1000 })]);
    // With a status the list narrows, the balance of the municipality does not.
    const paid = (await req('GET', `/api/anvisning/krav?kommunekode=${K}&status=betalt`, both)).json();
    expect(paid.items.map((k: { status: string }) => k.status)).toEqual(['betalt']);
    expect(paid.saldo.map((x: { boligorganisation_navn: string }) => x.boligorganisation_navn)).toEqual(['Boligselskabet A', 'Boligselskabet B']);
    // A municipality outside the user's: nothing; a single-municipality user sees only its own.
    expect((await req('GET', `/api/anvisning/krav?kommunekode=${K2}`, anvisning)).json()).toEqual({ items: [], saldo: [] });
    expect((await req('GET', `/api/anvisning/krav?kommunekode=${K2}`, orgA)).json()).toEqual({ items: [], saldo: [] });
    expect((await req('GET', '/api/anvisning/krav?kommunekode=12', both)).statusCode).toBe(400);
  });

  it('shows the family dwellings by rent band and area category, with own limits', async () => {
    for (const [afdeling_id, husleje_maaned] of [[ids.afdA, 3200], [ids.afdA, 3900], [ids.afdB, 4400], [ids.afdB, 5000], [ids.afdB, 3499.99]] as const) {
      await f.bolig(ctx.db, { afdeling_id, kommunekode: K, husleje_maaned, boligtype: 'familie' });
    }
    await f.bolig(ctx.db, { afdeling_id: ids.youth, kommunekode: K, husleje_maaned: 2500, boligtype: 'ungdom' });
    const res = await req('GET', `/api/anvisning/billige-boliger?kommunekode=${K}&aar=2026`, anvisning);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b.raekker.map((r: { interval: string; i_alt: number }) => [r.interval, r.i_alt])).toEqual([
      ['under 3.500 kr.', 2],
      ['3.500-4.000 kr.', 1],
      ['4.000-4.500 kr.', 1],
      ['4.500 kr. og derover', 1],
    ]);
    // B-parken is in Havneparken, an udsat boligområde on the list of 1 December 2025.
    expect(b.raekker[0]).toMatchObject({ 'Ikke på en liste': 1, 'Udsat boligområde': 1 });
    const own = (await req('GET', `/api/anvisning/billige-boliger?kommunekode=${K}&aar=2026&graenser=4000`, anvisning)).json();
    expect(own.raekker.map((r: { i_alt: number }) => r.i_alt)).toEqual([3, 2]);
    expect((await req('GET', `/api/anvisning/billige-boliger?kommunekode=${K}&graenser=4000,3500`, anvisning)).statusCode).toBe(400);
    expect((await req('GET', `/api/anvisning/billige-boliger?kommunekode=${K}`, orgA)).statusCode).toBe(403);
  });

  it('keeps temporary tools with their end and follow-up', async () => {
    const bad = await req('POST', '/api/anvisning/midlertidige', anvisning, { ansoeger_id: ids.egnet, art: 'huslejetilskud', fra: '2026-03-01', til: '2026-08-31' });
    expect(bad.statusCode).toBe(400);
    const ok = await req('POST', '/api/anvisning/midlertidige', anvisning, { ansoeger_id: ids.egnet, art: 'huslejetilskud', beloeb_maaned: 800, fra: '2026-03-01', til: '2026-08-31', opfoelgning: '2026-06-01', ved_udloeb: 'Revurdering af betalingsevne' });
    expect(ok.statusCode, ok.body).toBe(201);
    await req('POST', '/api/anvisning/midlertidige', anvisning, { ansoeger_id: ids.stor, art: 'tidsbegraenset_lejemaal', fra: '2026-01-01', til: '2027-12-31', ved_udloeb: 'Overgår til permanent lejemål' });
    const list = (await req('GET', '/api/anvisning/midlertidige', anvisning)).json().items;
    expect(list.map((m: { art: string }) => m.art)).toEqual(['huslejetilskud', 'tidsbegraenset_lejemaal']);
    // One case's tools; the read is logged for that case.
    const logged = async () => (await ctx.db.pool.query(`SELECT entity_id FROM audit_event WHERE entity = 'ansoeger' AND action = 'laes-sag' ORDER BY id DESC LIMIT 1`)).rows[0];
    const mine = await req('GET', `/api/anvisning/midlertidige?ansoeger_id=${ids.stor}`, anvisning);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items).toEqual([expect.objectContaining({ ansoeger_id: ids.stor, art: 'tidsbegraenset_lejemaal', kommunekode: K })]);
    expect(Number((await logged()).entity_id)).toBe(ids.stor);
    expect((await req('GET', `/api/anvisning/midlertidige?ansoeger_id=${ids.tom}`, anvisning)).json().items).toEqual([]);
    // A case of another municipality is not found, as the case itself.
    const other = await sessionFor(app, ctx.db, [grant('anvisning', '0147')]);
    const foreign = (await req('POST', '/api/ansoegere', other, { kommunekode: '0147', cpr: '020285-4321', navn: 'Anden Andersen', maalgruppe: 'hjemløse' })).json().id;
    expect((await req('GET', `/api/anvisning/midlertidige?ansoeger_id=${foreign}`, anvisning)).statusCode).toBe(404);
    expect((await req('GET', '/api/anvisning/midlertidige?ansoeger_id=x', anvisning)).statusCode).toBe(400);
    expect((await req('POST', `/api/anvisning/midlertidige/${ok.json().id}/afslut`, anvisning)).statusCode).toBe(200);
    expect((await req('POST', `/api/anvisning/midlertidige/${ok.json().id}/afslut`, anvisning)).statusCode).toBe(404);
  });

  it('gives the committee its statistics as JSON, PDF and xlsx', async () => {
    const res = await req('GET', `/api/anvisning/statistik?kommunekode=${K}&aar=2026`, anvisning);
    expect(res.statusCode, res.body).toBe(200);
    const st = res.json();
    // One lease: every count about it is under 5 and hidden (decision 005), the waiting time too.
    expect(st).toMatchObject({ anvisninger: null, efter_maalgruppe: [{ noegle: 'hjemløse', antal: null }], efter_kategori: [{ noegle: 'Udsat boligområde', antal: null }], ventetid_dage: { median: null, skjult: true } });
    expect(st.efter_husleje.at(-1)).toEqual({ noegle: '4.500 kr. og derover', antal: null });
    expect(st.efter_husleje[0]).toEqual({ noegle: 'under 3.500 kr.', antal: 0 });
    expect(st.returnerede).toEqual([{ noegle: 'for_dyr', antal: 1 }]);
    expect(st.andel.ret_pct).toBe(25);
    const pdf = await req('GET', `/api/anvisning/statistik?kommunekode=${K}&aar=2026&format=pdf`, anvisning);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await req('GET', `/api/anvisning/statistik?kommunekode=${K}&aar=2026&format=xlsx`, anvisning);
    expect(xlsx.statusCode).toBe(200);
  });

  it('proposes a batch assignment of all open vacancies within the rules, with a reason for each decision; nothing is written', async () => {
    const l4 = (await req('POST', '/api/anvisning/ledige', orgA, offer(ids.afdA, { adresse: 'Skovvej 2', vaerelser: 2, husleje_maaned: 4000, svarfrist: '2026-12-20', ledig_fra: '2027-01-01' }))).json().id;
    const l5 = (await req('POST', '/api/anvisning/ledige', orgA, offer(ids.afdA, { adresse: 'Skovvej 9', vaerelser: 5, areal_m2: 130, husleje_maaned: 12500, svarfrist: '2026-12-20', ledig_fra: '2027-01-01' }))).json().id;
    const before = (await ctx.db.pool.query('SELECT count(*)::int AS n FROM anvisning_tilbud')).rows[0].n;
    const res = await req('POST', '/api/anvisning/tildeling', anvisning, { kommunekode: K, dato: '2026-02-15' });
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json();
    expect(t.antalHuset).toBe(1);
    const egnet = { ansoeger_id: ids.egnet, navn: 'E.E.', betegnelse: `sag nr. ${ids.egnet}, E.E.` };
    const skovvej = { anvisningsbolig_id: l4, adresse: 'Skovvej 2', afdeling_navn: 'A-gården', betegnelse: 'Skovvej 2 (A-gården)' };
    expect(t.tildelinger).toEqual([{ ledighedId: String(l4), ansoegerId: String(ids.egnet), behovsmatch: expect.any(Number), sag: egnet, bolig: skovvej }]);
    // The reasons name the case by number and initials and the dwelling by address and afdeling, in Danish; the ids are fields.
    const given = t.ledigheder.find((d: { ledighedId: string }) => d.ledighedId === String(l4));
    expect(given).toMatchObject({ udfald: 'tildelt', ansoegerId: String(ids.egnet), sag: egnet, bolig: skovvej });
    expect(given.begrundelse).toMatch(new RegExp(`^Tildelt sag nr\\. ${ids.egnet}, E\\.E\\. \\(prioritet 2, `));
    const housed = t.ansoegere.find((d: { ansoegerId: string }) => d.ansoegerId === String(ids.egnet));
    expect(housed).toMatchObject({ udfald: 'huset', ledighedId: String(l4), bolig: skovvej, sag: egnet });
    expect(housed.begrundelse).toMatch(/^Tildelt Skovvej 2 \(2 vær\., 62,5 m², 4\.000 kr\.\/md\., A-gården\): prioritet 2, /);
    const big = t.ledigheder.find((d: { ledighedId: string }) => d.ledighedId === String(l5));
    expect(big).toMatchObject({ udfald: 'ikke_tildelt', sag: null, bolig: { adresse: 'Skovvej 9', afdeling_navn: 'A-gården' } });
    expect(JSON.stringify(big.udelukket)).toContain('for dyr');
    const notHoused = t.ansoegere.find((d: { udfald: string }) => d.udfald === 'ikke_huset');
    expect(notHoused).toMatchObject({ bolig: null, sag: { betegnelse: expect.stringMatching(/^sag nr\. \d+, [A-ZÆØÅ]\.[A-ZÆØÅ]\.$/) } });
    // No full name is given out (forslag.test.ts: no reason names a bare id).
    expect(res.body).not.toContain('Egnet Eriksen');
    expect(t.navne).toBeUndefined();
    expect((await ctx.db.pool.query('SELECT count(*)::int AS n FROM anvisning_tilbud')).rows[0].n).toBe(before);
  });

  it('gives an open case the dwellings that fit: fitting first by svarfrist, the others with their reasons (§ 59 by the area); 404 outside the municipality; the read is logged', async () => {
    // Open now: Skovvej 2 and 9 (A-gården, svarfrist 20 December 2026) from the batch test; two more with earlier deadlines.
    const strandvej = (await req('POST', '/api/anvisning/ledige', orgA, offer(ids.afdA, { adresse: 'Strandvej 8', husleje_maaned: 3700, svarfrist: '2026-01-20' }))).json().id;
    const parkvej = (await req('POST', '/api/anvisning/ledige', orgB, offer(ids.afdB, { adresse: 'Parkvej 3', husleje_maaned: 3800, svarfrist: '2026-01-10' }))).json().id;
    const res = await req('GET', `/api/ansoegere/${ids.loesladt}/boliger?dato=2026-02-01`, anvisning);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ ansoeger_id: ids.loesladt, kommunekode: K });
    type B = { id: number; adresse: string; vurdering: string; rang: number | null; dato: string; kategorier: string[]; grunde: { slags: string; paragraf: string | null; tekst: string }[]; netto_husleje: number | null; max_netto_husleje: number | null };
    const boliger = body.boliger as B[];
    expect(boliger.map((b) => [b.adresse, b.vurdering, b.rang])).toEqual([
      ['Strandvej 8', 'egnet', 1],
      ['Skovvej 2', 'egnet', 2],
      ['Parkvej 3', 'udelukket', null],
      ['Skovvej 9', 'udelukket', null],
    ]);
    const by = Object.fromEntries(boliger.map((b) => [b.adresse, b]));
    expect(by['Strandvej 8']).toMatchObject({ id: strandvej, dato: '2026-02-01', kategorier: [], afdeling_navn: 'A-gården', netto_husleje: expect.any(Number), max_netto_husleje: 7500 });
    expect(by['Strandvej 8'].netto_husleje!).toBeLessThanOrEqual(3700);
    // B-parken lies in Havneparken, udsat on the list of 1 December 2025: released within 6 months excludes (§ 59, stk. 6).
    expect(by['Parkvej 3']).toMatchObject({ id: parkvej, kategorier: expect.arrayContaining(['udsat']) });
    expect(by['Parkvej 3'].grunde).toEqual([expect.objectContaining({ slags: 'lov', paragraf: expect.stringContaining('§ 59, stk. 6') })]);
    expect(by['Skovvej 9'].grunde.map((g) => g.slags)).toEqual(expect.arrayContaining(['behov', 'betalingsevne']));
    // The same judgment as the vacancy's candidate list.
    const kandidat = (await req('GET', `/api/anvisning/ledige/${parkvej}/kandidater?dato=2026-02-01`, anvisning)).json().kandidater.find((k: { ansoeger_id: number }) => k.ansoeger_id === ids.loesladt);
    expect(kandidat).toMatchObject({ vurdering: by['Parkvej 3'].vurdering, grunde: by['Parkvej 3'].grunde, netto_husleje: by['Parkvej 3'].netto_husleje });
    // Another case is fit for Parkvej 3; a share of 5 % makes every dwelling too expensive.
    expect((await req('GET', `/api/ansoegere/${ids.egnet}/boliger?dato=2026-02-01`, anvisning)).json().boliger.map((b: B) => b.adresse).slice(0, 3)).toEqual(['Parkvej 3', 'Strandvej 8', 'Skovvej 2']);
    const tight = (await req('GET', `/api/ansoegere/${ids.egnet}/boliger?dato=2026-02-01&max_andel_pct=5`, anvisning)).json().boliger as B[];
    expect(tight.every((b) => b.vurdering === 'udelukket' && b.grunde.some((g) => g.slags === 'betalingsevne'))).toBe(true);
    // Without a date each dwelling is judged on the day it falls vacant, or today once that has passed.
    const today = new Date().toISOString().slice(0, 10);
    const plain = (await req('GET', `/api/ansoegere/${ids.egnet}/boliger`, anvisning)).json().boliger as B[];
    expect(plain.find((b) => b.adresse === 'Strandvej 8')!.dato).toBe(today > '2026-02-01' ? today : '2026-02-01');
    expect(plain.find((b) => b.adresse === 'Skovvej 2')!.dato).toBe(today > '2027-01-01' ? today : '2027-01-01');
    // A case without household facts: every dwelling 'ikke afgjort'.
    expect((await req('GET', `/api/ansoegere/${ids.tom}/boliger?dato=2026-02-01`, anvisning)).json().boliger.every((b: B) => b.vurdering === 'ikke_afgjort')).toBe(true);

    // The read is logged for this case.
    const last = (await ctx.db.pool.query(`SELECT entity_id, detail FROM audit_event WHERE entity = 'ansoeger' AND action = 'laes-sag' ORDER BY id DESC LIMIT 1`)).rows[0];
    expect(Number(last.entity_id)).toBe(ids.tom);
    await req('GET', `/api/ansoegere/${ids.loesladt}/boliger?dato=2026-02-01`, anvisning);
    const mine = (await ctx.db.pool.query(`SELECT entity_id, kommunekode FROM audit_event WHERE entity = 'ansoeger' AND action = 'laes-sag' ORDER BY id DESC LIMIT 1`)).rows[0];
    expect([Number(mine.entity_id), mine.kommunekode]).toEqual([ids.loesladt, K]);

    // Another municipality's case is not found (404, as a missing one); a closed case is not judged; organisations may not ask.
    const other = await sessionFor(app, ctx.db, [grant('anvisning', '0147')]);
    const foreign = (await req('POST', '/api/ansoegere', other, { kommunekode: '0147', cpr: '020285-4321', navn: 'Fjern Fjordsen', maalgruppe: 'hjemløse' })).json().id;
    const before = (await ctx.db.pool.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'laes-sag'`)).rows[0].n;
    const notFound = await req('GET', `/api/ansoegere/${foreign}/boliger`, anvisning);
    expect(notFound.statusCode).toBe(404);
    expect(notFound.json()).toEqual((await req('GET', '/api/ansoegere/999999/boliger', anvisning)).json());
    expect((await ctx.db.pool.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'laes-sag'`)).rows[0].n).toBe(before);
    expect((await req('GET', `/api/ansoegere/${foreign}/boliger`, other)).json().boliger).toEqual([]); // 0147 has no vacancies
    const closed = await req('GET', `/api/ansoegere/${ids.foerst}/boliger`, anvisning);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toBe('Sagen er lukket; kun åbne sager vurderes til de ledige boliger.');
    expect((await req('GET', `/api/ansoegere/${ids.egnet}/boliger`, orgA)).statusCode).toBe(403);
    expect((await req('GET', `/api/ansoegere/${ids.egnet}/boliger?dato=1.2.2026`, anvisning)).statusCode).toBe(400);
  });
});
