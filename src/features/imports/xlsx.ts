// Reads the first worksheet of an .xlsx file row by row with exceljs' streaming reader, turning each cell
// into the text a CSV file would hold, so one validator serves both formats.
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import { DomainError } from '../../errors.ts';

/** Numbers as plain text with a decimal point, without binary noise like 78.50000000001. */
function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

function cellText(v: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numberText(numFmt && numFmt.includes('%') ? v * 100 : v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'sand' : 'falsk';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue, numFmt);
  if ('text' in v) return String(v.text);
  if ('error' in v) return String(v.error);
  return '';
}

export interface XlsxRow {
  fields: string[];
  /** The worksheet's row number. */
  line: number;
}

/** Yields the rows of the first worksheet in batches; the other sheets are ignored. */
export async function* readXlsx(input: Readable, batchSize = 2000): AsyncGenerator<XlsxRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // for percent formats
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // exceljs 4.4 sometimes reaches a worksheet before it has read xl/workbook.xml and then fails on
  // `this.model.sheets`; an empty model lets it go on (the sheet names are not needed here).
  (reader as unknown as { model?: object }).model ??= {};
  const unreadable = (cause: unknown) =>
    Object.assign(new DomainError('UNSUPPORTED_FILE', 'Filen kunne ikke læses som et Excel-ark (.xlsx). Er den beskadiget?'), { cause });
  try {
    let sheets: AsyncIterator<any>;
    let first: IteratorResult<any>;
    try {
      sheets = reader[Symbol.asyncIterator]();
      first = await sheets.next();
    } catch (err) {
      throw unreadable(err);
    }
    if (first.done) return;
    const rows: AsyncIterator<ExcelJS.Row> = first.value[Symbol.asyncIterator]();
    let batch: XlsxRow[] = [];
    for (;;) {
      let r: IteratorResult<ExcelJS.Row>;
      try {
        r = await rows.next();
      } catch (err) {
        throw unreadable(err);
      }
      if (r.done) break;
      const row = r.value;
      const values = row.values as ExcelJS.CellValue[];
      const fields = new Array<string>(Math.max(0, values.length - 1));
      for (let c = 1; c < values.length; c++) {
        const v = values[c];
        fields[c - 1] = typeof v === 'string' ? v : cellText(v, typeof v === 'number' ? row.getCell(c).numFmt : undefined);
      }
      batch.push({ fields, line: row.number });
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    input.destroy();
  }
}
