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

const unreadable = (cause: unknown) =>
  Object.assign(new DomainError('UNSUPPORTED_FILE', 'Filen kunne ikke læses som et Excel-ark (.xlsx). Er den beskadiget?'), { cause });

function rowFields(row: ExcelJS.Row): string[] {
  const values = row.values as ExcelJS.CellValue[];
  const fields = new Array<string>(Math.max(0, values.length - 1));
  for (let c = 1; c < values.length; c++) {
    const v = values[c];
    fields[c - 1] = typeof v === 'string' ? v : cellText(v, typeof v === 'number' ? row.getCell(c).numFmt : undefined);
  }
  return fields;
}

/**
 * Yields the rows of the first worksheet in batches; the other sheets are ignored. Streams when it can:
 * exceljs' streaming reader must have read the workbook (sheet order) and the styles (percent formats)
 * before it reaches the sheet, which Excel's own files allow. Otherwise (other writers' entry order, or a
 * race inside exceljs 4.4 that reaches the sheet first) the file is read whole instead: slower, never wrong.
 * open() gives a fresh stream of the file each time.
 */
export async function* readXlsx(open: () => Readable, batchSize = 2000): AsyncGenerator<XlsxRow[]> {
  const input = open();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // for percent formats
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // Internals of exceljs 4.4.0 (pinned): note when the styles are read, and give the model a default so
  // a sheet reached before xl/workbook.xml does not throw.
  const internals = reader as unknown as { model?: { sheets?: { id: number }[] }; _parseStyles(e: unknown): Promise<void> };
  let stylesRead = false;
  const parseStyles = internals._parseStyles.bind(reader);
  internals._parseStyles = async (e) => {
    await parseStyles(e);
    stylesRead = true;
  };
  internals.model ??= {};
  try {
    let first: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
    try {
      first = await (reader[Symbol.asyncIterator]() as AsyncIterator<ExcelJS.stream.xlsx.WorksheetReader>).next();
    } catch (err) {
      throw unreadable(err);
    }
    if (first.done) return;
    const sheet = first.value as unknown as { id: number } & AsyncIterable<ExcelJS.Row>;
    const firstInWorkbook = internals.model?.sheets?.[0]?.id;
    if (!stylesRead || firstInWorkbook === undefined || sheet.id !== firstInWorkbook) {
      input.destroy();
      yield* readWhole(open, batchSize);
      return;
    }
    const rows = sheet[Symbol.asyncIterator]();
    let batch: XlsxRow[] = [];
    for (;;) {
      let r: IteratorResult<ExcelJS.Row>;
      try {
        r = await rows.next();
      } catch (err) {
        throw unreadable(err);
      }
      if (r.done) break;
      batch.push({ fields: rowFields(r.value), line: r.value.number });
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

/** The whole workbook in memory: the reliable way, for the files streaming cannot take. */
async function* readWhole(open: () => Readable, batchSize: number): AsyncGenerator<XlsxRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.read(open());
  } catch (err) {
    throw unreadable(err);
  }
  const ws = wb.worksheets[0];
  if (!ws) return;
  let batch: XlsxRow[] = [];
  for (let n = 1; n <= ws.rowCount; n++) {
    const row = ws.findRow(n);
    if (!row) continue;
    batch.push({ fields: rowFields(row), line: n });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
