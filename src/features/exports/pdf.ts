// PDF for reading and printing (issue 4, item 7), with pdfmake 0.3 (pure JS; Roboto, bundled with pdfmake,
// has æ, ø and å). Two ways in, one layout:
//  - renderListPdf: a list from the same ExportSpec and presented (so suppressed) items as its CSV and xlsx,
//    with what was exported, the source and the time; sendExport calls it for format=pdf.
//  - renderDocumentPdf: a document of headed sections with paragraphs and tables (explanations, reports).
// A4, landscape when a table needs the width; title, the lines about the content, "Dannet <tid>"; the table
// header repeated on every page; "Side x af y"; numbers the Danish way (1.234,5), right-aligned.
// pdfmake lays a document out whole and synchronously (about 11 s for 10,000 rows of 18 columns), so each
// PDF is made in a worker thread of its own (pdf-worker.mjs), one at a time, and the server keeps
// answering meanwhile. Decision record 012.
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Content, TableCell, TableLayout, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { DomainError } from '../../errors.ts';
import type { CellType, ExportSpec } from './export.ts';
import { DANISH_TIME } from '../../shared/dansk-tid.ts';

/** A list longer than this is refused as PDF (10,000 afdelinger are 589 landscape pages); CSV and xlsx take 1,000,000. */
export const MAX_PDF_ROWS = 10_000;
/** A cell longer than this is shortened with "…" in the PDF (CSV and xlsx carry the whole text). */
export const PDF_MAX_CELL_CHARS = 400;
/** Old-generation heap of the worker that makes one PDF; 10,000 rows of 18 columns need 400-500 MB. */
const WORKER_HEAP_MB = 1024;

export interface PdfColumn {
  header: string;
  /** int and decimal are written the Danish way (1.234,5) and right-aligned; date as 01.12.2024, datetime as 01.12.2024, 14.05.09. */
  type?: CellType;
  /** Decimals of a decimal column (default 2). */
  decimals?: number;
  /** Thousands separators; by default as groupsThousands says. */
  grouping?: boolean;
}

export type PdfCellValue = string | number | null | undefined;

export interface PdfTable {
  /**
   * A heading, or a heading with its type. An untyped column whose values are numbers (and marks such as
   * "..") is a number column.
   */
  columns: (string | PdfColumn)[];
  rows: PdfCellValue[][];
  /** Shown under the heading row when there are no rows; default "Ingen rækker." */
  emptyText?: string;
}

export interface PdfSection {
  heading?: string;
  paragraphs?: string[];
  table?: PdfTable;
}

export interface PdfDocument {
  title: string;
  subtitle?: string;
  /** Lines under the title (what is shown, the source); "Dannet <time>" is always added. */
  about?: string[];
  sections: PdfSection[];
  /** The time printed as "Dannet"; default now. */
  now?: Date;
}

/** A document of headed sections with paragraphs and tables, as a PDF. Made in a worker thread. */
export function renderDocumentPdf(doc: PdfDocument): Promise<Buffer> {
  return inWorker(doc);
}

export interface ListPdfOptions {
  /** What was exported, e.g. ["Kommune: 0101", "Sorteret efter Navn, stigende"]; none means the whole list. */
  filters?: string[];
  /** The source line; by default made from the items' provenance (kilde and opgjort pr.). */
  source?: string;
  now?: Date;
}

type WithProvenance = { provenance?: { kilde?: unknown; opgjort_pr?: unknown } | null };

/** A list as a PDF table under its Danish headings: the same cells, suppression marks included, as CSV and xlsx. */
export async function renderListPdf<T>(spec: ExportSpec<T>, items: Iterable<T> | AsyncIterable<T>, opts: ListPdfOptions = {}): Promise<Buffer> {
  // export.ts imports this module; reading it back lazily keeps exceljs out of the PDF worker.
  const { exportCell, SUPPRESSED_MARK, SUPPRESSION_NOTE } = await import('./export.ts');
  const rows: PdfCellValue[][] = [];
  const sources = new Map<string, { from: string; to: string }>();
  let suppressed = false;
  for await (const item of items) {
    rows.push(
      spec.columns.map((c) => {
        const cell = exportCell(c, item);
        if (cell.suppressed) {
          suppressed = true;
          return SUPPRESSED_MARK;
        }
        return cell.v == null || typeof cell.v === 'number' ? cell.v : String(cell.v);
      }) as PdfCellValue[],
    );
    if (rows.length % 1000 === 0) await new Promise((r) => setImmediate(r)); // let other requests in
    const p = (item as WithProvenance).provenance;
    if (p && typeof p.kilde === 'string' && p.kilde) {
      const d = typeof p.opgjort_pr === 'string' ? p.opgjort_pr : '';
      const s = sources.get(p.kilde);
      if (!s) sources.set(p.kilde, { from: d, to: d });
      else if (d) {
        if (!s.from || d < s.from) s.from = d;
        if (d > s.to) s.to = d;
      }
    }
  }
  return inWorker({
    title: spec.title,
    about: [
      `Udtræk: ${opts.filters?.length ? opts.filters.join(' · ') : 'hele listen, som du har adgang til'}`,
      `${rows.length.toLocaleString('da-DK')} ${rows.length === 1 ? 'række' : 'rækker'}`,
      opts.source ?? sourceLine(sources),
    ],
    now: opts.now,
    sections: [
      {
        table: {
          columns: spec.columns.map((c) => ({ header: c.header, type: c.type, decimals: c.decimals, grouping: c.grouping })),
          rows,
          emptyText: 'Ingen rækker matcher udtrækket.',
        },
      },
      ...(suppressed ? [{ paragraphs: [SUPPRESSION_NOTE] }] : []),
    ],
  });
}

function sourceLine(sources: Map<string, { from: string; to: string }>): string {
  if (!sources.size) return 'Kilde: Almen, kommunens register over almene boliger.';
  const parts = [...sources].map(([kilde, { from, to }]) =>
    !from ? kilde : `${kilde}, opgjort pr. ${from === to ? danishDate(from) : `${danishDate(from)}–${danishDate(to)}`}`,
  );
  return `Kilde: ${parts.join('; ')}. Udtrukket fra Almen.`;
}

// ---- Danish formats (shared with the xlsx export)

/** Headings of years and of numbers that are names: "År", "Opførelsesår", "Beboere, år", "LBF-nr.", "Importjob", "(id)". */
const yearOrName = /(^|\p{L}|, )år$|nr\.?$|nummer$|(^|[\s(])id\)?$|job$/iu;

/**
 * Whether a number column gets thousands separators: yes, unless told, except for years and numbers that
 * are names, where 1.960 would misread ("Beboere 0-17 år" is a count and is grouped).
 */
export function groupsThousands(c: { header: string; grouping?: boolean }): boolean {
  return c.grouping ?? !yearOrName.test(c.header.trim());
}

/** 2024-12-01 -> 01.12.2024; anything else as it is. */
export function danishDate(s: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : s;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(decimals: number | null, grouping: boolean): Intl.NumberFormat {
  const key = `${decimals}/${grouping}`;
  let f = numberFormats.get(key);
  if (!f) {
    const digits = decimals === null ? { maximumFractionDigits: 6 } : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
    numberFormats.set(key, (f = new Intl.NumberFormat('da-DK', { ...digits, useGrouping: grouping })));
  }
  return f;
}
const timeFormats = {
  short: new Intl.DateTimeFormat('da-DK', { timeZone: DANISH_TIME, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
  seconds: new Intl.DateTimeFormat('da-DK', { timeZone: DANISH_TIME, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }),
  long: new Intl.DateTimeFormat('da-DK', { timeZone: DANISH_TIME, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
};

/**
 * A point in time as a Danish reader reads it, in Danish time whatever the server's zone: short
 * 02.12.2026, 08.17; seconds 02.12.2026, 08.17.37; long 2. december 2026 kl. 08.17. Takes the API's ISO
 * string (decision 023) or a Date; anything else as it is.
 */
export function danishDateTime(t: string | Date, form: keyof typeof timeFormats = 'short'): string {
  const d = typeof t === 'string' ? new Date(t) : t;
  return Number.isNaN(d.getTime()) ? String(t) : timeFormats[form].format(d);
}

const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: DANISH_TIME, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** The Danish clock time of a point in time in a Date's UTC fields: what an xlsx cell holds (it has no time zones). */
export function danishClockTime(t: string | Date): Date | null {
  const d = typeof t === 'string' ? new Date(t) : t;
  if (Number.isNaN(d.getTime())) return null;
  const p = Object.fromEntries(wallClock.formatToParts(d).map((x) => [x.type, Number(x.value)]));
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, d.getUTCMilliseconds()));
}

interface Col extends PdfColumn {
  numeric: boolean;
  grouped: boolean;
}

/** A string that is not a number but may stand in a number column: a mark such as ".." or "–". */
const isMark = (v: unknown) => typeof v === 'string' && !/[\p{L}\p{N}]/u.test(v);

function columnsOf(t: PdfTable): Col[] {
  return t.columns.map((c, i) => {
    const col: PdfColumn = typeof c === 'string' ? { header: c } : c;
    const numeric =
      col.type === 'int' || col.type === 'decimal' ||
      (col.type === undefined && t.rows.some((r) => typeof r[i] === 'number') &&
        t.rows.every((r) => r[i] == null || typeof r[i] === 'number' || isMark(r[i])));
    return { ...col, numeric, grouped: groupsThousands(col) };
  });
}

function cellText(c: Col, v: PdfCellValue): string {
  if (v == null || v === '') return '';
  if (c.numeric || typeof v === 'number') {
    const n = typeof v === 'number' ? v : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
    if (Number.isFinite(n)) {
      const decimals = c.type === 'decimal' ? (c.decimals ?? 2) : c.type === 'int' ? 0 : null;
      return numberFormat(decimals, c.grouped).format(n);
    }
  }
  const s = c.type === 'date' ? danishDate(String(v)) : c.type === 'datetime' ? danishDateTime(String(v), 'seconds') : String(v);
  return s.length > PDF_MAX_CELL_CHARS ? s.slice(0, PDF_MAX_CELL_CHARS - 1) + '…' : s;
}

// ---- column widths, estimated from Roboto's advance widths by character class: numbers, dates and words
// stay whole where the page allows, and the rest of the width goes to the longer texts.

const A4 = { short: 595.28, long: 841.89 };
const MARGIN = 36; // 1.27 cm
const PAD = 3;
const TABLE_FONT_SIZES = [8, 7, 6];
const BOLD = 1.05;

const charEms = new Map<string, number>();
/** Width in em of Roboto Regular, roughly, by character class. */
function ems(s: string): number {
  let w = 0;
  for (const ch of s) {
    let e = charEms.get(ch);
    if (e === undefined) {
      e = /[ijlIft.,:;'|!()[\] \u00a0]/.test(ch) ? 0.28 : /[mwMWæÆœŒ]/.test(ch) ? 0.86 : /[0-9]/.test(ch) ? 0.562 : /[A-ZÅØÄÖÜÉ]/.test(ch) ? 0.67 : 0.55;
      charEms.set(ch, e);
    }
    w += e;
  }
  return w;
}
/** The longest word in em; a word is counted up to 24 characters (a longer one breaks). */
const longestWord = (s: string, factor = 1) => Math.max(0, ...s.split(/\s+/).map((w) => ems(w.slice(0, 24)) * factor));

interface Measured {
  cols: Col[];
  texts: string[][];
  /** In em: the widths that keep every word and number whole, and those that keep cells on one line (capped). */
  least: number[];
  natural: number[];
}

function measure(t: PdfTable): Measured {
  const cols = columnsOf(t);
  const texts = t.rows.map((r) => cols.map((c, i) => cellText(c, r[i])));
  const least = cols.map((c) => longestWord(c.header, BOLD));
  const natural = cols.map((c) => Math.min(ems(c.header) * BOLD, 12));
  const words = new Map<string, number>();
  for (const row of texts) {
    for (let i = 0; i < cols.length; i++) {
      const s = row[i];
      if (!s) continue;
      const whole = ems(s);
      if (whole > natural[i]) natural[i] = Math.min(whole, 45);
      if (whole <= least[i]) continue;
      if (cols[i].numeric || cols[i].type === 'date' || cols[i].type === 'datetime' || !s.includes(' ')) least[i] = Math.min(whole, ems('x'.repeat(24)));
      else {
        let w = words.get(s);
        if (w === undefined) words.set(s, (w = longestWord(s)));
        least[i] = Math.max(least[i], w);
      }
    }
  }
  return { cols, texts, least, natural: natural.map((n, i) => Math.max(n, least[i])) };
}

/**
 * Column widths (pdfmake's, without padding) at a font size, and how much of the room they would like
 * beyond their least widths the texts get (1: every cell on one line); null when not even the least fit.
 */
function widthsAt(m: Measured, fontSize: number, available: number): { widths: number[]; room: number } | null {
  const least = m.least.map((e) => e * fontSize + 2 * PAD);
  const natural = m.natural.map((e) => e * fontSize + 2 * PAD);
  const sumLeast = least.reduce((a, b) => a + b, 0);
  const sumNatural = natural.reduce((a, b) => a + b, 0);
  if (sumNatural <= available) return { widths: natural.map((w) => w + ((available - sumNatural) * w) / sumNatural - 2 * PAD), room: 1 };
  if (sumLeast > available) return null;
  const room = (available - sumLeast) / (sumNatural - sumLeast);
  return { widths: least.map((l, i) => l + (natural[i] - l) * room - 2 * PAD), room };
}

interface TablePlan {
  m: Measured;
  widths: number[];
  fontSize: number;
}

/**
 * Portrait when every table fits it at the largest size with its cells on one line (a table of up to three
 * columns may wrap its text). Else landscape, at the largest size where words and numbers stay whole and
 * the texts get at least half the room they would like, or failing that the size that gives them the most;
 * a table too wide even at the smallest size shares the width out, and its long words break.
 */
function plan(doc: PdfDocument): { landscape: boolean; tables: Map<PdfTable, TablePlan> } {
  const measured = new Map<PdfTable, Measured>();
  for (const s of doc.sections) if (s.table) measured.set(s.table, measure(s.table));
  const tables = new Map<PdfTable, TablePlan>();
  for (const [t, m] of measured) {
    const w = widthsAt(m, TABLE_FONT_SIZES[0], A4.short - 2 * MARGIN);
    if (w && (w.room === 1 || m.cols.length <= 3)) tables.set(t, { m, widths: w.widths, fontSize: TABLE_FONT_SIZES[0] });
  }
  if (tables.size === measured.size) return { landscape: false, tables };
  const available = A4.long - 2 * MARGIN;
  for (const [t, m] of measured) {
    let best: (TablePlan & { room: number }) | undefined;
    for (const fontSize of TABLE_FONT_SIZES) {
      const w = widthsAt(m, fontSize, available);
      if (w && (!best || w.room > best.room)) best = { m, widths: w.widths, fontSize, room: w.room };
      if (best && best.room >= 0.5) break;
    }
    if (!best) {
      const fontSize = TABLE_FONT_SIZES.at(-1)!;
      const sum = m.least.reduce((a, b) => a + b, 0);
      best = { m, fontSize, widths: m.least.map((e) => (e / sum) * available - 2 * PAD), room: 0 };
    }
    tables.set(t, { m, widths: best.widths, fontSize: best.fontSize });
  }
  return { landscape: true, tables };
}

// ---- the document

const tableLayout: TableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === (node.table.headerRows ?? 0) || i === node.table.body.length ? 0.8 : 0.25),
  vLineWidth: () => 0,
  hLineColor: (i, node) => (i === 0 || i === (node.table.headerRows ?? 0) || i === node.table.body.length ? '#1a1a1a' : '#b3b3b3'),
  paddingLeft: () => PAD,
  paddingRight: () => PAD,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
  fillColor: (row) => (row === 0 ? '#ebebeb' : null),
};

function tableContent(t: PdfTable, { m, widths, fontSize }: TablePlan, pageHeight: number): Content {
  const header: TableCell[] = m.cols.map((c) => ({ text: c.header, bold: true, alignment: c.numeric ? 'right' : 'left' }));
  if (!m.texts.length) {
    return {
      stack: [
        { table: { headerRows: 1, widths, body: [header] }, layout: tableLayout },
        { text: t.emptyText ?? 'Ingen rækker.', italics: true, margin: [0, 4, 0, 0] },
      ],
      fontSize,
      margin: [0, 0, 0, 8],
    };
  }
  const right = m.cols.map((c) => c.numeric);
  const body: TableCell[][] = [header];
  for (const row of m.texts) body.push(row.map((text, i) => (right[i] ? { text, alignment: 'right' } : text)));
  // A row is kept on one page unless one might be taller than half a page: pdfmake drops a row that is
  // kept whole and does not fit on a page at all.
  const lineHeight = fontSize * 1.35;
  const perLine = widths.map((w) => w / fontSize);
  let tallest = 1;
  for (const row of m.texts) {
    for (let i = 0; i < row.length; i++) {
      const lines = row[i] ? Math.ceil((ems(row[i]) * 1.3) / perLine[i]) : 1;
      if (lines > tallest) tallest = lines;
    }
  }
  const dontBreakRows = tallest * lineHeight < pageHeight / 2;
  return { table: { headerRows: 1, dontBreakRows, widths, body }, layout: tableLayout, fontSize, margin: [0, 0, 0, 8] };
}

type PdfMake = typeof import('pdfmake');
let pdfmakeReady: Promise<PdfMake> | undefined;

/** pdfmake with Roboto from its own package, and no access to any other file or to URLs. */
function loadPdfmake(): Promise<PdfMake> {
  return (pdfmakeReady ??= import('pdfmake').then((m) => {
    const pdfmake = ((m as { default?: PdfMake }).default ?? m) as PdfMake;
    const fontDir = join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');
    pdfmake.setFonts({
      Roboto: {
        normal: join(fontDir, 'Roboto-Regular.ttf'),
        bold: join(fontDir, 'Roboto-Medium.ttf'),
        italics: join(fontDir, 'Roboto-Italic.ttf'),
        bolditalics: join(fontDir, 'Roboto-MediumItalic.ttf'),
      },
    });
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir + sep));
    return pdfmake;
  }));
}

/** Makes the PDF in the calling thread: the worker's part (pdf-worker.mjs). */
export async function renderPdfHere(doc: PdfDocument): Promise<Buffer> {
  const pdfmake = await loadPdfmake();
  const now = doc.now ?? new Date();
  const { landscape, tables } = plan(doc);
  const content: Content[] = [{ text: doc.title, style: 'title' }];
  if (doc.subtitle) content.push({ text: doc.subtitle, style: 'subtitle' });
  for (const line of doc.about ?? []) content.push({ text: line, style: 'about' });
  content.push({ text: `Dannet ${danishDateTime(now, 'long')}`, style: 'about', margin: [0, 0, 0, 10] });
  for (const s of doc.sections) {
    if (s.heading) content.push({ text: s.heading, style: 'heading' });
    for (const p of s.paragraphs ?? []) content.push({ text: p, style: 'paragraph' });
    if (s.table) content.push(tableContent(s.table, tables.get(s.table)!, (landscape ? A4.short : A4.long) - 2 * MARGIN));
  }
  const footerLeft = `${doc.title} · Almen · ${danishDateTime(now)}`;
  const def: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: landscape ? 'landscape' : 'portrait',
    pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN + 4],
    language: 'da-DK',
    info: { title: doc.title, subject: doc.subtitle ?? doc.title, creator: 'Almen', producer: 'Almen (pdfmake)', creationDate: now },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 12, margin: [0, 0, 0, 4] },
      about: { fontSize: 9, color: '#333333', margin: [0, 0, 0, 1] },
      heading: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
      paragraph: { margin: [0, 0, 0, 6] },
    },
    footer: (page, pages) => ({
      margin: [MARGIN, 10, MARGIN, 0],
      fontSize: 8,
      color: '#333333',
      columns: [{ text: footerLeft }, { text: `Side ${page} af ${pages}`, alignment: 'right', width: 'auto' }],
    }),
    content,
  };
  return pdfmake.createPdf(def).getBuffer();
}

// ---- one worker thread per PDF, one PDF at a time

let queue: Promise<unknown> = Promise.resolve();

function inWorker(doc: PdfDocument): Promise<Buffer> {
  const run = queue.then(() => renderInWorker(doc));
  queue = run.catch(() => undefined);
  return run;
}

function renderInWorker(doc: PdfDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./pdf-worker.mjs', import.meta.url), {
      workerData: doc,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    worker.once('message', (m: { pdf?: Uint8Array; error?: string }) => {
      settled = true;
      if (m.pdf) resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
      else reject(new Error(`PDF: ${m.error}`));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      settled = true;
      const tooBig = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      reject(tooBig ? new DomainError('VALIDATION', 'PDF-filen blev for stor. Afgræns med filtre, eller hent listen som CSV eller Excel.') : err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`PDF: arbejdstråden stoppede med kode ${code}`));
    });
  });
}
