import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { readXlsx } from './xlsx.ts';

async function rowsOf(buf: Buffer) {
  const out: [number, string[]][] = [];
  for await (const batch of readXlsx(() => Readable.from([buf]))) for (const r of batch) out.push([r.line, r.fields]);
  return out;
}

describe('readXlsx', () => {
  it('reads the first sheet as text cells, every time (exceljs streaming sometimes meets a sheet before the workbook)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['kode', 'andel', 'tal', 'tekst']);
    ws.addRow(['0163', 0.071, { formula: '1000+2', result: 1002 }, { richText: [{ text: 'Æble' }, { text: 'haven' }] }]);
    ws.getCell('B2').numFmt = '0.0%';
    ws.addRow([163, 0.1 + 0.2, null, true]); // 0.30000000000000004
    wb.addWorksheet('Noter').addRow(['ignoreres']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const expected = [
      [1, ['kode', 'andel', 'tal', 'tekst']],
      [2, ['0163', '7.1', '1002', 'Æblehaven']],
      [3, ['163', '0.3', '', 'sand']],
    ];
    for (let i = 0; i < 300; i++) expect(await rowsOf(buf)).toEqual(expected);
  });

  it('calls a file that is not a workbook unreadable', async () => {
    await expect(rowsOf(Buffer.from('PK\u0003\u0004' + 'z'.repeat(300)))).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
  });
});
