// Validates a file's rows in one pass: header, cell values, references (in memory), duplicate keys. While
// no error has been seen, every valid row is also written as a COPY text line, so validation and COPY
// run in the same pass; after the first error only validation continues, to report every rejected row.
import type { FormatSpec } from './formats.ts';
import type { RefData, RefRow, RefSpec, Target, TargetColumn } from './targets.ts';
import { columnChecker, Invalid, shownValue, type Checker, type DecimalConvention } from './values.ts';

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
}

/** How one output column gets its value: from a checked file cell or from a resolved reference. */
type Source = { slot: number } | { ref: number; field: 'id' | 'kommunekode' };

const NULL = '\\N';

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

  private out = '';
  private lastErrorLine = 0;
  private width = 0;
  // Per used file column ("slot"): where it is in the row, its checker, whether required, empty value.
  private fileIdx: number[] = [];
  private names: string[] = [];
  private checkers: Checker[] = [];
  private required: boolean[] = [];
  private emptyAs: (string | null)[] = [];
  private vals: string[] = [];
  private sources: Source[] = [];
  private outVals: string[] = [];
  private keyCols: number[] = [];
  private kommuneCol = -1;
  private keys = new Map<string, number>();
  private refSlots: number[][] = [];
  private resolved: (RefRow | undefined)[] = [];
  private lastRefKey: string[] = [];

  /** The file's number convention, asked once the header has been read (the CSV separator is known then). */
  convention: () => DecimalConvention = () => 'point';
  /** Spreadsheets leave out empty cells at the end of a row; CSV lines must be whole. */
  shortRowsAreEmpty = false;

  constructor(private readonly o: RowValidatorOptions) {}

  /** The record sink for the CSV and xlsx readers. */
  readonly record = (fields: string[], line: number): void => {
    if (this.headerSeen) {
      if (this.headerOk) this.row(fields, line);
    } else if (!isBlank(fields)) this.header(fields, line);
  };

  /** COPY text built since the last call, or null. */
  take(): Buffer | null {
    if (this.out.length === 0) return null;
    const b = Buffer.from(this.out, 'utf8');
    this.out = '';
    return b;
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

  private header(fields: string[], line: number): void {
    this.headerSeen = true;
    const { spec, target } = this.o;
    const names = fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f).trim());
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
      this.emptyAs.push(byFile.get(c.name)?.emptyAs ?? null);
    }
    this.vals = new Array(this.fileIdx.length).fill(NULL);

    this.refSlots = target.refs.map((r) => refKeyColumns(r).map((name) => slotOf.get(name)!));
    this.resolved = target.refs.map(() => undefined);
    this.lastRefKey = target.refs.map(() => '');

    for (const c of target.columns) {
      if (c.file) {
        const slot = slotOf.get(c.file);
        if (slot === undefined) continue; // optional column not in this file: left as it is
        this.sources.push({ slot });
      } else {
        const r = target.refs.findIndex((x) => x.fills.id === c.db || x.fills.kommunekode === c.db);
        this.sources.push({ ref: r, field: target.refs[r].fills.id === c.db ? 'id' : 'kommunekode' });
      }
      this.copyColumns.push(c);
    }
    this.outVals = new Array(this.copyColumns.length).fill(NULL);
    this.keyCols = target.key.map((k) => this.copyColumns.findIndex((c) => c.db === k));
    this.kommuneCol = this.copyColumns.findIndex((c) => c.db === 'kommunekode');
    this.headerOk = true;
  }

  private row(fields: string[], line: number): void {
    if (fields.length < this.width && this.shortRowsAreEmpty) while (fields.length < this.width) fields.push('');
    const n = fields.length;
    if ((n === 0 || fields[0].length === 0 || fields[0].trim().length === 0) && isBlank(fields)) return;
    this.rows++;
    if (this.preview.length < this.o.previewRows) this.preview.push(fields.map((f) => f.trim()));
    if (n !== this.width && !(n > this.width && isBlank(fields, this.width))) {
      this.error(line, null, `Linjen har ${n} felter, men overskriften har ${this.width}.`);
      return;
    }
    const before = this.errorCount;
    const vals = this.vals;
    for (let k = 0; k < this.fileIdx.length; k++) {
      const raw = fields[this.fileIdx[k]].trim();
      const v = this.checkers[k](raw);
      if (typeof v === 'string') vals[k] = v;
      else if (v === null) {
        if (this.required[k]) this.error(line, this.names[k], 'Feltet skal udfyldes.');
        vals[k] = this.emptyAs[k] ?? NULL;
      } else this.error(line, this.names[k], (v as Invalid).message, raw);
    }
    if (this.errorCount !== before) return;

    for (let r = 0; r < this.refSlots.length; r++) if (!this.resolve(r, line)) return;

    const out = this.outVals;
    for (let c = 0; c < this.sources.length; c++) {
      const s = this.sources[c];
      if ('slot' in s) out[c] = vals[s.slot];
      else out[c] = this.resolved[s.ref]![s.field];
    }
    if (this.o.kommuner && !this.mayWrite(line)) return;
    let key = out[this.keyCols[0]];
    for (let i = 1; i < this.keyCols.length; i++) key += '\u0001' + out[this.keyCols[i]];
    const first = this.keys.get(key);
    if (first !== undefined) {
      this.error(line, null, `Rækken har samme nøgle (${this.o.spec.naturalKey.join(', ')}) som linje ${first}.`);
      return;
    }
    this.keys.set(key, line);

    if (this.o.emit && this.errorCount === 0) {
      this.out += out.join('\t') + this.o.suffix;
      if (this.copied === this.copyLines.length) {
        const grown = new Int32Array(this.copyLines.length * 2);
        grown.set(this.copyLines);
        this.copyLines = grown;
      }
      this.copyLines[this.copied++] = line;
    }
  }

  /** The row's municipality (its own column, else that of what it points at) must be one the importer has. */
  private mayWrite(line: number): boolean {
    const allowed = this.o.kommuner!;
    const fromFile = this.kommuneCol >= 0 && 'slot' in this.sources[this.kommuneCol];
    const codes = this.kommuneCol >= 0 ? [this.outVals[this.kommuneCol]] : this.resolved.map((r) => r!.kommunekode);
    for (const k of codes) {
      if (allowed.has(k)) continue;
      this.error(line, fromFile ? 'kommunekode' : null, `Rækken hører til kommune ${k}, som du ikke har adgang til at importere for.`, k);
      return false;
    }
    return true;
  }

  /** Looks up reference r for the current row; the previous row's answer is reused (files come grouped). */
  private resolve(r: number, line: number): boolean {
    const slots = this.refSlots[r];
    const vals = this.vals;
    const key = slots.length === 1 ? vals[slots[0]] : vals[slots[0]] + '/' + vals[slots[1]];
    if (key === this.lastRefKey[r] && this.resolved[r]) return true;
    const { refs } = this.o;
    const spec = this.o.target.refs[r];
    let found: RefRow | undefined;
    if (spec.ref === 'organisation') found = refs.organisationer.get(key);
    else if (spec.ref === 'afdeling') found = refs.afdelinger.get(key);
    else found = refs.omraader.get(key);
    this.lastRefKey[r] = key;
    this.resolved[r] = found;
    if (found) return true;
    const name = (slot: number) => this.names[slot];
    if (spec.ref === 'boligomraade') {
      this.error(line, name(slots[0]), `Boligområdet med koden ${vals[slots[0]]} findes ikke. Indlæs boligområderne først.`, vals[slots[0]]);
    } else if (spec.ref === 'organisation' || !refs.organisationer.has(vals[slots[0]])) {
      this.error(line, name(slots[0]), `Boligorganisationen med org_lbf_nr ${vals[slots[0]]} findes ikke. Indlæs boligorganisationerne først.`, vals[slots[0]]);
    } else {
      this.error(
        line,
        name(slots[1]),
        `Afdeling ${vals[slots[1]]} i boligorganisation ${vals[slots[0]]} findes ikke. Indlæs afdelingerne først.`,
        vals[slots[1]],
      );
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

function isBlank(fields: string[], from = 0): boolean {
  for (let i = from; i < fields.length; i++) if (fields[i].trim().length > 0) return false;
  return true;
}
