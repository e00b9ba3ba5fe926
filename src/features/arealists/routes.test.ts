import { it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { describeDb } from '../../../tests/db.ts';
import * as f from '../../../tests/factories.ts';
import { buildTestApp, grant, multipart, sessionFor, type AuthHeaders } from '../../../tests/app.ts';
import type { App } from '../../http/server.ts';
import { danishDateTime } from '../exports/pdf.ts';

const K = '0230'; // Rudersdal
const OTHER = '0240'; // Egedal

// Figures per data year: A is udsat (outside work and convicted) and a forebyggelsesområde; B is an ordinary
// area whose convicted share lies just under 2 x the national average; C lacks the convicted share for 2022.
const A = { beboere: 1500, uden_for_arbejde_pct: 45, doemte_pct: 2.5, kun_grundskole_pct: 50, indkomst_pct_af_region: 60, ikke_vestlige_pct: 40, beboere_18_64: 900, beboere_65_plus: 200 };
const B = { beboere: 1200, uden_for_arbejde_pct: 31, doemte_pct: 1.4, kun_grundskole_pct: 40, indkomst_pct_af_region: 70, ikke_vestlige_pct: 35, beboere_18_64: 700, beboere_65_plus: 150 };
const YEARS = [2020, 2021, 2022, 2023, 2024];
const NATIONAL: Record<number, number> = { 2019: 0.75, 2020: 0.74, 2021: 0.73, 2022: 0.72, 2023: 0.72 };

describeDb('area list routes', (ctx) => {
  let app: App;
  let kontor: AuthHeaders;
  let admin: AuthHeaders;
  let laeser: AuthHeaders;
  let stranger: AuthHeaders;
  const get = (url: string, auth: AuthHeaders = kontor) => app.inject({ method: 'GET', url, headers: auth });
  const upload = (url: string, fields: Record<string, string>, files: Record<string, { name: string; content: Buffer }>, auth: AuthHeaders = kontor) => {
    const m = multipart(fields, files);
    return app.inject({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, ...auth } });
  };
  const count = async (table: string) => (await ctx.db.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
    const db = ctx.db;
    await f.truncateRegister(db);
    kontor = await sessionFor(app, db, [grant('boligkontor', K)]);
    admin = await sessionFor(app, db, [grant('administrator', K)]);
    laeser = await sessionFor(app, db, [grant('laeser', K)]);
    stranger = await sessionFor(app, db, [grant('boligkontor', OTHER)]);
    const areas = [
      { kode: 'BO-T-A', navn: 'Askeparken', figures: A },
      { kode: 'BO-T-B', navn: 'Bøgeparken', figures: B },
      { kode: 'BO-T-C', navn: 'Cedervej', figures: B },
    ];
    for (const a of areas) {
      const o = await f.boligomraade(db, { kode: a.kode, navn: a.navn, kommunekode: K });
      for (const aar of YEARS) {
        await f.noegletal(db, { boligomraade_id: o.id, aar, ...a.figures, ...(a.kode === 'BO-T-C' && aar === 2022 ? { doemte_pct: null } : {}) });
      }
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sets the national convicted averages (administrator only, audited, with a Danish error for bad input)', async () => {
    for (const [aar, doemte_pct] of Object.entries(NATIONAL)) {
      const res = await app.inject({ method: 'PUT', url: `/api/lister/landsgennemsnit/${aar}`, headers: admin, payload: { doemte_pct, kilde: 'Testkilde' } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const denied = await app.inject({ method: 'PUT', url: '/api/lister/landsgennemsnit/2024', headers: kontor, payload: { doemte_pct: 0.7, kilde: 'x' } });
    expect(denied.statusCode).toBe(403);
    const bad = await app.inject({ method: 'PUT', url: '/api/lister/landsgennemsnit/2024', headers: admin, payload: { doemte_pct: 0, kilde: '' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('over 0 %');
    expect((await get('/api/lister/landsgennemsnit', laeser)).json().map((r: { aar: number }) => r.aar)).toEqual([2019, 2020, 2021, 2022, 2023]);
    const audit = await ctx.db.pool.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity = 'liste_landsgennemsnit'`);
    expect(audit.rows[0].n).toBe(5);
  });

  it('has nothing to show before a computation', async () => {
    const res = await get(`/api/lister/oversigt?kommunekode=${K}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ beregning: null, listeaar: [], omraader: [] });
  });

  it('computes the lists from the register: every list year the figures cover, missing figures named', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/lister/beregn', headers: laeser, payload: { kommunekode: K } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/lister/beregn', headers: stranger, payload: { kommunekode: K } })).statusCode).toBe(403);
    const res = await app.inject({ method: 'POST', url: '/api/lister/beregn', headers: kontor, payload: { kommunekode: K } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // List L uses data years L-2 and L-1 and residents at 1 January L: 2022, 2023 and 2024 from 2020-2024.
    expect(body.listeaar).toEqual([2022, 2023, 2024]);
    // C lacks the convicted share of 2022, used by the lists of 2023 (as the latest year) and 2024 (as the older).
    expect(body.mangler).toBe(2);
    expect(body.besked).toContain('2022-2024');

    const o = (await get(`/api/lister/oversigt?kommunekode=${K}`, laeser)).json();
    expect(o.beregning).toMatchObject({ kilde: 'register', beregnet_af: expect.any(String) });
    expect(o.mangler.map((m: { listeaar: number }) => m.listeaar)).toEqual([2023, 2024]);
    expect(o.mangler[0].felter).toEqual(['dømte 2022']);
    const a = o.omraader.find((x: { kode: string }) => x.kode === 'BO-T-A');
    expect(a.aar.map((y: { kategorier: string[] }) => y.kategorier)).toEqual([
      ['udsat', 'forebyggelsesomraade'],
      ['udsat', 'forebyggelsesomraade'],
      ['udsat', 'forebyggelsesomraade'],
    ]);
    expect(a.varsel).toMatchObject({ naeste_listeaar: 2025, prognose: ['udsat', 'forebyggelsesomraade'] });
    expect(o.antal.find((x: { listeaar: number }) => x.listeaar === 2024).med).toEqual({ udsat: 1, parallelsamfund: 0, omdannelsesomraade: 0, forebyggelsesomraade: 1 });
    expect(o.naeste_listeaar).toBe(2025);
  });

  it('shows an area with its timeline, explanation by paragraph and warning; hides other municipalities', async () => {
    const res = await get(`/api/lister/omraader/BO-T-A?kommunekode=${K}`, laeser);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.tidslinje.map((t: { listeaar: number }) => t.listeaar)).toEqual([2022, 2023, 2024]);
    expect(body.resultater[0].listeaar).toBe(2024);
    expect(body.resultater[0].forklaring.join('\n')).toContain('§ 61 a, stk. 1');
    expect(body.resultater_uden_etnisk[0].udenEtniskKriterium).toBe(true);
    expect(body.varsel.naesteListeaar).toBe(2025);
    expect((await get(`/api/lister/omraader/BO-T-A?kommunekode=${K}`, stranger)).statusCode).toBe(404);
    expect((await get(`/api/lister/oversigt?kommunekode=${K}`, stranger)).statusCode).toBe(404);
    expect((await get(`/api/lister/omraader/FINDES-IKKE?kommunekode=${K}`)).statusCode).toBe(404);
  });

  it('imports the published lists all or nothing and explains where they differ', async () => {
    const bad = await upload('/api/lister/offentliggjort', { kilde: 'Test' }, { file: { name: 'l.csv', content: Buffer.from('listeaar;omraade_kode;omraade_navn;kommunekode;kategori\n2023;BO-T-A;Askeparken;230;ghetto\n') } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.errors[0]).toMatchObject({ line: 2, column: 'kategori' });
    expect(await count('liste_offentliggjort_aar')).toBe(0);

    const file = [
      'listeaar;omraade_kode;omraade_navn;kommunekode;kategori',
      '2023;BO-T-A;Askeparken;230;udsat boligområde',
      '2023;BO-T-A;Askeparken;230;forebyggelsesområde',
      '2023;BO-T-B;Bøgeparken;230;forebyggelsesomraade',
      '2023;BO-T-C;Cedervej;230;udsat',
      '2023;BO-X;Andetsteds;240;udsat',
    ].join('\n');
    const res = await upload('/api/lister/offentliggjort', { kilde: 'Testministeriet, 1. december 2023' }, { file: { name: 'lister.csv', content: Buffer.from(file) } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ listeaar: [2023], raekker: 4, sprunget_over: 1 });

    const o = (await get(`/api/lister/oversigt?kommunekode=${K}`)).json();
    const byArea = Object.fromEntries(o.afvigelser.map((a: { omraade_kode: string }) => [a.omraade_kode, a]));
    expect(Object.keys(byArea).sort()).toEqual(['BO-T-B', 'BO-T-C']);
    // B: 2 x the national average of 2021-2022 = 1.45 %; B's 1.4 % is 0.05 under it.
    expect(byArea['BO-T-B']).toMatchObject({ listeaar: 2023, beregnet: [], kun_offentliggjort: ['forebyggelsesomraade'], aarsag_kendt: true });
    expect(byArea['BO-T-B'].aarsag).toContain('landsgennemsnittet');
    expect(byArea['BO-T-C']).toMatchObject({ beregnet: null, aarsag_kendt: true });
    expect(byArea['BO-T-C'].aarsag).toContain('Mangler tal: dømte 2022');
    const aYear = o.omraader.find((x: { kode: string }) => x.kode === 'BO-T-A').aar.find((y: { listeaar: number }) => y.listeaar === 2023);
    expect(aYear).toMatchObject({ offentliggjort: ['udsat', 'forebyggelsesomraade'], afviger: false });

    const csv = await get(`/api/lister/afvigelser?kommunekode=${K}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Bøgeparken');
  });

  it('exports the lists and an explanation to xlsx and PDF', async () => {
    const xlsx = await get(`/api/lister/resultater?kommunekode=${K}&listeaar=2024&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const names = ws.getColumn(3).values.slice(2);
    expect(names).toEqual(['Askeparken', 'Bøgeparken']);
    const json = (await get(`/api/lister/resultater?kommunekode=${K}&uden_etnisk=1`)).json();
    expect(json.items.every((i: { uden_etnisk: boolean }) => i.uden_etnisk)).toBe(true);
    expect(json.total).toBe(7);

    const pdf = await get(`/api/lister/omraader/BO-T-A/forklaring?kommunekode=${K}&format=pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const ex = await get(`/api/lister/omraader/BO-T-A/forklaring?kommunekode=${K}&format=xlsx&listeaar=2023`);
    expect(ex.statusCode).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(ex.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets.map((w) => w.name)).toEqual(['Begrundelse', 'Kriterier', 'Parametre']);
    const text = wb2.getWorksheet('Begrundelse')!.getColumn(3).values.join('\n');
    expect(text).toContain('§ 61 a, stk. 1, nr. 1');
    expect(text).not.toContain('december 2024');
    // When it was computed, in Danish time (the stored instant is UTC).
    const { rows } = await ctx.db.pool.query('SELECT beregnet_at FROM liste_beregning WHERE kommunekode = $1 ORDER BY id DESC LIMIT 1', [K]);
    const beregnet = wb2.getWorksheet('Begrundelse')!.getColumn(1).values.find((v) => typeof v === 'string' && v.startsWith('Beregnet '));
    expect(beregnet).toContain(`Beregnet ${danishDateTime(rows[0].beregnet_at, 'long')} af `);
    expect(beregnet).toMatch(/^Beregnet \d{1,2}\. \p{L}+ \d{4} kl\. \d{2}\.\d{2} af /u);
    expect((await get(`/api/lister/omraader/BO-T-A/forklaring?kommunekode=${K}&format=pdf&listeaar=2019`)).statusCode).toBe(404);
  });

  it('computes from a file in the area-indicator format; a bad file computes nothing', async () => {
    const before = await count('liste_beregning');
    const header = 'listeaar;omraade_kode;omraade_navn;kommunekode;beboere;ikkevestlige_pct;udenfor_pct_aar1;udenfor_pct_aar2;doemte_pct_aar1;doemte_pct_aar2;doemte_landsgns_pct_aar1;doemte_landsgns_pct_aar2;grundskole_pct;indkomst_pct_af_region';
    const bad = await upload('/api/lister/indikatorfil', { kommunekode: K }, { file: { name: 'i.csv', content: Buffer.from(`${header}\n2024;BO-T-A;Askeparken;230;1500;40;45;x;2,5;2,5;0,72;0,72;50;60\n`) } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.errors[0]).toMatchObject({ line: 2, column: 'udenfor_pct_aar2' });
    expect(await count('liste_beregning')).toBe(before);
    const ok = await upload(
      '/api/lister/indikatorfil',
      { kommunekode: K },
      { file: { name: 'i.csv', content: Buffer.from(`${header}\n2024;BO-T-A;Askeparken;230;1500;60;45;45;2,5;2,5;0,72;0,72;50;60\n2024;BO-Y;Ude;240;1500;60;45;45;2,5;2,5;0,72;0,72;50;60\n`) } },
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ listeaar: [2024], sprunget_over: 1 });
    const o = (await get(`/api/lister/oversigt?kommunekode=${K}`)).json();
    expect(o.beregning).toMatchObject({ kilde: 'indikatorfil', kilde_detalje: 'i.csv' });
    // The parallelsamfund needs 5 years in a row for omdannelse: the file has one, so no omdannelse.
    // Askeparken's timeline: 2023 from the published list only (this computation has 2024 alone), then 2024.
    expect(o.omraader[0].aar.map((y: { listeaar: number }) => y.listeaar)).toEqual([2023, 2024]);
    expect(o.omraader[0].aar[1]).toMatchObject({ listeaar: 2024, kategorier: ['udsat', 'parallelsamfund', 'forebyggelsesomraade'], kategorier_uden_etnisk: ['udsat', 'parallelsamfund', 'forebyggelsesomraade'] });
  });

  it('computes from person records and keeps only the area figures; a bad person file computes nothing', async () => {
    const head = 'aar;omraade_kode;omraade_navn;kommunekode;alder;udenfor_timer;doemt;uddannelse;studerende;skattepligtig;bruttoindkomst;oprindelse';
    const people = [2022, 2023].flatMap((aar) =>
      [25, 35, 45, 55, 17, 70, 40, 30].map((alder, i) => `${aar};BO-P;Pileparken;230;${alder};${i % 3 === 0 ? 900 : 0};${i === 1 ? 1 : 0};${i % 2 ? 'grundskole' : 'hoejere'};0;1;${200000 + i * 10000};${i % 2 ? 'ikkevestlig' : 'dansk'}`),
    );
    const reference = 'aar;regionskode;indkomst_gns;doemte_landsgns_pct\n2022;1084;400000;0,72\n2023;1084;410000;0,71\n';
    const before = await count('liste_beregning');
    const bad = await upload('/api/lister/personfil', { kommunekode: K }, { personer: { name: 'p.csv', content: Buffer.from(`${head}\n2023;BO-P;Pileparken;230;-4;0;0;grundskole;0;1;1;dansk\n`) }, reference: { name: 'r.csv', content: Buffer.from(reference) } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.errors[0].line).toBe(2);
    expect(await count('liste_beregning')).toBe(before);
    const missing = await upload('/api/lister/personfil', { kommunekode: K }, { personer: { name: 'p.csv', content: Buffer.from(head) } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual([{ field: 'reference', message: 'Vælg referencefilen.' }]);

    const ok = await upload('/api/lister/personfil', { kommunekode: K }, { personer: { name: 'personer.csv', content: Buffer.from([head, ...people].join('\n')) }, reference: { name: 'r.csv', content: Buffer.from(reference) } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().listeaar).toEqual([2024]);
    const stored = (await ctx.db.pool.query('SELECT kilde, kilde_detalje, input FROM liste_beregning ORDER BY id DESC LIMIT 1')).rows[0];
    expect(stored.kilde).toBe('personfil');
    expect(stored.kilde_detalje).toBe('personer.csv (16 personrækker, ikke gemt)');
    // Only the area-indicator row is kept: 8 residents in 2023, 3 of 6 aged 30-59 with only grundskole, ...
    expect(stored.input).toHaveLength(1);
    expect(Object.keys(stored.input[0]).sort()).toEqual(['beboere', 'doemte_landsgns_pct_aar1', 'doemte_landsgns_pct_aar2', 'doemte_pct_aar1', 'doemte_pct_aar2', 'grundskole_pct', 'ikkevestlige_pct', 'indkomst_pct_af_region', 'kommunekode', 'listeaar', 'omraade_kode', 'omraade_navn', 'udenfor_pct_aar1', 'udenfor_pct_aar2']);
    expect(stored.input[0]).toMatchObject({ beboere: 8, ikkevestlige_pct: 50 });
  });

  it('recomputes a stored computation with the rules of today and finds no change', async () => {
    const id = (await ctx.db.pool.query('SELECT min(id)::int AS id FROM liste_beregning')).rows[0].id;
    const res = await get(`/api/lister/beregninger/${id}/genberegning`, laeser);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ samme_regler: true, aendringer: [] });
    expect((await get(`/api/lister/beregninger/${id}/genberegning`, stranger)).statusCode).toBe(404);
  });
});
