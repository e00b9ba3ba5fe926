import { it, expect, beforeAll, afterAll, describe } from 'vitest';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { describeDb } from '../../../tests/db.ts';
import * as f from '../../../tests/factories.ts';
import { buildTestApp, grant, sessionFor, type AuthHeaders } from '../../../tests/app.ts';
import type { App } from '../../http/server.ts';
import { systemActor } from '../../http/access.ts';
import { loadLaw } from '../../law/params.ts';
import { saveComputation } from '../arealists/store.ts';
import { ledger } from './ledger.ts';
import { kanalAndeleFraHistorik, prognose } from '../../rules/prognose.ts';
import { pdfText } from '../../../tests/pdf-text.ts';

const K = '0250'; // Frederikssund

describe('quota ledger', () => {
  const base = { afdeling_navn: 'A', boligorganisation_id: 1, boligorganisation_navn: 'O', venteliste: 0, fleksibel_udlejning: 0, intern_oprykning: 0, andet: 0, trin: 'Gul' };
  it('quota is the share of the vacancies; the balance runs over the years and breaks on a year without a quota', () => {
    const l = ledger([
      { ...base, afdeling_id: 1, aar: 2024, ledige_familieboliger: 10, kommunal_anvisning: 2, anvisningPct: 25, fleksibelPct: 50 },
      { ...base, afdeling_id: 1, aar: 2025, ledige_familieboliger: 8, kommunal_anvisning: 3, anvisningPct: 25, fleksibelPct: 50, fleksibel_udlejning: 2 },
      { ...base, afdeling_id: 1, aar: 2026, ledige_familieboliger: 4, kommunal_anvisning: 1, anvisningPct: null, fleksibelPct: null, trin: null },
      { ...base, afdeling_id: 2, aar: 2024, ledige_familieboliger: 0, kommunal_anvisning: 0, anvisningPct: 25, fleksibelPct: 0 },
    ]);
    expect(l.afdelinger.map((r) => [r.aar, r.kvote_anvisning, r.afvigelse_anvisning, r.saldo_anvisning])).toEqual([
      [2024, 2.5, -0.5, -0.5],
      [2025, 2, 1, 0.5],
      [2026, null, null, null],
      [2024, 0, 0, 0],
    ]);
    // Fleksibel: 50 % of the vacancies not anvist: (8 - 3) x 50 % = 2.5; 2 happened.
    expect(l.afdelinger[1]).toMatchObject({ kvote_fleksibel: 2.5, afvigelse_fleksibel: -0.5, saldo_fleksibel: -4.5, ikke_udlejet: 3 });
    expect(l.kommune.map((r) => [r.aar, r.ledige_familieboliger, r.kvote_anvisning, r.saldo_anvisning])).toEqual([
      [2024, 10, 2.5, -0.5],
      [2025, 8, 2, 0.5],
      [2026, 4, null, null],
    ]);
  });
});

describeDb('udlejningsaftale routes', (ctx) => {
  let app: App;
  let kontor: AuthHeaders;
  let laeser: AuthHeaders;
  const ids: Record<string, number> = {};
  const req = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, auth = kontor) => app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
    const db = ctx.db;
    await f.truncateRegister(db);
    kontor = await sessionFor(app, db, [grant('boligkontor', K)]);
    laeser = await sessionFor(app, db, [grant('laeser', K)]);
    const org = await f.boligorganisation(db, { kommunekode: K, navn: 'Boligselskabet Fjord' });
    const other = await f.boligorganisation(db, { kommunekode: K, navn: 'Andelsboligforeningen Udenfor' });
    ids.org = org.id;
    ids.a1 = (await f.afdeling(db, { kommunekode: K, boligorganisation_id: org.id, navn: 'Engparken', antal_familie: 100 })).id;
    ids.a2 = (await f.afdeling(db, { kommunekode: K, boligorganisation_id: org.id, navn: 'Havnevej', antal_familie: 60 })).id;
    await f.afdeling(db, { kommunekode: K, boligorganisation_id: org.id, navn: 'Kollegiet', antal_familie: 0, antal_ungdom: 40 });
    await f.afdeling(db, { kommunekode: K, boligorganisation_id: other.id, navn: 'Udenfor', antal_familie: 40 });
    await f.boligomraade(db, { kode: 'BO-U', navn: 'Havneområdet', kommunekode: K, afdeling_ids: [ids.a2] });
    await f.noegletal(db, { afdeling_id: ids.a1, aar: 2023, uden_for_arbejde_pct: 20, husstande: 90, fraflytning_pct: 8 });
    await f.noegletal(db, { afdeling_id: ids.a2, aar: 2023, uden_for_arbejde_pct: 45, husstande: 55, fraflytning_pct: 10 });
    const let_ = (afdeling_id: number, aar: number, v: Record<string, number>) =>
      f.insertRow(db, 'udlejning', { afdeling_id, kommunekode: K, aar, kilde: 'Test', opgjort_pr: `${aar}-12-31`, ...v });
    await let_(ids.a1, 2024, { ledige_familieboliger: 10, kommunal_anvisning: 2, venteliste: 8 });
    await let_(ids.a2, 2024, { ledige_familieboliger: 6, fleksibel_udlejning: 4, venteliste: 2 });
    // The list of 1 December 2023 (computed) puts BO-U on the udsat list for lettings in 2024.
    const row = { listeaar: 2023, omraade_kode: 'BO-U', omraade_navn: 'Havneområdet', kommunekode: 250, beboere: 1200, ikkevestlige_pct: 20, udenfor_pct_aar1: 45, udenfor_pct_aar2: 45, doemte_pct_aar1: 2.5, doemte_pct_aar2: 2.5, doemte_landsgns_pct_aar1: 0.7, doemte_landsgns_pct_aar2: 0.7, grundskole_pct: 30, indkomst_pct_af_region: 80 };
    await saveComputation(db, systemActor('test'), loadLaw(), { kommunekode: K, kilde: 'indikatorfil', rows: [row], mangler: [] });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates an agreement with the default trappemodel and warns when it covers more than half of the family dwellings', async () => {
    const bad = await req('POST', '/api/udlejningsaftaler', { kommunekode: K, navn: 'X', gyldig_fra: '2024-01-01', gyldig_til: '2023-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('gyldig_til');
    expect((await req('POST', '/api/udlejningsaftaler', { kommunekode: K, navn: 'X', gyldig_fra: '2024-01-01', gyldig_til: '2027-12-31' }, laeser)).statusCode).toBe(403);
    const res = await req('POST', '/api/udlejningsaftaler', {
      kommunekode: K,
      navn: 'Udlejningsaftale 2024-2027',
      gyldig_fra: '2024-01-01',
      gyldig_til: '2027-12-31',
      fleksibel_udlejning: true,
      maal: 'Flere i beskæftigelse i Havnevej.',
      samarbejde: { politisk_moede: 'Årligt i marts', moededatoer: ['2025-03-12'] },
      parter: [ids.org],
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.aftale = res.json().id;
    expect(res.json().trappemodel.trin.map((t: { id: string }) => t.id)).toHaveLength(3);
    const d = (await req('GET', `/api/udlejningsaftaler/${ids.aftale}?aar=2024`, undefined, laeser)).json();
    // 160 of 200 family dwellings = 80 % > 50 %: the § 60 b option.
    expect(d.daekning).toEqual({ daekkede_familieboliger: 160, kommunens_familieboliger: 200 });
    expect(d.vurdering.advarsler.map((a: { kode: string }) => a.kode)).toContain('daekning_over_50_pct');
    expect(d.vurdering.advarsler.map((a: { kode: string }) => a.kode)).not.toContain('loebetid_over_max');
    expect(d.afdelinger.map((a: { afdeling_navn: string }) => a.afdeling_navn)).toEqual(['Engparken', 'Havnevej']);
  });

  it('places the afdelinger on steps from their figures; a manual placement needs a reason and is kept', async () => {
    const res = await req('POST', `/api/udlejningsaftaler/${ids.aftale}/placering`, { aar: 2024 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ placeret: 2, ikke_placeret: 0 });
    let d = (await req('GET', `/api/udlejningsaftaler/${ids.aftale}?aar=2024`)).json();
    const by = (n: string) => d.afdelinger.find((a: { afdeling_navn: string }) => a.afdeling_navn === n);
    const model = d.aftale.trappemodel.trin.map((t: { id: string }) => t.id);
    expect(by('Havnevej').placering.trin).toBe(model[0]); // 45 % over 40 %: the most vulnerable step
    expect(by('Engparken').placering.trin).toBe(model[2]);
    // Havnevej lies in an udsat boligområde (list of 1 December 2023): § 60, stk. 4 and § 59, stk. 6 apply.
    expect(by('Havnevej').kategorier).toContain('udsat');
    expect(by('Havnevej').redskaber).toMatchObject({ kommunal_anvisning_pct: 0, fleksibel_obligatorisk: true });
    expect(by('Havnevej').redskaber.lovbestemte.map((l: { paragraf: string }) => l.paragraf).join(' ')).toContain('§ 59');

    const noReason = await req('PUT', `/api/udlejningsaftaler/${ids.aftale}/placering/${ids.a1}`, { aar: 2024, trin: model[1] });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].field).toBe('begrundelse');
    const manual = await req('PUT', `/api/udlejningsaftaler/${ids.aftale}/placering/${ids.a1}`, { aar: 2024, trin: model[1], begrundelse: 'Ny helhedsplan fra 2024.' });
    expect(manual.statusCode, manual.body).toBe(200);
    expect(manual.json().historik.map((h: { manuel: boolean }) => h.manuel)).toEqual([true, false]);
    await req('POST', `/api/udlejningsaftaler/${ids.aftale}/placering`, { aar: 2024 });
    d = (await req('GET', `/api/udlejningsaftaler/${ids.aftale}?aar=2024`)).json();
    expect(by('Engparken').placering).toMatchObject({ trin: model[1], beregnet_trin: model[2], manuel: true, begrundelse: 'Ny helhedsplan fra 2024.' });
    const audit = await ctx.db.pool.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity = 'udlejningsaftale' AND action = 'placer-manuelt'`);
    expect(audit.rows[0].n).toBe(1);
  });

  it('keeps the quota ledger per afdeling, organisation and agreement, with export', async () => {
    const a = (await req('GET', `/api/udlejning/kvoter?aftale_id=${ids.aftale}`, undefined, laeser)).json();
    const eng = a.items.find((i: { navn: string }) => i.navn === 'Engparken');
    // Engparken on the yellow step (manual): 25 % of 10 vacancies = 2.5; 2 anvist.
    expect(eng).toMatchObject({ aar: 2024, kvote_anvisning: 2.5, kommunal_anvisning: 2, afvigelse_anvisning: -0.5, saldo_anvisning: -0.5 });
    const havn = a.items.find((i: { navn: string }) => i.navn === 'Havnevej');
    // Mandatory fleksibel udlejning (§ 60, stk. 4): every letting not anvist, 6; 4 happened.
    expect(havn).toMatchObject({ kvote_anvisning: 0, kvote_fleksibel: 6, fleksibel_udlejning: 4, afvigelse_fleksibel: -2 });
    const k = (await req('GET', `/api/udlejning/kvoter?aftale_id=${ids.aftale}&niveau=kommune`)).json();
    expect(k.items).toEqual([expect.objectContaining({ aar: 2024, navn: 'Hele aftalen', ledige_familieboliger: 16, kvote_anvisning: 2.5, kommunal_anvisning: 2 })]);
    const csv = await req('GET', `/api/udlejning/kvoter?aftale_id=${ids.aftale}&niveau=organisation&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Boligselskabet Fjord');
    const stranger = await sessionFor(app, ctx.db, [grant('laeser', '0101')]);
    expect((await req('GET', `/api/udlejning/kvoter?aftale_id=${ids.aftale}`, undefined, stranger)).statusCode).toBe(404);
  });

  it('takes lettings entered by hand, rejecting more lettings than vacancies and afdelinger of other municipalities', async () => {
    const v = { afdeling_id: ids.a1, aar: 2025, ledige_familieboliger: 4, venteliste: 3, fleksibel_udlejning: 0, kommunal_anvisning: 2, intern_oprykning: 0, andet: 0 };
    const tooMany = await req('PUT', '/api/udlejning/udlejninger', v);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('flere udlejninger end ledige');
    const ok = await req('PUT', '/api/udlejning/udlejninger', { ...v, venteliste: 2 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().kilde).toMatch(/^Indtastet af /);
    const foreign = await f.afdeling(ctx.db, { kommunekode: '0101' });
    expect((await req('PUT', '/api/udlejning/udlejninger', { ...v, venteliste: 2, afdeling_id: foreign.id })).statusCode).toBe(404);
    const rows = (await req('GET', `/api/udlejning/kvoter?aftale_id=${ids.aftale}`)).json().items.filter((i: { navn: string }) => i.navn === 'Engparken');
    expect(rows.map((r: { aar: number }) => r.aar)).toEqual([2024, 2025]);
  });

  it('forecasts the resident mix under the agreement, against own shares, for one afdeling and for all', async () => {
    const all = await req('GET', `/api/udlejningsaftaler/${ids.aftale}/prognose?aar=2024`, undefined, laeser);
    expect(all.statusCode, all.body).toBe(200);
    const havn = all.json().afdelinger.find((a: { afdeling_navn: string }) => a.afdeling_navn === 'Havnevej');
    // No anvisning and only fleksibel udlejning: the share falls, but only as fast as 10 % move out each year.
    expect(havn).toMatchObject({ startaar: 2023, start_pct: 45, taerskel: { vaerdiPct: 40, operator: '<=' } });
    expect(havn.slut_pct).toBeLessThan(45);
    expect(havn.slut_pct).toBeGreaterThan(45 * 0.9 ** 10 - 0.001);
    expect(havn.p10_slut_pct).toBeLessThanOrEqual(havn.slut_pct + 1);
    const one = await req('GET', `/api/udlejningsaftaler/${ids.aftale}/prognose?aar=2024&afdeling_id=${ids.a2}&anvisning_pct=50&koersler=200`);
    expect(one.statusCode, one.body).toBe(200);
    const sc = one.json().prognose.scenarier;
    expect(sc.map((x: { navn: string }) => x.navn)).toEqual(['Udlejningsaftale 2024-2027', 'Egne andele: 50 % anvisning, 100 % fleksibel']);
    const end = (x: { indikatorer: { forventetPct: number[] }[] }) => x.indikatorer[0].forventetPct.at(-1)!;
    expect(end(sc[1])).toBeGreaterThan(end(sc[0]));
    expect((await req('GET', `/api/udlejningsaftaler/${ids.aftale}/prognose?afdeling_id=999999`)).statusCode).toBe(404);
  });

  it("takes the in-movers' shares per channel from the afdeling's own history, else the generic ones, and the user's own in a scenario", async () => {
    // Engparken gets four more years of key figures and three more years of lettings; removed again at the end, so
    // the evaluation below sees the data it was written for.
    const hist = [
      [2019, 19],
      [2020, 19.3],
      [2021, 19.6],
      [2022, 19.8],
    ] as const;
    for (const [aar, pct] of hist) await f.noegletal(ctx.db, { afdeling_id: ids.a1, aar, uden_for_arbejde_pct: pct, husstande: 90, fraflytning_pct: 8 });
    for (const aar of [2021, 2022, 2023]) {
      await f.insertRow(ctx.db, 'udlejning', { afdeling_id: ids.a1, kommunekode: K, aar, kilde: 'Test', opgjort_pr: `${aar}-12-31`, ledige_familieboliger: 10, venteliste: 6, kommunal_anvisning: 2, fleksibel_udlejning: 1, intern_oprykning: 1 });
    }
    try {
      const url = `/api/udlejningsaftaler/${ids.aftale}/prognose?aar=2024&koersler=100&afdeling_id=`;
      const one = await req('GET', `${url}${ids.a1}`, undefined, laeser);
      expect(one.statusCode, one.body).toBe(200);
      const t = one.json().tilflytterandele;
      // The same derivation by hand: key figures 2019-2023 (4 transitions) and all lettings (2021-2025).
      const points = [...hist, [2023, 20]].map(([aar, andelPct]) => ({ aar, andelPct, fraflytningPct: 8 }));
      const lettings = { venteliste: 8 + 2 + 18, kommunal_anvisning: 2 + 2 + 6, fleksibel_udlejning: 3, intern_oprykning: 3, andet: 0 };
      const expected = kanalAndeleFraHistorik('uden_for_arbejde_pct', points, lettings)!;
      expect(t.historik.uden_for_arbejde_pct).toMatchObject({ brugt: true, overgange: 4, noegletal_fra_aar: 2019, noegletal_til_aar: 2023, udlejninger: 44, udlejninger_fra_aar: 2021, udlejninger_til_aar: 2025 });
      expect(t.historik.uden_for_arbejde_pct.samlet_pct).toBeCloseTo(expected.samletPct, 9);
      const used = t.scenarier[0].indikatorer.uden_for_arbejde_pct;
      expect(expected.afskaaret).toBe(false);
      expect(used.venteliste).toMatchObject({ kilde: 'historik', andel_pct: expect.closeTo(expected.andelePct.venteliste!, 9) });
      expect(used.venteliste.forklaring).toBe('afdelingens historik: nøgletal 2019–2023 (4 overgange), udlejninger 2021–2025');
      expect(used.andet.kilde).toBe('historik');
      expect(used.kommunal_anvisning).toEqual({ andel_pct: 65, kilde: 'standard', forklaring: 'generel standardværdi' });
      expect(used.fleksibel_udlejning).toEqual({ andel_pct: 10, kilde: 'standard', forklaring: 'generel standardværdi' });
      expect(used).not.toHaveProperty('intern_oprykning');
      // The engine got the same shares.
      expect(one.json().prognose.scenarier[0].indikatorer[0].tilflyttereAndelPct.venteliste).toBeCloseTo(expected.andelePct.venteliste!, 9);

      // Havnevej has one year of key figures and 6 lettings: the generic behaviour, with the reason.
      const havn = (await req('GET', `${url}${ids.a2}`)).json().tilflytterandele;
      expect(havn.historik.uden_for_arbejde_pct).toEqual({
        brugt: false,
        grund: 'For lidt historik: 0 overgange mellem to år i træk med nøgletal (kræver mindst 3) og 6 udlejninger udefra (kræver mindst 20).',
      });
      expect(havn.scenarier[0].indikatorer.uden_for_arbejde_pct.venteliste).toEqual({ andel_pct: 45, kilde: 'standard', forklaring: 'afdelingens nuværende andel' });

      // The user's own shares: a scenario of their own beside the agreement; the channels not given keep their defaults.
      const own = await req('GET', `${url}${ids.a1}&tilflytter_venteliste_pct=12.5&tilflytter_anvisning_pct=80`);
      expect(own.statusCode, own.body).toBe(200);
      const o = own.json();
      expect(o.prognose.scenarier.map((x: { navn: string }) => x.navn)).toEqual(['Udlejningsaftale 2024-2027', 'Egne andele: egne tilflytterandele']);
      const mine = o.tilflytterandele.scenarier[1].indikatorer.uden_for_arbejde_pct;
      expect(mine.venteliste).toEqual({ andel_pct: 12.5, kilde: 'bruger', forklaring: 'egen værdi' });
      expect(mine.kommunal_anvisning).toEqual({ andel_pct: 80, kilde: 'bruger', forklaring: 'egen værdi' });
      expect(mine.fleksibel_udlejning.kilde).toBe('standard');
      expect(mine.andet.kilde).toBe('historik');
      // The basis keeps the defaults; the user's shares apply to uden_for_arbejde_pct only.
      expect(o.tilflytterandele.scenarier[0].indikatorer.uden_for_arbejde_pct.venteliste.kilde).toBe('historik');
      expect(o.prognose.scenarier[1].indikatorer[0].tilflyttereAndelPct).toMatchObject({ venteliste: 12.5, kommunal_anvisning: 80 });
      // With own channel shares the same scenario carries both.
      const both = (await req('GET', `${url}${ids.a1}&anvisning_pct=50&tilflytter_andet_pct=0`)).json();
      expect(both.prognose.scenarier.at(-1).navn).toMatch(/^Egne andele: 50 % anvisning, [\d.]+ % fleksibel, egne tilflytterandele$/);
      expect(both.tilflytterandele.scenarier.at(-1).indikatorer.uden_for_arbejde_pct.andet).toMatchObject({ andel_pct: 0, kilde: 'bruger' });

      // Danish errors at the field: outside 0-100, not a number, and without an afdeling.
      const bad = await req('GET', `${url}${ids.a1}&tilflytter_venteliste_pct=120`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields).toEqual([{ field: 'querystring.tilflytter_venteliste_pct', message: 'Tilflytternes andel via venteliste skal være en procent mellem 0 og 100.' }]);
      const nan = await req('GET', `${url}${ids.a1}&tilflytter_fleksibel_pct=mange`);
      expect(nan.json().error.fields[0]).toEqual({ field: 'querystring.tilflytter_fleksibel_pct', message: 'Tilflytternes andel via fleksibel udlejning skal være en procent mellem 0 og 100.' });
      const all = await req('GET', `/api/udlejningsaftaler/${ids.aftale}/prognose?aar=2024&tilflytter_andet_pct=10`);
      expect(all.statusCode).toBe(400);
      expect(all.json().error).toMatchObject({ message: 'Egne tilflytterandele kan kun angives for én afdeling ad gangen.', fields: [{ field: 'querystring.tilflytter_andet_pct' }] });
    } finally {
      await ctx.db.pool.query('DELETE FROM noegletal WHERE afdeling_id = $1 AND aar < 2023', [ids.a1]);
      await ctx.db.pool.query('DELETE FROM udlejning WHERE afdeling_id = $1 AND aar BETWEEN 2021 AND 2023', [ids.a1]);
    }
  });

  it('adds a yearly annex and edits the agreement as a new version', async () => {
    const b = await req('POST', `/api/udlejningsaftaler/${ids.aftale}/bilag`, { aar: 2024, titel: 'Bilag 1: trinplacering 2024' });
    expect(b.statusCode).toBe(201);
    const cur = (await req('GET', `/api/udlejningsaftaler/${ids.aftale}`)).json().aftale;
    const put = await req('PUT', `/api/udlejningsaftaler/${ids.aftale}`, { ...cur, gyldig_til: '2028-01-01', parter: [ids.org] });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().version).toBe(2);
    // Someone else's edit in between: the stale version is refused, nothing is overwritten.
    const stale = await req('PUT', `/api/udlejningsaftaler/${ids.aftale}`, { ...cur, navn: 'Forældet', version: 1, parter: [ids.org] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('ændret af en anden');
    // Both versions are kept as saved: the first still ends in 2027, and the refused edit left no version.
    const versions = (await req('GET', `/api/udlejningsaftaler/${ids.aftale}/versioner`, undefined, laeser)).json();
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.map((v: { indhold: { gyldig_til: string; navn: string } }) => [v.indhold.gyldig_til, v.indhold.navn])).toEqual([['2028-01-01', cur.navn], [cur.gyldig_til, cur.navn]]);
    expect(versions[1].indhold.parter.map((p: { id: number }) => p.id)).toEqual([ids.org]);
    const v1 = await req('GET', `/api/udlejningsaftaler/${ids.aftale}/versioner?version=1`);
    expect(v1.json().map((v: { version: number }) => v.version)).toEqual([1]);
    expect((await req('GET', `/api/udlejningsaftaler/${ids.aftale}/versioner?version=9`)).statusCode).toBe(404);
    const model = await req('GET', '/api/udlejning/standardtrappe?dato=2026-01-01', undefined, laeser);
    expect(model.json().trin.map((t: { redskaber: { kommunalAnvisningPct: number } }) => t.redskaber.kommunalAnvisningPct)).toEqual([0, 25, 25]);
    const d = (await req('GET', `/api/udlejningsaftaler/${ids.aftale}?aar=2024`)).json();
    expect(d.vurdering.advarsler.map((x: { kode: string }) => x.kode)).toContain('loebetid_over_max');
    expect(d.bilag.map((x: { titel: string }) => x.titel)).toEqual(['Bilag 1: trinplacering 2024']);
  });

  it('writes every timestamp as ISO in UTC with milliseconds, in a saved version too (older versions rewritten by migration 012)', async () => {
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    const a = (await req('GET', `/api/udlejningsaftaler/${ids.aftale}`)).json().aftale;
    expect([a.oprettet_at, a.opdateret_at]).toEqual([expect.stringMatching(iso), expect.stringMatching(iso)]);
    const [latest] = (await req('GET', `/api/udlejningsaftaler/${ids.aftale}/versioner`)).json();
    expect(latest.gemt_at).toMatch(iso);
    expect([latest.indhold.oprettet_at, latest.indhold.opdateret_at]).toEqual([a.oprettet_at, a.opdateret_at]);
    // As earlier code saved them: PostgreSQL's text (a save) and to_jsonb's (migration 011's backfill).
    const old = { ...latest.indhold, oprettet_at: '2024-01-15 09:30:00.123456+01', opdateret_at: '2024-06-01T10:00:00.5+02:00' };
    await ctx.db.pool.query('INSERT INTO udlejningsaftale_version (aftale_id, version, indhold, gemt_af) VALUES ($1, 90, $2, $3)', [ids.aftale, JSON.stringify(old), 'test']);
    try {
      await ctx.db.pool.query(readFileSync(new URL('../../db/migrations/012_udlejningsaftale_version_tider.sql', import.meta.url), 'utf8'));
      const [v90] = (await req('GET', `/api/udlejningsaftaler/${ids.aftale}/versioner?version=90`)).json();
      expect([v90.indhold.oprettet_at, v90.indhold.opdateret_at]).toEqual(['2024-01-15T08:30:00.123Z', '2024-06-01T08:00:00.500Z']);
    } finally {
      await ctx.db.pool.query('DELETE FROM udlejningsaftale_version WHERE aftale_id = $1 AND version = 90', [ids.aftale]);
    }
  });

  // Issue 5, item 5: the yearly evaluation and the agreement as a document. After the tests above: the agreement
  // runs 2024 to 1 January 2028 (version 2), Engparken is on the yellow step by hand in 2024, Havnevej on the red
  // one in an udsat boligområde (mandatory fleksibel udlejning, no anvisning).
  const r2 = (n: number) => Math.round(n * 100) / 100;
  const goals = () => [
    { tekst: 'Havnevej under 36 %', noegletal: 'uden_for_arbejde_pct', operator: '<', vaerdi: 36, senest_aar: 2024, gaelder: [ids.a2] },
    { tekst: 'Havnevej højst 36 %', noegletal: 'uden_for_arbejde_pct', operator: '<=', vaerdi: 36, senest_aar: 2024, gaelder: [ids.a2] },
    { tekst: 'Samlet højst 26 %', noegletal: 'uden_for_arbejde_pct', operator: '<=', vaerdi: 26, senest_aar: 2024, gaelder: 'alle_afdelinger' },
    { tekst: 'Samlet under 26 %', noegletal: 'uden_for_arbejde_pct', operator: '<', vaerdi: 26, senest_aar: 2024, gaelder: 'alle_afdelinger' },
    { tekst: 'Engparken under 20 % senest 2025', noegletal: 'uden_for_arbejde_pct', operator: '<', vaerdi: 20, senest_aar: 2025, gaelder: [ids.a1] },
    { tekst: 'Færre med kun grundskole', noegletal: 'kun_grundskole_pct', operator: '<', vaerdi: 30, senest_aar: 2024, gaelder: 'alle_afdelinger' },
  ];

  it('takes measurable goals, validated in Danish, stored and returned', async () => {
    const cur = (await req('GET', `/api/udlejningsaftaler/${ids.aftale}`)).json().aftale;
    expect(cur.maalsaetninger).toEqual([]);
    const put = (maalsaetninger: object[]) => req('PUT', `/api/udlejningsaftaler/${ids.aftale}`, { ...cur, parter: [ids.org], maalsaetninger });
    const g = goals()[0];
    const cases: [object, string, string][] = [
      [{ ...g, noegletal: 'lykke_pct' }, 'maalsaetninger.0.noegletal', 'Nøgletallet skal være et af'],
      [{ ...g, vaerdi: 120 }, 'maalsaetninger.0.vaerdi', 'mellem 0 og 100 %'],
      [{ ...g, operator: '=' }, 'maalsaetninger.0.operator', 'Operatoren skal være'],
      [{ ...g, gaelder: 'nogle' }, 'maalsaetninger.0.gaelder', 'alle_afdelinger'],
      [{ ...g, senest_aar: 2023 }, 'maalsaetninger.0.senest_aar', 'tidligst være for 2024'],
    ];
    for (const [goal, field, message] of cases) {
      const res = await put([goal]);
      expect(res.statusCode, res.body).toBe(400);
      // Schema errors name the field under body (as every route's); the rules' own errors name it alone (as gyldig_til).
      const got = res.json().error.fields[0];
      expect({ ...got, field: got.field.replace(/^body\./, '') }).toMatchObject({ field, message: expect.stringContaining(message) });
    }
    // An afdeling of an organisation that is not a party is not covered.
    const udenfor = (await ctx.db.pool.query("SELECT id FROM afdeling WHERE navn = 'Udenfor'")).rows[0].id;
    const foreign = await put([{ ...g, gaelder: [Number(udenfor)] }]);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields[0].field).toBe('maalsaetninger.0.gaelder');
    const ok = await put(goals());
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().maalsaetninger).toEqual(goals());
    expect(ok.json().version).toBe(3);
  });

  it('evaluates a year: actual figures against the forecast made at the start, goals at their boundaries, placements, categories and quotas', async () => {
    // Figures of 2024 (2023 are set up above): overall (100 x 21 + 50 x 36) / 150 = 26 % exactly.
    await f.noegletal(ctx.db, { afdeling_id: ids.a1, aar: 2024, uden_for_arbejde_pct: 21, husstande: 100, fraflytning_pct: 8 });
    await f.noegletal(ctx.db, { afdeling_id: ids.a2, aar: 2024, uden_for_arbejde_pct: 36, husstande: 50, fraflytning_pct: 10 });
    const res = await req('GET', `/api/udlejningsaftaler/${ids.aftale}/evaluering?aar=2024`, undefined, laeser);
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    expect(e).toMatchObject({ aar: 2024, startaar: 2024, kommune: { kode: K, demo: false }, prognose: { startaar: 2024, noegletal_til: 2023, horisont: 10, koersler: 1000, seed: 1 } });
    expect(e.prognose.grundlag).toContain('deterministisk');

    // The engine called directly with the facts at the start: Havnevej 45 % of 55 households, 10 % move out, every
    // letting fleksibel (§ 60, stk. 4, no anvisning on the red step); Engparken 20 % of 90, 8 % move out, the yellow
    // step: 25 % anvisning, 50 % fleksibel of the rest, the waiting list the remaining 37,5 %.
    const engine = (id: number, enheder: number, fraflytningPct: number, andelPct: number, kanalfordelingPct: object) =>
      prognose({ id: String(id), startaar: 2023, enheder, fraflytningPct, indikatorer: [{ navn: 'uden_for_arbejde_pct', andelPct, taerskel: { vaerdiPct: 40, operator: '<=' } }], scenarier: [{ navn: 'x', kanalfordelingPct }] }).scenarier[0]
        .indikatorer[0];
    const havnE = engine(ids.a2, 55, 10, 45, { fleksibel_udlejning: 100 });
    const engE = engine(ids.a1, 90, 8, 20, { kommunal_anvisning: 25, fleksibel_udlejning: 37.5, venteliste: 37.5 });
    // 45 x 0,9 + 0,1 x 10 (the generic share of fleksibel in-movers) = 41,5; 20 x 0,92 + 0,08 x (0,25 x 65 + 0,375 x 10 + 0,375 x 20) = 20,6.
    expect(havnE.forventetPct[1]).toBeCloseTo(41.5, 9);
    expect(engE.forventetPct[1]).toBeCloseTo(20.6, 9);
    const by = (n: string) => e.afdelinger.find((a: { afdeling_navn: string }) => a.afdeling_navn === n);
    const havn = by('Havnevej');
    const eng = by('Engparken');
    expect(havn.indikatorer).toEqual([
      { noegletal: 'uden_for_arbejde_pct', start_aar: 2023, start_pct: 45, faktisk_pct: 36, forventet_pct: 41.5, p10_pct: r2(havnE.mc!.p10Pct[1]), p90_pct: r2(havnE.mc!.p90Pct[1]), i_baandet: false },
    ]);
    expect(eng.indikatorer[0]).toMatchObject({ start_pct: 20, faktisk_pct: 21, forventet_pct: 20.6, p10_pct: r2(engE.mc!.p10Pct[1]), p90_pct: r2(engE.mc!.p90Pct[1]), i_baandet: true });
    expect(havn.indikatorer[0].p10_pct).toBeGreaterThan(36);
    // Recomputing gives the same numbers (fixed seed).
    const again = (await req('GET', `/api/udlejningsaftaler/${ids.aftale}/evaluering?aar=2024`)).json();
    expect(again.afdelinger).toEqual(e.afdelinger);

    // Overall, household-weighted: actual 26 %; forecast (100 x 20,6 + 50 x 41,5) / 150.
    expect(e.samlet[0]).toMatchObject({ noegletal: 'uden_for_arbejde_pct', faktisk_pct: 26, afdelinger_med_tal: 2, afdelinger: 2, husstande: 150 });
    expect(e.samlet[0].sammenligning).toMatchObject({ afdelinger: 2, faktisk_pct: 26, forventet_pct: r2((100 * 20.6 + 50 * 41.5) / 150), baand: 'normaltilnaermelse' });

    // Goals at their boundaries: 36 is not under 36 but is at most 36; 26 is at most 26, not under; due in 2025: not yet.
    expect(e.maal.map((m: { status: string }) => m.status)).toEqual(['ikke_opfyldt', 'opfyldt', 'opfyldt', 'ikke_opfyldt', 'ikke_forfalden', 'intet_tal']);
    expect(e.maal[2]).toMatchObject({ vaerdi: 26, opfyldt: true });
    expect(e.maal[0].afdelinger).toEqual([{ afdeling_id: ids.a2, afdeling_navn: 'Havnevej', vaerdi: 36, opfyldt: false, skjult: false }]);
    expect(e.maal[4]).toMatchObject({ opfyldt: false });
    expect(e.maal[4].forklaring).toContain('ikke forfaldent før 2025');

    // The year's placements, tools, categories and quota ledger.
    expect(eng.placering).toMatchObject({ trin: 'gul', manuel: true, begrundelse: 'Ny helhedsplan fra 2024.' });
    expect(havn).toMatchObject({ kategorier: ['udsat'], redskaber: { kommunal_anvisning_pct: 0, fleksibel_udlejning_pct: 100, fleksibel_obligatorisk: true } });
    expect(eng.kvoter).toMatchObject({ kvote_anvisning: 2.5, kommunal_anvisning: 2, saldo_anvisning: -0.5, kvote_fleksibel: 4, fleksibel_udlejning: 0 });
    expect(e.kvoter.samlet).toMatchObject({ aar: 2024, ledige_familieboliger: 16, kvote_anvisning: 2.5, kommunal_anvisning: 2, saldo_anvisning: -0.5, kvote_fleksibel: 10, fleksibel_udlejning: 4, saldo_fleksibel: -6 });
    expect(e.sammenfatning.join(' ')).toContain('2 opfyldt, 2 ikke opfyldt, 1 ikke forfaldent endnu, 1 intet tal');

    // 2025: the goal is due and there is no figure yet; the years outside the agreement are refused.
    const y25 = (await req('GET', `/api/udlejningsaftaler/${ids.aftale}/evaluering?aar=2025`)).json();
    expect(y25.maal[4]).toMatchObject({ status: 'intet_tal', opfyldt: null });
    expect(y25.afdelinger.find((a: { afdeling_navn: string }) => a.afdeling_navn === 'Engparken').indikatorer[0]).toMatchObject({ faktisk_pct: null, forventet_pct: r2(engE.forventetPct[2]), i_baandet: null });
    const outside = await req('GET', `/api/udlejningsaftaler/${ids.aftale}/evaluering?aar=2029`);
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields[0].field).toBe('aar');
  });

  it('writes the evaluation as PDF and xlsx, marks demo data, and keeps it within the municipality', async () => {
    const pdf = await req('GET', `/api/udlejningsaftaler/${ids.aftale}/evaluering?aar=2024&format=pdf`, undefined, laeser);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf.rawPayload).text;
    for (const t of ['Årlig evaluering 2024: Udlejningsaftale 2024-2027', 'Beregnet af Almen; tallene er kommunens egne beregninger.', 'Sammenfatning 2024', 'Kvoteregnskab 2024', 'Havnevej', '41,50', 'ikke opfyldt', 'Alle afdelinger (husstandsvægtet)']) {
      expect(text).toContain(t);
    }
    expect(text.replace(/\s+/g, ' ')).toContain('fast seed 1');
    expect(text).not.toContain('demodata');

    const xlsx = await req('GET', `/api/udlejningsaftaler/${ids.aftale}/evaluering?aar=2024&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sammenfatning', 'Mål', 'Nøgletal og prognose', 'Trin og redskaber', 'Kvoteregnskab', 'Om beregningen']);
    const rows = wb.getWorksheet('Nøgletal og prognose')!.getSheetValues().filter(Boolean) as unknown[][];
    const havn = rows.find((r) => r[1] === 'Havnevej')!;
    expect(havn.slice(3, 10)).toEqual([2023, 45, 36, 41.5, expect.any(Number), expect.any(Number), 'nej']);

    await ctx.db.pool.query('UPDATE kommune SET demo = true WHERE kode = $1', [K]);
    try {
      const demo = await req('GET', `/api/udlejningsaftaler/${ids.aftale}/evaluering?aar=2024&format=pdf`);
      expect(pdfText(demo.rawPayload).text).toContain('demodata (genereret, ikke virkelige tal)');
      expect((await req('GET', `/api/udlejningsaftaler/${ids.aftale}/evaluering?aar=2024`)).json().kommune.demo).toBe(true);
    } finally {
      await ctx.db.pool.query('UPDATE kommune SET demo = false WHERE kode = $1', [K]);
    }

    const stranger = await sessionFor(app, ctx.db, [grant('laeser', '0101')]);
    expect((await req('GET', `/api/udlejningsaftaler/${ids.aftale}/evaluering?aar=2024`, undefined, stranger)).statusCode).toBe(404);
    expect((await req('GET', `/api/udlejningsaftaler/${ids.aftale}/evaluering?aar=2024&format=pdf`, undefined, stranger)).statusCode).toBe(404);
    expect((await req('GET', `/api/udlejningsaftaler/${ids.aftale}/dokument`, undefined, stranger)).statusCode).toBe(404);
  });

  it('writes the agreement as a document: parties, goals, cooperation, trappemodel with legal basis, annexes and the step table', async () => {
    const res = await req('GET', `/api/udlejningsaftaler/${ids.aftale}/dokument`, undefined, laeser);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(res.rawPayload).text;
    const flat = text.replace(/\s+/g, ' ');
    for (const t of [
      '1. Parter',
      'Boligselskabet Fjord',
      'Flere i beskæftigelse i Havnevej.',
      'Havnevej højst 36 %',
      'Politisk møde: Årligt i marts.',
      '12. marts 2025',
      '5. Trappemodellen',
      'ABL § 59, stk. 1-2',
      'ABL § 60, stk. 4',
      'ABL § 51 c',
      'Bilag 1 (2024): Bilag 1: trinplacering 2024',
      'trintabel for udlejning i 2024',
      'Engparken',
      'gul manuel: Ny helhedsplan',
      'Trin 1 (rød, mest udsatte), grundlag',
    ]) {
      expect(flat).toContain(t);
    }
    // The latest placed year is the default; another year in the period can be chosen, and only PDF is offered.
    expect(pdfText((await req('GET', `/api/udlejningsaftaler/${ids.aftale}/dokument?aar=2025`)).rawPayload).text).toContain('trintabel for udlejning i 2025');
    expect((await req('GET', `/api/udlejningsaftaler/${ids.aftale}/dokument?format=docx`)).statusCode).toBe(400);
  });
});
