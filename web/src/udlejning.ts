// The udlejningsaftale (issue 5): API shapes of /api/udlejningsaftaler/* and /api/udlejning/* (src/features/udlejning
// and src/rules/udlejning.ts, src/rules/prognose.ts) and the Danish words and formats the pages use.
import { fmtDate, fmtNumber } from './format.ts';
import type { Kategori } from './lister.ts';
import type { HistoryDefault } from '../../src/features/udlejning/forecast.ts';

export type AftaleStatus = 'udkast' | 'gaeldende' | 'afsluttet';
export type Verifikation = 'VERIFIED' | 'DERIVED' | 'SECONDARY' | 'UNVERIFIED';

export interface Betingelse {
  noegletal: string;
  operator: '>' | '>=' | '<' | '<=';
  vaerdi: number;
}

export interface TrinRedskaber {
  kommunalAnvisningPct: number;
  fleksibelUdlejning: {
    aktiv: boolean;
    andelPct: number;
    kriterier: { type: 'beskaeftigelse' | 'uddannelse' | 'andet'; beskrivelse: string }[];
    undtagInternOprykning?: boolean;
  };
  kombineretUdlejning: boolean;
}

export interface Trin {
  id: string;
  navn: string;
  betingelser: Betingelse[];
  kombination?: 'alle' | 'mindst_en';
  redskaber: TrinRedskaber;
  grundlag?: string[];
}

export interface Trappemodel {
  navn: string;
  trin: Trin[];
}

export interface Samarbejde {
  politisk_moede?: string;
  embedsmandsgruppe?: string;
  moededatoer?: string[];
}

export interface Aftale {
  id: number;
  kommunekode: string;
  navn: string;
  gyldig_fra: string;
  /** The last day in force (inclusive). */
  gyldig_til: string;
  status: AftaleStatus;
  fleksibel_udlejning: boolean;
  maal: string;
  samarbejde: Samarbejde;
  trappemodel: Trappemodel;
  version: number;
  oprettet_at: string;
  oprettet_af: string;
  opdateret_at: string;
  parter: { id: number; navn: string }[];
  /** Measurable goals (the evaluation's); kept as they are when the agreement is edited here. */
  maalsaetninger?: Maalsaetning[];
}

/** A saved version of an agreement (GET udlejningsaftaler/:id/versioner), the agreement as it was saved. */
export interface AftaleVersion {
  version: number;
  gemt_at: string;
  gemt_af: string;
  indhold: Omit<Aftale, 'id' | 'kommunekode'>;
}

export interface Maalsaetning {
  tekst: string;
  noegletal: string;
  operator: '<' | '<=' | '>' | '>=';
  vaerdi: number;
  senest_aar: number;
  gaelder: 'alle_afdelinger' | number[];
}

export interface Advarsel {
  kode: string;
  niveau: 'advarsel' | 'oplysning';
  paragraf: string;
  tekst: string;
  verificeret: Verifikation;
}

export interface Placering {
  id: number;
  afdeling_id: number;
  aar: number;
  beregnet_trin: string | null;
  trin: string | null;
  manuel: boolean;
  begrundelse: string;
  forklaring: string;
  noegletal_aar: number | null;
  placeret_at: string;
  placeret_af: string;
}

export interface AftaleAfdeling {
  afdeling_id: number;
  afdeling_navn: string;
  afdelingsnummer: number;
  boligorganisation_id: number;
  boligorganisation_navn: string;
  antal_familie: number;
  boligomraade_kode: string | null;
  kategorier: Kategori[];
  uden_for_arbejde_pct: number | null;
  /** The rate is withheld: too few households (small numbers, decision 005). */
  uden_for_arbejde_skjult?: boolean;
  noegletal_aar: number | null;
  placering: Placering | null;
  redskaber: {
    kommunal_anvisning_pct: number;
    fleksibel_udlejning_pct: number;
    fleksibel_obligatorisk: boolean;
    kombineret_udlejning: boolean;
    afvisning_omdannelsesomraade: boolean;
    lovbestemte: { paragraf: string; titel: string; forklaring: string }[];
    konflikter: { paragraf: string; alvor: 'konflikt' | 'forbehold'; tekst: string }[];
  } | null;
}

export interface Bilag {
  id: number;
  aar: number;
  titel: string;
  indhold: string;
  oprettet_at: string;
  oprettet_af: string;
}

export interface AftaleDetalje {
  aftale: Aftale;
  aar: number;
  vurdering: { daekningPct: number; loebetid: { aar: number; dage: number }; advarsler: Advarsel[] } | null;
  daekning: { daekkede_familieboliger: number; kommunens_familieboliger: number };
  modelproblemer: { niveau: 'fejl' | 'advarsel'; felt: string; tekst: string }[];
  kategorier_fra: { listeaar: number; kilde: 'offentliggjort' | 'beregnet' | 'ingen' };
  afdelinger: AftaleAfdeling[];
  bilag: Bilag[];
}

export type KvoteNiveau = 'afdeling' | 'organisation' | 'kommune';

export interface KvoteRaekke {
  niveau: KvoteNiveau;
  aar: number;
  navn: string;
  boligorganisation_navn: string | null;
  trin: string | null;
  ledige_familieboliger: number;
  udlejet: number;
  ikke_udlejet: number;
  kommunal_anvisning: number;
  kvote_anvisning: number | null;
  afvigelse_anvisning: number | null;
  saldo_anvisning: number | null;
  fleksibel_udlejning: number;
  kvote_fleksibel: number | null;
  afvigelse_fleksibel: number | null;
  saldo_fleksibel: number | null;
}

export const KANALER = ['venteliste', 'kommunal_anvisning', 'fleksibel_udlejning', 'intern_oprykning', 'andet'] as const;
export type Kanal = (typeof KANALER)[number];

export interface Taerskel {
  vaerdiPct: number;
  operator: '<' | '<=';
}

export interface IndikatorForloeb {
  navn: string;
  startPct: number;
  tilflyttereAndelPct: Record<Kanal, number | null>;
  standardKanaler: Kanal[];
  tilflyttereUdefraPct: number | null;
  forventetPct: number[];
  lavestePct: number[];
  hoejestePct: number[];
  taerskel: Taerskel | null;
  foersteAarUnder: number | null;
  foersteAarUnderSikkert: number | null;
  mc: { middelPct: number[]; p10Pct: number[]; p50Pct: number[]; p90Pct: number[]; andelUnderPct: number[] | null } | null;
}

export interface ScenarieResultat {
  navn: string;
  kanalfordelingPct: Record<Kanal, number>;
  udskiftningPct: number;
  fraflyttetPct: number[];
  udskiftetPct: number[];
  indikatorer: IndikatorForloeb[];
}

export interface PrognoseResultat {
  afdelingId: string;
  startaar: number;
  horisont: number;
  aar: number[];
  enheder: number;
  fraflytningPct: number;
  koersler: number;
  seed: number;
  scenarier: ScenarieResultat[];
  forskelle: { scenarie: string; basis: string; indikatorer: { navn: string; forventetPoint: number[] }[] }[];
}

export interface PrognoseRaekke {
  afdeling_id: number;
  afdeling_navn: string;
  boligorganisation_navn: string;
  startaar: number;
  start_pct: number;
  slut_pct: number;
  p10_slut_pct: number | null;
  p90_slut_pct: number | null;
  foerste_aar_under: number | null;
  foerste_aar_under_sikkert: number | null;
  taerskel: Taerskel | null;
  udskiftet_pct: number;
}

export interface PrognoseOversigt {
  aar: number;
  afdelinger: PrognoseRaekke[];
  ikke_fremskrevet: { afdeling_id: number; afdeling_navn: string; grund: string }[];
}

/** The channels whose in-movers' share can be set (intern oprykning's in-movers already live there). */
export const UDEFRA_KANALER = ['venteliste', 'kommunal_anvisning', 'fleksibel_udlejning', 'andet'] as const;
export type UdefraKanal = (typeof UDEFRA_KANALER)[number];
export type TilflytterKilde = 'historik' | 'standard' | 'bruger';

/** One channel's in-movers' share as the forecast used it, and where it came from (src/features/udlejning/forecast.ts). */
export interface KanalTilflyttere {
  andel_pct: number | null;
  kilde: TilflytterKilde;
  forklaring: string;
}

/** The server's own type (type-only import: nothing of the server is bundled). */
export type TilflytterHistorik = HistoryDefault;

export interface Tilflytterandele {
  historik: Record<string, TilflytterHistorik>;
  scenarier: { navn: string; indikatorer: Record<string, Record<UdefraKanal, KanalTilflyttere>> }[];
}

export interface PrognoseAfdeling {
  afdeling: { id: number; navn: string; placering: Placering | null };
  prognose: PrognoseResultat;
  tilflytterandele: Tilflytterandele;
}

/** The query parameter of the user's own in-movers' share per channel (GET .../prognose). */
export const tilflytterParam: Record<UdefraKanal, string> = {
  venteliste: 'tilflytter_venteliste_pct',
  kommunal_anvisning: 'tilflytter_anvisning_pct',
  fleksibel_udlejning: 'tilflytter_fleksibel_pct',
  andet: 'tilflytter_andet_pct',
};

export const tilflytterKildeNavn: Record<TilflytterKilde, string> = { historik: 'historik', standard: 'standard', bruger: 'egen' };

/* ---------- Danish words ---------- */

export const statusNavn: Record<AftaleStatus, string> = { udkast: 'Udkast', gaeldende: 'Gældende', afsluttet: 'Afsluttet' };
export const statusBadge: Record<AftaleStatus, string> = { udkast: 'badge-info', gaeldende: 'badge-success', afsluttet: '' };

export const noegletalNavn: Record<string, string> = {
  uden_for_arbejde_pct: 'Andel uden for arbejdsmarked og uddannelse',
  doemte_pct: 'Andel dømte',
  kun_grundskole_pct: 'Andel med kun grundskole',
  indkomst_pct_af_region: 'Indkomst i procent af regionens',
  ikke_vestlige_pct: 'Andel indvandrere og efterkommere fra ikke-vestlige lande',
  fraflytning_pct: 'Fraflytningsprocent',
};
export const noegletalTekst = (n: string) => noegletalNavn[n] ?? n;

/** The list criterion a forecast indicator's threshold is taken from (src/features/udlejning/forecast.ts). */
export const indikatorParagraf: Record<string, string> = {
  uden_for_arbejde_pct: '§ 61 a, stk. 1, nr. 1',
  kun_grundskole_pct: '§ 61 a, stk. 1, nr. 3',
};

const operatorTekst: Record<Betingelse['operator'], string> = { '>': 'over', '>=': 'mindst', '<': 'under', '<=': 'højst' };

/** "Andel uden for arbejdsmarked og uddannelse over 40 %" */
export function betingelseTekst(b: Betingelse): string {
  const v = b.noegletal.endsWith('_pct') || b.noegletal.includes('_pct_') ? fmtPctPlain(b.vaerdi, 2) : fmtNumber(b.vaerdi, 2);
  return `${noegletalTekst(b.noegletal)} ${operatorTekst[b.operator] ?? b.operator} ${v}`;
}

export const kanalNavn: Record<Kanal, string> = {
  venteliste: 'Venteliste',
  kommunal_anvisning: 'Kommunal anvisning',
  fleksibel_udlejning: 'Fleksibel udlejning',
  intern_oprykning: 'Intern oprykning',
  andet: 'Andet',
};

export const kategoriKildeTekst: Record<AftaleDetalje['kategorier_fra']['kilde'], string> = {
  offentliggjort: 'ministeriets offentliggjorte liste',
  beregnet: 'kommunens egen beregning af listen',
  ingen: 'ingen liste: hverken en offentliggjort liste eller en beregning',
};

/** 1. januar 2024 – 31. december 2027 */
export const periodeTekst = (a: Pick<Aftale, 'gyldig_fra' | 'gyldig_til'>) => `${fmtDate(a.gyldig_fra)} – ${fmtDate(a.gyldig_til)}`;

/** The calendar years of the agreement's period. */
export function periodeAar(a: Pick<Aftale, 'gyldig_fra' | 'gyldig_til'>): number[] {
  const fra = Number(a.gyldig_fra.slice(0, 4));
  const til = Number(a.gyldig_til.slice(0, 4));
  const out: number[] = [];
  for (let y = fra; y <= til; y++) out.push(y);
  return out;
}

/** 40 % or 40,7 % (up to one decimal, none when whole). */
export function fmtPctPlain(n: number | null | undefined, decimals = 1): string {
  if (n == null || !Number.isFinite(n)) return '';
  return `${fmtNumber(n, decimals)}\u00a0%`;
}

/** +1,5 / −4,8 / 0 with a real minus sign. */
export function fmtSigned(n: number, decimals = 1): string {
  const r = Number(n.toFixed(decimals));
  if (r === 0) return '0';
  return `${r > 0 ? '+' : '\u2212'}${fmtNumber(Math.abs(r), decimals)}`;
}

/** The step's position and name: "1 · rød, mest udsatte". */
export function trinTekst(model: Trappemodel, id: string | null | undefined): string {
  if (!id) return '';
  const i = model.trin.findIndex((t) => t.id === id);
  return i < 0 ? id : `${i + 1} · ${model.trin[i].navn}`;
}

export const aftalePath = (id: number | string) => `/udlejningsaftaler/${id}`;
export const AFTALER_PATH = '/udlejningsaftaler';

/* ---------- Editing an agreement's trappemodel and goals ---------- */

/** The key figures a step's condition or a measurable goal may name (src/features/udlejning/evaluation.ts
 *  MAAL_NOEGLETAL, the register's names; the same six as NOEGLETAL_NAVN in src/rules/udlejning.ts). */
export const NOEGLETAL = ['uden_for_arbejde_pct', 'kun_grundskole_pct', 'doemte_pct', 'indkomst_pct_af_region', 'ikke_vestlige_pct', 'fraflytning_pct'] as const;

export const OPERATORER: { value: Betingelse['operator']; label: string }[] = [
  { value: '>', label: 'over (>)' },
  { value: '>=', label: 'mindst (≥)' },
  { value: '<', label: 'under (<)' },
  { value: '<=', label: 'højst (≤)' },
];

export type KriterieType = TrinRedskaber['fleksibelUdlejning']['kriterier'][number]['type'];
export const kriterieTypeNavn: Record<KriterieType, string> = { beskaeftigelse: 'Beskæftigelse', uddannelse: 'Uddannelse', andet: 'Andet' };

/** A number typed the Danish way: 40 / 40,5 / 1.234,5 (a point alone is read as a decimal point: 40.5). */
export function parseTal(s: string): number | null {
  const t = s.replace(/[\s\u00a0]/g, '').replace(/%$/, '').replace(/^−/, '-');
  if (t === '') return null;
  let n: string;
  if (t.includes(',')) n = t.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(t)) n = t.replace(/\./g, '');
  else n = t;
  if (!/^-?\d+(\.\d+)?$/.test(n)) return null;
  return Number(n);
}

/** A number for an input field: 40,5 (no thousands separator, up to 9 decimals). */
export const talTilFelt = (n: number | null | undefined) => (n == null || !Number.isFinite(n) ? '' : String(Math.round(n * 1e9) / 1e9).replace('.', ','));

/**
 * The body of PUT /api/udlejningsaftaler/:id: the agreement as it is, with the changed parts. A PUT replaces the
 * whole agreement (a new version), so the model and the goals are always sent.
 */
export function aftaleBody(a: Aftale, changes: { trappemodel?: Trappemodel; maalsaetninger?: Maalsaetning[] }) {
  return {
    kommunekode: a.kommunekode,
    navn: a.navn,
    gyldig_fra: a.gyldig_fra,
    gyldig_til: a.gyldig_til,
    status: a.status,
    fleksibel_udlejning: a.fleksibel_udlejning,
    maal: a.maal,
    samarbejde: a.samarbejde ?? {},
    parter: a.parter.map((p) => p.id),
    trappemodel: changes.trappemodel ?? a.trappemodel,
    maalsaetninger: changes.maalsaetninger ?? a.maalsaetninger ?? [],
  };
}
