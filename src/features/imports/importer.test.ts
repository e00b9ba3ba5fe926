import { it, expect, beforeEach } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describeDb } from '../../../tests/db.ts';
import { runImport, ERROR_CAP, type ImportProgress } from './importer.ts';
import {
  afdelinger,
  boligHeader,
  boliger,
  csvBuffer,
  csvText,
  importRows,
  organisationer,
  registerSnapshot,
  resetRegister,
  seedRegister,
} from './fixtures.ts';

describeDb('imports', (ctx) => {
  const q = async (sql: string, params: unknown[] = []) => (await ctx.db.pool.query(sql, params)).rows;

  // The audit log is append-only: tests look at the events written after this mark.
  let auditMark = 0;
  beforeEach(async () => {
    await resetRegister(ctx.db);
    auditMark = (await q('SELECT coalesce(max(id), 0)::int AS m FROM audit_event'))[0].m;
  });

  it('imports organisations, afdelinger and dwellings from Danish Excel CSV with provenance, job and audit event', async () => {
    const org = await importRows(ctx.db, 'boligorganisationer', organisationer, { kilde: 'LBF 2024', opgjortPr: '2024-01-01', actor: 'test' });
    expect(org).toMatchObject({ state: 'succeeded', rows_total: 2, rows_inserted: 2, rows_updated: 0, error_count: 0 });
    const afd = await importRows(ctx.db, 'afdelinger', afdelinger);
    expect(afd).toMatchObject({ state: 'succeeded', rows_inserted: 3 });
    const bol = await importRows(ctx.db, 'boliger', boliger(30));
    expect(bol).toMatchObject({ state: 'succeeded', rows_total: 30, rows_inserted: 30 });

    expect(await q(`SELECT lbf_nr, cvr, kommunekode, kilde, opgjort_pr, import_job_id FROM boligorganisation ORDER BY lbf_nr`)).toEqual([
      { lbf_nr: 101, cvr: '12345678', kommunekode: '0163', kilde: 'LBF 2024', opgjort_pr: '2024-01-01', import_job_id: org.job_id },
      { lbf_nr: 102, cvr: null, kommunekode: '0101', kilde: 'LBF 2024', opgjort_pr: '2024-01-01', import_job_id: org.job_id },
    ]);
    const [engparken] = await q(`SELECT * FROM afdeling WHERE navn = 'Engparken'`);
    expect(engparken).toMatchObject({ bruttoareal_m2: 9120.5, husleje_pr_m2: 1012.5, kommunekode: '0163', kilde: 'afdelinger.csv' });
    expect((await q(`SELECT adresser, opfoerelsesaar FROM afdeling WHERE navn = 'Engtoften'`))[0]).toEqual({ adresser: '', opfoerelsesaar: null });
    const [b] = await q(`SELECT b.*, a.navn FROM bolig b JOIN afdeling a ON a.id = b.afdeling_id WHERE lejemaalsnummer = 3`);
    expect(b).toMatchObject({ navn: 'Engparken', kommunekode: '0163', husleje_maaned: 6003.5, areal_m2: 63.5, import_job_id: bol.job_id });

    const [job] = await q(`SELECT * FROM import_job WHERE id = $1`, [bol.job_id]);
    expect(job).toMatchObject({ kind: 'boliger', file_name: 'boliger.csv', state: 'succeeded', rows_total: 30, rows_inserted: 30, error_count: 0 });
    expect(job.file_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(job.finished_at).not.toBeNull();
    const audit = await q(`SELECT actor, action, entity, entity_id, detail FROM audit_event WHERE id > $1 ORDER BY id`, [auditMark]);
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({ actor: 'test', action: 'import', entity: 'boligorganisationer', entity_id: String(org.job_id) });
    expect(audit[2].detail).toMatchObject({ rows_inserted: 30, rows_updated: 0, file_name: 'boliger.csv' });
  });

  it('finds nothing to do when the same file comes again, by hash or by content', async () => {
    await seedRegister(ctx.db);
    const file = boliger(12);
    expect((await importRows(ctx.db, 'boliger', file)).state).toBe('succeeded');
    const again = await importRows(ctx.db, 'boliger', file);
    expect(again).toMatchObject({ state: 'unchanged', rows_total: 12, rows_unchanged: 12, rows_inserted: 0, rows_updated: 0 });
    expect(again.message).toMatch(/samme som ved den seneste import/);
    // Other bytes (comma, no BOM, decimal point, columns reordered), same content.
    const reordered = file.map((r) => [r[2], r[0], r[1], ...r.slice(3)].map((v) => v.replace(/^(\d+),(\d+)$/, '$1.$2')));
    const same = await importRows(ctx.db, 'boliger', reordered, { style: { sep: ',', bom: false, eol: '\n' } });
    expect(same).toMatchObject({ state: 'unchanged', rows_total: 12, rows_unchanged: 12, rows_updated: 0 });
    expect(await q(`SELECT count(*)::int AS n FROM audit_event WHERE entity = 'boliger' AND id > $1`, [auditMark])).toEqual([{ n: 1 }]);
    expect(await q(`SELECT state FROM import_job WHERE kind = 'boliger' ORDER BY id`)).toEqual([
      { state: 'succeeded' },
      { state: 'unchanged' },
      { state: 'unchanged' },
    ]);
  });

  it('updates rows by natural key from a newer file and keeps rows the file does not name', async () => {
    await seedRegister(ctx.db);
    const first = await importRows(ctx.db, 'boliger', boliger(10), { opgjortPr: '2023-01-01' });
    // Newer file: dwelling 4 changes rent, 5-10 are left out, 11 is new.
    const newer = boliger(11, (i) => (i === 4 ? '7000' : `${6000 + i},50`)).filter((_, i) => i === 0 || i <= 4 || i === 11);
    const r = await importRows(ctx.db, 'boliger', newer, { opgjortPr: '2024-01-01', kilde: 'Ny fil' });
    expect(r).toMatchObject({ state: 'succeeded', rows_total: 5, rows_inserted: 1, rows_updated: 1, rows_unchanged: 3 });
    const rows = await q(`SELECT lejemaalsnummer AS nr, husleje_maaned, kilde, opgjort_pr, import_job_id FROM bolig ORDER BY 1`);
    expect(rows).toHaveLength(11);
    expect(rows[3]).toEqual({ nr: 4, husleje_maaned: 7000, kilde: 'Ny fil', opgjort_pr: '2024-01-01', import_job_id: r.job_id });
    expect(rows[2]).toMatchObject({ nr: 3, kilde: 'boliger.csv', opgjort_pr: '2023-01-01', import_job_id: first.job_id });
    expect(rows[10]).toMatchObject({ nr: 11, import_job_id: r.job_id });
  });

  it('writes nothing when one row is bad, and records the failed job with line, column, message and value', async () => {
    await seedRegister(ctx.db);
    await importRows(ctx.db, 'boliger', boliger(5));
    const before = await registerSnapshot(ctx.db);
    const file = boliger(9);
    file[7][8] = 'abc'; // line 8 of the file: header is line 1
    for (const rows of [file, [...file.slice(0, 1), ...file.slice(6)]]) {
      // Both with the dwellings already there (staging) and with only new rows.
      const r = await importRows(ctx.db, 'boliger', rows);
      expect(r.state).toBe('failed');
      expect(r.error_count).toBe(1);
      expect(await registerSnapshot(ctx.db)).toEqual(before);
      const [job] = await q(`SELECT state, error_count, errors, message FROM import_job WHERE id = $1`, [r.job_id]);
      expect(job.state).toBe('failed');
      expect(job.errors).toEqual(r.errors);
      expect(job.message).toMatch(/afvist/);
    }
    const r = await importRows(ctx.db, 'boliger', file);
    expect(r.errors).toEqual([{ line: 8, column: 'husleje_maaned', message: 'Skal være et tal, fx 1234,5.', value: 'abc' }]);
    expect(await q(`SELECT count(*)::int AS n FROM audit_event WHERE entity = 'boliger' AND id > $1`, [auditMark])).toEqual([{ n: 1 }]);

    // Into an empty table too: nothing lands.
    await ctx.db.pool.query('DELETE FROM bolig');
    const empty = await registerSnapshot(ctx.db);
    expect((await importRows(ctx.db, 'boliger', file)).state).toBe('failed');
    expect(await registerSnapshot(ctx.db)).toEqual(empty);
  });

  it('reports every bad cell in Danish, per type, and counts beyond the cap', async () => {
    await seedRegister(ctx.db);
    const file = boliger(4);
    file[1] = ['101', '1', '1', 'Engvej 1', '27300', 'villa', '0', '0', '-5', 'solgt'];
    file[2][3] = '';
    file[3][1] = '99';
    file[4][0] = '555';
    const r = await importRows(ctx.db, 'boliger', file);
    expect(r.state).toBe('failed');
    expect(r.errors).toEqual([
      { line: 2, column: 'postnummer', message: 'Postnummeret skal være 4 cifre.', value: '27300' },
      { line: 2, column: 'boligtype', message: 'Ugyldig værdi. Tilladt: familie, ungdom, aeldre, pleje.', value: 'villa' },
      { line: 2, column: 'vaerelser', message: 'Skal være mellem 1 og 20.', value: '0' },
      { line: 2, column: 'areal_m2', message: 'Skal være mellem 1 og 1000.', value: '0' },
      { line: 2, column: 'husleje_maaned', message: 'Skal være mellem 0 og 100.000.', value: '-5' },
      { line: 2, column: 'status', message: 'Ugyldig værdi. Tilladt: udlejet, ledig, under_renovering, nedlagt.', value: 'solgt' },
      { line: 3, column: 'adresse', message: 'Feltet skal udfyldes.' },
      {
        line: 4,
        column: 'afdelingsnummer',
        message: 'Afdeling 99 i boligorganisation 101 findes ikke. Indlæs afdelingerne først.',
        value: '99',
      },
      {
        line: 5,
        column: 'org_lbf_nr',
        message: 'Boligorganisationen med org_lbf_nr 555 findes ikke. Indlæs boligorganisationerne først.',
        value: '555',
      },
    ]);
    expect(r.error_count).toBe(9);
    expect(r.message).toBe('Filen blev afvist: 9 fejl i 4 rækker. Intet er gemt.');

    const many = boliger(ERROR_CAP + 200).map((row, i) => (i === 0 ? row : [...row.slice(0, 9), 'solgt']));
    const capped = await importRows(ctx.db, 'boliger', many);
    expect(capped.error_count).toBe(ERROR_CAP + 200);
    expect(capped.errors).toHaveLength(ERROR_CAP);
    const [job] = await q(`SELECT error_count, jsonb_array_length(errors) AS stored FROM import_job WHERE id = $1`, [capped.job_id]);
    expect(job).toEqual({ error_count: ERROR_CAP + 200, stored: ERROR_CAP });
  });

  it('rejects unknown and missing columns, duplicate keys, ragged lines and unknown kommunekoder', async () => {
    const unknown = await importRows(ctx.db, 'boligorganisationer', [
      ['Org_LBF_nr ', 'navn', 'form', 'kommune'],
      ['1', 'A', 'kommunal', '101'],
    ]);
    expect(unknown.errors).toEqual([
      { line: 1, column: 'kommune', message: expect.stringMatching(/^Ukendt kolonne\. Tilladte kolonner: org_lbf_nr, cvr/), value: 'kommune' },
      { line: 1, column: 'kommunekode', message: 'Den påkrævede kolonne mangler.' },
    ]);
    const dup = await importRows(ctx.db, 'boligorganisationer', [
      ['org_lbf_nr', 'navn', 'form', 'kommunekode'],
      ['1', 'A', 'kommunal', '101'],
      ['2', 'B', 'kommunal', '9999'],
      ['01', 'C', 'kommunal', '101'],
      ['3', 'D', 'kommunal'],
    ]);
    expect(dup.errors).toEqual([
      { line: 3, column: 'kommunekode', message: 'Kommunekoden 9999 findes ikke.', value: '9999' },
      { line: 4, column: null, message: 'Rækken har samme nøgle (org_lbf_nr) som linje 2.' },
      { line: 5, column: null, message: 'Linjen har 3 felter, men overskriften har 4.' },
    ]);
    expect(await q('SELECT count(*)::int AS n FROM boligorganisation')).toEqual([{ n: 0 }]);
    const empty = await runImport(ctx.db, { kind: 'boligmasse', fileName: 'tom.csv', source: { buffer: Buffer.alloc(0) } });
    expect(empty).toMatchObject({ state: 'failed', errors: [{ line: 1, column: null, message: 'Filen er tom.' }] });
    await expect(runImport(ctx.db, { kind: 'huse' as never, fileName: 'x.csv', source: { buffer: Buffer.from('a') } })).rejects.toMatchObject({
      code: 'UNKNOWN_IMPORT_TYPE',
    });
  });

  it('reads windows-1252 files and comma-separated files with decimal points', async () => {
    const latin = iconv.encode(csvText(organisationer.map((r) => r.map((v) => v.replace('Søbo', 'Æblehøj Åbo'))), { bom: false }), 'win1252');
    const r = await runImport(ctx.db, { kind: 'boligorganisationer', fileName: 'org.csv', source: { buffer: latin } });
    expect(r.state).toBe('succeeded');
    expect(await q(`SELECT navn, administrationsorganisation FROM boligorganisation WHERE lbf_nr = 102`)).toEqual([
      { navn: 'Æblehøj Åbo Boligforening', administrationsorganisation: 'Fælles Administration' },
    ]);
    const afd = afdelinger.map((row) => row.map((v) => (/^[\d.]+,\d+$/.test(v) ? v.replace(/\./g, '').replace(',', '.') : v)));
    const a = await importRows(ctx.db, 'afdelinger', afd, { style: { sep: ',', bom: false, eol: '\n' } });
    expect(a.state).toBe('succeeded');
    expect(await q(`SELECT bruttoareal_m2, husleje_pr_m2 FROM afdeling WHERE navn = 'Engparken'`)).toEqual([{ bruttoareal_m2: 9120.5, husleje_pr_m2: 1012.5 }]);
  });

  it('imports .xlsx files, numbers as numbers and codes as text or numbers', async () => {
    await seedRegister(ctx.db);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Nøgletal');
    ws.addRow(['org_lbf_nr', 'afdelingsnummer', 'aar', 'beboere', 'uden_for_arbejde_pct', 'fraflytning_pct']);
    ws.addRow([101, 1, 2024, 1243, 38.5, 0.071]);
    ws.getCell('F2').numFmt = '0.0%'; // Excel stores 7,1 % as 0.071
    ws.addRow(['102', '7', 2024, { formula: '1000+2', result: 1002 }, '41,25', null]);
    wb.addWorksheet('Noter').addRow(['ignoreres']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await runImport(ctx.db, { kind: 'noegletal_afdeling', fileName: 'noegletal.xlsx', source: { buffer } });
    expect(r).toMatchObject({ state: 'succeeded', rows_inserted: 2 });
    expect(
      await q(`SELECT kommunekode, beboere, uden_for_arbejde_pct, fraflytning_pct FROM noegletal WHERE afdeling_id IS NOT NULL ORDER BY beboere`),
    ).toEqual([
      { kommunekode: '0101', beboere: 1002, uden_for_arbejde_pct: 41.25, fraflytning_pct: null },
      { kommunekode: '0163', beboere: 1243, uden_for_arbejde_pct: 38.5, fraflytning_pct: 7.1 },
    ]);
    ws.getCell('D3').value = 'mange';
    const bad = await runImport(ctx.db, {
      kind: 'noegletal_afdeling',
      fileName: 'noegletal.xlsx',
      source: { buffer: Buffer.from(await wb.xlsx.writeBuffer()) },
    });
    expect(bad.errors).toEqual([{ line: 3, column: 'beboere', message: 'Skal være et heltal.', value: 'mange' }]);
    await expect(
      runImport(ctx.db, { kind: 'boligmasse', fileName: 'x.xlsx', source: { buffer: Buffer.from('PK\x03\x04garbage') } }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
  });

  it('previews without writing or recording a job', async () => {
    await seedRegister(ctx.db);
    const before = await registerSnapshot(ctx.db);
    const jobs = await q('SELECT count(*)::int AS n FROM import_job');
    const file = boliger(25);
    file[22][6] = 'tre';
    const r = await importRows(ctx.db, 'boliger', file, { preview: true });
    expect(r).toMatchObject({ job_id: null, state: 'preview', rows_total: 25, error_count: 1 });
    expect(r.errors).toEqual([{ line: 23, column: 'vaerelser', message: 'Skal være et heltal.', value: 'tre' }]);
    expect(r.preview!.columns).toEqual(boligHeader);
    expect(r.preview!.rows).toHaveLength(20);
    expect(r.preview!.rows[0]).toEqual(file[1]);
    expect(await registerSnapshot(ctx.db)).toEqual(before);
    expect(await q('SELECT count(*)::int AS n FROM import_job')).toEqual(jobs);
  });

  it('replaces the membership of the areas a file names, and imports area figures and housing stock', async () => {
    await seedRegister(ctx.db);
    const omr = await importRows(ctx.db, 'boligomraader', [
      ['kode', 'navn', 'kommunekode'],
      ['BO-1', 'Engområdet', '163'],
      ['BO-2', 'Søområdet', '101'],
    ]);
    expect(omr.state).toBe('succeeded');
    const head = ['boligomraade_kode', 'org_lbf_nr', 'afdelingsnummer'];
    const m1 = await importRows(ctx.db, 'boligomraade_afdelinger', [head, ['BO-1', '101', '1'], ['BO-1', '101', '2'], ['BO-2', '102', '7']]);
    expect(m1).toMatchObject({ state: 'succeeded', rows_inserted: 3 });
    // BO-1 now only has afdeling 2; BO-2 is not named and keeps its member.
    const m2 = await importRows(ctx.db, 'boligomraade_afdelinger', [head, ['BO-1', '101', '2']]);
    expect(m2).toMatchObject({ state: 'succeeded', rows_inserted: 0, rows_unchanged: 1 });
    expect(m2.message).toMatch(/1 afdelinger taget ud/);
    const members = await q(
      `SELECT o.kode, a.afdelingsnummer FROM boligomraade_afdeling x JOIN boligomraade o ON o.id = x.boligomraade_id
       JOIN afdeling a ON a.id = x.afdeling_id ORDER BY 1, 2`,
    );
    expect(members).toEqual([
      { kode: 'BO-1', afdelingsnummer: 2 },
      { kode: 'BO-2', afdelingsnummer: 7 },
    ]);
    const bad = await importRows(ctx.db, 'boligomraade_afdelinger', [head, ['BO-9', '101', '2']]);
    expect(bad.errors[0]).toMatchObject({ line: 2, column: 'boligomraade_kode', message: expect.stringMatching(/Boligområdet med koden BO-9 findes ikke/) });

    const tal = await importRows(ctx.db, 'noegletal_boligomraade', [
      ['boligomraade_kode', 'aar', 'beboere', 'ikke_vestlige_pct'],
      ['BO-1', '2024', '1.500', '42,0'],
    ]);
    expect(tal.state).toBe('succeeded');
    expect(await q(`SELECT kommunekode, beboere, ikke_vestlige_pct FROM noegletal WHERE boligomraade_id IS NOT NULL`)).toEqual([
      { kommunekode: '0163', beboere: 1500, ikke_vestlige_pct: 42 },
    ]);
    const masse = await importRows(ctx.db, 'boligmasse', [
      ['kommunekode', 'aar', 'boliger_i_alt'],
      ['163', '2024', '13.500'],
    ]);
    expect(masse.state).toBe('succeeded');
    expect(await q('SELECT kommunekode, aar, boliger_i_alt FROM boligmasse')).toEqual([{ kommunekode: '0163', aar: 2024, boliger_i_alt: 13500 }]);
  });

  it('leaves out optional columns a file does not have, and reports progress', async () => {
    await importRows(ctx.db, 'boligorganisationer', organisationer);
    const phases: ImportProgress['phase'][] = [];
    const r = await runImport(ctx.db, {
      kind: 'boligorganisationer',
      fileName: 'navne.csv',
      source: { buffer: csvBuffer([['org_lbf_nr', 'navn', 'form', 'kommunekode'], ['101', 'Engen', 'almen boligorganisation', '163']]) },
      onProgress: (p) => phases.push(p.phase),
    });
    expect(r).toMatchObject({ state: 'succeeded', rows_updated: 1 });
    expect(await q('SELECT navn, cvr FROM boligorganisation WHERE lbf_nr = 101')).toEqual([{ navn: 'Engen', cvr: '12345678' }]);
    expect(phases[0]).toBe('læser');
    expect(phases).toContain('skriver');
    expect(phases.at(-1)).toBe('færdig');
  });
});
