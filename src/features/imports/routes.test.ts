import { it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import ExcelJS from 'exceljs';
import { describeDb } from '../../../tests/db.ts';
import { buildTestApp, everywhere, grant, multipart, sessionFor, type AuthHeaders } from '../../../tests/app.ts';
import type { App } from '../../http/server.ts';
import { importKinds } from './formats.ts';
import { boliger, csvBuffer, organisationer, registerSnapshot, resetRegister, seedRegister } from './fixtures.ts';
import { CsvReader } from './csv.ts';
import { runImport } from './importer.ts';

describeDb('import routes', (ctx) => {
  let app: App;
  let admin: AuthHeaders;
  const post = (fields: Record<string, string>, file?: { name: string; content: Buffer }, auth: Partial<AuthHeaders> = admin, a = app) => {
    const m = multipart(fields, file ? { file } : {});
    return a.inject({ method: 'POST', url: '/api/imports', payload: m.payload, headers: { ...m.headers, ...auth } });
  };

  beforeAll(async () => {
    app = await buildTestApp(ctx.db);
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(async () => {
    await resetRegister(ctx.db); // cascades to user_role: sign in afresh
    admin = await sessionFor(app, ctx.db, await everywhere(ctx.db, 'boligkontor'));
  });

  it('imports an uploaded file and shows it in the history with its progress', async () => {
    const res = await post({ kind: 'boligorganisationer', kilde: 'LBF', opgjort_pr: '2024-01-01' }, { name: 'org.csv', content: csvBuffer(organisationer) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ state: 'succeeded', rows_total: 2, rows_inserted: 2, error_count: 0, errors: [] });

    const list = await app.inject({ method: 'GET', url: '/api/imports?limit=10', headers: admin });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    expect(list.json().items[0]).toMatchObject({ id: body.job_id, kind: 'boligorganisationer', file_name: 'org.csv', state: 'succeeded', kilde: 'LBF', opgjort_pr: '2024-01-01' });
    expect(list.json().items[0].created_by).toMatch(/^test/);

    const one = await app.inject({ method: 'GET', url: `/api/imports/${body.job_id}`, headers: admin });
    expect(one.json()).toMatchObject({ id: body.job_id, errors: [] });
    const progress = await app.inject({ method: 'GET', url: `/api/imports/${body.job_id}/progress`, headers: admin });
    expect(progress.json()).toEqual({ state: 'succeeded', phase: 'færdig', rows: 2, total: 2 });
    const running = await app.inject({ method: 'GET', url: '/api/imports/running', headers: admin });
    expect(running.json()).toEqual({ items: [], total: 0 });
    const csv = await app.inject({ method: 'GET', url: '/api/imports?format=csv', headers: admin });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('org.csv');
  });

  it('answers a rejected file with 422 and every error, and keeps the errors in the history', async () => {
    await seedRegister(ctx.db);
    const before = await registerSnapshot(ctx.db);
    const file = boliger(6);
    file[4][7] = '78,55';
    const res = await post({ kind: 'boliger' }, { name: 'boliger.csv', content: csvBuffer(file) });
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    expect(err).toMatchObject({ code: 'IMPORT_REJECTED', error_count: 1, message: 'Filen blev afvist: 1 fejl i 1 rækker. Intet er gemt.' });
    expect(err.errors).toEqual([{ line: 5, column: 'areal_m2', message: 'Højst 1 decimal.', value: '78,55' }]);
    expect(await registerSnapshot(ctx.db)).toEqual(before);
    const job = await app.inject({ method: 'GET', url: `/api/imports/${err.job_id}`, headers: admin });
    expect(job.json()).toMatchObject({ state: 'failed', error_count: 1, errors: err.errors });
  });

  it('previews without writing, and checks the form fields, the kind and the file type', async () => {
    await seedRegister(ctx.db);
    const jobs = (await ctx.db.pool.query('SELECT count(*)::int AS n FROM import_job')).rows[0].n;
    const preview = await post({ kind: 'boliger', preview: '1' }, { name: 'b.csv', content: csvBuffer(boliger(3)) });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ state: 'preview', job_id: null, rows_total: 3, preview: { rows: expect.any(Array) } });
    expect((await ctx.db.pool.query('SELECT count(*)::int AS n FROM bolig')).rows[0].n).toBe(0);
    expect((await ctx.db.pool.query('SELECT count(*)::int AS n FROM import_job')).rows[0].n).toBe(jobs);

    const noKind = await post({}, { name: 'b.csv', content: csvBuffer(boliger(1)) });
    expect(noKind.statusCode).toBe(400);
    expect(noKind.json().error.fields).toEqual([{ field: 'kind', message: 'Vælg hvilken slags fil du importerer.' }]);
    const badDate = await post({ kind: 'boliger', opgjort_pr: '2024-02-30' }, { name: 'b.csv', content: csvBuffer(boliger(1)) });
    expect(badDate.json().error.fields[0]).toMatchObject({ field: 'opgjort_pr' });
    const noFile = await post({ kind: 'boliger' });
    expect(noFile.json().error.fields).toEqual([{ field: 'file', message: 'Vælg en fil.' }]);
    const unknown = await post({ kind: 'huse' }, { name: 'b.csv', content: csvBuffer(boliger(1)) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('UNKNOWN_IMPORT_TYPE');
    const m = multipart({ kind: 'boliger' }, { file: { name: 'b.csv', content: csvBuffer(boliger(2)) } });
    const truncated = await app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: m.payload.subarray(0, m.payload.length - 20),
      headers: { ...m.headers, ...admin },
    });
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json().error.fields[0].field).toBe('file');
    const pdf = await post({ kind: 'boliger' }, { name: 'b.pdf', content: Buffer.from('%PDF-1.7\n\0\0binary') });
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().error.code).toBe('UNSUPPORTED_FILE');
  });

  it('refuses anonymous users, readers, rows of other municipalities and files over the limit', async () => {
    const content = csvBuffer(organisationer);
    expect((await post({ kind: 'boligorganisationer' }, { name: 'o.csv', content }, {})).statusCode).toBe(401);
    const reader = await sessionFor(app, ctx.db, [grant('laeser', '0163')]);
    expect((await post({ kind: 'boligorganisationer' }, { name: 'o.csv', content }, reader)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/imports', headers: reader })).statusCode).toBe(403);

    const local = await sessionFor(app, ctx.db, [grant('boligkontor', '0163')]);
    const res = await post({ kind: 'boligorganisationer' }, { name: 'o.csv', content }, local);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.errors).toEqual([
      { line: 3, column: 'kommunekode', message: 'Rækken hører til kommune 0101, som du ikke har adgang til at importere for.', value: '0101' },
    ]);

    const small = await buildTestApp(ctx.db, { ALMEN_UPLOAD_MAX_BYTES: '100' });
    try {
      const auth = await sessionFor(small, ctx.db, [grant('administrator', '0163')]);
      const big = await post({ kind: 'boliger' }, { name: 'b.csv', content: csvBuffer(boliger(50)) }, auth, small);
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('FILE_TOO_LARGE');
    } finally {
      await small.close();
    }
  });

  it('documents every format and serves templates that import as they are', async () => {
    const formats = await app.inject({ method: 'GET', url: '/api/import-formats' });
    expect(formats.statusCode).toBe(200);
    expect(formats.json().items.map((f: { kind: string }) => f.kind)).toEqual([...importKinds]);
    expect(formats.json().items[4].columns.find((c: { name: string }) => c.name === 'areal_m2')).toMatchObject({
      type: 'tal med højst 1 decimal, 1–1000',
      required: true,
    });

    // Import order: each template's example row points at the rows the earlier templates create.
    const order = ['boligorganisationer', 'afdelinger', 'boligomraader', 'boligomraade_afdelinger', 'boliger', 'noegletal_afdeling', 'noegletal_boligomraade', 'boligmasse', 'udlejninger'];
    expect([...order].sort()).toEqual([...importKinds].sort());
    for (const ext of ['csv', 'xlsx'] as const) {
      await resetRegister(ctx.db);
      for (const kind of order) {
        const res = await app.inject({ method: 'GET', url: `/api/import-formats/${kind}/template.${ext}` });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-disposition']).toBe(`attachment; filename="${kind}.${ext}"`);
        const r = await runImport(ctx.db, { kind: kind as never, fileName: `${kind}.${ext}`, source: { buffer: res.rawPayload } });
        expect({ kind, ext, state: r.state, errors: r.errors }).toEqual({ kind, ext, state: 'succeeded', errors: [] });
      }
    }
    const csv = await app.inject({ method: 'GET', url: '/api/import-formats/boliger/template.csv' });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = [];
    const p = new CsvReader((r) => rows.push(Array.from({ length: r.n }, (_, i) => r.buf.toString('utf8', r.starts[i], r.ends[i]))), () => {});
    p.push(csv.rawPayload);
    p.end();
    expect(p.sep).toBe(0x3b);
    expect(rows[0][0]).toBe('org_lbf_nr'); // the BOM is not part of the first name
    expect(rows[1]).toContain('78,5');
    expect(csv.body).toContain('\r\n');

    const xlsx = await app.inject({ method: 'GET', url: '/api/import-formats/afdelinger/template.xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(2).getCell(5).value).toBe('0163'); // kommunekode stays text
    expect(ws.getRow(2).getCell(11).value).toBe(9120.5); // bruttoareal_m2 is a number
    expect((await app.inject({ method: 'GET', url: '/api/import-formats/huse/template.csv' })).statusCode).toBe(400);
  });
});
