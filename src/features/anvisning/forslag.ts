// The batch assignment proposal as the caseworker reads it (issue 6, item 3). The rules (batch.ts and
// src/rules/tildeling.ts) know cases and dwellings by id only, and their reasons name those ids ("Tildelt 17 (…)",
// "17 havde den højeste rang af dem"). The caseworker knows a case by its number and name and a dwelling by its
// address and afdeling, so the reasons are rewritten here - without touching the rules:
//   1. every case and dwelling goes into the rules under an alias, a ten-digit number that nothing else in a Danish
//      reason can look like (the rules write counts with thousands separators, amounts with "kr." and dates in
//      words); the aliases keep the order of the ids as the rules compare them (as strings), so the result is the
//      same as with the ids themselves;
//   2. in every reason each alias is replaced by the case's or dwelling's label, wherever the rules put it: the case
//      as "sag nr. 17, E.E.", the dwelling as its address and afdeling;
//   3. the ids come back as separate fields (ansoegerId, ledighedId as before; sag and bolig with the labels).
// The name is masked to initials: the proposal covers every open case of the municipality, and the case page (one
// click away, its read logged) has the rest.
import { DomainError } from '../../errors.ts';
import type { Params } from '../../law/params.ts';
import type { Kategori } from '../../rules/anvisning.ts';
import type { AnsoegerBeslutning, Grundtaelling, LedighedBeslutning, Tildeling } from '../../rules/tildeling.ts';
import { batchAssign } from './batch.ts';
import type { Ledig } from './ledige.ts';
import type { CaseForMatching } from './matching.ts';

/** A case as the proposal names it: its number and the applicant's initials (null when anonymised). */
export interface SagRef {
  ansoeger_id: number;
  navn: string | null;
  /** "sag nr. 17, E.E." */
  betegnelse: string;
}

/** A dwelling as the proposal names it. */
export interface BoligRef {
  anvisningsbolig_id: number;
  adresse: string;
  afdeling_navn: string;
  /** "Strandvej 4, 1. th. (A-gården)" */
  betegnelse: string;
}

export type LedighedForslag = LedighedBeslutning & { bolig: BoligRef; sag: SagRef | null };
export type AnsoegerForslag = AnsoegerBeslutning & { sag: SagRef; bolig: BoligRef | null };

export interface Forslag extends Omit<Tildeling, 'tildelinger' | 'ledigheder' | 'ansoegere'> {
  tildelinger: { ledighedId: string; ansoegerId: string; behovsmatch: number; sag: SagRef; bolig: BoligRef }[];
  ledigheder: LedighedForslag[];
  ansoegere: AnsoegerForslag[];
}

/** "Egnet Eriksen" -> "E.E."; "Anne-Marie Holm" -> "A.M.H."; null (anonymised) stays null. */
export function initialer(navn: string | null): string | null {
  const parts = (navn ?? '').split(/[\s-]+/).filter(Boolean);
  return parts.length ? parts.map((p) => `${p[0].toLocaleUpperCase('da')}.`).join('') : null;
}

export function sagRef(c: Pick<CaseForMatching, 'id' | 'navn'>): SagRef {
  const navn = initialer(c.navn);
  return { ansoeger_id: c.id, navn, betegnelse: `sag nr. ${c.id}${navn ? `, ${navn}` : ''}` };
}

export function boligRef(l: Pick<Ledig, 'id' | 'adresse' | 'afdeling_navn'>): BoligRef {
  return { anvisningsbolig_id: l.id, adresse: l.adresse, afdeling_navn: l.afdeling_navn, betegnelse: `${l.adresse} (${l.afdeling_navn})` };
}

const CASE_BASE = 7_000_000_000;
const DWELLING_BASE = 8_000_000_000;
const ALIAS = /(?<!\d)[78]\d{9}(?!\d)/g;
const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Aliases in the order the rules compare the ids (as strings); same width, so the aliases compare alike. */
function aliases(ids: readonly number[], base: number): Map<number, number> {
  return new Map([...ids].sort((a, b) => cmpStr(String(a), String(b))).map((id, i) => [id, base + i]));
}

export async function proposeAssignment(
  dato: string,
  cases: readonly CaseForMatching[],
  ledige: readonly (Ledig & { kategorier: Kategori[] })[],
  params: Params,
  maxAndelPct?: number,
): Promise<Forslag> {
  const caseAlias = aliases(
    cases.map((c) => c.id),
    CASE_BASE,
  );
  const dwellingAlias = aliases(
    ledige.map((l) => l.id),
    DWELLING_BASE,
  );
  // alias (as the rules write it) -> the real id and the label.
  const sager = new Map(cases.map((c) => [String(caseAlias.get(c.id)), sagRef(c)]));
  const boliger = new Map(ledige.map((l) => [String(dwellingAlias.get(l.id)), boligRef(l)]));
  // A dwelling is named by its address, with its afdeling unless the reason names the afdeling already (the rules
  // describe an assigned dwelling as "(2 vær., 55 m², 3.900 kr./md., <afdeling>)").
  const label = (text: string) =>
    text.replace(ALIAS, (a) => {
      const b = boliger.get(a);
      if (b) return text.includes(b.afdeling_navn) ? b.adresse : b.betegnelse;
      return sager.get(a)?.betegnelse ?? a;
    });
  const sag = (alias: string) => sager.get(alias)!;
  const bolig = (alias: string) => boliger.get(alias)!;
  const grunde = (gs: readonly Grundtaelling[]) => gs.map((g) => ({ ...g, grund: label(g.grund) }));

  let t: Tildeling;
  try {
    t = await batchAssign(
      dato,
      cases.map((c) => ({ ...c, id: caseAlias.get(c.id)! })),
      ledige.map((l) => ({ ...l, id: dwellingAlias.get(l.id)! })),
      params,
      maxAndelPct,
    );
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const fields = err.details?.fields?.map((f) => ({ ...f, message: label(f.message) }));
    throw new DomainError(err.code, label(err.message), { ...err.details, ...(fields ? { fields } : {}) });
  }

  const ledigheder = t.ledigheder.map((d): LedighedForslag => {
    const base = { ...d, ledighedId: String(bolig(d.ledighedId).anvisningsbolig_id), begrundelse: label(d.begrundelse), bolig: bolig(d.ledighedId) };
    if (d.udfald === 'tildelt') return { ...base, udfald: 'tildelt', ansoegerId: String(sag(d.ansoegerId).ansoeger_id), sag: sag(d.ansoegerId) } as LedighedForslag;
    return { ...base, udelukket: grunde(d.udelukket), sag: null } as LedighedForslag;
  });
  const ansoegere = t.ansoegere.map((d): AnsoegerForslag => {
    const base = { ...d, ansoegerId: String(sag(d.ansoegerId).ansoeger_id), begrundelse: label(d.begrundelse), sag: sag(d.ansoegerId) };
    if (d.udfald === 'huset') return { ...base, udfald: 'huset', ledighedId: String(bolig(d.ledighedId).anvisningsbolig_id), bolig: bolig(d.ledighedId) } as AnsoegerForslag;
    return { ...base, udelukket: grunde(d.udelukket), bolig: null } as AnsoegerForslag;
  });
  const tildelinger = t.tildelinger.map((p) => ({
    ledighedId: String(bolig(p.ledighedId).anvisningsbolig_id),
    ansoegerId: String(sag(p.ansoegerId).ansoeger_id),
    behovsmatch: p.behovsmatch,
    sag: sag(p.ansoegerId),
    bolig: bolig(p.ledighedId),
  }));
  return { ...t, tildelinger, ledigheder, ansoegere };
}
