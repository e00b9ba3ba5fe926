// Yearly key figures for generated afdelinger and boligområder. Social indicators share one latent
// "deprivation" score per afdeling so they move together as in real estates; an area's figures are the
// weighted means of its afdelinger, and areas can be steered onto a target series (near the thresholds).
import { YEARS, type Boligtype, PERSONS_PER_HOUSEHOLD } from './calibration.ts';
import { apportion, clamp, type Rng } from './random.ts';

export const RATES = [
  'uden_for_arbejde_pct',
  'doemte_pct',
  'kun_grundskole_pct',
  'indkomst_pct_af_region',
  'ikke_vestlige_pct',
  'fraflytning_pct',
] as const;
export type Rate = (typeof RATES)[number];
export type RateSeries = Partial<Record<Rate, readonly number[]>>; // one value per year in YEARS

export interface KeyFigures {
  aar: number;
  beboere: number;
  husstande: number;
  beboere_0_17: number;
  beboere_18_64: number;
  beboere_65_plus: number;
  rates: Record<Rate, number | null>;
  ledige_boliger: number;
  husordenssager: number;
  restancesager: number;
  venteliste: number;
}

/** Which residents a rate is a share of; also the weight when afdelinger are aggregated to an area. */
const RATE_BASE: Record<Rate, (k: KeyFigures) => number> = {
  uden_for_arbejde_pct: (k) => k.beboere_18_64,
  doemte_pct: (k) => k.beboere_18_64 + k.beboere_65_plus,
  kun_grundskole_pct: (k) => k.beboere_18_64, // 30-59 is not in the file: 18-64 stands in
  indkomst_pct_af_region: (k) => k.beboere_18_64,
  ikke_vestlige_pct: (k) => k.beboere,
  fraflytning_pct: (k) => k.husstande,
};
/** Below this many persons in the base group a rate is left empty ("ikke oplyst"), as statistics would. */
const MIN_BASE = 10;
const DECIMALS: Record<Rate, number> = {
  uden_for_arbejde_pct: 1,
  doemte_pct: 2,
  kun_grundskole_pct: 1,
  indkomst_pct_af_region: 1,
  ikke_vestlige_pct: 1,
  fraflytning_pct: 1,
};
const RANGE: Record<Rate, [number, number]> = {
  uden_for_arbejde_pct: [2, 90],
  doemte_pct: [0, 15],
  kun_grundskole_pct: [3, 95],
  indkomst_pct_af_region: [20, 200],
  ikke_vestlige_pct: [0, 95],
  fraflytning_pct: [0.5, 80],
};

/** Rate model: mean, spread, loading on the latent score, yearly trend and year-to-year noise. */
interface RateModel {
  mean: number;
  sd: number;
  loading: number;
  trend: number;
  yearSd: number;
}
type TypeModel = Record<Rate, RateModel | null>;
const m = (mean: number, sd: number, loading: number, trend: number, yearSd: number): RateModel => ({ mean, sd, loading, trend, yearSd });

// Levels for almene afdelinger (above the national population: almene residents have lower incomes and
// employment). Trends follow the fall in list counts 2018-2024 (list_counts_by_year.csv).
const TYPE_MODELS: Record<Boligtype, TypeModel> = {
  familie: {
    uden_for_arbejde_pct: m(27, 6, 0.8, -0.5, 1.1),
    doemte_pct: m(1.1, 0.35, 0.7, -0.03, 0.12),
    kun_grundskole_pct: m(35, 8, 0.8, -0.4, 1.3),
    indkomst_pct_af_region: m(75, 9, -0.8, 0.4, 1.3),
    ikke_vestlige_pct: m(20, 9, 0.7, 0.3, 0.8),
    fraflytning_pct: m(8, 2, 0.3, -0.15, 0.9),
  },
  ungdom: {
    uden_for_arbejde_pct: m(14, 4, 0.5, -0.2, 1.5),
    doemte_pct: m(0.9, 0.3, 0.5, -0.02, 0.15),
    kun_grundskole_pct: null, // hardly anyone aged 30-59
    indkomst_pct_af_region: null, // students are excluded from the income criterion
    ikke_vestlige_pct: m(18, 7, 0.5, 0.3, 1.2),
    fraflytning_pct: m(32, 5, 0.2, 0, 2),
  },
  aeldre: {
    uden_for_arbejde_pct: m(38, 8, 0.6, -0.3, 2),
    doemte_pct: m(0.4, 0.15, 0.5, 0, 0.08),
    kun_grundskole_pct: m(48, 8, 0.6, -0.3, 2),
    indkomst_pct_af_region: m(62, 8, -0.6, 0.2, 2),
    ikke_vestlige_pct: m(7, 4, 0.5, 0.2, 0.6),
    fraflytning_pct: m(13, 3, 0.1, 0, 1.5),
  },
  pleje: {
    uden_for_arbejde_pct: null,
    doemte_pct: m(0.2, 0.1, 0.3, 0, 0.05),
    kun_grundskole_pct: null,
    indkomst_pct_af_region: null,
    ikke_vestlige_pct: m(4, 3, 0.3, 0.1, 0.5),
    fraflytning_pct: m(35, 6, 0, 0, 3),
  },
};

/** Age shares (0-17, 65+) by dwelling type at latent score 0; the rest is 18-64. */
const AGE: Record<Boligtype, { young: number; old: number }> = {
  familie: { young: 0.25, old: 0.15 },
  ungdom: { young: 0.03, old: 0 },
  aeldre: { young: 0, old: 0.85 },
  pleje: { young: 0, old: 0.97 },
};

export interface AfdelingFacts {
  counts: Record<Boligtype, number>;
  /** Latent deprivation score: 0 is a typical almen afdeling, +1 markedly harder pressed. */
  z: number;
  /** Added to the non-western share (urban municipalities are above the rural ones). */
  ikkeVestligeOffset?: number;
  /** Vacant at 1 January 2024 (also ledige_boliger at the end of 2023), and dwellings under renovation. */
  ledigeNu: number;
  underRenovering: number;
  /** Exact series that replace the model (used for afdelinger placed next to a threshold). */
  override?: RateSeries;
}

function dominantType(counts: Record<Boligtype, number>): Boligtype {
  return (Object.keys(counts) as Boligtype[]).reduce((a, b) => (counts[b] > counts[a] ? b : a));
}

function roundTo(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/** Five years of key figures for one afdeling. */
export function afdelingKeyFigures(rng: Rng, f: AfdelingFacts): KeyFigures[] {
  const types = Object.keys(f.counts) as Boligtype[];
  const total = types.reduce((s, t) => s + f.counts[t], 0);
  const model = TYPE_MODELS[dominantType(f.counts)];
  const z = f.z;

  // Persons per household and age mix, weighted by the residents each dwelling type houses.
  let residentsPerDwelling = 0;
  let young = 0;
  let old = 0;
  for (const t of types) {
    const r = f.counts[t] * PERSONS_PER_HOUSEHOLD[t] * (t === 'familie' ? 1 + 0.08 * z : 1);
    residentsPerDwelling += r;
    young += r * clamp(AGE[t].young + (t === 'familie' ? 0.05 * z : 0), 0, 0.5);
    old += r * clamp(AGE[t].old - (t === 'familie' ? 0.03 * z : 0), 0, 0.98);
  }
  young /= residentsPerDwelling || 1;
  old /= residentsPerDwelling || 1;
  residentsPerDwelling = (residentsPerDwelling / (total || 1)) * rng.normal(1, 0.05);

  // Base level and trend per rate, all loading on the same latent score.
  const base = {} as Record<Rate, number>;
  const trend = {} as Record<Rate, number>;
  for (const r of RATES) {
    const rm = model[r];
    if (!rm) continue;
    const idio = Math.sqrt(1 - rm.loading * rm.loading);
    base[r] = rm.mean + rm.sd * (rm.loading * z + idio * rng.normal());
    if (r === 'ikke_vestlige_pct') base[r] += f.ikkeVestligeOffset ?? 0;
    trend[r] = rm.trend + rng.normal(0, Math.abs(rm.trend) * 0.6 + rm.yearSd * 0.15);
  }
  const ledigeRate = dominantType(f.counts) === 'ungdom' ? 0.015 : 0.002 + 0.002 * Math.max(0, z);
  const husorden = 0.025 + 0.01 * Math.max(-1, z);
  const restance = 0.05 + 0.015 * Math.max(-1, z);
  const venteFactor = dominantType(f.counts) === 'familie' ? rng.logNormal(2.5, 0.5) * clamp(1 - 0.3 * z, 0.3, 1.6) : rng.logNormal(3, 0.4);

  const out: KeyFigures[] = [];
  let ledigePrevEnd = rng.poisson(total * ledigeRate);
  let drift = 1;
  YEARS.forEach((aar, i) => {
    const last = i === YEARS.length - 1;
    const ledigeStart = last ? f.ledigeNu + f.underRenovering : ledigePrevEnd;
    const husstande = Math.max(0, total - ledigeStart);
    drift *= rng.normal(1, 0.008);
    const beboere = Math.max(husstande ? 1 : 0, Math.round(husstande * residentsPerDwelling * drift));
    const ageing = (aar - 2022) * 0.003; // the residents grow older
    const [b0, b1, b2] = apportion(beboere, [young, Math.max(0, 1 - young - old - ageing), old + ageing]);
    const k: KeyFigures = {
      aar,
      beboere,
      husstande,
      beboere_0_17: b0,
      beboere_18_64: b1,
      beboere_65_plus: b2,
      rates: {} as KeyFigures['rates'],
      ledige_boliger: aar === 2023 ? f.ledigeNu : rng.poisson(total * ledigeRate),
      husordenssager: rng.poisson(husstande * husorden),
      restancesager: rng.poisson(husstande * restance),
      venteliste: Math.round(husstande * venteFactor * rng.normal(1, 0.06)),
    };
    ledigePrevEnd = k.ledige_boliger;
    for (const r of RATES) {
      const rm = model[r];
      const fixed = f.override?.[r]?.[i];
      if (fixed !== undefined) {
        k.rates[r] = fixed;
        continue;
      }
      const n = RATE_BASE[r](k);
      if (!rm || n < MIN_BASE) {
        k.rates[r] = null;
        continue;
      }
      // Small afdelinger jump more from year to year.
      const noise = rng.normal(0, rm.yearSd * Math.sqrt(100 / Math.max(n, 25)));
      k.rates[r] = limit(r, base[r] + trend[r] * (aar - 2022) + noise);
    }
    out.push(k);
  });
  return out;
}

function limit(r: Rate, x: number): number {
  return roundTo(clamp(x, RANGE[r][0], RANGE[r][1]), DECIMALS[r]);
}

/** Sets a year's residents (after calibration) and splits them over the age groups as before. */
export function setResidents(k: KeyFigures, beboere: number): void {
  const [b0, b1, b2] = apportion(beboere, [k.beboere_0_17, k.beboere_18_64, k.beboere_65_plus]);
  Object.assign(k, { beboere, beboere_0_17: b0, beboere_18_64: b1, beboere_65_plus: b2 });
}

/** Weighted mean of one rate over afdelinger (the weight is the rate's base group); null if none has it. */
export function weightedRate(rows: readonly KeyFigures[], r: Rate): number | null {
  let w = 0;
  let s = 0;
  for (const k of rows) {
    const v = k.rates[r];
    if (v === null) continue;
    const n = RATE_BASE[r](k);
    w += n;
    s += n * v;
  }
  return w > 0 ? s / w : null;
}

/** An area's (or any group's) figures for one year from its afdelinger' figures for that year. */
export function aggregateKeyFigures(rows: readonly KeyFigures[]): KeyFigures {
  const sum = (f: (k: KeyFigures) => number) => rows.reduce((s, k) => s + f(k), 0);
  const agg: KeyFigures = {
    aar: rows[0].aar,
    beboere: sum((k) => k.beboere),
    husstande: sum((k) => k.husstande),
    beboere_0_17: sum((k) => k.beboere_0_17),
    beboere_18_64: sum((k) => k.beboere_18_64),
    beboere_65_plus: sum((k) => k.beboere_65_plus),
    rates: {} as KeyFigures['rates'],
    ledige_boliger: sum((k) => k.ledige_boliger),
    husordenssager: sum((k) => k.husordenssager),
    restancesager: sum((k) => k.restancesager),
    venteliste: sum((k) => k.venteliste),
  };
  for (const r of RATES) {
    const v = weightedRate(rows, r);
    agg.rates[r] = v === null ? null : roundTo(v, DECIMALS[r]);
  }
  return agg;
}

/**
 * Shifts the member afdelinger' rates so the area's weighted mean lands on the target for each year;
 * the spread between afdelinger is kept. Two passes absorb the effect of clamping and rounding.
 */
export function steerToTargets(members: readonly KeyFigures[][], targets: RateSeries): void {
  for (const r of Object.keys(targets) as Rate[]) {
    YEARS.forEach((_, i) => {
      const target = targets[r]![i];
      for (let pass = 0; pass < 3; pass++) {
        const year = members.map((years) => years[i]);
        const mean = weightedRate(year, r);
        if (mean === null || Math.abs(mean - target) < 0.5 * 10 ** -DECIMALS[r]) break;
        for (const k of year) if (k.rates[r] !== null) k.rates[r] = limit(r, k.rates[r]! + target - mean);
      }
    });
  }
}

/** Multiplies one rate in the given years (used to calibrate the move-out rate). */
export function scaleRate(rows: readonly KeyFigures[], r: Rate, factor: number): void {
  for (const k of rows) if (k.rates[r] !== null) k.rates[r] = limit(r, k.rates[r]! * factor);
}

/** The key-figure columns of the import formats, as plain strings. */
export function keyFigureColumns(k: KeyFigures): Record<string, string> {
  const row: Record<string, string> = {
    aar: String(k.aar),
    beboere: String(k.beboere),
    husstande: String(k.husstande),
    beboere_0_17: String(k.beboere_0_17),
    beboere_18_64: String(k.beboere_18_64),
    beboere_65_plus: String(k.beboere_65_plus),
    ledige_boliger: String(k.ledige_boliger),
    husordenssager: String(k.husordenssager),
    restancesager: String(k.restancesager),
    venteliste: String(k.venteliste),
  };
  for (const r of RATES) row[r] = k.rates[r] === null ? '' : k.rates[r]!.toFixed(DECIMALS[r]);
  return row;
}
