// The one export: every list answers ?format=csv, xlsx or pdf through this module, with the same
// presented (and so suppressed) items as its JSON answer. CSV and xlsx stream, so a kommune's 60,000
// dwellings never sit in memory as one file; a PDF is laid out whole, in a worker thread (pdf.ts), and is
// capped at MAX_PDF_ROWS.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../errors.ts';
import { danishClockTime, danishDateTime, groupsThousands, MAX_PDF_ROWS, renderListPdf } from './pdf.ts';
import { danishToday } from '../../shared/dansk-tid.ts';

/** date: an ISO date (2024-12-01); datetime: a point in time as the API writes it, shown in Danish time. */
export type CellType = 'text' | 'int' | 'decimal' | 'date' | 'datetime';

export interface ExportColumn<T> {
  header: string;
  type: CellType;
  /** The item's field; a field listed in item.suppressed is written as the suppression mark. */
  field?: string;
  /** Computed value; default item[field]. */
  value?: (item: T) => unknown;
  /** Decimals shown in xlsx and PDF for decimal columns (default 2). */
  decimals?: number;
  /**
   * Thousands separators in xlsx and PDF. Default: yes, except for years and numbers that are names
   * (a heading ending in "år", "nr.", "nummer", "id" or "job"), where 1.960 would misread.
   */
  grouping?: boolean;
}

export interface ExportSpec<T> {
  /** ASCII base of the file name, e.g. "afdelinger". */
  name: string;
  /** Danish sheet title, e.g. "Afdelinger". */
  title: string;
  columns: ExportColumn<T>[];
}

export const exportFormats = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Danmarks Statistik's mark for a figure withheld for discretion. */
export const SUPPRESSED_MARK = '..';
export const MAX_EXPORT_ROWS = 1_000_000;

export const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export const SUPPRESSION_NOTE =
  `"${SUPPRESSED_MARK}" betyder, at tallet er udeladt for at beskytte enkeltpersoner ` +
  '(diskretionering: små antal og andele for små enheder, samt et ekstra tal hvor en sum ellers ville afsløre det).';

export interface ExportOptions {
  /** Part of the file name; "alle" when absent. */
  kommunekode?: string;
  /** Number of items, known before streaming so the cap can refuse up front. */
  total: number;
  /** Cap on the number of rows; default MAX_EXPORT_ROWS, and MAX_PDF_ROWS for PDF. */
  maxRows?: number;
  now?: Date;
  /** What was exported, in Danish ("Kommune: 0101"); shown in the PDF and on the xlsx's second sheet. */
  filters?: string[];
}

type Renderer = <T>(spec: ExportSpec<T>, items: Iterable<T> | AsyncIterable<T>, opts: ExportOptions) => Readable | Promise<Buffer>;

const renderers: Record<ExportFormat, { render: Renderer; maxRows: number; other: string }> = {
  csv: { render: (spec, items) => csvStream(spec, items), maxRows: MAX_EXPORT_ROWS, other: '' },
  xlsx: { render: (spec, items, opts) => xlsxStream(spec, items, opts.now, opts), maxRows: MAX_EXPORT_ROWS, other: '' },
  pdf: {
    render: (spec, items, opts) => renderListPdf(spec, items, opts),
    maxRows: MAX_PDF_ROWS,
    other: ', eller hent listen som CSV eller Excel',
  },
};

/** Sends items as a CSV, xlsx or PDF download. */
export async function sendExport<T>(
  reply: FastifyReply,
  format: ExportFormat,
  spec: ExportSpec<T>,
  items: Iterable<T> | AsyncIterable<T>,
  opts: ExportOptions,
) {
  const r = renderers[format];
  const max = opts.maxRows ?? r.maxRows;
  if (opts.total > max) {
    throw new DomainError(
      'VALIDATION',
      `Udtrækket ville have ${opts.total.toLocaleString('da-DK')} rækker; der kan højst eksporteres ` +
        `${max.toLocaleString('da-DK')}${format === 'pdf' ? ' som PDF' : ''}. Afgræns med filtre, fx kommune${r.other}.`,
    );
  }
  const body = await r.render(spec, items, opts);
  const file = exportFileName(spec.name, opts.kommunekode, format, opts.now);
  reply.header('content-type', contentTypes[format]);
  reply.header('content-disposition', `attachment; filename="${file}"`);
  reply.header('cache-control', 'no-store');
  return reply.send(body);
}

/** e.g. afdelinger-0101-2026-11-23.csv, dated in Danish time. */
export function exportFileName(name: string, kommunekode: string | undefined, ext: string, now = new Date()): string {
  return `${name}-${kommunekode ?? 'alle'}-${danishToday(now)}.${ext}`;
}

/** A cell's value, or that it is suppressed: a field listed in item.suppressed is never read. */
export function exportCell<T>(col: ExportColumn<T>, item: T): { suppressed: boolean; v: unknown } {
  const suppressed = (item as { suppressed?: string[] }).suppressed;
  if (col.field && suppressed?.includes(col.field)) return { suppressed: true, v: null };
  const v = col.value ? col.value(item) : (item as Record<string, unknown>)[col.field ?? ''];
  return { suppressed: false, v };
}

// ---- CSV as Danish Excel reads it: UTF-8 with BOM, semicolons, decimal comma, CRLF.

export function csvStream<T>(spec: ExportSpec<T>, items: Iterable<T> | AsyncIterable<T>): Readable {
  async function* lines() {
    yield '\uFEFF' + spec.columns.map((c) => csvText(c.header)).join(';') + '\r\n';
    let buf = '';
    let n = 0;
    for await (const item of items) {
      buf += spec.columns.map((c) => csvCell(c, item)).join(';') + '\r\n';
      if (++n % 500 === 0) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  return Readable.from(lines(), { objectMode: false });
}

function csvCell<T>(col: ExportColumn<T>, item: T): string {
  const { suppressed, v } = exportCell(col, item);
  if (suppressed) return SUPPRESSED_MARK;
  if (v == null || v === '') return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v).replace('.', ',') : '';
  if (col.type === 'datetime') return csvText(danishDateTime(String(v), 'seconds'));
  return csvText(String(v));
}

function csvText(s: string): string {
  // A leading = + - @ would make Excel run the cell as a formula (CSV injection).
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[;"\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

// ---- xlsx with typed cells: numbers as numbers, dates as dates, codes as text.

export function xlsxStream<T>(
  spec: ExportSpec<T>,
  items: Iterable<T> | AsyncIterable<T>,
  now = new Date(),
  opts: { filters?: string[] } = {},
): Readable {
  const out = new PassThrough();
  const write = async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = 'Almen';
    wb.created = now;
    const ws = wb.addWorksheet(spec.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({
      header: c.header,
      width: Math.max(10, Math.min(50, c.header.length + 4)),
      style: { numFmt: numFmt(c) },
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for await (const item of items) {
      ws.addRow(spec.columns.map((c) => xlsxValue(c, item))).commit();
    }
    ws.commit();
    const about = wb.addWorksheet('Om udtrækket');
    about.addRow(['Udtræk', spec.title]).commit();
    about.addRow(['Dannet', danishDateTime(now, 'long')]).commit(); // an xlsx date has no zone: Danish time as text
    about.addRow(['Diskretionering', SUPPRESSION_NOTE]).commit();
    if (opts.filters?.length) about.addRow(['Filtre', opts.filters.join('; ')]).commit();
    about.getColumn(1).width = 18;
    about.getColumn(2).width = 100;
    about.commit();
    await wb.commit();
  };
  write().catch((err) => out.destroy(err));
  return out;
}

function numFmt<T>(c: ExportColumn<T>): string | undefined {
  const g = groupsThousands(c) ? '#,##0' : '0';
  if (c.type === 'int') return g;
  if (c.type === 'decimal') return c.decimals === 0 ? g : g + '.' + '0'.repeat(c.decimals ?? 2);
  if (c.type === 'date') return 'dd.mm.yyyy';
  if (c.type === 'datetime') return 'dd.mm.yyyy hh:mm:ss';
  return undefined;
}

function xlsxValue<T>(col: ExportColumn<T>, item: T): ExcelJS.CellValue {
  const { suppressed, v } = exportCell(col, item);
  if (suppressed) return SUPPRESSED_MARK;
  if (v == null || v === '') return null;
  if (col.type === 'int' || col.type === 'decimal') return typeof v === 'number' ? v : Number(v);
  if (col.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(v + 'T00:00:00Z');
  if (col.type === 'datetime') return danishClockTime(String(v)) ?? String(v);
  return String(v);
}
