// The batch assignment of all open vacancies to all open cases (issue 6, item 3; src/rules/tildeling.ts): as many
// households housed as the rules allow, priority and waiting time first, and the reason for every decision.
// Hard legal rules (§ 59 stk. 6/7) and affordability after estimated boligstøtte are the exclusion filter, through the
// fast paths of src/rules/anvisning.ts (anvisningsfilter, betalingsevnefilter: the same verdicts as eligibility and
// affordability, property-tested), so the benchmark (bench/anvisning.ts) measures this code path.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { DomainError } from '../../errors.ts';
import type { LawParam, Params } from '../../law/params.ts';
import { anvisningsfilter, betalingsevnefilterValideret, type Betalingsevnefilter, type Husstand, type Kategori } from '../../rules/anvisning.ts';
import {
  doemPar,
  forberedPar,
  GRUND,
  kompatibilitet,
  samlPar,
  tildelGraf,
  type Ansoeger,
  type Kompatibilitet,
  type Ledighed,
  type ParDel,
  type ParGrundlag,
  type Prioritet,
  type Tildeling,
  type Udelukkelse,
} from '../../rules/tildeling.ts';
import type { CaseForMatching } from './matching.ts';
import type { Ledig } from './ledige.ts';
import { KeptWorkers } from '../../shared/worker-pool.ts';

/** What the batch needs of a case and a dwelling (the app's rows map onto these; the benchmark generates them). */
export type BatchAnsoeger = Omit<Ansoeger, 'maxHusleje'> & { husstand: Husstand | null };
export type BatchLedighed = Ledighed & { kategorier: readonly Kategori[] };

// One hidden class per side (fields in a fixed order, no spreading): the filter runs millions of times.
type A = Ansoeger & { nr: number };
type L = BatchLedighed & { saet: number };

/** An applicant as the engine takes it; maxHusleje is the household's rent bound (0 until the parts give it). */
const somAnsoeger = (c: BatchAnsoeger, nr: number, maxHusleje: number): A => ({
  id: c.id,
  prioritet: c.prioritet,
  ventetSiden: c.ventetSiden,
  vaerelserMin: c.vaerelserMin,
  vaerelserMax: c.vaerelserMax,
  maxHusleje,
  kraeverTilgaengelig: c.kraeverTilgaengelig,
  undgaaOmraader: c.undgaaOmraader,
  oenskedeOmraader: c.oenskedeOmraader,
  nr,
});

/** A vacancy as the engine takes it, with the number of its category set in the filter. */
const somLedighed = (l: BatchLedighed, filter: { saet: (k: readonly Kategori[]) => number }): L => ({
  id: l.id,
  vaerelser: l.vaerelser,
  arealM2: l.arealM2,
  husleje: l.husleje,
  tilgaengelig: l.tilgaengelig,
  omraade: l.omraade,
  kategorier: l.kategorier,
  frist: l.frist,
  saet: filter.saet(l.kategorier),
});

/** The reasons, one object each, so the engine counts them per rule (not per household). */
const MANGLER_HUSSTAND: Udelukkelse = { grund: 'sagens husstandsoplysninger er ikke udfyldt' };
const FOR_DYR: Udelukkelse = { grund: GRUND.dyr };
const BETALING_UKENDT: Udelukkelse = { grund: 'betalingsevnen kan ikke vurderes' };

/**
 * The legal filter and affordability for tildel, per pair in this order (the engine's order: rent before the law):
 * no household facts; too dear after estimated boligstøtte ('for dyr', the engine's own reason, so the pairs above a
 * household's rent bound and those found too dear one by one count together) or affordability not decidable; then
 * § 59, stk. 6/7: excluded ('må ikke anvises' with the first ground met, e.g. '§ 59, stk. 6, nr. 5') or not decidable
 * (the missing facts, as eligibility names them). 'usikker' affordability is allowed (a caseworker checks it).
 * Each household's maxHusleje is betalingsevnefilter's bound, above which every rent is 'kan_ikke_betale', so the
 * engine never asks about those pairs; it also sets the rent part of the need fit.
 * `naaet.nr`, if given, is the case whose household is being worked out (so a part can tell where an error came from).
 */
export function batchRegler(dato: string, cases: readonly BatchAnsoeger[], ledige: readonly BatchLedighed[], params: Params, maxAndelPct?: number, naaet?: { nr: number }) {
  const filter = anvisningsfilter(dato, params);
  const indstilling = maxAndelPct === undefined ? {} : { maxAndelPct };
  // The vacancies' category sets first, without throwing: a vacancy's error is thrown below, after the households'.
  let antalSaet = 0;
  for (const l of ledige) {
    try {
      antalSaet = Math.max(antalSaet, filter.saet(l.kategorier) + 1);
    } catch {
      // thrown again by somLedighed
    }
  }
  // The legal answer per household and category set: lovSvar[nr * antalSaet + saet], worked out with the household
  // (a handful of sets), so its intermediate results die young instead of living through the pairs.
  const lovSvar: (Udelukkelse | null)[] = new Array(cases.length * antalSaet).fill(null);
  const lov = new Map<string, Udelukkelse>();
  const grund = (g: Udelukkelse) => {
    const k = `${g.grund}|${g.paragraf ?? ''}`;
    let x = lov.get(k);
    if (!x) lov.set(k, (x = g));
    return x;
  };
  const betaling: (Betalingsevnefilter | null)[] = [];
  const ansoegere: A[] = cases.map((c, nr) => {
    if (naaet) naaet.nr = nr;
    // filter.husstand validates the household (the same error either way), so the affordability part need not.
    if (c.husstand) {
      const udfald = filter.husstand(c.husstand);
      for (let s = 0; s < antalSaet; s++) {
        const e = udfald(s);
        lovSvar[nr * antalSaet + s] =
          e.status === 'udelukket' ? grund({ grund: 'må ikke anvises', paragraf: e.grunde[0].nr }) : e.status === 'kan_ikke_afgoeres' ? grund({ grund: `kan ikke afgøres: mangler ${e.mangler.join(', ')}`, paragraf: e.ukendte[0]?.nr }) : null;
      }
    }
    const b = c.husstand ? betalingsevnefilterValideret(c.husstand, dato, params, indstilling) : null;
    betaling.push(b);
    return somAnsoeger(c, nr, b && Number.isFinite(b.loftHusleje) ? Math.max(0, b.loftHusleje) : Number.MAX_SAFE_INTEGER);
  });
  const ledigheder: L[] = ledige.map((l) => somLedighed(l, filter));
  // At or below a household's floor the rent is surely affordable ('kan_betale' or 'usikker', both allowed), so the
  // formula is skipped; only for a valid area (an area of 0 goes to the full function, which rejects it).
  const gulv = Float64Array.from(betaling, (b) => (b === null ? -Infinity : b.gulvHusleje));
  const udeluk = (a: A, l: L): Udelukkelse | null => {
    const nr = a.nr;
    if (!(l.husleje <= gulv[nr] && l.arealM2 > 0)) {
      const b = betaling[nr];
      if (b === null) return MANGLER_HUSSTAND;
      const s = b.status(l.husleje, l.arealM2);
      if (s === 'kan_ikke_betale') return FOR_DYR;
      if (s === 'kan_ikke_afgoeres') return BETALING_UKENDT;
    }
    return lovSvar[nr * antalSaet + l.saet];
  };
  return { input: { dato, ansoegere, ledigheder }, regler: { udeluk } };
}

// ---------------------------------------------------------------------------------------------------------------
// Both cores: the households' precomputation and the pairs, in parts

/**
 * Below this many pairs (applicants x vacancies) the batch is judged on this thread alone: copying the households to
 * a worker (about 25 µs each, sent and received) and joining the parts cost about what half the work saves, and
 * this machine's second core adds only about half a core (two CPU-bound processes each run at about 0.74 of one
 * alone). Measured warm on generated data (seed 1, median of 9, same process alternating, load about 1.8), 2 December
 * 2026, after the households' precomputation got cheaper: 1,000 x 1,000 in parts 53 ms / one thread 34 ms; 2,500 x
 * 2,000 108 / 101; 5,000 x 1,000 155 / 142; 5,000 x 2,000 203 / 216; 10,000 x 2,000 376 / 432 (before: 5,000 x 1,000
 * 334 / 349 and 10,000 x 2,000 about 850 / 1,070, so the threshold was 5 million). The first batch in parts in a
 * process also starts the worker (tsx and the rules load: about 0.7 s here), so in parts only where it clearly pays.
 */
export const PARALLEL_MIN_PAR = 10_000_000;

/**
 * How much larger this thread's part is than a worker's. A worker starts on its part only after its households have
 * been copied to it (about 5 MB for 5,000 households: some 45 ms here to send, 70-100 ms to receive), so with
 * equal parts this thread waited 40-200 ms for the worker; at 1.08 (54 % of the rows with two parts) the two end
 * within a few ms of each other on the bench's data. Only the timing depends on it, never the result.
 */
const EGEN_VAEGT = 1.08;

export interface BatchValg {
  /** true: in parts even below PARALLEL_MIN_PAR (tests); false: on this thread; absent: by PARALLEL_MIN_PAR. */
  parallel?: boolean;
  /** Number of parts (this thread does the first, a worker each of the others); default: the cores, at least 2. */
  dele?: number;
}

/** One part: its cases in input order (a contiguous range of the rank order), all the vacancies. Plain data. */
export interface DelOpgave {
  dato: string;
  cases: readonly BatchAnsoeger[];
  ledige: readonly BatchLedighed[];
  maxAndelPct?: number;
}
type FejlData = { domain: true; code: DomainError['code']; message: string; details?: DomainError['details'] } | { domain: false; message: string };
/** The part's pairs and its households' rent bounds (rank order), or where it failed: a household (its index in the part's cases) or the pairs. */
export type DelSvar = { maxHusleje: Float64Array; del: ParDel } | { fejl: FejlData; trin: 'husstand'; nr: number } | { fejl: FejlData; trin: 'par' };

const fejlData = (e: unknown): FejlData =>
  e instanceof DomainError ? { domain: true, code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } : { domain: false, message: String((e as Error)?.message ?? e) };

/** One part's work, the same in a worker and on this thread: batchRegler on its cases, then doemPar on all its rows. */
export function batchDel(o: DelOpgave, params: Params): DelSvar {
  const naaet = { nr: -1 };
  let br: ReturnType<typeof batchRegler>;
  try {
    br = batchRegler(o.dato, o.cases, o.ledige, params, o.maxAndelPct, naaet);
  } catch (e) {
    return { fejl: fejlData(e), trin: 'husstand', nr: naaet.nr };
  }
  try {
    // Its cases are a contiguous range of the whole rank order, so forberedPar ranks them as the whole does.
    const f = forberedPar(br.input);
    const del = doemPar(f, 0, f.ansoegere.length, br.regler);
    return { maxHusleje: Float64Array.from(f.ansoegere, (a) => a.maxHusleje), del };
  } catch (e) {
    return { fejl: fejlData(e), trin: 'par' };
  }
}

/** The buffers of an answer, moved to the receiving thread instead of copied. */
export function flyttes(svar: DelSvar): ArrayBuffer[] {
  if ('fejl' in svar) return [];
  const d = svar.del;
  const bufs = new Set<ArrayBuffer>([svar.maxHusleje.buffer, d.start.buffer, d.naboer.buffer, d.match10.buffer, ...d.taelA.map((x) => x.buffer), ...d.taelL.map((x) => x.buffer)] as ArrayBuffer[]);
  return [...bufs];
}

// The worker threads (src/shared/worker-pool.ts) are started on the first batch in parts; one batch uses them at a
// time. When the pool breaks, batches are judged on this thread.
const workers = new KeptWorkers(new URL('./batch-worker.mjs', import.meta.url));
/** Per worker: the numbers of the law parameter sets it has been sent. */
const sendteParams = new WeakMap<Worker, Set<number>>();
let koe: Promise<unknown> = Promise.resolve();
const paramsNr = new WeakMap<object, number>();
let sisteParamsNr = 0;

class Sekventielt extends Error {}

/** Batches judged in parts so far in this process, and errors given from the parts (the tests check that the parts
 * path really ran, not the sequential path after it). */
export const iDeleKoert = { antal: 0, fejl: 0 };

/**
 * The judged pairs of the batch (batchRegler + kompatibilitet), on both cores when there are many: the applicants in
 * rank order are split into parts; each part's households are worked out and its pairs judged by batchDel, the
 * first part on this thread and the others in workers; the parts are joined in rank order by samlPar, so the pairs,
 * the reasons and their counts, and so the matching, are exactly those of the sequential path. Errors are those of
 * the sequential path too: a household's (the first in input order) before the pairs' (the first in rank order),
 * as DomainError; any other failure, or an error in the input itself, is left to the sequential path to throw.
 * Parameters go to the workers as their law/ data (params.all); other Params (a what-if) stay on this thread.
 */
export async function batchKompatibilitet(dato: string, cases: readonly BatchAnsoeger[], ledige: readonly BatchLedighed[], params: Params, maxAndelPct?: number, valg: BatchValg = {}): Promise<Kompatibilitet<A, L>> {
  const sekventielt = () => {
    const { input, regler } = batchRegler(dato, cases, ledige, params, maxAndelPct);
    return kompatibilitet(input, regler);
  };
  const liste = (params as { all?: ReadonlyMap<string, LawParam> }).all;
  const dele = Math.max(2, Math.floor(valg.dele ?? availableParallelism()));
  const iDele = valg.parallel ?? (cases.length * ledige.length >= PARALLEL_MIN_PAR && availableParallelism() > 1);
  if (!iDele || !(liste instanceof Map) || workers.broken || cases.length < dele) return sekventielt();
  let nr = paramsNr.get(params);
  if (nr === undefined) paramsNr.set(params, (nr = ++sisteParamsNr));
  const pNr = nr;
  const run = koe.then(() => iDele_(dato, cases, ledige, params, pNr, [...liste.values()], dele, maxAndelPct));
  koe = run.catch(() => undefined);
  try {
    return await run;
  } catch (e) {
    if (e instanceof DomainError) throw e;
    // A worker that failed, or the input's own error: the sequential path gives the result or throws its error.
    return sekventielt();
  }
}

/**
 * The applicants and vacancies as batchRegler makes them, the rent bounds (maxHusleje) still 0: they come from the
 * parts. The rank order does not depend on them, and the checks pass with any bound of at least 0.
 */
function grundlag(dato: string, cases: readonly BatchAnsoeger[], ledige: readonly BatchLedighed[], params: Params): ParGrundlag<A, L> {
  const filter = anvisningsfilter(dato, params);
  const ansoegere: A[] = cases.map((c, nr) => somAnsoeger(c, nr, 0));
  const ledigheder: L[] = ledige.map((l) => somLedighed(l, filter));
  return forberedPar({ dato, ansoegere, ledigheder });
}

async function iDele_(dato: string, cases: readonly BatchAnsoeger[], ledige: readonly BatchLedighed[], params: Params, pNr: number, liste: LawParam[], dele: number, maxAndelPct?: number): Promise<Kompatibilitet<A, L>> {
  let f: ParGrundlag<A, L>;
  try {
    f = grundlag(dato, cases, ledige, params);
  } catch (e) {
    // The input's own error (a date, an id, a number): the sequential path throws it, or a household's before it.
    throw new Sekventielt(String(e));
  }
  const n = f.ansoegere.length;
  // The first part, this thread's, is EGEN_VAEGT times a worker's: a worker first receives its households.
  const graenser = Array.from({ length: dele + 1 }, (_, k) => (k === 0 ? 0 : Math.round((n * (EGEN_VAEGT + k - 1)) / (EGEN_VAEGT + dele - 1))));
  const nrs = Array.from({ length: dele }, (_, k) =>
    f.ansoegere
      .slice(graenser[k], graenser[k + 1])
      .map((a) => a.nr)
      .sort((x, y) => x - y),
  );
  const opgave = (k: number): DelOpgave => ({ dato, cases: nrs[k].map((i) => cases[i]), ledige, ...(maxAndelPct === undefined ? {} : { maxAndelPct }) });
  const svar: Promise<DelSvar>[] = [];
  for (let k = 1; k < dele; k++) {
    const w = workers.get(k - 1);
    const sendt = sendteParams.get(w) ?? new Set<number>();
    sendteParams.set(w, sendt);
    svar.push(workers.run<DelSvar>(k - 1, { opgave: opgave(k), params: sendt.has(pNr) ? { nr: pNr } : { nr: pNr, liste } }));
    sendt.add(pNr);
  }
  const egen = batchDel(opgave(0), params);
  const alle = [egen, ...(await Promise.all(svar))];
  // The sequential path's first error: the first household in input order that fails, else the first part's pairs.
  let valgt: FejlData | undefined;
  let foerste = Infinity;
  alle.forEach((s, k) => {
    if ('fejl' in s && s.trin === 'husstand' && nrs[k][s.nr] < foerste) {
      foerste = nrs[k][s.nr];
      valgt = s.fejl;
    }
  });
  if (!valgt) for (const s of alle) if ('fejl' in s && s.trin === 'par') { valgt = s.fejl; break; }
  if (valgt) {
    if (valgt.domain) {
      iDeleKoert.fejl++;
      throw new DomainError(valgt.code, valgt.message, valgt.details);
    }
    throw new Sekventielt(valgt.message);
  }
  const ok = alle as Extract<DelSvar, { del: ParDel }>[];
  ok.forEach((s, k) => {
    for (let r = 0; r < s.maxHusleje.length; r++) f.ansoegere[graenser[k] + r].maxHusleje = s.maxHusleje[r];
  });
  const k = samlPar(f, ok.map((s) => s.del));
  iDeleKoert.antal++;
  return k;
}

export async function batchAssign(dato: string, cases: readonly CaseForMatching[], ledige: readonly (Ledig & { kategorier: Kategori[] })[], params: Params, maxAndelPct?: number): Promise<Tildeling> {
  // A case that applied after the date is not yet waiting on it.
  const ansoegere: BatchAnsoeger[] = cases
    .filter((c) => c.ansoegt_dato <= dato)
    .map((c) => ({
      id: String(c.id),
      prioritet: Math.min(3, Math.max(1, c.prioritet)) as Prioritet,
      ventetSiden: c.ansoegt_dato,
      vaerelserMin: c.vaerelser_min ?? 1,
      vaerelserMax: c.vaerelser_max ?? 20,
      kraeverTilgaengelig: c.tilgaengelig_behov,
      husstand: c.husstand,
    }));
  const ledigheder: BatchLedighed[] = ledige.map((l) => ({
    id: String(l.id),
    vaerelser: l.vaerelser,
    arealM2: l.areal_m2,
    husleje: l.husleje_maaned,
    tilgaengelig: l.tilgaengelig,
    omraade: l.afdeling_navn,
    kategorier: l.kategorier,
    frist: l.svarfrist >= dato ? undefined : l.svarfrist,
  }));
  return tildelGraf(await batchKompatibilitet(dato, ansoegere, ledigheder, params, maxAndelPct));
}
