// The person-level input of the area lists (issue 4, item 2b): one row per resident and data year, aggregated
// by the agency's method (RULES.md 1.3, 1.6, 1.7) into the area-indicator rows that src/rules/abl-61a.ts
// classifies (`OmraadeIndikatorer`, one per area and list year). Format and method: docs/lister-personformat.md.
//
// Personal data: the records are read byte by byte, in chunks, and only per-area sums are kept (counts and two
// sums per area and data year in typed arrays). No record, person object or string per field is built; a text
// is decoded only for an area code not seen just before, or for an error message. A file is read a second time
// only when its decimal convention turns out late to be decimal comma, or when a split read over worker threads
// (aggregatePersonsFile) must be redone on one thread.
//
// Every number of the method is a dated parameter in law/abl/61a: udenfor_timer_pr_hverdag (7.4 hours per
// weekday), metode_seneste_dataaar_foer_listeaar (the list of 1 December L uses the data years L-2 and L-1),
// grundskole_uoplyst_medregnes (uoplyst education counted as grundskole only).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { ParamVersion, Params } from '../../law/params.ts';
import { municipalities, regions } from '../register/reference.ts';
import type { OmraadeIndikatorer } from '../../rules/abl-61a.ts';
import { decodeText, detectSep, parseNumber, readCsvRecords, splitCsv } from './csv.ts';
import { KeptWorkers } from '../../shared/worker-pool.ts';

export const personColumns = [
  'aar',
  'omraade_kode',
  'omraade_navn',
  'kommunekode',
  'alder',
  'udenfor_timer',
  'doemt',
  'uddannelse',
  'studerende',
  'skattepligtig',
  'bruttoindkomst',
  'oprindelse',
] as const;
export type PersonColumn = (typeof personColumns)[number];

export const referenceColumns = ['aar', 'regionskode', 'indkomst_gns', 'doemte_landsgns_pct'] as const;

/** At most this many error lines are kept; the rest are counted (a file of two million bad rows is not printed). */
export const MAX_ERRORS = 1000;
/** At most this many distinct data years in one person file. */
export const MAX_DATA_YEARS = 16;

const P_TIMER = 'udenfor_timer_pr_hverdag';
const P_OFFSET = 'metode_seneste_dataaar_foer_listeaar';
const P_UOPLYST = 'grundskole_uoplyst_medregnes';

/** Weekdays (Monday-Friday) in a calendar year. Fortolkning: public holidays are not subtracted. */
export function hverdage(aar: number): number {
  const days = (aar % 4 === 0 && aar % 100 !== 0) || aar % 400 === 0 ? 366 : 365;
  const first = new Date(Date.UTC(aar, 0, 1)).getUTCDay(); // 0 = Sunday
  let n = 0;
  for (let d = 0; d < days; d++) {
    const w = (first + d) % 7;
    if (w !== 0 && w !== 6) n++;
  }
  return n;
}

const daysInYear = (aar: number) => ((aar % 4 === 0 && aar % 100 !== 0) || aar % 400 === 0 ? 366 : 365);

// ---------------------------------------------------------------------------------------------------------
// Municipalities and regions (src/features/register/reference.ts: the 98 real municipalities)

const regionOfKommune = new Int32Array(1000);
for (const m of municipalities) regionOfKommune[Number(m.kommunekode)] = Number(m.region_kode);
const regionName = new Map(regions.map((r) => [Number(r.region_kode), r.region_navn]));

// ---------------------------------------------------------------------------------------------------------
// The reference file: aar;regionskode;indkomst_gns;doemte_landsgns_pct

export interface ReferenceData {
  /** `${aar}:${regionskode}` -> the region's average gross income (kr.) of taxpayers 15-64 excl. students. */
  indkomst: Map<string, number>;
  /** aar -> the national share of convicted among residents 18+ (%). */
  doemte: Map<number, number>;
}

/** Reads the reference file; every problem is one Danish line with the file line and column. */
export function parseReference(buf: Buffer): { reference: ReferenceData; errors: string[] } {
  const reference: ReferenceData = { indkomst: new Map(), doemte: new Map() };
  const records = readCsvRecords(buf);
  if (records.length === 0) return { reference, errors: ['Referencefilen er tom.'] };
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const missing = referenceColumns.filter((c) => !header.includes(c));
  if (missing.length) return { reference, errors: [`Linje 1: kolonne(r) mangler: ${missing.join(', ')}.`] };
  const dup = header.filter((h, i) => h !== '' && header.indexOf(h) !== i);
  if (dup.length) return { reference, errors: [`Linje 1: kolonne(r) optræder to gange: ${[...new Set(dup)].join(', ')}.`] };
  const idx = Object.fromEntries(referenceColumns.map((c) => [c, header.indexOf(c)])) as Record<(typeof referenceColumns)[number], number>;
  const body = records.slice(1);
  const numeric = referenceColumns.map((c) => idx[c]);
  const decimalComma = body.some((r) => numeric.some((i) => (r.fields[i] ?? '').includes(',')));
  const errors: string[] = [];
  const seenRegion = new Map<string, number>();
  const doemteLine = new Map<number, number>();
  for (const rec of body) {
    if (rec.fields.length !== header.length) {
      errors.push(`Linje ${rec.line}: ${rec.fields.length} felter, men overskriften har ${header.length}.`);
      continue;
    }
    const at = (c: string) => `Linje ${rec.line}, kolonne ${c}`;
    const rowErrors: string[] = [];
    const num = (c: (typeof referenceColumns)[number], allowEmpty = false): number | null | undefined => {
      const raw = rec.fields[idx[c]];
      if (allowEmpty && raw.trim() === '') return undefined;
      const n = parseNumber(raw, decimalComma);
      if (n === null) rowErrors.push(`${at(c)}: "${raw.trim()}" er ikke et tal${raw.trim() === '' ? ' (feltet er tomt)' : ''}.`);
      return n;
    };
    const aar = num('aar');
    if (aar != null && (!Number.isInteger(aar) || aar < 1990 || aar > 2100)) rowErrors.push(`${at('aar')}: ${rec.fields[idx.aar].trim()} er ikke et gyldigt år.`);
    const region = num('regionskode');
    if (region != null && !regionName.has(region)) rowErrors.push(`${at('regionskode')}: ${rec.fields[idx.regionskode].trim()} er ikke en regionskode (1081-1085).`);
    const indkomst = num('indkomst_gns', true);
    if (indkomst != null && !(indkomst > 0)) rowErrors.push(`${at('indkomst_gns')}: gennemsnitsindkomsten skal være over 0 kr.`);
    const doemte = num('doemte_landsgns_pct');
    if (doemte != null && !(doemte > 0 && doemte <= 100)) rowErrors.push(`${at('doemte_landsgns_pct')}: ${rec.fields[idx.doemte_landsgns_pct].trim()} er ikke en procent over 0 og højst 100.`);
    if (rowErrors.length === 0 && aar != null && region != null && doemte != null) {
      const k = `${aar}:${region}`;
      const first = seenRegion.get(k);
      if (first !== undefined) rowErrors.push(`Linje ${rec.line}: region ${region} har allerede en række for ${aar} (linje ${first}).`);
      else seenRegion.set(k, rec.line);
      const d = reference.doemte.get(aar);
      if (d !== undefined && d !== doemte)
        rowErrors.push(`${at('doemte_landsgns_pct')}: landsgennemsnittet for ${aar} er ${d} på linje ${doemteLine.get(aar)}; det skal være det samme i alle rækker for året.`);
      if (rowErrors.length === 0) {
        reference.doemte.set(aar, doemte);
        doemteLine.set(aar, rec.line);
        if (indkomst !== undefined && indkomst !== null) reference.indkomst.set(k, indkomst);
      }
    }
    errors.push(...rowErrors);
  }
  if (body.length === 0) errors.push('Referencefilen har ingen rækker under overskriften.');
  return { reference, errors };
}

// ---------------------------------------------------------------------------------------------------------
// The person file: a chunked byte-level parser that keeps only sums per area and data year

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const MINUS = 45;
const DOT = 46;

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const THOUSANDS = /^-?\d{1,3}(\.\d{3})+$/;

/** Fields beyond this index are ignored (a header may have extra columns). */
const MAX_FIELDS = 128;
const C_AAR = 0;
const C_KODE = 1;
const C_NAVN = 2;
const C_KOMMUNE = 3;
const C_ALDER = 4;
const C_TIMER = 5;
const C_DOEMT = 6;
const C_UDD = 7;
const C_STUD = 8;
const C_SKAT = 9;
const C_INDK = 10;
const C_OPR = 11;

/** The columns read as numbers (bit per column index). */
const NUMERIC = (1 << C_AAR) | (1 << C_KOMMUNE) | (1 << C_ALDER) | (1 << C_TIMER) | (1 << C_DOEMT) | (1 << C_STUD) | (1 << C_SKAT) | (1 << C_INDK);

const bytes = (s: string) => Buffer.from(s, 'latin1');
const B_GRUNDSKOLE = bytes('grundskole');
const B_UOPLYST = bytes('uoplyst');
const B_HOEJERE = bytes('hoejere');
const B_DANSK = bytes('dansk');
const B_VESTLIG = bytes('vestlig');
const B_IKKEVESTLIG = bytes('ikkevestlig');

/** Case-insensitive comparison of b[s, e) with a lower-case ASCII word. */
function eqWord(b: Buffer, s: number, e: number, w: Buffer): boolean {
  if (e - s !== w.length) return false;
  for (let k = 0; k < w.length; k++) if ((b[s + k] | 0x20) !== w[k]) return false;
  return true;
}

function sameBytes(a: Buffer, as: number, ae: number, b: Buffer, bs: number, be: number): boolean {
  if (ae - as !== be - bs) return false;
  for (let k = 0; k < ae - as; k++) if (a[as + k] !== b[bs + k]) return false;
  return true;
}

function textOf(b: Buffer, s: number, e: number): string {
  return decodeText(b.subarray(s, e));
}

type Decimal = 'auto' | 'comma';

interface Area {
  kode: string;
  kodeBytes: Buffer;
  navnBytes: Buffer;
  navn: string;
  kommunekode: number;
  line: number;
}

/** Sums per area and data year; slot = area * MAX_DATA_YEARS + year index. */
class Sums {
  cap = 0;
  nAll = new Float64Array(0);
  nIkke = new Float64Array(0);
  n1864 = new Float64Array(0);
  fuld1864 = new Float64Array(0);
  n18 = new Float64Array(0);
  doemt18 = new Float64Array(0);
  n3059 = new Float64Array(0);
  grund3059 = new Float64Array(0);
  uopl3059 = new Float64Array(0);
  nInd = new Float64Array(0);
  sumInd = new Float64Array(0);
  static readonly keys = ['nAll', 'nIkke', 'n1864', 'fuld1864', 'n18', 'doemt18', 'n3059', 'grund3059', 'uopl3059', 'nInd', 'sumInd'] as const;
  ensureAreas(areas: number) {
    const need = areas * MAX_DATA_YEARS;
    if (need <= this.cap) return;
    const cap = Math.max(need, this.cap * 2, 256 * MAX_DATA_YEARS);
    for (const k of Sums.keys) {
      const a = new Float64Array(cap);
      a.set(this[k]);
      this[k] = a;
    }
    this.cap = cap;
  }
}

/** What the byte parser found; the figures are computed by `finish`. */
class PersonParser {
  readonly errors: string[] = [];
  errorCount = 0;
  records = 0;
  line = 1;
  header: string[] | null = null;
  sep = 44;
  colOf = new Int8Array(MAX_FIELDS).fill(-1);
  sawComma = false;
  sawPoint = false;
  sawAmbiguous = false;
  readonly sums = new Sums();
  readonly areas: Area[] = [];
  /** Whether the buffer ended inside a quoted field (a split for parallel reading fell inside one). */
  openQuoteAtEnd = false;
  nCols = 0;
  fieldOf: number[] = [];
  /** Byte classes: 1 separator, 2 line end, 3 quote, 0 anything else. */
  cls = new Uint8Array(256);
  readonly areaIndex = new Map<string, number>();
  private lastArea = -1;
  private lastKode: Buffer = Buffer.alloc(0);
  private lastNavn: Buffer = Buffer.alloc(0);
  private lastKommune = NaN;
  readonly years: number[] = [];
  readonly yearIdx = new Int16Array(2101).fill(-1);
  /** Reference hours of a full year (7.4 x weekdays) per year index; NaN when no list uses the year. */
  readonly capOf: number[] = [];
  private rowErrs: string[] = [];
  /** The last number read; starts as a double so the field keeps one representation. */
  private v = 0.5;
  private kodeScratch = Buffer.alloc(256);
  private navnScratch = Buffer.alloc(256);
  private scratch = Buffer.alloc(256);

  constructor(
    readonly decimal: Decimal,
    readonly hoursFor: (aar: number) => number,
  ) {}

  error(msg: string) {
    this.errorCount++;
    if (this.errors.length < MAX_ERRORS) this.errors.push(msg);
  }

  /** Reads the header line; returns where the records start, or -1 if the buffer does not yet hold a whole line. */
  readHeader(b: Buffer, final: boolean): number {
    let s = 0;
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) s = 3;
    let e = s;
    while (e < b.length && b[e] !== LF && b[e] !== CR) e++;
    if (e >= b.length && !final) return -1;
    const text = textOf(b, s, e);
    const sep = detectSep(text);
    this.sep = sep.charCodeAt(0);
    const header = (splitCsv(text, sep)[0]?.fields ?? []).map((h) => h.trim().toLowerCase());
    this.header = header;
    if (header.length === 0 || (header.length === 1 && header[0] === '')) {
      this.error('Filen er tom.');
      return b.length;
    }
    const missing = personColumns.filter((c) => !header.includes(c));
    if (missing.length) this.error(`Linje 1: kolonne(r) mangler: ${missing.join(', ')}.`);
    const dup = header.filter((h, i) => h !== '' && header.indexOf(h) !== i);
    if (dup.length) this.error(`Linje 1: kolonne(r) optræder to gange: ${[...new Set(dup)].join(', ')}.`);
    const far = personColumns.filter((c) => header.indexOf(c) >= MAX_FIELDS);
    if (far.length) this.error(`Linje 1: kolonne(r) efter kolonne nr. ${MAX_FIELDS} læses ikke: ${far.join(', ')}.`);
    this.fieldOf = personColumns.map((c) => header.indexOf(c));
    this.setLayout(this.sep, header.length, this.fieldOf);
    if (e < b.length && b[e] === CR) {
      if (e + 1 < b.length) {
        if (b[e + 1] === LF) e++;
      } else if (!final) return -1;
    }
    this.line = 2;
    return Math.min(e + 1, b.length);
  }

  /** The separator and where each person column is (its field index, -1 if missing). */
  setLayout(sep: number, nCols: number, fieldOf: number[]) {
    this.sep = sep;
    this.nCols = nCols;
    this.colOf.fill(-1);
    fieldOf.forEach((f, k) => {
      if (f >= 0 && f < MAX_FIELDS) this.colOf[f] = k;
    });
    this.cls.fill(0);
    this.cls[sep] = 1;
    this.cls[LF] = 2;
    this.cls[CR] = 2;
    this.cls[QUOTE] = 3;
  }

  /** A number in the file's convention (as parseNumber); 0 ok (in this.v), 1 empty, 2 not a number. */
  private num(b: Buffer, s: number, e: number): number {
    while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
    while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
    if (s === e) return 1;
    let j = s;
    const neg = b[j] === MINUS;
    if (neg) j++;
    let m = 0;
    let nd = 0;
    let k = 0;
    let dot = -1;
    for (; j < e; j++) {
      const c = b[j] - 48;
      if (c >= 0 && c <= 9) {
        m = m * 10 + c;
        nd++;
        if (dot >= 0) k++;
      } else if (b[j] === DOT && dot < 0) dot = j;
      else return this.numSlow(b, s, e);
    }
    if (nd === 0) return 2;
    if (nd > 15) return this.numSlow(b, s, e);
    if (dot >= 0) {
      const before = dot - s - (neg ? 1 : 0);
      const thousands = before >= 1 && before <= 3 && k === 3;
      if (this.decimal === 'comma') {
        if (!thousands) return 2; // a decimal point in a file with decimal comma
        this.v = neg ? -m : m;
        return 0;
      }
      if (thousands) this.sawAmbiguous = true;
      else this.sawPoint = true;
      const v = k === 0 ? m : m / POW10[k];
      this.v = neg ? -v : v;
      return 0;
    }
    this.v = neg ? -m : m;
    return 0;
  }

  private numSlow(b: Buffer, s: number, e: number): number {
    const raw = b.toString('latin1', s, e);
    const hasComma = raw.includes(',');
    if (this.decimal === 'auto') {
      if (hasComma) this.sawComma = true;
      else if (raw.includes('.')) {
        if (THOUSANDS.test(raw.replace(/\s+/g, ''))) this.sawAmbiguous = true;
        else this.sawPoint = true;
      }
    }
    const n = parseNumber(raw, this.decimal === 'comma' || hasComma);
    if (n === null) return 2;
    this.v = n;
    return 0;
  }

  private cellError(line: number, col: PersonColumn, msg: string) {
    this.rowErrs.push(`Linje ${line}, kolonne ${col}: ${msg}`);
  }

  private numError(line: number, col: PersonColumn, status: number, b: Buffer, s: number, e: number) {
    const raw = textOf(b, s, e).trim();
    this.cellError(line, col, status === 1 ? '"" er ikke et tal (feltet er tomt).' : `"${raw}" er ikke et tal.`);
  }

  /**
   * Parses the whole records in b[start, end); returns where the first incomplete record starts (end when
   * every record was whole). With `final`, the end of the buffer ends the last record.
   */
  parse(b: Buffer, start: number, end: number, final: boolean): number {
    const sep = this.sep;
    const cls = this.cls;
    const colOf = this.colOf;
    const nCols = this.nCols;
    const comma = this.decimal === 'comma';
    let S = this.sums;
    let nAll = S.nAll, nIkke = S.nIkke, n18 = S.n18, doemt18 = S.doemt18, n1864 = S.n1864, fuld1864 = S.fuld1864;
    let n3059 = S.n3059, grund3059 = S.grund3059, uopl3059 = S.uopl3059, nInd = S.nInd, sumInd = S.sumInd;
    let i = start;
    while (i < end) {
      const recStart = i;
      const recLine = this.line;
      // a blank line (only spaces) is skipped, as splitCsv does
      let w = i;
      while (w < end && (b[w] === SPACE || b[w] === TAB)) w++;
      if (w >= end && !final) return recStart;
      if (w >= end || b[w] === LF || b[w] === CR) {
        if (w < end && b[w] === CR) {
          if (w + 1 < end) {
            if (b[w + 1] === LF) w++;
          } else if (!final) return recStart;
        }
        i = w + 1;
        this.line++;
        continue;
      }

      let nf = 0;
      let lines = 0;
      let aar = NaN;
      let kommune = NaN;
      let alder = NaN;
      let timer = NaN;
      let doemt = 0;
      let udd = 0;
      let stud = 0;
      let skat = 0;
      let indk = 0;
      let opr = 0;
      let kodeB = b;
      let kodeS = 0;
      let kodeE = 0;
      let navnB = b;
      let navnS = 0;
      let navnE = 0;
      let kodeSame = false;
      let navnSame = false;
      if (this.rowErrs.length) this.rowErrs = [];
      for (;;) {
        const col = nf < MAX_FIELDS ? colOf[nf] : -1;
        let fb = b;
        let fs = i;
        let fe = -1;
        let st = -1; // number status: -1 not parsed yet, 0 ok (in v), 1 empty, 2 not a number
        let v = 0.5;
        let isInt = false;
        if (col >= 0 && ((NUMERIC >> col) & 1) === 1) {
          // fast path: an unquoted plain number ending at the separator or the line end
          let j = i;
          const neg = j < end && b[j] === MINUS;
          if (neg) j++;
          let m = 0;
          let nd = 0;
          let k = 0;
          let dot = -1;
          while (j < end) {
            const d = b[j] - 48;
            if (d >= 0 && d <= 9) {
              m = m * 10 + d;
              nd++;
              if (dot >= 0) k++;
            } else if (d === DOT - 48 && dot < 0) dot = j;
            else break;
            j++;
          }
          if (nd > 0 && nd <= 15 && (j < end ? cls[b[j]] === 1 || cls[b[j]] === 2 : final)) {
            fe = j;
            i = j;
            st = 0;
            if (dot < 0) {
              v = neg ? -m : m;
              isInt = true;
            } else {
              const before = dot - fs - (neg ? 1 : 0);
              const thousands = before >= 1 && before <= 3 && k === 3;
              if (comma) {
                if (thousands) {
                  v = neg ? -m : m;
                  isInt = true;
                } else st = 2; // a decimal point in a file with decimal comma
              } else {
                if (thousands) this.sawAmbiguous = true;
                else this.sawPoint = true;
                const x = k === 0 ? m : m / POW10[k];
                v = neg ? -x : x;
                isInt = Number.isInteger(v);
              }
            }
          }
        } else if (col === C_KODE || col === C_NAVN) {
          // fast path: the same bytes as the row before (a file sorted by area), ending at a separator or line end
          const last = col === C_KODE ? this.lastKode : this.lastNavn;
          const len = last.length;
          if (len > 0 && i + len <= end && (i + len < end ? cls[b[i + len]] === 1 || cls[b[i + len]] === 2 : final)) {
            let k = 0;
            while (k < len && b[i + k] === last[k]) k++;
            if (k === len) {
              fe = i + len;
              i = fe;
              if (col === C_KODE) kodeSame = true;
              else navnSame = true;
            }
          }
        } else if (col === C_UDD || col === C_OPR) {
          // fast path: one of the words in lower case, ending at a separator or line end
          const c0 = i < end ? b[i] : 0;
          const w =
            col === C_UDD
              ? c0 === 103 ? B_GRUNDSKOLE : c0 === 117 ? B_UOPLYST : c0 === 104 ? B_HOEJERE : null
              : c0 === 100 ? B_DANSK : c0 === 118 ? B_VESTLIG : c0 === 105 ? B_IKKEVESTLIG : null;
          if (w !== null) {
            const len = w.length;
            if (i + len <= end && (i + len < end ? cls[b[i + len]] === 1 || cls[b[i + len]] === 2 : final)) {
              let k = 1;
              while (k < len && b[i + k] === w[k]) k++;
              if (k === len) {
                fe = i + len;
                i = fe;
                if (col === C_UDD) udd = c0 === 103 ? 1 : c0 === 117 ? 2 : 3;
                else opr = c0 === 100 ? 1 : c0 === 118 ? 2 : 3;
                st = 0; // handled
              }
            }
          }
        }
        if (fe < 0) {
          let j = i;
          while (j < end && cls[b[j]] === 0) j++;
          if (j < end && b[j] === QUOTE) {
            // a field with quotes (RFC 4180, read as splitCsv does): unescaped into a scratch buffer
            let dst = col === C_KODE ? this.kodeScratch : col === C_NAVN ? this.navnScratch : this.scratch;
            let n = 0;
            let quoted = false;
            j = i;
            for (;;) {
              if (j >= end) {
                if (!final) return recStart;
                if (quoted) this.openQuoteAtEnd = true;
                break;
              }
              const c = b[j];
              if (quoted) {
                if (c === QUOTE) {
                  if (j + 1 >= end && !final) return recStart;
                  if (j + 1 < end && b[j + 1] === QUOTE) j++;
                  else {
                    quoted = false;
                    j++;
                    continue;
                  }
                } else if (c === LF) lines++;
              } else if (c === sep || c === LF || c === CR) break;
              else if (c === QUOTE) {
                quoted = true;
                j++;
                continue;
              }
              if (n >= dst.length) {
                const bigger = Buffer.alloc(dst.length * 2);
                dst.copy(bigger);
                dst = bigger;
                if (col === C_KODE) this.kodeScratch = bigger;
                else if (col === C_NAVN) this.navnScratch = bigger;
                else this.scratch = bigger;
              }
              dst[n++] = c;
              j++;
            }
            i = j;
            fb = dst;
            fs = 0;
            fe = n;
          } else {
            if (j >= end && !final) return recStart;
            i = j;
            fe = j;
          }
          if (col >= 0 && ((NUMERIC >> col) & 1) === 1) {
            st = this.num(fb, fs, fe);
            v = this.v;
            isInt = Number.isInteger(v);
          }
        }

        switch (col) {
          case C_AAR:
            if (st) this.numError(recLine, 'aar', st, fb, fs, fe);
            else if (!isInt || v < 1990 || v > 2100) this.cellError(recLine, 'aar', `dataåret ${textOf(fb, fs, fe).trim()} er ikke et gyldigt år.`);
            else aar = v;
            break;
          case C_KODE:
          case C_NAVN: {
            let s = fs;
            let e = fe;
            if (!(col === C_KODE ? kodeSame : navnSame)) {
              while (s < e && (fb[s] === SPACE || fb[s] === TAB)) s++;
              while (e > s && (fb[e - 1] === SPACE || fb[e - 1] === TAB)) e--;
            }
            if (col === C_KODE) {
              kodeB = fb;
              kodeS = s;
              kodeE = e;
            } else {
              navnB = fb;
              navnS = s;
              navnE = e;
            }
            break;
          }
          case C_KOMMUNE:
            if (st) this.numError(recLine, 'kommunekode', st, fb, fs, fe);
            else if (!isInt || v < 0 || v > 999 || regionOfKommune[v] === 0)
              this.cellError(recLine, 'kommunekode', `${textOf(fb, fs, fe).trim()} er ikke en kendt kommunekode.`);
            else kommune = v;
            break;
          case C_ALDER:
            if (st) this.numError(recLine, 'alder', st, fb, fs, fe);
            else if (!isInt || v < 0 || v > 130) this.cellError(recLine, 'alder', `"${textOf(fb, fs, fe).trim()}" er ikke en alder (et helt tal fra 0 til 130).`);
            else alder = v;
            break;
          case C_TIMER:
            if (st) this.numError(recLine, 'udenfor_timer', st, fb, fs, fe);
            else if (v < 0) this.cellError(recLine, 'udenfor_timer', `${textOf(fb, fs, fe).trim()} timer kan ikke være negativt.`);
            else timer = v;
            break;
          case C_DOEMT:
          case C_STUD:
          case C_SKAT: {
            const flag = st === 0 && (v === 0 || v === 1) ? v : -1;
            if (flag < 0) this.cellError(recLine, personColumns[col], `"${textOf(fb, fs, fe).trim()}" skal være 0 eller 1.`);
            else if (col === C_DOEMT) doemt = flag;
            else if (col === C_STUD) stud = flag;
            else skat = flag;
            break;
          }
          case C_UDD:
          case C_OPR: {
            if (st === 0) break; // matched by the fast path
            let s = fs;
            let e = fe;
            while (s < e && (fb[s] === SPACE || fb[s] === TAB)) s++;
            while (e > s && (fb[e - 1] === SPACE || fb[e - 1] === TAB)) e--;
            if (col === C_UDD) {
              const c0 = s < e ? fb[s] | 0x20 : 0;
              udd = c0 === 103 ? (eqWord(fb, s, e, B_GRUNDSKOLE) ? 1 : 0) : c0 === 117 ? (eqWord(fb, s, e, B_UOPLYST) ? 2 : 0) : c0 === 104 && eqWord(fb, s, e, B_HOEJERE) ? 3 : 0;
              if (udd === 0) this.cellError(recLine, 'uddannelse', `"${textOf(fb, s, e)}" skal være grundskole, uoplyst eller hoejere.`);
            } else {
              const c0 = s < e ? fb[s] | 0x20 : 0;
              opr = c0 === 100 ? (eqWord(fb, s, e, B_DANSK) ? 1 : 0) : c0 === 118 ? (eqWord(fb, s, e, B_VESTLIG) ? 2 : 0) : c0 === 105 && eqWord(fb, s, e, B_IKKEVESTLIG) ? 3 : 0;
              if (opr === 0) this.cellError(recLine, 'oprindelse', `"${textOf(fb, s, e)}" skal være dansk, vestlig eller ikkevestlig.`);
            }
            break;
          }
          case C_INDK:
            if (st) this.numError(recLine, 'bruttoindkomst', st, fb, fs, fe);
            else if (!isInt) this.cellError(recLine, 'bruttoindkomst', `"${textOf(fb, fs, fe).trim()}" skal være et helt antal kroner.`);
            else indk = v;
            break;
        }
        nf++;

        if (i >= end) break; // final: the end of the buffer ends the record
        const c = b[i];
        if (c === sep) {
          i++;
          continue;
        }
        if (c === CR) {
          if (i + 1 < end) {
            if (b[i + 1] === LF) i++;
          } else if (!final) return recStart;
        }
        i++;
        break;
      }

      this.line += 1 + lines;
      this.records++;
      if (nf !== nCols) {
        this.error(`Linje ${recLine}: ${nf} felter, men overskriften har ${nCols}.`);
        continue;
      }
      if (kodeE === kodeS) this.cellError(recLine, 'omraade_kode', 'områdekoden mangler.');
      if (timer > 8760 && !Number.isNaN(aar) && timer > 24 * daysInYear(aar))
        this.cellError(recLine, 'udenfor_timer', `${timer} timer er flere, end året ${aar} har (${24 * daysInYear(aar)}).`);
      if (this.rowErrs.length) {
        for (const e of this.rowErrs) this.error(e);
        continue;
      }
      // the area: the same as the row before when code, name and municipality are the same bytes
      let a = this.lastArea;
      if (
        a < 0 ||
        kommune !== this.lastKommune ||
        !(kodeSame || sameBytes(kodeB, kodeS, kodeE, this.lastKode, 0, this.lastKode.length)) ||
        !(navnSame || sameBytes(navnB, navnS, navnE, this.lastNavn, 0, this.lastNavn.length))
      ) {
        const before = this.areas.length;
        a = this.areaOf(kodeB, kodeS, kodeE, navnB, navnS, navnE, kommune, recLine);
        if (a < 0) continue;
        if (this.areas.length !== before) {
          S = this.sums;
          ({ nAll, nIkke, n18, doemt18, n1864, fuld1864, n3059, grund3059, uopl3059, nInd, sumInd } = S);
        }
      }
      let yi = this.yearIdx[aar];
      if (yi < 0) {
        if (this.years.length >= MAX_DATA_YEARS) {
          this.error(`Linje ${recLine}, kolonne aar: filen har mere end ${MAX_DATA_YEARS} dataår.`);
          continue;
        }
        yi = this.years.length;
        this.years.push(aar);
        this.yearIdx[aar] = yi;
        this.capOf.push(this.hoursFor(aar) * hverdage(aar));
      }
      // a rejected file computes nothing: once there is an error, the rows are only checked
      if (this.errorCount > 0) continue;
      // accumulate: the record itself is not kept
      const slot = a * MAX_DATA_YEARS + yi;
      nAll[slot]++;
      if (opr === 3) nIkke[slot]++;
      if (alder >= 18) {
        n18[slot]++;
        if (doemt === 1) doemt18[slot]++;
        if (alder <= 64) {
          n1864[slot]++;
          const f = timer / this.capOf[yi];
          fuld1864[slot] += f < 1 ? f : 1;
        }
      }
      if (alder >= 30 && alder <= 59) {
        n3059[slot]++;
        if (udd === 1) grund3059[slot]++;
        else if (udd === 2) uopl3059[slot]++;
      }
      if (alder >= 15 && alder <= 64 && skat === 1 && stud === 0) {
        nInd[slot]++;
        sumInd[slot] += indk;
      }
    }
    return i;
  }

  /** The area index for a row, creating it on first sight; -1 (with an error) if its name or municipality differ. */
  private areaOf(kb: Buffer, ks: number, ke: number, nb: Buffer, ns: number, ne: number, kommune: number, line: number): number {
    const kode = textOf(kb, ks, ke);
    let a = this.areaIndex.get(kode);
    if (a === undefined) {
      if (Number.isNaN(kommune)) return -1;
      a = this.areas.length;
      this.areas.push({
        kode,
        kodeBytes: Buffer.from(kb.subarray(ks, ke)),
        navnBytes: Buffer.from(nb.subarray(ns, ne)),
        navn: textOf(nb, ns, ne),
        kommunekode: kommune,
        line,
      });
      this.areaIndex.set(kode, a);
      this.sums.ensureAreas(this.areas.length);
    }
    const area = this.areas[a];
    if (!sameBytes(nb, ns, ne, area.navnBytes, 0, area.navnBytes.length)) {
      this.error(`Linje ${line}, kolonne omraade_navn: område ${area.kode} hedder "${area.navn}" på linje ${area.line}, her "${textOf(nb, ns, ne)}".`);
      return -1;
    }
    if (kommune !== area.kommunekode) {
      this.error(`Linje ${line}, kolonne kommunekode: område ${area.kode} ligger i kommune ${area.kommunekode} på linje ${area.line}, her ${kommune}.`);
      return -1;
    }
    this.lastArea = a;
    this.lastKode = area.kodeBytes;
    this.lastNavn = area.navnBytes;
    this.lastKommune = kommune;
    return a;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reading: in chunks, on one thread or split over worker threads

/**
 * Where the person file comes from: a buffer, a file path, or a function that yields its bytes in chunks (called
 * again for a second pass).
 */
export type PersonSource = Buffer | string | (() => Iterable<Buffer>);

/** Reads the whole source, header first, with one parser. */
function runParser(source: Exclude<PersonSource, string>, decimal: Decimal, hoursFor: (aar: number) => number): PersonParser {
  const p = new PersonParser(decimal, hoursFor);
  const chunks = Buffer.isBuffer(source) ? [source] : source();
  let carry: Buffer | null = null;
  for (const chunk of chunks) {
    const b: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    let at = 0;
    if (!p.header) {
      at = p.readHeader(b, false);
      if (at < 0) {
        carry = Buffer.from(b);
        continue;
      }
      if (p.errorCount) return p;
    }
    const used = p.parse(b, at, b.length, false);
    carry = used < b.length ? Buffer.from(b.subarray(used)) : null;
  }
  const rest = carry ?? Buffer.alloc(0);
  let at = 0;
  if (!p.header) {
    at = p.readHeader(rest, true);
    if (p.errorCount) return p;
  }
  p.parse(rest, at, rest.length, true);
  return p;
}

/**
 * As runParser, for the bytes [start, end) of a file, read into one buffer: the bytes of a record cut by a read
 * are moved to the front and the next read goes after them (no buffer per chunk).
 */
function runParserOnFile(path: string, start: number, end: number, decimal: Decimal, hoursFor: (aar: number) => number, layout?: Layout, chunk = CHUNK): PersonParser {
  const p = new PersonParser(decimal, hoursFor);
  if (layout) {
    p.header = [];
    p.setLayout(layout.sep, layout.nCols, layout.fieldOf);
  }
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(Math.max(16, chunk));
    let have = 0; // bytes at the front of buf not yet parsed
    let pos = start;
    for (;;) {
      if (have > buf.length >> 1) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
      }
      const n = pos < end ? readSync(fd, buf, have, Math.min(buf.length - have, end - pos), pos) : 0;
      pos += n;
      const len = have + n;
      const final = n === 0 || pos >= end;
      let at = 0;
      if (!p.header) {
        at = p.readHeader(buf.subarray(0, len), final);
        if (at < 0) {
          have = len;
          continue;
        }
        if (p.errorCount) return p;
      }
      const used = p.parse(buf, at, len, final);
      if (final) return p;
      buf.copy(buf, 0, used, len);
      have = len - used;
    }
  } finally {
    closeSync(fd);
  }
}

const CHUNK = 1 << 22;

interface Layout {
  sep: number;
  nCols: number;
  fieldOf: number[];
}

/** A part of a file for a worker thread: the bytes [start, end) hold whole records after the header. */
export interface PartTask {
  path: string;
  start: number;
  end: number;
  layout: Layout;
  decimal: Decimal;
  /** Reference hours of a full year per calendar year from FIRST_YEAR (NaN where no list uses the year). */
  hours: number[];
  chunk: number;
}

export interface PartResult {
  errorCount: number;
  records: number;
  openQuoteAtEnd: boolean;
  sawComma: boolean;
  sawPoint: boolean;
  sawAmbiguous: boolean;
  years: number[];
  areas: { kode: string; navnBytes: Uint8Array; navn: string; kommunekode: number }[];
  sums: Record<(typeof Sums.keys)[number], Float64Array>;
}

const FIRST_YEAR = 1990;
const LAST_YEAR = 2100;

/** Parses one part of a file (run by persons-worker.ts); returns only counts and sums per area and year. */
export function parsePart(task: PartTask): PartResult {
  const hoursFor = (aar: number) => task.hours[aar - FIRST_YEAR] ?? NaN;
  const p = runParserOnFile(task.path, task.start, task.end, task.decimal, hoursFor, task.layout, task.chunk);
  const n = p.areas.length * MAX_DATA_YEARS;
  return {
    errorCount: p.errorCount,
    records: p.records,
    openQuoteAtEnd: p.openQuoteAtEnd,
    sawComma: p.sawComma,
    sawPoint: p.sawPoint,
    sawAmbiguous: p.sawAmbiguous,
    years: p.years,
    areas: p.areas.map((a) => ({ kode: a.kode, navnBytes: a.navnBytes, navn: a.navn, kommunekode: a.kommunekode })),
    sums: Object.fromEntries(Sums.keys.map((k) => [k, p.sums[k].slice(0, n)])) as PartResult['sums'],
  };
}

/** Adds a part's sums into `p`; false if the part disagrees with `p` (then the file is read again on one thread). */
function mergePart(p: PersonParser, r: PartResult): boolean {
  const yearMap = r.years.map((y) => {
    let yi = p.yearIdx[y];
    if (yi < 0) {
      if (p.years.length >= MAX_DATA_YEARS) return -1;
      yi = p.years.length;
      p.years.push(y);
      p.yearIdx[y] = yi;
      p.capOf.push(p.hoursFor(y) * hverdage(y));
    }
    return yi;
  });
  if (yearMap.includes(-1)) return false;
  for (let wa = 0; wa < r.areas.length; wa++) {
    const w = r.areas[wa];
    let a = p.areaIndex.get(w.kode);
    const navnBytes = Buffer.from(w.navnBytes.buffer, w.navnBytes.byteOffset, w.navnBytes.byteLength);
    if (a === undefined) {
      a = p.areas.length;
      p.areas.push({ kode: w.kode, kodeBytes: Buffer.from(w.kode), navnBytes, navn: w.navn, kommunekode: w.kommunekode, line: NaN });
      p.areaIndex.set(w.kode, a);
      p.sums.ensureAreas(p.areas.length);
    } else if (p.areas[a].kommunekode !== w.kommunekode || !p.areas[a].navnBytes.equals(navnBytes)) return false;
    for (let wy = 0; wy < r.years.length; wy++) {
      const from = wa * MAX_DATA_YEARS + wy;
      const to = a * MAX_DATA_YEARS + yearMap[wy];
      for (const k of Sums.keys) p.sums[k][to] += r.sums[k][from];
    }
  }
  p.records += r.records;
  return true;
}

// The worker threads (src/shared/worker-pool.ts) are kept between calls; one aggregation uses them at a time: calls
// wait in `workerQueue`. When the pool breaks, files are read on this thread.
const workers = new KeptWorkers(new URL('./persons-worker.mjs', import.meta.url));
let workerQueue: Promise<unknown> = Promise.resolve();

/** Byte offsets where the file is split into `parts` parts, each just after a line end. */
function splitPoints(path: string, headerEnd: number, size: number, parts: number): number[] {
  const points = [headerEnd];
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 16);
    for (let k = 1; k < parts; k++) {
      let pos = Math.max(points[points.length - 1], Math.floor(headerEnd + ((size - headerEnd) * k) / parts));
      let found = -1;
      while (found < 0 && pos < size) {
        const n = readSync(fd, buf, 0, buf.length, pos);
        if (n === 0) break;
        const i = buf.subarray(0, n).indexOf(LF);
        if (i >= 0) found = pos + i + 1;
        else pos += n;
      }
      if (found < 0 || found >= size) break;
      if (found > points[points.length - 1]) points.push(found);
    }
  } finally {
    closeSync(fd);
  }
  points.push(size);
  return points;
}

// ---------------------------------------------------------------------------------------------------------
// Aggregation

export interface PersonAggregation {
  /** One row per area and list year, sorted by list year and area code; empty when there are errors. */
  rows: OmraadeIndikatorer[];
  /** Danish, each with line and column where one applies; at most MAX_ERRORS lines and a line with the rest. */
  errors: string[];
  errorCount: number;
  /** The records read (data rows of the file). */
  personer: number;
  dataaar: number[];
  listeaar: number[];
  /** The versions of the method parameters used. */
  parametre: ParamVersion[];
  /** How the file was read: the number of parts read at the same time (1 = one thread). */
  traade: number;
}

/** The method's dated parameters as the aggregation uses them. */
function method(params: Params) {
  const used = new Map<string, ParamVersion>();
  const use = (name: string, date: string) => {
    const v = params.version(name, date);
    used.set(`${name}@${v.from}`, v);
    return v.value;
  };
  /** The list year whose latest data year is `aar`, or null if no method parameter says so. */
  const latestListOf = (aar: number): number | null => {
    for (let k = 0; k <= 5; k++) {
      const date = `${aar + k}-12-01`;
      if (params.inForce(P_OFFSET, date) && params.param(P_OFFSET, date) === k) return aar + k;
    }
    return null;
  };
  /**
   * The reference hours per weekday for a data year: the value in force for the first list that uses the year
   * (as its latest or its older data year). finish() checks that every list using the year has the same value.
   */
  const hoursFor = (aar: number) => {
    for (let k = 0; k <= 6; k++) {
      const date = `${aar + k}-12-01`;
      if (!params.inForce(P_OFFSET, date)) continue;
      const d = params.param(P_OFFSET, date);
      if ((aar === aar + k - d || aar === aar + k - d - 1) && params.inForce(P_TIMER, date)) return params.param(P_TIMER, date);
    }
    return NaN;
  };
  return { used, use, latestListOf, hoursFor };
}

/**
 * Aggregates the person file by the official method into one `OmraadeIndikatorer` row per area and list year
 * (every list year whose two data years are in the file), on this thread. A file with any error gives no rows.
 */
export function aggregatePersons(source: PersonSource, reference: ReferenceData, params: Params, chunk = CHUNK): PersonAggregation {
  const m = method(params);
  const read = (decimal: Decimal) =>
    typeof source === 'string' ? runParserOnFile(source, 0, Infinity, decimal, m.hoursFor, undefined, chunk) : runParser(source, decimal, m.hoursFor);
  let p = read('auto');
  // The decimal convention is the file's: a comma in any number cell means decimal comma. Cells read before
  // a comma was seen that mean something else under decimal comma ('1.234', '12.5') make a second pass.
  if (p.sawComma && (p.sawPoint || p.sawAmbiguous)) p = read('comma');
  return finish(p, reference, m, 1);
}

/** Files from this size are split over threads. */
export const PARALLEL_MIN_BYTES = 8 << 20;

/**
 * As aggregatePersons, for a file: from PARALLEL_MIN_BYTES, the file is split at line ends into `threads` parts
 * (default: the number of cores, at most 4) read at the same time, this thread reading the first. The parts'
 * sums are added. If any part has an error, ends inside a quoted field, or disagrees with another part about an
 * area, the file is read again on one thread, so every error has its true line number.
 */
export async function aggregatePersonsFile(
  path: string,
  reference: ReferenceData,
  params: Params,
  options: { threads?: number; minParallelBytes?: number; /** read size (tests) */ chunkBytes?: number } = {},
): Promise<PersonAggregation> {
  const m = method(params);
  const chunk = options.chunkBytes ?? CHUNK;
  const size = statSync(path).size;
  const threads = Math.max(1, Math.min(options.threads ?? Math.min(availableParallelism(), 4), 16));
  if (threads === 1 || size < (options.minParallelBytes ?? PARALLEL_MIN_BYTES) || workers.broken) return aggregatePersons(path, reference, params, chunk);

  // the header, read once here, gives every part its layout
  const head = new PersonParser('auto', m.hoursFor);
  const fd = openSync(path, 'r');
  const headBuf = Buffer.alloc(Math.min(size, 1 << 16));
  try {
    readSync(fd, headBuf, 0, headBuf.length, 0);
  } finally {
    closeSync(fd);
  }
  const headerEnd = head.readHeader(headBuf, headBuf.length === size);
  if (headerEnd < 0 || head.errorCount) return aggregatePersons(path, reference, params, chunk);
  const points = splitPoints(path, headerEnd, size, threads);
  const hours = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, k) => m.hoursFor(FIRST_YEAR + k));
  const layout: Layout = { sep: head.sep, nCols: head.nCols, fieldOf: head.fieldOf };

  const run = async (decimal: Decimal): Promise<PersonParser | null> => {
    const tasks = points.slice(1, -1).map((start, k) => ({ path, start, end: points[k + 2], layout, decimal, hours, chunk }) satisfies PartTask);
    let pending: Promise<PartResult[]>;
    try {
      pending = Promise.all(tasks.map((t, k) => workers.run<PartResult>(k, t)));
    } catch {
      workers.broken = true;
      return null;
    }
    // this thread reads the first part (with the header) while the workers read the rest
    const p = runParserOnFile(path, 0, points[1], decimal, m.hoursFor, undefined, chunk);
    let results: PartResult[];
    try {
      results = await pending;
    } catch {
      workers.broken = true;
      return null;
    }
    if (p.errorCount || p.openQuoteAtEnd) return null;
    for (const [k, r] of results.entries()) {
      if (r.errorCount || (r.openQuoteAtEnd && k < results.length - 1)) return null;
      p.sawComma ||= r.sawComma;
      p.sawPoint ||= r.sawPoint;
      p.sawAmbiguous ||= r.sawAmbiguous;
      if (!mergePart(p, r)) return null;
    }
    return p;
  };

  const turn = workerQueue.then(async () => {
    let p = workers.broken ? null : await run('auto');
    if (p && p.sawComma && (p.sawPoint || p.sawAmbiguous)) p = await run('comma');
    return p;
  });
  workerQueue = turn.catch(() => undefined);
  const p = await turn;
  if (!p) return aggregatePersons(path, reference, params, chunk);
  return finish(p, reference, m, points.length - 1);
}

/** From the sums to the indicator rows of every list year the data years allow. */
function finish(p: PersonParser, reference: ReferenceData, m: ReturnType<typeof method>, traade: number): PersonAggregation {
  const { use, latestListOf } = m;
  const err = (msg: string) => p.error(msg);
  const dataaar = [...p.years].sort((a, b) => a - b);
  const rows: OmraadeIndikatorer[] = [];
  const listeaar: number[] = [];
  if (p.header && p.errorCount === 0 && p.records === 0) err('Filen har ingen rækker under overskriften.');

  if (p.errorCount === 0 && p.records > 0) {
    const years = new Set(p.years);
    // The list years: every L whose latest data year (L - metode_seneste_dataaar_foer_listeaar) and the year
    // before it are both in the file.
    const lists: { L: number; y1: number; y2: number }[] = [];
    const usedYears = new Set<number>();
    for (const y2 of dataaar) {
      if (!years.has(y2 - 1)) continue;
      usedYears.add(y2 - 1).add(y2);
      const L = latestListOf(y2);
      if (L === null) {
        try {
          use(P_OFFSET, `${y2 + 1}-12-01`);
          err(`Dataårene ${y2 - 1} og ${y2} bruges ikke af nogen liste (${P_OFFSET}).`);
        } catch (e) {
          err(`Dataårene ${y2 - 1} og ${y2}: ${(e as Error).message}`);
        }
        continue;
      }
      lists.push({ L, y1: y2 - 1, y2 });
    }
    for (const y of dataaar)
      if (!usedYears.has(y))
        err(`Dataåret ${y} indgår ikke i nogen liste: en liste bruger to på hinanden følgende dataår, og hverken ${y - 1} eller ${y + 1} findes i filen.`);

    const S = p.sums;
    for (const { L, y1, y2 } of lists) {
      const date = `${L}-12-01`;
      let timer: number;
      let uoplyst: boolean;
      try {
        use(P_OFFSET, date);
        timer = Number(use(P_TIMER, date));
        uoplyst = use(P_UOPLYST, date) === true;
      } catch (e) {
        err(`Listeår ${L}: ${(e as Error).message}`);
        continue;
      }
      const i1 = p.yearIdx[y1];
      const i2 = p.yearIdx[y2];
      for (const [y, yi] of [
        [y1, i1],
        [y2, i2],
      ])
        if (p.capOf[yi] !== timer * hverdage(y))
          err(`Listeår ${L}: dataåret ${y} er regnet med ${p.capOf[yi] / hverdage(y)} timer pr. hverdag (${P_TIMER}), men listen ${date} bruger ${timer}.`);
      const landsgns1 = reference.doemte.get(y1);
      const landsgns2 = reference.doemte.get(y2);
      if (landsgns1 === undefined) err(`Referencefilen har intet doemte_landsgns_pct for ${y1}, som listeåret ${L} bruger.`);
      if (landsgns2 === undefined) err(`Referencefilen har intet doemte_landsgns_pct for ${y2}, som listeåret ${L} bruger.`);
      const missingRegion = new Set<number>();
      p.areas.forEach((area, a) => {
        const s1 = a * MAX_DATA_YEARS + i1;
        const s2 = a * MAX_DATA_YEARS + i2;
        if (S.nAll[s1] === 0 && S.nAll[s2] === 0) return; // the area is in neither data year
        const name = `Område ${area.kode} (${area.navn})`;
        const before = p.errorCount;
        for (const [y, s] of [
          [y1, s1],
          [y2, s2],
        ]) {
          if (S.nAll[s] === 0) err(`${name}: ingen personer i dataåret ${y}, som listeåret ${L} bruger (dataårene ${y1} og ${y2}).`);
          else if (S.n18[s] === 0) err(`${name}, dataår ${y}: ingen beboere på 18 år eller derover, så andelene uden tilknytning til arbejdsmarked eller uddannelse og af dømte kan ikke beregnes.`);
          else if (S.n1864[s] === 0) err(`${name}, dataår ${y}: ingen beboere på 18-64 år, så andelen uden tilknytning til arbejdsmarked eller uddannelse kan ikke beregnes.`);
        }
        if (S.nAll[s2] > 0) {
          if (S.n3059[s2] === 0) err(`${name}, dataår ${y2}: ingen beboere på 30-59 år, så andelen med kun grundskoleuddannelse kan ikke beregnes.`);
          if (S.nInd[s2] === 0) err(`${name}, dataår ${y2}: ingen skattepligtige på 15-64 år uden for uddannelse, så den gennemsnitlige bruttoindkomst kan ikke beregnes.`);
        }
        const region = regionOfKommune[area.kommunekode];
        const regionGns = reference.indkomst.get(`${y2}:${region}`);
        if (regionGns === undefined && !missingRegion.has(region)) {
          missingRegion.add(region);
          err(`Referencefilen har ingen indkomst_gns for region ${region} (${regionName.get(region)}) i ${y2}, som listeåret ${L} bruger (fx område ${area.kode}, kommune ${area.kommunekode}).`);
        }
        if (p.errorCount > before || landsgns1 === undefined || landsgns2 === undefined || regionGns === undefined) return;
        rows.push({
          listeaar: L,
          omraade_kode: area.kode,
          omraade_navn: area.navn,
          kommunekode: area.kommunekode,
          // Fortolkning: the residents at the end of the latest data year stand for 1 January of the list year
          beboere: S.nAll[s2],
          ikkevestlige_pct: (S.nIkke[s2] / S.nAll[s2]) * 100,
          udenfor_pct_aar1: (S.fuld1864[s1] / S.n1864[s1]) * 100,
          udenfor_pct_aar2: (S.fuld1864[s2] / S.n1864[s2]) * 100,
          doemte_pct_aar1: (S.doemt18[s1] / S.n18[s1]) * 100,
          doemte_pct_aar2: (S.doemt18[s2] / S.n18[s2]) * 100,
          doemte_landsgns_pct_aar1: landsgns1,
          doemte_landsgns_pct_aar2: landsgns2,
          grundskole_pct: ((S.grund3059[s2] + (uoplyst ? S.uopl3059[s2] : 0)) / S.n3059[s2]) * 100,
          indkomst_pct_af_region: (S.sumInd[s2] / S.nInd[s2] / regionGns) * 100,
        });
      });
      listeaar.push(L);
    }
  }

  const errors = [...p.errors];
  if (p.errorCount > p.errors.length) errors.push(`… og ${p.errorCount - p.errors.length} fejl mere.`);
  const collator = new Intl.Collator('da');
  rows.sort((a, b) => a.listeaar - b.listeaar || collator.compare(a.omraade_kode, b.omraade_kode));
  return {
    rows: p.errorCount > 0 ? [] : rows,
    errors,
    errorCount: p.errorCount,
    personer: p.records,
    dataaar,
    listeaar: p.errorCount > 0 ? [] : listeaar,
    parametre: [...m.used.values()].sort((a, b) => a.name.localeCompare(b.name) || a.from.localeCompare(b.from)),
    traade,
  };
}
