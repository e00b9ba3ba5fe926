import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import type { Readable } from 'node:stream';
import { contentTypes, csvStream, exportFileName, sendExport, xlsxStream, SUPPRESSED_MARK, type ExportSpec } from './export.ts';
import { danishClockTime, danishDateTime, MAX_PDF_ROWS, renderListPdf } from './pdf.ts';
import { errorHandler } from '../../http/errors.ts';
import { pdfText } from '../../../tests/pdf-text.ts';

type Item = { navn: string; antal: number | null; pct: number | null; dato: string; suppressed?: string[] };
const spec: ExportSpec<Item> = {
  name: 'test',
  title: 'Testliste',
  columns: [
    { header: 'Navn', type: 'text', field: 'navn' },
    { header: 'Antal', type: 'int', field: 'antal' },
    { header: 'Andel (pct.)', type: 'decimal', field: 'pct' },
    { header: 'Opgjort pr.', type: 'date', field: 'dato' },
  ],
};

async function text(s: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8');
}
async function buffer(s: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

describe('CSV for Danish Excel', () => {
  it('writes a BOM, semicolons, decimal commas and CRLF', async () => {
    const out = await text(csvStream(spec, [{ navn: 'Ærøparken', antal: 1234, pct: 40.75, dato: '2024-01-01' }]));
    expect(out.startsWith('\uFEFF')).toBe(true);
    expect(out).toBe('\uFEFFNavn;Antal;Andel (pct.);Opgjort pr.\r\nÆrøparken;1234;40,75;2024-01-01\r\n');
  });

  it('quotes semicolons, quotes and line breaks, and defuses formulas', async () => {
    const out = await text(
      csvStream(spec, [
        { navn: 'Vej 1; 2', antal: null, pct: null, dato: '' },
        { navn: 'Sagt "hej"\nigen', antal: 0, pct: 0, dato: '' },
        { navn: '=HYPERLINK("x")', antal: 1, pct: 1, dato: '' },
      ]),
    );
    const lines = out.slice(1).split('\r\n');
    expect(lines[1]).toBe('"Vej 1; 2";;;');
    expect(lines[2]).toBe('"Sagt ""hej""\nigen";0;0;');
    expect(lines[3]).toBe(`"'=HYPERLINK(""x"")";1;1;`);
  });

  it('writes the suppression mark for suppressed fields, not the value', async () => {
    const out = await text(csvStream(spec, [{ navn: 'A', antal: null, pct: null, dato: '', suppressed: ['antal'] }]));
    expect(out.split('\r\n')[1]).toBe(`A;${SUPPRESSED_MARK};;`);
  });

  it('streams many rows from an async source', async () => {
    async function* many() {
      for (let i = 0; i < 1234; i++) yield { navn: `R${i}`, antal: i, pct: null, dato: '' };
    }
    const out = await text(csvStream(spec, many()));
    const lines = out.split('\r\n');
    expect(lines.length).toBe(1 + 1234 + 1);
    expect(lines[1234]).toBe('R1233;1233;;');
  });
});

describe('xlsx', () => {
  it('has Danish headings, typed numeric and date cells, the mark for suppressed cells and an explanation sheet', async () => {
    const buf = await buffer(
      xlsxStream(spec, [
        { navn: 'Østergården', antal: 1234, pct: 40.75, dato: '2024-01-01' },
        { navn: '0101', antal: null, pct: 3, dato: '2024-01-01', suppressed: ['antal'] },
      ]),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Testliste')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Navn', 'Antal', 'Andel (pct.)', 'Opgjort pr.']);
    expect(ws.getCell('A2').value).toBe('Østergården');
    expect(ws.getCell('B2').value).toBe(1234);
    expect(ws.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('C2').value).toBe(40.75);
    expect(ws.getCell('C2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('D2').value).toEqual(new Date('2024-01-01T00:00:00Z'));
    expect(ws.getCell('A3').value).toBe('0101'); // codes stay text
    expect(ws.getCell('B3').value).toBe(SUPPRESSED_MARK);
    expect(wb.getWorksheet('Om udtrækket')!.getCell('B3').value).toContain('beskytte enkeltpersoner');
  });
});

describe('xlsx: filters and number formats', () => {
  it('names the filters on the second sheet, and writes years and numbers that are names without thousands separators', async () => {
    const years: ExportSpec<{ aar: number; nr: number; antal: number }> = {
      name: 'aar',
      title: 'År',
      columns: [
        { header: 'Opførelsesår', type: 'int', field: 'aar' },
        { header: 'LBF-nr.', type: 'int', field: 'nr' },
        { header: 'Beboere 18-64 år', type: 'int', field: 'antal' },
      ],
    };
    const buf = await buffer(xlsxStream(years, [{ aar: 1975, nr: 1234, antal: 1234 }], new Date(), { filters: ['Kommune: 0101', 'Søgning: gården'] }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('År')!;
    expect(['A2', 'B2', 'C2'].map((a) => ws.getCell(a).numFmt)).toEqual(['0', '0', '#,##0']);
    expect(wb.getWorksheet('Om udtrækket')!.getRow(4).values).toEqual([undefined, 'Filtre', 'Kommune: 0101; Søgning: gården']);
  });
});

describe('points in time: the API\'s ISO string in Danish time', () => {
  const times: ExportSpec<{ nr: number; at: string | null }> = {
    name: 'tider',
    title: 'Tider',
    columns: [
      { header: 'Nr.', type: 'int', field: 'nr' },
      { header: 'Tidspunkt', type: 'datetime', field: 'at' },
    ],
  };
  // Winter (UTC+1), summer (UTC+2), and late evening in UTC that is the next day in Denmark.
  const rows = [
    { nr: 1, at: '2026-12-02T07:17:37.123Z' },
    { nr: 2, at: '2026-07-02T07:17:37.000Z' },
    { nr: 3, at: '2026-12-31T23:30:00.000Z' },
    { nr: 4, at: null },
  ];

  it('the one formatter: short, with seconds and long, whatever the server\'s zone', () => {
    expect(danishDateTime('2026-12-02T07:17:37.123Z')).toBe('02.12.2026, 08.17');
    expect(danishDateTime('2026-07-02T07:17:37.000Z', 'seconds')).toBe('02.07.2026, 09.17.37');
    expect(danishDateTime(new Date('2026-12-31T23:30:00Z'), 'long')).toBe('1. januar 2027 kl. 00.30');
    expect(danishDateTime('ikke en tid')).toBe('ikke en tid');
    expect(danishClockTime('2026-07-02T07:17:37.123Z')).toEqual(new Date('2026-07-02T09:17:37.123Z'));
    expect(danishClockTime('ikke en tid')).toBeNull();
  });

  it('CSV, xlsx and PDF write them in Danish time', async () => {
    const csv = (await text(csvStream(times, rows))).slice(1).split('\r\n');
    expect(csv.slice(0, 5)).toEqual(['Nr.;Tidspunkt', '1;02.12.2026, 08.17.37', '2;02.07.2026, 09.17.37', '3;01.01.2027, 00.30.00', '4;']);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buffer(xlsxStream(times, rows, new Date('2026-11-23T13:05:00Z')))) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Tider')!;
    expect(ws.getCell('B2').value).toEqual(new Date('2026-12-02T08:17:37.123Z')); // xlsx has no zones: the Danish clock
    expect(ws.getCell('B3').value).toEqual(new Date('2026-07-02T09:17:37.000Z'));
    expect(ws.getCell('B2').numFmt).toBe('dd.mm.yyyy hh:mm:ss');
    expect(ws.getCell('B5').value).toBeNull();
    expect(wb.getWorksheet('Om udtrækket')!.getCell('B2').value).toBe('23. november 2026 kl. 14.05');

    const pdf = pdfText(await renderListPdf(times, rows, { now: new Date('2026-11-23T13:05:00Z') })).pages.flat();
    expect(pdf).toEqual(expect.arrayContaining(['Nr. Tidspunkt', '1 02.12.2026, 08.17.37', '3 01.01.2027, 00.30.00', '4']));
  });
});

describe('file name and cap', () => {
  it('names the file after list, kommune and the Danish date', () => {
    // 23:30 UTC on 22 November is already 23 November in Copenhagen
    expect(exportFileName('afdelinger', '0101', 'csv', new Date('2026-11-22T23:30:00Z'))).toBe('afdelinger-0101-2026-11-23.csv');
    expect(exportFileName('boliger', undefined, 'xlsx', new Date('2026-06-01T12:00:00Z'))).toBe('boliger-alle-2026-06-01.xlsx');
  });

  it('refuses an export over the cap with a Danish message, and sends one at the cap', async () => {
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    const items = [{ navn: 'a', antal: 1, pct: 1, dato: '' }, { navn: 'b', antal: 2, pct: 2, dato: '' }];
    app.get('/x', (req, reply) => sendExport(reply, 'csv', spec, items, { total: items.length, maxRows: Number((req.query as any).max) }));
    const over = await app.inject('/x?max=1');
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toMatch(/højst eksporteres 1\. Afgræns/);
    const ok = await app.inject('/x?max=2');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-disposition']).toMatch(/^attachment; filename="test-alle-\d{4}-\d{2}-\d{2}\.csv"$/);
    await app.close();
  });

  it('sends a PDF the same way, with a lower cap that points to CSV and Excel', async () => {
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    const items = [{ navn: 'Ærøparken', antal: 1234, pct: 40.75, dato: '2024-12-01' }];
    app.get('/x', (req, reply) => sendExport(reply, 'pdf', spec, items, { total: Number((req.query as any).total), kommunekode: '0101', filters: ['Kommune: 0101'] }));
    const over = await app.inject(`/x?total=${MAX_PDF_ROWS + 1}`);
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toBe(
      'Udtrækket ville have 10.001 rækker; der kan højst eksporteres 10.000 som PDF. Afgræns med filtre, fx kommune, eller hent listen som CSV eller Excel.',
    );
    const ok = await app.inject('/x?total=1');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe(contentTypes.pdf);
    expect(ok.headers['content-disposition']).toMatch(/^attachment; filename="test-0101-\d{4}-\d{2}-\d{2}\.pdf"$/);
    expect(pdfText(ok.rawPayload).pages[0]).toEqual(expect.arrayContaining(['Udtræk: Kommune: 0101', 'Ærøparken 1.234 40,75 01.12.2024']));
    await app.close();
  });
});
