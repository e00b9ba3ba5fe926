// Kommunal anvisning: batch assignment of all open vacancies to all approved applicants at once (issue 6, item 3).
// Almenboligloven, LBK nr. 1171 af 11/11/2024, § 59, stk. 1-2 (the vacancies at the municipality's disposal) and
// § 59, stk. 6-7 (who must not be anvist where): https://www.sm.dk/arbejdsomraader/almene-boliger/almene-boliger/beboerklagenaevn-anvisning-mm/kommunal-anvisning-til-almene-familieboliger
// The law does not say how a municipality chooses among its applicants; "who may be anvist is decided by the
// municipality alone" (RULES.md 2.1). This module is therefore a product rule, not a legal rule: it maximises the
// number of households housed, then prefers priority and waiting time, and gives a reason for every decision.
// Decision record: docs/decisions/017-batch-assignment.md.
//
// The legal eligibility rules (src/rules/anvisning.ts, built separately) plug in as a filter, `udeluk(a, l)`,
// which answers null (allowed) or { grund, paragraf } (excluded). This module never imports them.
//
// Order of the checks of a pair (the first that fails is the pair's reason; RULES.md 8.1: the affordability limit
// is local practice):
//   1. the vacancy's deadline for anvisning has passed          'frist overskredet'
//   2. rooms outside the household's [min, max]                 'forkert størrelse'
//   3. rent above what the household can bear                   'for dyr'
//   4. household needs an accessible dwelling, this one is not  'ikke tilgængelig'
//   5. the dwelling lies in an area the household must avoid    'område fravalgt'
//   6. the legal filter udeluk (e.g. § 59, stk. 6)              its own grund and paragraf
// Fortolkning: the legal filter is asked last, so its counts are "households that would otherwise fit but that
// the law excludes" - the number that shows what a rule costs - and it is called only for plausible pairs.
//
// The algorithm (see the decision record for the proofs):
//   a. Edges: vacancies are bucketed by rooms and sorted by rent, so an applicant's checks 2-3 are a binary search
//      per bucket and only plausible pairs are enumerated. Excluded pairs are counted per reason on both sides.
//   b. Matching: applicants in rank order (prioritet 1 before 3, then longest waiting, then id), each searching an
//      augmenting path (Kuhn). This is the greedy algorithm of the transversal matroid: the result houses the
//      maximum number of households AND, for every k, as many of the k highest-ranked as any assignment can.
//      Vacancies visited by a failed search are closed for good (never on an augmenting path again).
//   c. Fit: the housed set is kept; a housed household moves to a better-fitting free dwelling, or two swap when
//      one gains and the other does not lose, until no such move is left (at most 50 passes).
// Pure: no clock, database or I/O. Same input (in any order) -> same result.
import { DomainError, type FieldError } from '../errors.ts';

// ---------------------------------------------------------------------------------------------------------------
// Types

/** 1 = most urgent (e.g. akut boligløs), 3 = least. */
export type Prioritet = 1 | 2 | 3;

export interface Ansoeger {
  id: string;
  prioritet: Prioritet;
  /** ISO date from which the waiting time counts (godkendt til anvisning). */
  ventetSiden: string;
  vaerelserMin: number;
  vaerelserMax: number;
  /**
   * The highest monthly rent (kr.) the household can bear: the result of the caseworker's affordability
   * assessment. A per-dwelling assessment (rent after boligstøtte) goes in `udeluk` with grund 'for dyr'.
   */
  maxHusleje: number;
  /** Needs an accessible (handicapegnet) dwelling. */
  kraeverTilgaengelig?: boolean;
  /** Areas (as Ledighed.omraade) the household must not be placed in. */
  undgaaOmraader?: readonly string[];
  /** Areas the household wishes; only raises the fit. */
  oenskedeOmraader?: readonly string[];
}

export interface Ledighed {
  id: string;
  vaerelser: number;
  arealM2: number;
  /** Monthly rent, kr. */
  husleje: number;
  tilgaengelig?: boolean;
  /** The afdeling or boligområde, as applicants' wishes name it. */
  omraade: string;
  /** The area's list categories (udsat, parallelsamfund, omdannelsesomraade, forebyggelsesomraade), for udeluk. */
  kategorier?: readonly string[];
  /** ISO, the last day the municipality can anvise the dwelling. Absent: no deadline. */
  frist?: string;
}

export interface Udelukkelse {
  grund: string;
  paragraf?: string;
}

/** The legal filter: null if the household may be anvist to the dwelling, else the ground. */
export type Udeluk<A extends Ansoeger = Ansoeger, L extends Ledighed = Ledighed> = (a: A, l: L) => Udelukkelse | null;
/** Need fit of an allowed pair, 0-100 (kept to one decimal). */
export type Behovsmatch<A extends Ansoeger = Ansoeger, L extends Ledighed = Ledighed> = (a: A, l: L) => number;

export interface Regler<A extends Ansoeger = Ansoeger, L extends Ledighed = Ledighed> {
  udeluk?: Udeluk<A, L>;
  /** Default: standardBehovsmatch. */
  behovsmatch?: Behovsmatch<A, L>;
}

/** One pair of a precomputed edge list: allowed with a fit, or excluded with a reason. Unlisted pairs: 'ikke vurderet'. */
export type Kant =
  | { ansoegerId: string; ledighedId: string; behovsmatch: number }
  | { ansoegerId: string; ledighedId: string; grund: string; paragraf?: string };

/** How the pairs are judged: the built-in need checks plus a legal filter, or a precomputed edge list. */
export type Kilde<A extends Ansoeger = Ansoeger, L extends Ledighed = Ledighed> = Regler<A, L> | { kanter: readonly Kant[] };

export interface TildelingInput<A extends Ansoeger = Ansoeger, L extends Ledighed = Ledighed> {
  /** The day of the batch (ISO): deadlines and waiting times are judged on it. */
  dato: string;
  ansoegere: readonly A[];
  ledigheder: readonly L[];
}

/** The allowed pairs and the exclusion counts: built once, then given to tildelGraf or greedyGraf. */
export interface Kompatibilitet<A extends Ansoeger = Ansoeger, L extends Ledighed = Ledighed> {
  readonly dato: string;
  /** Applicants in rank order: index = rank - 1. */
  readonly ansoegere: readonly A[];
  /** Vacancies in processing order: earliest deadline first (none last), then id. */
  readonly ledigheder: readonly L[];
  /** CSR adjacency of the allowed pairs: applicant i's vacancies are naboer[start[i] .. start[i+1]), best fit first. */
  readonly start: Int32Array;
  readonly naboer: Int32Array;
  /** Fit x 10 (0-1000) per allowed pair, beside naboer. */
  readonly match10: Int16Array;
  /** The reasons met; taelA[g][i] / taelL[g][j] = pairs of applicant i / vacancy j excluded for grunde[g]. */
  readonly grunde: readonly Udelukkelse[];
  readonly taelA: readonly Int32Array[];
  readonly taelL: readonly Int32Array[];
  readonly udloebet: Uint8Array;
  /** Days each applicant (rank order) has waited on `dato`. */
  readonly ventedage: Int32Array;
  /** Pairs on which the detailed checks (accessibility, area, udeluk) ran. */
  readonly parKontrolleret: number;
}

export interface Grundtaelling {
  grund: string;
  paragraf?: string;
  antal: number;
}

export type LedighedBeslutning =
  | {
      ledighedId: string;
      udfald: 'tildelt';
      ansoegerId: string;
      rang: number;
      behovsmatch: number;
      /** Households allowed for this dwelling. */
      egnede: number;
      /** Of them, ranked above the one chosen: housed elsewhere / not housed. */
      hoejereHusetAndetSted: number;
      hoejereIkkeHuset: number;
      begrundelse: string;
    }
  | {
      ledighedId: string;
      udfald: 'ikke_tildelt';
      aarsag: 'frist_overskredet' | 'ingen_egnet' | 'egnede_fik_anden_bolig';
      egnede: number;
      udelukket: Grundtaelling[];
      begrundelse: string;
    };

export type AnsoegerBeslutning =
  | {
      ansoegerId: string;
      udfald: 'huset';
      rang: number;
      ledighedId: string;
      behovsmatch: number;
      /** Dwellings the household was allowed for. */
      muligeBoliger: number;
      begrundelse: string;
    }
  | {
      ansoegerId: string;
      udfald: 'ikke_huset';
      rang: number;
      aarsag: 'udelukket_fra_alle' | 'overhalet';
      muligeBoliger: number;
      /**
       * Of the possible dwellings: given to a household ranked higher / ranked lower / left empty. Both methods
       * give every one to a higher-ranked household (tested); the text is still computed from the facts.
       */
      tilHoejereRang: number;
      tilLavereRang: number;
      tomme: number;
      udelukket: Grundtaelling[];
      begrundelse: string;
    };

export interface TildelingsPar {
  ledighedId: string;
  ansoegerId: string;
  behovsmatch: number;
}

export interface Tildeling {
  metode: 'maksimal' | 'greedy';
  dato: string;
  antalAnsoegere: number;
  antalLedigheder: number;
  antalTilladtePar: number;
  antalHuset: number;
  husetPrPrioritet: Record<Prioritet, number>;
  /** Sum of the fit of the assigned pairs. */
  samletBehovsmatch: number;
  /** Stage c (only 'maksimal'): passes, moves made, and whether it stopped because no move was left. */
  forbedring?: { runder: number; flytninger: number; konvergeret: boolean };
  /** In vacancy processing order. */
  tildelinger: TildelingsPar[];
  ledigheder: LedighedBeslutning[];
  /** In rank order. */
  ansoegere: AnsoegerBeslutning[];
}

// ---------------------------------------------------------------------------------------------------------------
// Reasons of the built-in checks (indices into Kompatibilitet.grunde)

export const GRUND = {
  frist: 'frist overskredet',
  stoerrelse: 'forkert størrelse',
  dyr: 'for dyr',
  tilgaengelig: 'ikke tilgængelig',
  omraade: 'område fravalgt',
  ikkeVurderet: 'ikke vurderet',
} as const;
const G_FRIST = 0;
const G_STOERRELSE = 1;
const G_DYR = 2;
const G_TILGAENGELIG = 3;
const G_OMRAADE = 4;

/** Maximum passes of the fit improvement (stage c). */
export const MAKS_FORBEDRINGSRUNDER = 50;

/**
 * The default need fit, 0-100: 40 for rooms (full at the household's minimum, half at its maximum), 30 for the
 * area (full in a wished area, half when the household has no wishes, 0 outside its wishes) and 30 for the rent
 * (the share of the household's budget left). A product setting, not law.
 */
export function standardBehovsmatch(a: Ansoeger, l: Ledighed): number {
  const oensker = a.oenskedeOmraader && a.oenskedeOmraader.length > 0 ? (a.oenskedeOmraader.includes(l.omraade) ? 1 : 0) : 0.5;
  return standardFormel(l.vaerelser, a.vaerelserMin, a.vaerelserMax, oensker, l.husleje, a.maxHusleje);
}
/** The formula of standardBehovsmatch on plain numbers (the edge builder's fast path uses it directly). */
function standardFormel(vaerelser: number, min: number, max: number, oensker: number, husleje: number, budget: number): number {
  const rum = max > min ? 1 - (0.5 * (vaerelser - min)) / (max - min) : 1;
  const leje = budget > 0 ? Math.max(0, 1 - husleje / budget) : 0;
  return 40 * rum + 30 * oensker + 30 * leje;
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers: dates, Danish text, validation

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAANEDER = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** Days since 1970-01-01, or NaN if not a valid ISO date (proleptic Gregorian, civil-from-days arithmetic). */
function dagnr(s: unknown): number {
  if (typeof s !== 'string' || s.length !== 10 || !ISO.test(s)) return NaN;
  const y = +s.slice(0, 4);
  const mo = +s.slice(5, 7);
  const d = +s.slice(8, 10);
  const skud = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dage = mo === 2 ? (skud ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  if (mo < 1 || mo > 12 || d < 1 || d > dage) return NaN;
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
function datoTekst(s: string): string {
  const m = ISO.exec(s)!;
  return `${Number(m[3])}. ${MAANEDER[Number(m[2]) - 1]} ${Number(m[1])}`;
}
/** 10.000 (Danish thousands separator; as Intl.NumberFormat('da-DK'), which is too slow for 12,000 reasons). */
function antal(n: number): string {
  const r = Math.round(n);
  if (r < 0) return `-${antal(-r)}`;
  if (r < 1000) return String(r);
  const s = String(r);
  let out = s.slice(0, s.length % 3 || 3);
  for (let k = out.length; k < s.length; k += 3) out += '.' + s.slice(k, k + 3);
  return out;
}
/** 1.234,5 with at most one decimal. */
function tal1(x: number): string {
  const t = Math.round(x * 10);
  const hel = Math.trunc(t / 10);
  const dec = Math.abs(t % 10);
  return `${t < 0 && hel === 0 ? '-' : ''}${antal(hel)}${dec ? `,${dec}` : ''}`;
}

function grundTekst(g: Grundtaelling): string {
  return `${g.grund}${g.paragraf ? ` (${g.paragraf})` : ''}: ${antal(g.antal)}`;
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function rangOrden(a: Ansoeger, b: Ansoeger): number {
  return a.prioritet - b.prioritet || cmpStr(a.ventetSiden, b.ventetSiden) || cmpStr(a.id, b.id);
}
function ledighedOrden(a: Ledighed, b: Ledighed): number {
  if (a.frist !== b.frist) {
    if (a.frist === undefined) return 1;
    if (b.frist === undefined) return -1;
    return cmpStr(a.frist, b.frist);
  }
  return cmpStr(a.id, b.id);
}

function fejl(fields: FieldError[]): DomainError {
  const shown = fields.slice(0, 20);
  return new DomainError('VALIDATION', shown[0].message + (fields.length > 1 ? ` (og ${fields.length - 1} fejl mere)` : ''), { fields: shown });
}

const endeligt = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function valider(input: TildelingInput): void {
  const f: FieldError[] = [];
  const dato = dagnr(input?.dato);
  if (Number.isNaN(dato)) f.push({ field: 'dato', message: `Ugyldig dato "${String(input?.dato)}" (skal være ÅÅÅÅ-MM-DD).` });
  if (!Array.isArray(input?.ansoegere)) f.push({ field: 'ansoegere', message: 'Ansøgerne skal være en liste.' });
  if (!Array.isArray(input?.ledigheder)) f.push({ field: 'ledigheder', message: 'De ledige boliger skal være en liste.' });
  if (f.length) throw fejl(f);
  const ids = new Set<string>();
  input.ansoegere.forEach((a, i) => {
    const p = `ansoegere[${i}]`;
    if (typeof a?.id !== 'string' || a.id === '') f.push({ field: `${p}.id`, message: 'Ansøgeren mangler et id.' });
    else if (ids.has(a.id)) f.push({ field: `${p}.id`, message: `Ansøgeren "${a.id}" står der to gange.` });
    else ids.add(a.id);
    if (a?.prioritet !== 1 && a?.prioritet !== 2 && a?.prioritet !== 3) f.push({ field: `${p}.prioritet`, message: 'Prioriteten skal være 1, 2 eller 3.' });
    const v = dagnr(a?.ventetSiden);
    if (Number.isNaN(v)) f.push({ field: `${p}.ventetSiden`, message: `Ugyldig dato "${String(a?.ventetSiden)}" (skal være ÅÅÅÅ-MM-DD).` });
    else if (v > dato) f.push({ field: `${p}.ventetSiden`, message: 'Ventetiden kan ikke begynde efter kørselsdatoen.' });
    if (!endeligt(a?.vaerelserMin) || a.vaerelserMin < 0) f.push({ field: `${p}.vaerelserMin`, message: 'Mindste antal værelser skal være et tal, mindst 0.' });
    if (!endeligt(a?.vaerelserMax) || a.vaerelserMax < a.vaerelserMin) f.push({ field: `${p}.vaerelserMax`, message: 'Største antal værelser skal være et tal, mindst det mindste.' });
    if (!endeligt(a?.maxHusleje) || a.maxHusleje < 0) f.push({ field: `${p}.maxHusleje`, message: 'Den husleje, husstanden kan betale, skal være et tal, mindst 0 kr.' });
  });
  const lids = new Set<string>();
  input.ledigheder.forEach((l, j) => {
    const p = `ledigheder[${j}]`;
    if (typeof l?.id !== 'string' || l.id === '') f.push({ field: `${p}.id`, message: 'Boligen mangler et id.' });
    else if (lids.has(l.id)) f.push({ field: `${p}.id`, message: `Boligen "${l.id}" står der to gange.` });
    else lids.add(l.id);
    if (!endeligt(l?.vaerelser) || l.vaerelser < 0) f.push({ field: `${p}.vaerelser`, message: 'Antal værelser skal være et tal, mindst 0.' });
    if (!endeligt(l?.arealM2) || l.arealM2 < 0) f.push({ field: `${p}.arealM2`, message: 'Arealet skal være et tal, mindst 0 m².' });
    if (!endeligt(l?.husleje) || l.husleje < 0) f.push({ field: `${p}.husleje`, message: 'Huslejen skal være et tal, mindst 0 kr.' });
    if (typeof l?.omraade !== 'string') f.push({ field: `${p}.omraade`, message: 'Boligen mangler sit område.' });
    if (l?.frist !== undefined && Number.isNaN(dagnr(l.frist))) f.push({ field: `${p}.frist`, message: `Ugyldig dato "${String(l.frist)}" (skal være ÅÅÅÅ-MM-DD).` });
  });
  if (f.length) throw fejl(f);
}

function r10(s: number, a: string, l: string): number {
  if (typeof s !== 'number' || !Number.isFinite(s)) {
    const msg = `Behovsmatch for ansøger ${a} og bolig ${l} er ikke et tal.`;
    throw new DomainError('VALIDATION', msg, { fields: [{ field: 'behovsmatch', message: msg }] });
  }
  return Math.round(Math.min(100, Math.max(0, s)) * 10);
}

/** The allowed pairs as they are found: applicant, vacancy, fit x 10. Grows by doubling. */
class Kantliste {
  ai: Int32Array;
  aj: Int32Array;
  af: Int16Array;
  n = 0;
  /** `plads`: the expected number of pairs (an upper bound saves the copies of growing). */
  constructor(plads = 1 << 16) {
    const c = Math.max(16, plads);
    this.ai = new Int32Array(c);
    this.aj = new Int32Array(c);
    this.af = new Int16Array(c);
  }
  push(i: number, j: number, f10: number) {
    if (this.n === this.ai.length) {
      const grow = <T extends Int32Array | Int16Array>(x: T): T => {
        const y = new (x.constructor as new (n: number) => T)(x.length * 2);
        y.set(x);
        return y;
      };
      this.ai = grow(this.ai);
      this.aj = grow(this.aj);
      this.af = grow(this.af);
    }
    this.ai[this.n] = i;
    this.aj[this.n] = j;
    this.af[this.n] = f10;
    this.n++;
  }
}

class GrundRegister {
  readonly grunde: Udelukkelse[] = [];
  readonly taelA: Int32Array[] = [];
  readonly taelL: Int32Array[] = [];
  private readonly index = new Map<string, Map<string, number>>();
  private sidste: Udelukkelse | undefined;
  private sidsteId = -1;
  constructor(
    private readonly n: number,
    private readonly m: number,
  ) {}
  id(g: Udelukkelse): number {
    // A filter usually returns the same few constant objects: the last one is remembered by identity.
    if (g === this.sidste) return this.sidsteId;
    let pr = this.index.get(g.grund);
    if (pr === undefined) this.index.set(g.grund, (pr = new Map()));
    let k = pr.get(g.paragraf ?? '');
    if (k === undefined) {
      k = this.grunde.length;
      pr.set(g.paragraf ?? '', k);
      this.grunde.push(g.paragraf ? { grund: g.grund, paragraf: g.paragraf } : { grund: g.grund });
      this.taelA.push(new Int32Array(this.n));
      this.taelL.push(new Int32Array(this.m));
    }
    this.sidste = g;
    this.sidsteId = k;
    return k;
  }
}

function udelukkelse(x: unknown, a: Ansoeger, l: Ledighed): Udelukkelse {
  const u = x as Udelukkelse;
  if (typeof u?.grund !== 'string' || u.grund === '' || (u.paragraf !== undefined && typeof u.paragraf !== 'string')) {
    const msg = `udeluk gav et svar uden en grund for ansøger ${a.id} og bolig ${l.id}.`;
    throw new DomainError('VALIDATION', msg, { fields: [{ field: 'udeluk', message: msg }] });
  }
  return u;
}

function lowerBound(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
function upperBound(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * CSR adjacency from the pairs, which come grouped by applicant in rank order (`grupperet`) or in any order. Each
 * applicant's vacancies are then put best fit first by a stable counting sort on the fit (0-1000), so ties keep
 * the order the pairs were found in: processing order of the vacancies' buckets (rules) or vacancy order (list).
 */
function adjacency(k: Kantliste, n: number, m: number, grupperet: boolean): { start: Int32Array; naboer: Int32Array; match10: Int16Array } {
  const e = k.n;
  const start = new Int32Array(n + 1);
  for (let x = 0; x < e; x++) start[k.ai[x] + 1]++;
  for (let r = 0; r < n; r++) start[r + 1] += start[r];
  let naboer: Int32Array;
  let match10: Int16Array;
  if (grupperet) {
    // Views of the list's own arrays (nothing else writes them): no copy of millions of pairs.
    naboer = k.aj.subarray(0, e);
    match10 = k.af.subarray(0, e);
  } else {
    // Two stable counting passes: by vacancy, then by applicant.
    const cj = new Int32Array(m + 1);
    for (let x = 0; x < e; x++) cj[k.aj[x] + 1]++;
    for (let r = 0; r < m; r++) cj[r + 1] += cj[r];
    const o1 = new Int32Array(e);
    for (let x = 0; x < e; x++) o1[cj[k.aj[x]]++] = x;
    const at = start.slice(0, n);
    naboer = new Int32Array(e);
    match10 = new Int16Array(e);
    for (let x = 0; x < e; x++) {
      const y = o1[x];
      const p = at[k.ai[y]]++;
      naboer[p] = k.aj[y];
      match10[p] = k.af[y];
    }
  }
  bedstFoerst(start, naboer, match10);
  return { start, naboer, match10 };
}

/** Each row's vacancies best fit first: a stable counting sort on the fit (0-1000), in place. */
function bedstFoerst(start: Int32Array, naboer: Int32Array, match10: Int16Array): void {
  const n = start.length - 1;
  let maxGrad = 0;
  for (let i = 0; i < n; i++) maxGrad = Math.max(maxGrad, start[i + 1] - start[i]);
  const tj = new Int32Array(maxGrad);
  const tf = new Int16Array(maxGrad);
  const c = new Int32Array(1002);
  for (let i = 0; i < n; i++) {
    const s = start[i];
    const t = start[i + 1];
    if (t - s < 2) continue;
    let lo = 1000;
    let hi = 0;
    for (let x = s; x < t; x++) {
      const b = 1000 - match10[x];
      if (b < lo) lo = b;
      if (b > hi) hi = b;
    }
    if (lo === hi) continue;
    c.fill(0, lo, hi + 2);
    for (let x = s; x < t; x++) c[1001 - match10[x]]++;
    for (let r = lo; r <= hi; r++) c[r + 1] += c[r];
    for (let x = s; x < t; x++) {
      const p = c[1000 - match10[x]]++;
      tj[p] = naboer[x];
      tf[p] = match10[x];
    }
    naboer.set(tj.subarray(0, t - s), s);
    match10.set(tf.subarray(0, t - s), s);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// a. The allowed pairs

/**
 * Judges every (applicant, vacancy) pair: builds the allowed pairs with their fit and counts the excluded ones per
 * reason on both sides. With `kanter`, the caller's list decides (unlisted pairs are 'ikke vurderet'); a deadline
 * that has passed still excludes first. With rules: forberedPar, doemPar over all the rows, samlPar (a caller with
 * more threads judges the rows in parts, the same three steps: src/features/anvisning/batch.ts).
 */
export function kompatibilitet<A extends Ansoeger, L extends Ledighed>(input: TildelingInput<A, L>, kilde: Kilde<A, L> = {}): Kompatibilitet<A, L> {
  if ('kanter' in kilde) return kompatibilitetListe(input, kilde.kanter);
  const f = forberedPar(input);
  return samlPar(f, [doemPar(f, 0, f.ansoegere.length, kilde)]);
}

function kompatibilitetListe<A extends Ansoeger, L extends Ledighed>(input: TildelingInput<A, L>, liste: readonly Kant[]): Kompatibilitet<A, L> {
  valider(input);
  const A = [...input.ansoegere].sort(rangOrden);
  const L = [...input.ledigheder].sort(ledighedOrden);
  const n = A.length;
  const m = L.length;
  const dato = dagnr(input.dato);
  const reg = new GrundRegister(n, m);
  for (const g of [GRUND.frist, GRUND.stoerrelse, GRUND.dyr, GRUND.tilgaengelig, GRUND.omraade]) reg.id({ grund: g });
  const { udloebet, antalUdloebet } = udloebne(L, dato);
  for (let j = 0; j < m; j++) if (udloebet[j]) reg.taelL[G_FRIST][j] = n;
  reg.taelA[G_FRIST].fill(antalUdloebet);
  const kanter = new Kantliste();
  let parKontrolleret = 0;
  const ai = new Map(A.map((a, i) => [a.id, i]));
  const lj = new Map(L.map((l, j) => [l.id, j]));
  const set = new Set<number>();
  const listetA = new Int32Array(n);
  const listetL = new Int32Array(m);
  const f: FieldError[] = [];
  liste.forEach((k, x) => {
    const i = ai.get(k?.ansoegerId);
    const j = lj.get(k?.ledighedId);
    if (i === undefined) f.push({ field: `kanter[${x}].ansoegerId`, message: `Ukendt ansøger "${String(k?.ansoegerId)}".` });
    if (j === undefined) f.push({ field: `kanter[${x}].ledighedId`, message: `Ukendt bolig "${String(k?.ledighedId)}".` });
    if (i === undefined || j === undefined) return;
    const par = i * m + j;
    if (set.has(par)) return void f.push({ field: `kanter[${x}]`, message: `Parret ${k.ansoegerId} / ${k.ledighedId} står der to gange.` });
    set.add(par);
    if (udloebet[j]) return;
    listetA[i]++;
    listetL[j]++;
    parKontrolleret++;
    if ('grund' in k && k.grund !== undefined) {
      const g = reg.id(udelukkelse(k, A[i], L[j]));
      reg.taelA[g][i]++;
      reg.taelL[g][j]++;
    } else {
      kanter.push(i, j, r10((k as { behovsmatch: number }).behovsmatch, k.ansoegerId, k.ledighedId));
    }
  });
  if (f.length) throw fejl(f);
  const iv = reg.id({ grund: GRUND.ikkeVurderet });
  for (let i = 0; i < n; i++) reg.taelA[iv][i] = m - antalUdloebet - listetA[i];
  for (let j = 0; j < m; j++) if (!udloebet[j]) reg.taelL[iv][j] = n - listetL[j];
  const { start, naboer, match10 } = adjacency(kanter, n, m, false);
  const ventedage = Int32Array.from(A, (a) => dato - dagnr(a.ventetSiden));
  return { dato: input.dato, ansoegere: A, ledigheder: L, start, naboer, match10, grunde: reg.grunde, taelA: reg.taelA, taelL: reg.taelL, udloebet, ventedage, parKontrolleret };
}

function udloebne(L: readonly Ledighed[], dato: number): { udloebet: Uint8Array; antalUdloebet: number } {
  const udloebet = new Uint8Array(L.length);
  let antalUdloebet = 0;
  for (let j = 0; j < L.length; j++) {
    const f = L[j].frist;
    if (f !== undefined && dagnr(f) < dato) {
      udloebet[j] = 1;
      antalUdloebet++;
    }
  }
  return { udloebet, antalUdloebet };
}

/**
 * What every part of the pair judging shares: the input checked, the applicants in rank order and the vacancies in
 * processing order, the vacancies' facts as typed arrays and their buckets (open vacancies per room count, by rent).
 * Built from the same vacancies in the same order it is the same in every thread.
 */
export interface ParGrundlag<A extends Ansoeger = Ansoeger, L extends Ledighed = Ledighed> {
  readonly dato: string;
  readonly ansoegere: readonly A[];
  readonly ledigheder: readonly L[];
  readonly udloebet: Uint8Array;
  readonly antalUdloebet: number;
  readonly omr: ReadonlyMap<string, number>;
  readonly omrL: Int32Array;
  readonly lejeL: Float64Array;
  readonly rumL: Float64Array;
  readonly tilgL: Uint8Array;
  readonly spande: readonly { r: number; idx: Int32Array; leje: Float64Array }[];
}

/**
 * One part of the judged pairs: rows (applicants in rank order) from one applicant on, numbered from 0. Its fields
 * are Kompatibilitet's for those rows: start.length = raekker + 1, taelA per row of the part and taelL per vacancy (all
 * of them), the reasons in the order first met in the part (the first five the engine's own, in GRUND's order).
 */
export type ParDel = Pick<Kompatibilitet, 'start' | 'naboer' | 'match10' | 'grunde' | 'taelA' | 'taelL' | 'parKontrolleret'> & { readonly raekker: number };

export function forberedPar<A extends Ansoeger, L extends Ledighed>(input: TildelingInput<A, L>): ParGrundlag<A, L> {
  valider(input);
  const A = [...input.ansoegere].sort(rangOrden);
  const L = [...input.ledigheder].sort(ledighedOrden);
  const m = L.length;
  const { udloebet, antalUdloebet } = udloebne(L, dagnr(input.dato));
  // The vacancies' facts as typed arrays; areas as small integers.
  const omr = new Map<string, number>();
  const omrL = new Int32Array(m);
  const lejeL = new Float64Array(m);
  const rumL = new Float64Array(m);
  const tilgL = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    const l = L[j];
    let k = omr.get(l.omraade);
    if (k === undefined) omr.set(l.omraade, (k = omr.size));
    omrL[j] = k;
    lejeL[j] = l.husleje;
    rumL[j] = l.vaerelser;
    tilgL[j] = l.tilgaengelig === true ? 1 : 0;
  }
  // Buckets of open vacancies per room count, sorted by rent (then processing order).
  const perRum = new Map<number, number[]>();
  for (let j = 0; j < m; j++) {
    if (udloebet[j]) continue;
    const b = perRum.get(rumL[j]);
    if (b) b.push(j);
    else perRum.set(rumL[j], [j]);
  }
  const spande = [...perRum.keys()]
    .sort((x, y) => x - y)
    .map((r) => {
      const idx = perRum.get(r)!.sort((x, y) => lejeL[x] - lejeL[y] || x - y);
      return { r, idx: Int32Array.from(idx), leje: Float64Array.from(idx, (j) => lejeL[j]) };
    });
  return { dato: input.dato, ansoegere: A, ledigheder: L, udloebet, antalUdloebet, omr, omrL, lejeL, rumL, tilgL, spande };
}

/** Judges the pairs of the applicants fra .. til (rank order) with every vacancy. */
export function doemPar<A extends Ansoeger, L extends Ledighed>(f: ParGrundlag<A, L>, fra: number, til: number, regler: Regler<A, L>): ParDel {
  const { ansoegere: A, ledigheder: L, omr, omrL, lejeL, rumL, tilgL, spande } = f;
  const raekker = til - fra;
  const m = L.length;
  const reg = new GrundRegister(raekker, m);
  for (const g of [GRUND.frist, GRUND.stoerrelse, GRUND.dyr, GRUND.tilgaengelig, GRUND.omraade]) reg.id({ grund: g });
  const udeluk = regler.udeluk;
  const egen = regler.behovsmatch;
  const omraadeIds = (xs: readonly string[] | undefined): Int32Array | null => (xs && xs.length ? Int32Array.from(xs, (o) => omr.get(o) ?? -1) : null);
  // The pairs under each budget, counted first (a binary search per household and room value): the allowed pairs
  // are at most that many, so the list is allocated once.
  let plads = 0;
  for (let i = fra; i < til; i++) {
    const a = A[i];
    for (const s of spande) if (s.r >= a.vaerelserMin && s.r <= a.vaerelserMax) plads += upperBound(s.leje, a.maxHusleje);
  }
  const naboer = new Int32Array(plads);
  const match10 = new Int16Array(plads);
  const start = new Int32Array(raekker + 1);
  let e = 0;
  let parKontrolleret = 0;
  const tA = reg.taelA;
  const tL = reg.taelL;
  const har = (xs: Int32Array, x: number) => {
    for (let k = 0; k < xs.length; k++) if (xs[k] === x) return true;
    return false;
  };
  for (let i = fra; i < til; i++) {
    const r = i - fra;
    const a = A[i];
    const min = a.vaerelserMin;
    const max = a.vaerelserMax;
    const budget = a.maxHusleje;
    const undgaa = omraadeIds(a.undgaaOmraader);
    const oensker = omraadeIds(a.oenskedeOmraader);
    const tilg = a.kraeverTilgaengelig === true;
    let forkert = 0;
    let dyr = 0;
    for (const s of spande) {
      if (s.r < min || s.r > max) {
        forkert += s.idx.length;
        continue;
      }
      const k = upperBound(s.leje, budget);
      dyr += s.idx.length - k;
      parKontrolleret += k;
      for (let t = 0; t < k; t++) {
        const j = s.idx[t];
        if (tilg && tilgL[j] === 0) {
          tA[G_TILGAENGELIG][r]++;
          tL[G_TILGAENGELIG][j]++;
          continue;
        }
        if (undgaa !== null && har(undgaa, omrL[j])) {
          tA[G_OMRAADE][r]++;
          tL[G_OMRAADE][j]++;
          continue;
        }
        if (udeluk) {
          const u = udeluk(a, L[j]);
          if (u !== null && u !== undefined) {
            const g = reg.id(udelukkelse(u, a, L[j]));
            tA[g][r]++;
            tL[g][j]++;
            continue;
          }
        }
        const fit = egen
          ? egen(a, L[j])
          : standardFormel(rumL[j], min, max, oensker === null ? 0.5 : har(oensker, omrL[j]) ? 1 : 0, lejeL[j], budget);
        naboer[e] = j;
        match10[e] = r10(fit, a.id, L[j].id);
        e++;
      }
    }
    // Added: the rules' own udeluk may already have counted pairs as 'for dyr' (after boligstøtte).
    tA[G_STOERRELSE][r] += forkert;
    tA[G_DYR][r] += dyr;
    start[r + 1] = e;
  }
  // Views of the part's own arrays (nothing else writes them): no copy of millions of pairs.
  const nb = naboer.subarray(0, e);
  const m10 = match10.subarray(0, e);
  bedstFoerst(start, nb, m10);
  return { raekker, start, naboer: nb, match10: m10, grunde: reg.grunde, taelA: reg.taelA, taelL: reg.taelL, parKontrolleret };
}

/**
 * The parts (in rank order, together every row once) as one Kompatibilitet: the reasons numbered in the order
 * first met over the parts in turn (as one pass over all the rows numbers them), the counts and the pairs joined.
 */
export function samlPar<A extends Ansoeger, L extends Ledighed>(f: ParGrundlag<A, L>, dele: readonly ParDel[]): Kompatibilitet<A, L> {
  const { ansoegere: A, ledigheder: L, udloebet, antalUdloebet, spande } = f;
  const n = A.length;
  const m = L.length;
  const reg = new GrundRegister(n, m);
  for (const g of [GRUND.frist, GRUND.stoerrelse, GRUND.dyr, GRUND.tilgaengelig, GRUND.omraade]) reg.id({ grund: g });
  for (let j = 0; j < m; j++) if (udloebet[j]) reg.taelL[G_FRIST][j] = n;
  reg.taelA[G_FRIST].fill(antalUdloebet);
  // Vacancy side of checks 2-3, by counting: per room value, the budgets of the applicants whose range covers it.
  for (const s of spande) {
    const budgets = A.filter((a) => a.vaerelserMin <= s.r && s.r <= a.vaerelserMax).map((a) => a.maxHusleje);
    const sorted = Float64Array.from(budgets).sort();
    for (let t = 0; t < s.idx.length; t++) {
      const j = s.idx[t];
      reg.taelL[G_STOERRELSE][j] = n - sorted.length;
      reg.taelL[G_DYR][j] = lowerBound(sorted, s.leje[t]);
    }
  }
  let e = 0;
  for (const d of dele) e += d.naboer.length;
  const enkelt = dele.length === 1;
  const start = enkelt ? dele[0].start : new Int32Array(n + 1);
  const naboer = enkelt ? dele[0].naboer : new Int32Array(e);
  const match10 = enkelt ? dele[0].match10 : new Int16Array(e);
  let o = 0;
  let eo = 0;
  let parKontrolleret = 0;
  for (const d of dele) {
    if (!enkelt) {
      for (let r = 1; r <= d.raekker; r++) start[o + r] = eo + d.start[r];
      naboer.set(d.naboer, eo);
      match10.set(d.match10, eo);
    }
    for (let k = 0; k < d.grunde.length; k++) {
      if (k === G_FRIST) continue;
      const g = reg.id(d.grunde[k]);
      reg.taelA[g].set(d.taelA[k], o);
      // (a rule's own 'for dyr' counts on the vacancy side beside the rent bound's, so these are added too)
      const tl = reg.taelL[g];
      const dl = d.taelL[k];
      for (let j = 0; j < m; j++) tl[j] += dl[j];
    }
    o += d.raekker;
    eo += d.naboer.length;
    parKontrolleret += d.parKontrolleret;
  }
  if (o !== n) throw new Error(`samlPar: delene dækker ${o} af ${n} ansøgere`);
  const dato = dagnr(f.dato);
  const ventedage = Int32Array.from(A, (a) => dato - dagnr(a.ventetSiden));
  return { dato: f.dato, ansoegere: A, ledigheder: L, start, naboer, match10, grunde: reg.grunde, taelA: reg.taelA, taelL: reg.taelL, udloebet, ventedage, parKontrolleret };
}

// ---------------------------------------------------------------------------------------------------------------
// b. Maximum matching in rank order, c. fit improvement

/** Applicant -> vacancy (or -1), vacancy -> applicant (or -1). */
interface Matching {
  tilA: Int32Array;
  tilL: Int32Array;
}

function rangKuhn(g: Kompatibilitet): Matching {
  const n = g.ansoegere.length;
  const m = g.ledigheder.length;
  const { start, naboer } = g;
  const tilA = new Int32Array(n).fill(-1);
  const tilL = new Int32Array(m).fill(-1);
  // Per vacancy: the number of the search that visited it, or -1 once closed for good by a failed search.
  const maerke = new Int32Array(m);
  let stempel = 0;
  const koe = new Int32Array(n); // breadth-first queue of applicants
  const fra = new Int32Array(m); // the applicant a visited vacancy was reached from
  const besoegt = new Int32Array(m);
  // Vacancies some applicant may get and nobody holds yet: when none is left, no search can succeed.
  const harKant = new Uint8Array(m);
  for (let e = 0; e < naboer.length; e++) harKant[naboer[e]] = 1;
  let frie = 0;
  for (let j = 0; j < m; j++) frie += harKant[j];
  // A vacancy once taken stays taken (an augmenting path only changes who holds it), so each applicant's scan for a
  // free neighbour resumes where it stopped: all scans together read each pair once.
  const peger = start.slice(0, n);
  const friNabo = (a: number): number => {
    for (let e = peger[a], t = start[a + 1]; e < t; e++) {
      const v = naboer[e];
      if (tilL[v] < 0) {
        peger[a] = e;
        return v;
      }
    }
    peger[a] = start[a + 1];
    return -1;
  };

  for (let rod = 0; rod < n && frie > 0; rod++) {
    if (start[rod] === start[rod + 1]) continue;
    const v0 = friNabo(rod);
    if (v0 >= 0) {
      tilA[rod] = v0;
      tilL[v0] = rod;
      frie--;
      continue;
    }
    // Breadth first: the shortest augmenting path, found as soon as some holder reached has a free neighbour.
    stempel++;
    let hoved = 0;
    let hale = 0;
    let nb = 0;
    let slut = -1;
    let sidste = -1;
    koe[hale++] = rod;
    soeg: while (hoved < hale) {
      const a = koe[hoved++];
      for (let e = start[a], t = start[a + 1]; e < t; e++) {
        const v = naboer[e];
        const mv = maerke[v];
        if (mv === stempel || mv < 0) continue;
        maerke[v] = stempel;
        besoegt[nb++] = v;
        fra[v] = a;
        const w = tilL[v]; // taken: every applicant's free neighbours are looked at before it is queued
        const f = friNabo(w);
        if (f >= 0) {
          slut = f;
          sidste = w;
          break soeg;
        }
        koe[hale++] = w;
      }
    }
    if (slut >= 0) {
      // Augment: the last holder takes the free vacancy, each holder's old vacancy goes to whom it was reached from.
      let a = sidste;
      let v = slut;
      for (;;) {
        const gammel = tilA[a];
        tilA[a] = v;
        tilL[v] = a;
        if (a === rod) break;
        v = gammel;
        a = fra[gammel];
      }
      frie--;
    } else {
      // Nothing reachable is free: every vacancy visited is taken, and so are all its holder's vacancies; no later
      // augmenting path can enter this set, so it is closed for the rest of the run.
      for (let k = 0; k < nb; k++) maerke[besoegt[k]] = -1;
    }
  }
  return { tilA, tilL };
}

/**
 * Stage c: keeps the housed set, raises fit by moves that make nobody worse off: a household moves to a better free
 * dwelling, or two swap when one gains and the other does not lose. After stage b the first kind does not occur (a
 * dwelling once taken stays taken, and each household took the best free one it could at the time, or had none);
 * it is kept as a guard. Each move raises the total fit, so it ends; at most MAKS_FORBEDRINGSRUNDER passes.
 */
function forbedr(g: Kompatibilitet, mt: Matching): { runder: number; flytninger: number; konvergeret: boolean } {
  const { start, naboer, match10 } = g;
  const { tilA, tilL } = mt;
  const n = tilA.length;
  const m = tilL.length;
  const husede: number[] = [];
  for (let i = 0; i < n; i++) if (tilA[i] >= 0) husede.push(i);
  const H = husede.length;
  const pos = new Int32Array(n).fill(-1);
  const nu = new Int16Array(H);
  // Per vacancy, the housed households allowed it and their fit on it (CSR): the only ones a move concerns.
  const hs = new Int32Array(m + 1);
  husede.forEach((i, h) => {
    pos[i] = h;
    for (let e = start[i]; e < start[i + 1]; e++) {
      hs[naboer[e] + 1]++;
      if (naboer[e] === tilA[i]) nu[h] = match10[e];
    }
  });
  for (let j = 0; j < m; j++) hs[j + 1] += hs[j];
  const hh = new Int32Array(hs[m]);
  const hf = new Int16Array(hs[m]);
  const fyld = hs.slice(0, m);
  husede.forEach((i, h) => {
    for (let e = start[i]; e < start[i + 1]; e++) {
      const x = fyld[naboer[e]]++;
      hh[x] = h;
      hf[x] = match10[e];
    }
  });
  // Per vacancy, a bit per housed household: would it take that dwelling instead of its own (allowed there, and a fit
  // at least its present one)? A swap asks this of the holders of the dwellings a household would rather have; the
  // bits of one dwelling lie together, and a household's bits change only when it moves.
  const ord = (H + 31) >>> 5;
  const villig = new Int32Array(m * ord);
  const saetVillig = (h: number) => {
    const i = husede[h];
    const hw = h >>> 5;
    const bit = 1 << (h & 31);
    for (let e = start[i]; e < start[i + 1]; e++) {
      const x = naboer[e] * ord + hw;
      villig[x] = match10[e] >= nu[h] ? villig[x] | bit : villig[x] & ~bit;
    }
  };
  for (let h = 0; h < H; h++) saetVillig(h);
  const fitPaa = (h: number, j: number): number => {
    const i = husede[h];
    for (let e = start[i]; e < start[i + 1]; e++) if (naboer[e] === j) return match10[e];
    return -1;
  };
  // A household's pass finds no move again unless it moved or a dwelling it would rather have (or its own) changed
  // holder since: its scan reads only its fit, its dwelling, the holders of its better dwellings and their fits, and
  // a holder's fit changes only when it moves. So such households are skipped; the moves and their order are those
  // of scanning every household in every pass.
  const uro = new Uint8Array(H).fill(1);
  const roer = (j: number) => {
    for (let x = hs[j]; x < hs[j + 1]; x++) {
      const h = hh[x];
      if (hf[x] > nu[h] || tilA[husede[h]] === j) uro[h] = 1;
    }
  };
  let runder = 0;
  let flytninger = 0;
  let bedre = true;
  while (bedre && runder < MAKS_FORBEDRINGSRUNDER) {
    bedre = false;
    runder++;
    for (let h = 0; h < H; h++) {
      if (uro[h] === 0) continue;
      uro[h] = 0;
      const i = husede[h];
      const cur = tilA[i];
      for (let e = start[i]; e < start[i + 1]; e++) {
        if (match10[e] <= nu[h]) break;
        const w = naboer[e];
        const b = tilL[w];
        if (b < 0) {
          tilL[cur] = -1;
          tilL[w] = i;
          tilA[i] = w;
          nu[h] = match10[e];
          saetVillig(h);
          flytninger++;
          bedre = true;
          roer(cur);
          roer(w);
          break;
        }
        const hb = pos[b];
        if ((villig[cur * ord + (hb >>> 5)] >>> (hb & 31)) & 1) {
          tilA[i] = w;
          tilL[w] = i;
          tilA[b] = cur;
          tilL[cur] = b;
          nu[h] = match10[e];
          nu[hb] = fitPaa(hb, cur);
          saetVillig(h);
          saetVillig(hb);
          flytninger++;
          bedre = true;
          roer(cur);
          roer(w);
          break;
        }
      }
    }
  }
  return { runder, flytninger, konvergeret: !bedre };
}

function greedyMatching(g: Kompatibilitet): Matching {
  const n = g.ansoegere.length;
  const m = g.ledigheder.length;
  const { rs, ra } = omvendt(g);
  const tilA = new Int32Array(n).fill(-1);
  const tilL = new Int32Array(m).fill(-1);
  for (let j = 0; j < m; j++) {
    for (let x = rs[j]; x < rs[j + 1]; x++) {
      const i = ra[x];
      if (tilA[i] < 0) {
        tilA[i] = j;
        tilL[j] = i;
        break;
      }
    }
  }
  return { tilA, tilL };
}

/** Vacancy -> allowed applicants, in rank order. */
function omvendt(g: Kompatibilitet): { rs: Int32Array; ra: Int32Array } {
  const n = g.ansoegere.length;
  const m = g.ledigheder.length;
  const { start, naboer } = g;
  const rs = new Int32Array(m + 1);
  for (let e = 0; e < naboer.length; e++) rs[naboer[e] + 1]++;
  for (let j = 0; j < m; j++) rs[j + 1] += rs[j];
  const fill = rs.slice(0, m);
  const ra = new Int32Array(naboer.length);
  for (let i = 0; i < n; i++) for (let e = start[i]; e < start[i + 1]; e++) ra[fill[naboer[e]]++] = i;
  return { rs, ra };
}

// ---------------------------------------------------------------------------------------------------------------
// Reasons

function taellinger(g: Kompatibilitet, tael: readonly Int32Array[], x: number): Grundtaelling[] {
  const out: Grundtaelling[] = [];
  for (let k = 0; k < g.grunde.length; k++) {
    const c = tael[k][x];
    if (c === 0) continue;
    const gr = g.grunde[k];
    out.push(gr.paragraf === undefined ? { grund: gr.grund, antal: c } : { grund: gr.grund, paragraf: gr.paragraf, antal: c });
  }
  if (out.length > 1) out.sort((p, q) => q.antal - p.antal || cmpStr(p.grund, q.grund) || cmpStr(p.paragraf ?? '', q.paragraf ?? ''));
  return out;
}

function forklar(g: Kompatibilitet, mt: Matching, metode: Tildeling['metode'], forbedring?: Tildeling['forbedring']): Tildeling {
  const A = g.ansoegere;
  const L = g.ledigheder;
  const n = A.length;
  const m = L.length;
  const { tilA, tilL } = mt;
  const { start, naboer, match10 } = g;
  // Per vacancy: the allowed households, and of those ranked above its holder, how many were housed elsewhere and
  // how many not at all (one pass over the pairs).
  const egnedeL = new Int32Array(m);
  const husetAndetL = new Int32Array(m);
  const ikkeHusetL = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    const huset = tilA[i] >= 0;
    for (let e = start[i], t = start[i + 1]; e < t; e++) {
      const j = naboer[e];
      egnedeL[j]++;
      if (tilL[j] > i) {
        if (huset) husetAndetL[j]++;
        else ikkeHusetL[j]++;
      }
    }
  }
  const fitAf = (i: number, j: number) => {
    for (let e = start[i]; e < start[i + 1]; e++) if (naboer[e] === j) return match10[e] / 10;
    return NaN;
  };
  const fitA = new Float64Array(n);
  let husede = 0;
  let samlet10 = 0;
  const prPrio: Record<Prioritet, number> = { 1: 0, 2: 0, 3: 0 };
  for (let i = 0; i < n; i++) {
    if (tilA[i] < 0) continue;
    husede++;
    prPrio[A[i].prioritet]++;
    fitA[i] = fitAf(i, tilA[i]);
    samlet10 += Math.round(fitA[i] * 10);
  }
  const maks = metode === 'maksimal';
  const profil = (i: number) => {
    const a = A[i];
    return `prioritet ${a.prioritet}, ventet siden ${datoTekst(a.ventetSiden)} (${antal(g.ventedage[i])} dage), nr. ${antal(i + 1)} af ${antal(n)} i rækkefølgen`;
  };

  const tildelinger: TildelingsPar[] = [];
  const ledigheder: LedighedBeslutning[] = [];
  for (let j = 0; j < m; j++) {
    const l = L[j];
    const egnede = egnedeL[j];
    const i = tilL[j];
    if (i >= 0) {
      const husetAndet = husetAndetL[j];
      const ikkeHuset = ikkeHusetL[j];
      tildelinger.push({ ledighedId: l.id, ansoegerId: A[i].id, behovsmatch: fitA[i] });
      const hvorfor =
        husetAndet + ikkeHuset === 0
          ? egnede === 1
            ? 'ingen andre var egnede'
            : `${A[i].id} havde den højeste rang af dem`
          : [husetAndet > 0 ? `${antal(husetAndet)} med højere rang fik en anden bolig` : '', ikkeHuset > 0 ? `${antal(ikkeHuset)} med højere rang fik ingen bolig` : ''].filter(Boolean).join(', og ');
      ledigheder.push({
        ledighedId: l.id,
        udfald: 'tildelt',
        ansoegerId: A[i].id,
        rang: i + 1,
        behovsmatch: fitA[i],
        egnede,
        hoejereHusetAndetSted: husetAndet,
        hoejereIkkeHuset: ikkeHuset,
        begrundelse: `Tildelt ${A[i].id} (${profil(i)}; behovsmatch ${tal1(fitA[i])} af 100). ${egnede === 1 ? '1 egnet ansøger' : `${antal(egnede)} egnede ansøgere`}; ${hvorfor}.`,
      });
    } else {
      const udelukket = taellinger(g, g.taelL, j);
      let aarsag: 'frist_overskredet' | 'ingen_egnet' | 'egnede_fik_anden_bolig';
      let begrundelse: string;
      if (g.udloebet[j]) {
        aarsag = 'frist_overskredet';
        begrundelse = `Ikke tildelt: fristen for anvisning (${datoTekst(l.frist!)}) var overskredet ${datoTekst(g.dato)}.`;
      } else if (egnede === 0) {
        aarsag = 'ingen_egnet';
        begrundelse = n === 0 ? 'Ikke tildelt: der er ingen ansøgere.' : `Ikke tildelt: ingen af de ${antal(n)} ansøgere er egnede – ${udelukket.map(grundTekst).join(', ')}.`;
      } else {
        aarsag = 'egnede_fik_anden_bolig';
        begrundelse =
          `Ikke tildelt: ${egnede === 1 ? 'den eneste egnede ansøger' : `alle ${antal(egnede)} egnede ansøgere`} fik en anden bolig` +
          (maks ? '; ingen fordeling besætter flere boliger, så denne kunne kun besættes, hvis en anden stod tom.' : '.');
      }
      ledigheder.push({ ledighedId: l.id, udfald: 'ikke_tildelt', aarsag, egnede, udelukket, begrundelse });
    }
  }

  const ansoegere: AnsoegerBeslutning[] = [];
  for (let i = 0; i < n; i++) {
    const a = A[i];
    const mulige = start[i + 1] - start[i];
    const j = tilA[i];
    if (j >= 0) {
      const l = L[j];
      ansoegere.push({
        ansoegerId: a.id,
        udfald: 'huset',
        rang: i + 1,
        ledighedId: l.id,
        behovsmatch: fitA[i],
        muligeBoliger: mulige,
        begrundelse: `Tildelt ${l.id} (${tal1(l.vaerelser)} vær., ${tal1(l.arealM2)} m², ${antal(l.husleje)} kr./md., ${l.omraade}): ${profil(i)}; behovsmatch ${tal1(fitA[i])} af 100; egnet til ${antal(mulige)} ${mulige === 1 ? 'bolig' : 'boliger'}.`,
      });
      continue;
    }
    const udelukket = taellinger(g, g.taelA, i);
    if (mulige === 0) {
      ansoegere.push({
        ansoegerId: a.id,
        udfald: 'ikke_huset',
        rang: i + 1,
        aarsag: 'udelukket_fra_alle',
        muligeBoliger: 0,
        tilHoejereRang: 0,
        tilLavereRang: 0,
        tomme: 0,
        udelukket,
        begrundelse: m === 0 ? 'Ingen bolig: der er ingen ledige boliger.' : `Ingen bolig: ikke egnet til nogen af de ${antal(m)} ledige boliger – ${udelukket.map(grundTekst).join(', ')}.`,
      });
      continue;
    }
    let hoejere = 0;
    let lavere = 0;
    let tomme = 0;
    for (let e = start[i]; e < start[i + 1]; e++) {
      const h = tilL[naboer[e]];
      if (h < 0) tomme++;
      else if (h < i) hoejere++;
      else lavere++;
    }
    const dele = [hoejere > 0 ? `${hoejere === mulige ? 'alle' : antal(hoejere)} gik til husstande med højere rang (prioritet, ventetid)` : '', lavere > 0 ? `${antal(lavere)} gik til husstande med lavere rang` : '', tomme > 0 ? `${antal(tomme)} står tomme` : ''].filter(Boolean);
    ansoegere.push({
      ansoegerId: a.id,
      udfald: 'ikke_huset',
      rang: i + 1,
      aarsag: 'overhalet',
      muligeBoliger: mulige,
      tilHoejereRang: hoejere,
      tilLavereRang: lavere,
      tomme,
      udelukket,
      begrundelse:
        `Ingen bolig: egnet til ${antal(mulige)} ${mulige === 1 ? 'bolig' : 'boliger'} (${profil(i)}), men ${dele.join(', ')}` +
        (maks && lavere === 0 && tomme === 0 ? '; ingen fordeling kunne huse husstanden, uden at en husstand med højere rang, som nu får bolig, måtte undvære.' : '.'),
    });
  }
  return {
    metode,
    dato: g.dato,
    antalAnsoegere: n,
    antalLedigheder: m,
    antalTilladtePar: naboer.length,
    antalHuset: husede,
    husetPrPrioritet: prPrio,
    samletBehovsmatch: samlet10 / 10,
    ...(forbedring ? { forbedring } : {}),
    tildelinger,
    ledigheder,
    ansoegere,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points

/** Batch assignment on judged pairs: maximum number housed, best by rank, then fit; a reason for every decision. */
export function tildelGraf(g: Kompatibilitet): Tildeling {
  const mt = rangKuhn(g);
  const f = forbedr(g, mt);
  return forklar(g, mt, 'maksimal', f);
}

/** The greedy reference on judged pairs: vacancies in order (earliest deadline first), each to the highest-ranked allowed applicant not yet housed. */
export function greedyGraf(g: Kompatibilitet): Tildeling {
  return forklar(g, greedyMatching(g), 'greedy');
}

/** Batch assignment of all vacancies to all applicants (judges the pairs, then tildelGraf). */
export function tildel<A extends Ansoeger, L extends Ledighed>(input: TildelingInput<A, L>, kilde: Kilde<A, L> = {}): Tildeling {
  return tildelGraf(kompatibilitet(input, kilde));
}

/** The greedy reference assignment on the same rules (judges the pairs, then greedyGraf). */
export function greedyAssign<A extends Ansoeger, L extends Ledighed>(input: TildelingInput<A, L>, kilde: Kilde<A, L> = {}): Tildeling {
  return greedyGraf(kompatibilitet(input, kilde));
}
