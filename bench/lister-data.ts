// Generated demo data for the area-list benchmark (bench/lister.ts): person-level records in the format of
// docs/lister-personformat.md for a synthetic country. NOT real figures: every person, area and rate is drawn
// from a seeded generator (demo/random.ts, sfc32), so the same seed and size give the same bytes on every machine.
//
// The 198 boligområder (ABL § 61 a, stk. 3; RULES.md 1.2) get codes in the format of demo/national.ts
// (BO-<kommunekode>-NN) in the 98 real municipalities; they are not the areas of demo/national.ts (its generator
// writes the whole dwelling register, ~593,000 rows, which this benchmark does not need). Area sizes are drawn
// log-normal between 1,000 and 10,000 residents and scaled to the wanted total. Each area gets a profile (rates
// of the four criteria and the non-western share) so that some areas land in every category of the list.
import { closeSync, openSync, writeSync } from 'node:fs';
import { municipalities } from '../src/features/register/reference.ts';
import { hverdage, personColumns } from '../src/features/arealists/persons.ts';
import { apportion, clamp, Rng } from '../demo/random.ts';

export const KILDE = 'Demodata (genereret, ikke virkelige tal)';

export interface GenOptions {
  seed: number;
  /** Residents in the latest data year, about. */
  residents: number;
  areas: number;
  dataYears: [number, number];
}

/** Regional average gross income of taxpayers 15-64 excl. students (generated, near the real levels). */
const REGION_INCOME: Record<string, number> = { '1081': 338_000, '1082': 356_000, '1083': 349_000, '1084': 418_000, '1085': 352_000 };
const NATIONAL_CONVICTED: Record<number, number> = { 0: 0.74, 1: 0.71 };

/** Area profiles: share, and per criterion [mean, spread] (udenfor %, dømte %, grundskole %, indkomst % af region, ikke-vestlige %). */
const PROFILES: { p: number; u: [number, number]; d: [number, number]; g: [number, number]; i: [number, number]; nv: [number, number] }[] = [
  { p: 0.1, u: [44, 3], d: [2.3, 0.4], g: [58, 4], i: [52, 3], nv: [60, 6] }, // parallelsamfund-like
  { p: 0.08, u: [43, 3], d: [2.2, 0.4], g: [52, 5], i: [53, 3], nv: [38, 6] }, // udsat-like
  { p: 0.25, u: [32, 3], d: [1.5, 0.3], g: [48, 6], i: [62, 3], nv: [37, 5] }, // forebyggelse-like
  { p: 0.57, u: [20, 5], d: [0.6, 0.2], g: [32, 6], i: [80, 8], nv: [14, 6] }, // none
];

const STEMS = ['Sønder', 'Nørre', 'Øster', 'Vester', 'Ny', 'Gammel', 'Lunde', 'Birke', 'Ege', 'Rose', 'Hassel', 'Æble', 'Kilde', 'Mølle', 'Skov'];
const ENDS = ['parken', 'gården', 'vænget', 'højen', 'haven', 'bakken', 'engen', 'løkken'];
const AGE_BANDS: [number, number, number][] = [
  [0, 14, 0.19],
  [15, 17, 0.04],
  [18, 29, 0.17],
  [30, 59, 0.38],
  [60, 64, 0.06],
  [65, 94, 0.16],
];

export interface GeneratedArea {
  kode: string;
  navn: string;
  kommunekode: string;
  region: string;
  size: number;
  profile: number;
}

export function planAreas(opts: GenOptions): GeneratedArea[] {
  const rng = new Rng(opts.seed).fork('omraader');
  // Big-city municipalities get more areas (a rough weight; the real distribution is not used).
  const big = new Set(['0101', '0751', '0461', '0851', '0147', '0153', '0159', '0167', '0561', '0621', '0630', '0615']);
  const weights = municipalities.map((m) => (big.has(m.kommunekode) ? 6 : 1) * rng.logNormal(1, 0.6));
  const perKommune = new Map<string, number>();
  const raw: number[] = [];
  const areas: GeneratedArea[] = [];
  const usedNames = new Set<string>();
  for (let a = 0; a < opts.areas; a++) {
    const m = municipalities[rng.weightedIndex(weights)];
    const nr = (perKommune.get(m.kommunekode) ?? 0) + 1;
    perKommune.set(m.kommunekode, nr);
    let navn = `${rng.pick(STEMS)}${rng.pick(ENDS)}`;
    if (usedNames.has(navn)) navn = `${navn} ${m.kommunenavn}`;
    if (usedNames.has(navn)) navn = `${navn} ${nr}`;
    usedNames.add(navn);
    raw.push(clamp(rng.logNormal(5000, 0.5), 1000, 10000));
    areas.push({ kode: `BO-${m.kommunekode}-${String(nr).padStart(2, '0')}`, navn, kommunekode: m.kommunekode, region: m.region_kode, size: 0, profile: rng.weightedIndex(PROFILES.map((p) => p.p)) });
  }
  apportion(opts.residents, raw).forEach((n, i) => (areas[i].size = clamp(n, 1000, 10000)));
  return areas;
}

/** Writes the person file (comma, decimal point, UTF-8); returns the number of records. */
export function writePersonFile(path: string, opts: GenOptions, areas: GeneratedArea[]): number {
  const fd = openSync(path, 'w');
  let out = personColumns.join(',') + '\n';
  let records = 0;
  const flush = (force: boolean) => {
    if (force || out.length > 1 << 20) {
      writeSync(fd, out);
      out = '';
    }
  };
  const root = new Rng(opts.seed);
  try {
    areas.forEach((area, ai) => {
      const rng = root.fork(`personer-${ai}`);
      const prof = PROFILES[area.profile];
      const base = {
        u: rng.normal(...prof.u),
        d: Math.max(0.05, rng.normal(...prof.d)),
        g: rng.normal(...prof.g),
        i: rng.normal(...prof.i),
        nv: rng.normal(...prof.nv),
      };
      const regionIncome = REGION_INCOME[area.region];
      opts.dataYears.forEach((aar, yi) => {
        // the two years differ a little, and the first year's population is about 1 % smaller
        const drift = (x: number, s: number) => x + rng.normal(0, s);
        const u = clamp(drift(base.u, 1) / 100, 0.01, 0.9);
        const d = clamp(drift(base.d, 0.15) / 100, 0, 0.2);
        const g = clamp(drift(base.g, 1) / 100, 0.01, 0.95);
        const inc = clamp(drift(base.i, 1) / 100, 0.2, 2);
        const nv = clamp(drift(base.nv, 1) / 100, 0, 0.95);
        const n = yi === 0 ? Math.round(area.size * rng.float(0.98, 1.0)) : area.size;
        const fullYear = 7.4 * hverdage(aar);
        // hours outside: with probability q a share f of the year (E[f] = 0.8), so the expected fuldtid share is u
        const q = u / 0.8;
        const median = (inc * regionIncome) / Math.exp(0.5 * 0.45 * 0.45);
        const head = `${aar},${area.kode},${area.navn},${Number(area.kommunekode)},`;
        for (let k = 0; k < n; k++) {
          const band = AGE_BANDS[rng.weightedIndex(AGE_BANDS.map((b) => b[2]))];
          const alder = rng.int(band[0], band[1]);
          let timer = '0';
          if (alder >= 16 && rng.chance(q)) {
            const r = rng.next();
            const f = r < 0.55 ? 1 : r < 0.6 ? 1.08 : r < 0.7 ? 0.25 : r < 0.8 ? 0.5 : r < 0.9 ? 0.75 : rng.float(0.05, 0.95);
            timer = String(Math.round(f * fullYear * 100) / 100);
          }
          const doemt = alder >= 15 && rng.chance(d) ? 1 : 0;
          const e = rng.next();
          const udd = alder < 16 ? 'grundskole' : e < g * 0.9 ? 'grundskole' : e < g ? 'uoplyst' : 'hoejere';
          const stud = alder >= 15 && alder <= 29 ? (rng.chance(0.35) ? 1 : 0) : alder <= 64 && alder >= 30 ? (rng.chance(0.02) ? 1 : 0) : 0;
          const skat = alder >= 15 && rng.chance(0.97) ? 1 : 0;
          const indk = alder < 15 ? 0 : stud ? Math.round(rng.logNormal(70_000, 0.4)) : Math.round(rng.logNormal(median, 0.45));
          const o = rng.next();
          const opr = o < nv ? 'ikkevestlig' : o < nv + 0.05 ? 'vestlig' : 'dansk';
          out += `${head}${alder},${timer},${doemt},${udd},${stud},${skat},${indk},${opr}\n`;
          records++;
          if ((records & 1023) === 0) flush(false);
        }
      });
    });
    flush(true);
  } finally {
    closeSync(fd);
  }
  return records;
}

/** The reference file: aar,regionskode,indkomst_gns,doemte_landsgns_pct (generated levels). */
export function referenceCsv(opts: GenOptions): string {
  const lines = ['aar,regionskode,indkomst_gns,doemte_landsgns_pct'];
  opts.dataYears.forEach((aar, yi) => {
    for (const [region, income] of Object.entries(REGION_INCOME)) lines.push(`${aar},${region},${Math.round(income * (yi === 0 ? 0.97 : 1))},${NATIONAL_CONVICTED[yi]}`);
  });
  return lines.join('\n') + '\n';
}
