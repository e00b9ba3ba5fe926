// Early warning for the next 1 December list (issue 4, item 4): which areas may enter or leave the ABL § 61 a /
// § 61 b lists (udsat boligområde § 61 a, stk. 1; parallelsamfund stk. 2; omdannelsesområde stk. 4;
// forebyggelsesområde § 61 b), from the latest figures and a simple trend. The legal test itself is `classify`
// in ./abl-61a.ts; this file only projects the figures and compares two classifications. Rules and operators:
// ../shared/domain/RULES.md sections 0 and 1; every legal number comes from law/abl/61a via Params.
//
// A pure function of (area figures, next list year, parameters, options): no clock, database or I/O.
//
// Method (product choices, not law; stated in every result):
// - Trend: for each indicator the mean yearly change over the area's rows in the latest up to 3 list years
//   (seneste-2 .. seneste): (value in the latest year - value in the earliest of those years) / years between.
//   With one list year in that window the trend is "no change" and the result says it could not be computed.
// - Projection: latest value + trend x (naesteListeaar - senesteListeaar), clamped: shares to 0-100, income and
//   residents to >= 0, residents rounded to whole persons. The two-year criteria (§ 61 a, stk. 1, nr. 1-2 and
//   § 61 b, nr. 1-2) average two data years; the data years move one year per list, so the next list's aar1 is
//   the current aar2 and only aar2 is projected (with a gap of g list years: aar1 = aar2 + trend x (g-1)).
//   The national convicted average (landsgns aar2) is projected the same way, so the threshold moves too.
// - Classification: `classify` on the latest row (with the history rows) and on the projected row (with all the
//   history rows, so that § 61 a, stk. 4 counts the 5 years correctly).
// - "Near the threshold": a criterion whose projected margin is within the band of NAER_GRAENSE_STANDARD.
//
// Status scheme (one per category):
//   forbliver_paa      on the list now, projected on, and no single criterion within the band can take it off
//   forbliver_udenfor  off now, projected off, and no single criterion within the band can put it on
//   risiko_ind         off now and projected on (grund 'prognose'), or projected off but one criterion within
//                      the band would put it on (grund 'naer_graense')
//   risiko_ud          on now and projected off (grund 'prognose'), or projected on but one criterion within the
//                      band would take it off (grund 'naer_graense')
// "One criterion would put it on/take it off" means: flipping that single criterion changes the projected
// category (a gate - 1,000 residents, the non-western share - or a socio-economic criterion when the count is
// exactly at the requirement, or one short of it).
import type { Params } from '../law/params.ts';
import { classify, type ClassifyOptions, type Kategori, type Klassifikation, type Kriterium, type OmraadeIndikatorer, type Operator } from './abl-61a.ts';

/**
 * How close to a threshold counts as "near" (the band). PRODUCT SETTINGS, NOT LAW: no statute defines them;
 * change them freely. Units: percentage points of the compared share (for § 61 a, stk. 1, nr. 1-2 the two-year
 * average), points of the regional average for income, persons for the 1,000 residents gate.
 * The convicted share has its own, narrower band: its thresholds are about 1.4-2.2 % (2 or 3 x the national
 * average), so a 2-point band would call almost every area near.
 */
export const NAER_GRAENSE_STANDARD = Object.freeze({
  /** Shares (udenfor, grundskole, ikke-vestlige): percentage points. */
  procentpoint: 2,
  /** The convicted share (2-year average): percentage points. */
  doemteProcentpoint: 0.5,
  /** Income: points of the regional average. */
  indkomstPoint: 2,
  /** The 1,000 residents gate of § 61 a, stk. 3: persons. */
  beboere: 50,
});
export type NaerGraenser = { -readonly [K in keyof typeof NAER_GRAENSE_STANDARD]: number };

/** The number of list years the trend looks back over (the latest included). A product setting, not law. */
export const TREND_AAR = 3;

export interface Befolkning {
  beboere_18_64?: number;
  beboere_18_plus?: number;
  beboere_30_59?: number;
}

export interface VarselOptions extends ClassifyOptions {
  /** A number sets the band for the shares and for income (both in points); an object sets any of the four. */
  naerGraense?: number | Partial<NaerGraenser>;
  /** Population counts per omraade_kode, for turning percentage points into persons. */
  population?: Map<string, Befolkning>;
}

export type VarselStatus = 'forbliver_paa' | 'forbliver_udenfor' | 'risiko_ind' | 'risiko_ud';

export interface KategoriVarsel {
  kategori: Kategori;
  paragraf: string;
  nu: boolean;
  prognose: boolean;
  status: VarselStatus;
  /** Why a risk status: the projection changes the category, or a criterion is within the band. */
  grund: 'prognose' | 'naer_graense' | null;
  /** Criteria (ids) within the band whose flip alone would change the projected category. */
  naerKriterier: KriterieId[];
  begrundelse: string;
}

export type KriterieId = 'beboere' | 'udenfor' | 'doemte' | 'grundskole' | 'indkomst' | 'ikkevestlige';
export type KriterieGruppeNavn = 'boligomraade' | 'udsat' | 'parallelsamfund' | 'forebyggelsesomraade';

export interface KriterieTal {
  vaerdi: number;
  taerskel: number;
  opfyldt: boolean;
  /** As in Kriterium: positive on the side that meets the criterion. */
  margin: number;
}

export interface Aendring {
  /** The state the change leads to: the criterion stops being met, or becomes met. */
  maal: 'ikke_opfyldt' | 'opfyldt';
  /** Direction of the compared value. */
  retning: 'op' | 'ned';
  /** Change of the compared value (for nr. 1-2 the two-year average) from the projection, in `enhed`. */
  paakraevet: number;
  /** True when the value must go strictly past `paakraevet` (the target side of the threshold is strict). */
  strengt: boolean;
  /** The change needed in the new data year: 2 x paakraevet for the two-year averages (only aar2 changes). */
  paakraevetDataaar: number;
  /** Whole persons (rounded up; one more when strictly past is needed), or null when no population is known. */
  personer: number | null;
  /** Which population the persons are computed from, or why they could not be. */
  personerGrundlag: string;
  tekst: string;
}

export interface KriterieVarsel {
  gruppe: KriterieGruppeNavn;
  id: KriterieId;
  paragraf: string;
  beskrivelse: string;
  operator: Operator;
  enhed: 'procentpoint' | 'point af regionsgennemsnittet' | 'beboere';
  /** Null when the current list did not assess this criterion (rules not in force on that list). */
  nu: KriterieTal | null;
  prognose: KriterieTal;
  /** |projected margin| <= the band. */
  naerGraense: boolean;
  /** What would change the projected outcome of this criterion. */
  aendring: Aendring;
}

export type TrendFelt =
  | 'beboere'
  | 'ikkevestlige_pct'
  | 'udenfor_pct_aar2'
  | 'doemte_pct_aar2'
  | 'doemte_landsgns_pct_aar2'
  | 'grundskole_pct'
  | 'indkomst_pct_af_region';

export interface Trend {
  /** False when only one list year was in the window: the projection then assumes no change. */
  beregnet: boolean;
  /** The list years the trend is computed from (ascending). */
  aarBrugt: number[];
  /** Mean yearly change per indicator (0 when not computed). */
  prAar: Record<TrendFelt, number>;
  /** Projected fields that were clamped to their valid range. */
  begraenset: (keyof OmraadeIndikatorer)[];
  metode: string;
}

export interface OmraadeVarsel {
  omraade_kode: string;
  omraade_navn: string;
  kommunekode: number;
  senesteListeaar: number;
  naesteListeaar: number;
  nu: Kategori[];
  prognose: Kategori[];
  kategorier: KategoriVarsel[];
  kriterier: KriterieVarsel[];
  trend: Trend;
  /** The projected row that was classified. */
  prognoseRaekke: OmraadeIndikatorer;
  /** True when the omdannelse count (§ 61 a, stk. 4) of the current or the projected list could not be decided. */
  historikForKort: boolean;
  /** True when any category has status risiko_ind or risiko_ud. */
  risiko: boolean;
  naerGraenser: NaerGraenser;
  forklaring: string[];
}

const num = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });
const f = (n: number) => num.format(n);
/** Small margins are shown with enough decimals not to read as 0. */
const fineNumber = (n: number) => (n !== 0 && Math.abs(n) < 0.005 ? new Intl.NumberFormat('da-DK', { maximumSignificantDigits: 2 }).format(n) : f(n));
const r9 = (n: number) => Math.round(n * 1e9) / 1e9;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

const TREND_FELTER: TrendFelt[] = ['beboere', 'ikkevestlige_pct', 'udenfor_pct_aar2', 'doemte_pct_aar2', 'doemte_landsgns_pct_aar2', 'grundskole_pct', 'indkomst_pct_af_region'];

const PARAGRAF: Record<Kategori, string> = {
  udsat: '§ 61 a, stk. 1',
  parallelsamfund: '§ 61 a, stk. 2',
  omdannelsesomraade: '§ 61 a, stk. 4',
  forebyggelsesomraade: '§ 61 b',
};
const NAVN: Record<Kategori, string> = {
  udsat: 'udsat boligområde',
  parallelsamfund: 'parallelsamfund',
  omdannelsesomraade: 'omdannelsesområde',
  forebyggelsesomraade: 'forebyggelsesområde',
};
const KORT: Record<KriterieId, string> = {
  beboere: 'beboere',
  udenfor: 'uden for arbejde og uddannelse',
  doemte: 'dømte',
  grundskole: 'kun grundskole',
  indkomst: 'indkomst',
  ikkevestlige: 'ikke-vestlig baggrund',
};

function graenser(opt: VarselOptions['naerGraense']): NaerGraenser {
  const g: NaerGraenser = { ...NAER_GRAENSE_STANDARD };
  if (typeof opt === 'number') {
    g.procentpoint = opt;
    g.indkomstPoint = opt;
  } else if (opt) Object.assign(g, Object.fromEntries(Object.entries(opt).filter(([, v]) => v !== undefined)));
  for (const [k, v] of Object.entries(g)) if (!(Number.isFinite(v) && v >= 0)) throw new Error(`naerGraense.${k} skal være et tal >= 0 (fik ${v}).`);
  return g;
}

const band = (id: string, g: NaerGraenser) => (id === 'beboere' ? g.beboere : id === 'indkomst' ? g.indkomstPoint : id === 'doemte' ? g.doemteProcentpoint : g.procentpoint);
const inBand = (k: Kriterium, g: NaerGraenser) => Math.abs(k.margin) <= band(k.id, g);
const unitOf = (id: KriterieId) => (id === 'beboere' ? 'beboere' : id === 'indkomst' ? 'point af regionsgennemsnittet' : 'procentpoint') as KriterieVarsel['enhed'];

// ---------------------------------------------------------------------------------------------------------------
// Trend and projection

function trendOf(areaRows: OmraadeIndikatorer[], seneste: OmraadeIndikatorer): { prAar: Record<TrendFelt, number>; aarBrugt: number[]; beregnet: boolean } {
  const vindue = areaRows.filter((r) => r.listeaar > seneste.listeaar - TREND_AAR).sort((a, b) => a.listeaar - b.listeaar);
  const foerste = vindue[0];
  const span = seneste.listeaar - foerste.listeaar;
  const prAar = Object.fromEntries(TREND_FELTER.map((k) => [k, span > 0 ? r9((seneste[k] - foerste[k]) / span) : 0])) as Record<TrendFelt, number>;
  return { prAar, aarBrugt: vindue.map((r) => r.listeaar), beregnet: span > 0 };
}

function project(s: OmraadeIndikatorer, prAar: Record<TrendFelt, number>, naeste: number) {
  const g = naeste - s.listeaar;
  const begraenset: (keyof OmraadeIndikatorer)[] = [];
  const fit = (field: keyof OmraadeIndikatorer, v: number, lo: number, hi: number) => {
    const c = clamp(v, lo, hi);
    if (c !== v) begraenset.push(field);
    return r9(c);
  };
  const share = (field: keyof OmraadeIndikatorer, v: number) => fit(field, v, 0, 100);
  const row: OmraadeIndikatorer = {
    listeaar: naeste,
    omraade_kode: s.omraade_kode,
    omraade_navn: s.omraade_navn,
    kommunekode: s.kommunekode,
    beboere: Math.round(fit('beboere', s.beboere + prAar.beboere * g, 0, Infinity)),
    ikkevestlige_pct: share('ikkevestlige_pct', s.ikkevestlige_pct + prAar.ikkevestlige_pct * g),
    // The data years move one year per list: the next list's first data year is the current second one.
    udenfor_pct_aar1: share('udenfor_pct_aar1', s.udenfor_pct_aar2 + prAar.udenfor_pct_aar2 * (g - 1)),
    udenfor_pct_aar2: share('udenfor_pct_aar2', s.udenfor_pct_aar2 + prAar.udenfor_pct_aar2 * g),
    doemte_pct_aar1: share('doemte_pct_aar1', s.doemte_pct_aar2 + prAar.doemte_pct_aar2 * (g - 1)),
    doemte_pct_aar2: share('doemte_pct_aar2', s.doemte_pct_aar2 + prAar.doemte_pct_aar2 * g),
    doemte_landsgns_pct_aar1: share('doemte_landsgns_pct_aar1', s.doemte_landsgns_pct_aar2 + prAar.doemte_landsgns_pct_aar2 * (g - 1)),
    doemte_landsgns_pct_aar2: share('doemte_landsgns_pct_aar2', s.doemte_landsgns_pct_aar2 + prAar.doemte_landsgns_pct_aar2 * g),
    grundskole_pct: share('grundskole_pct', s.grundskole_pct + prAar.grundskole_pct * g),
    indkomst_pct_af_region: fit('indkomst_pct_af_region', s.indkomst_pct_af_region + prAar.indkomst_pct_af_region * g, 0, Infinity),
  };
  return { row, begraenset };
}

// ---------------------------------------------------------------------------------------------------------------
// Categories: is it on, and which single criterion within the band would change that

interface Betingelse {
  /** Criteria that must all be met (1,000 residents; the non-western share unless left out). */
  porte: Kriterium[];
  /** The socio-economic criteria and how many must be met. */
  socio: Kriterium[];
  kraevet: number;
}

function betingelse(k: Klassifikation, kat: 'udsat' | 'parallelsamfund' | 'forebyggelsesomraade', params: Params): Betingelse | null {
  if (kat === 'udsat') return k.udsat ? { porte: [k.beboere], socio: k.udsat.kriterier, kraevet: k.udsat.kraevet } : null;
  if (kat === 'parallelsamfund') {
    if (!k.udsat || !k.parallelsamfund) return null;
    const ikke = k.parallelsamfund.ikkevestlige;
    return { porte: ikke ? [k.beboere, ikke] : [k.beboere], socio: k.udsat.kriterier, kraevet: params.param('parallelsamfund_min_kriterier', k.listedato) };
  }
  if (!k.forebyggelse) return null;
  const ikke = k.forebyggelse.ikkevestlige;
  return { porte: ikke ? [k.beboere, ikke] : [k.beboere], socio: k.forebyggelse.kriterier, kraevet: k.forebyggelse.kraevet };
}

const erOpfyldt = (b: Betingelse) => b.porte.every((k) => k.opfyldt) && b.socio.filter((k) => k.opfyldt).length >= b.kraevet;

/** The criteria within the band whose flip alone would change whether `b` is met. */
function naerSkift(b: Betingelse, g: NaerGraenser): Kriterium[] {
  const antal = b.socio.filter((k) => k.opfyldt).length;
  const portFejl = b.porte.filter((k) => !k.opfyldt);
  if (erOpfyldt(b)) {
    return [...b.porte.filter((k) => inBand(k, g)), ...(antal === b.kraevet ? b.socio.filter((k) => k.opfyldt && inBand(k, g)) : [])];
  }
  if (portFejl.length === 0 && antal === b.kraevet - 1) return b.socio.filter((k) => !k.opfyldt && inBand(k, g));
  if (portFejl.length === 1 && antal >= b.kraevet) return portFejl.filter((k) => inBand(k, g));
  return [];
}

function status(nu: boolean, prognose: boolean, naer: Kriterium[]): Pick<KategoriVarsel, 'status' | 'grund'> {
  if (nu && !prognose) return { status: 'risiko_ud', grund: 'prognose' };
  if (!nu && prognose) return { status: 'risiko_ind', grund: 'prognose' };
  if (naer.length > 0) return { status: prognose ? 'risiko_ud' : 'risiko_ind', grund: 'naer_graense' };
  return { status: prognose ? 'forbliver_paa' : 'forbliver_udenfor', grund: null };
}

const naerTekst = (k: Kriterium, g: NaerGraenser) =>
  k.margin === 0
    ? `${k.paragraf} (${KORT[k.id as KriterieId]}) ligger præcis på grænsen ${f(k.taerskel)} og er ${k.opfyldt ? 'opfyldt' : 'ikke opfyldt'} (bånd ${f(band(k.id, g))})`
    : `${k.paragraf} (${KORT[k.id as KriterieId]}) ${k.opfyldt ? 'er opfyldt med en margen på' : 'mangler'} ${fineNumber(Math.abs(k.margin))} ${unitOf(k.id as KriterieId)}${k.opfyldt ? '' : ' for at være opfyldt'} (bånd ${f(band(k.id, g))})`;

function begrundelse(kat: Kategori, s: Pick<KategoriVarsel, 'status' | 'grund' | 'nu' | 'prognose'>, naer: Kriterium[], b: Betingelse | null, seneste: number, naeste: number, g: NaerGraenser, ekstra = ''): string {
  const hvor = `${PARAGRAF[kat]} (${NAVN[kat]}): ${s.nu ? 'på listen' : 'ikke på listen'} ${seneste}, ${s.prognose ? 'på listen' : 'ikke på listen'} ${naeste} efter prognosen`;
  const antal = b ? ` (${b.socio.filter((k) => k.opfyldt).length} af ${b.socio.length} kriterier opfyldt i prognosen, mindst ${b.kraevet} kræves)` : '';
  const naerDel = naer.length
    ? `; ét af disse kriterier nær grænsen kan alene ${s.prognose ? 'tage området af' : 'sætte området på'} listen ${naeste}: ${naer.map((k) => naerTekst(k, g)).join('; ')}`
    : '';
  const konklusion =
    s.status === 'risiko_ud'
      ? s.grund === 'prognose'
        ? 'risiko for at komme af listen: prognosen tager området af'
        : 'risiko for at komme af listen: ét kriterium nær grænsen kan tage området af'
      : s.status === 'risiko_ind'
        ? s.grund === 'prognose'
          ? 'risiko for at komme på listen: prognosen sætter området på'
          : 'risiko for at komme på listen: ét kriterium nær grænsen kan sætte området på'
        : s.status === 'forbliver_paa'
          ? 'forbliver på listen'
          : 'forbliver uden for listen';
  return `${hvor}${antal}${naerDel}${ekstra}: ${konklusion}.`;
}

// ---------------------------------------------------------------------------------------------------------------
// Criteria: what would change the outcome

const TOAARS = new Set<KriterieId>(['udenfor', 'doemte']);

function personerAf(x: number, strengt: boolean): number {
  const v = r9(x);
  return strengt ? Math.floor(v) + 1 : Math.ceil(v);
}

function aendring(k: Kriterium, id: KriterieId, prognoseRaekke: OmraadeIndikatorer, pop: Befolkning | undefined): Aendring {
  const maal: Aendring['maal'] = k.opfyldt ? 'ikke_opfyldt' : 'opfyldt';
  const op = k.operator;
  // To meet: move past the threshold on the meeting side; to stop: move onto or past it on the other side.
  const retning: Aendring['retning'] = (op === '<') === (maal === 'opfyldt') ? 'ned' : 'op';
  // Strict target side: becoming met under > or <, or stopping being met under >= (must get below).
  const strengt = (maal === 'opfyldt') === (op !== '>=');
  const paakraevet = r9(Math.abs(k.margin));
  const toaars = TOAARS.has(id);
  const paakraevetDataaar = toaars ? r9(2 * paakraevet) : paakraevet;
  const enhed = unitOf(id);
  const hvorMeget = (n: number, u: string) => `${strengt ? 'mere end' : 'mindst'} ${f(n)} ${u}`;
  const verbum = retning === 'op' ? 'stige' : 'falde';
  const hvad: Record<KriterieId, string> = {
    beboere: 'beboertallet pr. 1. januar',
    udenfor: '2-års gennemsnittet',
    doemte: '2-års gennemsnittet',
    grundskole: 'andelen',
    indkomst: 'indkomsten',
    ikkevestlige: 'andelen',
  };
  let tekst = `${k.paragraf} (${KORT[id]}): for at kriteriet ${maal === 'opfyldt' ? 'bliver opfyldt' : 'ikke længere er opfyldt'} på listen ${prognoseRaekke.listeaar} skal ${hvad[id]} ${verbum} med ${hvorMeget(paakraevet, enhed)} i forhold til prognosen`;
  if (toaars) tekst += `; da kun det nye dataår (aar2) skifter, skal andelen i det nye dataår ${verbum} med ${hvorMeget(paakraevetDataaar, 'procentpoint')}`;

  let personer: number | null = null;
  let personerGrundlag: string;
  let hvem = '';
  const flere = retning === 'op';
  const fraPop = (n: number | undefined, label: string, feltnavn: string) => {
    if (n === undefined || !Number.isFinite(n) || n < 0) {
      personerGrundlag = `antal personer kan ikke beregnes: antallet af ${label} kendes ikke`;
      return null;
    }
    personerGrundlag = `${f(n)} ${label} (seneste nøgletal)`;
    return personerAf((paakraevetDataaar / 100) * n, strengt);
  };
  switch (id) {
    case 'beboere':
      personer = personerAf(paakraevet, strengt);
      personerGrundlag = 'beboertallet selv';
      hvem = `${personer} ${flere ? 'flere' : 'færre'} beboere`;
      break;
    case 'udenfor':
      personer = fraPop(pop?.beboere_18_64, '18-64-årige beboere', 'beboere_18_64');
      hvem = flere
        ? `${personer} flere fuldtidspersoner uden tilknytning til arbejdsmarked eller uddannelse i det nye dataår`
        : `${personer} flere beboere i beskæftigelse eller uddannelse (fuldtidspersoner) i det nye dataår`;
      break;
    case 'doemte':
      personer = fraPop(pop?.beboere_18_plus, 'beboere på mindst 18 år', 'beboere_18_plus');
      hvem = `${personer} ${flere ? 'flere' : 'færre'} dømte i det nye dataår`;
      break;
    case 'grundskole':
      personer = fraPop(pop?.beboere_30_59, '30-59-årige beboere', 'beboere_30_59');
      hvem = `${personer} ${flere ? 'flere' : 'færre'} med kun grundskole`;
      break;
    case 'ikkevestlige':
      // The denominator of the share is all residents (RULES.md 1.7), so the projected resident count is honest here.
      personer = personerAf((paakraevet / 100) * prognoseRaekke.beboere, strengt);
      personerGrundlag = `afledt af det fremskrevne beboertal ${f(prognoseRaekke.beboere)} (nævneren for andelen), ved uændret samlet beboertal`;
      hvem = `${personer} ${flere ? 'flere' : 'færre'} beboere med ikke-vestlig baggrund (ved uændret samlet beboertal)`;
      break;
    case 'indkomst':
      personerGrundlag = 'ikke relevant: grænsen er et gennemsnit i procent af regionens';
      break;
  }
  if (personer !== null) tekst += `: ${hvem}`;
  else if (id !== 'indkomst') tekst += ` (${personerGrundlag!})`;
  return { maal, retning, paakraevet, strengt, paakraevetDataaar, personer, personerGrundlag: personerGrundlag!, tekst: `${tekst}.` };
}

function tal(k: Kriterium): KriterieTal {
  return { vaerdi: k.vaerdi, taerskel: k.taerskel, opfyldt: k.opfyldt, margin: k.margin };
}

function kriterieListe(nu: Klassifikation, prog: Klassifikation, g: NaerGraenser, pop: Befolkning | undefined, prognoseRaekke: OmraadeIndikatorer): KriterieVarsel[] {
  const out: KriterieVarsel[] = [];
  const add = (gruppe: KriterieGruppeNavn, p: Kriterium | null | undefined, n: Kriterium | null | undefined) => {
    if (!p) return;
    const id = p.id as KriterieId;
    out.push({
      gruppe,
      id,
      paragraf: p.paragraf,
      beskrivelse: p.beskrivelse,
      operator: p.operator,
      enhed: unitOf(id),
      nu: n ? tal(n) : null,
      prognose: tal(p),
      naerGraense: inBand(p, g),
      aendring: aendring(p, id, prognoseRaekke, pop),
    });
  };
  add('boligomraade', prog.beboere, nu.beboere);
  for (const p of prog.udsat?.kriterier ?? []) add('udsat', p, nu.udsat?.kriterier.find((x) => x.id === p.id));
  add('parallelsamfund', prog.parallelsamfund?.ikkevestlige, nu.parallelsamfund?.ikkevestlige);
  for (const p of prog.forebyggelse?.kriterier ?? []) add('forebyggelsesomraade', p, nu.forebyggelse?.kriterier.find((x) => x.id === p.id));
  add('forebyggelsesomraade', prog.forebyggelse?.ikkevestlige, nu.forebyggelse?.ikkevestlige);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Early warning for the list of 1 December `naesteListeaar`: for every area in `rows`, its latest list year,
 * a linear projection to `naesteListeaar`, both classified with `classify`, and per category a status
 * (see the scheme at the top of this file). Sorted: areas with a risk status first, then by area code.
 * Every row must be before `naesteListeaar` (a list that exists is not forecast). Throws LawParamError like
 * `classify` when a parameter has no value on a list date, and refuses a next list before 1 December 2018.
 */
export function varsel(rows: readonly OmraadeIndikatorer[], naesteListeaar: number, params: Params, options: VarselOptions = {}): OmraadeVarsel[] {
  if (!Number.isInteger(naesteListeaar)) throw new Error(`naesteListeaar skal være et helt år (fik ${naesteListeaar}).`);
  const g = graenser(options.naerGraense);
  const copts: ClassifyOptions = { withoutEthnicCriterion: options.withoutEthnicCriterion === true };
  const byArea = new Map<string, OmraadeIndikatorer[]>();
  for (const r of rows) {
    if (r.listeaar >= naesteListeaar)
      throw new Error(`Område ${r.omraade_kode} har tal for listeår ${r.listeaar}; prognosen for listen ${naesteListeaar} bygger kun på tidligere år.`);
    const list = byArea.get(r.omraade_kode) ?? [];
    list.push(r);
    byArea.set(r.omraade_kode, list);
  }
  const naesteDato = `${naesteListeaar}-12-01`;
  const out: OmraadeVarsel[] = [];

  for (const areaRows of byArea.values()) {
    const seneste = areaRows.reduce((a, b) => (b.listeaar > a.listeaar ? b : a));
    const senesteDato = `${seneste.listeaar}-12-01`;
    const t = trendOf(areaRows, seneste);
    const { row: prognoseRaekke, begraenset } = project(seneste, t.prAar, naesteListeaar);

    const [nu] = classify(areaRows, senesteDato, params, copts);
    const [prog] = classify([...areaRows, prognoseRaekke], naesteDato, params, copts);
    if (prog.regel !== 'abl-61a-2018') throw new Error(`Varsel findes kun for lister fra 1. december 2018 (fik ${naesteDato}).`);

    const gap = naesteListeaar - seneste.listeaar;
    const forklaring: string[] = [];
    const metode = t.beregnet
      ? `Prognosen for listen 1. december ${naesteListeaar} er en simpel lineær fremskrivning: hver indikator ændres med den gennemsnitlige årlige ændring over listeårene ${t.aarBrugt.join(', ')} (seneste op til ${TREND_AAR} listeår) gange ${gap} år og begrænses til gyldige værdier (andele 0-100 %, indkomst og beboere mindst 0). Det er en produktberegning, ikke en del af § 61 a eller § 61 b.`
      : `Tendensen kunne ikke beregnes: området har kun tal for ét listeår (${seneste.listeaar}) blandt de seneste ${TREND_AAR}; prognosen for listen 1. december ${naesteListeaar} antager uændrede tal (ikke en del af § 61 a eller § 61 b).`;
    forklaring.push(metode);
    forklaring.push(
      gap === 1
        ? `§ 61 a, stk. 1, nr. 1-2 og § 61 b, nr. 1-2 bruger gennemsnittet af 2 dataår: på listen ${naesteListeaar} er første dataår (aar1) det nuværende andet dataår (aar2), så kun det nye andet dataår fremskrives; landsgennemsnittet for dømte fremskrives på samme måde.`
        : `§ 61 a, stk. 1, nr. 1-2 og § 61 b, nr. 1-2 bruger gennemsnittet af 2 dataår: der er ${gap} lister fra ${seneste.listeaar} til ${naesteListeaar}, så begge dataår er nye; de fremskrives fra det nuværende andet dataår (aar2) med ${gap - 1} og ${gap} års tendens.`,
    );
    if (begraenset.length) forklaring.push(`Fremskrivningen ramte grænsen for gyldige værdier og er begrænset for: ${begraenset.join(', ')} (§ 61 a-kriterierne er andele og beløb, som ikke kan være negative).`);
    forklaring.push(
      `Nær grænsen betyder i denne prognose højst ${f(g.procentpoint)} procentpoint for andelene, ${f(g.doemteProcentpoint)} procentpoint for dømte (§ 61 a, stk. 1, nr. 2 / § 61 b, nr. 2), ${f(g.indkomstPoint)} point af regionsgennemsnittet for indkomsten og ${f(g.beboere)} beboere for grænsen i § 61 a, stk. 3; det er produktindstillinger, ikke lovens tal.`,
    );
    if (nu.regel !== 'abl-61a-2018') forklaring.push(`§ 61 a: listen ${seneste.listeaar} fulgte ghettokriterierne fra 2013; de nuværende kategorier sammenlignes derfor ikke kriterie for kriterie.`);

    // Categories
    const kategorier: KategoriVarsel[] = [];
    const naerPar = (() => {
      const b = betingelse(prog, 'parallelsamfund', params);
      return b ? naerSkift(b, g) : [];
    })();
    for (const kat of ['udsat', 'parallelsamfund', 'omdannelsesomraade', 'forebyggelsesomraade'] as Kategori[]) {
      const erNu = nu.kategorier.includes(kat);
      const erProg = prog.kategorier.includes(kat);
      let naer: Kriterium[];
      let b: Betingelse | null = null;
      let ekstra = '';
      if (kat === 'omdannelsesomraade') {
        const o = prog.omdannelse!;
        const parProg = prog.kategorier.includes('parallelsamfund');
        // Projected on: it stays only while the projected year is a parallelsamfund year.
        // Projected off: one flip within the band makes it one only if the 4 years before were parallelsamfund years.
        const forrige = nu.omdannelse?.sammenhaengendeAar ?? 0;
        naer = erProg ? naerPar : !parProg && gap === 1 && forrige >= o.aarKraevet - 1 ? naerPar : [];
        ekstra =
          o.opfyldt === null
            ? `; historikken er for kort til at afgøre de ${o.aarKraevet} år i træk (${o.sammenhaengendeAar} kendte parallelsamfundsår)`
            : parProg
              ? `; parallelsamfund ${o.sammenhaengendeAar} år i træk i prognosen (${o.aarKraevet} kræves)`
              : forrige > 0
                ? `; parallelsamfund ${forrige} år i træk til og med ${seneste.listeaar} (${o.aarKraevet} kræves)`
                : '';
      } else {
        b = betingelse(prog, kat, params);
        naer = b ? naerSkift(b, g) : [];
      }
      const s = status(erNu, erProg, naer);
      kategorier.push({
        kategori: kat,
        paragraf: PARAGRAF[kat],
        nu: erNu,
        prognose: erProg,
        ...s,
        naerKriterier: naer.map((k) => k.id as KriterieId),
        begrundelse: begrundelse(kat, { ...s, nu: erNu, prognose: erProg }, naer, b, seneste.listeaar, naesteListeaar, g, ekstra),
      });
    }
    for (const k of kategorier) forklaring.push(k.begrundelse);

    const kriterier = kriterieListe(nu, prog, g, options.population?.get(seneste.omraade_kode), prognoseRaekke);
    for (const k of kriterier) {
      const skift = k.nu !== null && k.nu.opfyldt !== k.prognose.opfyldt;
      if (skift)
        forklaring.push(
          `${k.paragraf} (${KORT[k.id]}): ${f(k.nu!.vaerdi)} på listen ${seneste.listeaar}, ${f(k.prognose.vaerdi)} i prognosen for ${naesteListeaar} (grænse ${f(k.prognose.taerskel)}): kriteriet ${k.prognose.opfyldt ? 'bliver opfyldt' : 'er ikke længere opfyldt'}.`,
        );
      if (skift || k.naerGraense) forklaring.push(k.aendring.tekst);
    }

    const o = [nu.omdannelse, prog.omdannelse];
    out.push({
      omraade_kode: seneste.omraade_kode,
      omraade_navn: seneste.omraade_navn,
      kommunekode: seneste.kommunekode,
      senesteListeaar: seneste.listeaar,
      naesteListeaar,
      nu: nu.kategorier,
      prognose: prog.kategorier,
      kategorier,
      kriterier,
      trend: { beregnet: t.beregnet, aarBrugt: t.aarBrugt, prAar: t.prAar, begraenset, metode },
      prognoseRaekke,
      historikForKort: o.some((x) => x?.historikForKort === true),
      risiko: kategorier.some((k) => k.status === 'risiko_ind' || k.status === 'risiko_ud'),
      naerGraenser: g,
      forklaring,
    });
  }
  return out.sort((a, b) => Number(b.risiko) - Number(a.risiko) || a.omraade_kode.localeCompare(b.omraade_kode, 'da'));
}
