import { it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { describeDb } from '../../../tests/db.ts';
import * as f from '../../../tests/factories.ts';
import type { App } from '../../http/server.ts';
import { buildTestApp, everywhere, sessionFor, type AuthHeaders } from '../../../tests/app.ts';
import { pdfText } from '../../../tests/pdf-text.ts';

const K = '0101'; // København
const K2 = '0147'; // Frederiksberg

describeDb('register API', (ctx) => {
  let app: App;
  let auth: AuthHeaders;
  const ids: Record<string, number> = {};
  let jobId: number;

  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: auth });
    return { status: res.statusCode, body: String(res.headers['content-type']).includes('json') ? res.json() : undefined, res };
  };
  const names = async (url: string, field = 'navn') => (await get(url)).body.items.map((i: any) => i[field]);

  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
    const db = ctx.db;
    await f.truncateRegister(db);
    auth = await sessionFor(app, db, await everywhere(db, 'boligkontor'));
    jobId = (await f.importJob(db, { kind: 'afdelinger', kilde: 'Landsbyggefonden' })).id;
    const oe = await f.boligorganisation(db, { navn: 'Østerbo', lbf_nr: 501, cvr: '12345678', kommunekode: K });
    const aa = await f.boligorganisation(db, { navn: 'Aabo Bolig', lbf_nr: 502, kommunekode: K });
    const z = await f.boligorganisation(db, { navn: 'Zebra Boliger', lbf_nr: 503, kommunekode: K2 });
    await f.boligorganisation(db, { navn: 'Fjernt Boligselskab', lbf_nr: 504, kommunekode: '0751' });
    const afd = async (key: string, over: Record<string, unknown>) => (ids[key] = (await f.afdeling(db, { kommunekode: K, ...over })).id);
    await afd('zebra', {
      boligorganisation_id: oe.id, afdelingsnummer: 1, navn: 'Zebra', adresser: 'Zebravej 1-9', opfoerelsesaar: 1960,
      antal_familie: 50, antal_ungdom: 5, bruttoareal_m2: 4000, husleje_pr_m2: 1000,
      kilde: 'Landsbyggefonden', opgjort_pr: '2024-06-30', import_job_id: jobId,
    });
    await afd('oester', { boligorganisation_id: oe.id, afdelingsnummer: 2, navn: 'Østergården', adresser: 'Østergade 4', opfoerelsesaar: 1975, husleje_pr_m2: 800 });
    await afd('aeroe', { boligorganisation_id: aa.id, afdelingsnummer: 3, navn: 'Ærøparken', adresser: 'Ærøvej 2', opfoerelsesaar: 1990, antal_familie: 0, antal_aeldre: 20, husleje_pr_m2: 1200 });
    await afd('aabo', { boligorganisation_id: aa.id, afdelingsnummer: 12, navn: 'Aabo', adresser: 'Aabovej 7', opfoerelsesaar: 2005, husleje_pr_m2: null });
    await afd('blok10', { boligorganisation_id: z.id, afdelingsnummer: 112, navn: 'Blok 10', adresser: 'Blokvej 10', opfoerelsesaar: 1950, husleje_pr_m2: 700 });
    await afd('blok2', { boligorganisation_id: z.id, afdelingsnummer: 5, navn: 'Blok 2', adresser: 'Blokvej 2', opfoerelsesaar: null, husleje_pr_m2: 750 });
    await afd('frb', { boligorganisation_id: z.id, afdelingsnummer: 7, navn: 'Frederiksberg Have', adresser: 'Have Allé 1', kommunekode: K2 });

    ids.omr1 = (await f.boligomraade(db, { kode: 'KBH-02', navn: 'Nørreparken', kommunekode: K, afdeling_ids: [ids.zebra, ids.oester] })).id;
    ids.omr2 = (await f.boligomraade(db, { kode: 'KBH-01', navn: 'Aabyen', kommunekode: K, afdeling_ids: [ids.aabo] })).id;
    ids.omr3 = (await f.boligomraade(db, { kode: 'KBH-03', navn: 'Bakken', kommunekode: K })).id;
    await f.noegletal(db, { boligomraade_id: ids.omr1, aar: 2023, beboere: 300, husstande: 150 });
    await f.noegletal(db, { boligomraade_id: ids.omr1, aar: 2024, beboere: 320, husstande: 160, kilde: 'Danmarks Statistik' });
    await f.noegletal(db, { boligomraade_id: ids.omr2, aar: 2024, beboere: 4, husstande: 2 });

    const bolig = (over: Record<string, unknown>) => f.bolig(db, { afdeling_id: ids.zebra, ...over });
    await bolig({ lejemaalsnummer: 1, adresse: 'Zebravej 10, 1. tv.', areal_m2: 80.5, husleje_maaned: 6500, vaerelser: 3 });
    await bolig({ lejemaalsnummer: 2, adresse: 'Zebravej 2, st.', areal_m2: 55, husleje_maaned: 4800, vaerelser: 2 });
    await bolig({ lejemaalsnummer: 3, adresse: 'Zebravej 1, st.', areal_m2: 100, husleje_maaned: 7900.5, vaerelser: 4, boligtype: 'ungdom', status: 'ledig' });
    await bolig({ lejemaalsnummer: 4, adresse: 'Ærøvej 2, 2. th.', areal_m2: 70, husleje_maaned: 5000, afdeling_id: ids.aeroe, boligtype: 'aeldre' });
    await bolig({ lejemaalsnummer: 5, adresse: 'aabovej 7', areal_m2: 60, husleje_maaned: 4000, afdeling_id: ids.aabo });
    await bolig({ lejemaalsnummer: 6, adresse: 'Have Allé 1', afdeling_id: ids.frb });
  });
  afterAll(async () => app?.close());

  it('Intl.Collator("da") on this Node sorts æ, ø, å after z and "aa" as å', () => {
    const sorted = ['Zebra', 'Østergården', 'Ærøparken', 'Aabo', 'Åbo', 'Abel'].sort(new Intl.Collator('da').compare);
    // Å and Aa are equal at the base level; at the tertiary level Å comes first
    expect(sorted).toEqual(['Abel', 'Zebra', 'Ærøparken', 'Østergården', 'Åbo', 'Aabo']);
  });

  it('lists afdelinger in Danish alphabetical order, numbers numerically', async () => {
    expect(await names(`/api/afdelinger?kommunekode=${K}`)).toEqual(['Blok 2', 'Blok 10', 'Zebra', 'Ærøparken', 'Østergården', 'Aabo']);
    expect(await names(`/api/afdelinger?kommunekode=${K}&order=desc`)).toEqual(['Aabo', 'Østergården', 'Ærøparken', 'Zebra', 'Blok 10', 'Blok 2']);
  });

  it('sorts by numbers and puts missing values last in both directions', async () => {
    expect(await names(`/api/afdelinger?kommunekode=${K}&sort=afdelingsnummer`)).toEqual(['Zebra', 'Østergården', 'Ærøparken', 'Blok 2', 'Aabo', 'Blok 10']);
    expect(await names(`/api/afdelinger?kommunekode=${K}&sort=opfoerelsesaar&order=desc`)).toEqual(['Aabo', 'Ærøparken', 'Østergården', 'Zebra', 'Blok 10', 'Blok 2']);
    expect(await names(`/api/afdelinger?kommunekode=${K}&sort=husleje_pr_m2`)).toEqual(['Blok 10', 'Blok 2', 'Østergården', 'Zebra', 'Ærøparken', 'Aabo']);
    expect(await names(`/api/afdelinger?kommunekode=${K}&sort=husleje_pr_m2&order=desc`)).toEqual(['Ærøparken', 'Zebra', 'Østergården', 'Blok 2', 'Blok 10', 'Aabo']);
    // ties (same organisation) by id
    expect(await names(`/api/afdelinger?kommunekode=${K}&sort=boligorganisation_navn`)).toEqual(['Blok 10', 'Blok 2', 'Zebra', 'Østergården', 'Ærøparken', 'Aabo']);
  });

  it('searches name, address and number, case-insensitively with æ, ø, å', async () => {
    expect(await names(`/api/afdelinger?q=ÆRØ`)).toEqual(['Ærøparken']);
    expect(await names(`/api/afdelinger?q=${encodeURIComponent('østergade')}`)).toEqual(['Østergården']);
    expect(await names(`/api/afdelinger?q=12`)).toEqual(['Aabo']); // afdelingsnummer 12, not 112
    expect(await names(`/api/afdelinger?q=blokvej`)).toEqual(['Blok 2', 'Blok 10']);
    expect(await names(`/api/afdelinger?q=%25`)).toEqual([]); // a literal %, not a wildcard
  });

  it('filters by organisation, boligområde and construction years', async () => {
    const oe = (await get(`/api/boligorganisationer?q=${encodeURIComponent('Østerbo')}`)).body.items[0];
    expect(await names(`/api/afdelinger?boligorganisation_id=${oe.id}`)).toEqual(['Zebra', 'Østergården']);
    expect(await names(`/api/afdelinger?boligomraade_id=${ids.omr1}`)).toEqual(['Zebra', 'Østergården']);
    expect(await names(`/api/afdelinger?kommunekode=${K}&opfoert_fra=1960&opfoert_til=1990`)).toEqual(['Zebra', 'Ærøparken', 'Østergården']);
    expect(await names(`/api/afdelinger?kommunekode=${K2}`)).toEqual(['Frederiksberg Have']);
  });

  it('pages with limit and offset and reports the total', async () => {
    const { body } = await get(`/api/afdelinger?kommunekode=${K}&limit=2&offset=2`);
    expect(body.total).toBe(6);
    expect(body.items.map((i: any) => i.navn)).toEqual(['Zebra', 'Ærøparken']);
    expect((await get(`/api/afdelinger?kommunekode=${K}&offset=10`)).body).toEqual({ items: [], total: 6 });
  });

  it('answers an afdeling with its figures, boligområder and provenance', async () => {
    const { body } = await get(`/api/afdelinger?q=zebra`);
    const z = body.items[0];
    expect(z).toMatchObject({
      navn: 'Zebra',
      boligorganisation_navn: 'Østerbo',
      org_lbf_nr: 501,
      afdelingsnummer: 1,
      antal_familie: 50,
      antal_ungdom: 5,
      antal_boliger: 55,
      bruttoareal_m2: 4000,
      husleje_pr_m2: 1000,
      boligomraader: [{ id: ids.omr1, kode: 'KBH-02', navn: 'Nørreparken' }],
      provenance: { kilde: 'Landsbyggefonden', opgjort_pr: '2024-06-30', import_job_id: jobId },
    });
    expect(Object.keys(z)).not.toContain('updated_at');
  });

  it('answers /api/afdelinger/:id with noegletal by year, and 404 or 400 for bad ids', async () => {
    await f.noegletal(ctx.db, { afdeling_id: ids.blok10, aar: 2024, beboere: 120, husstande: 60, fraflytning_pct: 8.5 });
    await f.noegletal(ctx.db, { afdeling_id: ids.blok10, aar: 2022, beboere: 110, husstande: 58, fraflytning_pct: 9 });
    const { status, body } = await get(`/api/afdelinger/${ids.blok10}`);
    expect(status).toBe(200);
    expect(body.navn).toBe('Blok 10');
    expect(body.noegletal.map((n: any) => [n.aar, n.beboere, n.fraflytning_pct])).toEqual([
      [2022, 110, 9],
      [2024, 120, 8.5],
    ]);
    expect(body.noegletal[0]).toMatchObject({ enhed: 'afdeling', enhed_id: ids.blok10, suppressed: [], provenance: { kilde: 'Testdata' } });

    const missing = await get('/api/afdelinger/999999');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: 'NOT_FOUND', message: 'Afdelingen findes ikke.' });
    const bad = await get('/api/afdelinger/abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].message).toBe('Id skal være et positivt heltal.');
    expect((await get('/api/boligorganisationer/999999')).body.error.message).toBe('Boligorganisationen findes ikke.');
    expect((await get('/api/boligomraader/999999')).body.error.message).toBe('Boligområdet findes ikke.');
  });

  it('answers 400 with Danish field messages for bad query parameters', async () => {
    const cases: [string, string, string][] = [
      ['/api/afdelinger?kommunekode=101', 'kommunekode', 'Kommunekoden skal være fire cifre, fx 0101.'],
      ['/api/afdelinger?sort=pris', 'sort', 'Sorteringen skal være en af: navn, afdelingsnummer, boligorganisation_navn, antal_boliger, opfoerelsesaar, husleje_pr_m2.'],
      ['/api/afdelinger?order=op', 'order', 'Rækkefølgen skal være en af: asc, desc.'],
      ['/api/boliger?limit=1001', 'limit', 'Antal skal være et heltal mellem 1 og 1000.'],
      ['/api/boliger?limit=abc', 'limit', 'Antal skal være et heltal mellem 1 og 1000.'],
      ['/api/boliger?offset=-1', 'offset', 'Start skal være et heltal mellem 0 og 10000000.'],
      ['/api/boliger?boligtype=villa', 'boligtype', 'Boligtypen skal være en af: familie, ungdom, aeldre, pleje.'],
      ['/api/afdelinger?format=docx', 'format', 'Formatet skal være en af: json, csv, xlsx, pdf.'],
      ['/api/afdelinger?opfoert_fra=19x', 'opfoert_fra', 'Opført fra skal være et heltal mellem 1850 og 2100.'],
      ['/api/noegletal?enhed=kommune', 'enhed', 'Enheden skal være en af: afdeling, boligomraade.'],
      ['/api/overview', 'kommunekode', 'Kommunekoden skal være fire cifre, fx 0101.'],
    ];
    for (const [url, field, message] of cases) {
      const { status, body } = await get(url);
      expect(status, url).toBe(400);
      expect(body.error.code).toBe('VALIDATION');
      expect(body.error.fields, url).toEqual([{ field: expect.stringMatching(new RegExp(`(^|\\.)${field}$`)), message }]);
    }
  });

  it('lists boligorganisationer of a kommune: at home there or with afdelinger there, counted for the kommune', async () => {
    const { body } = await get(`/api/boligorganisationer?kommunekode=${K}`);
    expect(body.items.map((o: any) => [o.navn, o.antal_afdelinger, o.antal_boliger])).toEqual([
      ['Zebra Boliger', 2, 200],
      ['Østerbo', 2, 155],
      ['Aabo Bolig', 2, 120],
    ]);
    expect(body.items[0]).toMatchObject({ kommunekode: K2, kommunenavn: 'Frederiksberg', lbf_nr: 503, provenance: { kilde: 'Testdata' } });
    expect(await names(`/api/boligorganisationer?kommunekode=${K}&sort=antal_boliger&order=desc`)).toEqual(['Zebra Boliger', 'Østerbo', 'Aabo Bolig']);
    expect(await names('/api/boligorganisationer?q=12345678')).toEqual(['Østerbo']); // cvr
    expect(await names('/api/boligorganisationer?q=503')).toEqual(['Zebra Boliger']); // lbf_nr
    expect((await get('/api/boligorganisationer')).body.total).toBe(4);
  });

  it('answers a boligorganisation with all its afdelinger by number', async () => {
    const z = (await get('/api/boligorganisationer?q=zebra')).body.items[0];
    const { body } = await get(`/api/boligorganisationer/${z.id}`);
    expect(body.antal_afdelinger).toBe(3); // every kommune
    expect(body.afdelinger.map((a: any) => a.afdelingsnummer)).toEqual([5, 7, 112]);
  });

  it('lists the 98 kommuner in Danish order with counts', async () => {
    const { body } = await get('/api/kommuner');
    expect(body.total).toBe(98);
    expect(body.items[0].navn).toBe('Albertslund');
    // Aabenraa, Aalborg and Aarhus sort as Å, last
    expect(body.items.slice(-4).map((k: any) => k.navn)).toEqual(['Ærø', 'Aabenraa', 'Aalborg', 'Aarhus']);
    expect(body.items.find((k: any) => k.kode === K)).toEqual({
      kode: K, navn: 'København', region_kode: '1084', region_navn: 'Region Hovedstaden', demo: false, antal_afdelinger: 6, antal_boliger: 475,
    });
  });

  it('lists boligområder with beboere of the latest year, its provenance, and small numbers suppressed', async () => {
    const { body } = await get(`/api/boligomraader?kommunekode=${K}`);
    expect(body.items.map((o: any) => [o.navn, o.antal_afdelinger, o.beboere, o.beboere_aar, o.suppressed])).toEqual([
      ['Bakken', 0, null, null, []],
      ['Nørreparken', 2, 320, 2024, []],
      ['Aabyen', 1, null, 2024, ['beboere']],
    ]);
    expect(body.items[1].beboere_provenance.kilde).toBe('Danmarks Statistik');
    // a hidden value sorts as missing (last, ties by id), never by its true value (4 would come first)
    expect(await names(`/api/boligomraader?kommunekode=${K}&sort=beboere`)).toEqual(['Nørreparken', 'Aabyen', 'Bakken']);
    expect(await names(`/api/boligomraader?kommunekode=${K}&sort=beboere&order=desc`)).toEqual(['Nørreparken', 'Aabyen', 'Bakken']);
    expect(await names(`/api/boligomraader?q=kbh-01`)).toEqual(['Aabyen']);
    const detail = (await get(`/api/boligomraader/${ids.omr1}`)).body;
    expect(detail.afdelinger.map((a: any) => a.navn)).toEqual(['Zebra', 'Østergården']);
    expect(detail.noegletal.map((n: any) => [n.aar, n.beboere])).toEqual([[2023, 300], [2024, 320]]);
  });

  it('lists boliger with filters, Danish address order and a default page of 100', async () => {
    expect(await names(`/api/boliger?afdeling_id=${ids.zebra}`, 'adresse')).toEqual(['Zebravej 1, st.', 'Zebravej 2, st.', 'Zebravej 10, 1. tv.']);
    expect(await names(`/api/boliger?kommunekode=${K}`, 'adresse')).toEqual([
      'Zebravej 1, st.', 'Zebravej 2, st.', 'Zebravej 10, 1. tv.', 'Ærøvej 2, 2. th.', 'aabovej 7',
    ]);
    expect(await names(`/api/boliger?kommunekode=${K}&sort=husleje_maaned&order=desc&limit=2`, 'lejemaalsnummer')).toEqual([3, 1]);
    expect(await names(`/api/boliger?boligtype=ungdom`, 'lejemaalsnummer')).toEqual([3]);
    expect(await names(`/api/boliger?status=ledig`, 'lejemaalsnummer')).toEqual([3]);
    expect(await names(`/api/boliger?q=AABOVEJ`, 'lejemaalsnummer')).toEqual([5]);
    const { body } = await get(`/api/boliger?kommunekode=${K}&sort=areal_m2&limit=2&offset=1`);
    expect(body.total).toBe(5);
    expect(body.items.map((b: any) => b.areal_m2)).toEqual([60, 70]);
    expect(body.items[0]).toEqual({
      id: expect.any(Number), afdeling_id: ids.aabo, afdeling_navn: 'Aabo', lejemaalsnummer: 5, adresse: 'aabovej 7', postnummer: '2730',
      boligtype: 'familie', vaerelser: 3, areal_m2: 60, husleje_maaned: 4000, status: 'udlejet',
      provenance: { kilde: 'Testdata', opgjort_pr: '2024-01-01', import_job_id: null },
    });
  });

  it('exports afdelinger as CSV for Danish Excel with the same filter and sort', async () => {
    const { res } = await get(`/api/afdelinger?kommunekode=${K}&sort=husleje_pr_m2&order=desc&limit=1&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="afdelinger-${K}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const lines = res.body.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0].split(';').slice(0, 4)).toEqual(['Boligorganisation', 'LBF-nr.', 'Afdelingsnr.', 'Afdeling']);
    expect(lines.length - 2).toBe(6); // no paging limit on exports
    expect(lines.slice(1, -1).map((l) => l.split(';')[3])).toEqual(['Ærøparken', 'Zebra', 'Østergården', 'Blok 2', 'Blok 10', 'Aabo']);
    const zebra = lines.find((l) => l.includes(';Zebra;'))!.split(';');
    expect(zebra).toEqual(['Østerbo', '501', '1', 'Zebra', 'Zebravej 1-9', K, '1960', '50', '5', '0', '0', '55', '4000', '1000', 'KBH-02 Nørreparken', 'Landsbyggefonden', '2024-06-30', String(jobId)]);
  });

  it('exports boliger as xlsx with typed cells', async () => {
    const { res } = await get(`/api/boliger?afdeling_id=${ids.zebra}&format=xlsx`);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/filename="boliger-alle-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Boliger')!;
    expect(ws.getRow(1).getCell(3).value).toBe('Adresse');
    expect([2, 3, 4].map((r) => ws.getRow(r).getCell(3).value)).toEqual(['Zebravej 1, st.', 'Zebravej 2, st.', 'Zebravej 10, 1. tv.']);
    expect(ws.getRow(2).getCell(7).value).toBe(100);
    expect(ws.getRow(2).getCell(8).value).toBe(7900.5);
    expect(ws.getRow(2).getCell(8).type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getRow(2).getCell(4).value).toBe('2730');
    expect(ws.rowCount).toBe(4);
  });

  it('exports boliger as PDF with the same filter and sort, what was exported and the source', async () => {
    const { res } = await get(`/api/boliger?afdeling_id=${ids.zebra}&sort=husleje_maaned&order=desc&limit=1&format=pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="boliger-alle-\d{4}-\d{2}-\d{2}\.pdf"$/);
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const lines = pdfText(res.rawPayload).pages.flat();
    expect(lines.slice(0, 4)).toEqual([
      'Boliger',
      `Udtræk: Afdeling (id): ${ids.zebra} · Sorteret efter Månedlig husleje (kr.), faldende`,
      '3 rækker', // no paging limit on exports
      'Kilde: Testdata, opgjort pr. 01.01.2024. Udtrukket fra Almen.',
    ]);
    expect(lines).toContain('Afdeling Lejemålsnr. Adresse Postnummer Boligtype Værelser Areal (m²) Månedlig husleje (kr.) Status Kilde Opgjort pr. Importjob');
    expect(lines.filter((l) => l.startsWith('Zebra '))).toEqual([
      'Zebra 3 Zebravej 1, st. 2730 ungdom 4 100,0 7.900,50 ledig Testdata 01.01.2024',
      'Zebra 1 Zebravej 10, 1. tv. 2730 familie 3 80,5 6.500,00 udlejet Testdata 01.01.2024',
      'Zebra 2 Zebravej 2, st. 2730 familie 2 55,0 4.800,00 udlejet Testdata 01.01.2024',
    ]);
    expect(lines.at(-1)).toMatch(/^Boliger · Almen · \d{2}\.\d{2}\.\d{4}, \d{2}\.\d{2} Side 1 af 1$/);
  });

  it('exports a PDF with suppressed figures marked, and a valid PDF saying "Ingen rækker" when nothing matches', async () => {
    const omr = pdfText((await get(`/api/boligomraader?kommunekode=${K}&format=pdf`)).res.rawPayload).text;
    expect(omr).toMatch(/^KBH-01 Aabyen 0101 1 \.\. 2024 /m); // 4 residents: under the threshold
    expect(omr).toContain('".." betyder, at tallet er udeladt');

    const { res } = await get(`/api/afdelinger?kommunekode=${K}&q=findes-ikke&format=pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const lines = pdfText(res.rawPayload).pages.flat();
    expect(lines).toEqual(expect.arrayContaining([`Udtræk: Kommune: ${K} · Søgning: findes-ikke · Sorteret efter Afdeling, stigende`, '0 rækker', 'Ingen rækker matcher udtrækket.']));
  });

  it('exports every list', async () => {
    for (const list of ['kommuner', 'boligorganisationer', 'afdelinger', 'boligomraader', 'boliger', 'noegletal']) {
      for (const format of ['csv', 'xlsx', 'pdf']) {
        const { res } = await get(`/api/${list}?format=${format}`);
        expect(res.statusCode, `${list} ${format}`).toBe(200);
        expect(res.headers['content-disposition']).toContain(`filename="${list}-alle-`);
      }
    }
  });

  it('documents every route in /api/openapi.json', async () => {
    const doc = (await get('/api/openapi.json')).body;
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/api/kommuner', '/api/boligorganisationer', '/api/boligorganisationer/{id}', '/api/afdelinger', '/api/afdelinger/{id}',
      '/api/boligomraader', '/api/boligomraader/{id}', '/api/boliger', '/api/noegletal', '/api/overview',
    ]) {
      expect(paths, p).toContain(p);
      const op = doc.paths[p].get;
      expect(op.responses['200'], p).toBeDefined();
      expect(op.summary, p).toBeTruthy();
    }
    const afd = doc.paths['/api/afdelinger'].get;
    expect(afd.parameters.map((x: any) => x.name)).toEqual(expect.arrayContaining(['kommunekode', 'q', 'sort', 'order', 'limit', 'offset', 'format']));
    expect(Object.keys(afd.responses['200'].content)).toEqual([
      'application/json', 'text/csv; charset=utf-8', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf',
    ]);
    expect(afd.responses['200'].content['application/json'].schema.properties.items.items.required).toEqual(
      expect.arrayContaining(['provenance', 'boligomraader', 'antal_boliger']),
    );
  });
});
