// The batch assignment of all open vacancies to all open cases (issue 6, item 3; src/rules/tildeling.ts): as many
// households housed as the rules allow, priority and waiting time first, and the reason for every decision.
// Hard legal rules (§ 59 stk. 6/7) and affordability after estimated boligstøtte are the exclusion filter, through the
// fast paths of src/rules/anvisning.ts (anvisningsfilter, betalingsevnefilter: the same verdicts as eligibility and
// affordability, property-tested), so the benchmark (bench/anvisning.ts) measures this code path.
import type { Params } from '../../law/params.ts';
import { anvisningsfilter, betalingsevnefilterValideret, type Anvisningsudfald, type Betalingsevnefilter, type Husstand, type Kategori } from '../../rules/anvisning.ts';
import { GRUND, tildel, type Ansoeger, type Ledighed, type Prioritet, type Tildeling, type Udelukkelse } from '../../rules/tildeling.ts';
import type { CaseForMatching } from './matching.ts';
import type { Ledig } from './ledige.ts';

/** What the batch needs of a case and a dwelling (the app's rows map onto these; the benchmark generates them). */
export type BatchAnsoeger = Omit<Ansoeger, 'maxHusleje'> & { husstand: Husstand | null };
export type BatchLedighed = Ledighed & { kategorier: readonly Kategori[] };

// One hidden class per side (fields in a fixed order, no spreading): the filter runs millions of times.
type A = Ansoeger & { nr: number };
type L = BatchLedighed & { saet: number };

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
 */
export function batchRegler(dato: string, cases: readonly BatchAnsoeger[], ledige: readonly BatchLedighed[], params: Params, maxAndelPct?: number) {
  const filter = anvisningsfilter(dato, params);
  const indstilling = maxAndelPct === undefined ? {} : { maxAndelPct };
  const udfald: (((saet: number) => Anvisningsudfald) | null)[] = [];
  const betaling: (Betalingsevnefilter | null)[] = [];
  const ansoegere: A[] = cases.map((c, nr) => {
    // filter.husstand validates the household (the same error either way), so the affordability part need not.
    udfald.push(c.husstand ? filter.husstand(c.husstand) : null);
    const b = c.husstand ? betalingsevnefilterValideret(c.husstand, dato, params, indstilling) : null;
    betaling.push(b);
    return {
      id: c.id,
      prioritet: c.prioritet,
      ventetSiden: c.ventetSiden,
      vaerelserMin: c.vaerelserMin,
      vaerelserMax: c.vaerelserMax,
      maxHusleje: b && Number.isFinite(b.loftHusleje) ? Math.max(0, b.loftHusleje) : Number.MAX_SAFE_INTEGER,
      kraeverTilgaengelig: c.kraeverTilgaengelig,
      undgaaOmraader: c.undgaaOmraader,
      oenskedeOmraader: c.oenskedeOmraader,
      nr,
    };
  });
  const ledigheder: L[] = ledige.map((l) => ({
    id: l.id,
    vaerelser: l.vaerelser,
    arealM2: l.arealM2,
    husleje: l.husleje,
    tilgaengelig: l.tilgaengelig,
    omraade: l.omraade,
    kategorier: l.kategorier,
    frist: l.frist,
    saet: filter.saet(l.kategorier),
  }));
  let antalSaet = 0;
  for (const l of ledigheder) antalSaet = Math.max(antalSaet, l.saet + 1);
  // The legal answer per household and category set, computed once: lovSvar[nr * antalSaet + saet].
  const lovSvar: (Udelukkelse | null | undefined)[] = new Array(cases.length * antalSaet).fill(undefined);
  const lov = new Map<string, Udelukkelse>();
  const grund = (g: Udelukkelse) => {
    const k = `${g.grund}|${g.paragraf ?? ''}`;
    let x = lov.get(k);
    if (!x) lov.set(k, (x = g));
    return x;
  };
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
    const k = nr * antalSaet + l.saet;
    let u = lovSvar[k];
    if (u === undefined) {
      const e = udfald[a.nr]!(l.saet);
      u = lovSvar[k] =
        e.status === 'udelukket' ? grund({ grund: 'må ikke anvises', paragraf: e.grunde[0].nr }) : e.status === 'kan_ikke_afgoeres' ? grund({ grund: `kan ikke afgøres: mangler ${e.mangler.join(', ')}`, paragraf: e.ukendte[0]?.nr }) : null;
    }
    return u;
  };
  return { input: { dato, ansoegere, ledigheder }, regler: { udeluk } };
}

export function batchAssign(dato: string, cases: readonly CaseForMatching[], ledige: readonly (Ledig & { kategorier: Kategori[] })[], params: Params, maxAndelPct?: number): Tildeling {
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
  const { input, regler } = batchRegler(dato, ansoegere, ledigheder, params, maxAndelPct);
  return tildel(input, regler);
}
