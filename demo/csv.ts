// Writes import files exactly in the formats of src/features/imports/formats.ts: the format's columns as
// the header, in its order. Rows come in plain form (decimal point, no thousands separator); the Danish
// Excel variant (semicolon, decimal comma, UTF-8 BOM, CRLF) is produced here so generators never care.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { formats, type ImportKind } from '../src/features/imports/formats.ts';

export interface CsvOptions {
  danishExcel: boolean;
}

export type ImportRow = Record<string, string>;

// Small chunks: rows held longer survive into the old generation and make the GC dominate.
const FLUSH_AT = 1 << 14;

/** A buffered, synchronous writer for one import file; memory stays flat however many rows pass through. */
export class ImportFileWriter {
  readonly path: string;
  rows = 0;
  private fd: number;
  private buf: string[] = [];
  private bufLen = 0;
  private readonly names: string[];
  private readonly decimal: boolean[];
  private readonly sep: string;
  private readonly eol: string;
  private readonly danish: boolean;
  /** Separator, quote, line break, or leading/trailing space (which Excel would otherwise drop). */
  private readonly needsQuote: RegExp;

  constructor(kind: ImportKind, folder: string, opts: CsvOptions) {
    const cols = formats[kind].columns;
    this.names = cols.map((c) => c.name);
    this.decimal = cols.map((c) => c.type.t === 'decimal');
    this.danish = opts.danishExcel;
    this.sep = opts.danishExcel ? ';' : ',';
    this.eol = opts.danishExcel ? '\r\n' : '\n';
    this.needsQuote = opts.danishExcel ? /[;"\r\n]|^\s|\s$/ : /[,"\r\n]|^\s|\s$/;
    mkdirSync(folder, { recursive: true });
    this.path = join(folder, `${kind}.csv`);
    this.fd = openSync(this.path, 'w');
    this.push((opts.danishExcel ? '\uFEFF' : '') + this.names.map((n) => this.quote(n)).join(this.sep) + this.eol);
  }

  write(row: ImportRow): void {
    let line = '';
    for (let i = 0; i < this.names.length; i++) {
      let v = row[this.names[i]] ?? '';
      if (this.danish && this.decimal[i]) v = v.replace('.', ',');
      line += (i ? this.sep : '') + this.quote(v);
    }
    this.rows++;
    this.push(line + this.eol);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private quote(v: string): string {
    return this.needsQuote.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }

  private push(s: string): void {
    this.buf.push(s);
    this.bufLen += s.length;
    if (this.bufLen >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.buf.length) writeSync(this.fd, this.buf.join(''));
    this.buf = [];
    this.bufLen = 0;
  }
}

/** One writer per kind, opened together so a generator can stream rows of all kinds in one pass. */
export function openImportWriters(kinds: readonly ImportKind[], folder: string, opts: CsvOptions): Record<ImportKind, ImportFileWriter> {
  return Object.fromEntries(kinds.map((k) => [k, new ImportFileWriter(k, folder, opts)])) as Record<ImportKind, ImportFileWriter>;
}

/** Writes `<kind>.csv` for every kind present in `rows`; returns the paths by kind. */
export function writeImportFiles(
  rows: Partial<Record<ImportKind, ImportRow[]>>,
  folder: string,
  opts: CsvOptions,
): Partial<Record<ImportKind, string>> {
  const out: Partial<Record<ImportKind, string>> = {};
  for (const [kind, list] of Object.entries(rows) as [ImportKind, ImportRow[]][]) {
    const w = new ImportFileWriter(kind, folder, opts);
    for (const r of list) w.write(r);
    w.close();
    out[kind] = w.path;
  }
  return out;
}
