// The area lists (ABL § 61 a / § 61 b): API shapes of /api/lister/* (src/features/arealists/schema.ts and
// src/rules/abl-61a*.ts) and the Danish words the pages use for categories, statuses and criteria.
import { fmtInt, fmtNumber } from './format.ts';

export type Kategori = 'udsat' | 'parallelsamfund' | 'omdannelsesomraade' | 'forebyggelsesomraade';
export const kategorier: Kategori[] = ['udsat', 'parallelsamfund', 'omdannelsesomraade', 'forebyggelsesomraade'];

export const kategoriNavn: Record<Kategori, string> = {
  udsat: 'Udsat boligområde',
  parallelsamfund: 'Parallelsamfund',
  omdannelsesomraade: 'Omdannelsesområde',
  forebyggelsesomraade: 'Forebyggelsesområde',
};

/** One or two letters for tight cells; the full name always goes beside them for screen readers. */
export const kategoriKort: Record<Kategori, string> = {
  udsat: 'U',
  parallelsamfund: 'P',
  omdannelsesomraade: 'O',
  forebyggelsesomraade: 'F',
};

/** The categories' colours (as .kat-* in app.css), white text on each passes WCAG AA. */
export const kategoriFarve: Record<Kategori, string> = {
  udsat: '#a34700',
  parallelsamfund: '#6e2c91',
  omdannelsesomraade: '#8f1a1a',
  forebyggelsesomraade: '#00606e',
};

export const kategoriParagraf: Record<Kategori, string> = {
  udsat: '§ 61 a, stk. 1',
  parallelsamfund: '§ 61 a, stk. 2',
  omdannelsesomraade: '§ 61 a, stk. 4',
  forebyggelsesomraade: '§ 61 b',
};

export type VarselStatus = 'forbliver_paa' | 'forbliver_udenfor' | 'risiko_ind' | 'risiko_ud' | 'ind' | 'ud';

export const statusTekst: Record<VarselStatus, string> = {
  risiko_ind: 'Risiko for at komme på listen',
  risiko_ud: 'Risiko for at komme af listen',
  forbliver_paa: 'Forbliver på listen',
  forbliver_udenfor: 'Forbliver uden for listen',
  ind: 'Kommer på listen',
  ud: 'Kommer af listen',
};

export const statusBadge: Record<VarselStatus, string> = {
  risiko_ind: 'badge-warning',
  risiko_ud: 'badge-info',
  forbliver_paa: 'badge-error',
  forbliver_udenfor: 'badge-success',
  ind: 'badge-warning',
  ud: 'badge-info',
};

export const isRisk = (s: string) => s === 'risiko_ind' || s === 'risiko_ud' || s === 'ind' || s === 'ud';

export const kildeTekst: Record<Beregning['kilde'], string> = {
  register: 'Registrets nøgletal',
  indikatorfil: 'Indikatorfil',
  personfil: 'Personfil',
};

export const verifikationTekst: Record<string, string> = {
  VERIFIED: 'Kontrolleret mod lovteksten',
  SECONDARY: 'Fra en sekundær kilde',
  DERIVED: 'Afledt af lovteksten',
  UNVERIFIED: 'Ikke kontrolleret',
};

export interface Beregning {
  id: number;
  kilde: 'register' | 'indikatorfil' | 'personfil';
  kilde_detalje: string | null;
  beregnet_at: string;
  beregnet_af: string;
  parametre_fingeraftryk: string;
}

export interface AarStatus {
  listeaar: number;
  kategorier: Kategori[];
  kategorier_uden_etnisk: Kategori[];
  /** Null when no published list was imported for the year. */
  offentliggjort: Kategori[] | null;
  afviger: boolean;
}

export interface VarselKort {
  naeste_listeaar: number;
  prognose: Kategori[];
  status: { kategori: Kategori; status: VarselStatus; begrundelse: string }[];
  risiko: boolean;
}

export type Antal = Record<Kategori, number>;

export interface Mangel {
  omraade_kode: string;
  omraade_navn: string;
  listeaar: number;
  felter: string[];
}

export interface Afvigelse {
  listeaar: number;
  omraade_kode: string;
  omraade_navn: string;
  beregnet: Kategori[] | null;
  offentliggjort: Kategori[];
  kun_beregnet: Kategori[];
  kun_offentliggjort: Kategori[];
  aarsag: string;
  aarsag_kendt: boolean;
}

export interface Landsgennemsnit {
  aar: number;
  doemte_pct: number;
  kilde: string;
  opdateret_at: string;
  opdateret_af: string;
}

/** GET /api/lister/oversigt */
export interface ListeOversigt {
  kommune: { kode: string; navn: string; demo: boolean };
  beregning: Beregning | null;
  listeaar: number[];
  seneste_listeaar: number | null;
  naeste_listeaar: number | null;
  antal: { listeaar: number; med: Antal; uden_etnisk: Antal }[];
  omraader: { kode: string; navn: string; aar: AarStatus[]; varsel: VarselKort | null }[];
  mangler: Mangel[];
  afvigelser: Afvigelse[];
  offentliggjort_aar: { listeaar: number; kilde: string; indlaest_at: string }[];
  landsgennemsnit: Landsgennemsnit[];
}

export type Operator = '>' | '>=' | '<';

export interface Kriterium {
  id: string;
  paragraf: string;
  beskrivelse: string;
  vaerdi: number;
  taerskel: number;
  operator: Operator;
  opfyldt: boolean;
  margin: number;
  taerskelGrundlag?: string;
}

export interface KriterieGruppe {
  kriterier: Kriterium[];
  antalOpfyldt: number;
  kraevet: number;
  opfyldt: boolean;
}

/** src/rules/abl-61a.ts Klassifikation */
export interface Klassifikation {
  listeaar: number;
  listedato: string;
  omraade_kode: string;
  omraade_navn: string;
  kommunekode: number;
  regel: 'ghettoliste-2013' | 'abl-61a-2018';
  udenEtniskKriterium: boolean;
  beboere: Kriterium;
  ghettoomraade2013: (KriterieGruppe & { ikkevestlige: Kriterium | null }) | null;
  udsat: KriterieGruppe | null;
  parallelsamfund: { ikkevestlige: Kriterium | null; opfyldt: boolean } | null;
  omdannelse: { aarKraevet: number; sammenhaengendeAar: number; historikForKort: boolean; opfyldt: boolean | null } | null;
  forebyggelse: (KriterieGruppe & { ikkevestlige: Kriterium | null; opfyldtIalt: boolean }) | null;
  kategorier: Kategori[];
  parametre: { navn: string; vaerdi: number | string | boolean; gyldigFra: string; paragraf: string; verificeret: string }[];
  forklaring: string[];
}

export interface KriterieTal {
  vaerdi: number;
  taerskel: number;
  opfyldt: boolean;
  margin: number;
}

/** src/rules/abl-61a-varsel.ts OmraadeVarsel (the parts the page shows). */
export interface OmraadeVarsel {
  omraade_kode: string;
  omraade_navn: string;
  senesteListeaar: number;
  naesteListeaar: number;
  nu: Kategori[];
  prognose: Kategori[];
  kategorier: {
    kategori: Kategori;
    paragraf: string;
    nu: boolean;
    prognose: boolean;
    status: VarselStatus;
    grund: 'prognose' | 'naer_graense' | null;
    naerKriterier: string[];
    begrundelse: string;
  }[];
  kriterier: {
    gruppe: 'boligomraade' | 'udsat' | 'parallelsamfund' | 'forebyggelsesomraade';
    id: string;
    paragraf: string;
    beskrivelse: string;
    operator: Operator;
    enhed: 'procentpoint' | 'point af regionsgennemsnittet' | 'beboere';
    nu: KriterieTal | null;
    prognose: KriterieTal;
    naerGraense: boolean;
    aendring: { maal: 'ikke_opfyldt' | 'opfyldt'; retning: 'op' | 'ned'; personer: number | null; personerGrundlag: string; tekst: string };
  }[];
  trend: { beregnet: boolean; aarBrugt: number[]; metode: string };
  historikForKort: boolean;
  risiko: boolean;
  forklaring: string[];
}

/** GET /api/lister/omraader/:kode */
export interface OmraadeListe {
  omraade: { kode: string; navn: string; kommunekode: string };
  beregning: Beregning | null;
  tidslinje: AarStatus[];
  resultater: Klassifikation[];
  resultater_uden_etnisk: Klassifikation[];
  varsel: OmraadeVarsel | null;
  mangler: Mangel[];
  afvigelser: Afvigelse[];
}

export const gruppeNavn: Record<OmraadeVarsel['kriterier'][number]['gruppe'], string> = {
  boligomraade: 'Boligområde (§ 61 a, stk. 3)',
  udsat: 'Udsat boligområde (§ 61 a, stk. 1)',
  parallelsamfund: 'Parallelsamfund (§ 61 a, stk. 2)',
  forebyggelsesomraade: 'Forebyggelsesområde (§ 61 b)',
};

const NBSP = '\u00a0';

/** A criterion's value: residents as a whole number, everything else a share in percent (up to 4 decimals). */
export function fmtKriterie(v: number | null | undefined, id: string): string {
  if (v == null || !Number.isFinite(v)) return '';
  return id === 'beboere' ? fmtInt(v) : `${fmtNumber(v, 4)}${NBSP}%`;
}

const operatorOrd: Record<Operator, string> = { '>': 'over', '>=': 'mindst', '<': 'under' };

/** The requirement in words: "over 40 %", "mindst 1.000", "under 55 %". */
export function kravTekst(operator: Operator, taerskel: number, id: string): string {
  return `${operatorOrd[operator]} ${fmtKriterie(taerskel, id)}`;
}

/** Signed distance to the threshold, in points (or residents): "+1,05 point", "−0,2 point". */
export function fmtMargin(m: number, id: string): string {
  const sign = m > 0 ? '+' : m < 0 ? '−' : '';
  const abs = Math.abs(m);
  return id === 'beboere' ? `${sign}${fmtInt(abs)}${NBSP}beboere` : `${sign}${fmtNumber(abs, 4)}${NBSP}point`;
}

/** "udsat boligområde og parallelsamfund", or "ingen kategori". */
export function kategoriListe(ks: readonly Kategori[] | null | undefined): string {
  if (!ks || !ks.length) return 'Ingen kategori';
  const names = ks.map((k, i) => (i === 0 ? kategoriNavn[k] : kategoriNavn[k].toLowerCase()));
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} og ${names[names.length - 1]}`;
}

export const sameKategorier = (a: readonly Kategori[], b: readonly Kategori[]) => a.length === b.length && a.every((k) => b.includes(k));
