// A synthetic country for load tests and national views: the 98 real municipalities (real codes) with
// generated organisations, afdelinger, dwellings, boligområder and five years of key figures, written
// as import files. Calibrated to the national figures in reference/almene_boliger_key_figures.csv; the
// distribution over municipalities is invented (see SIZE_HINTS), so no figure per municipality is real.
import { performance } from 'node:perf_hooks';
import { municipalities } from '../src/features/register/reference.ts';
import {
  afdelingRow,
  buildDwellings,
  buildYear,
  dwellingRow,
  emptyCounts,
  rentAgeFactor,
  totalDwellings,
  type AfdelingPlan,
} from './afdeling.ts';
import { BOLIGTYPER, NATIONAL, YEARS, type Boligtype } from './calibration.ts';
import { openImportWriters, type CsvOptions, type ImportFileWriter } from './csv.ts';
import { afdelingKeyFigures, aggregateKeyFigures, keyFigureColumns, steerToTargets, type KeyFigures, type RateSeries } from './keyfigures.ts';
import { DEMO_LOAD_ORDER } from './kommune.ts';
import { NameBook } from './names.ts';
import { assignToOrganisations, makeOrganisations } from './organisations.ts';
import { apportion, clamp, Rng } from './random.ts';
import type { ImportKind } from '../src/features/imports/formats.ts';

/** Boligområder in the sense of ABL § 61 a, stk. 3 (RULES.md: 198 areas with >= 1,000 residents in 2010). */
const NATIONAL_AREAS = 198;
/** København's almene boliger, the largest municipality (DESIGN.md: up to ~60,000). */
const KOEBENHAVN_BOLIGER = 60_000;
/**
 * Split of the 13 % that are not family dwellings. Not published in the reference data: an assumption
 * (youth dwellings in the university towns, elderly and nursing dwellings everywhere).
 */
const NON_FAMILY_SPLIT: Record<Exclude<Boligtype, 'familie'>, number> = { ungdom: 0.06, aeldre: 0.05, pleje: 0.02 };

/** Relative size of the almen sector by municipality: big cities, high-almen suburbs, small islands. */
const SIZE_HINTS: [number, string[]][] = [
  [5.5, ['0101', '0751']], // København (its count is fixed; the hint marks it urban), Aarhus
  [4.6, ['0461', '0851']], // Odense, Aalborg
  [2.3, ['0561', '0730', '0153', '0159', '0167', '0147']],
  [1.9, ['0621', '0630', '0615', '0330', '0265', '0370', '0540', '0165', '0169', '0217']],
  [1.5, ['0657', '0740', '0791', '0316', '0259', '0479', '0607', '0510', '0661', '0860', '0813', '0151', '0175', '0163', '0183', '0376']],
  [1.1, ['0185', '0157', '0173', '0219', '0360', '0400', '0161', '0250', '0210', '0253']],
  [0.5, ['0155', '0187', '0269', '0336', '0727', '0665', '0671', '0773', '0530', '0201', '0223', '0230']],
  [0.3, ['0482']], // Langeland
  [0.05, ['0563', '0741', '0492']], // Fanø, Samsø, Ærø
  [0.02, ['0825']], // Læsø
];
const UNIVERSITY_TOWNS = new Set(['0101', '0147', '0751', '0461', '0851', '0265', '0173', '0561', '0621']);

/** Almen share of the housing stock, social profile and non-western share by landsdel (before calibration). */
const LANDSDEL: Record<string, { share: number; z: number; ikkeVestlige: number }> = {
  København: { share: 0.2, z: 0.2, ikkeVestlige: 8 },
  'Københavns omegn': { share: 0.32, z: 0.2, ikkeVestlige: 10 },
  Nordsjælland: { share: 0.14, z: -0.3, ikkeVestlige: -3 },
  Bornholm: { share: 0.15, z: 0, ikkeVestlige: -12 },
  Østsjælland: { share: 0.2, z: 0, ikkeVestlige: 0 },
  'Vest- og Sydsjælland': { share: 0.17, z: 0.1, ikkeVestlige: -5 },
  Fyn: { share: 0.19, z: 0, ikkeVestlige: -4 },
  Sydjylland: { share: 0.18, z: 0, ikkeVestlige: -4 },
  Østjylland: { share: 0.19, z: -0.1, ikkeVestlige: -3 },
  Vestjylland: { share: 0.16, z: -0.1, ikkeVestlige: -6 },
  Nordjylland: { share: 0.19, z: 0, ikkeVestlige: -6 },
};

/** Afdeling sizes by type (log-normal median and spread, bounds): ~7,500 afdelinger for the country. */
const AFDELING_SIZE: Record<Boligtype, { median: number; sigma: number; min: number; max: number }> = {
  familie: { median: 68, sigma: 0.85, min: 8, max: 1800 },
  ungdom: { median: 40, sigma: 0.7, min: 6, max: 600 },
  aeldre: { median: 28, sigma: 0.6, min: 4, max: 200 },
  pleje: { median: 30, sigma: 0.5, min: 8, max: 150 },
};

/** Area categories: how often, the latent score of their afdelinger, and their 2022 level and yearly trend. */
const AREA_CATEGORIES: { p: number; z: number; level?: Record<string, [number, number, number]> }[] = [
  // [level 2022, trend per year, spread between areas]
  {
    p: 0.05,
    z: 2.0,
    level: {
      uden_for_arbejde_pct: [45, -0.8, 3],
      doemte_pct: [2.5, -0.08, 0.3],
      kun_grundskole_pct: [57, -0.5, 3],
      indkomst_pct_af_region: [51, 0.5, 3],
      ikke_vestlige_pct: [60, 0.2, 6],
    },
  },
  {
    p: 0.05,
    z: 1.6,
    level: {
      uden_for_arbejde_pct: [42, -0.6, 3],
      doemte_pct: [2.1, -0.06, 0.3],
      kun_grundskole_pct: [50, -0.4, 4],
      indkomst_pct_af_region: [53.5, 0.4, 3],
      ikke_vestlige_pct: [38, 0.3, 6],
    },
  },
  {
    p: 0.3,
    z: 0.9,
    level: {
      uden_for_arbejde_pct: [33, -0.4, 3],
      doemte_pct: [1.5, -0.04, 0.25],
      kun_grundskole_pct: [46, -0.3, 4],
      indkomst_pct_af_region: [62, 0.3, 3],
      ikke_vestlige_pct: [36, 0.3, 6],
    },
  },
  { p: 0.6, z: 0.4 },
];
const AREA_MIN_FAMILY_DWELLINGS = 560; // about 1,000 residents

export interface NationalOptions {
  seed?: number;
  /** (0, 1]: the share of the real country's size to generate (every municipality is kept). */
  scale?: number;
  danishExcel?: boolean;
}

export interface NationalCounts {
  kommuner: number;
  boligorganisationer: number;
  afdelinger: number;
  boliger: number;
  boligerPrType: Record<Boligtype, number>;
  boligomraader: number;
  boligomraadeAfdelinger: number;
  noegletalAfdeling: number;
  noegletalBoligomraade: number;
  boligmasse: number;
  beboere2024: number;
  almenAndelPct: number;
  familieAndelPct: number;
  hovedstadenAndelPct: number;
  gnsArealM2: number;
  gnsVaerelser: number;
  gnsHuslejePrM2: number;
  stoersteKommune: { kode: string; navn: string; boliger: number };
  files: Partial<Record<ImportKind, string>>;
  ms: number;
}

interface Municipality {
  kode: string;
  navn: string;
  region: string;
  landsdel: string;
  hint: number;
  boliger: number;
  perType: Record<Boligtype, number>;
  share: number;
  areas: number;
  postnummer: number;
}

function sizeHint(kode: string): number {
  return SIZE_HINTS.find(([, codes]) => codes.includes(kode))?.[0] ?? 0.8;
}

/** Postal codes in the region's real range, a different block per municipality (not the real ones). */
const POSTAL_RANGE: Record<string, [number, number]> = {
  '1084': [2000, 3699],
  '1085': [4000, 4999],
  '1083': [5000, 6999],
  '1082': [7000, 8999],
  '1081': [9000, 9999],
};

/** How many dwellings of each type every municipality gets, and its almen share and area count. */
function planCountry(rng: Rng, scale: number): Municipality[] {
  const total = Math.round(NATIONAL.boliger * scale);
  const ms: Municipality[] = municipalities.map((m) => ({
    kode: m.kommunekode,
    navn: m.kommunenavn,
    region: m.region_kode,
    landsdel: m.landsdel,
    hint: sizeHint(m.kommunekode),
    boliger: 0,
    perType: emptyCounts(),
    share: 0,
    areas: 0,
    postnummer: 0,
  }));
  // København is fixed; Region Hovedstaden gets its published 37 % of the sector; the rest by weight.
  const kbh = Math.round(Math.min(KOEBENHAVN_BOLIGER / NATIONAL.boliger, 1) * total);
  const hovedstaden = Math.round(NATIONAL.hovedstadenAndel * total);
  const weight = ms.map((m) => m.hint * rng.logNormal(1, 0.15));
  const inH = (m: Municipality) => m.region === '1084' && m.kode !== '0101';
  const outH = (m: Municipality) => m.region !== '1084';
  const give = (pick: (m: Municipality) => boolean, amount: number) => {
    const idx = ms.map((m, i) => (pick(m) ? i : -1)).filter((i) => i >= 0);
    apportion(amount, idx.map((i) => weight[i]), 10).forEach((n, k) => (ms[idx[k]].boliger = n));
  };
  ms.find((m) => m.kode === '0101')!.boliger = kbh;
  give(inH, hovedstaden - kbh);
  give(outH, total - hovedstaden);

  // Dwelling types: youth dwellings lean to the university towns, elderly slightly to the small ones.
  const youthW = ms.map((m) => (UNIVERSITY_TOWNS.has(m.kode) ? 3 : m.hint >= 1.5 ? 1.2 : 0.5));
  const youthNorm = (NON_FAMILY_SPLIT.ungdom * total) / ms.reduce((s, m, i) => s + m.boliger * youthW[i], 0);
  for (const [i, m] of ms.entries()) {
    const ungdom = clamp(youthW[i] * youthNorm, 0, 0.3);
    const aeldre = NON_FAMILY_SPLIT.aeldre * (m.hint < 1 ? 1.2 : 0.95);
    const pleje = NON_FAMILY_SPLIT.pleje;
    const [familie, u, a, p] = apportion(m.boliger, [1 - ungdom - aeldre - pleje, ungdom, aeldre, pleje]);
    m.perType = { familie, ungdom: u, aeldre: a, pleje: p };
  }

  // Almen share of all dwellings: by landsdel and size, then one factor to the national 20.2 %.
  const rawShare = ms.map((m) => LANDSDEL[m.landsdel].share * clamp(m.hint ** 0.35, 0.6, 1.5) * rng.logNormal(1, 0.12));
  const stock = ms.reduce((s, m, i) => s + m.boliger / rawShare[i], 0);
  const f = total / NATIONAL.almenAndel / stock;
  ms.forEach((m, i) => (m.share = clamp(rawShare[i] / f, 0.03, 0.7)));

  // Boligområder go to the municipalities with the most family dwellings, as far as they can hold them.
  let left = Math.round(NATIONAL_AREAS * scale);
  const capacity = ms.map((m) => Math.floor(m.perType.familie / (AREA_MIN_FAMILY_DWELLINGS * 1.6)));
  for (let round = 0; round < 5 && left > 0; round++) {
    const open = ms.map((m, i) => (m.areas < capacity[i] ? i : -1)).filter((i) => i >= 0);
    if (!open.length) break;
    const parts = apportion(left, open.map((i) => ms[i].perType.familie ** 1.3));
    open.forEach((i, k) => {
      const add = Math.min(parts[k], capacity[i] - ms[i].areas);
      ms[i].areas += add;
      left -= add;
    });
  }

  for (const [region, [from, to]] of Object.entries(POSTAL_RANGE)) {
    const inRegion = ms.filter((m) => m.region === region);
    const step = Math.floor((to - from) / inRegion.length / 10) * 10;
    inRegion.forEach((m, i) => (m.postnummer = from + i * step));
  }
  return ms;
}

/** Family rent relative to the national level per region; the unpublished regions are solved so the
 * national family mean stays at the published level. */
function regionalRentFactors(ms: Municipality[]): Record<string, number> {
  const known = NATIONAL.regionalFamilieFaktor;
  let family = 0;
  let knownPart = 0;
  let unknownFamily = 0;
  for (const m of ms) {
    family += m.perType.familie;
    if (known[m.region] !== undefined) knownPart += m.perType.familie * known[m.region];
    else unknownFamily += m.perType.familie;
  }
  const solved = unknownFamily > 0 ? (family - knownPart) / unknownFamily : 1;
  return Object.fromEntries(Object.keys(POSTAL_RANGE).map((r) => [r, known[r] ?? solved]));
}

function splitIntoAfdelinger(rng: Rng, total: number, type: Boligtype): number[] {
  const m = AFDELING_SIZE[type];
  const sizes: number[] = [];
  for (let left = total; left > 0; ) {
    let s = Math.round(clamp(rng.logNormal(m.median, m.sigma), m.min, m.max));
    if (s >= left || left - s < m.min) s = left;
    sizes.push(s);
    left -= s;
  }
  return sizes;
}

interface Accumulator {
  counts: Omit<NationalCounts, 'files' | 'ms' | 'stoersteKommune' | 'almenAndelPct' | 'familieAndelPct' | 'hovedstadenAndelPct' | 'gnsArealM2' | 'gnsVaerelser' | 'gnsHuslejePrM2'>;
  stock: number;
  areal: number;
  rooms: number;
  rentYear: number;
  hovedstaden: number;
  nextLbfNr: number;
}

/** Generates one municipality straight into the writers; only its own key figures are held in memory. */
function writeMunicipality(rng: Rng, m: Municipality, rentFactor: number, w: Record<ImportKind, ImportFileWriter>, acc: Accumulator): void {
  const names = new NameBook(rng.fork('navne'));
  const landsdel = LANDSDEL[m.landsdel];
  const urbanOffset = m.hint >= 1.9 ? 6 : m.hint < 1 ? -4 : 0;

  // Afdelinger by type, then the boligområder out of the largest family afdelinger.
  const sizeRng = rng.fork('stoerrelser');
  const skeleton: { type: Boligtype; size: number; area?: number; z: number }[] = [];
  for (const t of BOLIGTYPER) for (const s of splitIntoAfdelinger(sizeRng, m.perType[t], t)) skeleton.push({ type: t, size: s, z: 0 });
  const familyBySize = skeleton.filter((s) => s.type === 'familie').sort((a, b) => b.size - a.size);
  const areaTargets: RateSeries[] = [];
  const areaRng = rng.fork('omraader');
  for (let a = 0, next = 0; a < m.areas && next < familyBySize.length; a++) {
    const cat = AREA_CATEGORIES[areaRng.weightedIndex(AREA_CATEGORIES.map((c) => c.p))];
    let dwellings = 0;
    for (let members = 0; dwellings < AREA_MIN_FAMILY_DWELLINGS && members < 6 && next < familyBySize.length; members++, next++) {
      const s = familyBySize[next];
      s.area = a;
      s.z = cat.z + areaRng.normal(0, 0.3);
      dwellings += s.size;
    }
    const targets: RateSeries = {};
    for (const [rate, [level, trend, spread]] of Object.entries(cat.level ?? {})) {
      const base = level + areaRng.normal(0, spread);
      targets[rate as keyof RateSeries] = YEARS.map((y) => base + trend * (y - 2022) + areaRng.normal(0, spread * 0.15));
    }
    areaTargets.push(targets);
  }
  const zRng = rng.fork('profil');
  for (const s of skeleton) if (s.area === undefined) s.z = landsdel.z + zRng.normal(0, 0.8);

  const planRng = rng.fork('planer');
  const plans: AfdelingPlan[] = skeleton.map((s) => {
    const opfoerelsesaar = s.area !== undefined ? planRng.int(1960, 1978) : buildYear(planRng, s.type);
    const rentPerM2 = {} as Record<Boligtype, number>;
    for (const t of BOLIGTYPER) rentPerM2[t] = NATIONAL.husleje2023[t] * rentFactor * rentAgeFactor(planRng, opfoerelsesaar, t);
    return {
      orgLbfNr: 0,
      afdelingsnummer: 0,
      ...names.afdeling(s.type),
      kommunekode: m.kode,
      postnummer: String(m.postnummer + 10 * planRng.int(0, 2)),
      opfoerelsesaar,
      counts: { ...emptyCounts(), [s.type]: s.size },
      rentPerM2,
      // About two thirds of almene boliger are etagebyggeri (LBF 2016); large afdelinger mostly so.
      etage: planRng.chance(s.area !== undefined ? 1 : s.size > 150 ? 0.85 : 0.5),
      ledigeNu: planRng.poisson(s.size * (s.type === 'ungdom' ? 0.015 : 0.002 + 0.002 * Math.max(0, s.z))),
      underRenovering: planRng.chance(0.01) ? planRng.int(2, Math.max(2, Math.round(s.size / 10))) : 0,
    };
  });
  for (const p of plans) p.underRenovering = Math.min(p.underRenovering, totalDwellings(p.counts) - p.ledigeNu);

  const orgRng = rng.fork('organisationer');
  const orgCount = clamp(Math.round((plans.length / 14) * orgRng.float(0.7, 1.3)), 1, plans.length);
  const orgs = makeOrganisations(orgRng, names, { count: orgCount, firstLbfNr: acc.nextLbfNr, kommunekode: m.kode });
  acc.nextLbfNr += orgCount;
  assignToOrganisations(orgRng, plans, orgs);
  for (const o of orgs) w.boligorganisationer.write(o.row);

  const figures: KeyFigures[][] = plans.map((p, i) => {
    const dwellings = buildDwellings(rng.fork(`boliger-${i}`), p, names.streets(p.stem, totalDwellings(p.counts) < 60 ? 1 : totalDwellings(p.counts) < 300 ? 2 : 3));
    for (const d of dwellings) {
      w.boliger.write(dwellingRow(p, d));
      acc.areal += d.areal;
      acc.rooms += d.vaerelser;
      acc.rentYear += d.husleje * 12;
    }
    w.afdelinger.write(afdelingRow(p, dwellings));
    return afdelingKeyFigures(rng.fork(`noegletal-${i}`), {
      counts: p.counts,
      z: skeleton[i].z,
      ikkeVestligeOffset: landsdel.ikkeVestlige + urbanOffset,
      ledigeNu: p.ledigeNu,
      underRenovering: p.underRenovering,
    });
  });

  areaTargets.forEach((targets, a) => {
    const members = plans.map((p, i) => ({ p, i })).filter(({ i }) => skeleton[i].area === a);
    steerToTargets(members.map(({ i }) => figures[i]), targets);
    const kode = `BO-${m.kode}-${String(a + 1).padStart(2, '0')}`;
    w.boligomraader.write({ kode, navn: members.slice(0, 2).map(({ p }) => p.navn).join('/'), kommunekode: m.kode });
    for (const { p } of members) {
      w.boligomraade_afdelinger.write({ boligomraade_kode: kode, org_lbf_nr: String(p.orgLbfNr), afdelingsnummer: String(p.afdelingsnummer) });
    }
    YEARS.forEach((_, y) => w.noegletal_boligomraade.write({ boligomraade_kode: kode, ...keyFigureColumns(aggregateKeyFigures(members.map(({ i }) => figures[i][y]))) }));
  });
  plans.forEach((p, i) => {
    for (const k of figures[i]) w.noegletal_afdeling.write({ org_lbf_nr: String(p.orgLbfNr), afdelingsnummer: String(p.afdelingsnummer), ...keyFigureColumns(k) });
    acc.counts.beboere2024 += figures[i][YEARS.length - 1].beboere;
    for (const t of BOLIGTYPER) acc.counts.boligerPrType[t] += p.counts[t];
  });

  const stock2024 = Math.round(m.boliger / m.share);
  for (const aar of YEARS) {
    w.boligmasse.write({ kommunekode: m.kode, aar: String(aar), boliger_i_alt: String(Math.round(stock2024 / 1.005 ** (2024 - aar))) });
  }
  acc.stock += stock2024;
  if (m.region === '1084') acc.hovedstaden += m.boliger;
}

/** Writes the synthetic country as one import file per kind into `folder`; returns what it wrote. */
export function writeNationalFiles(folder: string, opts: NationalOptions = {}): NationalCounts {
  const started = performance.now();
  const seed = opts.seed ?? 1;
  const scale = opts.scale ?? 1;
  if (!(scale > 0 && scale <= 1)) throw new RangeError(`scale skal være over 0 og højst 1, ikke ${scale}`);
  const rng = new Rng(seed);
  const country = planCountry(rng.fork('land'), scale);
  const rent = regionalRentFactors(country);
  const csv: CsvOptions = { danishExcel: opts.danishExcel ?? false };
  const writers = openImportWriters(DEMO_LOAD_ORDER, folder, csv);
  const acc: Accumulator = {
    counts: {
      kommuner: country.length,
      boligorganisationer: 0,
      afdelinger: 0,
      boliger: 0,
      boligerPrType: emptyCounts(),
      boligomraader: 0,
      boligomraadeAfdelinger: 0,
      noegletalAfdeling: 0,
      noegletalBoligomraade: 0,
      boligmasse: 0,
      beboere2024: 0,
    },
    stock: 0,
    areal: 0,
    rooms: 0,
    rentYear: 0,
    hovedstaden: 0,
    nextLbfNr: 1,
  };
  try {
    for (const m of country) writeMunicipality(rng.fork(`kommune-${m.kode}`), m, rent[m.region], writers, acc);
  } finally {
    for (const w of Object.values(writers)) w.close();
  }
  const c = acc.counts;
  Object.assign(c, {
    boligorganisationer: writers.boligorganisationer.rows,
    afdelinger: writers.afdelinger.rows,
    boliger: writers.boliger.rows,
    boligomraader: writers.boligomraader.rows,
    boligomraadeAfdelinger: writers.boligomraade_afdelinger.rows,
    noegletalAfdeling: writers.noegletal_afdeling.rows,
    noegletalBoligomraade: writers.noegletal_boligomraade.rows,
    boligmasse: writers.boligmasse.rows,
  });
  const largest = country.reduce((a, b) => (b.boliger > a.boliger ? b : a));
  return {
    ...c,
    almenAndelPct: (100 * c.boliger) / acc.stock,
    familieAndelPct: (100 * c.boligerPrType.familie) / c.boliger,
    hovedstadenAndelPct: (100 * acc.hovedstaden) / c.boliger,
    gnsArealM2: acc.areal / c.boliger,
    gnsVaerelser: acc.rooms / c.boliger,
    gnsHuslejePrM2: acc.rentYear / acc.areal,
    stoersteKommune: { kode: largest.kode, navn: largest.navn, boliger: largest.boliger },
    files: Object.fromEntries(Object.entries(writers).map(([k, w]) => [k, w.path])),
    ms: Math.round(performance.now() - started),
  };
}
