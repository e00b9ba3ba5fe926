// Candidates for a vacancy (issue 6, item 3): every open case with its case data, judged by the hard legal rules
// (§ 59 stk. 6/7, src/rules/anvisning.ts eligibility), affordability after estimated boligstøtte, and the
// household's need (rooms, accessibility), then ranked by priority and waiting time. Every exclusion has its reason.
// The other way round, the dwellings for one case (rankVacancies), with the same judgment of each pair (judgePair).
import type { Params } from '../../law/params.ts';
import { LawParamError } from '../../law/params.ts';
import { affordability, eligibility, type Husstand, type Kategori } from '../../rules/anvisning.ts';

export interface CaseForMatching {
  id: number;
  navn: string | null;
  maalgruppe: string;
  prioritet: number;
  ansoegt_dato: string;
  antal_personer: number;
  vaerelser_min: number | null;
  vaerelser_max: number | null;
  tilgaengelig_behov: boolean;
  husstand: Husstand | null;
}

export interface VacancyForMatching {
  vaerelser: number;
  areal_m2: number;
  husleje_maaned: number;
  tilgaengelig: boolean;
  kategorier: Kategori[];
  dato: string;
}

export interface Kandidat extends Vurdering {
  ansoeger_id: number;
  navn: string | null;
  maalgruppe: string;
  prioritet: number;
  ansoegt_dato: string;
  rang: number | null;
}

export type Grund = { slags: 'lov' | 'betalingsevne' | 'behov' | 'mangler'; paragraf: string | null; tekst: string };

/** The judgment of one case for one vacancy: the same for the candidate list and the case's list of dwellings. */
export interface Vurdering {
  /** egnet: may be anvist and fits; ikke_afgjort: a fact is missing; udelukket: a rule or the need excludes. */
  vurdering: 'egnet' | 'ikke_afgjort' | 'udelukket';
  grunde: Grund[];
  netto_husleje: number | null;
  max_netto_husleje: number | null;
  /** Decision 021: set when the boligstøtte is estimated with an earlier year's satser ("Skønnet med 2026-satserne; ..."). */
  boligstoette_note: string | null;
}

const order = { egnet: 0, ikke_afgjort: 1, udelukket: 2 } as const;

/** One case × one vacancy: the law (§ 59 stk. 6/7), the need (rooms, accessibility), affordability after estimated boligstøtte. */
export function judgePair(c: CaseForMatching, v: VacancyForMatching, params: Params, maxAndelPct?: number): Vurdering {
  const grunde: Grund[] = [];
  let netto: number | null = null;
  let maxNetto: number | null = null;
  let note: string | null = null;
  if (c.vaerelser_min !== null && v.vaerelser < c.vaerelser_min) grunde.push({ slags: 'behov', paragraf: null, tekst: `For få værelser: ${v.vaerelser}, behov mindst ${c.vaerelser_min}.` });
  if (c.vaerelser_max !== null && v.vaerelser > c.vaerelser_max) grunde.push({ slags: 'behov', paragraf: null, tekst: `For mange værelser: ${v.vaerelser}, behov højst ${c.vaerelser_max}.` });
  if (c.tilgaengelig_behov && !v.tilgaengelig) grunde.push({ slags: 'behov', paragraf: null, tekst: 'Husstanden har brug for en tilgængelig bolig.' });
  let mangler = false;
  if (!c.husstand) {
    mangler = true;
    grunde.push({ slags: 'mangler', paragraf: null, tekst: 'Sagens husstandsoplysninger er ikke udfyldt.' });
  } else {
    try {
      const e = eligibility(c.husstand, { kategorier: v.kategorier }, v.dato, params);
      for (const g of e.grunde) grunde.push({ slags: 'lov', paragraf: g.paragraf, tekst: g.tekst });
      if (e.status === 'kan_ikke_afgoeres') {
        mangler = true;
        for (const m of e.mangler) grunde.push({ slags: 'mangler', paragraf: null, tekst: `Mangler: ${m}` });
      }
      const a = affordability(c.husstand, { maanedligHusleje: v.husleje_maaned, arealM2: v.areal_m2 }, v.dato, params, maxAndelPct === undefined ? {} : { maxAndelPct });
      netto = a.nettoHusleje ?? null;
      maxNetto = a.maxNettoHusleje ?? null;
      note = a.boligstoetteMaaned !== null ? a.satserNote : null; // only when the estimate is in the net rent
      if (a.status === 'kan_ikke_betale') grunde.push({ slags: 'betalingsevne', paragraf: null, tekst: a.begrundelse.at(-1) ?? 'For dyr for husstanden.' });
      if (a.status === 'kan_ikke_afgoeres') {
        mangler = true;
        grunde.push({ slags: 'mangler', paragraf: null, tekst: `Betalingsevnen kan ikke vurderes: ${a.mangler.join(', ')}` });
      }
    } catch (err) {
      if (!(err instanceof LawParamError)) throw err;
      mangler = true;
      grunde.push({ slags: 'mangler', paragraf: null, tekst: `Ingen gældende regler for datoen: ${err.message}` });
    }
  }
  const excluded = grunde.some((g) => g.slags !== 'mangler');
  return { vurdering: excluded ? 'udelukket' : mangler ? 'ikke_afgjort' : 'egnet', grunde, netto_husleje: netto, max_netto_husleje: maxNetto, boligstoette_note: note };
}

export function rankCandidates(v: VacancyForMatching, cases: readonly CaseForMatching[], params: Params, maxAndelPct?: number): Kandidat[] {
  const out: Kandidat[] = cases.map((c) => ({
    ansoeger_id: c.id,
    navn: c.navn,
    maalgruppe: c.maalgruppe,
    prioritet: c.prioritet,
    ansoegt_dato: c.ansoegt_dato,
    ...judgePair(c, v, params, maxAndelPct),
    rang: null,
  }));
  out.sort((a, b) => order[a.vurdering] - order[b.vurdering] || a.prioritet - b.prioritet || a.ansoegt_dato.localeCompare(b.ansoegt_dato) || a.ansoeger_id - b.ansoeger_id);
  let r = 0;
  for (const k of out) if (k.vurdering === 'egnet') k.rang = ++r;
  return out;
}

/** A vacancy as the case's list of dwellings needs it: the judged facts plus its id and dates. */
export interface VacancyToRank extends VacancyForMatching {
  id: number;
  ledig_fra: string;
  svarfrist: string;
}

export type PassendeBolig<V extends VacancyToRank> = V & Vurdering & { rang: number | null };

/**
 * The dwellings for one case (issue 6, item 3): every given vacancy judged by `judgePair`. Fitting ones first, the
 * most urgent first (earliest svarfrist, then ledig_fra), then the lowest net rent; then 'ikke afgjort'; then the
 * excluded ones with their reasons. The caller gives the open vacancies of the case's municipality.
 */
export function rankVacancies<V extends VacancyToRank>(c: CaseForMatching, vacancies: readonly V[], params: Params, maxAndelPct?: number): PassendeBolig<V>[] {
  const out: PassendeBolig<V>[] = vacancies.map((v) => ({ ...v, ...judgePair(c, v, params, maxAndelPct), rang: null }));
  const rent = (x: PassendeBolig<V>) => x.netto_husleje ?? x.husleje_maaned;
  out.sort(
    (a, b) =>
      order[a.vurdering] - order[b.vurdering] ||
      a.svarfrist.localeCompare(b.svarfrist) ||
      a.ledig_fra.localeCompare(b.ledig_fra) ||
      rent(a) - rent(b) ||
      a.id - b.id,
  );
  let r = 0;
  for (const x of out) if (x.vurdering === 'egnet') x.rang = ++r;
  return out;
}
