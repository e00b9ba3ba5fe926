// Where the computed lists differ from the ministry's published lists, with the reason when it can be told
// (missing figures, too short a history, a criterion so close to its threshold that another reference
// value or data year decides), and where a stored result differs when recomputed with today's rules.
import type { Kategori, Klassifikation, Kriterium, OmraadeIndikatorer } from '../../rules/abl-61a.ts';
import type { Params } from '../../law/params.ts';
import type { Mangel } from './register-input.ts';
import { computeBoth, fingerprint, kategorier, kategoriNavn, type Offentliggjort, type Resultat } from './store.ts';

/** Product setting, not law: a criterion this close to its threshold (percentage points) may explain a difference. */
export const NAER_GRAENSE_AFVIGELSE = 0.5;

export interface Afvigelse {
  listeaar: number;
  omraade_kode: string;
  omraade_navn: string;
  /** Null when the area-year could not be computed. */
  beregnet: Kategori[] | null;
  offentliggjort: Kategori[];
  kun_beregnet: Kategori[];
  kun_offentliggjort: Kategori[];
  aarsag: string;
  aarsag_kendt: boolean;
}

const fmt = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });
const names = (ks: readonly Kategori[]) => (ks.length ? ks.map((k) => kategoriNavn[k].toLowerCase()).join(', ') : 'ingen');

/** The criteria that decide the given categories (all of them when none is given). */
function criteriaOf(k: Klassifikation, only?: readonly Kategori[]): Kriterium[] {
  if (only) {
    const a = only.some((c) => c !== 'forebyggelsesomraade');
    const p = only.some((c) => c === 'parallelsamfund' || c === 'omdannelsesomraade');
    const b = only.includes('forebyggelsesomraade');
    return [
      k.beboere,
      ...(a ? (k.udsat ?? k.ghettoomraade2013)?.kriterier ?? [] : []),
      ...(p && k.parallelsamfund?.ikkevestlige ? [k.parallelsamfund.ikkevestlige] : []),
      ...(b ? k.forebyggelse?.kriterier ?? [] : []),
      ...(b && k.forebyggelse?.ikkevestlige ? [k.forebyggelse.ikkevestlige] : []),
    ];
  }
  const out: Kriterium[] = [k.beboere];
  if (k.udsat) out.push(...k.udsat.kriterier);
  if (k.parallelsamfund?.ikkevestlige) out.push(k.parallelsamfund.ikkevestlige);
  if (k.forebyggelse) out.push(...k.forebyggelse.kriterier);
  if (k.forebyggelse?.ikkevestlige) out.push(k.forebyggelse.ikkevestlige);
  return out;
}

/** Why a computed result may differ from the published one, or that no reason is known. */
export function reasonFor(k: Klassifikation, onlyComputed: Kategori[], onlyPublished: Kategori[]): { aarsag: string; kendt: boolean } {
  const reasons: string[] = [];
  const changed = [...onlyComputed, ...onlyPublished];
  if (changed.includes('omdannelsesomraade') && k.omdannelse?.historikForKort) {
    reasons.push(`Historikken er for kort til § 61 a, stk. 4: beregningen kender ${k.omdannelse.sammenhaengendeAar} af ${k.omdannelse.aarKraevet} år i træk.`);
  }
  const close = criteriaOf(k, changed).filter((c) => Math.abs(c.margin) <= (c.id === 'beboere' ? 25 : NAER_GRAENSE_AFVIGELSE));
  for (const c of close) {
    const unit = c.id === 'beboere' ? ' beboere' : ' point';
    reasons.push(
      `${c.paragraf}: ${c.beskrivelse} ligger kun ${fmt.format(Math.abs(c.margin))}${unit} fra grænsen (${fmt.format(c.vaerdi)} mod ${fmt.format(c.taerskel)})` +
        (c.id === 'doemte' ? `; grænsen afhænger af landsgennemsnittet (${c.taerskelGrundlag ?? ''}), og en anden referenceværdi giver et andet udfald.` : '; andre dataår eller en anden opgørelse kan give et andet udfald.'),
    );
  }
  if (reasons.length) return { aarsag: reasons.join(' '), kendt: true };
  return {
    aarsag: 'Årsagen kendes ikke: tallene i beregningen giver et klart udfald. Kontrollér tallene og referenceværdierne mod ministeriets datagrundlag.',
    kendt: false,
  };
}

/**
 * Compares the computed results (as the law reads, with the ethnic criterion) with the published lists for
 * the list years that were imported. Only area-years that differ are returned.
 */
export function differences(
  results: readonly Klassifikation[],
  mangler: readonly Mangel[],
  published: { years: readonly { listeaar: number }[]; rows: readonly Offentliggjort[] },
): Afvigelse[] {
  const out: Afvigelse[] = [];
  const years = new Set(published.years.map((y) => y.listeaar));
  const computed = new Map(results.filter((r) => years.has(r.listeaar)).map((r) => [`${r.listeaar}|${r.omraade_kode}`, r]));
  const pub = new Map<string, { navn: string; kategorier: Kategori[] }>();
  for (const r of published.rows) {
    if (!years.has(r.listeaar)) continue;
    const key = `${r.listeaar}|${r.omraade_kode}`;
    const e = pub.get(key) ?? { navn: r.omraade_navn, kategorier: [] };
    e.kategorier.push(r.kategori);
    pub.set(key, e);
  }
  const missing = new Map(mangler.map((m) => [`${m.listeaar}|${m.omraade_kode}`, m]));
  for (const key of new Set([...computed.keys(), ...pub.keys()])) {
    const c = computed.get(key);
    const p = pub.get(key);
    const offentliggjort = kategorier.filter((k) => p?.kategorier.includes(k));
    const [year, kode] = key.split('|');
    if (!c) {
      const m = missing.get(key);
      out.push({
        listeaar: Number(year),
        omraade_kode: kode,
        omraade_navn: p!.navn,
        beregnet: null,
        offentliggjort,
        kun_beregnet: [],
        kun_offentliggjort: offentliggjort,
        aarsag: m ? `Mangler tal: ${m.felter.join(', ')}.` : 'Området har ingen tal i beregningen for dette listeår (findes det i registret under en anden kode?).',
        aarsag_kendt: true,
      });
      continue;
    }
    const kunB = c.kategorier.filter((k) => !offentliggjort.includes(k));
    const kunO = offentliggjort.filter((k) => !c.kategorier.includes(k));
    if (!kunB.length && !kunO.length) continue;
    const { aarsag, kendt } = reasonFor(c, kunB, kunO);
    out.push({
      listeaar: c.listeaar,
      omraade_kode: c.omraade_kode,
      omraade_navn: c.omraade_navn,
      beregnet: c.kategorier,
      offentliggjort,
      kun_beregnet: kunB,
      kun_offentliggjort: kunO,
      aarsag: `Beregnet: ${names(c.kategorier)}; offentliggjort: ${names(offentliggjort)}. ${aarsag}`,
      aarsag_kendt: kendt,
    });
  }
  return out.sort((a, b) => b.listeaar - a.listeaar || a.omraade_kode.localeCompare(b.omraade_kode, 'da'));
}

export interface Genberegning {
  gemt_fingeraftryk: string;
  nyt_fingeraftryk: string;
  samme_regler: boolean;
  aendringer: { listeaar: number; omraade_kode: string; uden_etnisk: boolean; foer: Kategori[]; nu: Kategori[]; kriterier: string[] }[];
}

/** Recomputes a stored computation's input with the rules in force now and lists what changed. */
export function recompute(stored: { parametre_fingeraftryk: string; input: OmraadeIndikatorer[] }, results: readonly Resultat[], params: Params): Genberegning {
  const { med, uden } = computeBoth(stored.input, params);
  const now = new Map([...med, ...uden].map((r) => [`${r.listeaar}|${r.omraade_kode}|${r.udenEtniskKriterium}`, r]));
  const aendringer: Genberegning['aendringer'] = [];
  for (const old of results) {
    const key = `${old.listeaar}|${old.omraade_kode}|${old.uden_etnisk}`;
    const n = now.get(key);
    now.delete(key);
    const before = criteriaOf(old.resultat);
    const after = n ? criteriaOf(n) : [];
    const changedCriteria = before
      .filter((b) => {
        const a = after.find((x) => x.paragraf === b.paragraf && x.id === b.id);
        return !a || a.vaerdi !== b.vaerdi || a.taerskel !== b.taerskel || a.opfyldt !== b.opfyldt;
      })
      .map((b) => `${b.paragraf} (${b.id})`);
    const nu = n?.kategorier ?? [];
    if (changedCriteria.length || nu.join() !== old.kategorier.join()) {
      aendringer.push({ listeaar: old.listeaar, omraade_kode: old.omraade_kode, uden_etnisk: old.uden_etnisk, foer: old.kategorier, nu, kriterier: changedCriteria });
    }
  }
  for (const n of now.values()) {
    aendringer.push({ listeaar: n.listeaar, omraade_kode: n.omraade_kode, uden_etnisk: n.udenEtniskKriterium, foer: [], nu: n.kategorier, kriterier: ['nyt resultat'] });
  }
  const nyt = fingerprint([...med, ...uden]);
  return { gemt_fingeraftryk: stored.parametre_fingeraftryk, nyt_fingeraftryk: nyt, samme_regler: nyt === stored.parametre_fingeraftryk, aendringer };
}
