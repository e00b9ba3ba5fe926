// The batch assignment of all open vacancies to all open cases (issue 6, item 3; src/rules/tildeling.ts): as many
// households housed as the rules allow, priority and waiting time first, and the reason for every decision.
// Hard legal rules (§ 59 stk. 6/7) and affordability after estimated boligstøtte are the exclusion filter.
import type { Params } from '../../law/params.ts';
import { affordability, eligibility, type Husstand, type Kategori } from '../../rules/anvisning.ts';
import { tildel, type Ansoeger, type Ledighed, type Prioritet } from '../../rules/tildeling.ts';
import type { CaseForMatching } from './matching.ts';
import type { Ledig } from './ledige.ts';

type A = Ansoeger & { husstand: Husstand | null };
type L = Ledighed & { kategorierListe: Kategori[] };

export function batchAssign(dato: string, cases: readonly CaseForMatching[], ledige: readonly (Ledig & { kategorier: Kategori[] })[], params: Params, maxAndelPct?: number) {
  // A case that applied after the date is not yet waiting on it.
  const ansoegere: A[] = cases.filter((c) => c.ansoegt_dato <= dato).map((c) => ({
    id: String(c.id),
    prioritet: Math.min(3, Math.max(1, c.prioritet)) as Prioritet,
    ventetSiden: c.ansoegt_dato,
    vaerelserMin: c.vaerelser_min ?? 1,
    vaerelserMax: c.vaerelser_max ?? 20,
    // Affordability is judged per dwelling (rent after boligstøtte) in udeluk, not as one rent ceiling.
    maxHusleje: Number.MAX_SAFE_INTEGER,
    kraeverTilgaengelig: c.tilgaengelig_behov,
    husstand: c.husstand,
  }));
  const ledigheder: L[] = ledige.map((l) => ({
    id: String(l.id),
    vaerelser: l.vaerelser,
    arealM2: l.areal_m2,
    husleje: l.husleje_maaned,
    tilgaengelig: l.tilgaengelig,
    omraade: l.afdeling_navn,
    kategorier: l.kategorier,
    kategorierListe: l.kategorier,
    frist: l.svarfrist >= dato ? undefined : l.svarfrist,
  }));
  // Eligibility depends on the household and the area's categories only: computed once per pair of those.
  const legal = new Map<string, ReturnType<typeof eligibility> | null>();
  const udeluk = (a: A, l: L) => {
    if (!a.husstand) return { grund: 'sagens husstandsoplysninger er ikke udfyldt' };
    const key = `${a.id}|${[...l.kategorierListe].sort().join(',')}`;
    if (!legal.has(key)) legal.set(key, eligibility(a.husstand, { kategorier: l.kategorierListe }, dato, params));
    const e = legal.get(key)!;
    if (e.status === 'udelukket') return { grund: e.grunde[0].tekst, paragraf: e.grunde[0].paragraf };
    if (e.status === 'kan_ikke_afgoeres') return { grund: `kan ikke afgøres: mangler ${e.mangler.join(', ')}` };
    const b = affordability(a.husstand, { maanedligHusleje: l.husleje, arealM2: l.arealM2 }, dato, params, maxAndelPct === undefined ? {} : { maxAndelPct });
    if (b.status === 'kan_ikke_betale') return { grund: 'for dyr for husstanden efter boligstøtte' };
    if (b.status === 'kan_ikke_afgoeres') return { grund: 'betalingsevnen kan ikke vurderes' };
    return null;
  };
  return tildel({ dato, ansoegere, ledigheder }, { udeluk });
}
