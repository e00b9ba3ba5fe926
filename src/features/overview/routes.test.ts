import { it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { describeDb } from '../../../tests/db.ts';
import * as f from '../../../tests/factories.ts';
import type { App } from '../../http/server.ts';
import { buildTestApp, everywhere, sessionFor, type AuthHeaders } from '../../../tests/app.ts';

const K = '0173'; // Lyngby-Taarbæk: the known kommune
const SMALL = '0175'; // Rødovre: one small afdeling
const EDGE20 = '0183'; // Ishøj: two afdelinger of 10 households
const EDGE19 = '0185'; // Tårnby: 10 + 9 households
const ROWREL = '0187'; // Vallensbæk: a hidden age group

describeDb('key figures and overview', (ctx) => {
  let app: App;
  let auth: AuthHeaders;
  const ids: Record<string, number> = {};
  const get = async (url: string, a = app) => {
    const res = await a.inject({ method: 'GET', url, headers: auth });
    return { status: res.statusCode, body: String(res.headers['content-type']).includes('json') ? res.json() : undefined, res };
  };
  const byName = (items: any[]) => Object.fromEntries(items.map((i) => [i.enhed_navn, i]));

  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
    const db = ctx.db;
    await f.truncateRegister(db);
    auth = await sessionFor(app, db, await everywhere(db, 'boligkontor'));
    const home = await f.boligorganisation(db, { kommunekode: K });
    const away = await f.boligorganisation(db, { kommunekode: '0101' });
    await f.boligorganisation(db, { kommunekode: '0101' }); // no afdeling in K: not counted
    const afd = async (key: string, over: Record<string, unknown>) =>
      (ids[key] = (await f.afdeling(db, { kommunekode: K, boligorganisation_id: home.id, navn: key, antal_familie: 0, ...over })).id);
    await afd('A', { antal_familie: 100, antal_ungdom: 10, bruttoareal_m2: 8000, husleje_pr_m2: 1000 });
    await afd('B', { antal_familie: 50, antal_aeldre: 20, bruttoareal_m2: 5000, husleje_pr_m2: 800 });
    await afd('C', { antal_ungdom: 30, antal_pleje: 5, bruttoareal_m2: 2000, husleje_pr_m2: null });
    await afd('D', { antal_familie: 40, bruttoareal_m2: null, husleje_pr_m2: 900, boligorganisation_id: away.id });
    await f.boligomraade(db, { kommunekode: K, afdeling_ids: [ids.A, ids.B] });
    await f.boligomraade(db, { kommunekode: K });
    await f.boligmasse(db, { kommunekode: K, aar: 2023, boliger_i_alt: 5000 });
    await f.boligmasse(db, { kommunekode: K, aar: 2024, boliger_i_alt: 6000, kilde: 'Danmarks Statistik, BOL101' });
    const nt = (afdeling: string, aar: number, over: Record<string, unknown>) =>
      f.noegletal(db, { afdeling_id: ids[afdeling], aar, kilde: 'Danmarks Statistik', opgjort_pr: `${aar}-01-01`, ...over });
    await nt('A', 2024, { beboere: 250, husstande: 120, fraflytning_pct: 10, uden_for_arbejde_pct: 40, beboere_18_64: 150 });
    await nt('B', 2024, { beboere: 100, husstande: 60, fraflytning_pct: 4, uden_for_arbejde_pct: 20, beboere_18_64: 50 });
    await nt('C', 2024, { beboere: 40, husstande: 35, fraflytning_pct: 30, uden_for_arbejde_pct: 50, beboere_18_64: 30 });
    await nt('D', 2024, { beboere: 60, husstande: 30, fraflytning_pct: 7, uden_for_arbejde_pct: 10, beboere_18_64: 40 });
    await nt('A', 2023, { beboere: 240, husstande: 118, fraflytning_pct: 12, husordenssager: 4, ledige_boliger: 2 });
    await nt('B', 2023, { beboere: 3, husstande: 2, fraflytning_pct: 50, venteliste: 0 });

    const small = await f.afdeling(db, { kommunekode: SMALL, navn: 'Lille', antal_familie: 3 });
    await f.noegletal(db, { afdeling_id: small.id, beboere: 3, husstande: 2, fraflytning_pct: 33.33 });
    for (const [kode, hh] of [[EDGE20, [10, 10]], [EDGE19, [10, 9]]] as const) {
      for (const h of hh) {
        const a = await f.afdeling(db, { kommunekode: kode, antal_familie: 20 });
        await f.noegletal(db, { afdeling_id: a.id, beboere: 25, husstande: h, fraflytning_pct: 10 });
      }
    }
    const r = await f.afdeling(db, { kommunekode: ROWREL, navn: 'Rækken' });
    await f.noegletal(db, { afdeling_id: r.id, beboere: 55, husstande: 30, beboere_0_17: 3, beboere_18_64: 40, beboere_65_plus: 12 });
  });
  afterAll(async () => app?.close());

  it('computes the overview from known rows', async () => {
    const { status, body } = await get(`/api/overview?kommunekode=${K}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kommune: { kode: K, navn: 'Lyngby-Taarbæk', demo: false },
      aar: 2024,
      boliger: { familie: 190, ungdom: 40, aeldre: 20, pleje: 5, i_alt: 255 },
      andel_af_boligmassen_pct: 4.25, // 255 / 6000 (latest boligmasse year)
      boligmasse_aar: 2024,
      // (10*120 + 4*60 + 7*30) / (120 + 60 + 30); C has no family dwellings
      fraflytning_familie_pct: 7.86,
      // (1000*8000 + 800*5000) / 13000; C and D lack rent or area
      gns_husleje_pr_m2: 923.08,
      huslejeomsaetning_kr: 12_000_000,
      antal_boligorganisationer: 2,
      antal_afdelinger: 4,
      antal_boligomraader: 2,
      beboere: 450,
      suppressed: [],
    });
    expect(body.udvikling).toEqual([
      // 2023: (12*118 + 50*2) / 120; no uden_for_arbejde figures that year
      { aar: 2023, beboere: 243, fraflytning_pct: 12.63, uden_for_arbejde_pct: null, suppressed: [] },
      // (40*150 + 20*50 + 50*30 + 10*40) / 270, weighted by the 18-64-year-olds
      { aar: 2024, beboere: 450, fraflytning_pct: 7.86, uden_for_arbejde_pct: 32.96, suppressed: [] },
    ]);
  });

  it('lists the provenance of every data set behind the overview', async () => {
    const { body } = await get(`/api/overview?kommunekode=${K}`);
    expect(body.provenance).toEqual(
      expect.arrayContaining([
        { datasaet: 'afdelinger', kilde: 'Testdata', opgjort_pr: '2024-01-01', import_job_id: null },
        { datasaet: 'noegletal', kilde: 'Danmarks Statistik', opgjort_pr: '2023-01-01', import_job_id: null },
        { datasaet: 'noegletal', kilde: 'Danmarks Statistik', opgjort_pr: '2024-01-01', import_job_id: null },
        { datasaet: 'boligmasse', kilde: 'Danmarks Statistik, BOL101', opgjort_pr: '2024-01-01', import_job_id: null },
        { datasaet: 'boligomraader', kilde: 'Testdata', opgjort_pr: '2024-01-01', import_job_id: null },
      ]),
    );
    expect(body.provenance).toHaveLength(5); // the 2023 boligmasse is not used
  });

  it('suppresses the overview of a kommune with few residents and households', async () => {
    const { body } = await get(`/api/overview?kommunekode=${SMALL}`);
    expect(body.beboere).toBeNull();
    expect(body.fraflytning_familie_pct).toBeNull();
    expect(body.suppressed).toEqual(['fraflytning_familie_pct', 'beboere']);
    expect(body.udvikling).toEqual([
      { aar: 2024, beboere: null, fraflytning_pct: null, uden_for_arbejde_pct: null, suppressed: ['beboere', 'fraflytning_pct'] },
    ]);
    expect(body.boliger.i_alt).toBe(3); // dwellings are not personal
  });

  it('shows an aggregate rate from 20 households in all, not from 19', async () => {
    expect((await get(`/api/overview?kommunekode=${EDGE20}`)).body.fraflytning_familie_pct).toBe(10);
    const e19 = (await get(`/api/overview?kommunekode=${EDGE19}`)).body;
    expect(e19.fraflytning_familie_pct).toBeNull();
    expect(e19.suppressed).toContain('fraflytning_familie_pct');
    // each afdeling alone is under 20 households: no rate in the list
    const list = (await get(`/api/noegletal?kommunekode=${EDGE20}`)).body.items;
    expect(list.map((n: any) => n.fraflytning_pct)).toEqual([null, null]);
  });

  it('answers 404 for an unknown kommune', async () => {
    const { status, body } = await get('/api/overview?kommunekode=0998');
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: 'NOT_FOUND', message: 'Kommunen findes ikke.' });
  });

  it('suppresses small key figures in the list, with a complement so the overview total does not reveal them', async () => {
    const { body } = await get(`/api/noegletal?kommunekode=${K}&aar=2023`);
    expect(body.total).toBe(2);
    const { A, B } = byName(body.items);
    // B: 3 residents and 2 households are small, and its rate is for under 20 households
    expect(B).toMatchObject({ beboere: null, husstande: null, fraflytning_pct: null, venteliste: 0 });
    expect(B.suppressed).toEqual(['beboere', 'husstande', 'fraflytning_pct']);
    // A: hidden as complement, since the overview's 243 residents and 12.63 % would give B's values back
    expect(A).toMatchObject({ beboere: null, fraflytning_pct: null, husstande: 118, husordenssager: null, ledige_boliger: 2 });
    expect(A.suppressed).toEqual(['beboere', 'fraflytning_pct', 'husordenssager']);
    expect(A.provenance).toEqual({ kilde: 'Danmarks Statistik', opgjort_pr: '2023-01-01', import_job_id: null });
  });

  it('shows the same suppression on an afdeling page as in the list', async () => {
    const { body } = await get(`/api/afdelinger/${ids.A}`);
    expect(body.noegletal.map((n: any) => [n.aar, n.beboere, n.suppressed])).toEqual([
      [2023, null, ['beboere', 'fraflytning_pct', 'husordenssager']],
      [2024, 250, []],
    ]);
  });

  it('leaves a year without small numbers alone, and filters by enhed and year', async () => {
    const { body } = await get(`/api/noegletal?kommunekode=${K}&aar=2024&enhed=afdeling`);
    expect(body.items.map((n: any) => [n.enhed_navn, n.beboere, n.fraflytning_pct, n.suppressed])).toEqual([
      ['A', 250, 10, []],
      ['B', 100, 4, []],
      ['C', 40, 30, []],
      ['D', 60, 7, []],
    ]);
    expect((await get(`/api/noegletal?kommunekode=${K}&enhed=boligomraade`)).body.total).toBe(0);
    expect((await get(`/api/noegletal?kommunekode=${K}`)).body.total).toBe(6);
  });

  it('hides a second age group when one is hidden, so beboere does not give it back', async () => {
    const { body } = await get(`/api/noegletal?kommunekode=${ROWREL}`);
    expect(body.items[0]).toMatchObject({ beboere: 55, beboere_0_17: null, beboere_18_64: 40, beboere_65_plus: null });
    expect(body.items[0].suppressed).toEqual(['beboere_0_17', 'beboere_65_plus']);
  });

  it('suppresses exports the same way', async () => {
    const csv = (await get(`/api/noegletal?kommunekode=${K}&aar=2023&format=csv`)).res;
    expect(csv.headers['content-disposition']).toMatch(new RegExp(`filename="noegletal-${K}-`));
    const rows = csv.body.slice(1).split('\r\n').map((l) => l.split(';'));
    const head = rows[0];
    const col = (name: string) => head.indexOf(name);
    const b = rows.find((r) => r[1] === 'B')!;
    expect(b[col('Beboere')]).toBe('..');
    expect(b[col('Husstande')]).toBe('..');
    expect(b[col('Fraflytning (pct.)')]).toBe('..');
    expect(b[col('Venteliste')]).toBe('0');
    expect(b[col('Husordenssager')]).toBe(''); // not given, not hidden
    expect(csv.body).not.toContain(';3;');

    const xlsx = (await get(`/api/noegletal?kommunekode=${K}&aar=2023&format=xlsx`)).res;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Nøgletal')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    const row = [2, 3].map((i) => ws.getRow(i)).find((r) => r.getCell(2).value === 'B')!;
    expect(row.getCell(headers.indexOf('Beboere') + 1).value).toBe('..');
    const a = [2, 3].map((i) => ws.getRow(i)).find((r) => r.getCell(2).value === 'A')!;
    expect(a.getCell(headers.indexOf('Husstande') + 1).value).toBe(118);
  });

  it('takes its thresholds from config', async () => {
    const lenient = await buildTestApp(ctx.db, { ALMEN_SUPPRESS_MIN_COUNT: '2', ALMEN_SUPPRESS_MIN_HOUSEHOLDS: '2' });
    try {
      const { B } = byName((await get(`/api/noegletal?kommunekode=${K}&aar=2023`, lenient)).body.items);
      expect(B).toMatchObject({ beboere: 3, husstande: 2, fraflytning_pct: 50, suppressed: [] });
    } finally {
      await lenient.close();
    }
  });
});
