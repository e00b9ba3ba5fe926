// Kommunal anvisning (issue 6): API shapes of /api/anvisning/* and /api/ansoegere/:id/sag (src/features/anvisning/*,
// src/features/ansoegere/sag.ts, src/rules/anvisning.ts, src/rules/tildeling.ts) and the Danish words the pages use.
import { fmtInt, fmtKr } from './format.ts';
// The server's own types of the API shapes (type-only: nothing of the server is bundled; decision 020).
import type { BoligRef, SagRef } from '../../src/features/anvisning/forslag.ts';
import type { Krav } from '../../src/features/anvisning/krav.ts';
import type { Ledig } from '../../src/features/anvisning/ledige.ts';
// The roles and kinds of benefit are the rules' own words (a module without imports, decision 020).
import { ROLLER, YDELSESARTER, YDELSE_NAVN, type Rolle, type Ydelsesart } from '../../src/rules/anvisning-ord.ts';
export type { BoligRef, Krav, Ledig, SagRef };

// ---- the case ----------------------------------------------------------------------------------------------

export type { Rolle, Ydelsesart };
export const roller: readonly Rolle[] = ROLLER;
export const rolleNavn: Record<Rolle, string> = { ansoeger: 'Ansøger', aegtefaelle: 'Ægtefælle', samlever: 'Samlever', barn: 'Barn', andet: 'Andet medlem' };
export const ydelsesarter = YDELSESARTER;
export const ydelseNavn = YDELSE_NAVN;
/** Two or three letters for the month grid; the full name always goes beside them for screen readers. */
export const ydelseKort: Record<Ydelsesart, string> = {
  kontanthjaelp: 'KH',
  uddannelseshjaelp: 'UH',
  selvforsoergelses_og_hjemrejseydelse: 'SHY',
  overgangsydelse: 'OY',
  integrationsydelse: 'IY',
  foertidspension: 'FP',
  arbejdsloeshedsdagpenge: 'AD',
  sygedagpenge: 'SD',
  ressourceforloebsydelse_jobafklaring: 'RJ',
  ressourceforloebsydelse_ressourceforloeb: 'RR',
  ledighedsydelse: 'LY',
  seniorpension: 'SP',
  folkepension: 'FOP',
  efterloen: 'EL',
  su: 'SU',
  andet: 'A',
};

export interface YdelsesMaaned {
  maaned: string;
  art: Ydelsesart;
}
export interface Ydelser {
  oplystFra: string;
  oplystTil: string;
  maaneder: YdelsesMaaned[];
}
export interface Medlem {
  id: string;
  navn?: string;
  rolle: Rolle;
  foedselsdato?: string;
  alder?: number;
  euEoesSchweiz?: boolean;
  studerende?: boolean;
  loesladelser?: { dato: string; fra: 'faengsel' | 'ungdomsinstitution' }[];
  lejemaalOphaevet?: { dato: string }[];
  samleverSiden?: string;
  ydelser?: Ydelser;
}
export interface Husstand {
  medlemmer: Medlem[];
  husstandsindkomstAar?: number;
  boligstoetteart?: 'boligydelse' | 'boligsikring';
}

/** GET/PUT /api/ansoegere/:id/sag */
export interface Sag {
  id: number;
  husstand: Husstand;
  aarsag: string;
  oensker_omraader: string[];
  undgaa_omraader: string[];
  prioritet: number;
  sagsbehandler: string | null;
  ansoegt_dato: string;
  vaerelser_min: number | null;
  vaerelser_max: number | null;
  tilgaengelig_behov: boolean;
  antal_personer: number;
  antal_boern: number;
}
export type SagInput = Omit<Sag, 'id' | 'antal_personer' | 'antal_boern'>;

export const prioritetNavn: Record<number, string> = { 1: '1 – akut', 2: '2 – snarest', 3: '3 – almindelig' };

export interface JournalPost {
  id: number;
  at: string;
  af: string;
  haendelse: string;
  tekst: string | null;
}

// ---- vacancies, candidates, offers -------------------------------------------------------------------------

export type LedigStatus = 'tilbudt' | 'brugt' | 'returneret';
export type ReturGrund = 'for_dyr' | 'forkert_stoerrelse' | 'ingen_egnet_ansoeger' | 'andet';
export const returGrundNavn: Record<ReturGrund, string> = { for_dyr: 'For dyr', forkert_stoerrelse: 'Forkert størrelse', ingen_egnet_ansoeger: 'Ingen egnet ansøger', andet: 'Andet' };
export const ledigStatusNavn: Record<LedigStatus, { text: string; badge: string }> = {
  tilbudt: { text: 'Til rådighed', badge: 'badge-info' },
  brugt: { text: 'Brugt', badge: 'badge-success' },
  returneret: { text: 'Returneret', badge: 'badge-warning' },
};


export type GrundSlags = 'lov' | 'betalingsevne' | 'behov' | 'mangler';
export const grundSlagsNavn: Record<GrundSlags, string> = { lov: 'Loven', betalingsevne: 'Betalingsevne', behov: 'Behov', mangler: 'Mangler' };
export interface Grund {
  slags: GrundSlags;
  paragraf: string | null;
  tekst: string;
}
export type Vurdering = 'egnet' | 'ikke_afgjort' | 'udelukket';
export const vurderingNavn: Record<Vurdering, { text: string; badge: string }> = {
  egnet: { text: 'Egnet', badge: 'badge-success' },
  ikke_afgjort: { text: 'Ikke afgjort', badge: 'badge-warning' },
  udelukket: { text: 'Udelukket', badge: 'badge-error' },
};
export interface Kandidat {
  ansoeger_id: number;
  navn: string | null;
  maalgruppe: string;
  prioritet: number;
  ansoegt_dato: string;
  vurdering: Vurdering;
  grunde: Grund[];
  netto_husleje: number | null;
  max_netto_husleje: number | null;
  /** Set when the boligstøtte is estimated with an earlier year's satser (decision 021). */
  boligstoette_note?: string | null;
  rang: number | null;
}
export interface Kandidater {
  bolig: Ledig;
  dato: string;
  kategorier: string[];
  kategorier_fra: { listeaar: number; kilde: string };
  kandidater: Kandidat[];
}
/** A vacancy judged for one case (GET /api/ansoegere/:id/boliger): the same judgment as in its candidate list. */
export interface PassendeBolig extends Ledig {
  dato: string;
  kategorier: string[];
  kategorier_fra: { listeaar: number; kilde: string };
  vurdering: Vurdering;
  grunde: Grund[];
  netto_husleje: number | null;
  max_netto_husleje: number | null;
  boligstoette_note: string | null;
  rang: number | null;
}
export interface BoligerTilSag {
  ansoeger_id: number;
  kommunekode: string;
  boliger: PassendeBolig[];
}

export type TilbudStatus = 'tilbudt' | 'accepteret' | 'afslaaet' | 'udeblevet' | 'annulleret';
export const tilbudStatusNavn: Record<TilbudStatus, { text: string; badge: string }> = {
  tilbudt: { text: 'Afventer svar', badge: 'badge-info' },
  accepteret: { text: 'Accepteret', badge: 'badge-success' },
  afslaaet: { text: 'Afslået', badge: 'badge-warning' },
  udeblevet: { text: 'Udeblevet', badge: 'badge-warning' },
  annulleret: { text: 'Annulleret', badge: 'badge-error' },
};
export type AfslagGrund = 'for_dyr' | 'beliggenhed' | 'stoerrelse' | 'andet_tilbud' | 'andet';
export const afslagGrundNavn: Record<AfslagGrund, string> = { for_dyr: 'For dyr', beliggenhed: 'Beliggenhed', stoerrelse: 'Størrelse', andet_tilbud: 'Har fået en anden bolig', andet: 'Andet' };
export interface Tilbud {
  id: number;
  kommunekode: string;
  anvisningsbolig_id: number;
  adresse: string;
  ansoeger_id: number;
  status: TilbudStatus;
  afslag_grund: AfslagGrund | null;
  lejestart: string | null;
  dage_fra_ansoegning: number | null;
  tilbudt_at: string;
  tilbudt_af: string;
  besvaret_at: string | null;
  besvaret_af: string | null;
}

// ---- temporary tools ---------------------------------------------------------------------------------------

export type MidlertidigArt = 'huslejetilskud' | 'tidsbegraenset_lejemaal' | 'delebolig';
export const midlertidigNavn: Record<MidlertidigArt, string> = {
  huslejetilskud: 'Midlertidigt huslejetilskud',
  tidsbegraenset_lejemaal: 'Tidsbegrænset lejemål',
  delebolig: 'Delebolig',
};
export interface Midlertidig {
  id: number;
  kommunekode: string;
  ansoeger_id: number;
  anvisningsbolig_id: number | null;
  art: MidlertidigArt;
  beloeb_maaned: number | null;
  fra: string;
  til: string;
  opfoelgning: string | null;
  ved_udloeb: string;
  status: 'aktiv' | 'afsluttet';
  dage_til_udloeb: number;
  opfoelgning_overskredet: boolean;
}

// ---- claims ------------------------------------------------------------------------------------------------

export type KravArt = 'tomgangsleje' | 'istandsaettelse' | 'restance' | 'andet';
export const kravArtNavn: Record<KravArt, string> = { tomgangsleje: 'Tomgangsleje', istandsaettelse: 'Istandsættelse ved fraflytning', restance: 'Restance (første år)', andet: 'Andet' };
export type KravStatus = 'modtaget' | 'godkendt' | 'afvist' | 'betalt';
export const kravStatusNavn: Record<KravStatus, { text: string; badge: string }> = {
  modtaget: { text: 'Til behandling', badge: 'badge-info' },
  godkendt: { text: 'Godkendt', badge: 'badge-warning' },
  afvist: { text: 'Afvist', badge: 'badge-error' },
  betalt: { text: 'Betalt', badge: 'badge-success' },
};
export interface Saldo {
  boligorganisation_id: number;
  boligorganisation_navn: string;
  kraevet: number;
  til_behandling: number;
  godkendt_ubetalt: number;
  betalt: number;
  afvist: number;
}

// ---- the batch proposal ------------------------------------------------------------------------------------

export interface Grundtaelling {
  grund: string;
  paragraf?: string;
  antal: number;
}
/** The reasons (begrundelse) name cases and dwellings as the caseworker knows them; the ids are fields. */
export type LedighedBeslutning = { bolig: BoligRef } & (
  | { ledighedId: string; udfald: 'tildelt'; ansoegerId: string; rang: number; behovsmatch: number; egnede: number; begrundelse: string; sag: SagRef }
  | { ledighedId: string; udfald: 'ikke_tildelt'; aarsag: 'frist_overskredet' | 'ingen_egnet' | 'egnede_fik_anden_bolig'; egnede: number; udelukket: Grundtaelling[]; begrundelse: string; sag: null }
);
export type AnsoegerBeslutning = { sag: SagRef } & (
  | { ansoegerId: string; udfald: 'huset'; rang: number; ledighedId: string; behovsmatch: number; muligeBoliger: number; begrundelse: string; bolig: BoligRef }
  | { ansoegerId: string; udfald: 'ikke_huset'; rang: number; aarsag: 'udelukket_fra_alle' | 'overhalet'; muligeBoliger: number; udelukket: Grundtaelling[]; begrundelse: string; bolig: null }
);
export interface Tildeling {
  metode: 'maksimal' | 'greedy';
  dato: string;
  antalAnsoegere: number;
  antalLedigheder: number;
  antalTilladtePar: number;
  antalHuset: number;
  husetPrPrioritet: Record<string, number>;
  tildelinger: { ledighedId: string; ansoegerId: string; behovsmatch: number; sag: SagRef; bolig: BoligRef }[];
  ledigheder: LedighedBeslutning[];
  ansoegere: AnsoegerBeslutning[];
}
export const ikkeTildeltNavn: Record<string, string> = {
  frist_overskredet: 'Fristen er overskredet',
  ingen_egnet: 'Ingen egnet ansøger',
  egnede_fik_anden_bolig: 'De egnede fik en anden bolig',
};
export const ikkeHusetNavn: Record<string, string> = {
  udelukket_fra_alle: 'Ikke egnet til nogen bolig',
  overhalet: 'Boligerne gik til højere rang',
};

// ---- cheap housing and statistics --------------------------------------------------------------------------

export interface BilligeBoliger {
  aar: number;
  kategorier_fra: { listeaar: number; kilde: string };
  graenser: number[];
  kolonner: string[];
  raekker: ({ interval: string; i_alt: number } & Record<string, number | string>)[];
  i_alt: number;
}
export const STANDARD_GRAENSER = [3500, 4000, 4500];

export interface Optaelling {
  noegle: string;
  /** null: hidden, a count of persons under the suppression limit (decision 005). */
  antal: number | null;
}
export interface Statistik {
  aar: number;
  anvisninger: number | null;
  efter_maalgruppe: Optaelling[];
  efter_husleje: Optaelling[];
  efter_kategori: Optaelling[];
  tilbudte_boliger: number;
  returnerede: Optaelling[];
  ventetid_dage: { median: number | null; gennemsnit: number | null; laengst: number | null; skjult?: boolean };
  andel: { ledige_familieboliger: number; kommunal_anvisning: number; brugt_pct: number | null; ret_pct: number; ret_grundlag: string };
}

/** Where the area categories came from (categoriesForLettingYear). */
export function kategoriKilde(k: { listeaar: number; kilde: string }): string {
  if (k.kilde === 'ingen') return `Der er ingen områdeliste pr. 1. december ${k.listeaar}; alle boliger står som uden for listerne.`;
  const kilde = k.kilde === 'beregnet' ? 'kommunens beregning' : k.kilde === 'offentliggjort' ? 'ministeriets offentliggjorte liste' : k.kilde;
  return `Områdernes kategorier fra listen pr. 1. december ${k.listeaar} (${kilde}).`;
}

// ---- helpers -----------------------------------------------------------------------------------------------

export const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Today as an ISO date, in Danish time. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
}

export const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
export const isMonth = (s: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

/** Whole years from an ISO birth date to an ISO date. */
export function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A member's age today: from the birth date when known, else the age given. */
export function memberAge(m: Pick<Medlem, 'foedselsdato' | 'alder'>, on = todayIso()): number | null {
  if (m.foedselsdato && isIsoDate(m.foedselsdato)) return ageOn(m.foedselsdato, on);
  return m.alder ?? null;
}

export const memberLabel = (m: Medlem, i: number, all: Medlem[]) => {
  if (m.navn) return m.navn;
  const same = all.filter((x) => x.rolle === m.rolle);
  return same.length > 1 ? `${rolleNavn[m.rolle]} ${same.indexOf(m) + 1}` : rolleNavn[m.rolle] ?? `Medlem ${i + 1}`;
};

/** "3.500", "3500", "3.697,50", "12,5" -> number; null when it is not a number. */
export function parseDaNumber(input: string): number | null {
  const s = input.replace(/[\s\u00a0]/g, '').replace(/kr\.?$/i, '');
  if (!s) return null;
  let t: string;
  if (s.includes(',')) t = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) t = s.replace(/\./g, '');
  else t = s;
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** A number as the user types it back: 3500 -> "3.500", 3697.5 -> "3.697,5". */
export const daInput = (n: number | null | undefined) => (n == null ? '' : new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 }).format(n));

/** Month index (years * 12 + month - 1) of 'YYYY-MM', and back. */
export const monthIndex = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;
export const monthIso = (i: number) => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
export const MAANEDER_KORT = ['jan.', 'feb.', 'mar.', 'apr.', 'maj', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];
export const MAANEDER = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
export const monthText = (s: string) => `${MAANEDER[Number(s.slice(5, 7)) - 1]} ${s.slice(0, 4)}`;

/** Consecutive months of the same benefit as periods (for the edit form), and back to months. */
export interface Periode {
  art: Ydelsesart;
  fra: string;
  til: string;
}
export function toPeriods(maaneder: YdelsesMaaned[]): Periode[] {
  const sorted = [...maaneder].sort((a, b) => a.maaned.localeCompare(b.maaned) || a.art.localeCompare(b.art));
  const out: Periode[] = [];
  for (const m of sorted) {
    const last = [...out].reverse().find((p) => p.art === m.art);
    if (last && monthIndex(m.maaned) === monthIndex(last.til) + 1) last.til = m.maaned;
    else out.push({ art: m.art, fra: m.maaned, til: m.maaned });
  }
  return out.sort((a, b) => a.fra.localeCompare(b.fra));
}
export function fromPeriods(ps: Periode[]): YdelsesMaaned[] {
  const out: YdelsesMaaned[] = [];
  for (const p of ps) for (let i = monthIndex(p.fra); i <= monthIndex(p.til); i++) out.push({ maaned: monthIso(i), art: p.art });
  return out;
}

export const krText = (n: number | null | undefined) => (n == null ? '' : fmtKr(n, 2));
export const countText = (n: number) => fmtInt(n);
