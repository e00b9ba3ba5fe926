// Batch assignment benchmark (issue 6, item 3): 10,000 applicants to 2,000 vacancies at the municipality's disposal,
// with the system's real rules applied, against a plain greedy assignment on the same rules in the same run.
//   npm run bench:anvisning
//   BENCH_APPLICANTS=20000 BENCH_VACANCIES=4000 BENCH_RUNS=7 BENCH_SEED=2 BENCH_DATE=2026-09-01 npm run bench:anvisning
// The rules are the app's own code path, src/features/anvisning/batch.ts `batchKompatibilitet` (as `batchAssign`):
// batchRegler's rules, i.e. the need checks of src/rules/tildeling.ts, affordability after estimated boligstøtte
// (betalingsevnefilter = affordability) and § 59, stk. 6/7 (anvisningsfilter = eligibility), both from
// src/rules/anvisning.ts and property-tested against the full functions (src/rules/anvisning-hurtig.test.ts). From
// PARALLEL_MIN_PAR pairs on (10 million; 20 million here) the households' precomputation and the pairs are done in
// parts, one on the main thread and one per further core in a worker thread, joined in rank order: the same result
// as on one thread (src/features/anvisning/batch-parallel.test.ts).
// Prints to stdout assign_s (median over the runs of batchKompatibilitet + `tildelGraf`: the per-household
// precomputation of both rules, judging every pair, the matching, the fit improvement and a reason for every
// decision), housed, greedy_s (median of batchKompatibilitet + `greedyGraf`, judging the pairs the same way),
// greedy_housed; context to stderr (the first call, which starts the worker threads, untimed in the medians; pairs
// judged, pairs excluded per rule and paragraph, the households' verdicts; the breakdown on one thread and in parts;
// the load average at the end). Exits with code 1 if ours houses fewer than greedy. Target: assign_s under 1 s.
//
// ALL DATA ARE GENERATED (seeded, demo/anvisning-batch.ts): no real applicants or dwellings. The date is in 2026, the
// year the boligstøtte satser in law/boligstoette/beregning cover. The data are calibrated on seed 003 (the target
// groups on benefit incomes at rough 2025-26 rates, almen rents about 1,100 kr./m² a year); the check against its 46
// of 126 dwellings too dear is printed (vacancies_nobody_can_pay) and is NOT reproduced: 0 % with 10,000 households,
// see the generator's header and decision 017 for why.
//
// Measured 2 December 2026 (seed 1, 10,000 / 2,000, median of 7 in each bench run, three bench runs one after another
// with both cores, load average 1.7-2.0 on the shared 2-core machine, whose second core adds only about half a core):
// assign_s 0.638, 0.634, 0.619, housed 1,943; greedy_s 0.525, 0.488, 0.499, greedy_housed 1,932; precompute + pairs
// 0.37-0.39 s in parts against 0.46 s on one thread (precompute 0.15, pairs 0.31); ours on the pairs 0.245 s; the
// first call, starting the worker, 1.8 s. TARGET (assign_s < 1 s): MET, with about a third to spare. The same
// morning, on a quiet machine (load 1.0) before that day's work: assign_s 0.831; the day before, under load 1.8-2.9:
// assign_s 1.04-1.20 (median 1.171). What the day's work removed: the households' precomputation kept a closure scope
// of about 2,300 bytes per household through the pairs (now a small object of about 440) and parsed dates with
// regular expressions; the § 59 answers were kept half-worked per household; the fit improvement kept a dense table
// of every fit. Figures move by up to a factor two with the machine's load.
import { availableParallelism, loadavg } from 'node:os';
import { genererAnvisning } from '../demo/anvisning-batch.ts';
import { batchKompatibilitet, batchRegler, PARALLEL_MIN_PAR } from '../src/features/anvisning/batch.ts';
import { loadLaw } from '../src/law/params.ts';
import { anvisningsfilter, betalingsevnefilter } from '../src/rules/anvisning.ts';
import { greedyGraf, kompatibilitet, tildelGraf, type Tildeling } from '../src/rules/tildeling.ts';

const nA = Number(process.env.BENCH_APPLICANTS ?? 10_000);
const nL = Number(process.env.BENCH_VACANCIES ?? 2_000);
const runs = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const seed = Number(process.env.BENCH_SEED ?? 1);
const DATO = process.env.BENCH_DATE ?? '2026-04-01';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (ms: number) => (ms / 1000).toFixed(3);
const log = (m: string) => process.stderr.write(m + '\n');

// ---- run ---------------------------------------------------------------------------------------------------------

const law = loadLaw();
const data = genererAnvisning(seed, nA, nL, DATO);
const listed = data.ledigheder.filter((l) => l.kategorier.length > 0).length;
log(`generated (seed ${seed}, demo/anvisning-batch.ts, not real data): ${nA} households, ${nL} vacancies on ${DATO}, ${listed} in listed areas; rules = batchRegler (affordability after boligstøtte, § 59 stk. 6/7)`);

async function timed<T>(fn: () => T | Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}
// The app's path (batchAssign): batchKompatibilitet judges the pairs, on both cores above PARALLEL_MIN_PAR pairs.
const ours = async () => tildelGraf(await batchKompatibilitet(DATO, data.ansoegere, data.ledigheder, law));
const greedyRun = async () => greedyGraf(await batchKompatibilitet(DATO, data.ansoegere, data.ledigheder, law));
const inParts = nA * nL >= PARALLEL_MIN_PAR;

// Warm up once on the full size (JIT; the first batch in parts also starts the worker threads), untimed but shown.
const [cold] = await timed(ours);
log(`first call (${inParts ? 'starts the worker threads' : 'one thread'}): ${secs(cold)} s`);
await greedyRun();

const ms = { ours: [] as number[], greedy: [] as number[], prep: [] as number[], edges: [] as number[], parts: [] as number[], match: [] as number[], greedyMatch: [] as number[] };
let o: Tildeling | undefined;
let gr: Tildeling | undefined;
for (let r = 0; r < runs; r++) {
  // Alternate which goes first, so neither always meets a warmer heap.
  const order = r % 2 === 0 ? (['ours', 'greedy'] as const) : (['greedy', 'ours'] as const);
  for (const what of order) {
    if (what === 'ours') {
      const [t, res] = await timed(ours);
      ms.ours.push(t);
      o = res;
    } else {
      const [t, res] = await timed(greedyRun);
      ms.greedy.push(t);
      gr = res;
    }
  }
  // Breakdown: on one thread the per-household precomputation and the pairs; the same in parts as the app does
  // it (batchKompatibilitet); then each method on the pairs.
  const [tp, br] = await timed(() => batchRegler(DATO, data.ansoegere, data.ledigheder, law));
  ms.prep.push(tp);
  const [te] = await timed(() => kompatibilitet(br.input, br.regler));
  ms.edges.push(te);
  const [tk, g] = await timed(() => batchKompatibilitet(DATO, data.ansoegere, data.ledigheder, law));
  ms.parts.push(tk);
  ms.match.push((await timed(() => tildelGraf(g)))[0]);
  ms.greedyMatch.push((await timed(() => greedyGraf(g)))[0]);
  log(`  run ${r + 1}: ours ${secs(ms.ours[r])} s, greedy ${secs(ms.greedy[r])} s (one thread: precompute ${secs(tp)} s, pairs ${secs(te)} s; app path: ${secs(tk)} s)`);
}
const g = await batchKompatibilitet(DATO, data.ansoegere, data.ledigheder, law);

const assignS = median(ms.ours) / 1000;
const greedyS = median(ms.greedy) / 1000;
const pairs = nA * nL;
const pct = (x: number, of: number) => ((100 * x) / of).toFixed(1);
const excludedBy = new Map<string, number>();
g.grunde.forEach((gg, k) => excludedBy.set(gg.paragraf ? `${gg.grund} [${gg.paragraf}]` : gg.grund, g.taelA[k].reduce((s, x) => s + x, 0)));
const orsag = (t: Tildeling) => {
  const c = new Map<string, number>();
  for (const a of t.ansoegere) if (a.udfald === 'ikke_huset') c.set(a.aarsag, (c.get(a.aarsag) ?? 0) + 1);
  for (const l of t.ledigheder) if (l.udfald === 'ikke_tildelt') c.set(`bolig_${l.aarsag}`, (c.get(`bolig_${l.aarsag}`) ?? 0) + 1);
  return [...c].map(([k, v]) => `${k}=${v}`).join(' ');
};
// The households' verdicts per category set (the legal rules alone) and their rent bounds.
const f = anvisningsfilter(DATO, law);
const saet = [...new Map(data.ledigheder.map((l) => [[...l.kategorier].sort().join(','), l.kategorier])).values()];
const verdicts = saet.map((k) => {
  const c = { tilladt: 0, udelukket: 0, kan_ikke_afgoeres: 0 };
  const s = f.saet(k);
  for (const a of data.ansoegere) c[f.husstand(a.husstand)(s).status]++;
  return `[${k.join(',') || 'no list'}] ${Object.entries(c).map(([x, n]) => `${x}=${n}`).join(' ')}`;
});
const bounds = data.ansoegere.map((a) => betalingsevnefilter(a.husstand, DATO, law).loftHusleje).filter(Number.isFinite).sort((x, y) => x - y);

// Calibration against seed 003 (46 of 126 dwellings offered for anvisning in a year were sent back as too dear for
// the citizens waiting): per vacancy, the households that can pay it by the real affordability rule (betalingsevnefilter
// = affordability after estimated boligstøtte; 'usikker' counts as can pay, as in batchRegler). Households sorted by
// their rent bound, so each vacancy looks only at those whose bound reaches its rent. Untimed.
const beta = data.ansoegere.map((a) => betalingsevnefilter(a.husstand, DATO, law)).sort((x, y) => y.loftHusleje - x.loftHusleje);
let ingen = 0;
let tilbage5 = 0;
const betalere: number[] = [];
for (const l of data.ledigheder) {
  let c = 0;
  for (const b of beta) {
    if (b.loftHusleje < l.husleje) break;
    const s = b.status(l.husleje, l.arealM2);
    if (s === 'kan_betale' || s === 'usikker') c++;
  }
  if (c === 0) ingen++;
  tilbage5 += (1 - c / nA) ** 5;
  betalere.push(c);
}
betalere.sort((x, y) => x - y);
const hoved = new Map<string, number>();
for (const a of data.ansoegere) {
  const m = a.husstand.medlemmer[0].ydelser?.maaneder;
  const k = m && m.length ? m[m.length - 1].art : 'no benefit (work, or a run ended)';
  hoved.set(k, (hoved.get(k) ?? 0) + 1);
}
const typer = { single: 0, single_parent: 0, couple: 0 };
for (const a of data.ansoegere) {
  const voksne = a.husstand.medlemmer.filter((m) => m.rolle !== 'barn').length;
  typer[voksne > 1 ? 'couple' : a.husstand.medlemmer.length > 1 ? 'single_parent' : 'single']++;
}
log(`applicants (generated): ${Object.entries(typer).map(([k, v]) => `${k}=${pct(v, nA)} %`).join(' ')}; applicant's latest benefit: ${[...hoved].sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k}=${pct(v, nA)} %`).join(' ')}`);
log(`vacancies_nobody_can_pay=${ingen} (${pct(ingen, nL)} %) (seed 003: 46 of 126 = 36.5 %); households_that_can_pay_per_vacancy p10=${pct(betalere[Math.floor(0.1 * (nL - 1))], nA)} % median=${pct(betalere[Math.floor(0.5 * (nL - 1))], nA)} % p90=${pct(betalere[Math.floor(0.9 * (nL - 1))], nA)} %; expected_too_dear_if_offered_to_5_waiting=${pct(tilbage5, nL)} %`);
log(`data=generated seed=${seed} date=${DATO} applicants=${nA} vacancies=${nL} listed_area_vacancies=${listed} (${pct(listed, nL)} %) rules=real(affordability, § 59 stk. 6-7) runs=${runs}`);
log(`pairs=${pairs} judged_in_detail=${g.parKontrolleret} (${pct(g.parKontrolleret, pairs)} %) allowed=${g.naboer.length} (${pct(g.naboer.length, pairs)} %)`);
const gradL = new Int32Array(nL);
for (let e = 0; e < g.naboer.length; e++) gradL[g.naboer[e]]++;
const gradA = Int32Array.from({ length: nA }, (_, i) => g.start[i + 1] - g.start[i]);
const q = (xs: Int32Array, p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];
log(`eligible_per_vacancy p10=${q(gradL, 0.1)} median=${q(gradL, 0.5)} p90=${q(gradL, 0.9)}; eligible_per_applicant p10=${q(gradA, 0.1)} median=${q(gradA, 0.5)} p90=${q(gradA, 0.9)}`);
log(`excluded_pairs ${[...excludedBy].filter(([, v]) => v > 0).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k}=${v}`).join('; ')}`);
log(`households_by_category_set (eligibility alone): ${verdicts.join('; ')}`);
log(`rent_bound (kr./month above which surely too dear, ${bounds.length} households with one) p10=${Math.round(bounds[Math.floor(0.1 * bounds.length)])} median=${Math.round(bounds[Math.floor(0.5 * bounds.length)])} p90=${Math.round(bounds[Math.floor(0.9 * bounds.length)])}`);
log(`breakdown_s one_thread: precompute=${secs(median(ms.prep))} pairs=${secs(median(ms.edges))}; app_path (${inParts ? `in parts, ${availableParallelism()} cores` : 'one thread, under PARALLEL_MIN_PAR'}): precompute+pairs=${secs(median(ms.parts))}; ours_on_pairs=${secs(median(ms.match))} greedy_on_pairs=${secs(median(ms.greedyMatch))}`);
log(`load_average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
log(`housed_by_priority ours=${JSON.stringify(o!.husetPrPrioritet)} greedy=${JSON.stringify(gr!.husetPrPrioritet)}`);
log(`mean_fit ours=${(o!.samletBehovsmatch / Math.max(1, o!.antalHuset)).toFixed(1)} greedy=${(gr!.samletBehovsmatch / Math.max(1, gr!.antalHuset)).toFixed(1)} fit_passes=${o!.forbedring?.runder} fit_moves=${o!.forbedring?.flytninger} converged=${o!.forbedring?.konvergeret}`);
log(`not_housed ours: ${orsag(o!)}`);
log(`not_housed greedy: ${orsag(gr!)}`);
log(`ratio_s=${(assignS / greedyS).toFixed(2)} (assign_s / greedy_s); target assign_s<1: ${assignS < 1 ? 'met' : 'MISSED'}`);
console.log(`assign_s=${assignS.toFixed(3)}`);
console.log(`housed=${o!.antalHuset}`);
console.log(`greedy_s=${greedyS.toFixed(3)}`);
console.log(`greedy_housed=${gr!.antalHuset}`);
if (o!.antalHuset < gr!.antalHuset) {
  console.error(`FAIL: tildel housed ${o!.antalHuset}, fewer than greedy's ${gr!.antalHuset}`);
  process.exit(1);
}
