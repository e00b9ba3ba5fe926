// Kommunal anvisning (issue 6, item 3): who may be anvist where, and what a household can afford.
//
// Almenboligloven (lov om almene boliger m.v.), consolidated as LBK nr. 1171 af 11/11/2024:
//   § 59, stk. 6    no anvisning to a dwelling in an udsat boligområde (incl. parallelsamfund and omdannelsesområder)
//                   of a household where a member meets one of nr. 1-7
//                   https://bl.dk/politik-og-analyser/temaer/oversigt-lovgivningsmaessige-forskelle-paa-boligomraader/begraensninger-i-den-kommunale-anvisning/
//   § 59, stk. 7    the same in forebyggelsesområder for stk. 6, nr. 1-4 and 6 months' selvforsørgelses- og
//                   hjemrejseydelse or overgangsydelse (from L 23, 30 November 2021)
//                   https://ft.dk/samling/20211/lovforslag/l23/20211_l23_som_fremsat.htm
//   § 51 c          mandatory rejection of waiting-list applicants on certain benefits in omdannelsesområder (from
//                   1 July 2019); concerns letting from the waiting list, not kommunal anvisning (decision 014)
//                   https://www.elov.dk/almenboligloven/51c/
// Lov om individuel boligstøtte (boligstøtteloven), LBK nr. 229 af 12/02/2021 (the version read; LBK nr. 995 af
// 01/07/2025 is the one in force and was not read): § 21 (boligydelse), § 22 (boligsikring), § 23 (maksimum), § 14
// (the cap on the annual housing cost), § 15 (rent over half the income): https://www.elov.dk/boligstotteloven/22/
// with the 2026 figures from Ældre Sagen (SECONDARY, RULES.md 8.2):
// https://www.aeldresagen.dk/viden-og-raadgivning/vaerd-at-vide/b/bolig/boligstoette/beregning-af-boligstoette
//
// The restrictions of § 59, stk. 6/7 and § 51 c, their grounds, paragraphs, verification marks and dates are those of
// mandatoryTools in udlejning.ts, read from law/abl/udlejning; this file evaluates each ground against a household's
// facts. Every number comes from law/ via Params (law/abl/udlejning, law/abl/anvisning, law/boligstoette); the share of
// its income a household can bear is a PRODUKTINDSTILLING (STANDARD_BETALINGSEVNE), not law. Interpretations:
// docs/decisions/016-anvisning-rules.md. A fact that is not given is unknown (undefined), never guessed: a ground that
// depends on it is 'ukendt', and the answer is then "kan ikke afgøres: mangler X" unless another ground already
// excludes. `null` and `[]` state that there is nothing (no release, no terminated lease).
//
// Pure functions of (facts, date, parameters): no clock, database or I/O. Dates are ISO (YYYY-MM-DD), calendar months
// 'YYYY-MM'. Every result lists the parameter versions it used.
import { DomainError, type FieldError } from '../errors.ts';
import { LawParamError, type ParamVersion, type Params } from '../law/params.ts';
import type { Kategori } from './abl-61a.ts';
import { ROLLER, YDELSESARTER, YDELSE_NAVN, type Rolle, type Ydelsesart } from './anvisning-ord.ts';
import { addYears, datoTekst, mandatoryTools, type Grund as LovGrund, type LovbestemtRedskab, type ParamBrug, type Verifikation } from './udlejning.ts';

export type { Kategori } from './abl-61a.ts';
export { ROLLER, YDELSESARTER, YDELSE_NAVN, type Rolle, type Ydelsesart };
export type { ParamBrug, Verifikation } from './udlejning.ts';

// ---------------------------------------------------------------------------------------------------------------
// 1. Household facts

/**
 * The benefits each ground counts together (the law lists them in one sentence, so a change of kind inside a run
 * does not break it; kinds of different numbers never add up). Fortolkning: integrationsydelse is the former name
 * of overgangsydelse (L 23: "overgangsydelse (tidligere integrationsydelse)"), so months registered under the old
 * name count wherever overgangsydelse does.
 */
export const YDELSESGRUPPER = {
  /** § 59, stk. 6, nr. 5 (and § 51 c, stk. 1, without the 6 months). */
  nr5: ['selvforsoergelses_og_hjemrejseydelse', 'overgangsydelse', 'integrationsydelse', 'uddannelseshjaelp', 'kontanthjaelp'],
  /** § 59, stk. 6, nr. 6. */
  nr6: ['foertidspension'],
  /** § 59, stk. 6, nr. 7. Ressourceforløbsydelse under ressourceforløb (not jobafklaring) is not named by the law. */
  nr7: ['arbejdsloeshedsdagpenge', 'sygedagpenge', 'ressourceforloebsydelse_jobafklaring'],
  /** § 59, stk. 7 (its own benefit ground beside stk. 6, nr. 1-4). */
  stk7: ['selvforsoergelses_og_hjemrejseydelse', 'overgangsydelse', 'integrationsydelse'],
  /** § 51 c, stk. 1. */
  par51c: ['selvforsoergelses_og_hjemrejseydelse', 'overgangsydelse', 'integrationsydelse', 'uddannelseshjaelp', 'kontanthjaelp'],
} as const satisfies Record<string, readonly Ydelsesart[]>;

/** One calendar month in which the member received (all or part of) a benefit. */
export interface YdelsesMaaned {
  /** 'YYYY-MM' */
  maaned: string;
  art: Ydelsesart;
}

/** A member's benefits month by month over the span the information covers; months in the span not listed had none. */
export interface Ydelseshistorik {
  /** First calendar month the information covers ('YYYY-MM'); earlier months are unknown. */
  oplystFra: string;
  /** Last calendar month the information covers ('YYYY-MM'); later months are unknown. A month is covered only when
   *  its benefits are known: normally up to the last month paid, not a current month whose payment is still to come. */
  oplystTil: string;
  maaneder: YdelsesMaaned[];
}

export interface Loesladelse {
  /** ISO date of release. */
  dato: string;
  /** 'faengsel': after serving a sentence for a criminal offence (§ 59, stk. 6, nr. 1); 'ungdomsinstitution': from an
   *  institution where the young person was placed after a sentence (nr. 2). */
  fra: 'faengsel' | 'ungdomsinstitution';
}

export interface Medlem {
  /** Stable id within the household. */
  id: string;
  /** The label used in texts ("Ansøger", a first name); defaults to the role. Personal data: shown only to anvisning. */
  navn?: string;
  rolle: Rolle;
  /** ISO. Wins over `alder` when both are given. */
  foedselsdato?: string;
  /** Age in whole years on the date assessed, when the birth date is not known. */
  alder?: number;
  /** Citizen of an EU or EØS country or of Switzerland (Danish citizens are). */
  euEoesSchweiz?: boolean;
  /** Enrolled at a publicly recognised educational institution (the exemption in § 59, stk. 6, nr. 4). */
  studerende?: boolean;
  /** Releases after a sentence; [] = none. Undefined = not known. */
  loesladelser?: Loesladelse[];
  /** Leases terminated (ophævet or opsagt) for gross breaches of god skik og orden, dated by the termination; [] = none. */
  lejemaalOphaevet?: { dato: string }[];
  /** For rolle 'samlever': ISO date from which the member has lived together with the ansøger. */
  samleverSiden?: string;
  /** Undefined = not known. */
  ydelser?: Ydelseshistorik;
}

export type Boligstoetteart = 'boligydelse' | 'boligsikring';

export interface Husstand {
  /** Exactly one ansøger; at most one ægtefælle or samlever. */
  medlemmer: Medlem[];
  /** Household gross income per year, kr. (husstandsindkomsten as boligstøtteloven § 8 counts it). */
  husstandsindkomstAar?: number;
  /** Boligydelse (folkepension, or førtidspension granted before 1 January 2003) or boligsikring (everyone else). When
   *  not given it is boligydelse if a member receives folkepension on the date, else boligsikring. */
  boligstoetteart?: Boligstoetteart;
}

// ---------------------------------------------------------------------------------------------------------------
// Small pure helpers: dates, months, numbers, Danish text

const MAANEDER = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
/** The number in s[fra..til) of ASCII digits only (as \d), else NaN. Read per character: the rules parse the months
 *  of every member's benefit history, millions of times in a batch, and a regular expression's match allocates. */
function cifre(s: string, fra: number, til: number): number {
  let v = 0;
  for (let k = fra; k < til; k++) {
    const c = s.charCodeAt(k) - 48;
    if (!(c >= 0 && c <= 9)) return NaN;
    v = v * 10 + c;
  }
  return v;
}

function invalid(field: string, message: string, more: FieldError[] = []): DomainError {
  return new DomainError('VALIDATION', message, { fields: [{ field, message }, ...more] });
}
const daysInMonth = (y: number, m: number) => (m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
function parseIso(field: string, s: unknown): { y: number; m: number; d: number } {
  const form = typeof s === 'string' && s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45;
  const y = form ? cifre(s, 0, 4) : NaN;
  const mo = form ? cifre(s, 5, 7) : NaN;
  const d = form ? cifre(s, 8, 10) : NaN;
  if (!(y >= 0) || !(mo >= 1 && mo <= 12) || !(d >= 1 && d <= daysInMonth(y, mo))) throw invalid(field, `Ugyldig dato "${String(s)}" (skal være ÅÅÅÅ-MM-DD).`);
  return { y, m: mo, d };
}
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Month index (years × 12 + month − 1) of 'YYYY-MM'. */
function monthIndex(field: string, s: unknown): number {
  const form = typeof s === 'string' && s.length === 7 && s.charCodeAt(4) === 45;
  const y = form ? cifre(s, 0, 4) : NaN;
  const mo = form ? cifre(s, 5, 7) : NaN;
  if (!(y >= 0) || !(mo >= 1 && mo <= 12)) throw invalid(field, `Ugyldig måned "${String(s)}" (skal være ÅÅÅÅ-MM).`);
  return y * 12 + mo - 1;
}
const monthOfDate = (date: string) => {
  const { y, m } = parseIso('dato', date);
  return y * 12 + m - 1;
};
/** 'januar 2026' */
const maanedTekst = (i: number) => `${MAANEDER[((i % 12) + 12) % 12]} ${Math.floor(i / 12)}`;
const maanedIso = (i: number) => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((((i % 12) + 12) % 12) + 1).padStart(2, '0')}`;

/** The same day n months later (n may be negative); a day the month lacks becomes its last day (31 August − 6 = 28/29 February). */
export function addMonths(date: string, n: number): string {
  const { y, m, d } = parseIso('dato', date);
  const t = y * 12 + (m - 1) + n;
  const ny = Math.floor(t / 12);
  const nm = t - ny * 12 + 1;
  return iso(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Age in whole years on `date`: from the birth date (a 29 February birthday falls on 28 February in a common year,
 *  as addYears), else `alder`; undefined when neither is given. */
export function alderPaa(m: Pick<Medlem, 'foedselsdato' | 'alder'>, date: string): number | undefined {
  if (m.foedselsdato !== undefined) {
    const b = parseIso('foedselsdato', m.foedselsdato);
    const t = parseIso('dato', date);
    let n = t.y - b.y;
    if (addYears(m.foedselsdato, n) > date) n -= 1;
    return n;
  }
  return m.alder;
}

const heltal = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 });
const tal2 = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });
/** 46.800 kr. */
const oere = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const kr = (n: number) => `${Number.isInteger(r2(n)) ? heltal.format(n) : oere.format(n)} kr.`;
/** A sentence ending in "kr." gets no second full stop. */
const punktum = (t: string) => t.replace(/kr\.\./g, 'kr.');
/** 40,7 % */
const pct = (n: number) => `${tal2.format(n)} %`;
// Fortolkning: amounts and shares are compared after rounding to 9 decimals (as in abl-61a.ts and udlejning.ts), so a
// value typed exactly on a threshold is not pushed off it by binary floating point.
const r9 = (n: number) => Math.round(n * 1e9) / 1e9;
const r2 = (n: number) => Math.round(n * 100) / 100;
/** "a, b og c" */
function opremsning(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} og ${xs[xs.length - 1]}`;
}
/** "a, b eller c" */
function ellerListe(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} eller ${xs[xs.length - 1]}`;
}

const ROLLE_NAVN: Record<Rolle, string> = { ansoeger: 'Ansøger', aegtefaelle: 'Ægtefælle', samlever: 'Samlever', barn: 'Barn', andet: 'Husstandsmedlem' };

/** The label of each member: its `navn`, or the role ("Barn 1", "Barn 2" when the role repeats). */
function navne(h: Husstand): Map<string, string> {
  const out = new Map<string, string>();
  const count = new Map<Rolle, number>();
  for (const m of h.medlemmer) count.set(m.rolle, (count.get(m.rolle) ?? 0) + 1);
  const seen = new Map<Rolle, number>();
  for (const m of h.medlemmer) {
    const i = (seen.get(m.rolle) ?? 0) + 1;
    seen.set(m.rolle, i);
    out.set(m.id, m.navn?.trim() || ((count.get(m.rolle) ?? 0) > 1 ? `${ROLLE_NAVN[m.rolle]} ${i}` : ROLLE_NAVN[m.rolle]));
  }
  return out;
}

/** Reads parameters on one date and records every version it used. */
class Brug {
  readonly used = new Map<string, ParamVersion>();
  constructor(
    readonly params: Params,
    readonly date: string,
  ) {}
  v(name: string): ParamVersion {
    const v = this.params.version(name, this.date);
    this.used.set(`${name}@${v.from}`, v);
    return v;
  }
  num(name: string): number {
    const v = this.v(name);
    if (typeof v.value !== 'number') throw new Error(`Parameteren ${name} er ikke et tal ${this.date}.`);
    return v.value;
  }
  str(name: string): string {
    const v = this.v(name);
    if (typeof v.value !== 'string') throw new Error(`Parameteren ${name} er ikke en tekst ${this.date}.`);
    return v.value;
  }
  bool(name: string): boolean {
    const v = this.v(name);
    if (typeof v.value !== 'boolean') throw new Error(`Parameteren ${name} er ikke ja/nej ${this.date}.`);
    return v.value;
  }
  liste(extra: ParamBrug[] = []): ParamBrug[] {
    const m = new Map<string, ParamBrug>();
    for (const p of extra) m.set(`${p.navn}@${p.gyldigFra}`, p);
    for (const v of this.used.values()) m.set(`${v.name}@${v.from}`, { navn: v.name, vaerdi: v.value, gyldigFra: v.from, paragraf: v.ref.paragraph, verificeret: v.verified });
    return [...m.values()].sort((a, b) => a.navn.localeCompare(b.navn) || a.gyldigFra.localeCompare(b.gyldigFra));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

/** Checks the household's shape and every date and month; throws a DomainError('VALIDATION') naming the field. */
export function validateHusstand(h: Husstand): void {
  const fejl: FieldError[] = [];
  const add = (field: string, message: string) => fejl.push({ field, message });
  const tryDate = (field: string, s: unknown) => {
    try {
      parseIso(field, s);
    } catch (e) {
      add(field, (e as Error).message);
    }
  };
  if (!h || !Array.isArray(h.medlemmer) || h.medlemmer.length === 0) throw invalid('medlemmer', 'Husstanden skal have mindst ét medlem.');
  const ids = new Set<string>();
  h.medlemmer.forEach((m, i) => {
    const f = `medlemmer.${i}`;
    if (!m || typeof m.id !== 'string' || m.id === '') add(`${f}.id`, 'Medlemmet mangler et id.');
    else if (ids.has(m.id)) add(`${f}.id`, `Id'et "${m.id}" findes to gange.`);
    else ids.add(m.id);
    if (!ROLLER.includes(m?.rolle)) add(`${f}.rolle`, `Ukendt rolle "${String(m?.rolle)}" (kendte: ${ROLLER.join(', ')}).`);
    if (m.foedselsdato !== undefined) tryDate(`${f}.foedselsdato`, m.foedselsdato);
    if (m.alder !== undefined && !(Number.isInteger(m.alder) && m.alder >= 0 && m.alder < 130)) add(`${f}.alder`, 'Alderen skal være et helt tal fra 0 til 129.');
    if (m.samleverSiden !== undefined) {
      tryDate(`${f}.samleverSiden`, m.samleverSiden);
      if (m.rolle !== 'samlever') add(`${f}.samleverSiden`, 'Kun en samlever har en dato for samlivet.');
    }
    (m.loesladelser ?? []).forEach((l, j) => {
      tryDate(`${f}.loesladelser.${j}.dato`, l?.dato);
      if (l?.fra !== 'faengsel' && l?.fra !== 'ungdomsinstitution') add(`${f}.loesladelser.${j}.fra`, 'Løsladelse skal være fra "faengsel" eller "ungdomsinstitution".');
    });
    (m.lejemaalOphaevet ?? []).forEach((l, j) => tryDate(`${f}.lejemaalOphaevet.${j}.dato`, l?.dato));
    if (m.ydelser !== undefined) {
      const y = m.ydelser;
      let fra = NaN;
      let til = NaN;
      try {
        fra = monthIndex(`${f}.ydelser.oplystFra`, y?.oplystFra);
        til = monthIndex(`${f}.ydelser.oplystTil`, y?.oplystTil);
        if (til < fra) add(`${f}.ydelser.oplystTil`, 'Oplysningerne skal slutte samme måned som eller efter den måned, de begynder.');
      } catch (e) {
        add(`${f}.ydelser`, (e as Error).message);
      }
      if (!Array.isArray(y?.maaneder)) add(`${f}.ydelser.maaneder`, 'Ydelsesmånederne skal være en liste.');
      else
        y.maaneder.forEach((x, j) => {
          const g = `${f}.ydelser.maaneder.${j}`;
          try {
            const i = monthIndex(`${g}.maaned`, x?.maaned);
            if (i < fra || i > til) add(`${g}.maaned`, `Måneden ${x.maaned} ligger uden for de oplyste måneder ${y.oplystFra}-${y.oplystTil}.`);
          } catch (e) {
            add(`${g}.maaned`, (e as Error).message);
          }
          if (!(YDELSESARTER as readonly string[]).includes(x?.art)) add(`${g}.art`, `Ukendt ydelse "${String(x?.art)}".`);
        });
    }
  });
  const ansoegere = h.medlemmer.filter((m) => m?.rolle === 'ansoeger').length;
  if (ansoegere !== 1) add('medlemmer', `Husstanden skal have præcis én ansøger (har ${ansoegere}).`);
  if (h.medlemmer.filter((m) => m?.rolle === 'aegtefaelle' || m?.rolle === 'samlever').length > 1) add('medlemmer', 'Husstanden kan højst have én ægtefælle eller samlever.');
  if (h.husstandsindkomstAar !== undefined && !(Number.isFinite(h.husstandsindkomstAar) && h.husstandsindkomstAar >= 0)) add('husstandsindkomstAar', 'Husstandsindkomsten skal være et tal på mindst 0.');
  if (h.boligstoetteart !== undefined && h.boligstoetteart !== 'boligydelse' && h.boligstoetteart !== 'boligsikring') add('boligstoetteart', 'Boligstøtteart skal være "boligydelse" eller "boligsikring".');
  if (fejl.length > 0) throw new DomainError('VALIDATION', fejl.map((x) => x.message).join(' '), { fields: fejl });
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Consecutive calendar months of benefits

/**
 * Where a run of months must end (law/abl/anvisning/ydelse_loeb_slutmaaned.yaml). Fortolkning (decision 016):
 * 'maaneden_foer' (default): the run must reach the calendar month before the month of `asOf`, so only whole
 * calendar months that have ended count and the run must last up to the date; 'indevaerende': the month of `asOf`
 * counts too when the benefit is listed in it (else the run ends in the month before).
 */
export type LoebSlut = 'maaneden_foer' | 'indevaerende';

/**
 * The number of consecutive calendar months, ending in the month before `asOf` (or, with 'indevaerende', in the
 * month of `asOf` when it is listed), in which one of `kinds` was received. Kinds listed together count together: a
 * change from uddannelseshjælp to kontanthjælp inside the run does not break it. Months after the end are ignored;
 * a month without any of the kinds ends the run. The months are taken as complete information (see
 * `Ydelseshistorik` for what is known and unknown).
 */
export function consecutiveMonths(months: readonly YdelsesMaaned[], kinds: readonly Ydelsesart[], asOf: string, slut: LoebSlut = 'maaneden_foer'): number {
  const set = new Set<number>();
  months.forEach((x, i) => {
    if (kinds.includes(x.art)) set.add(monthIndex(`maaneder.${i}.maaned`, x.maaned));
  });
  const a = monthOfDate(asOf);
  let e = slut === 'indevaerende' && set.has(a) ? a : a - 1;
  let n = 0;
  while (set.has(e)) {
    n++;
    e--;
  }
  return n;
}

export interface Loebsvurdering {
  udfald: 'opfyldt' | 'ikke_opfyldt' | 'ukendt';
  /** The known run of consecutive months ending at `til` (a lower bound when 'ukendt'). */
  maaneder: number;
  /** 'YYYY-MM' of the run's first and last month, null when the run is empty. */
  fra: string | null;
  til: string | null;
  /** The kinds received in the run, in the order of YDELSESARTER. */
  arter: Ydelsesart[];
  /** When 'ukendt': the months whose benefits are missing (Danish). */
  mangler: string | null;
}

/**
 * Whether a member has received one of `kinds` in at least `kraevet` consecutive calendar months, ending where
 * `slut` says, given what the information covers. Unknown months never count for or against: when they could make
 * or break the run the answer is 'ukendt' with the months missing.
 */
export function ydelsesloeb(h: Ydelseshistorik | undefined, kinds: readonly Ydelsesart[], asOf: string, kraevet: number, slut: LoebSlut = 'maaneden_foer'): Loebsvurdering {
  const a = monthOfDate(asOf);
  if (h === undefined) return { udfald: 'ukendt', maaneder: 0, fra: null, til: null, arter: [], mangler: 'ydelsesoplysninger' };
  const fra = monthIndex('ydelser.oplystFra', h.oplystFra);
  const til = monthIndex('ydelser.oplystTil', h.oplystTil);
  const art = new Map<number, Set<Ydelsesart>>();
  for (const x of h.maaneder) {
    if (!kinds.includes(x.art)) continue;
    const i = monthIndex('ydelser.maaneder.maaned', x.maaned);
    if (!art.has(i)) art.set(i, new Set());
    art.get(i)!.add(x.art);
  }
  const covered = (i: number) => i >= fra && i <= til;
  const has = (i: number) => art.has(i);
  // Where the run ends, and whether one more month at the front is unknown ('indevaerende' with the month of asOf
  // not covered).
  let end = a - 1;
  let frontOpen = false;
  if (slut === 'indevaerende') {
    if (covered(a)) end = has(a) ? a : a - 1;
    else frontOpen = true;
  }
  // Count back from the end over covered months with a benefit; stop at a covered month without, or at the edge of
  // what is covered (then the run may go on: unknown).
  const runBack = (from: number): { n: number; open: boolean } => {
    let n = 0;
    let i = from;
    while (covered(i) && has(i)) {
      n++;
      i--;
    }
    return { n, open: !covered(i) };
  };
  const res = (udfald: Loebsvurdering['udfald'], n: number, last: number, mangler: string | null): Loebsvurdering => {
    const kinds0 = new Set<Ydelsesart>();
    for (let i = last - n + 1; i <= last; i++) for (const k of art.get(i) ?? []) kinds0.add(k);
    return {
      udfald,
      maaneder: n,
      fra: n > 0 ? maanedIso(last - n + 1) : null,
      til: n > 0 ? maanedIso(last) : null,
      arter: YDELSESARTER.filter((k) => kinds0.has(k)),
      mangler,
    };
  };
  if (end > til) {
    // The most recent months are not covered: the run could have gone on through them.
    const r = runBack(til);
    const gap = end - til;
    const mangler = `ydelser for ${gap === 1 ? maanedTekst(til + 1) : `${maanedTekst(til + 1)}-${maanedTekst(end)}`}${frontOpen ? ` og ${maanedTekst(a)}` : ''}`;
    if (!r.open && r.n + gap + (frontOpen ? 1 : 0) < kraevet) return res('ikke_opfyldt', 0, end, null);
    return res('ukendt', 0, end, r.open ? `${mangler} og før ${maanedTekst(fra)}` : mangler);
  }
  const r = runBack(end);
  if (r.n >= kraevet) return res('opfyldt', r.n, end, null);
  if (r.open) return res('ukendt', r.n, end, `ydelser før ${maanedTekst(end - r.n + 1 <= fra ? fra : end - r.n + 1)}`);
  if (frontOpen && r.n + 1 >= kraevet) return res('ukendt', r.n, end, `ydelser for ${maanedTekst(a)}`);
  return res('ikke_opfyldt', r.n, end, null);
}

export interface Modtagelse {
  udfald: 'ja' | 'nej' | 'ukendt';
  /** The month judged ('YYYY-MM'), null when unknown. */
  maaned: string | null;
  arter: Ydelsesart[];
  mangler: string | null;
}

/**
 * Whether a member receives one of `kinds` on `date` ("modtager"). Fortolkning (decision 016): the month of the date
 * decides when the information covers it; otherwise the month before, when the information ends there (a benefit
 * received in the last whole month and not known to have stopped is received on the date). Else unknown.
 */
export function modtagerPaaDatoen(h: Ydelseshistorik | undefined, kinds: readonly Ydelsesart[], date: string): Modtagelse {
  const a = monthOfDate(date);
  if (h === undefined) return { udfald: 'ukendt', maaned: null, arter: [], mangler: 'ydelsesoplysninger' };
  const fra = monthIndex('ydelser.oplystFra', h.oplystFra);
  const til = monthIndex('ydelser.oplystTil', h.oplystTil);
  const month = a >= fra && a <= til ? a : til === a - 1 && a - 1 >= fra ? a - 1 : null;
  if (month === null) return { udfald: 'ukendt', maaned: null, arter: [], mangler: `ydelser for ${maanedTekst(a)}` };
  const arter = YDELSESARTER.filter((k) => kinds.includes(k) && h.maaneder.some((x) => x.art === k && monthIndex('ydelser.maaneder.maaned', x.maaned) === month));
  return { udfald: arter.length > 0 ? 'ja' : 'nej', maaned: maanedIso(month), arter, mangler: null };
}

// ---------------------------------------------------------------------------------------------------------------
// 3. The spouse rule

export interface Aegtefaellevurdering {
  sidestilles: boolean | 'ukendt';
  /** For a samlever: the first date on which the cohabitation has lasted the required years. */
  fra: string | null;
  tekst: string;
  parametre: ParamBrug[];
}

/**
 * § 51 b, stk. 1 and § 51 c, stk. 2: a cohabitant counts as a spouse when the cohabitation has lasted "mindst" 2 years
 * (samlever_sidestilles_aegtefaelle_min_aar) on `date`: from samleverSiden + 2 years (>=). Fortolkning: 29 February +
 * 2 years is 28 February (addYears), so a cohabitation from 29 February 2024 counts from 28 February 2026. An
 * ægtefælle always counts; other roles never. A samlever without samleverSiden is unknown.
 */
export function sidestillesMedAegtefaelle(m: Medlem, date: string, params: Params, label?: string): Aegtefaellevurdering {
  parseIso('dato', date);
  const c = new Brug(params, date);
  const aar = c.num('samlever_sidestilles_aegtefaelle_min_aar');
  const navn = label ?? m.navn ?? ROLLE_NAVN[m.rolle];
  if (m.rolle === 'aegtefaelle') return { sidestilles: true, fra: null, tekst: `${navn} er ægtefælle.`, parametre: c.liste() };
  if (m.rolle !== 'samlever') return { sidestilles: false, fra: null, tekst: `${navn} er hverken ægtefælle eller samlever.`, parametre: c.liste() };
  if (m.samleverSiden === undefined) return { sidestilles: 'ukendt', fra: null, tekst: `${navn} er samlever, men det er ikke oplyst, siden hvornår.`, parametre: c.liste() };
  parseIso('samleverSiden', m.samleverSiden);
  const fra = addYears(m.samleverSiden, aar);
  const ok = date >= fra;
  return {
    sidestilles: ok,
    fra,
    tekst: ok
      ? `${navn} har været samlevende med ansøgeren siden ${datoTekst(m.samleverSiden)}, i mindst ${aar} år (fra ${datoTekst(fra)}), og sidestilles med en ægtefælle.`
      : `${navn} har været samlevende med ansøgeren siden ${datoTekst(m.samleverSiden)}, mindre end ${aar} år; sidestilles med en ægtefælle fra ${datoTekst(fra)}.`,
    parametre: c.liste(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Eligibility for kommunal anvisning (and § 51 c for letting from the waiting list)

export interface Bolig {
  /** The categories of the area on the list in force on the date (the caller picks the list). */
  kategorier: readonly Kategori[];
  betegnelse?: string;
}

/** 'kommunal_anvisning' (default): § 59, stk. 6/7. 'venteliste': the organisation lets from its waiting list; § 51 c. */
export type Udlejningsvej = 'kommunal_anvisning' | 'venteliste';

export interface EligibilityOptions {
  vej?: Udlejningsvej;
  /** § 51 c only concerns applicants who do not already have a dwelling in the afdeling. Undefined = not known. */
  boligsoegendeBorIAfdelingen?: boolean;
}

export type GrundUdfald = 'opfyldt' | 'ikke_opfyldt' | 'ukendt';

export interface AnvisningsGrund {
  /** The restriction: '§ 59, stk. 6', '§ 59, stk. 7' or '§ 51 c'. */
  paragraf: string;
  /** The ground, as mandatoryTools names it: '§ 59, stk. 6, nr. 5', '§ 59, stk. 7, jf. stk. 6, nr. 1', '§ 59, stk. 7'. */
  nr: string;
  /** Danish, naming the member and the facts. */
  tekst: string;
  /** The mark of the ground (the rule and its numbers) on the date. */
  verificeret: Verifikation;
  udfald: GrundUdfald;
  /** The member the ground is about (null for a ground about the household). */
  medlemId: string | null;
  medlem: string | null;
  /** What is missing when 'ukendt' (Danish). */
  mangler: string[];
}

export interface AnvendtRegel {
  id: string;
  paragraf: string;
  titel: string;
  forklaring: string;
  verificeret: Verifikation;
}

export interface Anvisningsvurdering {
  dato: string;
  vej: Udlejningsvej;
  kategorier: Kategori[];
  /** true: no ground excludes; false: at least one ground excludes (see grunde); 'ukendt': kan ikke afgøres. */
  tilladt: boolean | 'ukendt';
  status: 'tilladt' | 'udelukket' | 'kan_ikke_afgoeres';
  /** The grounds that exclude. */
  grunde: AnvisningsGrund[];
  /** The grounds that cannot be decided for lack of facts. */
  ukendte: AnvisningsGrund[];
  /** Every ground evaluated for every member, met or not. */
  proevet: AnvisningsGrund[];
  /** The missing facts (Danish), when the answer depends on them. */
  mangler: string[];
  /** One Danish sentence. */
  konklusion: string;
  regler: AnvendtRegel[];
  oplysninger: string[];
  fortolkninger: string[];
  parametre: ParamBrug[];
}

interface Udfald1 {
  udfald: GrundUdfald;
  tekst: string;
  mangler?: string[];
}

const FORTOLKNING_VINDUE =
  'Fortolkning: "inden for de seneste 6 måneder" omfatter dagen præcis 6 måneder før datoen; en dag, som måneden ikke har, bliver månedens sidste dag (beslutning 016).';

/**
 * Whether the household may be anvist by the municipality to a dwelling in an area with `dwelling.kategorier` on
 * `date` (§ 59, stk. 6 in udsatte boligområder, incl. parallelsamfund and omdannelsesområder; § 59, stk. 7 in
 * forebyggelsesområder from 30 November 2021), or, with `vej: 'venteliste'`, whether the organisation must reject it
 * from the waiting list in an omdannelsesområde (§ 51 c from 1 July 2019). Every ground of the restrictions in
 * force is evaluated for every member of the household (§ 59, stk. 6/7 say "et medlem af husstanden"). A known
 * exclusion decides even when other grounds are unknown; otherwise an unknown ground makes the answer 'ukendt'
 * with the missing facts. Throws a LawParamError before 1 December 2018 (as mandatoryTools).
 */
export function eligibility(household: Husstand, dwelling: Bolig, date: string, params: Params, options: EligibilityOptions = {}): Anvisningsvurdering {
  parseIso('dato', date);
  validateHusstand(household);
  if (!dwelling || !Array.isArray(dwelling.kategorier)) throw invalid('kategorier', 'Boligens kategorier skal være en liste.');
  const vej: Udlejningsvej = options.vej ?? 'kommunal_anvisning';
  if (vej !== 'kommunal_anvisning' && vej !== 'venteliste') throw invalid('vej', `Ukendt udlejningsvej "${String(vej)}".`);
  const tools = mandatoryTools(dwelling.kategorier, date, params);
  const c = new Brug(params, date);
  const label = navne(household);
  const oplysninger: string[] = [];
  const fortolkninger: string[] = [];
  const proevet: AnvisningsGrund[] = [];
  const regler: AnvendtRegel[] = [];
  const toolBrug: ParamBrug[] = [];
  const kat = new Set(dwelling.kategorier);

  if (vej === 'kommunal_anvisning') {
    const forbud = tools.filter((t) => t.vedroerer === 'kommunal_anvisning' && t.virkning === 'forbud');
    if (forbud.length > 0) {
      const mdrLoesladt = c.num('anvisningsbegraensning_loesladt_maaneder');
      const mdrOphaevet = c.num('anvisningsbegraensning_ophaevet_lejemaal_maaneder');
      const mdrYdelse = c.num('ydelse_sammenhaengende_kalendermaaneder');
      const slut = c.str('ydelse_loeb_slutmaaned');
      if (slut !== 'maaneden_foer' && slut !== 'indevaerende') throw new Error(`ydelse_loeb_slutmaaned har en ukendt værdi "${slut}" ${date}.`);
      const ctx: GrundCtx = { date, mdrLoesladt, mdrOphaevet, mdrYdelse, slut };
      fortolkninger.push(
        FORTOLKNING_VINDUE,
        slut === 'maaneden_foer'
          ? `Fortolkning: "i ${mdrYdelse} sammenhængende kalendermåneder" er de hele kalendermåneder til og med måneden før ${datoTekst(date)}; ydelser, som loven nævner i samme opregning, tæller sammen (beslutning 016; ydelse_loeb_slutmaaned, UNVERIFIED).`
          : `Fortolkning: "i ${mdrYdelse} sammenhængende kalendermåneder" medregner datoens egen måned, når ydelsen er modtaget i den; ydelser, som loven nævner i samme opregning, tæller sammen (beslutning 016; ydelse_loeb_slutmaaned, UNVERIFIED).`,
      );
      for (const t of forbud) {
        regler.push({ id: t.id, paragraf: t.paragraf, titel: t.titel, forklaring: t.forklaring, verificeret: t.verificeret });
        toolBrug.push(...t.parametre);
        for (const g of t.grunde) {
          for (const m of household.medlemmer) {
            const u = evaluateGround(g, m, label.get(m.id)!, ctx);
            proevet.push({ paragraf: t.paragraf, nr: g.nr, tekst: u.tekst, verificeret: g.verificeret, udfald: u.udfald, medlemId: m.id, medlem: label.get(m.id)!, mangler: u.mangler ?? [] });
          }
        }
      }
    }
    if (kat.has('forebyggelsesomraade') && !forbud.some((t) => t.id === 'anvisningsbegraensning_forebyggelse')) {
      const v = c.v('anvisningsbegraensning_forebyggelse');
      const next = params.version('anvisningsbegraensning_forebyggelse', '2100-01-01');
      oplysninger.push(`§ 59, stk. 7 (begrænsningen i forebyggelsesområder) gælder ikke ${datoTekst(date)}${v.value === false && next.value === true ? `; den gælder fra ${datoTekst(next.from)}` : ''}.`);
    }
    const afv = tools.find((t) => t.id === 'afvisning_omdannelsesomraade');
    if (afv) {
      oplysninger.push(
        '§ 51 c (obligatorisk afvisning i omdannelsesområder) gælder udlejning fra boligorganisationens venteliste, ikke kommunal anvisning (beslutning 014). Ved kommunal anvisning i et omdannelsesområde gælder § 59, stk. 6, hvis nr. 5 omfatter de samme ydelser, men med krav om 6 sammenhængende kalendermåneder.',
      );
    } else if (kat.has('omdannelsesomraade')) {
      oplysninger.push(`§ 51 c gælder ikke ${datoTekst(date)} (den gælder fra 1. juli 2019); den vedrører desuden kun udlejning fra ventelisten.`);
    }
    if (tools.filter((t) => t.vedroerer === 'kommunal_anvisning').length === 0) oplysninger.push('Boligen ligger ikke i et område, hvor § 59, stk. 6 eller 7 begrænser den kommunale anvisning.');
  } else {
    const afv = tools.find((t) => t.id === 'afvisning_omdannelsesomraade');
    oplysninger.push('§ 59, stk. 6 og 7 gælder kommunal anvisning og er ikke vurderet. Kombineret udlejning (§ 51 b, en kommunal beslutning) og de obligatoriske kriterier for fleksibel udlejning (§ 60, stk. 4) er ikke vurderet.');
    if (afv) {
      regler.push({ id: afv.id, paragraf: afv.paragraf, titel: afv.titel, forklaring: afv.forklaring, verificeret: afv.verificeret });
      toolBrug.push(...afv.parametre);
      const g = evaluate51c(household, label, date, params, c, options, afv);
      proevet.push(g.grund);
      fortolkninger.push(...g.fortolkninger);
    } else {
      oplysninger.push(kat.has('omdannelsesomraade') ? `§ 51 c gælder ikke ${datoTekst(date)} (den gælder fra 1. juli 2019).` : '§ 51 c gælder kun i omdannelsesområder.');
    }
  }

  const grunde = proevet.filter((g) => g.udfald === 'opfyldt');
  const ukendte = proevet.filter((g) => g.udfald === 'ukendt');
  const mangler = [...new Set(ukendte.flatMap((g) => g.mangler))];
  const status: Anvisningsvurdering['status'] = grunde.length > 0 ? 'udelukket' : ukendte.length > 0 ? 'kan_ikke_afgoeres' : 'tilladt';
  const nrs = opremsning([...new Set(grunde.map((g) => g.nr))]);
  const konklusion =
    status === 'udelukket'
      ? vej === 'kommunal_anvisning'
        ? `Husstanden må ikke anvises til boligen: ${nrs}.`
        : `Boligorganisationen skal afvise husstanden fra ventelisten: ${nrs}.`
      : status === 'kan_ikke_afgoeres'
        ? `Kan ikke afgøres: mangler ${opremsning(mangler)}.`
        : vej === 'kommunal_anvisning'
          ? 'Husstanden kan anvises til boligen; ingen af lovens udelukkelsesgrunde er opfyldt.'
          : 'Lovens afvisningsgrund (§ 51 c) er ikke opfyldt.';
  return {
    dato: date,
    vej,
    kategorier: [...dwelling.kategorier],
    tilladt: status === 'tilladt' ? true : status === 'udelukket' ? false : 'ukendt',
    status,
    grunde,
    ukendte,
    proevet,
    mangler,
    konklusion,
    regler,
    oplysninger,
    fortolkninger,
    parametre: c.liste(toolBrug),
  };
}

interface GrundCtx {
  date: string;
  mdrLoesladt: number;
  mdrOphaevet: number;
  mdrYdelse: number;
  slut: LoebSlut;
}

function groundKind(nr: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 | 'stk7' {
  const m = /stk\. 6, nr\. ([1-7])$/.exec(nr);
  if (m) return Number(m[1]) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
  if (nr === '§ 59, stk. 7') return 'stk7';
  throw new Error(`Ukendt grund "${nr}" fra mandatoryTools.`);
}

/** A dated event within "de seneste n måneder" before the date: [date − n months, date]. */
function iVindue(d: string, date: string, n: number): 'foer' | 'inde' | 'efter' {
  const start = addMonths(date, -n);
  return d < start ? 'foer' : d <= date ? 'inde' : 'efter';
}

function evaluateGround(g: LovGrund, m: Medlem, navn: string, x: GrundCtx): Udfald1 {
  const k = groundKind(g.nr);
  const { date } = x;
  const start = (n: number) => datoTekst(addMonths(date, -n));
  const alder = alderPaa(m, date);

  const releases = (fra: Loesladelse['fra'], n: number, hvad: string, under18: boolean | undefined): Udfald1 => {
    if (m.loesladelser === undefined) return { udfald: 'ukendt', tekst: `${navn}: det er ikke oplyst, om personen er ${hvad} inden for de seneste ${n} måneder.`, mangler: [`${navn}: løsladelser`] };
    const rel = m.loesladelser.filter((l) => l.fra === fra);
    const inde = rel.filter((l) => iVindue(l.dato, date, n) === 'inde').sort((a, b) => b.dato.localeCompare(a.dato));
    const efter = rel.filter((l) => iVindue(l.dato, date, n) === 'efter');
    if (inde.length > 0 && under18 !== false) {
      if (under18 === undefined) return { udfald: 'ukendt', tekst: `${navn} er ${hvad} ${datoTekst(inde[0].dato)}, men alderen er ikke oplyst (nr. 2 gælder under 18 år).`, mangler: [`${navn}: alder`] };
      return { udfald: 'opfyldt', tekst: `${navn} er ${hvad} ${datoTekst(inde[0].dato)}, inden for de seneste ${n} måneder (fra ${start(n)} til ${datoTekst(date)})${fra === 'ungdomsinstitution' ? ` og er ${alder} år` : ''}.` };
    }
    if (efter.length > 0) return { udfald: 'ukendt', tekst: `${navn}: løsladelsen ${datoTekst(efter[0].dato)} ligger efter ${datoTekst(date)}; vurdér på datoen for indflytning.`, mangler: [`${navn}: vurdering på indflytningsdatoen (løsladelse ${datoTekst(efter[0].dato)})`] };
    return { udfald: 'ikke_opfyldt', tekst: `${navn} er ikke ${hvad} fra ${start(n)} til ${datoTekst(date)}.` };
  };

  switch (k) {
    case 1: {
      // § 59, stk. 6, nr. 1: released after serving a sentence within the last 6 months.
      const r = releases('faengsel', x.mdrLoesladt, 'løsladt efter afsoning af dom for et strafbart forhold', true);
      if (r.udfald !== 'ikke_opfyldt') return r;
      // Fortolkning: a release from an ungdomsinstitution of a member who is 18 or over is not nr. 2; whether it was
      // serving a sentence (nr. 1) the facts do not say.
      const ung = (m.loesladelser ?? []).filter((l) => l.fra === 'ungdomsinstitution' && iVindue(l.dato, date, x.mdrLoesladt) === 'inde');
      if (ung.length > 0 && alder !== undefined && alder >= 18)
        return { udfald: 'ukendt', tekst: `${navn} er ${alder} år og løsladt fra ungdomsinstitution ${datoTekst(ung[0].dato)}; nr. 2 gælder kun under 18 år, og om opholdet var afsoning af dom (nr. 1), er ikke oplyst.`, mangler: [`${navn}: om løsladelsen fra ungdomsinstitution var efter afsoning af dom`] };
      return r;
    }
    case 2: {
      // § 59, stk. 6, nr. 2: under 18 and released from an institution (placed after a sentence) within the last 6 months.
      if (alder !== undefined && alder >= 18) return { udfald: 'ikke_opfyldt', tekst: `${navn} er ${alder} år; nr. 2 gælder kun under 18 år.` };
      return releases('ungdomsinstitution', x.mdrLoesladt, 'løsladt fra ungdomsinstitution efter dom for et strafbart forhold', alder === undefined ? undefined : alder < 18);
    }
    case 3: {
      // § 59, stk. 6, nr. 3: lease terminated for gross breaches of god skik og orden within the last 6 months.
      const n = x.mdrOphaevet;
      if (m.lejemaalOphaevet === undefined) return { udfald: 'ukendt', tekst: `${navn}: det er ikke oplyst, om personen inden for de seneste ${n} måneder har fået sit lejemål ophævet eller opsagt på grund af grove overtrædelser af god skik og orden.`, mangler: [`${navn}: ophævede lejemål`] };
      const inde = m.lejemaalOphaevet.filter((l) => iVindue(l.dato, date, n) === 'inde').sort((a, b) => b.dato.localeCompare(a.dato));
      if (inde.length > 0) return { udfald: 'opfyldt', tekst: `${navn} fik ${datoTekst(inde[0].dato)} sit lejemål ophævet eller opsagt på grund af grove overtrædelser af god skik og orden, inden for de seneste ${n} måneder (fra ${start(n)} til ${datoTekst(date)}).` };
      const efter = m.lejemaalOphaevet.filter((l) => l.dato > date);
      if (efter.length > 0) return { udfald: 'ukendt', tekst: `${navn}: ophævelsen ${datoTekst(efter[0].dato)} ligger efter ${datoTekst(date)}; vurdér på datoen for indflytning.`, mangler: [`${navn}: vurdering på indflytningsdatoen (ophævelse ${datoTekst(efter[0].dato)})`] };
      return { udfald: 'ikke_opfyldt', tekst: `${navn} har ikke fået et lejemål ophævet eller opsagt på grund af grove overtrædelser af god skik og orden fra ${start(n)} til ${datoTekst(date)}.` };
    }
    case 4: {
      // § 59, stk. 6, nr. 4: not an EU/EØS/Swiss citizen, students at a recognised institution exempt.
      if (m.euEoesSchweiz === true) return { udfald: 'ikke_opfyldt', tekst: `${navn} er statsborger i et EU- eller EØS-land eller i Schweiz.` };
      if (m.studerende === true)
        return {
          udfald: 'ikke_opfyldt',
          tekst: `${navn} er ${m.euEoesSchweiz === false ? 'ikke statsborger i et EU- eller EØS-land eller i Schweiz, men er ' : ''}studerende ved en offentligt anerkendt uddannelsesinstitution og dermed undtaget fra nr. 4.`,
        };
      if (m.euEoesSchweiz === undefined) return { udfald: 'ukendt', tekst: `${navn}: statsborgerskabet er ikke oplyst.`, mangler: [`${navn}: statsborgerskab (EU/EØS/Schweiz eller ej)`] };
      if (m.studerende === undefined) return { udfald: 'ukendt', tekst: `${navn} er ikke statsborger i et EU- eller EØS-land eller i Schweiz; det er ikke oplyst, om personen er studerende ved en offentligt anerkendt uddannelsesinstitution (undtagelsen).`, mangler: [`${navn}: om personen er studerende ved en offentligt anerkendt uddannelsesinstitution`] };
      return { udfald: 'opfyldt', tekst: `${navn} er ikke statsborger i et EU- eller EØS-land eller i Schweiz og er ikke studerende ved en offentligt anerkendt uddannelsesinstitution.` };
    }
    case 5:
    case 7:
    case 'stk7': {
      // § 59, stk. 6, nr. 5 and 7, and § 59, stk. 7: 6 consecutive calendar months of the named benefits.
      const kinds = k === 5 ? YDELSESGRUPPER.nr5 : k === 7 ? YDELSESGRUPPER.nr7 : YDELSESGRUPPER.stk7;
      return loebUdfald(m, navn, kinds, x);
    }
    case 6: {
      // § 59, stk. 6, nr. 6: receives førtidspension.
      const r = modtagerPaaDatoen(m.ydelser, YDELSESGRUPPER.nr6, date);
      if (r.udfald === 'ukendt') return { udfald: 'ukendt', tekst: `${navn}: det er ikke oplyst, om personen modtager førtidspension (${r.mangler}).`, mangler: [`${navn}: ${r.mangler}`] };
      const mdr = maanedTekst(monthIndex('maaned', r.maaned));
      return r.udfald === 'ja'
        ? { udfald: 'opfyldt', tekst: `${navn} modtager førtidspension (${mdr}).` }
        : { udfald: 'ikke_opfyldt', tekst: `${navn} modtager ikke førtidspension (${mdr}).` };
    }
  }
}

function loebUdfald(m: Medlem, navn: string, kinds: readonly Ydelsesart[], x: GrundCtx): Udfald1 {
  const r = ydelsesloeb(m.ydelser, kinds, x.date, x.mdrYdelse, x.slut);
  const hvilke = ellerListe(kinds.map((k) => YDELSE_NAVN[k]));
  const periode = r.fra && r.til ? (r.fra === r.til ? maanedTekst(monthIndex('m', r.fra)) : `${maanedTekst(monthIndex('m', r.fra))} - ${maanedTekst(monthIndex('m', r.til))}`) : '';
  const modtaget = opremsning(r.arter.map((k) => YDELSE_NAVN[k]));
  if (r.udfald === 'opfyldt')
    return { udfald: 'opfyldt', tekst: `${navn} har modtaget ${modtaget} i ${r.maaneder} sammenhængende kalendermåneder (${periode}), mindst ${x.mdrYdelse}.` };
  if (r.udfald === 'ukendt')
    return {
      udfald: 'ukendt',
      tekst: `${navn}: ${r.maaneder > 0 ? `${r.maaneder} kendte sammenhængende kalendermåneder med ${modtaget} (${periode})` : `ingen kendte måneder med ${hvilke} frem til datoen`}; om der er ${x.mdrYdelse} sammenhængende, afhænger af ${r.mangler}.`,
      mangler: [`${navn}: ${r.mangler}`],
    };
  return {
    udfald: 'ikke_opfyldt',
    tekst:
      r.maaneder > 0
        ? `${navn} har modtaget ${modtaget} i ${r.maaneder} sammenhængende kalendermåneder (${periode}), færre end ${x.mdrYdelse}.`
        : `${navn} har ikke modtaget ${hvilke} i ${x.slut === 'maaneden_foer' ? 'kalendermåneden før datoen' : 'de seneste kalendermåneder'}.`,
  };
}

/** § 51 c, stk. 1-2 for letting from the waiting list (the applicant and the spouse, or a samlever of >= 2 years). */
function evaluate51c(
  h: Husstand,
  label: Map<string, string>,
  date: string,
  params: Params,
  c: Brug,
  options: EligibilityOptions,
  tool: LovbestemtRedskab,
): { grund: AnvisningsGrund; fortolkninger: string[] } {
  const krav = c.str('afvisning_aegtefaelle_krav');
  if (krav !== 'begge' && krav !== 'en_af_dem') throw new Error(`afvisning_aegtefaelle_krav har en ukendt værdi "${krav}" ${date}.`);
  c.num('samlever_sidestilles_aegtefaelle_min_aar');
  const nr = '§ 51 c, stk. 1';
  const base = { paragraf: '§ 51 c', nr, verificeret: tool.verificeret };
  const ans = h.medlemmer.find((m) => m.rolle === 'ansoeger')!;
  const ansNavn = label.get(ans.id)!;
  const fortolkninger = [
    krav === 'begge'
      ? 'Fortolkning: "den boligsøgende og dennes ægtefælle" betyder, at begge skal modtage en af ydelserne (afvisning_aegtefaelle_krav, UNVERIFIED; beslutning 016).'
      : 'Fortolkning: "den boligsøgende og dennes ægtefælle" betyder, at det er nok, at én af dem modtager en af ydelserne (afvisning_aegtefaelle_krav, UNVERIFIED; beslutning 016).',
    'Fortolkning: "modtager" afgøres af datoens kalendermåned, eller af måneden før, når oplysningerne slutter der (beslutning 016).',
  ];
  if (options.boligsoegendeBorIAfdelingen === true)
    return { grund: { ...base, tekst: `${ansNavn} har allerede en bolig i afdelingen; § 51 c gælder ikke.`, udfald: 'ikke_opfyldt', medlemId: ans.id, medlem: ansNavn, mangler: [] }, fortolkninger };
  const partner = h.medlemmer.find((m) => m.rolle === 'aegtefaelle' || m.rolle === 'samlever');
  const sp = partner ? sidestillesMedAegtefaelle(partner, date, params, label.get(partner.id)) : null;
  const kinds = YDELSESGRUPPER.par51c;
  const a = modtagerPaaDatoen(ans.ydelser, kinds, date);
  const p = partner && sp?.sidestilles !== false ? modtagerPaaDatoen(partner.ydelser, kinds, date) : null;
  const tv = (x: Modtagelse | null): boolean | null => (x === null ? null : x.udfald === 'ja' ? true : x.udfald === 'nej' ? false : null);
  // Three-valued (Kleene) logic: null = unknown.
  const and = (x: boolean | null, y: boolean | null) => (x === false || y === false ? false : x === null || y === null ? null : true);
  const or = (x: boolean | null, y: boolean | null) => (x === true || y === true ? true : x === null || y === null ? null : false);
  const not = (x: boolean | null) => (x === null ? null : !x);
  const A = tv(a);
  // The partner's part: no partner, or one who does not count as a spouse -> only the applicant matters; unknown
  // whether a samlever counts -> null.
  const harAegtefaelle: boolean | null = !partner ? false : sp!.sidestilles === 'ukendt' ? null : sp!.sidestilles;
  const P = tv(p);
  // 'begge': the applicant receives, and so does the spouse if there is one. 'en_af_dem': either receives.
  const result = krav === 'begge' ? and(A, or(not(harAegtefaelle), P)) : or(A, and(harAegtefaelle, P));
  const ydelser = ellerListe(kinds.map((k) => YDELSE_NAVN[k]));
  const beskriv = (navn: string, x: Modtagelse | null) =>
    x === null ? '' : x.udfald === 'ja' ? `${navn} modtager ${opremsning(x.arter.map((k) => YDELSE_NAVN[k]))} (${maanedTekst(monthIndex('m', x.maaned))})` : x.udfald === 'nej' ? `${navn} modtager ingen af ydelserne (${maanedTekst(monthIndex('m', x.maaned))})` : `${navn}: ${x.mangler} mangler`;
  const dele = [beskriv(ansNavn, a), sp ? sp.tekst.replace(/\.$/, '') : '', beskriv(partner ? label.get(partner.id)! : '', p)].filter((s) => s !== '');
  const mangler: string[] = [];
  if (options.boligsoegendeBorIAfdelingen === undefined) mangler.push(`${ansNavn}: om ansøgeren allerede har en bolig i afdelingen`);
  if (a.udfald === 'ukendt') mangler.push(`${ansNavn}: ${a.mangler}`);
  if (partner && sp!.sidestilles === 'ukendt') mangler.push(`${label.get(partner.id)}: samlevende siden`);
  if (p && p.udfald === 'ukendt') mangler.push(`${label.get(partner!.id)}: ${p.mangler}`);
  let udfald: GrundUdfald;
  if (result === false) udfald = 'ikke_opfyldt';
  else if (result === true && options.boligsoegendeBorIAfdelingen === false) udfald = 'opfyldt';
  else udfald = 'ukendt';
  const tekst =
    udfald === 'opfyldt'
      ? `Boligorganisationen skal afvise ${ansNavn} fra ventelisten: ${dele.join('; ')}. § 51 c omfatter ${ydelser}; kommunalbestyrelsen kan dispensere i helt særlige tilfælde (§ 51 c, stk. 4).`
      : udfald === 'ikke_opfyldt'
        ? `§ 51 c udelukker ikke: ${dele.join('; ')}.`
        : `§ 51 c kan ikke afgøres: ${dele.join('; ')}.`;
  return { grund: { ...base, tekst, udfald, medlemId: ans.id, medlem: ansNavn, mangler: udfald === 'ukendt' ? mangler : [] }, fortolkninger };
}

/** The answer as the batch assignment's legal filter (src/rules/tildeling.ts, `Udeluk`) reads it: null = allowed. */
export function somUdelukkelse(v: Anvisningsvurdering): { grund: string; paragraf?: string } | null {
  if (v.status === 'tilladt') return null;
  if (v.status === 'udelukket') return { grund: v.grunde.map((g) => g.tekst).join(' '), paragraf: v.grunde[0].nr };
  return { grund: v.konklusion, paragraf: v.ukendte[0]?.nr };
}

// ---------------------------------------------------------------------------------------------------------------
// 4b. Eligibility for many households and dwellings at once (the batch assignment, decision 017)

/** A ground met or unknown, without its text: what the batch needs per pair. */
export interface Grundudfald {
  paragraf: string;
  nr: string;
  medlemId: string;
  /** When unknown: the missing facts, as in AnvisningsGrund.mangler. */
  mangler: readonly string[];
}

/** eligibility's verdict without texts: status, the grounds met and unknown (same order), the missing facts. */
export interface Anvisningsudfald {
  status: Anvisningsvurdering['status'];
  grunde: readonly Grundudfald[];
  ukendte: readonly Grundudfald[];
  mangler: readonly string[];
}

export interface Anvisningsfilter {
  /** A small number for a set of area categories (the same set in any order gives the same number). */
  saet(kategorier: readonly Kategori[]): number;
  /** One household's verdicts; validates it (as eligibility) and evaluates each ground for each member once. */
  husstand(h: Husstand): (saet: number) => Anvisningsudfald;
}

type GrundArt = ReturnType<typeof groundKind>;

const IKKE_OPFYLDT: Udfald1 = { udfald: 'ikke_opfyldt', tekst: '' };
const OPFYLDT: Udfald1 = { udfald: 'opfyldt', tekst: '' };

/**
 * The outcome evaluateGround would give, when it is sure without texts; null = not sure (then evaluateGround decides,
 * so every unknown ground and its missing facts are eligibility's own). No dates or months are parsed: validated ISO
 * dates and 'YYYY-MM' months compare as strings.
 */
/** What hurtigtUdfald reads of the date, worked out once per context (a filter has one). */
const datoKonst = new WeakMap<GrundCtx, { startLoesladt: string; startOphaevet: string; foer: number; denne: string; foerIso: string }>();
function konst(x: GrundCtx) {
  let k = datoKonst.get(x);
  if (k === undefined) {
    const a = monthOfDate(x.date);
    datoKonst.set(x, (k = { startLoesladt: addMonths(x.date, -x.mdrLoesladt), startOphaevet: addMonths(x.date, -x.mdrOphaevet), foer: a - 1, denne: maanedIso(a), foerIso: maanedIso(a - 1) }));
  }
  return k;
}

function hurtigtUdfald(art: GrundArt, m: Medlem, x: GrundCtx): Udfald1 | null {
  switch (art) {
    case 1:
    case 2: {
      // A release at or after the window's start (in it, or after the date) needs the full evaluation.
      if (m.loesladelser === undefined) return null;
      if (m.loesladelser.length === 0) return IKKE_OPFYLDT;
      const start = konst(x).startLoesladt;
      return m.loesladelser.every((l) => l.dato < start) ? IKKE_OPFYLDT : null;
    }
    case 3: {
      if (m.lejemaalOphaevet === undefined) return null;
      if (m.lejemaalOphaevet.length === 0) return IKKE_OPFYLDT;
      const start = konst(x).startOphaevet;
      return m.lejemaalOphaevet.every((l) => l.dato < start) ? IKKE_OPFYLDT : null;
    }
    case 4:
      if (m.euEoesSchweiz === true || m.studerende === true) return IKKE_OPFYLDT;
      return m.euEoesSchweiz === false && m.studerende === false ? OPFYLDT : null;
    case 5:
    case 7:
    case 'stk7': {
      // ydelsesloeb with 'maaneden_foer': the run ends in the month before the date, counted back over covered months
      // with one of the kinds. The other reading, and a run reaching what is not covered, go to the full evaluation.
      const y = m.ydelser;
      if (y === undefined || x.slut !== 'maaneden_foer') return null;
      const kinds: readonly Ydelsesart[] = art === 5 ? YDELSESGRUPPER.nr5 : art === 7 ? YDELSESGRUPPER.nr7 : YDELSESGRUPPER.stk7;
      let i = konst(x).foer;
      if (konst(x).foerIso > y.oplystTil) return null;
      const med = new Set<string>();
      for (const z of y.maaneder) if (kinds.includes(z.art)) med.add(z.maaned);
      for (let n = 0; ; n++, i--) {
        if (n >= x.mdrYdelse) return OPFYLDT;
        const mm = maanedIso(i);
        if (mm < y.oplystFra) return null;
        if (!med.has(mm)) return IKKE_OPFYLDT;
      }
    }
    case 6: {
      // modtagerPaaDatoen: the date's month when covered, else the month before when the information ends there.
      const y = m.ydelser;
      if (y === undefined) return null;
      const { denne, foerIso: foer } = konst(x);
      const maaned = y.oplystFra <= denne && denne <= y.oplystTil ? denne : y.oplystTil === foer && foer >= y.oplystFra ? foer : null;
      if (maaned === null) return null;
      for (const z of y.maaneder) if (z.maaned === maaned && z.art === 'foertidspension') return OPFYLDT;
      return IKKE_OPFYLDT;
    }
  }
}

/**
 * eligibility for kommunal anvisning (§ 59, stk. 6/7), split for many pairs: a ground's outcome for a member depends
 * only on the member, the date and which ground it is, not on the dwelling, so each is evaluated once per household
 * (evaluateGround, the same code as eligibility); the grounds in force for a set of categories (mandatoryTools) are
 * read once per set; a pair then costs a lookup. Gives the same status, grounds met, unknown grounds and missing facts
 * as eligibility with vej 'kommunal_anvisning' (property-tested in anvisning-hurtig.test.ts); no texts.
 */
export function anvisningsfilter(date: string, params: Params): Anvisningsfilter {
  parseIso('dato', date);
  const saetNr = new Map<string, number>();
  const grundeNr = new Map<string, number>();
  /** Per set: the grounds of its forbud tools, in eligibility's order. */
  const saetGrunde: { paragraf: string; nr: string; art: GrundArt }[][] = [];
  let ctx: GrundCtx | undefined;
  const grundCtx = (): GrundCtx => {
    if (ctx) return ctx;
    // As eligibility reads them when a forbud applies.
    const c = new Brug(params, date);
    const slut = c.str('ydelse_loeb_slutmaaned');
    if (slut !== 'maaneden_foer' && slut !== 'indevaerende') throw new Error(`ydelse_loeb_slutmaaned har en ukendt værdi "${slut}" ${date}.`);
    return (ctx = { date, mdrLoesladt: c.num('anvisningsbegraensning_loesladt_maaneder'), mdrOphaevet: c.num('anvisningsbegraensning_ophaevet_lejemaal_maaneder'), mdrYdelse: c.num('ydelse_sammenhaengende_kalendermaaneder'), slut });
  };
  const saet = (kategorier: readonly Kategori[]): number => {
    if (!Array.isArray(kategorier)) throw invalid('kategorier', 'Boligens kategorier skal være en liste.');
    const key = [...new Set(kategorier)].sort().join(',');
    let k = saetNr.get(key);
    if (k === undefined) {
      const forbud = mandatoryTools(kategorier, date, params).filter((t) => t.vedroerer === 'kommunal_anvisning' && t.virkning === 'forbud');
      if (forbud.length > 0) grundCtx();
      const grunde = forbud.flatMap((t) => t.grunde.map((g) => ({ paragraf: t.paragraf, nr: g.nr, art: groundKind(g.nr) })));
      // Sets whose forbud grounds are the same (e.g. udsat, and udsat + parallelsamfund) get the same number: the
      // verdict depends only on those grounds, so a household's verdict is worked out once for them.
      const sig = grunde.map((g) => `${g.paragraf}|${g.nr}`).join(';');
      k = grundeNr.get(sig);
      if (k === undefined) {
        saetGrunde.push(grunde);
        grundeNr.set(sig, (k = saetGrunde.length - 1));
      }
      saetNr.set(key, k);
    }
    return k;
  };
  const husstand = (h: Husstand) => {
    validateHusstand(h);
    let label: Map<string, string> | undefined;
    const perArt = new Map<GrundArt, Udfald1[]>();
    const udfald = (art: GrundArt, nr: string): Udfald1[] => {
      let u = perArt.get(art);
      if (u === undefined) {
        const x = grundCtx();
        u = h.medlemmer.map((m) => {
          // Most members meet no ground: a cheap screen that is only ever sure of 'ikke_opfyldt'; anything else is
          // decided by evaluateGround itself, so the outcome and the missing facts are eligibility's own.
          const hurtig = hurtigtUdfald(art, m, x);
          if (hurtig) return hurtig;
          label ??= navne(h);
          return evaluateGround({ nr, tekst: '', verificeret: 'VERIFIED' as Verifikation }, m, label.get(m.id)!, x);
        });
        perArt.set(art, u);
      }
      return u;
    };
    const svar: (Anvisningsudfald | undefined)[] = [];
    return (s: number): Anvisningsudfald => {
      const hit = svar[s];
      if (hit) return hit;
      const grunde: Grundudfald[] = [];
      const ukendte: Grundudfald[] = [];
      for (const g of saetGrunde[s]) {
        const u = udfald(g.art, g.nr);
        for (let i = 0; i < u.length; i++) {
          if (u[i].udfald === 'opfyldt') grunde.push({ paragraf: g.paragraf, nr: g.nr, medlemId: h.medlemmer[i].id, mangler: [] });
          else if (u[i].udfald === 'ukendt') ukendte.push({ paragraf: g.paragraf, nr: g.nr, medlemId: h.medlemmer[i].id, mangler: u[i].mangler ?? [] });
        }
      }
      const mangler = [...new Set(ukendte.flatMap((g) => g.mangler))];
      return (svar[s] = { status: grunde.length > 0 ? 'udelukket' : ukendte.length > 0 ? 'kan_ikke_afgoeres' : 'tilladt', grunde, ukendte, mangler });
    };
  };
  return { saet, husstand };
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Boligstøtte: an estimate from the statutory formula

export interface HuslejeFakta {
  /** Monthly rent without consumption (heating, water, electricity), kr. */
  maanedligHusleje: number;
  /** The dwelling's area, m²; when not given the area limit is not applied (said in the result). */
  arealM2?: number;
  /** The dwelling is an almen bolig anvist by the kommunalbestyrelse (boligstøtteloven § 23, stk. 2: no maximum for
   *  boligydelse). Default true: this module is about kommunal anvisning of almene boliger. */
  kommunalAnvisningTilAlmenBolig?: boolean;
}

export interface BeregningsTrin {
  id:
    | 'art'
    | 'boligudgift'
    | 'areal'
    | 'lejeloft'
    | 'halv_indkomst'
    | 'indkomstgraense'
    | 'huslejeandel'
    | 'indkomstfradrag'
    | 'grundbeloeb'
    | 'egenbetaling'
    | 'loft_uden_boern'
    | 'maksimum'
    | 'afrunding'
    | 'minimum'
    | 'resultat';
  /** Danish, with the arithmetic. */
  tekst: string;
  /** The amount after the step (kr. per year), or the threshold it computes; null when the step has no amount. */
  vaerdi: number | null;
  paragraf: string | null;
}

export const SKOEN_ADVARSEL =
  'Skøn: beregnet af Almen ud fra boligstøttelovens formel og de satser, systemet kender. Det er ikke Udbetaling Danmarks afgørelse; den faktiske boligstøtte kan afvige (formue, boligudgiftens opgørelse, skønsmæssige regler m.m.).';

export interface BoligstoetteSkoen {
  /** Always true: an estimate, never Udbetaling Danmark's decision. */
  skoen: true;
  advarsel: string;
  dato: string;
  status: 'beregnet' | 'kan_ikke_beregnes';
  art: Boligstoetteart | null;
  /** kr. per year / per month (2 decimals); null when it cannot be computed. */
  aarligt: number | null;
  maanedligt: number | null;
  /** True when the amount depends on a discretionary rule or an unknown fact (see forbehold). */
  usikker: boolean;
  trin: BeregningsTrin[];
  forbehold: string[];
  mangler: string[];
  parametre: ParamBrug[];
  /** Decision 021: the year of the satser used when those of the date's year are not entered in Almen (the latest
   *  known, within boligstoette_skoen_max_aar_efter_satser); null when the date's own satser are used. */
  satserFra: number | null;
  /** Danish, shown wherever the estimate is: "Skønnet med 2026-satserne; satserne for 2027 er ikke indlæst i Almen."
   *  null with satserFra null. */
  satserNote: string | null;
}

const ART_NAVN: Record<Boligstoetteart, string> = { boligydelse: 'Boligydelse', boligsikring: 'Boligsikring' };

function normHusleje(h: number | HuslejeFakta): Required<Pick<HuslejeFakta, 'maanedligHusleje' | 'kommunalAnvisningTilAlmenBolig'>> & { arealM2?: number } {
  const f: HuslejeFakta = typeof h === 'number' ? { maanedligHusleje: h } : h;
  if (!f || !Number.isFinite(f.maanedligHusleje) || f.maanedligHusleje < 0) throw invalid('husleje', 'Huslejen skal være et tal på mindst 0 kr. pr. måned.');
  if (f.arealM2 !== undefined && !(Number.isFinite(f.arealM2) && f.arealM2 > 0)) throw invalid('arealM2', 'Arealet skal være et tal over 0 m².');
  return { maanedligHusleje: f.maanedligHusleje, kommunalAnvisningTilAlmenBolig: f.kommunalAnvisningTilAlmenBolig ?? true, ...(f.arealM2 !== undefined ? { arealM2: f.arealM2 } : {}) };
}

/** The yearly amounts of both schemes, read only to make a date outside the known satser throw whatever the facts. */
const AARLIGE_SATSER = ['boligydelse_indkomstgraense_kr', 'boligydelse_boernetillaeg_kr', 'boligydelse_tillaeg_kr', 'boligydelse_egenbetaling_min_kr', 'boligydelse_maksimum_kr', 'boligydelse_minimum_udbetaling_maaned_kr', 'boligsikring_indkomstgraense_kr', 'boligsikring_boernetillaeg_kr', 'boligsikring_egenbetaling_min_kr', 'boligsikring_maksimum_kr'];

/** PRODUKTINDSTILLING, not law (decision 021): at most this many calendar years after the latest known satser. */
const SKOEN_MAX_AAR = 'boligstoette_skoen_max_aar_efter_satser';

interface SatsGrundlag {
  params: Params;
  satserFra: number | null;
  satserNote: string | null;
  forbehold: string | null;
}

/**
 * The parameters the estimate reads on `date` (decision 021). When every yearly sats (AARLIGE_SATSER) has a value on
 * the date: `params` as they are. When one has none, and the latest calendar year with every sats known is at most
 * `boligstoette_skoen_max_aar_efter_satser` years before the date's year (a dated PRODUKTINDSTILLING in
 * law/boligstoette/skoen), each parameter without a value on the date is read on 31 December of that year (the satser
 * are regulated per calendar year, § 72) and the result says which year. Only earlier satser are ever used: a date
 * before the first known satser throws the LawParamError naming the parameter and the date, as does a date beyond the
 * allowed years (naming the latest known year and the setting). Entering a year's satser (a new dated value in each
 * file of law/boligstoette/beregning) ends the estimate for that year by itself.
 */
function satsGrundlag(date: string, params: Params): SatsGrundlag {
  const mangler = AARLIGE_SATSER.filter((n) => !params.inForce(n, date));
  if (mangler.length === 0) return { params, satserFra: null, satserNote: null, forbehold: null };
  const aar = Number(date.slice(0, 4));
  // The setting as in force on the date; not in force (before the first satser): no estimate, the parameter's error.
  if (!params.inForce(SKOEN_MAX_AAR, date)) params.version(mangler[0], date);
  const maxAar = params.param(SKOEN_MAX_AAR, date);
  const komplet = (d: string) => AARLIGE_SATSER.every((n) => params.inForce(n, d));
  let fra: number | null = null;
  // Up to 30 years back only to name the latest known year in the error; the estimate uses at most maxAar.
  for (let k = 1; k <= Math.max(maxAar, 30) && fra === null; k++) if (komplet(iso(aar - k, 12, 31))) fra = aar - k;
  // Before the first known satser: the parameter's own error (names the parameter, the date and its ranges).
  if (fra === null) params.version(mangler[0], date);
  if (fra === null || aar - fra > maxAar)
    throw new LawParamError(
      mangler[0],
      date,
      `Boligstøttesatserne for ${aar} er ikke indlæst i Almen (${mangler[0]} har ingen værdi ${date}), og de seneste kendte er fra ${fra}, mere end ${maxAar} år før (${SKOEN_MAX_AAR} = ${maxAar}, en produktindstilling): boligstøtten kan ikke skønnes. Indlæs satserne for ${aar} i law/boligstoette/beregning.`,
    );
  const satsDato = iso(fra, 12, 31);
  const laan = (n: string, d: string) => d === date && !params.inForce(n, d) && params.inForce(n, satsDato);
  const p: Params = {
    version: (n, d) => params.version(n, laan(n, d) ? satsDato : d),
    param: (n, d) => params.param(n, laan(n, d) ? satsDato : d),
    inForce: (n, d) => params.inForce(n, d) || laan(n, d),
  };
  return {
    params: p,
    satserFra: fra,
    satserNote: `Skønnet med ${fra}-satserne; satserne for ${aar} er ikke indlæst i Almen.`,
    forbehold: `Boligstøttesatserne for ${aar} er ikke indlæst i Almen; skønnet bruger de seneste kendte satser, ${fra}-satserne, for de satser der mangler (produktindstillingen ${SKOEN_MAX_AAR}: højst ${maxAar} år efter, beslutning 021). Satserne reguleres hvert år (§ 72), så den faktiske boligstøtte kan afvige.`,
  };
}

/**
 * An estimate of the household's boligstøtte (kr. per year and month) for a dwelling with `husleje` on `date`, from the
 * statutory formula (RULES.md 8.2):
 *   boligydelse:  75 % × (boligudgift + tillæg) − 22,5 % × (indkomst over grænsen); egenbetaling mindst max(11 % ×
 *                 indkomst, beløb); maksimum (ikke ved kommunal anvisning af en almen bolig); deleligt med 12; under
 *                 365 kr./md. udbetales ikke.
 *   boligsikring: 60 % × boligudgift − 18 % × (indkomst over grænsen); egenbetaling mindst beløbet; uden børn højst 15 %
 *                 af boligudgiften (ikke med førtidspension/seniorpension); maksimum.
 * Both: the income limit rises per child beyond the first up to 4 children; the maximum rises 25 % with 4 or more
 * children; the rent of the area above 65 m² + 20 m² per further person is not counted; the yearly cap on the housing
 * cost (§ 14) when a sats is known for the date. Each step is returned in Danish with its arithmetic. A date after the
 * latest known satser uses them, within boligstoette_skoen_max_aar_efter_satser years, and says so (satserFra,
 * satserNote, a reservation; decision 021). Throws a LawParamError for a date before the first known satser (2026)
 * or beyond the allowed years.
 */
export function boligstoette(household: Husstand, husleje: number | HuslejeFakta, date: string, params: Params): BoligstoetteSkoen {
  parseIso('dato', date);
  validateHusstand(household);
  const H = normHusleje(husleje);
  const satser = satsGrundlag(date, params);
  const p = satser.params;
  for (const n of AARLIGE_SATSER) p.param(n, date);
  const c = new Brug(p, date);
  if (satser.satserFra !== null) c.num(SKOEN_MAX_AAR);
  const label = navne(household);
  const trin: BeregningsTrin[] = [];
  const forbehold: string[] = [
    'Formue (formuetillæg) er ikke medregnet.',
    'Boligudgiften er huslejen uden forbrugsudgifter (varme, vand, el); fradrag og tillæg efter § 10 er ikke medregnet.',
    'Forhøjelser for stærkt bevægelseshæmmede og modtagere af døgnhjælp er ikke medregnet.',
    ...(satser.forbehold ? [satser.forbehold] : []),
  ];
  const mangler: string[] = [];
  let usikker = false;
  const aar = Number(date.slice(0, 4));

  // Which scheme.
  let art: Boligstoetteart | null = household.boligstoetteart ?? null;
  let artTekst: string;
  if (art) artTekst = `${ART_NAVN[art]} (angivet for husstanden).`;
  else {
    const voksne = household.medlemmer.filter((m) => m.rolle !== 'barn');
    const pension = voksne.map((m) => ({ m, r: modtagerPaaDatoen(m.ydelser, ['folkepension'], date) }));
    if (pension.some((x) => x.r.udfald === 'ja')) {
      art = 'boligydelse';
      artTekst = `Boligydelse: ${opremsning(pension.filter((x) => x.r.udfald === 'ja').map((x) => label.get(x.m.id)!))} modtager folkepension.`;
    } else if (pension.some((x) => x.r.udfald === 'ukendt')) {
      artTekst = 'Boligstøttearten kan ikke bestemmes: det er ikke oplyst, om en voksen i husstanden modtager folkepension.';
      for (const x of pension.filter((y) => y.r.udfald === 'ukendt')) mangler.push(`${label.get(x.m.id)}: ${x.r.mangler} (folkepension afgør boligydelse/boligsikring), eller boligstøtteart`);
    } else {
      art = 'boligsikring';
      artTekst = 'Boligsikring: ingen i husstanden modtager folkepension.';
    }
    if (art === 'boligsikring' && household.medlemmer.some((m) => modtagerPaaDatoen(m.ydelser, ['foertidspension'], date).udfald === 'ja'))
      forbehold.push('Førtidspension tilkendt før 1. januar 2003 giver boligydelse i stedet for boligsikring; angiv i så fald boligstøttearten.');
  }
  trin.push({ id: 'art', tekst: artTekst, vaerdi: null, paragraf: art === 'boligydelse' ? '§ 21' : art === 'boligsikring' ? '§ 22' : null });

  // Income.
  const I = household.husstandsindkomstAar;
  if (I === undefined) mangler.push('husstandsindkomst pr. år');

  // Children under 18 (members with rolle 'barn').
  const barnUnder = c.num('boligstoette_barn_under_aar');
  let boern = 0;
  for (const m of household.medlemmer.filter((x) => x.rolle === 'barn')) {
    const a = alderPaa(m, date);
    if (a === undefined) mangler.push(`${label.get(m.id)}: alder (børn under ${barnUnder} år tæller)`);
    else if (a < barnUnder) boern++;
  }

  const parametre = () => c.liste();
  if (art === null || I === undefined || mangler.length > 0) {
    return { skoen: true, advarsel: SKOEN_ADVARSEL, dato: date, status: 'kan_ikke_beregnes', art, aarligt: null, maanedligt: null, usikker: true, trin, forbehold, mangler, parametre: parametre(), satserFra: satser.satserFra, satserNote: satser.satserNote };
  }
  const P = art;
  const personer = household.medlemmer.length;

  // Årlig boligudgift.
  const B0 = 12 * H.maanedligHusleje;
  trin.push({ id: 'boligudgift', tekst: `Årlig boligudgift: 12 × ${kr(H.maanedligHusleje)} = ${kr(B0)}.`, vaerdi: B0, paragraf: '§ 10' });

  // Area limit (SECONDARY; the proportional reduction is a Fortolkning).
  const a1 = c.num('boligstoette_areal_foerste_person_m2');
  const a2 = c.num('boligstoette_areal_pr_person_m2');
  const L = a1 + a2 * (personer - 1);
  let B = B0;
  if (H.arealM2 === undefined) {
    trin.push({ id: 'areal', tekst: `Boligens areal er ikke oplyst; arealgrænsen (${heltal.format(L)} m² for ${personer} ${personer === 1 ? 'person' : 'personer'}) er ikke anvendt.`, vaerdi: B, paragraf: null });
    forbehold.push(`Arealet er ikke oplyst: er boligen større end ${heltal.format(L)} m², indgår huslejen for det overskydende areal ikke, og støtten bliver mindre.`);
    usikker = true;
  } else if (r9(H.arealM2) > r9(L)) {
    B = (B0 * L) / H.arealM2;
    trin.push({ id: 'areal', tekst: `Arealet ${tal2.format(H.arealM2)} m² overstiger arealgrænsen ${heltal.format(L)} m²${personer > 1 ? ` (${a1} m² + ${a2} m² × ${personer - 1} øvrige)` : ''}; boligudgiften nedsættes forholdsmæssigt: ${kr(B0)} × ${heltal.format(L)} / ${tal2.format(H.arealM2)} = ${kr(r2(B))}.`, vaerdi: r2(B), paragraf: 'arealgrænse' });
  } else {
    trin.push({ id: 'areal', tekst: `Arealet ${tal2.format(H.arealM2)} m² er inden for arealgrænsen ${heltal.format(L)} m²${personer > 1 ? ` (${a1} m² + ${a2} m² × ${personer - 1} øvrige)` : ''}.`, vaerdi: B, paragraf: 'arealgrænse' });
  }

  // The yearly cap on the housing cost (§ 14), when a sats is known for the date.
  const loftNavn = `${P}_max_aarlig_leje_kr`;
  if (p.inForce(loftNavn, date)) {
    const loft = c.num(loftNavn);
    if (r9(B) > r9(loft)) {
      trin.push({ id: 'lejeloft', tekst: `Boligudgiften ${kr(r2(B))} overstiger loftet ${kr(loft)} (§ 14); ${kr(loft)} indgår.`, vaerdi: loft, paragraf: '§ 14' });
      B = loft;
    } else trin.push({ id: 'lejeloft', tekst: `Boligudgiften ${kr(r2(B))} er under loftet ${kr(loft)} (§ 14).`, vaerdi: r2(B), paragraf: '§ 14' });
  } else {
    trin.push({ id: 'lejeloft', tekst: `Loftet over den årlige boligudgift (§ 14) for ${aar} er ikke kendt i systemet; det er ikke anvendt.`, vaerdi: r2(B), paragraf: '§ 14' });
    forbehold.push(`Loftet over den årlige boligudgift (§ 14) for ${aar} er ikke kendt (RULES.md 8.2 giver kun 2025-satsen); ved en høj husleje kan støtten blive mindre.`);
  }

  // Rent over half of the income: no right to boligstøtte; a discretionary assessment (§ 15).
  const halvPct = c.num('boligstoette_husleje_andel_af_indkomst_pct');
  const halv = (halvPct * I) / 100;
  if (r9(B) > r9(halv)) {
    usikker = true;
    trin.push({ id: 'halv_indkomst', tekst: `Boligudgiften ${kr(r2(B))} overstiger ${pct(halvPct)} af husstandsindkomsten (${kr(r2(halv))}): der er ikke krav på boligstøtte; Udbetaling Danmark afgør efter en samlet vurdering, om og hvor meget der kan ydes (§ 15). Skønnet nedenfor er beløbet efter formlen og kan blive 0.`, vaerdi: r2(halv), paragraf: '§ 15' });
    forbehold.push(`Huslejen overstiger ${pct(halvPct)} af husstandsindkomsten: boligstøtten beror på en samlet vurdering og kan blive 0 (§ 15).`);
  } else {
    trin.push({ id: 'halv_indkomst', tekst: `Boligudgiften ${kr(r2(B))} overstiger ikke ${pct(halvPct)} af husstandsindkomsten (${kr(r2(halv))}).`, vaerdi: r2(halv), paragraf: '§ 15' });
  }

  // Income limit with children.
  const G0 = c.num(`${P}_indkomstgraense_kr`);
  const inc = c.num(`${P}_boernetillaeg_kr`);
  const maxBoern = c.num('boligstoette_boernetillaeg_max_boern');
  const ekstra = Math.max(0, Math.min(boern, maxBoern) - 1);
  const G = G0 + inc * ekstra;
  trin.push({
    id: 'indkomstgraense',
    tekst:
      ekstra > 0
        ? `Indkomstgrænse: ${kr(G0)} + ${ekstra} × ${kr(inc)} (børn ud over ét, op til og med ${maxBoern}) = ${kr(G)}; ${boern} ${boern === 1 ? 'barn' : 'børn'} under ${barnUnder} år.`
        : `Indkomstgrænse: ${kr(G0)}; ${boern} ${boern === 1 ? 'barn' : 'børn'} under ${barnUnder} år (forøges først fra 2. barn).`,
    vaerdi: G,
    paragraf: P === 'boligydelse' ? '§ 21, stk. 1' : '§ 22, stk. 1',
  });
  const voksneUnder30 = household.medlemmer.filter((m) => m.rolle !== 'barn').map((m) => alderPaa(m, date));
  if (P === 'boligsikring' && boern > 0 && voksneUnder30.length === 2 && voksneUnder30.every((a) => a !== undefined && a < 30))
    forbehold.push('To voksne under 30 år med børn: indkomstgrænsen forøges også for det første barn (§ 22, stk. 1, 3. pkt.); det er ikke medregnet, så den faktiske boligsikring kan være højere.');

  // Rent share and income deduction.
  const andelPct = c.num(`${P}_huslejeandel_pct`);
  const indkPct = c.num(`${P}_indkomstandel_pct`);
  let andel: number;
  if (P === 'boligydelse') {
    const t = c.num('boligydelse_tillaeg_kr');
    andel = (andelPct * (B + t)) / 100;
    trin.push({ id: 'huslejeandel', tekst: `${pct(andelPct)} af (boligudgift + tillæg): ${pct(andelPct)} × (${kr(r2(B))} + ${kr(t)}) = ${kr(r2(andel))}.`, vaerdi: r2(andel), paragraf: '§ 21, stk. 1' });
  } else {
    andel = (andelPct * B) / 100;
    trin.push({ id: 'huslejeandel', tekst: `${pct(andelPct)} af boligudgiften: ${pct(andelPct)} × ${kr(r2(B))} = ${kr(r2(andel))}.`, vaerdi: r2(andel), paragraf: '§ 22, stk. 1' });
  }
  const over = Math.max(0, I - G);
  const fradrag = (indkPct * over) / 100;
  trin.push({
    id: 'indkomstfradrag',
    tekst: over > 0 ? `Indkomstfradrag: ${pct(indkPct)} × (${kr(I)} − ${kr(G)}) = ${pct(indkPct)} × ${kr(over)} = ${kr(r2(fradrag))}.` : `Indkomstfradrag: husstandsindkomsten ${kr(I)} er ikke over grænsen ${kr(G)}; intet fradrag.`,
    vaerdi: r2(fradrag),
    paragraf: P === 'boligydelse' ? '§ 21, stk. 1' : '§ 22, stk. 1',
  });
  let S = Math.max(0, r9(andel - fradrag));
  trin.push({ id: 'grundbeloeb', tekst: `Beregnet støtte: ${kr(r2(andel))} − ${kr(r2(fradrag))} = ${kr(r2(S))}${r9(andel - fradrag) < 0 ? ' (negativ: 0)' : ''}.`, vaerdi: r2(S), paragraf: P === 'boligydelse' ? '§ 21, stk. 1' : '§ 22, stk. 1' });

  // Minimum own payment.
  let E: number;
  let eTekst: string;
  if (P === 'boligydelse') {
    const eP = c.num('boligydelse_egenbetaling_min_pct');
    const eK = c.num('boligydelse_egenbetaling_min_kr');
    const ep = (eP * I) / 100;
    E = Math.max(ep, eK);
    eTekst = `Mindste egenbetaling: det højeste af ${pct(eP)} × ${kr(I)} = ${kr(r2(ep))} og ${kr(eK)}, altså ${kr(r2(E))}`;
  } else {
    E = c.num('boligsikring_egenbetaling_min_kr');
    eTekst = `Mindste egenbetaling: ${kr(E)}`;
  }
  const maxEfterE = Math.max(0, r9(B - E));
  if (r9(S) > maxEfterE) {
    trin.push({ id: 'egenbetaling', tekst: `${eTekst}; støtten kan højst være ${kr(r2(B))} − ${kr(r2(E))} = ${kr(r2(maxEfterE))}.`, vaerdi: r2(maxEfterE), paragraf: P === 'boligydelse' ? '§ 21, stk. 2' : '§ 22, stk. 2' });
    S = maxEfterE;
  } else trin.push({ id: 'egenbetaling', tekst: `${eTekst}; boligudgiften minus støtten er mindst det (${kr(r2(B - S))}).`, vaerdi: r2(S), paragraf: P === 'boligydelse' ? '§ 21, stk. 2' : '§ 22, stk. 2' });

  // Boligsikring without children: at most 15 % of the housing cost, unless a member receives førtidspension/seniorpension.
  if (P === 'boligsikring') {
    const loftPct = c.num('boligsikring_uden_boern_max_pct_af_boligudgift');
    if (boern > 0) trin.push({ id: 'loft_uden_boern', tekst: `Husstanden har børn under ${barnUnder} år; loftet på ${pct(loftPct)} af boligudgiften gælder ikke.`, vaerdi: r2(S), paragraf: '§ 22, stk. 3' });
    else {
      const undtaget = c.bool('boligsikring_15pct_loft_undtaget_foertidspension');
      const fp = household.medlemmer.map((m) => ({ m, r: modtagerPaaDatoen(m.ydelser, ['foertidspension', 'seniorpension'], date) }));
      const ja = fp.filter((x) => x.r.udfald === 'ja');
      const loft = (loftPct * B) / 100;
      if (undtaget && ja.length > 0) {
        trin.push({ id: 'loft_uden_boern', tekst: `Ingen børn, men ${opremsning(ja.map((x) => label.get(x.m.id)!))} modtager ${opremsning([...new Set(ja.flatMap((x) => x.r.arter.map((k) => YDELSE_NAVN[k])))])}; loftet på ${pct(loftPct)} af boligudgiften gælder ikke (§ 22, stk. 3, nr. 1).`, vaerdi: r2(S), paragraf: '§ 22, stk. 3' });
      } else {
        const ukendt = undtaget ? fp.filter((x) => x.r.udfald === 'ukendt') : [];
        if (r9(S) > r9(loft)) {
          trin.push({ id: 'loft_uden_boern', tekst: `Ingen børn under ${barnUnder} år: støtten kan højst være ${pct(loftPct)} × ${kr(r2(B))} = ${kr(r2(loft))}.`, vaerdi: r2(loft), paragraf: '§ 22, stk. 3' });
          if (ukendt.length > 0) {
            usikker = true;
            forbehold.push(`Det er ikke oplyst, om ${opremsning(ukendt.map((x) => label.get(x.m.id)!))} modtager førtidspension eller seniorpension; i så fald gælder loftet på ${pct(loftPct)} ikke, og støtten kan være op til ${kr(Math.floor(r9(S)))} om året.`);
          }
          S = r9(loft);
        } else trin.push({ id: 'loft_uden_boern', tekst: `Ingen børn under ${barnUnder} år: loftet ${pct(loftPct)} × ${kr(r2(B))} = ${kr(r2(loft))} nås ikke.`, vaerdi: r2(S), paragraf: '§ 22, stk. 3' });
      }
    }
  }

  // Maximum.
  const mFor = c.num('boligstoette_maksimum_forhoejelse_pct');
  const mMin = c.num('boligstoette_maksimum_forhoejelse_min_boern');
  const max0 = c.num(`${P}_maksimum_kr`);
  const maxK = boern >= mMin ? (max0 * (100 + mFor)) / 100 : max0;
  const maxTekst = boern >= mMin ? `${kr(max0)} + ${pct(mFor)} (${boern} børn, mindst ${mMin}) = ${kr(maxK)}` : kr(max0);
  const ingenMax = P === 'boligydelse' && H.kommunalAnvisningTilAlmenBolig && c.bool('boligydelse_intet_maksimum_kommunal_anvisning_almen');
  if (ingenMax) trin.push({ id: 'maksimum', tekst: `Intet maksimum: boligydelse ved kommunal anvisning af en almen bolig (§ 23, stk. 2; ellers ${maxTekst}).`, vaerdi: r2(S), paragraf: '§ 23, stk. 2' });
  else if (r9(S) > r9(maxK)) {
    trin.push({ id: 'maksimum', tekst: `Støtten ${kr(r2(S))} overstiger maksimum ${maxTekst}; ${kr(maxK)} (§ 23, stk. 1).`, vaerdi: maxK, paragraf: '§ 23, stk. 1' });
    S = maxK;
  } else trin.push({ id: 'maksimum', tekst: `Maksimum ${maxTekst} nås ikke (§ 23, stk. 1).`, vaerdi: r2(S), paragraf: '§ 23, stk. 1' });

  // Rounding. Fortolkning: down (to whole kroner; boligydelse to a multiple of 12).
  let aarligt: number;
  if (P === 'boligydelse') {
    const d = c.num('boligydelse_aarligt_beloeb_deleligt_med');
    aarligt = Math.floor(r9(S) / d) * d;
    trin.push({ id: 'afrunding', tekst: `Boligydelsen er et årligt kronebeløb deleligt med ${d}: ${kr(r2(S))} nedrundes til ${kr(aarligt)}.`, vaerdi: aarligt, paragraf: null });
  } else {
    aarligt = Math.floor(r9(S));
    trin.push({ id: 'afrunding', tekst: `Nedrundet til hele kroner: ${kr(aarligt)}.`, vaerdi: aarligt, paragraf: null });
  }

  // Minimum payout.
  if (P === 'boligydelse') {
    const minM = c.num('boligydelse_minimum_udbetaling_maaned_kr');
    if (aarligt > 0 && r9(aarligt / 12) < minM) {
      trin.push({ id: 'minimum', tekst: `${kr(r2(aarligt / 12))} pr. måned er mindre end ${kr(minM)}; boligydelsen udbetales ikke, når den første gang den beregnes er under dette beløb.`, vaerdi: 0, paragraf: '§§ 33-34' });
      aarligt = 0;
    } else trin.push({ id: 'minimum', tekst: `${kr(r2(aarligt / 12))} pr. måned${aarligt > 0 ? ` er ikke mindre end ${kr(minM)}` : ''}.`, vaerdi: aarligt, paragraf: '§§ 33-34' });
  } else {
    trin.push({ id: 'minimum', tekst: 'Bagatelgrænsen for boligsikring er ikke kendt i systemet; den er ikke anvendt.', vaerdi: aarligt, paragraf: null });
    if (aarligt > 0) forbehold.push('Bagatelgrænsen for boligsikring er ikke kendt (RULES.md 8.2 giver kun boligydelsens 365 kr. pr. måned); et lille beløb udbetales måske ikke.');
  }
  const maanedligt = r2(aarligt / 12);
  trin.push({ id: 'resultat', tekst: `Skønnet ${P}: ${kr(aarligt)} om året, ${kr(maanedligt)} om måneden.`, vaerdi: aarligt, paragraf: null });
  for (const t of trin) t.tekst = punktum(t.tekst);
  return { skoen: true, advarsel: SKOEN_ADVARSEL, dato: date, status: 'beregnet', art: P, aarligt, maanedligt, usikker, trin, forbehold, mangler, parametre: parametre(), satserFra: satser.satserFra, satserNote: satser.satserNote };
}

// ---------------------------------------------------------------------------------------------------------------
// 6. Affordability

/**
 * PRODUKTINDSTILLING, NOT LAW (RULES.md 8.1: there is no statutory rent ceiling for boligsocial anvisning; limits such
 * as "under 3,000 kr." are local practice). The default: the rent after estimated boligstøtte may take at most 30 %
 * of the household's gross monthly income, the common benchmark of housing affordability (housing cost at most 30 %
 * of gross income). Each municipality sets its own in the call; the result says which was used.
 */
export const STANDARD_BETALINGSEVNE = Object.freeze({ maxAndelPct: 30 });

export interface BetalingsevneIndstilling {
  /** The share (0-100] of the gross monthly income the rent after boligstøtte may take ("højst"). */
  maxAndelPct?: number;
}

export interface Betalingsevne {
  dato: string;
  status: 'kan_betale' | 'kan_ikke_betale' | 'usikker' | 'kan_ikke_afgoeres';
  husleje: number;
  /** Estimated boligstøtte per month (0 when it cannot be computed but is not needed). */
  boligstoetteMaaned: number | null;
  nettoHusleje: number | null;
  maanedsindkomst: number | null;
  /** Net rent as % of the gross monthly income (2 decimals); null when unknown or the income is 0. */
  andelPct: number | null;
  maxAndelPct: number;
  /** The highest net rent within the share, kr. per month. */
  maxNettoHusleje: number | null;
  /** maxNettoHusleje − nettoHusleje: positive = room to spare. */
  luft: number | null;
  begrundelse: string[];
  mangler: string[];
  indstilling: { maxAndelPct: number; kilde: 'standard' | 'valgt'; tekst: string };
  boligstoette: BoligstoetteSkoen;
  /** As the boligstøtte estimate's (decision 021): the year of the satser used when the date's are not known. */
  satserFra: number | null;
  satserNote: string | null;
}

/**
 * Whether the household can bear the rent: the monthly rent minus the estimated boligstøtte (boligstoette) as a share
 * of the household's gross monthly income, against `maxAndelPct` ("højst": equal is affordable). When the boligstøtte
 * rests on a discretionary rule or an unknown fact and the rent is affordable with it but not without, the answer is
 * 'usikker'. Without an income the answer is 'kan_ikke_afgoeres'; when the boligstøtte cannot be estimated, the rent
 * without it decides if it is affordable, else 'kan_ikke_afgoeres'.
 */
export function affordability(household: Husstand, husleje: number | HuslejeFakta, date: string, params: Params, indstilling: BetalingsevneIndstilling = {}): Betalingsevne {
  const maxAndelPct = indstilling.maxAndelPct ?? STANDARD_BETALINGSEVNE.maxAndelPct;
  if (!(Number.isFinite(maxAndelPct) && maxAndelPct > 0 && maxAndelPct <= 100)) throw invalid('maxAndelPct', 'Andelen skal være over 0 og højst 100 %.');
  const kilde = indstilling.maxAndelPct === undefined ? 'standard' : 'valgt';
  const ind = {
    maxAndelPct,
    kilde,
    tekst: `Højst ${pct(maxAndelPct)} af husstandens bruttoindkomst til husleje efter boligstøtte: ${kilde === 'standard' ? 'systemets standard' : 'kommunens valg'}, en produktindstilling, ikke lov (der er ingen lovbestemt grænse, RULES.md 8.1).`,
  } as const;
  const st = boligstoette(household, husleje, date, params);
  const H = normHusleje(husleje).maanedligHusleje;
  const I = household.husstandsindkomstAar;
  const begrundelse: string[] = [ind.tekst];
  const out = (o: Partial<Betalingsevne> & Pick<Betalingsevne, 'status'>): Betalingsevne => ({
    dato: date,
    husleje: H,
    boligstoetteMaaned: null,
    nettoHusleje: null,
    maanedsindkomst: null,
    andelPct: null,
    maxAndelPct,
    maxNettoHusleje: null,
    luft: null,
    begrundelse,
    mangler: [],
    indstilling: ind,
    boligstoette: st,
    satserFra: st.satserFra,
    satserNote: st.satserNote,
    ...o,
  });
  if (I === undefined) {
    begrundelse.push('Kan ikke afgøres: husstandsindkomsten er ikke oplyst.');
    return out({ status: 'kan_ikke_afgoeres', mangler: ['husstandsindkomst pr. år'] });
  }
  const M = I / 12;
  const maxNetto = r2((maxAndelPct * M) / 100);
  const share = (net: number) => (M > 0 ? (net * 100) / M : net > 0 ? Infinity : 0);
  const ok = (net: number) => r9(share(net)) <= r9(maxAndelPct);
  const sh = (net: number) => (Number.isFinite(share(net)) ? pct(r2(share(net))) : 'uendelig (ingen indkomst)');
  begrundelse.push(`Månedlig bruttoindkomst: ${kr(I)} / 12 = ${kr(r2(M))}; højst ${pct(maxAndelPct)} = ${kr(maxNetto)} til husleje efter boligstøtte.`);
  if (st.status !== 'beregnet') {
    if (ok(H)) {
      begrundelse.push(`Boligstøtten kan ikke skønnes (mangler ${opremsning(st.mangler)}), men huslejen ${kr(H)} er ${sh(H)} af indkomsten uden boligstøtte og dermed højst ${pct(maxAndelPct)}.`);
      return out({ status: 'kan_betale', nettoHusleje: H, maanedsindkomst: r2(M), andelPct: Number.isFinite(share(H)) ? r2(share(H)) : null, maxNettoHusleje: maxNetto, luft: r2(maxNetto - H) });
    }
    begrundelse.push(`Kan ikke afgøres: huslejen ${kr(H)} er ${sh(H)} af indkomsten uden boligstøtte, og boligstøtten kan ikke skønnes (mangler ${opremsning(st.mangler)}).`);
    return out({ status: 'kan_ikke_afgoeres', maanedsindkomst: r2(M), maxNettoHusleje: maxNetto, mangler: st.mangler });
  }
  const bs = st.maanedligt!;
  const net = r2(H - bs);
  begrundelse.push(`Husleje ${kr(H)} − skønnet ${st.art} ${kr(bs)} = ${kr(net)} pr. måned (skøn, ikke Udbetaling Danmarks afgørelse).`);
  if (st.satserNote) begrundelse.push(st.satserNote);
  const medStoette = ok(net);
  let status: Betalingsevne['status'];
  if (medStoette) {
    if (st.usikker && bs > 0 && !ok(H)) {
      status = 'usikker';
      begrundelse.push(`Med boligstøtten er huslejen ${sh(net)} af indkomsten (højst ${pct(maxAndelPct)}), men uden den ${sh(H)}, og boligstøtten er usikker: ${st.forbehold.filter((f) => !/^(Formue|Boligudgiften er huslejen|Forhøjelser)/.test(f)).join(' ')}`);
    } else {
      status = 'kan_betale';
      begrundelse.push(`${kr(net)} er ${sh(net)} af indkomsten, højst ${pct(maxAndelPct)}: husstanden kan bære huslejen (luft ${kr(r2(maxNetto - net))} pr. måned).`);
    }
  } else {
    status = 'kan_ikke_betale';
    begrundelse.push(`${kr(net)} er ${sh(net)} af indkomsten, over ${pct(maxAndelPct)}: husstanden kan ikke bære huslejen (${kr(r2(net - maxNetto))} for meget pr. måned).`);
  }
  for (let i = 0; i < begrundelse.length; i++) begrundelse[i] = punktum(begrundelse[i]);
  return out({ status, boligstoetteMaaned: bs, nettoHusleje: net, maanedsindkomst: r2(M), andelPct: Number.isFinite(share(net)) ? r2(share(net)) : null, maxNettoHusleje: maxNetto, luft: r2(maxNetto - net) });
}

// ---------------------------------------------------------------------------------------------------------------
// 7. Affordability for many dwellings at once (the batch assignment, decision 017)

export interface HurtigBetalingsevne {
  status: Betalingsevne['status'];
  boligstoetteMaaned: number | null;
  nettoHusleje: number | null;
}

export interface Betalingsevnefilter {
  /** affordability's status, estimated boligstøtte and net rent for one dwelling (same numbers; no texts). */
  vurder(husleje: number | HuslejeFakta): HurtigBetalingsevne;
  /** Only the status, for an almen bolig anvist by the municipality (the default of HuslejeFakta). */
  status(maanedligHusleje: number, arealM2?: number): Betalingsevne['status'];
  /**
   * A rent above which the answer is surely 'kan_ikke_betale', whatever the area (an upper bound, not the exact
   * limit: net rent is not monotone in rent, e.g. boligydelse under 365 kr. a month is not paid). Infinity when the
   * answer can be 'kan_ikke_afgoeres' (boligstøtte or income not known): those pairs keep that reason.
   */
  loftHusleje: number;
  /**
   * A rent at or below which the answer is surely 'kan_betale' or 'usikker' (never 'kan_ikke_betale' or
   * 'kan_ikke_afgoeres') for a valid rent and area: the rent alone is within the share, and boligstøtte only lowers
   * the net rent. -Infinity when no rent is sure (no income, or the full functions are used). A lower bound, not the
   * exact limit.
   */
  gulvHusleje: number;
}

/** The satser betalingsevnefilter reads, per law and date (the same values Brug reads; errors are not cached), and
 *  whether every yearly sats is in force then. One reader per law and date: every household of a batch asks. */
interface Satser {
  num(name: string): number;
  bool(name: string): boolean;
  inForce(name: string): boolean;
  readonly aarligeIKraft: boolean;
}
const satserCache = new WeakMap<Params, Map<string, Satser>>();
function satserFor(params: Params, date: string): Satser {
  let pr = satserCache.get(params);
  if (pr === undefined) satserCache.set(params, (pr = new Map()));
  let s = pr.get(date);
  if (s !== undefined) return s;
  const c = new Brug(params, date);
  const tal = new Map<string, number>();
  const janej = new Map<string, boolean>();
  const iKraft = new Map<string, boolean>();
  const inForce = (name: string) => {
    let v = iKraft.get(name);
    if (v === undefined) iKraft.set(name, (v = params.inForce(name, date)));
    return v;
  };
  s = {
    num(name) {
      let v = tal.get(name);
      if (v === undefined) tal.set(name, (v = c.num(name)));
      return v;
    },
    bool(name) {
      let v = janej.get(name);
      if (v === undefined) janej.set(name, (v = c.bool(name)));
      return v;
    },
    inForce,
    aarligeIKraft: AARLIGE_SATSER.every(inForce),
  };
  pr.set(date, s);
  return s;
}

/**
 * affordability split for many dwellings: everything in the boligstøtte estimate that depends on the household and
 * the date (scheme, income, children, the limits and shares, the exemptions) is read once; a dwelling then costs the
 * arithmetic of the formula on its rent and area, the same operations in the same order as boligstoette and
 * affordability (property-tested against them in anvisning-hurtig.test.ts). A date whose satser are not all in force
 * (boligstoette then throws or borrows earlier satser) uses the full functions per dwelling.
 */
export function betalingsevnefilter(household: Husstand, date: string, params: Params, indstilling: BetalingsevneIndstilling = {}): Betalingsevnefilter {
  parseIso('dato', date);
  validateHusstand(household);
  return betalingsevnefilterValideret(household, date, params, indstilling);
}

/** betalingsevnefilter for a household that has just passed validateHusstand (e.g. through anvisningsfilter's
 *  `husstand`, which validates it): the same, without validating it a second time. */
export function betalingsevnefilterValideret(household: Husstand, date: string, params: Params, indstilling: BetalingsevneIndstilling = {}): Betalingsevnefilter {
  parseIso('dato', date);
  const maxAndelPct = indstilling.maxAndelPct ?? STANDARD_BETALINGSEVNE.maxAndelPct;
  const fuld = (husleje: number | HuslejeFakta) => fuldBetalingsevne(household, husleje, date, params, indstilling);
  const medStatus = (vurder: Betalingsevnefilter['vurder'], loftHusleje: number, gulvHusleje = -Infinity): Betalingsevnefilter => ({
    vurder,
    status: (maanedligHusleje, arealM2) => vurder(arealM2 === undefined ? { maanedligHusleje } : { maanedligHusleje, arealM2 }).status,
    loftHusleje,
    gulvHusleje,
  });
  if (!(Number.isFinite(maxAndelPct) && maxAndelPct > 0 && maxAndelPct <= 100)) return medStatus(fuld, Infinity);
  const c = satserFor(params, date);
  if (!c.aarligeIKraft) return medStatus(fuld, Infinity);
  const I = household.husstandsindkomstAar;
  // Which scheme (as boligstoette).
  let art: Boligstoetteart | null = household.boligstoetteart ?? null;
  let artUkendt = false;
  if (!art) {
    const pension = household.medlemmer.filter((m) => m.rolle !== 'barn').map((m) => modtagerPaaDatoen(m.ydelser, ['folkepension'], date).udfald);
    if (pension.includes('ja')) art = 'boligydelse';
    else if (pension.includes('ukendt')) artUkendt = true;
    else art = 'boligsikring';
  }
  const barnUnder = c.num('boligstoette_barn_under_aar');
  let boern = 0;
  let alderUkendt = false;
  for (const m of household.medlemmer) {
    if (m.rolle !== 'barn') continue;
    const a = alderPaa(m, date);
    if (a === undefined) alderUkendt = true;
    else if (a < barnUnder) boern++;
  }
  // Without an income: 'kan_ikke_afgoeres'. Boligstøtte not estimable: the rent alone decides if it is affordable.
  if (I === undefined) return medStatus((h) => (gyldigHusleje(h) === null ? fuld(h) : { status: 'kan_ikke_afgoeres', boligstoetteMaaned: null, nettoHusleje: null }), Infinity);
  const M = I / 12;
  const maxNetto = r2((maxAndelPct * M) / 100);
  const maxAndel9 = r9(maxAndelPct);
  const ok = (net: number) => indenforAndel(net, M, maxAndel9);
  // The floor: a rent 1 kr. under the share of the income is within it (whatever the rounding to øre and the
  // 9-decimal comparison), and the net rent is never above the rent (the boligstøtte is at least 0).
  const gulv = M > 0 ? maxNetto - 1 : -Infinity;
  if (art === null || artUkendt || alderUkendt)
    return medStatus(
      (h) => {
        const H = gyldigHusleje(h);
        if (H === null) return fuld(h);
        return ok(H) ? { status: 'kan_betale', boligstoetteMaaned: null, nettoHusleje: H } : { status: 'kan_ikke_afgoeres', boligstoetteMaaned: null, nettoHusleje: null };
      },
      Infinity,
      gulv,
    );
  const P = art;
  const personer = household.medlemmer.length;
  const L = c.num('boligstoette_areal_foerste_person_m2') + c.num('boligstoette_areal_pr_person_m2') * (personer - 1);
  const loftNavn = `${P}_max_aarlig_leje_kr`;
  const lejeloft = c.inForce(loftNavn) ? c.num(loftNavn) : null;
  const halv = (c.num('boligstoette_husleje_andel_af_indkomst_pct') * I) / 100;
  const G0 = c.num(`${P}_indkomstgraense_kr`);
  const inc = c.num(`${P}_boernetillaeg_kr`);
  const maxBoern = c.num('boligstoette_boernetillaeg_max_boern');
  const G = G0 + inc * Math.max(0, Math.min(boern, maxBoern) - 1);
  const andelPct = c.num(`${P}_huslejeandel_pct`);
  const indkPct = c.num(`${P}_indkomstandel_pct`);
  const t = P === 'boligydelse' ? c.num('boligydelse_tillaeg_kr') : 0;
  const fradrag = (indkPct * Math.max(0, I - G)) / 100;
  const E = P === 'boligydelse' ? Math.max((c.num('boligydelse_egenbetaling_min_pct') * I) / 100, c.num('boligydelse_egenbetaling_min_kr')) : c.num('boligsikring_egenbetaling_min_kr');
  // Boligsikring without children: the 15 % cap, unless a member receives førtidspension or seniorpension.
  let loftPct: number | null = null;
  let loftUsikker = false;
  if (P === 'boligsikring' && boern === 0) {
    const undtaget = c.bool('boligsikring_15pct_loft_undtaget_foertidspension');
    const fp = household.medlemmer.map((m) => modtagerPaaDatoen(m.ydelser, ['foertidspension', 'seniorpension'], date).udfald);
    if (!(undtaget && fp.includes('ja'))) {
      loftPct = c.num('boligsikring_uden_boern_max_pct_af_boligudgift');
      loftUsikker = undtaget && fp.includes('ukendt');
    }
  }
  const mFor = c.num('boligstoette_maksimum_forhoejelse_pct');
  const max0 = c.num(`${P}_maksimum_kr`);
  const maxK = boern >= c.num('boligstoette_maksimum_forhoejelse_min_boern') ? (max0 * (100 + mFor)) / 100 : max0;
  const ingenMaxParam = P === 'boligydelse' && c.bool('boligydelse_intet_maksimum_kommunal_anvisning_almen');
  const deleligt = P === 'boligydelse' ? c.num('boligydelse_aarligt_beloeb_deleligt_med') : 1;
  const minM = P === 'boligydelse' ? c.num('boligydelse_minimum_udbetaling_maaned_kr') : 0;

  // The bound: boligstøtte per month is at most andel − fradrag (B <= 12 × rent), the 15 % cap and the maximum, each
  // a line in the rent with slope below 1; the rent is affordable only if rent − that bound <= maxNetto (+ 1 kr. for
  // the rounding to øre and the 9-decimal comparison).
  const X = maxNetto + 1;
  const a = andelPct / 100;
  const b = ((andelPct * t) / 100 - fradrag) / 12;
  let loftHusleje = a < 1 ? Math.max(X, (X + b) / (1 - a)) : Infinity;
  if (loftPct !== null && loftPct < 100) loftHusleje = Math.min(loftHusleje, X / (1 - loftPct / 100));
  if (!ingenMaxParam) loftHusleje = Math.min(loftHusleje, X + maxK / 12);
  return new Formel({ household, date, params, indstilling, P, L, lejeloft, halv, andelPct, t, fradrag, E, loftPct, loftUsikker, maxK, ingenMaxParam, deleligt, minM, M, maxAndelPct, loftHusleje, gulvHusleje: gulv });
}

/** Whether a net rent is within the share of the monthly income M (affordability's test, the share rounded to 9
 *  decimals; maxAndel9 = r9(maxAndelPct)). */
function indenforAndel(net: number, M: number, maxAndel9: number): boolean {
  return r9(M > 0 ? (net * 100) / M : net > 0 ? Infinity : 0) <= maxAndel9;
}

/** A rent (and area) that affordability takes, as a number; null for what it rejects (so it throws its own error). */
function gyldigHusleje(h: number | HuslejeFakta): number | null {
  const H = typeof h === 'number' ? h : h?.maanedligHusleje;
  const areal = typeof h === 'number' ? undefined : h?.arealM2;
  return Number.isFinite(H) && H >= 0 && (areal === undefined || (Number.isFinite(areal) && areal > 0)) ? H : null;
}

/** The full function's answer as HurtigBetalingsevne (edge cases of betalingsevnefilter). */
function fuldBetalingsevne(household: Husstand, husleje: number | HuslejeFakta, date: string, params: Params, indstilling: BetalingsevneIndstilling): HurtigBetalingsevne {
  const b = affordability(household, husleje, date, params, indstilling);
  return { status: b.status, boligstoetteMaaned: b.boligstoetteMaaned, nettoHusleje: b.nettoHusleje };
}

interface FormelData {
  household: Husstand;
  date: string;
  params: Params;
  indstilling: BetalingsevneIndstilling;
  P: Boligstoetteart;
  L: number;
  lejeloft: number | null;
  halv: number;
  andelPct: number;
  t: number;
  fradrag: number;
  E: number;
  loftPct: number | null;
  loftUsikker: boolean;
  maxK: number;
  ingenMaxParam: boolean;
  deleligt: number;
  minM: number;
  M: number;
  maxAndelPct: number;
  loftHusleje: number;
  gulvHusleje: number;
}

/**
 * The formula for one household on many dwellings (betalingsevnefilter's main path): the household's numbers as
 * fields, its own limits rounded once, and no closures, so a batch keeps a small object per household through the
 * pairs instead of a closure scope. beregn sets bs and net; input already checked.
 */
class Formel implements Betalingsevnefilter {
  private readonly household: Husstand;
  private readonly date: string;
  private readonly params: Params;
  private readonly indstilling: BetalingsevneIndstilling;
  private readonly boligydelse: boolean;
  private readonly L: number;
  private readonly L9: number;
  private readonly lejeloft: number | null;
  private readonly lejeloft9: number;
  private readonly halv9: number;
  private readonly andelPct: number;
  private readonly t: number;
  private readonly fradrag: number;
  private readonly E: number;
  private readonly loftPct: number | null;
  private readonly loftUsikker: boolean;
  private readonly maxK: number;
  private readonly maxK9: number;
  private readonly ingenMaxParam: boolean;
  private readonly deleligt: number;
  private readonly minM: number;
  private readonly M: number;
  private readonly maxAndel9: number;
  readonly loftHusleje: number;
  readonly gulvHusleje: number;
  private bs = 0;
  private net = 0;
  constructor(d: FormelData) {
    this.household = d.household;
    this.date = d.date;
    this.params = d.params;
    this.indstilling = d.indstilling;
    this.boligydelse = d.P === 'boligydelse';
    this.L = d.L;
    this.L9 = r9(d.L);
    this.lejeloft = d.lejeloft;
    this.lejeloft9 = d.lejeloft === null ? 0 : r9(d.lejeloft);
    this.halv9 = r9(d.halv);
    this.andelPct = d.andelPct;
    this.t = d.t;
    this.fradrag = d.fradrag;
    this.E = d.E;
    this.loftPct = d.loftPct;
    this.loftUsikker = d.loftUsikker;
    this.maxK = d.maxK;
    this.maxK9 = r9(d.maxK);
    this.ingenMaxParam = d.ingenMaxParam;
    this.deleligt = d.deleligt;
    this.minM = d.minM;
    this.M = d.M;
    this.maxAndel9 = r9(d.maxAndelPct);
    this.loftHusleje = d.loftHusleje;
    this.gulvHusleje = d.gulvHusleje;
  }
  private beregn(H: number, areal: number | undefined, kommunal: boolean): Betalingsevne['status'] {
    let usikker = areal === undefined;
    const B0 = 12 * H;
    let B = areal !== undefined && r9(areal) > this.L9 ? (B0 * this.L) / areal : B0;
    if (this.lejeloft !== null && r9(B) > this.lejeloft9) B = this.lejeloft;
    if (r9(B) > this.halv9) usikker = true;
    const andel = this.boligydelse ? (this.andelPct * (B + this.t)) / 100 : (this.andelPct * B) / 100;
    let S = Math.max(0, r9(andel - this.fradrag));
    const maxEfterE = Math.max(0, r9(B - this.E));
    if (r9(S) > maxEfterE) S = maxEfterE;
    if (this.loftPct !== null) {
      const loft = (this.loftPct * B) / 100;
      if (r9(S) > r9(loft)) {
        if (this.loftUsikker) usikker = true;
        S = r9(loft);
      }
    }
    if (!(this.ingenMaxParam && kommunal) && r9(S) > this.maxK9) S = this.maxK;
    let aarligt = this.boligydelse ? Math.floor(r9(S) / this.deleligt) * this.deleligt : Math.floor(r9(S));
    if (this.boligydelse && aarligt > 0 && r9(aarligt / 12) < this.minM) aarligt = 0;
    const bs = r2(aarligt / 12);
    const net = r2(H - bs);
    this.bs = bs;
    this.net = net;
    return indenforAndel(net, this.M, this.maxAndel9) ? (usikker && bs > 0 && !indenforAndel(H, this.M, this.maxAndel9) ? 'usikker' : 'kan_betale') : 'kan_ikke_betale';
  }
  vurder(husleje: number | HuslejeFakta): HurtigBetalingsevne {
    // Anything boligstoette would reject: let it throw its own error.
    const H = gyldigHusleje(husleje);
    if (H === null) return fuldBetalingsevne(this.household, husleje, this.date, this.params, this.indstilling);
    const f = typeof husleje === 'number' ? null : husleje;
    const status = this.beregn(H, f?.arealM2, f?.kommunalAnvisningTilAlmenBolig ?? true);
    return { status, boligstoetteMaaned: this.bs, nettoHusleje: this.net };
  }
  status(H: number, areal?: number): Betalingsevne['status'] {
    return Number.isFinite(H) && H >= 0 && (areal === undefined || (Number.isFinite(areal) && areal > 0))
      ? this.beregn(H, areal, true)
      : fuldBetalingsevne(this.household, areal === undefined ? { maanedligHusleje: H } : { maanedligHusleje: H, arealM2: areal }, this.date, this.params, this.indstilling).status;
  }
}
