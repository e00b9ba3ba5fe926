// Validates a file's rows in one pass: header, cell values, references (in memory), duplicate keys. While
// no error has been seen, every valid row is also written as a COPY text line, so validation and COPY
// run in the same pass; after the first error only validation continues, to report every rejected row.
// Rows arrive as byte records (csv.ts); text is only decoded for the header, errors and the preview.
import { ByteWriter, type CsvRecord } from './csv.ts';
import type { FormatSpec } from './formats.ts';
import { afdelingKey, type RefData, type RefRow, type RefSpec, type Target, type TargetColumn } from './targets.ts';
import { columnChecker, lastNumber, shownValue, trimEnd, trimStart, type Checker, type DecimalConvention } from './values.ts';

export interface ImportRowError {
  line: number;
  column: string | null;
  message: string;
  value?: string;
}

export interface RowValidatorOptions {
  spec: FormatSpec;
  target: Target;
  refs: RefData;
  /** Build COPY lines for valid rows. */
  emit: boolean;
  /** Ends every COPY line: '\n', or the provenance columns and '\n' for a COPY straight into the table. */
  suffix: string;
  previewRows: number;
  errorCap: number;
  /** Municipalities the importer may write for; undefined: all. */
  kommuner?: ReadonlySet<string>;
  /** Rows to expect (sizes the key table). */
  expectedRows?: number;
}

/** How one output column gets its value: from a checked file cell (slot) or from a resolved reference. */
interface Source {
  slot: number;
  ref: number;
  field: 'id' | 'kommunekode';
}

const NULL = Buffer.from('\\N');
const TAB = 9;
const INT32_MAX = 2147483647;

/**
 * The first line of each key of one or two non-negative integers: open addressing over typed arrays, so
 * 600,000 keys cost no allocation per row (a Map would box each number).
 */
export class IntPairMap {
  private a: Int32Array;
  private b: Int32Array;
  private lines: Int32Array;
  private size = 0;

  constructor(expected = 1024) {
    let cap = 1 << 10;
    while (cap < expected * 2) cap *= 2;
    this.a = new Int32Array(cap).fill(-1);
    this.b = new Int32Array(cap);
    this.lines = new Int32Array(cap);
  }

  /** Stores line for (a, b) unless present; returns the line stored before, or 0. */
  setIfAbsent(a: number, b: number, line: number): number {
    if (this.size * 2 >= this.a.length) this.grow();
    const mask = this.a.length - 1;
    // Murmur3's finaliser: sequential numbers must not crowd the low bits the mask keeps.
    let h = (Math.imul(a, 0x9e3779b1) + b) | 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      if (this.a[i] === -1) {
        this.a[i] = a;
        this.b[i] = b;
        this.lines[i] = line;
        this.size++;
        return 0;
      }
      if (this.a[i] === a && this.b[i] === b) return this.lines[i];
    }
  }

  private grow(): void {
    const { a, b, lines } = this;
    this.a = new Int32Array(a.length * 2).fill(-1);
    this.b = new Int32Array(a.length * 2);
    this.lines = new Int32Array(a.length * 2);
    this.size = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== -1) this.setIfAbsent(a[i], b[i], lines[i]);
  }
}

export class RowValidator {
  readonly errors: ImportRowError[] = [];
  errorCount = 0;
  /** Rows with at least one error. */
  badRows = 0;
  /** Data rows seen (blank lines not counted). */
  rows = 0;
  headerSeen = false;
  headerOk = false;
  /** The header as written. */
  columns: string[] = [];
  readonly preview: string[][] = [];
  /** Target columns this file fills, in COPY order. */
  copyColumns: TargetColumn[] = [];
  /** File line of each COPY line, to place a database error (there should be none). */
  copyLines = new Int32Array(1024);
  copied = 0;
  /** The file's number convention, asked once the header has been read (the CSV separator is known then). */
  convention: () => DecimalConvention = () => 'point';
  /** Spreadsheets leave out empty cells at the end of a row; CSV lines must be whole. */
  shortRowsAreEmpty = false;

  private readonly out = new ByteWriter(1 << 21);
  private readonly cells = new ByteWriter(1 << 12);
  private readonly suffix: Buffer;
  private readonly allowed: Set<number> | null;
  private lastErrorLine = 0;
  private width = 0;
  // Per used file column ("slot"): where it is in the record, its checker, whether required, empty value.
  private fileIdx: number[] = [];
  private names: string[] = [];
  private checkers: Checker[] = [];
  private required: boolean[] = [];
  /** The slot's value is text (keys and lookups use the text, not lastNumber). */
  private isText: boolean[] = [];
  private emptyAs: Buffer[] = [];
  private cellStart = new Int32Array(0);
  private cellEnd = new Int32Array(0);
  private nums = new Float64Array(0);
  private sources: Source[] = [];
  private keyCols: number[] = [];
  private kommuneCol = -1;
  private intKeys: IntPairMap;
  private textKeys = new Map<string, number>();
  private refSlots: number[][] = [];
  private resolved: (RefRow | undefined)[] = [];
  // The previous row's reference key per reference, to skip the lookup for rows of the same afdeling.
  private lastRefA = new Float64Array(0);
  private lastRefB = new Float64Array(0);
  private lastRefText: string[] = [];

  constructor(private readonly o: RowValidatorOptions) {
    this.suffix = Buffer.from(o.suffix, 'utf8');
    this.allowed = o.kommuner ? new Set([...o.kommuner].map(Number)) : null;
    this.intKeys = new IntPairMap(Math.min(o.expectedRows ?? 0, 10_000_000));
  }

  /** The record sink for the CSV reader (and the spreadsheet rows, turned into records). */
  readonly record = (r: CsvRecord): void => {
    if (this.headerSeen) {
      if (this.headerOk) this.row(r);
    } else if (!isBlank(r, 0)) this.header(r);
  };

  /** COPY text built since the last call, or null. */
  take(): Buffer | null {
    return this.out.pos === 0 ? null : this.out.take();
  }

  /** Call after the last record. */
  finish(): void {
    if (!this.headerSeen) this.error(1, null, 'Filen er tom.');
    else if (this.headerOk && this.rows === 0) this.error(2, null, 'Filen indeholder ingen rækker under overskriften.');
  }

  error(line: number, column: string | null, message: string, value?: string): void {
    this.errorCount++;
    if (line !== this.lastErrorLine) {
      this.badRows++;
      this.lastErrorLine = line;
    }
    if (this.errors.length < this.o.errorCap) {
      this.errors.push(value === undefined ? { line, column, message } : { line, column, message, value: shownValue(value) });
    }
  }

  private header(r: CsvRecord): void {
    this.headerSeen = true;
    const { spec, target } = this.o;
    const line = r.line;
    const names: string[] = [];
    for (let i = 0; i < r.n; i++) names.push(text(r, i).replace(/^\uFEFF/, '').trim());
    while (names.length > 0 && names[names.length - 1] === '') names.pop();
    this.columns = names;
    this.width = names.length;
    const allowed = spec.columns.map((c) => c.name);
    const at = new Map<string, number>();
    names.forEach((name, i) => {
      const lower = name.toLowerCase();
      if (!lower) this.error(line, null, `Kolonne nr. ${i + 1} har ingen overskrift.`);
      else if (!allowed.includes(lower)) this.error(line, name, `Ukendt kolonne. Tilladte kolonner: ${allowed.join(', ')}.`, name);
      else if (at.has(lower)) this.error(line, name, 'Kolonnen står mere end én gang i overskriften.');
      else at.set(lower, i);
    });
    for (const c of spec.columns) if (c.required && !at.has(c.name)) this.error(line, c.name, 'Den påkrævede kolonne mangler.');
    if (this.errorCount > 0) return;

    const conv = this.convention();
    const byFile = new Map(target.columns.filter((c) => c.file).map((c) => [c.file!, c]));
    const slotOf = new Map<string, number>();
    for (const c of spec.columns) {
      const i = at.get(c.name);
      if (i === undefined) continue;
      slotOf.set(c.name, this.fileIdx.length);
      this.fileIdx.push(i);
      this.names.push(names[i]);
      this.checkers.push(columnChecker(c, conv, this.o.refs.kommuner));
      this.required.push(c.required);
      this.isText.push(c.type.t === 'text' || c.type.t === 'enum');
      const emptyAs = byFile.get(c.name)?.emptyAs;
      this.emptyAs.push(emptyAs === undefined ? NULL : Buffer.from(emptyAs));
    }
    const slots = this.fileIdx.length;
    this.cellStart = new Int32Array(slots);
    this.cellEnd = new Int32Array(slots);
    this.nums = new Float64Array(slots);

    this.refSlots = target.refs.map((ref) => refKeyColumns(ref).map((name) => slotOf.get(name)!));
    this.resolved = target.refs.map(() => undefined);
    this.lastRefA = new Float64Array(target.refs.length).fill(NaN);
    this.lastRefB = new Float64Array(target.refs.length).fill(NaN);
    this.lastRefText = target.refs.map(() => '');

    for (const c of target.columns) {
      if (c.file) {
        const slot = slotOf.get(c.file);
        if (slot === undefined) continue; // optional column not in this file: left as it is
        this.sources.push({ slot, ref: -1, field: 'id' });
      } else {
        const ref = target.refs.findIndex((x) => x.fills.id === c.db || x.fills.kommunekode === c.db);
        this.sources.push({ slot: -1, ref, field: target.refs[ref].fills.id === c.db ? 'id' : 'kommunekode' });
      }
      this.copyColumns.push(c);
    }
    this.keyCols = target.key.map((k) => this.copyColumns.findIndex((c) => c.db === k));
    this.kommuneCol = this.copyColumns.findIndex((c) => c.db === 'kommunekode');
    this.headerOk = true;
  }

  private row(r: CsvRecord): void {
    const b = r.buf;
    const line = r.line;
    if (trimStart(b, r.starts[0], r.ends[0]) === r.ends[0] && isBlank(r, 0)) return; // blank line (or only separators)
    this.rows++;
    if (this.preview.length < this.o.previewRows) {
      const fields: string[] = [];
      for (let i = 0; i < r.n; i++) fields.push(text(r, i).trim());
      this.preview.push(fields);
    }
    const n = r.n;
    const short = n < this.width && !this.shortRowsAreEmpty;
    if (short || (n > this.width && !isBlank(r, this.width))) {
      this.error(line, null, `Linjen har ${n} felter, men overskriften har ${this.width}.`);
      return;
    }

    const before = this.errorCount;
    const cells = this.cells;
    cells.pos = 0;
    for (let k = 0; k < this.fileIdx.length; k++) {
      const i = this.fileIdx[k];
      let s = 0;
      let e = 0;
      if (i < r.n) {
        s = trimStart(b, r.starts[i], r.ends[i]);
        e = trimEnd(b, s, r.ends[i]);
      }
      const at = cells.pos;
      const res = this.checkers[k](b, s, e, cells);
      if (res === undefined) {
        this.cellStart[k] = at;
        this.cellEnd[k] = cells.pos;
        this.nums[k] = lastNumber;
      } else if (res === null) {
        if (this.required[k]) this.error(line, this.names[k], 'Feltet skal udfyldes.');
        this.cellStart[k] = -1;
      } else this.error(line, this.names[k], res.message, b.toString('utf8', s, e));
    }
    if (this.errorCount !== before) return;

    for (let ref = 0; ref < this.refSlots.length; ref++) if (!this.resolve(ref, line)) return;
    if (this.allowed && !this.mayWrite(line)) return;

    const first = this.firstLineOfKey(line);
    if (first !== 0) {
      this.error(line, null, `Rækken har samme nøgle (${this.o.spec.naturalKey.join(', ')}) som linje ${first}.`);
      return;
    }

    if (this.o.emit && this.errorCount === 0) this.emit(line);
  }

  /** Records the row's key (after references are resolved); returns the line that had it first, or 0. */
  private firstLineOfKey(line: number): number {
    const a = this.keyPart(0);
    const b = this.keyCols.length > 1 ? this.keyPart(1) : 0;
    if (this.keyCols.length <= 2 && isIndex(a) && isIndex(b)) return this.intKeys.setIfAbsent(a as number, b as number, line);
    let key = String(a);
    for (let i = 1; i < this.keyCols.length; i++) key += `\u0001${this.keyPart(i)}`;
    const first = this.textKeys.get(key);
    if (first !== undefined) return first;
    this.textKeys.set(key, line);
    return 0;
  }

  private keyPart(i: number): number | string {
    const s = this.sources[this.keyCols[i]];
    if (s.ref >= 0) return s.field === 'id' ? this.resolved[s.ref]!.id : this.resolved[s.ref]!.kommunekode;
    if (this.cellStart[s.slot] < 0) return '';
    return this.isText[s.slot] ? this.cellText(s.slot) : this.nums[s.slot];
  }

  private cellText(slot: number): string {
    return this.cells.buf.toString('utf8', this.cellStart[slot], this.cellEnd[slot]);
  }

  private emit(line: number): void {
    const out = this.out;
    const cells = this.cells.buf;
    for (let c = 0; c < this.sources.length; c++) {
      if (c > 0) out.byte(TAB);
      const s = this.sources[c];
      if (s.ref >= 0) {
        const row = this.resolved[s.ref]!;
        out.bytes(s.field === 'id' ? row.idBytes : row.kommuneBytes);
      } else if (this.cellStart[s.slot] < 0) out.bytes(this.emptyAs[s.slot]);
      else out.copy(cells, this.cellStart[s.slot], this.cellEnd[s.slot]);
    }
    out.bytes(this.suffix);
    if (this.copied === this.copyLines.length) {
      const grown = new Int32Array(this.copyLines.length * 2);
      grown.set(this.copyLines);
      this.copyLines = grown;
    }
    this.copyLines[this.copied++] = line;
  }

  /** The row's municipality (its own column, else that of what it points at) must be one the importer has. */
  private mayWrite(line: number): boolean {
    const allowed = this.allowed!;
    const col = this.kommuneCol;
    const fromFile = col >= 0 && this.sources[col].ref < 0;
    const codes =
      col < 0 ? this.resolved.map((r) => r!.kommunekode) : [fromFile ? this.nums[this.sources[col].slot] : this.resolved[this.sources[col].ref]!.kommunekode];
    for (const k of codes) {
      if (allowed.has(k)) continue;
      const code = String(k).padStart(4, '0');
      this.error(line, fromFile ? 'kommunekode' : null, `Rækken hører til kommune ${code}, som du ikke har adgang til at importere for.`, code);
      return false;
    }
    return true;
  }

  /** Looks up reference r for the current row; the previous row's answer is reused (files come grouped). */
  private resolve(r: number, line: number): boolean {
    const slots = this.refSlots[r];
    const spec = this.o.target.refs[r];
    const { refs } = this.o;
    let found: RefRow | undefined;
    if (spec.ref === 'boligomraade') {
      const kode = this.cellText(slots[0]);
      if (kode === this.lastRefText[r] && this.resolved[r]) return true;
      found = refs.omraader.get(kode);
      this.lastRefText[r] = kode;
    } else {
      const a = this.nums[slots[0]];
      const b = spec.ref === 'afdeling' ? this.nums[slots[1]] : 0;
      if (a === this.lastRefA[r] && b === this.lastRefB[r] && this.resolved[r]) return true;
      found = spec.ref === 'afdeling' ? refs.afdelinger.get(afdelingKey(a, b)) : refs.organisationer.get(a);
      this.lastRefA[r] = a;
      this.lastRefB[r] = b;
    }
    this.resolved[r] = found;
    if (found) return true;
    const shown = (slot: number) => this.cellText(slot);
    if (spec.ref === 'boligomraade') {
      this.error(line, this.names[slots[0]], `Boligområdet med koden ${shown(slots[0])} findes ikke. Indlæs boligområderne først.`, shown(slots[0]));
    } else if (spec.ref === 'organisation' || !refs.organisationer.has(this.nums[slots[0]])) {
      const org = shown(slots[0]);
      this.error(line, this.names[slots[0]], `Boligorganisationen med org_lbf_nr ${org} findes ikke. Indlæs boligorganisationerne først.`, org);
    } else {
      const afd = shown(slots[1]);
      this.error(line, this.names[slots[1]], `Afdeling ${afd} i boligorganisation ${shown(slots[0])} findes ikke. Indlæs afdelingerne først.`, afd);
    }
    return false;
  }
}

/** The file columns a reference is found by. */
export function refKeyColumns(r: RefSpec): string[] {
  if (r.ref === 'organisation') return ['org_lbf_nr'];
  if (r.ref === 'afdeling') return ['org_lbf_nr', 'afdelingsnummer'];
  return ['boligomraade_kode'];
}

const isIndex = (v: number | string) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= INT32_MAX;

function text(r: CsvRecord, i: number): string {
  return r.buf.toString('utf8', r.starts[i], r.ends[i]);
}

/** Fields from `from` on hold nothing but spaces. */
function isBlank(r: CsvRecord, from: number): boolean {
  for (let i = from; i < r.n; i++) if (trimStart(r.buf, r.starts[i], r.ends[i]) < r.ends[i]) return false;
  return true;
}
