// Prognose for beboersammensætningen (issue 5, item 4): for one afdeling, year by year up to 10 years, the share of
// the residents with an indicator (outside the labour market, only grundskole, ...) given its move-out rate and
// who moves in through each letting channel of the udlejningsaftale. Expected path, a Monte Carlo band
// (P10/P50/P90, fixed seed), the first year below a threshold, and scenarios side by side with common random
// numbers. Not a legal rule: a product model. The channels are those of ABL § 59 (kommunal anvisning) and § 60
// (fleksibel udlejning); RULES.md sections 2.1, 2.5 and 2.6. Decision record: docs/decisions/015-prognose-model.md.
//
// A pure function of (afdeling figures, scenarios, options): no clock, database or I/O. Same input and seed give
// the same result on every machine, whatever order or thread the afdelinger are run in (each afdeling's random
// stream is derived from the seed and its id).
//
// The model (product choices, not law; stated again in docs/decisions/015-prognose-model.md):
// - Unit: the HOUSEHOLD (husstand). Vacancies, lettings and the move-out rate (fraflytning_pct, a share of
//   husstande) are per household. The indicator is a share of persons (uden_for_arbejde_pct of beboere_18_64);
//   the model treats it as the share of households "with" the indicator. The expected path does not depend on
//   this (it is linear in the shares); the Monte Carlo band does: households as units draw every adult of a
//   household together (full clustering), so the band is, if anything, a little too wide. A caller that wants
//   adults as units (no clustering, a narrower band) passes beboere_18_64 as `enheder`.
// - A year: a share m = fraflytningPct/100 of the households move out (each independently). Out-movers leave at
//   the current mix (hypergeometric: they are drawn from the residents without regard to the indicator). Every
//   vacancy is let again within the year (no vacancy time; the number of households is constant).
// - Channels: a share w_c of the vacancies is let through channel c. An in-mover through channel c has the
//   indicator with probability s_c. Fortolkning: intern oprykning moves a household that already lives in the
//   afdeling, so it cannot change the mix; the vacancy it leaves behind is one of the move-outs the rate already
//   counts. So only m_ext = m (1 - w_intern) of the households per year are replaced by households from outside.
// - Stayers: optionally a drift d (points per year) in the share among those who stay (people finding work or
//   leaving the labour market), default 0; the stayers' share is kept within 0-100.
// - Expected path, in percent: s_{t+1} = (1 - m_ext) * clamp(s_t + d, 0, 100) + m * sum_{c != intern} w_c s_c.
//   With no intern oprykning and no drift this is s_{t+1} = s_t (1 - m) + m sum_c w_c s_c.
// - Monte Carlo (whole households): per run and year each household leaves with probability m_ext, so
//   X_out ~ Bin(K, m_ext) of the K with the indicator and Y ~ Bin(N - K, m_ext) of the others leave: together
//   exactly D ~ Bin(N, m_ext) move-outs taken at the current mix (hypergeometric given D). If d != 0 stayers change
//   status by a binomial draw with the drift as its mean. X_in ~ Bin(D, p_ext) in-movers with the indicator,
//   p_ext = sum_{c != intern} w_c s_c / (1 - w_intern): each vacancy goes to channel c independently with
//   probability w_c / (1 - w_intern), so the in-movers with the indicator are exactly binomial with the mixed
//   probability (one draw instead of one per channel; a quota like "every 4th vacancy" would give a slightly
//   narrower band). Each indicator draws its own move-outs (indicators are modelled one at a time). Every draw is
//   an inversion of one uniform number: exact while the mean of the smaller side is below 25 (a cached CDF per n
//   with a guide table), else a rounded normal from Acklam's inverse normal CDF. So every run uses the same
//   number of uniforms whatever the parameters: the scenarios of one afdeling see the same random numbers
//   (common random numbers) and their difference is sharp. Quantiles are type 7 (linear between order
//   statistics, as R and numpy by default), from a histogram of the whole-number counts.
// - Start: the runs start at K0 = round(s0 N) households; the rounding remainder (s0 - K0/N) is carried as
//   the part of the original residents still living there and decays with (1 - m_ext)^t, so with no move-outs
//   every run stays exactly at s0, and the Monte Carlo mean converges to the expected path.
// Limits: indicators are modelled one by one (their correlation is not); out-movers are not selective (in
// reality those who find work may move more often); the move-out rate and the channel mix are constant over
// the horizon; households are all alike in their move-out rate, so "X % have moved" is an upper bound on the
// share of today's households that have left (some dwellings turn over many times, others never).
import { DomainError, type FieldError } from '../errors.ts';

/** The letting channels, with the names of the letting ledger (udlejning). */
export const KANALER = ['venteliste', 'kommunal_anvisning', 'fleksibel_udlejning', 'intern_oprykning', 'andet'] as const;
export type Kanal = (typeof KANALER)[number];
/** The channel whose in-movers already live in the afdeling (Fortolkning above). */
export const INTERN: Kanal = 'intern_oprykning';

/** At most this many years ahead (issue 5: "up to 10 years"). */
export const MAX_HORISONT = 10;
export const STANDARD_HORISONT = 10;
export const STANDARD_KOERSLER = 1000;
export const MAX_KOERSLER = 100_000;
export const STANDARD_SEED = 1;
/** "Below the threshold with certainty" means at least this share of the runs (P90 below). Product setting. */
export const SIKKERHED = 0.9;
/** An exact inversion is used while the mean of the smaller side is below this; above it a rounded normal. */
const EXACT_MEAN_LIMIT = 25;
/** The channel shares must sum to 100 within this many points. */
const SUM_TOLERANCE = 0.01;

/**
 * Generic in-movers' shares (percent with the indicator) for the channels where the afdeling gives none.
 * PRODUCT SETTINGS, NOT LAW, and not measured: starting points to be replaced by the municipality's own figures
 * (the anvisning casework knows who it anviser; the fleksibel criteria decide who may move in). Venteliste and
 * andet have no generic value: without the afdeling's history they are assumed to reproduce its current mix
 * (the waiting list has let as it has), so a scenario shows the effect of the agreement's tools.
 */
export const STANDARD_TILFLYTTERANDELE: Record<string, Partial<Record<Kanal, number>>> = {
  // Anviste households are mostly on benefits; fleksibel udlejning by employment/education criteria lets few
  // outside the labour market (a spouse or a later job loss).
  uden_for_arbejde_pct: { kommunal_anvisning: 65, fleksibel_udlejning: 10 },
  kun_grundskole_pct: { kommunal_anvisning: 55, fleksibel_udlejning: 25 },
};

export interface Taerskel {
  /** Percent, 0-100. */
  vaerdiPct: number;
  /** '<' the share must be under the value (strict); '<=' at most the value. */
  operator: '<' | '<=';
}

export interface IndikatorInput {
  /** The key-figure name, e.g. 'uden_for_arbejde_pct'. */
  navn: string;
  /** Current share of the units with the indicator, percent 0-100. */
  andelPct: number;
  /**
   * In-movers' share with the indicator per channel, percent, from the afdeling's own history where known.
   * Missing channels take STANDARD_TILFLYTTERANDELE, else the current share (venteliste, andet). Not allowed for
   * intern oprykning (its in-movers already live there).
   */
  tilflyttereAndelPct?: Partial<Record<Kanal, number>>;
  /** Yearly change in the share among those who stay, in percentage points (default 0). */
  driftPoint?: number;
  taerskel?: Taerskel;
}

export interface Scenarie {
  navn: string;
  /** Share of the vacancies let through each channel, percent; missing channels are 0; must sum to 100. */
  kanalfordelingPct: Partial<Record<Kanal, number>>;
  /** This scenario's in-movers' shares by indicator name and channel (e.g. stricter fleksibel criteria). */
  tilflyttereAndelPct?: Record<string, Partial<Record<Kanal, number>>>;
}

export interface PrognoseInput {
  /** A stable id of the afdeling (e.g. "123-4"): it seeds the afdeling's random stream. */
  id: string;
  /** The year of the current figures; the path starts here (t = 0). */
  startaar: number;
  /** Number of units that move: households (husstande); see the model notes. Whole number >= 1. */
  enheder: number;
  /** Yearly move-outs per 100 units (fraflytning_pct). */
  fraflytningPct: number;
  indikatorer: IndikatorInput[];
  /** One or more; the first is the basis the others are compared with (today's agreement). */
  scenarier: Scenarie[];
}

export interface PrognoseOptions {
  /** Years ahead, 1-10 (default 10). */
  horisont?: number;
  /** Monte Carlo runs, 0-100,000 (default 1,000); 0 gives the expected path only. */
  koersler?: number;
  seed?: number;
}

export interface Baand {
  /** Per year t = 0..horisont, percent. */
  middelPct: number[];
  p10Pct: number[];
  p50Pct: number[];
  p90Pct: number[];
}

export interface IndikatorForloeb {
  navn: string;
  startPct: number;
  /** The in-movers' shares used, percent (null for intern oprykning), and the channels that took a default. */
  tilflyttereAndelPct: Record<Kanal, number | null>;
  standardKanaler: Kanal[];
  /** Mixed share among in-movers from outside, percent (null when no vacancy is let to outsiders). */
  tilflyttereUdefraPct: number | null;
  driftPoint: number;
  /** Expected path, per year t = 0..horisont, percent. */
  forventetPct: number[];
  /** The reach of any letting policy at this move-out rate: every outside in-mover without / with the indicator. */
  lavestePct: number[];
  hoejestePct: number[];
  taerskel: Taerskel | null;
  /** First calendar year (t >= 0) where the expected path is below the threshold; null if none or no threshold. */
  foersteAarUnder: number | null;
  /** First calendar year where at least SIKKERHED of the runs are below the threshold. */
  foersteAarUnderSikkert: number | null;
  mc: (Baand & { /** Share of runs below the threshold per year, percent; null without a threshold. */ andelUnderPct: number[] | null }) | null;
}

export interface ScenarieResultat {
  navn: string;
  kanalfordelingPct: Record<Kanal, number>;
  /** Households replaced by households from outside per year: m (1 - w_intern), percent. */
  udskiftningPct: number;
  /** Per year t: share of today's households expected to have moved out at least once, 1 - (1 - m)^t, percent. */
  fraflyttetPct: number[];
  /** Per year t: share of today's households expected to have left the afdeling, 1 - (1 - m_ext)^t, percent. */
  udskiftetPct: number[];
  /** Expected move-outs and lettings per channel in each year (households; constant over the years). */
  udlejningerPrAar: Record<Kanal, number>;
  indikatorer: IndikatorForloeb[];
}

export interface IndikatorForskel {
  navn: string;
  /** Scenario minus basis, percentage points, per year t. */
  forventetPoint: number[];
  /** The same run under both (common random numbers): the band of the per-run difference. */
  mc: Baand | null;
}

export interface ScenarieForskel {
  scenarie: string;
  basis: string;
  indikatorer: IndikatorForskel[];
}

export interface PrognoseResultat {
  afdelingId: string;
  startaar: number;
  horisont: number;
  /** Calendar years t = 0..horisont. */
  aar: number[];
  enheder: number;
  fraflytningPct: number;
  koersler: number;
  seed: number;
  scenarier: ScenarieResultat[];
  /** Every scenario after the first against the first. */
  forskelle: ScenarieForskel[];
}

// ---- validation ------------------------------------------------------------------------------------------------

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const pctText = (x: number) => String(x).replace('.', ',');
/** 100000 -> "100.000" (Danish thousands, without depending on the runtime's locale data). */
const tusinder = (x: number) => String(x).replace(/\B(?=(\d{3})+$)/g, '.');

function fail(fields: FieldError[]): never {
  throw new DomainError('VALIDATION', `Prognosen kan ikke beregnes: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, { fields });
}

function checkPct(errors: FieldError[], field: string, x: unknown): void {
  if (!isNum(x) || x < 0 || x > 100) errors.push({ field, message: `skal være en procent mellem 0 og 100 (fik ${String(x)}).` });
}

function checkChannels(errors: FieldError[], field: string, o: unknown, shares: boolean): void {
  if (o === undefined) return;
  if (o === null || typeof o !== 'object') {
    errors.push({ field, message: 'skal være et objekt med kanaler.' });
    return;
  }
  for (const [k, v] of Object.entries(o)) {
    if (!(KANALER as readonly string[]).includes(k)) {
      errors.push({ field: `${field}.${k}`, message: `ukendt kanal; kendte kanaler: ${KANALER.join(', ')}.` });
      continue;
    }
    if (shares && k === INTERN && v !== undefined) {
      errors.push({ field: `${field}.${k}`, message: 'intern oprykning flytter husstande, der allerede bor i afdelingen; deres andel kan ikke sættes.' });
      continue;
    }
    if (v !== undefined) checkPct(errors, `${field}.${k}`, v);
  }
}

function validate(input: PrognoseInput, opts: PrognoseOptions): void {
  const e: FieldError[] = [];
  if (typeof input?.id !== 'string' || input.id.trim() === '') e.push({ field: 'id', message: 'afdelingens id mangler.' });
  if (!Number.isInteger(input?.startaar) || input.startaar < 1900 || input.startaar > 2200) {
    e.push({ field: 'startaar', message: `skal være et helt årstal mellem 1900 og 2200 (fik ${String(input?.startaar)}).` });
  }
  if (!Number.isInteger(input?.enheder) || input.enheder < 1 || input.enheder > 1_000_000) {
    e.push({ field: 'enheder', message: `skal være et helt antal husstande (enheder) på mindst 1 (fik ${String(input?.enheder)}).` });
  }
  checkPct(e, 'fraflytningPct', input?.fraflytningPct);
  const ind = input?.indikatorer;
  if (!Array.isArray(ind) || ind.length === 0) e.push({ field: 'indikatorer', message: 'mindst én indikator skal angives.' });
  else {
    const seen = new Set<string>();
    ind.forEach((x, i) => {
      const f = `indikatorer[${i}]`;
      if (typeof x?.navn !== 'string' || x.navn === '') e.push({ field: `${f}.navn`, message: 'navnet mangler.' });
      else if (seen.has(x.navn)) e.push({ field: `${f}.navn`, message: `indikatoren ${x.navn} er angivet to gange.` });
      else seen.add(x.navn);
      checkPct(e, `${f}.andelPct`, x?.andelPct);
      checkChannels(e, `${f}.tilflyttereAndelPct`, x?.tilflyttereAndelPct, true);
      if (x?.driftPoint !== undefined && (!isNum(x.driftPoint) || Math.abs(x.driftPoint) > 100)) {
        e.push({ field: `${f}.driftPoint`, message: `skal være et tal mellem -100 og 100 procentpoint (fik ${String(x.driftPoint)}).` });
      }
      if (x?.taerskel !== undefined) {
        checkPct(e, `${f}.taerskel.vaerdiPct`, x.taerskel?.vaerdiPct);
        if (x.taerskel?.operator !== '<' && x.taerskel?.operator !== '<=') {
          e.push({ field: `${f}.taerskel.operator`, message: `skal være '<' (under) eller '<=' (højst) (fik ${String(x.taerskel?.operator)}).` });
        }
      }
    });
  }
  const sc = input?.scenarier;
  if (!Array.isArray(sc) || sc.length === 0) e.push({ field: 'scenarier', message: 'mindst ét scenarie (fx den gældende aftale) skal angives.' });
  else {
    const seen = new Set<string>();
    const names = new Set((Array.isArray(ind) ? ind : []).map((x) => x?.navn));
    sc.forEach((s, i) => {
      const f = `scenarier[${i}]`;
      if (typeof s?.navn !== 'string' || s.navn === '') e.push({ field: `${f}.navn`, message: 'navnet mangler.' });
      else if (seen.has(s.navn)) e.push({ field: `${f}.navn`, message: `scenariet ${s.navn} er angivet to gange.` });
      else seen.add(s.navn);
      const before = e.length;
      checkChannels(e, `${f}.kanalfordelingPct`, s?.kanalfordelingPct, false);
      if (s?.kanalfordelingPct == null) e.push({ field: `${f}.kanalfordelingPct`, message: 'kanalfordelingen mangler.' });
      else if (e.length === before) {
        const sum = KANALER.reduce((t, k) => t + (s.kanalfordelingPct[k] ?? 0), 0);
        if (Math.abs(sum - 100) > SUM_TOLERANCE) {
          e.push({ field: `${f}.kanalfordelingPct`, message: `kanalernes andele skal give 100 % tilsammen (giver ${pctText(Math.round(sum * 1000) / 1000)} %).` });
        }
      }
      for (const [n, o] of Object.entries(s?.tilflyttereAndelPct ?? {})) {
        if (!names.has(n)) e.push({ field: `${f}.tilflyttereAndelPct.${n}`, message: 'ukendt indikator (ikke blandt afdelingens indikatorer).' });
        else checkChannels(e, `${f}.tilflyttereAndelPct.${n}`, o, true);
      }
    });
  }
  const h = opts.horisont ?? STANDARD_HORISONT;
  if (!Number.isInteger(h) || h < 1 || h > MAX_HORISONT) e.push({ field: 'horisont', message: `skal være et helt antal år fra 1 til ${MAX_HORISONT} (fik ${String(h)}).` });
  const r = opts.koersler ?? STANDARD_KOERSLER;
  if (!Number.isInteger(r) || r < 0 || r > MAX_KOERSLER) {
    e.push({ field: 'koersler', message: `skal være et helt antal kørsler fra 0 til ${tusinder(MAX_KOERSLER)} (fik ${String(r)}).` });
  }
  const seed = opts.seed ?? STANDARD_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) e.push({ field: 'seed', message: `skal være et helt tal fra 0 til 4294967295 (fik ${String(seed)}).` });
  if (e.length) fail(e);
}

// ---- parameters ------------------------------------------------------------------------------------------------

interface ResolvedIndicator {
  navn: string;
  s0: number; // percent
  shares: Record<Kanal, number | null>; // percent; null for intern
  defaults: Kanal[];
  /** sum_{c != intern} w_c s_c, percent (the in-movers' contribution per unit of m). */
  inflow: number;
  /** Mixed share among outside in-movers, fraction, or null when none. */
  pExt: number | null;
  drift: number; // points
  taerskel: Taerskel | null;
}

interface ResolvedScenario {
  navn: string;
  w: Record<Kanal, number>; // percent
  m: number; // fraction
  mExt: number; // fraction
  ind: ResolvedIndicator[];
}

function resolveScenario(input: PrognoseInput, s: Scenarie, fieldBase: string): ResolvedScenario {
  const w = Object.fromEntries(KANALER.map((k) => [k, s.kanalfordelingPct[k] ?? 0])) as Record<Kanal, number>;
  const m = input.fraflytningPct / 100;
  const wIntern = w[INTERN] / 100;
  const mExt = m * (1 - wIntern);
  const errors: FieldError[] = [];
  const ind = input.indikatorer.map((x, i): ResolvedIndicator => {
    const shares = {} as Record<Kanal, number | null>;
    const defaults: Kanal[] = [];
    let inflow = 0;
    for (const k of KANALER) {
      if (k === INTERN) {
        shares[k] = null;
        continue;
      }
      let v = s.tilflyttereAndelPct?.[x.navn]?.[k] ?? x.tilflyttereAndelPct?.[k];
      if (v === undefined) {
        v = STANDARD_TILFLYTTERANDELE[x.navn]?.[k];
        if (v === undefined && (k === 'venteliste' || k === 'andet')) v = x.andelPct;
        if (v === undefined) {
          if (w[k] > 0) {
            errors.push({
              field: `indikatorer[${i}].tilflyttereAndelPct.${k}`,
              message: `${fieldBase}: tilflytternes andel for kanalen ${k} mangler for indikatoren ${x.navn}, og der er ingen standardværdi.`,
            });
          }
          shares[k] = null;
          continue;
        }
        defaults.push(k);
      }
      shares[k] = v;
      inflow += (w[k] / 100) * v;
    }
    const extWeight = 1 - wIntern;
    return {
      navn: x.navn,
      s0: x.andelPct,
      shares,
      defaults,
      inflow,
      pExt: extWeight > 1e-12 ? Math.min(1, Math.max(0, inflow / 100 / extWeight)) : null,
      drift: x.driftPoint ?? 0,
      taerskel: x.taerskel ?? null,
    };
  });
  if (errors.length) fail(errors);
  return { navn: s.navn, w, m, mExt, ind };
}

// ---- expected path ---------------------------------------------------------------------------------------------

const clampPct = (x: number) => (x < 0 ? 0 : x > 100 ? 100 : x);

/** s_{t+1} = (1 - m_ext) clamp(s_t + d) + m sum_{c != intern} w_c s_c, percent, t = 0..h. */
function expectedPath(s0: number, mExt: number, m: number, inflow: number, drift: number, h: number): number[] {
  const out = [s0];
  let s = s0;
  for (let t = 1; t <= h; t++) {
    s = (1 - mExt) * clampPct(s + drift) + m * inflow;
    out.push(s);
  }
  return out;
}

function below(x: number, t: Taerskel): boolean {
  return t.operator === '<' ? x < t.vaerdiPct : x <= t.vaerdiPct;
}

// ---- random numbers and draws ----------------------------------------------------------------------------------

/**
 * sfc32 seeded through splitmix32, as demo/random.ts (the same numbers); u() is uniform in the open interval
 * (0, 1). The state lives in an Int32Array so the hot loop does no boxing of 32-bit numbers.
 */
class Sfc32 {
  private readonly s = new Int32Array(4);
  constructor(seed: number) {
    let x = seed >>> 0;
    const mix = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    for (let i = 0; i < 4; i++) this.s[i] = mix();
    for (let i = 0; i < 12; i++) this.u();
  }
  u(): number {
    const s = this.s;
    let a = s[0];
    let b = s[1];
    let c = s[2];
    let d = s[3];
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    return ((t >>> 0) + 0.5) * 2.3283064365386963e-10;
  }
  /** The next buf.length numbers of the same sequence as u(), in a tight loop. */
  fill(buf: Float64Array): void {
    const s = this.s;
    let a = s[0];
    let b = s[1];
    let c = s[2];
    let d = s[3];
    for (let i = 0; i < buf.length; i++) {
      const t = (a + b + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      buf[i] = ((t >>> 0) + 0.5) * 2.3283064365386963e-10;
    }
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
  }
}

/** FNV-1a of the afdeling's id mixed with the seed: the afdeling's own stream. */
function afdelingSeed(seed: number, id: string): number {
  let h = 0x811c9dc5 ^ Math.imul(seed >>> 0, 0x27d4eb2d);
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Inverse of the standard normal CDF (Acklam; relative error below 1.2e-9). */
export function normalKvantil(p: number): number {
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q - 2.549732539343734) * q + 4.374664141464968) * q + 2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1);
  }
  if (p > 0.97575) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q - 2.549732539343734) * q + 4.374664141464968) * q + 2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r + 1.38357751867269e2) * r - 3.066479806614716e1) * r + 2.506628277459239) * q) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r + 6.680131188771972e1) * r - 1.328068155288572e1) * r + 1);
}

/**
 * The u-quantile of Binomial(n, p) (the smallest k with P(X <= k) >= u): exact by summing the probabilities
 * while the mean of the smaller side is below 25, else the rounded normal approximation. One uniform per draw,
 * and non-decreasing in u and (in the exact range) in p, which keeps common random numbers aligned.
 */
export function binomialKvantil(n: number, p: number, u: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomialKvantil(n, 1 - p, 1 - u);
  const mean = n * p;
  if (mean >= EXACT_MEAN_LIMIT) {
    const x = Math.floor(mean + Math.sqrt(mean * (1 - p)) * normalKvantil(u) + 0.5);
    return x < 0 ? 0 : x > n ? n : x;
  }
  const r = p / (1 - p);
  let f = Math.exp(n * Math.log1p(-p));
  let cdf = f;
  let k = 0;
  while (cdf < u && k < n) {
    f *= ((n - k) / (k + 1)) * r;
    k++;
    cdf += f;
  }
  return k;
}

// ---- Monte Carlo -----------------------------------------------------------------------------------------------

/**
 * Binomial(n, p) draws for a fixed p and varying n, by inversion of one uniform: the CDF of each n met is built
 * once (exact, p taken on its smaller side and mirrored) and scanned from 0; where the smaller side's mean is 25
 * or more, binomialKvantil's rounded normal. Same results as binomialKvantil up to a tail of 1e-15 left out of
 * the tables.
 */
export class BinomialTabel {
  private readonly rows: (Float64Array | undefined)[];
  private readonly guides: (Int32Array | undefined)[];
  private readonly flip: boolean;
  private readonly pm: number;
  private readonly logq: number;
  private readonly ratio: number;
  /** Rows are used for n below this. */
  private readonly lim: number;
  constructor(
    private readonly p: number,
    maxN: number,
  ) {
    this.flip = p > 0.5;
    this.pm = this.flip ? 1 - p : p;
    this.logq = Math.log1p(-this.pm);
    this.ratio = this.pm / (1 - this.pm);
    this.lim = this.pm > 0 ? Math.min(maxN + 1, Math.ceil(EXACT_MEAN_LIMIT / this.pm)) : maxN + 1;
    this.rows = new Array(maxN + 1);
    this.guides = new Array(maxN + 1);
  }
  draw(n: number, u: number): number {
    if (n < this.lim) {
      const row = this.rows[n] ?? this.build(n);
      const guide = this.guides[n]!;
      if (this.flip) {
        const v = 1 - u;
        let k = guide[(v * guide.length) | 0];
        while (row[k] < v) k++;
        return n - k;
      }
      let k = guide[(u * guide.length) | 0];
      while (row[k] < u) k++;
      return k;
    }
    return binomialKvantil(n, this.p, u);
  }
  /** The CDF row of n and its guide table (Chen and Asau): guide[g] = the smallest k with CDF(k) >= g / G. */
  private build(n: number): Float64Array {
    if (scratch.length < n + 1) scratch = new Float64Array(Math.max(n + 1, 2 * scratch.length));
    let f = Math.exp(n * this.logq);
    let c = f;
    let k = 0;
    scratch[0] = c;
    while (k < n && c < 1 - 1e-15) {
      f *= ((n - k) / (k + 1)) * this.ratio;
      k++;
      c += f;
      scratch[k] = c;
    }
    scratch[k] = 2; // the scan always stops at the last entry
    const row = scratch.slice(0, k + 1);
    const guide = new Int32Array(k + 1);
    const step = 1 / guide.length;
    // A little below g / G, so a u rounded up into the next slot still finds its answer by scanning forward.
    for (let g = 0, j = 0; g < guide.length; g++) {
      while (row[j] < g * step - 1e-12) j++;
      guide[g] = j;
    }
    this.rows[n] = row;
    this.guides[n] = guide;
    return row;
  }
}

/** Scratch for building CDF rows (the engine is synchronous; one per thread). */
let scratch = new Float64Array(256);

/**
 * All runs of one scenario: K counts per indicator as [t * runs + r]. Each household moves out to outside with
 * probability m_ext, independently: X_out ~ Bin(K, m_ext) with the indicator and Bin(N - K, m_ext) without, which
 * together are exactly D ~ Bin(N, m_ext) move-outs drawn at the current mix (hypergeometric given D). Each
 * indicator draws its own move-outs (indicators are modelled one at a time). The stream is reseeded per scenario
 * so all scenarios of an afdeling draw the same uniforms in the same order: per year and indicator one for the
 * out-movers with, one for those without, one for the drift if it is not 0, one for the in-movers.
 */
function simulate(N: number, k0: Int32Array, sc: ResolvedScenario, h: number, runs: number, seed: number): Int32Array[] {
  const out = sc.ind.map(() => new Int32Array((h + 1) * runs));
  const rng = new Sfc32(seed);
  const ud = new BinomialTabel(sc.mExt, N);
  sc.ind.forEach((x, i) => {
    const o = out[i];
    const tin = new BinomialTabel(x.pExt ?? 0, N);
    const d = x.drift / 100;
    const need = d !== 0 ? 4 : 3; // uniforms per year
    const buf = new Float64Array(need * 512);
    let j = buf.length;
    for (let r = 0; r < runs; r++) {
      let k = k0[i];
      o[r] = k;
      for (let t = 1; t <= h; t++) {
        if (j === buf.length) {
          rng.fill(buf);
          j = 0;
        }
        const xo = ud.draw(k, buf[j++]);
        const D = xo + ud.draw(N - k, buf[j++]);
        k -= xo;
        if (need === 4) {
          // Drift among the stayers: expected change d x stayers, as whole households.
          const uDr = buf[j++];
          const S = N - D;
          if (d > 0) {
            const free = S - k;
            if (free > 0) k += binomialKvantil(free, Math.min(1, (d * S) / free), uDr);
          } else if (k > 0) k -= binomialKvantil(k, Math.min(1, (-d * S) / k), uDr);
        }
        k += tin.draw(D, buf[j++]);
        o[t * runs + r] = k;
      }
    }
  });
  return out;
}

/** Scratch histogram reused between calls (the engine is synchronous; one per thread). */
let hist = new Int32Array(1024);

/**
 * The mean (out[0]) and type-7 quantiles (out[1..]) of the whole numbers v[from .. from+n): a histogram over
 * [min, max] when the range is small (the usual case), else a sort. Returns the histogram's width (0 after a
 * sort); the histogram is then left in `hist` from the value out[4] up, for counts below a threshold.
 */
function intStats(v: Int32Array, from: number, n: number, qs: readonly number[], out: Float64Array): number {
  let lo = v[from];
  let hi = lo;
  let sum = 0;
  for (let j = from; j < from + n; j++) {
    const x = v[j];
    if (x < lo) lo = x;
    else if (x > hi) hi = x;
    sum += x;
  }
  out[0] = sum / n;
  const range = hi - lo + 1;
  if (range > 4 * n + 64) {
    const sorted = Int32Array.from(v.subarray(from, from + n)).sort();
    for (let q = 0; q < qs.length; q++) {
      const hpos = (n - 1) * qs[q];
      const j = Math.floor(hpos);
      const a = sorted[j];
      const b = sorted[Math.min(j + 1, n - 1)];
      out[1 + q] = a + (hpos - j) * (b - a);
    }
    return 0;
  }
  if (hist.length < range) hist = new Int32Array(Math.max(range, hist.length * 2));
  hist.fill(0, 0, range);
  for (let j = from; j < from + n; j++) hist[v[j] - lo]++;
  // Order statistics j and j+1 for every quantile, found in one walk (qs ascending).
  let bin = 0;
  let cum = hist[0]; // number of values <= lo + bin
  const stat = (j: number): number => {
    while (cum <= j) {
      bin++;
      cum += hist[bin];
    }
    return lo + bin;
  };
  for (let q = 0; q < qs.length; q++) {
    const hpos = (n - 1) * qs[q];
    const j = Math.floor(hpos);
    const a = stat(j);
    const b = j + 1 < n ? stat(j + 1) : a;
    out[1 + q] = a + (hpos - j) * (b - a);
  }
  out[4] = lo;
  return range;
}

const QS = [0.1, 0.5, 0.9] as const;

function emptyBand(h: number): Baand {
  const z = () => new Array<number>(h + 1);
  return { middelPct: z(), p10Pct: z(), p50Pct: z(), p90Pct: z() };
}

// ---- the forecast ----------------------------------------------------------------------------------------------

/** The forecast of one afdeling under one or more scenarios. Throws DomainError VALIDATION (Danish) on bad input. */
export function prognose(input: PrognoseInput, opts: PrognoseOptions = {}): PrognoseResultat {
  validate(input, opts);
  const h = opts.horisont ?? STANDARD_HORISONT;
  const runs = opts.koersler ?? STANDARD_KOERSLER;
  const seed = opts.seed ?? STANDARD_SEED;
  const N = input.enheder;
  const years = Array.from({ length: h + 1 }, (_, t) => input.startaar + t);
  const scen = input.scenarier.map((s, i) => resolveScenario(input, s, `scenariet ${s.navn ?? i}`));
  const k0 = Int32Array.from(input.indikatorer, (x) => Math.round((x.andelPct / 100) * N));
  const streamSeed = afdelingSeed(seed, input.id);
  const stats = new Float64Array(5);

  const sims = runs > 0 ? scen.map((sc) => simulate(N, k0, sc, h, runs, streamSeed)) : null;
  // Remainder of the start rounding per indicator: (s0 - K0/N) in percent, decaying with (1 - m_ext)^t.
  const rest = (i: number, sc: ResolvedScenario, t: number) => (input.indikatorer[i].andelPct - (100 * k0[i]) / N) * (1 - sc.mExt) ** t;

  const scenarier: ScenarieResultat[] = scen.map((sc, si) => {
    const m = sc.m;
    const vacancies = m * N;
    const udlejningerPrAar = Object.fromEntries(KANALER.map((k) => [k, (vacancies * sc.w[k]) / 100])) as Record<Kanal, number>;
    const indikatorer = sc.ind.map((ri, i): IndikatorForloeb => {
      const forventetPct = expectedPath(ri.s0, sc.mExt, m, ri.inflow, ri.drift, h);
      const lavestePct = expectedPath(ri.s0, sc.mExt, m, 0, ri.drift, h);
      const hoejestePct = expectedPath(ri.s0, sc.mExt, sc.mExt, 100, ri.drift, h);
      let foersteAarUnder: number | null = null;
      if (ri.taerskel) for (let t = 0; t <= h && foersteAarUnder === null; t++) if (below(forventetPct[t], ri.taerskel)) foersteAarUnder = years[t];
      let mc: IndikatorForloeb['mc'] = null;
      let foersteAarUnderSikkert: number | null = null;
      if (sims) {
        const v = sims[si][i];
        const band = emptyBand(h);
        const andelUnderPct = ri.taerskel ? new Array<number>(h + 1) : null;
        for (let t = 0; t <= h; t++) {
          const width = intStats(v, t * runs, runs, QS, stats);
          const off = rest(i, sc, t);
          const toPct = (k: number) => (100 * k) / N + off;
          band.middelPct[t] = toPct(stats[0]);
          band.p10Pct[t] = toPct(stats[1]);
          band.p50Pct[t] = toPct(stats[2]);
          band.p90Pct[t] = toPct(stats[3]);
          if (andelUnderPct && ri.taerskel) {
            let c = 0;
            if (width > 0) {
              const lo = stats[4];
              for (let b = 0; b < width; b++) if (hist[b] > 0 && below(toPct(lo + b), ri.taerskel)) c += hist[b];
            } else for (let j = t * runs; j < (t + 1) * runs; j++) if (below(toPct(v[j]), ri.taerskel)) c++;
            andelUnderPct[t] = (100 * c) / runs;
            if (foersteAarUnderSikkert === null && c >= SIKKERHED * runs) foersteAarUnderSikkert = years[t];
          }
        }
        mc = { ...band, andelUnderPct };
      }
      return {
        navn: ri.navn,
        startPct: ri.s0,
        tilflyttereAndelPct: ri.shares,
        standardKanaler: ri.defaults,
        tilflyttereUdefraPct: ri.pExt === null ? null : 100 * ri.pExt,
        driftPoint: ri.drift,
        forventetPct,
        lavestePct,
        hoejestePct,
        taerskel: ri.taerskel,
        foersteAarUnder,
        foersteAarUnderSikkert,
        mc,
      };
    });
    return {
      navn: sc.navn,
      kanalfordelingPct: sc.w,
      udskiftningPct: 100 * sc.mExt,
      fraflyttetPct: years.map((_, t) => 100 * (1 - (1 - m) ** t)),
      udskiftetPct: years.map((_, t) => 100 * (1 - (1 - sc.mExt) ** t)),
      udlejningerPrAar,
      indikatorer,
    };
  });

  const forskelle: ScenarieForskel[] = [];
  const diff = runs > 0 ? new Int32Array(runs) : null;
  for (let si = 1; si < scen.length; si++) {
    const a = scenarier[0];
    const b = scenarier[si];
    forskelle.push({
      scenarie: b.navn,
      basis: a.navn,
      indikatorer: b.indikatorer.map((ib, i) => {
        const ia = a.indikatorer[i];
        let mc: Baand | null = null;
        if (sims && diff) {
          mc = emptyBand(h);
          const va = sims[0][i];
          const vb = sims[si][i];
          for (let t = 0; t <= h; t++) {
            for (let r = 0; r < runs; r++) diff[r] = vb[t * runs + r] - va[t * runs + r];
            intStats(diff, 0, runs, QS, stats);
            const off = rest(i, scen[si], t) - rest(i, scen[0], t);
            const toPct = (k: number) => (100 * k) / N + off;
            mc.middelPct[t] = toPct(stats[0]);
            mc.p10Pct[t] = toPct(stats[1]);
            mc.p50Pct[t] = toPct(stats[2]);
            mc.p90Pct[t] = toPct(stats[3]);
          }
        }
        return { navn: ib.navn, forventetPoint: ib.forventetPct.map((x, t) => x - ia.forventetPct[t]), mc };
      }),
    });
  }

  return { afdelingId: input.id, startaar: input.startaar, horisont: h, aar: years, enheder: N, fraflytningPct: input.fraflytningPct, koersler: runs, seed, scenarier, forskelle };
}

/** The forecast of many afdelinger (a municipality, the country); each result is independent of the others. */
export function prognoseMange(inputs: readonly PrognoseInput[], opts: PrognoseOptions = {}): PrognoseResultat[] {
  return inputs.map((x) => prognose(x, opts));
}

/**
 * The channel mix of one step of the udlejningsaftale (the shape of `EffektiveRedskaber` in ./udlejning.ts), as
 * shares of all vacancies. Fortolkning (product choice): kommunal anvisning takes its share first; intern
 * oprykning and andet (bytte, fortrinsret, ...) are historical shares of all vacancies, taken next out of what is
 * left; fleksibel udlejning's share applies to the rest (ABL § 60: a share of the vacancies not used for
 * kommunal anvisning); the waiting list gets the remainder. The shares always sum to 100.
 */
export function kanalfordelingFraRedskaber(
  redskaber: { kommunalAnvisning: { andelPct: number }; fleksibelUdlejning: { aktiv: boolean; andelPct: number } },
  historik: { internOprykningPct?: number; andetPct?: number } = {},
): Record<Kanal, number> {
  const e: FieldError[] = [];
  checkPct(e, 'kommunalAnvisning.andelPct', redskaber?.kommunalAnvisning?.andelPct);
  checkPct(e, 'fleksibelUdlejning.andelPct', redskaber?.fleksibelUdlejning?.andelPct);
  checkPct(e, 'internOprykningPct', historik.internOprykningPct ?? 0);
  checkPct(e, 'andetPct', historik.andetPct ?? 0);
  if (e.length) fail(e);
  const anvisning = redskaber.kommunalAnvisning.andelPct;
  let rest = 100 - anvisning;
  const intern = Math.min(rest, historik.internOprykningPct ?? 0);
  rest -= intern;
  const andet = Math.min(rest, historik.andetPct ?? 0);
  rest -= andet;
  const fleksibel = redskaber.fleksibelUdlejning.aktiv ? (rest * redskaber.fleksibelUdlejning.andelPct) / 100 : 0;
  // 100 % fleksibel leaves rest - fleksibel a rounding error from 0: never a negative share.
  return { venteliste: Math.max(0, rest - fleksibel), kommunal_anvisning: anvisning, fleksibel_udlejning: fleksibel, intern_oprykning: intern, andet };
}

/**
 * The in-movers' share implied by an afdeling's own key-figure history, for all channels together: from
 * s_{t+1} = s_t (1 - m_t) + m_t p, least squares over consecutive years (drift assumed 0), clamped to 0-100.
 * Noisy (a yearly change of 1 point with m = 8 % moves p by 12 points): use it over several years and only as a
 * default. Null when no two consecutive years with a move-out rate above 0 are given. Also returns the first and
 * last year of the transitions used and the residents' share over them weighted as the fit weighs them
 * (sum m_t^2 s_t / sum m_t^2): what intern oprykning's in-movers brought in the history (see
 * kanalAndeleFraHistorik).
 */
export function tilflytterAndelFraHistorik(
  punkter: readonly { aar: number; andelPct: number; fraflytningPct: number }[],
): { andelPct: number; overgange: number; fraAar: number; tilAar: number; beboerAndelPct: number } | null {
  const byYear = new Map(punkter.map((p) => [p.aar, p]));
  let num = 0;
  let den = 0;
  let sw = 0;
  let n = 0;
  let fra = Infinity;
  let til = -Infinity;
  for (const p of punkter) {
    const next = byYear.get(p.aar + 1);
    const m = p.fraflytningPct / 100;
    if (!next || !(m > 0) || !isNum(p.andelPct) || !isNum(next.andelPct)) continue;
    // next - s (1 - m) = m p  =>  minimise sum (y - m p)^2 with y = next - s (1 - m).
    const y = next.andelPct - p.andelPct * (1 - m);
    num += m * y;
    den += m * m;
    sw += m * m * p.andelPct;
    n++;
    fra = Math.min(fra, p.aar);
    til = Math.max(til, p.aar + 1);
  }
  if (n === 0 || den === 0) return null;
  return { andelPct: clampPct(num / den), overgange: n, fraAar: fra, tilAar: til, beboerAndelPct: sw / den };
}

/** The channels whose in-movers' share can be set (all but intern oprykning). */
export const UDEFRA_KANALER = KANALER.filter((k) => k !== INTERN) as Exclude<Kanal, 'intern_oprykning'>[];
export type UdefraKanal = Exclude<Kanal, 'intern_oprykning'>;

/**
 * Too little history for per-channel defaults (product settings): at least this many yearly transitions of the
 * key figures (so 4 consecutive years) and this many lettings to households from outside in the letting history.
 */
export const HISTORIK_MIN_OVERGANGE = 3;
export const HISTORIK_MIN_UDLEJNINGER = 20;

export interface HistoriskeTilflytterandele {
  /** Per channel the default in-movers' share, percent; and where it came from. */
  andelePct: Partial<Record<UdefraKanal, number>>;
  kilder: Partial<Record<UdefraKanal, 'historik' | 'standard'>>;
  /** p_hist: the in-movers' share of all channels together from the key figures (tilflytterAndelFraHistorik). */
  samletPct: number;
  overgange: number;
  fraAar: number;
  tilAar: number;
  /** The letting history behind the weights: lettings per channel and their shares of all lettings. */
  udlejninger: number;
  kanalfordelingPct: Record<Kanal, number>;
  /** The residents' share over the history, the share intern oprykning's in-movers had (they already lived there). */
  internAndelPct: number;
  /** The solved waiting-list/andet share fell outside 0-100 and was clamped: the history does not fit the generic shares. */
  afskaaret: boolean;
}

/**
 * Per-channel default in-movers' shares of one indicator from the afdeling's own history (issue 5, item 4: "the
 * in-movers' shares per channel are parameters with defaults taken from the afdeling's own history"). Product
 * method, not law (decision 015, "Standardandele fra afdelingens historik"):
 * - p_hist = tilflytterAndelFraHistorik(key figures): the share of all in-movers together, where the model counts
 *   intern oprykning's in-movers at the residents' share (they already lived there).
 * - The historical channel mix w_c: the afdeling's lettings per channel summed over its letting history.
 * - kommunal anvisning and fleksibel udlejning keep the generic STANDARD_TILFLYTTERANDELE (the history cannot tell
 *   the channels apart; the municipality knows whom it anviser); venteliste and andet get the one share x that makes
 *   the history-weighted average equal p_hist:
 *     w_intern s_hist + w_anv s_anv + w_fleks s_fleks + (w_vente + w_andet) x = p_hist,
 *   x clamped to 0-100 (then `afskaaret`).
 * Null (the caller falls back to the generic behaviour: the generic anvisning/fleksibel shares and the current share
 * for the waiting list and andet) when there is too little history: fewer than HISTORIK_MIN_OVERGANGE transitions,
 * fewer than HISTORIK_MIN_UDLEJNINGER lettings from outside, no lettings by the waiting list or andet (nothing to
 * solve for), or a channel with lettings and no generic share for the indicator.
 */
export function kanalAndeleFraHistorik(
  navn: string,
  punkter: readonly { aar: number; andelPct: number; fraflytningPct: number }[],
  udlejninger: Partial<Record<Kanal, number>>,
  min: { overgange?: number; udlejninger?: number } = {},
): HistoriskeTilflytterandele | null {
  const fit = tilflytterAndelFraHistorik(punkter);
  if (!fit || fit.overgange < (min.overgange ?? HISTORIK_MIN_OVERGANGE)) return null;
  const count = Object.fromEntries(KANALER.map((k) => [k, Math.max(0, udlejninger[k] ?? 0)])) as Record<Kanal, number>;
  const total = KANALER.reduce((t, k) => t + count[k], 0);
  const udefra = total - count[INTERN];
  if (!(udefra >= (min.udlejninger ?? HISTORIK_MIN_UDLEJNINGER)) || udefra <= 0) return null;
  const w = Object.fromEntries(KANALER.map((k) => [k, count[k] / total])) as Record<Kanal, number>;
  const solved = w.venteliste + w.andet;
  if (solved <= 0) return null;
  const generic = STANDARD_TILFLYTTERANDELE[navn] ?? {};
  const andelePct: Partial<Record<UdefraKanal, number>> = {};
  const kilder: Partial<Record<UdefraKanal, 'historik' | 'standard'>> = {};
  let known = w[INTERN] * fit.beboerAndelPct;
  for (const k of ['kommunal_anvisning', 'fleksibel_udlejning'] as const) {
    const v = generic[k];
    if (v === undefined) {
      if (w[k] > 0) return null;
      continue;
    }
    andelePct[k] = v;
    kilder[k] = 'standard';
    known += w[k] * v;
  }
  const x = (fit.andelPct - known) / solved;
  const clamped = clampPct(x);
  for (const k of ['venteliste', 'andet'] as const) {
    andelePct[k] = clamped;
    kilder[k] = 'historik';
  }
  return {
    andelePct,
    kilder,
    samletPct: fit.andelPct,
    overgange: fit.overgange,
    fraAar: fit.fraAar,
    tilAar: fit.tilAar,
    udlejninger: total,
    kanalfordelingPct: Object.fromEntries(KANALER.map((k) => [k, 100 * w[k]])) as Record<Kanal, number>,
    internAndelPct: fit.beboerAndelPct,
    afskaaret: Math.abs(clamped - x) > 1e-9,
  };
}
