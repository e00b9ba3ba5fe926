// Area-list benchmark (issue 4, item 2b): from person-level records to the classified lists.
//   npm run bench:lister
//   BENCH_SEED=1 BENCH_RESIDENTS=1100000 BENCH_AREAS=198 BENCH_RUNS=5 BENCH_THREADS=2 npm run bench:lister
// Generates (once, cached in the temp folder by seed and size) the person file of a synthetic country, generated
// demo data (bench/lister-data.ts), two data years (2022, 2023) for the list of 1 December 2024, plus the
// reference file. Then, in the same run, the median of BENCH_RUNS runs of:
//   ours      = read the CSV file in chunks -> aggregatePersonsFile (the file split at line ends over the cores,
//               this thread and worker threads) -> classify (every area, list date 2024-12-01)
//   reference = DuckDB read_csv of the same file + the same aggregation in SQL -> the same classify
// Both must give the same indicator rows (within 1e-9) and the same categories, or the benchmark fails.
// Prints ours_s, reference_s and ratio = ours / reference, with records, areas and the per-run times.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadLaw } from '../src/law/params.ts';
import { classify, type Klassifikation, type OmraadeIndikatorer } from '../src/rules/abl-61a.ts';
import { aggregatePersonsFile, hverdage, parseReference } from '../src/features/arealists/persons.ts';
import { KILDE, planAreas, referenceCsv, writePersonFile, type GenOptions } from './lister-data.ts';

const seed = Number(process.env.BENCH_SEED ?? 1);
const residents = Number(process.env.BENCH_RESIDENTS ?? 1_100_000);
const areasWanted = Number(process.env.BENCH_AREAS ?? 198);
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
/** Threads for ours (default: aggregatePersonsFile's own choice, the number of cores up to 4). */
const threads = process.env.BENCH_THREADS ? Number(process.env.BENCH_THREADS) : undefined;
const LIST_YEAR = 2024;
const LIST_DATE = `${LIST_YEAR}-12-01`;
const opts: GenOptions = { seed, residents, areas: areasWanted, dataYears: [LIST_YEAR - 2, LIST_YEAR - 1] };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (m: string) => process.stderr.write(m + '\n');

// ---- data (generated once per seed and size) -------------------------------------------------------------
const dir = join(tmpdir(), `almen-bench-lister-v1-seed${seed}-n${residents}-a${areasWanted}`);
const personFile = join(dir, 'personer.csv');
const referenceFile = join(dir, 'reference.csv');
let records: number;
if (existsSync(personFile) && existsSync(referenceFile) && existsSync(join(dir, 'records.txt'))) {
  records = Number(readFileSync(join(dir, 'records.txt'), 'utf8'));
  log(`data: genbruger ${dir}`);
} else {
  mkdirSync(dir, { recursive: true });
  const t = performance.now();
  const areas = planAreas(opts);
  records = writePersonFile(personFile + '.tmp', opts, areas);
  writeFileSync(referenceFile, referenceCsv(opts));
  renameSync(personFile + '.tmp', personFile);
  writeFileSync(join(dir, 'records.txt'), String(records));
  log(`data: skrev ${records} personrækker i ${((performance.now() - t) / 1000).toFixed(1)} s til ${dir}`);
}
const law = loadLaw();

// ---- ours ------------------------------------------------------------------------------------------------
let traade = 0;
async function ours(): Promise<{ rows: OmraadeIndikatorer[]; lists: Klassifikation[] }> {
  const ref = parseReference(readFileSync(referenceFile));
  if (ref.errors.length) throw new Error(`referencefil: ${ref.errors.join('; ')}`);
  const agg = await aggregatePersonsFile(personFile, ref.reference, law, threads ? { threads } : {});
  traade = agg.traade;
  if (agg.errorCount) throw new Error(`personfil: ${agg.errors.slice(0, 5).join('; ')}`);
  const rows = agg.rows.filter((r) => r.listeaar === LIST_YEAR);
  return { rows, lists: classify(rows, LIST_DATE, law) };
}

// ---- reference: DuckDB -----------------------------------------------------------------------------------
const timerPrHverdag = law.param('udenfor_timer_pr_hverdag', LIST_DATE);
const uoplyst = law.version('grundskole_uoplyst_medregnes', LIST_DATE).value === true;
const offset = law.param('metode_seneste_dataaar_foer_listeaar', LIST_DATE);
const y2 = LIST_YEAR - offset;
const y1 = y2 - 1;
const municipalitiesCsv = new URL('../reference/municipalities.csv', import.meta.url).pathname;
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sql = `
WITH p AS (
  SELECT * FROM read_csv(${q(personFile)}, header = true, delim = ',', quote = '"', escape = '"', columns = {
    'aar': 'INTEGER', 'omraade_kode': 'VARCHAR', 'omraade_navn': 'VARCHAR', 'kommunekode': 'INTEGER', 'alder': 'INTEGER',
    'udenfor_timer': 'DOUBLE', 'doemt': 'INTEGER', 'uddannelse': 'VARCHAR', 'studerende': 'INTEGER', 'skattepligtig': 'INTEGER',
    'bruttoindkomst': 'BIGINT', 'oprindelse': 'VARCHAR'})
),
-- weekdays (Monday-Friday) per calendar year
wd AS (
  SELECT year(d) AS aar, count(*) FILTER (WHERE isodow(d) <= 5) AS hverdage
  FROM range(DATE '1990-01-01', DATE '2101-01-01', INTERVAL 1 DAY) t(d) GROUP BY 1
),
agg AS (
  SELECT p.omraade_kode, p.aar, any_value(p.omraade_navn) AS navn, any_value(p.kommunekode) AS kommunekode,
    count(*) AS n_all,
    count(*) FILTER (WHERE oprindelse = 'ikkevestlig') AS n_ikke,
    count(*) FILTER (WHERE alder BETWEEN 18 AND 64) AS n1864,
    sum(LEAST(1.0, udenfor_timer / (${timerPrHverdag}::DOUBLE * wd.hverdage))) FILTER (WHERE alder BETWEEN 18 AND 64) AS fuld,
    count(*) FILTER (WHERE alder >= 18) AS n18,
    count(*) FILTER (WHERE alder >= 18 AND doemt = 1) AS d18,
    count(*) FILTER (WHERE alder BETWEEN 30 AND 59) AS n3059,
    count(*) FILTER (WHERE alder BETWEEN 30 AND 59 AND (uddannelse = 'grundskole' ${uoplyst ? "OR uddannelse = 'uoplyst'" : ''})) AS g3059,
    count(*) FILTER (WHERE alder BETWEEN 15 AND 64 AND skattepligtig = 1 AND studerende = 0) AS n_ind,
    sum(bruttoindkomst) FILTER (WHERE alder BETWEEN 15 AND 64 AND skattepligtig = 1 AND studerende = 0) AS sum_ind
  FROM p JOIN wd USING (aar)
  GROUP BY p.omraade_kode, p.aar
),
ref AS (
  SELECT * FROM read_csv(${q(referenceFile)}, header = true, delim = ',', columns = {
    'aar': 'INTEGER', 'regionskode': 'INTEGER', 'indkomst_gns': 'DOUBLE', 'doemte_landsgns_pct': 'DOUBLE'})
),
kom AS (
  SELECT * FROM read_csv(${q(municipalitiesCsv)}, header = true, delim = ',', columns = {
    'kommunekode': 'INTEGER', 'kommunenavn': 'VARCHAR', 'region_navn': 'VARCHAR', 'region_kode': 'INTEGER',
    'region_iso_3166_2': 'VARCHAR', 'landsdel': 'VARCHAR'})
)
SELECT b.omraade_kode, b.navn, b.kommunekode, b.n_all AS beboere,
  b.n_ikke::DOUBLE / b.n_all * 100 AS ikkevestlige_pct,
  a.fuld / a.n1864 * 100 AS udenfor_pct_aar1,
  b.fuld / b.n1864 * 100 AS udenfor_pct_aar2,
  a.d18::DOUBLE / a.n18 * 100 AS doemte_pct_aar1,
  b.d18::DOUBLE / b.n18 * 100 AS doemte_pct_aar2,
  r1.doemte_landsgns_pct AS doemte_landsgns_pct_aar1,
  r2.doemte_landsgns_pct AS doemte_landsgns_pct_aar2,
  b.g3059::DOUBLE / b.n3059 * 100 AS grundskole_pct,
  b.sum_ind::DOUBLE / b.n_ind / r2.indkomst_gns * 100 AS indkomst_pct_af_region
FROM agg b
JOIN agg a ON a.omraade_kode = b.omraade_kode AND a.aar = ${y1}
JOIN kom k ON k.kommunekode = b.kommunekode
JOIN ref r2 ON r2.aar = ${y2} AND r2.regionskode = k.region_kode
JOIN (SELECT DISTINCT aar, doemte_landsgns_pct FROM ref) r1 ON r1.aar = ${y1}
WHERE b.aar = ${y2}
ORDER BY b.omraade_kode`;

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();

async function reference(): Promise<{ rows: OmraadeIndikatorer[]; lists: Klassifikation[] }> {
  const reader = await conn.runAndReadAll(sql);
  const rows: OmraadeIndikatorer[] = reader.getRowObjects().map((r) => ({
    listeaar: LIST_YEAR,
    omraade_kode: String(r.omraade_kode),
    omraade_navn: String(r.navn),
    kommunekode: Number(r.kommunekode),
    beboere: Number(r.beboere),
    ikkevestlige_pct: Number(r.ikkevestlige_pct),
    udenfor_pct_aar1: Number(r.udenfor_pct_aar1),
    udenfor_pct_aar2: Number(r.udenfor_pct_aar2),
    doemte_pct_aar1: Number(r.doemte_pct_aar1),
    doemte_pct_aar2: Number(r.doemte_pct_aar2),
    doemte_landsgns_pct_aar1: Number(r.doemte_landsgns_pct_aar1),
    doemte_landsgns_pct_aar2: Number(r.doemte_landsgns_pct_aar2),
    grundskole_pct: Number(r.grundskole_pct),
    indkomst_pct_af_region: Number(r.indkomst_pct_af_region),
  }));
  return { rows, lists: classify(rows, LIST_DATE, law) };
}

// ---- check: same rows and categories ---------------------------------------------------------------------
const numericKeys = ['beboere', 'kommunekode', 'ikkevestlige_pct', 'udenfor_pct_aar1', 'udenfor_pct_aar2', 'doemte_pct_aar1', 'doemte_pct_aar2', 'doemte_landsgns_pct_aar1', 'doemte_landsgns_pct_aar2', 'grundskole_pct', 'indkomst_pct_af_region'] as const;

function check(a: { rows: OmraadeIndikatorer[]; lists: Klassifikation[] }, b: { rows: OmraadeIndikatorer[]; lists: Klassifikation[] }): number {
  const fail = (m: string) => {
    console.error(`FEJL: ours og DuckDB er ikke enige: ${m}`);
    process.exit(1);
  };
  if (a.rows.length !== b.rows.length) fail(`${a.rows.length} mod ${b.rows.length} rækker`);
  const byKode = new Map(b.rows.map((r) => [r.omraade_kode, r]));
  let maxDiff = 0;
  for (const r of a.rows) {
    const s = byKode.get(r.omraade_kode);
    if (!s) return fail(`område ${r.omraade_kode} mangler hos DuckDB`), 0;
    if (r.omraade_navn !== s.omraade_navn) fail(`navn ${r.omraade_navn} mod ${s.omraade_navn}`);
    for (const k of numericKeys) {
      const d = Math.abs(r[k] - s[k]);
      maxDiff = Math.max(maxDiff, d);
      if (!(d <= 1e-9)) fail(`${r.omraade_kode} ${k}: ${r[k]} mod ${s[k]}`);
    }
  }
  const cats = (l: Klassifikation[]) => new Map(l.map((k) => [k.omraade_kode, k.kategorier.join('+')]));
  const ca = cats(a.lists);
  const cb = cats(b.lists);
  for (const [k, v] of ca) if (cb.get(k) !== v) fail(`kategorier for ${k}: ${v} mod ${cb.get(k)}`);
  return maxDiff;
}

// ---- run -------------------------------------------------------------------------------------------------
const bytes = statSync(personFile).size;
log(`records=${records} bytes=${bytes} runs=${runs} (warm-up: one run each, not counted)`);
let o = await ours();
let r = await reference();
const maxDiff = check(o, r);
const msOurs: number[] = [];
const msRef: number[] = [];
for (let k = 0; k < runs; k++) {
  let t = performance.now();
  o = await ours();
  msOurs.push(performance.now() - t);
  t = performance.now();
  r = await reference();
  msRef.push(performance.now() - t);
}
check(o, r);

const count = (c: string) => o.lists.filter((k) => k.kategorier.includes(c as never)).length;
const none = o.lists.filter((k) => k.kategorier.length === 0).length;
const memMb = Math.round(process.memoryUsage().rss / 2 ** 20);
console.log(`data: ${KILDE}; seed=${seed}; dataår ${y1} og ${y2}; liste ${LIST_DATE}; hverdage ${y1}=${hverdage(y1)} ${y2}=${hverdage(y2)}`);
console.log(`records=${records} areas=${o.rows.length} file_mb=${(bytes / 2 ** 20).toFixed(1)} ours_threads=${traade} cores=${availableParallelism()}`);
console.log(`categories: udsat=${count('udsat')} parallelsamfund=${count('parallelsamfund')} omdannelsesomraade=${count('omdannelsesomraade')} forebyggelsesomraade=${count('forebyggelsesomraade')} ingen=${none}`);
console.log(`check: same ${o.rows.length} rows (max abs diff ${maxDiff.toExponential(2)}) and the same categories`);
console.log(`ours_runs_s=${msOurs.map((x) => (x / 1000).toFixed(3)).join(',')}`);
console.log(`reference_runs_s=${msRef.map((x) => (x / 1000).toFixed(3)).join(',')}`);
console.log(`rss_mb=${memMb}`);
const so = median(msOurs) / 1000;
const sr = median(msRef) / 1000;
console.log(`ours_s=${so.toFixed(3)}`);
console.log(`reference_s=${sr.toFixed(3)}`);
console.log(`ratio=${(so / sr).toFixed(2)}`);
conn.closeSync();
instance.closeSync?.();
