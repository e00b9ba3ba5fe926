// The demo municipality "Eksempel Kommune" (fictional kommunekode 0999), calibrated to Herlev's published
// fact sheet: dwellings by type, almen share of the housing stock, move-out rate, rent turnover and
// residents. Everything else (names, addresses, spread, the four boligområder) is invented.
import { importKinds, type ImportKind } from '../src/features/imports/formats.ts';
import {
  afdelingRow,
  buildDwellings,
  buildYear,
  dwellingRow,
  emptyCounts,
  rentAgeFactor,
  totalDwellings,
  type AfdelingPlan,
  type Dwelling,
} from './afdeling.ts';
import { BOLIGTYPER, HERLEV, NATIONAL, YEARS, type Boligtype } from './calibration.ts';
import type { ImportRow } from './csv.ts';
import {
  afdelingKeyFigures,
  aggregateKeyFigures,
  keyFigureColumns,
  scaleRate,
  setResidents,
  steerToTargets,
  weightedRate,
  type KeyFigures,
  type RateSeries,
} from './keyfigures.ts';
import { NameBook } from './names.ts';
import { lettingRows } from './udlejning.ts';
import { assignToOrganisations, makeOrganisations } from './organisations.ts';
import { apportion, Rng } from './random.ts';

export { DEMO_KILDE } from './calibration.ts';
export { writeImportFiles } from './csv.ts';

export const DEMO_KOMMUNE = { kode: '0999', navn: 'Eksempel Kommune', region_kode: '1084', landsdel: 'Københavns omegn' } as const;

/** Parents before children (importKinds is in that order): the importer resolves references against rows already loaded. */
export const DEMO_LOAD_ORDER: readonly ImportKind[] = importKinds;

/**
 * The four boligområder and their story 2020-2024 (one value per year). Rates are the area's own figures
 * (weighted over its afdelinger); they sit next to the ABL § 61 a / § 61 b thresholds on purpose:
 * 40 % outside work/education (>), 2.18 % convicted (about 3x the national average, >=), 60 % only
 * grundskole (>), 55 % income (<), 50 % / 30 % non-western (>), and 1,000 residents (>=).
 */
const AREA_STORIES: { members: number; personsPerHousehold: number; z: number; beboere: number[]; targets: RateSeries }[] = [
  {
    // Improving estate that leaves the udsatte list: every criterion drifts across its threshold.
    members: 4,
    personsPerHousehold: 2.05,
    z: 1.6,
    beboere: [2210, 2195, 2180, 2172, 2160],
    targets: {
      uden_for_arbejde_pct: [43.8, 42.6, 41.5, 40.6, 39.8],
      doemte_pct: [2.45, 2.36, 2.27, 2.21, 2.12],
      kun_grundskole_pct: [58.2, 58.9, 59.6, 60.4, 59.7],
      indkomst_pct_af_region: [53.6, 54.1, 54.6, 55.2, 55.8],
      ikke_vestlige_pct: [51.8, 51.2, 50.7, 50.3, 49.8],
    },
  },
  {
    // Near the § 61 b (forebyggelse) thresholds: 30 % outside work, 1.45 % convicted, 65 % income, 30 % non-western.
    members: 3,
    personsPerHousehold: 1.9,
    z: 0.9,
    beboere: [1340, 1335, 1322, 1318, 1310],
    targets: {
      uden_for_arbejde_pct: [33.5, 32.8, 32.1, 31.4, 30.6],
      doemte_pct: [1.62, 1.55, 1.49, 1.44, 1.4],
      kun_grundskole_pct: [47, 46.5, 46, 45.2, 44.8],
      indkomst_pct_af_region: [62.4, 63.1, 63.8, 64.6, 65.3],
      ikke_vestlige_pct: [34.1, 33.5, 33, 32.2, 31.4],
    },
  },
  {
    // An ordinary area well clear of every list.
    members: 3,
    personsPerHousehold: 1.8,
    z: 0.3,
    beboere: [1105, 1098, 1090, 1084, 1076],
    targets: {
      uden_for_arbejde_pct: [27.5, 26.8, 26.4, 25.9, 25.3],
      doemte_pct: [1.05, 1, 0.98, 0.95, 0.92],
      kun_grundskole_pct: [38, 37.4, 36.9, 36.1, 35.8],
      indkomst_pct_af_region: [71.5, 72, 72.8, 73.1, 73.9],
      ikke_vestlige_pct: [22.4, 22.9, 23.3, 23.8, 24.1],
    },
  },
  {
    // Worsening and crossing 1,000 residents in 2023; the 2-year average outside work stays just under 40.
    members: 2,
    personsPerHousehold: 1.85,
    z: 1.0,
    beboere: [968, 981, 994, 1003, 1011],
    targets: {
      uden_for_arbejde_pct: [36.5, 37.8, 38.9, 39.6, 40.3],
      doemte_pct: [1.8, 1.9, 2.0, 2.1, 2.2],
      kun_grundskole_pct: [49, 49.5, 50.2, 50.8, 51.4],
      indkomst_pct_af_region: [60.5, 59.8, 58.9, 58.1, 57.4],
      ikke_vestlige_pct: [38.5, 40.1, 41.8, 43, 44.2],
    },
  },
];

/** Single afdelinger outside the areas placed exactly on or next to a threshold (60.0 is not "over" 60). */
const THRESHOLD_AFDELINGER: RateSeries[] = [
  { kun_grundskole_pct: [58.8, 59.4, 60.0, 60.1, 59.9] },
  { indkomst_pct_af_region: [56.2, 55.6, 55.0, 54.9, 55.3] },
  { uden_for_arbejde_pct: [39.5, 40.0, 40.1, 40.6, 39.9] },
  { doemte_pct: [2.05, 2.12, 2.18, 2.2, 2.16], ikke_vestlige_pct: [49.2, 49.8, 50.0, 50.4, 50.9] },
];

const POSTNUMRE = ['2795', '2796']; // not in use in Denmark
const OCCUPANCY = 0.985;

interface Skeleton {
  type: Boligtype; // the afdeling's main type (decides name, build year, key-figure model)
  counts: Record<Boligtype, number>;
  area?: number;
  override?: RateSeries;
  z: number;
  underRenovering: number;
}

function skeletons(rng: Rng): Skeleton[] {
  const n = rng.int(46, 54);
  const out: Skeleton[] = [];
  const family = (count: number, z: number, area?: number): Skeleton => ({
    type: 'familie',
    counts: { ...emptyCounts(), familie: count },
    area,
    z,
    underRenovering: 0,
  });
  // Area afdelinger, sized so the area's residents come out of ordinary household sizes.
  let areaFamily = 0;
  AREA_STORIES.forEach((story, a) => {
    const dwellings = Math.round(story.beboere[YEARS.length - 1] / story.personsPerHousehold / OCCUPANCY);
    areaFamily += dwellings;
    const sizes = apportion(dwellings, Array.from({ length: story.members }, () => rng.logNormal(1, 0.5)), 60);
    sizes.forEach((s) => out.push(family(s, story.z + rng.normal(0, 0.2), a)));
  });
  for (const s of apportion(HERLEV.ungdom, [rng.float(0.8, 1.2), rng.float(0.4, 0.8)])) {
    out.push({ type: 'ungdom', counts: { ...emptyCounts(), ungdom: s }, z: rng.normal(0, 0.5), underRenovering: 0 });
  }
  // Elderly dwellings: three ældreboligafdelinger and a handful inside four family afdelinger.
  const elderly = apportion(HERLEV.aeldre, [1, 1, 1].map(() => rng.float(0.7, 1.3)).concat([0.2, 0.2, 0.2, 0.2]));
  elderly.slice(0, 3).forEach((s) => out.push({ type: 'aeldre', counts: { ...emptyCounts(), aeldre: s }, z: rng.normal(0, 0.5), underRenovering: 0 }));
  const nStandalone = n - out.length;
  const standalone = apportion(HERLEV.familie - areaFamily, Array.from({ length: nStandalone }, () => rng.logNormal(1, 0.8)), 12).map((s) =>
    family(s, rng.normal(-0.2, 0.7)),
  );
  // Mixed afdelinger, threshold cases and one renovation among the larger standalone family afdelinger.
  const larger = rng.shuffle([...standalone].sort((a, b) => b.counts.familie - a.counts.familie).slice(0, 12));
  larger.slice(0, 4).forEach((s, i) => (s.counts.aeldre = elderly[3 + i]));
  larger.slice(4, 4 + THRESHOLD_AFDELINGER.length).forEach((s, i) => ((s.override = THRESHOLD_AFDELINGER[i]), (s.z = 1.2)));
  larger[4 + THRESHOLD_AFDELINGER.length].underRenovering = rng.int(4, 8);
  return out.concat(standalone);
}

function plan(rng: Rng, names: NameBook, s: Skeleton): AfdelingPlan {
  const total = totalDwellings(s.counts);
  const { navn, stem } = names.afdeling(s.type);
  const opfoerelsesaar = s.area !== undefined ? rng.int(1962, 1974) : buildYear(rng, s.type);
  const regional = NATIONAL.regionalFamilieFaktor[DEMO_KOMMUNE.region_kode];
  const rentPerM2 = {} as Record<Boligtype, number>;
  for (const t of BOLIGTYPER) rentPerM2[t] = NATIONAL.husleje2023[t] * regional * rentAgeFactor(rng, opfoerelsesaar, t);
  const etageChance = s.area !== undefined ? 1 : s.type === 'ungdom' ? 0.9 : s.type === 'aeldre' ? 0.5 : total > 120 ? 0.85 : 0.4;
  return {
    orgLbfNr: 0,
    afdelingsnummer: 0,
    navn,
    stem,
    kommunekode: DEMO_KOMMUNE.kode,
    postnummer: rng.pick(POSTNUMRE),
    opfoerelsesaar,
    counts: s.counts,
    rentPerM2,
    etage: rng.chance(etageChance),
    ledigeNu: rng.poisson(total * (s.type === 'ungdom' ? 0.015 : 0.002 + 0.002 * Math.max(0, s.z))),
    underRenovering: s.underRenovering,
  };
}

/** Generates every import file's rows for the demo municipality. Same seed, same rows. */
export function generateKommune(seed = 1): Record<ImportKind, ImportRow[]> {
  const rng = new Rng(seed);
  const names = new NameBook(rng.fork('navne'));
  const sk = skeletons(rng.fork('afdelinger'));
  const planRng = rng.fork('planer');
  const plans = sk.map((s) => plan(planRng, names, s));

  const orgRng = rng.fork('organisationer');
  const orgs = makeOrganisations(orgRng, names, { count: orgRng.int(9, 11), firstLbfNr: 9901, kommunekode: DEMO_KOMMUNE.kode });
  assignToOrganisations(orgRng, plans, orgs);

  // Dwellings, then one rent factor so the turnover matches the fact sheet (601 mio. kr. in 2023).
  const dwellings = plans.map((p, i) => {
    const streetCount = totalDwellings(p.counts) < 60 ? 1 : totalDwellings(p.counts) < 300 ? 2 : 3;
    return buildDwellings(rng.fork(`boliger-${i}`), p, names.streets(p.stem, streetCount));
  });
  const turnover = dwellings.flat().reduce((s, d) => s + d.husleje * 12, 0);
  const rentFactor = HERLEV.huslejeomsaetning2023 / turnover;
  for (const d of dwellings.flat()) d.husleje = Math.round(d.husleje * rentFactor);

  const figures = plans.map((p, i) =>
    afdelingKeyFigures(rng.fork(`noegletal-${i}`), {
      counts: p.counts,
      z: sk[i].z,
      ledigeNu: p.ledigeNu,
      underRenovering: p.underRenovering,
      override: sk[i].override,
    }),
  );
  calibrateResidents(sk, figures);
  AREA_STORIES.forEach((story, a) => steerToTargets(figures.filter((_, i) => sk[i].area === a), story.targets));
  calibrateMoveOut(plans, figures);

  const out = assemble(plans, sk, dwellings, figures, orgs.map((o) => o.row));
  out.udlejninger = lettingRows(rng.fork('udlejninger'), plans, figures, sk.map((s) => s.z));
  return out;
}

/** Area residents follow their story exactly; the rest are scaled so 2024 totals 13,500 (the fact sheet). */
function calibrateResidents(sk: Skeleton[], figures: KeyFigures[][]): void {
  const last = YEARS.length - 1;
  AREA_STORIES.forEach((story, a) => {
    const members = figures.filter((_, i) => sk[i].area === a);
    YEARS.forEach((_, y) => {
      const parts = apportion(story.beboere[y], members.map((m) => m[y].beboere));
      members.forEach((m, k) => setResidents(m[y], parts[k]));
    });
  });
  const rest = figures.filter((_, i) => sk[i].area === undefined);
  const areaResidents = AREA_STORIES.reduce((s, st) => s + st.beboere[last], 0);
  const sumYear = (y: number) => rest.reduce((s, m) => s + m[y].beboere, 0);
  const factor = (HERLEV.beboere - areaResidents) / sumYear(last);
  YEARS.forEach((_, y) => {
    const parts = apportion(Math.round(sumYear(y) * factor), rest.map((m) => m[y].beboere));
    rest.forEach((m, k) => setResidents(m[y], parts[k]));
  });
}

/** One factor on every family afdeling's move-out rate so the 2023 household-weighted mean is 7 %. */
function calibrateMoveOut(plans: AfdelingPlan[], figures: KeyFigures[][]): void {
  const y2023 = YEARS.indexOf(2023);
  const family = figures.filter((_, i) => plans[i].counts.familie > 0);
  const mean = weightedRate(family.map((f) => f[y2023]), 'fraflytning_pct')!;
  scaleRate(family.flat(), 'fraflytning_pct', HERLEV.fraflytningFamilie2023 / mean);
}

function assemble(
  plans: AfdelingPlan[],
  sk: Skeleton[],
  dwellings: Dwelling[][],
  figures: KeyFigures[][],
  organisations: ImportRow[],
): Record<ImportKind, ImportRow[]> {
  const out = Object.fromEntries(importKinds.map((k) => [k, [] as ImportRow[]])) as Record<ImportKind, ImportRow[]>;
  out.boligorganisationer = organisations;
  plans.forEach((p, i) => {
    out.afdelinger.push(afdelingRow(p, dwellings[i]));
    for (const d of dwellings[i]) out.boliger.push(dwellingRow(p, d));
    for (const k of figures[i]) out.noegletal_afdeling.push({ org_lbf_nr: String(p.orgLbfNr), afdelingsnummer: String(p.afdelingsnummer), ...keyFigureColumns(k) });
  });
  AREA_STORIES.forEach((_, a) => {
    const kode = `BO-${DEMO_KOMMUNE.kode}-${String(a + 1).padStart(2, '0')}`;
    const members = plans.map((p, i) => ({ p, i })).filter(({ i }) => sk[i].area === a);
    out.boligomraader.push({ kode, navn: members.slice(0, 2).map(({ p }) => p.navn).join('/'), kommunekode: DEMO_KOMMUNE.kode });
    for (const { p } of members) {
      out.boligomraade_afdelinger.push({ boligomraade_kode: kode, org_lbf_nr: String(p.orgLbfNr), afdelingsnummer: String(p.afdelingsnummer) });
    }
    YEARS.forEach((_, y) => {
      const agg = aggregateKeyFigures(members.map(({ i }) => figures[i][y]));
      out.noegletal_boligomraade.push({ boligomraade_kode: kode, ...keyFigureColumns(agg) });
    });
  });
  // The whole housing stock grows slowly; almene boliger are 54 % of it in 2024 (the fact sheet).
  const almene = plans.reduce((s, p) => s + totalDwellings(p.counts), 0);
  const stock2024 = Math.round(almene / HERLEV.andelAfBoligmassen);
  for (const aar of YEARS) {
    out.boligmasse.push({ kommunekode: DEMO_KOMMUNE.kode, aar: String(aar), boliger_i_alt: String(Math.round(stock2024 / 1.004 ** (2024 - aar))) });
  }
  return out;
}

export interface KommuneSummary {
  familie: number;
  ungdom: number;
  aeldre: number;
  pleje: number;
  afdelinger: number;
  boligorganisationer: number;
  boligomraader: number;
  boliger: number;
  almenAndelPct: number;
  fraflytningFamilie2023Pct: number;
  huslejeomsaetningKr: number;
  gnsHuslejePrM2: number;
  gnsArealM2: number;
  beboere2024: number;
}

/** The fact-sheet figures as the generated rows give them (the same definitions as GET /api/overview). */
export function summarizeKommune(rows: Record<ImportKind, ImportRow[]>): KommuneSummary {
  const sum = (list: ImportRow[], f: (r: ImportRow) => number) => list.reduce((s, r) => s + f(r), 0);
  const afd = rows.afdelinger;
  const count = (col: string) => sum(afd, (r) => Number(r[col]));
  const total = count('antal_familie') + count('antal_ungdom') + count('antal_aeldre') + count('antal_pleje');
  const areal = sum(afd, (r) => Number(r.bruttoareal_m2));
  const omsaetning = sum(afd, (r) => Number(r.husleje_pr_m2) * Number(r.bruttoareal_m2));
  const familyAfd = new Set(afd.filter((r) => Number(r.antal_familie) > 0).map((r) => `${r.org_lbf_nr}/${r.afdelingsnummer}`));
  const moveOut = rows.noegletal_afdeling.filter((r) => r.aar === '2023' && familyAfd.has(`${r.org_lbf_nr}/${r.afdelingsnummer}`) && r.fraflytning_pct !== '');
  const latestStock = rows.boligmasse.reduce((a, b) => (Number(b.aar) > Number(a.aar) ? b : a));
  return {
    familie: count('antal_familie'),
    ungdom: count('antal_ungdom'),
    aeldre: count('antal_aeldre'),
    pleje: count('antal_pleje'),
    afdelinger: afd.length,
    boligorganisationer: rows.boligorganisationer.length,
    boligomraader: rows.boligomraader.length,
    boliger: rows.boliger.length,
    almenAndelPct: (100 * total) / Number(latestStock.boliger_i_alt),
    fraflytningFamilie2023Pct: sum(moveOut, (r) => Number(r.fraflytning_pct) * Number(r.husstande)) / sum(moveOut, (r) => Number(r.husstande)),
    huslejeomsaetningKr: omsaetning,
    gnsHuslejePrM2: omsaetning / areal,
    gnsArealM2: areal / total,
    beboere2024: sum(rows.noegletal_afdeling.filter((r) => r.aar === '2024'), (r) => Number(r.beboere)),
  };
}
