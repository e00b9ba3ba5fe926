// Forecast benchmark (issue 5, item 4): the resident-mix forecast of src/rules/prognose.ts, 1,000 Monte Carlo runs
// and 10 years, for every afdeling of the synthetic country and for one municipality of about 100 afdelinger.
//   npm run bench:prognose
//   BENCH_SEED=1 BENCH_RUNS=3 BENCH_MUNI_RUNS=7 BENCH_THREADS=2 BENCH_KOERSLER=1000 npm run bench:prognose
// Input: the synthetic country of demo/national.ts (generated once per seed into the temp folder, then only the
// key figures 2024 are kept, cached as JSON): per afdeling husstande as units, uden_for_arbejde_pct and
// fraflytning_pct. Generated data, no real figure. Afdelinger without a published share (nursing homes, fewer
// than 10 residents aged 18-64) or move-out rate get their municipality's household-weighted mean: only so that
// every afdeling is timed; the count is printed. The channel mix is an illustrative trappemodel (below), not any
// municipality's agreement.
// National: the afdelinger are split over BENCH_THREADS worker threads (this file is also the worker), which are
// started and warmed before timing, as a pool in the app would be; the time covers sending the order, the
// forecasts and the full results back. Median of BENCH_RUNS (>= 3). A single-thread run checks that the results
// are the same whatever the split (each afdeling's random stream depends only on the seed and its id).
// Municipality: in this thread, median of BENCH_MUNI_RUNS (>= 5), one scenario and (context) two scenarios.
// Prints national_s and municipality_ms, with context lines.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { prognoseMange, type Kanal, type PrognoseInput, type PrognoseOptions, type PrognoseResultat, type Scenarie } from '../src/rules/prognose.ts';

interface AfdelingRow {
  id: string;
  kommunekode: string;
  husstande: number;
  udenforPct: number | null;
  fraflytningPct: number | null;
}

// ---- worker ------------------------------------------------------------------------------------------------------
if (!isMainThread) {
  const inputs = (workerData as { inputs: PrognoseInput[] }).inputs;
  parentPort!.on('message', (msg: { opts: PrognoseOptions; warm?: boolean }) => {
    const t = performance.now();
    const res = prognoseMange(msg.warm ? inputs.slice(0, 1000) : inputs, msg.opts);
    parentPort!.postMessage({ res: msg.warm ? [] : res, ms: performance.now() - t });
  });
} else {
  await main();
}

async function main(): Promise<void> {
  const seed = Number(process.env.BENCH_SEED ?? 1);
  const runs = Math.max(3, Number(process.env.BENCH_RUNS ?? 3));
  const muniRuns = Math.max(5, Number(process.env.BENCH_MUNI_RUNS ?? 7));
  const threads = Math.max(1, Number(process.env.BENCH_THREADS ?? 2));
  const koersler = Number(process.env.BENCH_KOERSLER ?? 1000);
  const opts: PrognoseOptions = { horisont: 10, koersler, seed: 1 };
  const log = (m: string) => process.stderr.write(m + '\n');
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  // ---- data ----------------------------------------------------------------------------------------------------
  const { rows, navne } = await countryRows(seed, log);
  const byMuni = new Map<string, AfdelingRow[]>();
  for (const r of rows) byMuni.set(r.kommunekode, [...(byMuni.get(r.kommunekode) ?? []), r]);
  let imputed = 0;
  for (const list of byMuni.values()) {
    const mean = (f: (r: AfdelingRow) => number | null) => {
      let w = 0;
      let s = 0;
      for (const r of list) if (f(r) !== null) (w += r.husstande), (s += r.husstande * f(r)!);
      return w > 0 ? s / w : null;
    };
    const u = mean((r) => r.udenforPct) ?? 27;
    const m = mean((r) => r.fraflytningPct) ?? 8;
    for (const r of list) {
      if (r.udenforPct === null || r.fraflytningPct === null) imputed++;
      r.udenforPct ??= u;
      r.fraflytningPct ??= m;
    }
  }
  const inputs = rows.filter((r) => r.husstande > 0).map((r) => toInput(r, false));
  // The municipality with the number of afdelinger closest to 100 (ties: the lower code).
  const [muniCode, muniRows] = [...byMuni.entries()].sort((a, b) => Math.abs(a[1].length - 100) - Math.abs(b[1].length - 100) || a[0].localeCompare(b[0]))[0];
  const muniInputs = muniRows.filter((r) => r.husstande > 0).map((r) => toInput(r, false));
  const muniInputs2 = muniRows.filter((r) => r.husstande > 0).map((r) => toInput(r, true));

  console.log(`afdelinger=${inputs.length} (synthetic country, demo/national.ts seed ${seed}, generated data; ${imputed} without uden_for_arbejde_pct or fraflytning_pct given their municipality's mean for timing only)`);
  console.log(`husstande=${inputs.reduce((s, x) => s + x.enheder, 0)} (units of the model)`);
  console.log(`runs=${koersler} years=${opts.horisont} threads=${threads} indicators=1 scenarios=1 timed_runs=${runs}`);

  // ---- national, in worker threads ---------------------------------------------------------------------------------
  const parts: PrognoseInput[][] = Array.from({ length: threads }, () => []);
  inputs.forEach((x, i) => parts[i % threads].push(x)); // interleaved: sizes spread evenly
  const t0 = performance.now();
  // Node 20 does not apply tsx's --import to a worker's own entry module: register tsx first, then load this file.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  const workers = parts.map((p) => new Worker(boot, { eval: true, workerData: { inputs: p } }));
  const ask = (w: Worker, msg: unknown) =>
    new Promise<{ res: PrognoseResultat[]; ms: number }>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
      w.postMessage(msg);
    });
  await Promise.all(workers.map((w) => ask(w, { opts, warm: true })));
  log(`workers started and warmed in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  const national: number[] = [];
  const cpu: number[] = [];
  const compute: number[] = [];
  let parallel: PrognoseResultat[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const c = process.cpuUsage();
      const t = performance.now();
      const res = await Promise.all(workers.map((w) => ask(w, { opts })));
      national.push(performance.now() - t);
      const cu = process.cpuUsage(c);
      cpu.push((cu.user + cu.system) / 1000);
      compute.push(Math.max(...res.map((r) => r.ms)));
      parallel = res.flatMap((r) => r.res);
      log(`  national run ${i + 1}: ${(national[i] / 1000).toFixed(2)} s (slowest thread computing ${(compute[i] / 1000).toFixed(2)} s; cpu ${(cpu[i] / 1000).toFixed(2)} s over all threads)`);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }

  // Same results on one thread (the split must not matter).
  const t1 = performance.now();
  const single = prognoseMange(inputs, opts);
  const singleMs = performance.now() - t1;
  const key = (r: PrognoseResultat) => `${r.afdelingId}:${r.scenarier[0].indikatorer[0].mc!.p50Pct.join(',')}:${r.scenarier[0].indikatorer[0].mc!.middelPct.join(',')}`;
  const byId = new Map(parallel.map((r) => [r.afdelingId, key(r)]));
  const same = single.length === parallel.length && single.every((r) => byId.get(r.afdelingId) === key(r));

  // ---- one municipality, this thread ---------------------------------------------------------------------------
  const muni: number[] = [];
  const muni2: number[] = [];
  prognoseMange(muniInputs, opts); // warm (already warm from the single-thread run)
  for (let i = 0; i < muniRuns; i++) {
    let t = performance.now();
    prognoseMange(muniInputs, opts);
    muni.push(performance.now() - t);
    t = performance.now();
    prognoseMange(muniInputs2, opts);
    muni2.push(performance.now() - t);
  }
  // Headline of the national result, as a reader would see it (expected path, the illustrative mix).
  const over40 = (t: number) => single.filter((r) => r.scenarier[0].indikatorer[0].forventetPct[t] > 40).length;

  console.log(`national_s=${(median(national) / 1000).toFixed(2)}`);
  console.log(`national_runs_s=${national.map((x) => (x / 1000).toFixed(2)).join(',')}`);
  console.log(`national_compute_s=${(median(compute) / 1000).toFixed(2)} (slowest thread's forecasts, without sending the results back)`);
  console.log(`national_cpu_s=${(median(cpu) / 1000).toFixed(2)} (process CPU time, all threads; far below national_s x threads means the threads waited for a shared CPU)`);
  console.log(`national_1thread_s=${(singleMs / 1000).toFixed(2)} (one run, same results as the threads: ${same ? 'yes' : 'NO'})`);
  console.log(`afdeling_years_per_s=${Math.round((inputs.length * koersler * 10) / (median(national) / 1000)).toLocaleString('en-US')}`);
  console.log(`municipality=${muniCode} ${navne.get(muniCode) ?? ''} afdelinger=${muniInputs.length} timed_runs=${muniRuns}`);
  console.log(`municipality_ms=${median(muni).toFixed(0)}`);
  console.log(`municipality_2scenarios_ms=${median(muni2).toFixed(0)} (today's mix and a draft, common random numbers, with the difference band)`);
  console.log(`afdelinger_over_40pct_expected=${over40(0)} in 2024, ${over40(5)} in 2029, ${over40(10)} in 2034 (illustrative mix)`);
  if (!same) process.exitCode = 1;
}

// ---- the illustrative trappemodel ----------------------------------------------------------------------------------
/**
 * Channel shares by step (percent of vacancies). ILLUSTRATION, not any municipality's agreement: red afdelinger
 * (>= 40 % outside the labour market) are shielded from kommunal anvisning and let mostly by fleksibel
 * udlejning; the draft raises fleksibel udlejning on the two upper steps.
 */
function mix(share: number, draft: boolean): Partial<Record<Kanal, number>> {
  if (share >= 40) return draft ? { venteliste: 25, fleksibel_udlejning: 65, kommunal_anvisning: 0, intern_oprykning: 10 } : { venteliste: 40, fleksibel_udlejning: 45, kommunal_anvisning: 5, intern_oprykning: 10 };
  if (share >= 30) return draft ? { venteliste: 40, fleksibel_udlejning: 40, kommunal_anvisning: 10, intern_oprykning: 10 } : { venteliste: 50, fleksibel_udlejning: 25, kommunal_anvisning: 15, intern_oprykning: 10 };
  return { venteliste: 55, fleksibel_udlejning: 10, kommunal_anvisning: 25, intern_oprykning: 10 };
}

function toInput(r: AfdelingRow, withDraft: boolean): PrognoseInput {
  const share = r.udenforPct!;
  const scenarier: Scenarie[] = [{ navn: 'gældende aftale', kanalfordelingPct: mix(share, false) }];
  if (withDraft) scenarier.push({ navn: 'udkast', kanalfordelingPct: mix(share, true) });
  return {
    id: r.id,
    startaar: 2024,
    enheder: r.husstande,
    fraflytningPct: r.fraflytningPct!,
    // § 61 a, stk. 1, nr. 1 is met when the share "overstiger" 40 %: off that criterion at 40 % or less.
    indikatorer: [{ navn: 'uden_for_arbejde_pct', andelPct: share, taerskel: { vaerdiPct: 40, operator: '<=' } }],
    scenarier,
  };
}

// ---- the synthetic country's key figures (generated once per seed, cached) -----------------------------------------
/** Splits one CSV line (comma, double quotes). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

function readCsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
  const head = splitCsv(lines[0]);
  return lines.slice(1).map((l) => {
    const f = splitCsv(l);
    return Object.fromEntries(head.map((h, i) => [h, f[i] ?? '']));
  });
}

async function countryRows(seed: number, log: (m: string) => void): Promise<{ rows: AfdelingRow[]; navne: Map<string, string> }> {
  const { municipalities } = await import('../src/features/register/reference.ts');
  const navne = new Map<string, string>(municipalities.map((m) => [m.kommunekode, m.kommunenavn]));
  const cache = join(tmpdir(), `almen-bench-prognose-v1-seed${seed}.json`);
  if (existsSync(cache)) {
    log(`data: genbruger ${cache}`);
    return { rows: JSON.parse(readFileSync(cache, 'utf8')), navne };
  }
  const { writeNationalFiles } = await import('../demo/national.ts');
  const dir = mkdtempSync(join(tmpdir(), 'almen-bench-prognose-'));
  try {
    const t = performance.now();
    const counts = writeNationalFiles(dir, { seed });
    const afd = new Map(readCsv(counts.files.afdelinger!).map((r) => [`${r.org_lbf_nr}-${r.afdelingsnummer}`, r.kommunekode]));
    const num = (s: string) => (s === '' ? null : Number(s));
    const rows: AfdelingRow[] = readCsv(counts.files.noegletal_afdeling!)
      .filter((r) => r.aar === '2024')
      .map((r) => {
        const id = `${r.org_lbf_nr}-${r.afdelingsnummer}`;
        return { id, kommunekode: afd.get(id)!, husstande: Number(r.husstande), udenforPct: num(r.uden_for_arbejde_pct), fraflytningPct: num(r.fraflytning_pct) };
      });
    writeFileSync(cache + '.tmp', JSON.stringify(rows));
    renameSync(cache + '.tmp', cache);
    log(`data: ${rows.length} afdelinger fra demo/national.ts (seed ${seed}) på ${((performance.now() - t) / 1000).toFixed(1)} s, gemt i ${cache}`);
    return { rows, navne };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
