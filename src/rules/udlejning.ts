// Almenboligloven (lov om almene boliger m.v.), consolidated as LBK nr. 1171 af 11/11/2024: the legal rules of the
// udlejningsaftale (issue 5, items 1-2).
//   § 59, stk. 1-2  kommunal anvisning: up to every 4th vacant familiebolig by decision, any share by agreement
//                   https://www.sm.dk/arbejdsomraader/almene-boliger/almene-boliger/beboerklagenaevn-anvisning-mm/kommunal-anvisning-til-almene-familieboliger
//   § 59, stk. 6    no anvisning of certain households in udsatte boligområder (incl. parallelsamfund, omdannelsesområder)
//                   https://bl.dk/politik-og-analyser/temaer/oversigt-lovgivningsmaessige-forskelle-paa-boligomraader/begraensninger-i-den-kommunale-anvisning/
//   § 59, stk. 7    the same in forebyggelsesområder (stk. 6, nr. 1-4 and 6 months' selvforsørgelses-/overgangsydelse)
//                   https://ft.dk/samling/20211/lovforslag/l23/20211_l23_som_fremsat.htm
//   § 60, stk. 1    fleksibel udlejning by agreement; § 60, stk. 4 mandatory in udsatte boligområder and
//                   forebyggelsesområder: https://bl.dk/bl-informerer/2022/3/1222-fleksibel-udlejning-i-forhold-til-fortrinsret-og-venteliste/
//   § 60 b          extending an agreement covering more than 50 % to every organisation; revision within 4 years
//                   https://www.elov.dk/almenboligloven/60b/
//   § 51 b          kombineret udlejning (a municipal decision, in areas of >= 1,000 residents and >= 40 % outside
//                   the labour market): https://danskelove.dk/almenboligloven/51b
//   § 51 c          mandatory rejection in omdannelsesområder from 1 July 2019: https://www.elov.dk/almenboligloven/51c/
// Rules, operators and verification marks: ../shared/domain/RULES.md sections 0 and 2. Every legal number and
// every "in force from" comes from law/abl/udlejning via Params; this file holds only the structure of the rules.
// Numbers that are not law (the default trappemodel's thresholds and flexible shares) are PRODUKTINDSTILLINGER
// below. Interpretations: docs/decisions/014-udlejning-rules.md.
//
// Pure functions of (facts, date, parameters): no clock, database or I/O. Every result lists the parameter
// versions it used. Dates are ISO (YYYY-MM-DD). The rules know the law from 1 December 2018 (the 2018 area
// categories); an earlier date throws a LawParamError naming the parameter and the date.
import { DomainError, type FieldError } from '../errors.ts';
import type { ParamVersion, Params } from '../law/params.ts';
import type { Kategori } from './abl-61a.ts';

export type { Kategori } from './abl-61a.ts';

export const ACT = 'Almenboligloven, LBK nr. 1171 af 11/11/2024';

export const KATEGORIER: readonly Kategori[] = ['udsat', 'parallelsamfund', 'omdannelsesomraade', 'forebyggelsesomraade'];

export type Verifikation = ParamVersion['verified'];

/** One parameter version a result used: name, value, the date it took effect, paragraph, verification mark. */
export interface ParamBrug {
  navn: string;
  vaerdi: number | string | boolean;
  gyldigFra: string;
  paragraf: string;
  verificeret: Verifikation;
}

// ---------------------------------------------------------------------------------------------------------------
// Small pure helpers: dates, numbers, Danish text

const MAANEDER = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIso(field: string, s: string): { y: number; m: number; d: number } {
  const m = ISO.exec(s ?? '');
  const y = m ? Number(m[1]) : NaN;
  const mo = m ? Number(m[2]) : NaN;
  const d = m ? Number(m[3]) : NaN;
  if (!m || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw invalid(field, `Ugyldig dato "${s}" (skal være ÅÅÅÅ-MM-DD).`);
  return { y, m: mo, d };
}
function daysInMonth(y: number, m: number) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The same day n years later; a 29 February that does not exist becomes the last day of February. */
export function addYears(date: string, n: number): string {
  const { y, m, d } = parseIso('dato', date);
  return iso(y + n, m, Math.min(d, daysInMonth(y + n, m)));
}
export function addDays(date: string, n: number): string {
  const { y, m, d } = parseIso('dato', date);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}
function daysBetween(a: string, b: string): number {
  const p = parseIso('dato', a);
  const q = parseIso('dato', b);
  return Math.round((Date.UTC(q.y, q.m - 1, q.d) - Date.UTC(p.y, p.m - 1, p.d)) / 86_400_000);
}
/** 1. januar 2024 */
export function datoTekst(date: string): string {
  const { y, m, d } = parseIso('dato', date);
  return `${d}. ${MAANEDER[m - 1]} ${y}`;
}
const tal = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });
/** 10.000 */
const antal = (n: number) => new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 }).format(n);
/** 40,7 % */
const pctTekst = (n: number) => `${tal.format(n)} %`;
// Fortolkning: figures are compared after rounding to 9 decimals (as in abl-61a.ts), so a value typed exactly on a
// threshold is not pushed off it by binary floating point.
const r9 = (n: number) => Math.round(n * 1e9) / 1e9;

function invalid(field: string, message: string, more: FieldError[] = []): DomainError {
  return new DomainError('VALIDATION', message, { fields: [{ field, message }, ...more] });
}

const RANG: Record<Verifikation, number> = { VERIFIED: 0, DERIVED: 1, SECONDARY: 2, UNVERIFIED: 3 };
/** The weakest of the marks (VERIFIED > DERIVED > SECONDARY > UNVERIFIED). */
export function svagest(...marks: Verifikation[]): Verifikation {
  return marks.reduce((a, b) => (RANG[b] > RANG[a] ? b : a), 'VERIFIED' as Verifikation);
}

/** Reads parameters on one date and records every version it used. */
class Ctx {
  readonly used = new Map<string, ParamVersion>();
  constructor(
    readonly params: Params,
    readonly date: string,
  ) {}
  v(name: string): ParamVersion {
    const v = this.params.version(name, this.date);
    this.used.set(`${name}@${v.from}`, v);
    return v;
  }
  num(name: string): number {
    this.v(name);
    return this.params.param(name, this.date);
  }
  bool(name: string): { on: boolean; v: ParamVersion } {
    const v = this.v(name);
    if (typeof v.value !== 'boolean') throw new Error(`Parameteren ${name} er ikke ja/nej ${this.date}.`);
    return { on: v.value, v };
  }
  brug(): ParamBrug[] {
    return brug([...this.used.values()]);
  }
}
function brug(vs: ParamVersion[]): ParamBrug[] {
  const m = new Map(vs.map((v) => [`${v.name}@${v.from}`, v]));
  return [...m.values()]
    .sort((a, b) => a.name.localeCompare(b.name) || a.from.localeCompare(b.from))
    .map((v) => ({ navn: v.name, vaerdi: v.value, gyldigFra: v.from, paragraf: v.ref.paragraph, verificeret: v.verified }));
}
function merge(...lists: ParamBrug[][]): ParamBrug[] {
  const m = new Map<string, ParamBrug>();
  for (const l of lists) for (const p of l) m.set(`${p.navn}@${p.gyldigFra}`, p);
  return [...m.values()].sort((a, b) => a.navn.localeCompare(b.navn) || a.gyldigFra.localeCompare(b.gyldigFra));
}

// ---------------------------------------------------------------------------------------------------------------
// Categories

/**
 * The categories as the udlejning rules read them. Fortolkning: a parallelsamfund (§ 61 a, stk. 2) and an
 * omdannelsesområde (stk. 4) are by definition udsatte boligområder, and RULES.md 2.2 and 2.5 say "udsatte
 * boligområder (including parallelsamfund and omdannelsesområder)"; so either implies 'udsat' here even when the
 * list given omits it.
 */
function normalise(kategorier: readonly Kategori[]): { set: Set<Kategori>; udsatKilder: Kategori[]; forklaring: string[] } {
  if (!Array.isArray(kategorier)) throw invalid('kategorier', 'Kategorier skal være en liste.');
  for (const k of kategorier) {
    if (!KATEGORIER.includes(k)) throw invalid('kategorier', `Ukendt kategori "${String(k)}" (kendte: ${KATEGORIER.join(', ')}).`);
  }
  const set = new Set(kategorier);
  const forklaring: string[] = [];
  const udsatKilder = KATEGORIER.filter((k) => k !== 'forebyggelsesomraade' && set.has(k));
  if (!set.has('udsat') && udsatKilder.length > 0) {
    set.add('udsat');
    forklaring.push(`§ 61 a, stk. 2 og 4: et ${udsatKilder.includes('omdannelsesomraade') ? 'omdannelsesområde' : 'parallelsamfund'} er altid også et udsat boligområde; reglerne for udsatte boligområder gælder.`);
  }
  return { set, udsatKilder, forklaring };
}

/** "et udsat boligområde og et forebyggelsesområde" */
function iKategorier(ks: readonly Kategori[]): string {
  const n = ks.map((k) => `et ${KATEGORI_NAVN[k]}`);
  return n.length <= 1 ? (n[0] ?? '') : `${n.slice(0, -1).join(', ')} og ${n[n.length - 1]}`;
}

const KATEGORI_NAVN: Record<Kategori, string> = {
  udsat: 'udsat boligområde',
  parallelsamfund: 'parallelsamfund',
  omdannelsesomraade: 'omdannelsesområde',
  forebyggelsesomraade: 'forebyggelsesområde',
};

// ---------------------------------------------------------------------------------------------------------------
// 1. Mandatory tools (påbud and forbud) from the area categories

export type LovbestemtRedskabId =
  | 'anvisningsbegraensning_udsat' // § 59, stk. 6
  | 'anvisningsbegraensning_forebyggelse' // § 59, stk. 7
  | 'obligatorisk_fleksibel_udlejning' // § 60, stk. 4
  | 'afvisning_omdannelsesomraade'; // § 51 c

/** The agreement tool a legal rule acts on. */
export type AftaleRedskab = 'kommunal_anvisning' | 'fleksibel_udlejning' | 'afvisning_fra_ventelisten';

export interface Grund {
  /** The number in the paragraph ("nr. 1"), or the paragraph for a rule without numbers. */
  nr: string;
  tekst: string;
  verificeret: Verifikation;
}

export interface LovbestemtRedskab {
  id: LovbestemtRedskabId;
  /** 'paabud': the law requires the tool; 'forbud': the law forbids something (anvisning of certain households). */
  virkning: 'paabud' | 'forbud';
  vedroerer: AftaleRedskab;
  paragraf: string;
  titel: string;
  /** Danish explanation for the UI. */
  forklaring: string;
  /** For a forbud: the households it covers; for a påbud: what it requires. Each with its own mark. */
  grunde: Grund[];
  /** The afdeling's categories that trigger it. */
  udloestAf: Kategori[];
  /** Whether the udlejningsaftale can change or switch it off: never for these rules. */
  kanAendresVedAftale: false;
  /** What the parties may still decide within the rule (Danish); empty when nothing. */
  aftaleKanAendre: string[];
  /** The mark of the rule's own switch parameter(s) on the date. */
  verificeret: Verifikation;
  parametre: ParamBrug[];
}

/**
 * The tools the law requires or forbids on `date` for an afdeling in an area with `kategorier` (the categories of
 * the list in force on that date; the caller picks the list). Reads every switch on every call, so a date before
 * the rules are known (1 December 2018) throws a LawParamError whatever the categories.
 */
export function mandatoryTools(kategorier: readonly Kategori[], date: string, params: Params): LovbestemtRedskab[] {
  parseIso('dato', date);
  const { set, udsatKilder } = normalise(kategorier);
  const udsatTrigger: Kategori[] = udsatKilder.length > 0 ? udsatKilder : set.has('udsat') ? ['udsat'] : [];
  const udsat = set.has('udsat');
  const forebyggelse = set.has('forebyggelsesomraade');
  const omdannelse = set.has('omdannelsesomraade');

  // Every switch and number is read, whatever the categories (see above); only the § 51 c reporting date,
  // which exists from 1 July 2019 with § 51 c itself, is read inside its branch.
  const c = new Ctx(params, date);
  const s6 = c.bool('anvisningsbegraensning_udsat');
  const s6nr67 = c.bool('anvisningsbegraensning_udsat_nr6_7');
  const s7 = c.bool('anvisningsbegraensning_forebyggelse');
  const oblUdsat = c.bool('obligatorisk_fleksibel_udlejning_udsat');
  const oblForeb = c.bool('obligatorisk_fleksibel_udlejning_forebyggelse');
  const intern = c.bool('obligatorisk_fleksibel_intern_oprykning_kan_undtages');
  const s51c = c.bool('afvisning_omdannelsesomraade');
  const vLoesladt = c.v('anvisningsbegraensning_loesladt_maaneder');
  const loesladt = c.num('anvisningsbegraensning_loesladt_maaneder');
  const vOphaevet = c.v('anvisningsbegraensning_ophaevet_lejemaal_maaneder');
  const ophaevet = c.num('anvisningsbegraensning_ophaevet_lejemaal_maaneder');
  const vMdr = c.v('ydelse_sammenhaengende_kalendermaaneder');
  const mdr = c.num('ydelse_sammenhaengende_kalendermaaneder');
  const vSamlever = c.v('samlever_sidestilles_aegtefaelle_min_aar');
  const samlever = c.num('samlever_sidestilles_aegtefaelle_min_aar');

  // § 59, stk. 6, nr. 1-4 (also the first four grounds of stk. 7)
  const nr1til4 = (p: string): Grund[] => [
    { nr: `${p}nr. 1`, tekst: `er løsladt efter afsoning af dom for et strafbart forhold inden for de seneste ${loesladt} måneder`, verificeret: svagest(s6.v.verified, vLoesladt.verified) },
    { nr: `${p}nr. 2`, tekst: `er under 18 år, dømt for et strafbart forhold og inden for de seneste ${loesladt} måneder løsladt fra en institution, hvor den unge var anbragt`, verificeret: svagest(s6.v.verified, vLoesladt.verified) },
    { nr: `${p}nr. 3`, tekst: `inden for de seneste ${ophaevet} måneder har fået sit lejemål ophævet eller opsagt på grund af grove overtrædelser af god skik og orden`, verificeret: svagest(s6.v.verified, vOphaevet.verified) },
    { nr: `${p}nr. 4`, tekst: 'ikke er statsborger i et EU- eller EØS-land eller i Schweiz (studerende ved en offentligt anerkendt uddannelsesinstitution er undtaget)', verificeret: s6.v.verified },
  ];
  const undtagelse =
    'Finder kommunalbestyrelsen ikke ledige boliger uden for sådanne områder til husstanden, gælder en særregel om pligt til at anvise alligevel (lovteksten er ikke læst fuldt ud; UNVERIFIED).';

  const out: LovbestemtRedskab[] = [];

  // § 59, stk. 6: no anvisning of certain households in udsatte boligområder (incl. parallelsamfund, omdannelse)
  if (udsat && s6.on) {
    const grunde: Grund[] = [
      ...nr1til4('§ 59, stk. 6, '),
      // L 23 (the act that brought stk. 7) renamed integrationsydelse in nr. 5: the law's words on the date
      { nr: '§ 59, stk. 6, nr. 5', tekst: `i ${mdr} sammenhængende kalendermåneder har modtaget ${s7.on ? 'selvforsørgelses- og hjemrejseydelse, overgangsydelse (tidligere integrationsydelse)' : 'integrationsydelse'}, uddannelseshjælp eller kontanthjælp`, verificeret: svagest(s6.v.verified, vMdr.verified) },
    ];
    // § 59, stk. 6, nr. 6-7: UNVERIFIED whether they are in the law itself (RULES.md 2.2)
    if (s6nr67.on) {
      grunde.push(
        { nr: '§ 59, stk. 6, nr. 6', tekst: 'modtager førtidspension', verificeret: s6nr67.v.verified },
        { nr: '§ 59, stk. 6, nr. 7', tekst: `i ${mdr} sammenhængende kalendermåneder har modtaget arbejdsløshedsdagpenge, sygedagpenge eller ressourceforløbsydelse under jobafklaringsforløb`, verificeret: svagest(s6nr67.v.verified, vMdr.verified) },
      );
    }
    out.push({
      id: 'anvisningsbegraensning_udsat',
      virkning: 'forbud',
      vedroerer: 'kommunal_anvisning',
      paragraf: '§ 59, stk. 6',
      titel: 'Begrænset kommunal anvisning i udsatte boligområder',
      forklaring:
        `Afdelingen ligger i ${iKategorier(udsatTrigger)}. Ledige boliger, som kommunalbestyrelsen råder over her, må ikke anvises til en husstand, hvor et medlem opfylder en af grundene. ` +
        `Aftalen kan fortsat fastsætte andelen af kommunal anvisning, men ikke ændre, hvem der må anvises. ${undtagelse}` +
        (s6nr67.on && s6nr67.v.verified !== 'VERIFIED' ? ' Om nr. 6-7 står i loven selv eller er en kommunal udvidelse, er ikke bekræftet.' : ''),
      grunde,
      udloestAf: udsatTrigger,
      kanAendresVedAftale: false,
      aftaleKanAendre: ['andelen af ledige boliger til kommunal anvisning (§ 59, stk. 2)'],
      verificeret: s6.v.verified,
      parametre: brug([s6.v, s6nr67.v, vLoesladt, vOphaevet, vMdr]),
    });
  }

  // § 59, stk. 7: the same in forebyggelsesområder (from L 23, 30 November 2021)
  if (forebyggelse && s7.on) {
    out.push({
      id: 'anvisningsbegraensning_forebyggelse',
      virkning: 'forbud',
      vedroerer: 'kommunal_anvisning',
      paragraf: '§ 59, stk. 7',
      titel: 'Begrænset kommunal anvisning i forebyggelsesområder',
      forklaring:
        `Afdelingen ligger i et forebyggelsesområde. Ledige familieboliger må ikke anvises efter § 59, stk. 1-5 til en husstand, hvor et medlem opfylder en af grundene. ` +
        `Aftalen kan fortsat fastsætte andelen af kommunal anvisning, men ikke ændre, hvem der må anvises. ${undtagelse} Listen af ydelser i stk. 7 kan være længere end her (teksten, der er læst, var afskåret).`,
      grunde: [
        ...nr1til4('§ 59, stk. 7, jf. stk. 6, ').map((g) => ({ ...g, verificeret: svagest(g.verificeret, s7.v.verified) })),
        { nr: '§ 59, stk. 7', tekst: `i ${mdr} sammenhængende kalendermåneder har modtaget selvforsørgelses- og hjemrejseydelse eller overgangsydelse`, verificeret: svagest(s7.v.verified, vMdr.verified) },
      ],
      udloestAf: ['forebyggelsesomraade'],
      kanAendresVedAftale: false,
      aftaleKanAendre: ['andelen af ledige boliger til kommunal anvisning (§ 59, stk. 2)'],
      verificeret: s7.v.verified,
      parametre: brug([s7.v, s6.v, vLoesladt, vOphaevet, vMdr]),
    });
  }

  // § 60, stk. 4: mandatory fleksibel udlejning in udsatte boligområder and forebyggelsesområder
  const oblKilder: Kategori[] = [...(udsat && oblUdsat.on ? udsatTrigger : []), ...(forebyggelse && oblForeb.on ? (['forebyggelsesomraade'] as Kategori[]) : [])];
  if (oblKilder.length > 0) {
    const marks = [...(udsat && oblUdsat.on ? [oblUdsat.v.verified] : []), ...(forebyggelse && oblForeb.on ? [oblForeb.v.verified] : [])];
    out.push({
      id: 'obligatorisk_fleksibel_udlejning',
      virkning: 'paabud',
      vedroerer: 'fleksibel_udlejning',
      paragraf: '§ 60, stk. 4',
      titel: 'Obligatorisk fleksibel udlejning',
      forklaring:
        `Afdelingen ligger i ${iKategorier(oblKilder)}. Boligorganisationen skal udleje efter særlige kriterier, herunder beskæftigelses- og uddannelseskriterier fastsat af kommunalbestyrelsen. ` +
        'Det gælder alle udlejninger undtagen kommunal anvisning og udslusningsboliger, og kriterierne går forud for fortrinsret og venteliste, også intern oprykning og boliggarantibevis. Aftalen kan ikke slå det fra.' +
        (intern.on ? ` Fra ${datoTekst(intern.v.from)} kan kommunalbestyrelsen og boligorganisationen aftale at undtage intern oprykning i samme afdeling.` : ''),
      grunde: [
        { nr: '§ 60, stk. 4', tekst: 'alle ledige boliger, der ikke anvises af kommunen eller er udslusningsboliger, udlejes efter særlige kriterier', verificeret: svagest(...marks) },
        { nr: '§ 60, stk. 4', tekst: 'kriterierne omfatter beskæftigelse og uddannelse og fastsættes af kommunalbestyrelsen', verificeret: svagest(...marks) },
      ],
      udloestAf: oblKilder,
      kanAendresVedAftale: false,
      aftaleKanAendre: [
        'andelen af ledige boliger til kommunal anvisning (§ 59, stk. 2); de anviste boliger er undtaget fra kriterierne',
        ...(intern.on ? [`at undtage intern oprykning inden for samme afdeling fra kriterierne (fra ${datoTekst(intern.v.from)})`] : []),
      ],
      verificeret: svagest(...marks),
      parametre: brug([...(udsat ? [oblUdsat.v] : []), ...(forebyggelse ? [oblForeb.v] : []), intern.v]),
    });
  }

  // § 51 c: mandatory rejection in omdannelsesområder (from 1 July 2019)
  if (omdannelse && s51c.on) {
    // Read only here: the reporting date exists from 1 July 2019, with § 51 c itself.
    const vIndb = c.v('afvisning_omdannelsesomraade_dispensation_indberetning');
    out.push({
      id: 'afvisning_omdannelsesomraade',
      virkning: 'paabud',
      vedroerer: 'afvisning_fra_ventelisten',
      paragraf: '§ 51 c',
      titel: 'Obligatorisk afvisning af boligsøgende på visse ydelser i omdannelsesområder',
      forklaring:
        `Afdelingen ligger i et omdannelsesområde. Boligorganisationen skal afvise boligsøgende på ventelisten, der ikke allerede bor i afdelingen, når den boligsøgende og dennes ægtefælle (eller samlever i mindst ${samlever} år) modtager selvforsørgelses- og hjemrejseydelse, overgangsydelse, uddannelseshjælp eller kontanthjælp. ` +
        `Der er intet krav om ${mdr} måneder: det er nok, at ydelsen modtages. Kommunalbestyrelsen kontrollerer det før udlejning (stk. 3) og kan kun dispensere i helt særlige tilfælde (stk. 4); antallet af dispensationer indberettes hvert år pr. ${datoTekst(`2000-${String(vIndb.value)}`).replace(' 2000', '')}. Aftalen kan ikke ændre det.`,
      grunde: [
        { nr: '§ 51 c, stk. 1', tekst: 'afvisning af boligsøgende på ventelisten, der ikke bor i afdelingen, når de modtager selvforsørgelses- og hjemrejseydelse, overgangsydelse, uddannelseshjælp eller kontanthjælp', verificeret: s51c.v.verified },
        { nr: '§ 51 c, stk. 2', tekst: `samlevende i mindst ${samlever} år sidestilles med ægtefæller`, verificeret: svagest(s51c.v.verified, vSamlever.verified) },
      ],
      udloestAf: ['omdannelsesomraade'],
      kanAendresVedAftale: false,
      aftaleKanAendre: [],
      verificeret: s51c.v.verified,
      parametre: brug([s51c.v, vSamlever, vIndb, vMdr]),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// 2. The agreement's tools for a step, and the tools in force for an afdeling

export interface FleksibeltKriterium {
  type: 'beskaeftigelse' | 'uddannelse' | 'andet';
  beskrivelse: string;
}

/** The tools the udlejningsaftale gives one step of the trappemodel. */
export interface TrinRedskaber {
  /** Share of the vacant almene familieboliger put at the municipality's disposal (§ 59, stk. 1-2), 0-100. */
  kommunalAnvisningPct: number;
  fleksibelUdlejning: {
    aktiv: boolean;
    /** Share, 0-100, of the vacant familieboliger NOT used for kommunal anvisning that are let by the criteria. */
    andelPct: number;
    kriterier: FleksibeltKriterium[];
    /** Exempt internal transfers within the afdeling from the mandatory criteria (§ 60, stk. 4; from January 2024). */
    undtagInternOprykning?: boolean;
  };
  /** Kombineret udlejning (§ 51 b): a decision of the kommunalbestyrelse, only in qualifying areas. */
  kombineretUdlejning: boolean;
}

export type Kilde = 'aftale' | 'lov';

export interface Konflikt {
  redskab: AftaleRedskab | 'kombineret_udlejning';
  paragraf: string;
  /** 'konflikt': the agreement contradicts the law, and the law wins (shown in the effective tools).
   *  'forbehold': the agreement may not be lawful, but the facts to decide it are missing or the law is not known. */
  alvor: 'konflikt' | 'forbehold';
  tekst: string;
}

/** The § 51 b area figures, when known: residents of the physically connected afdelinger and % of 18-64 outside
 *  the labour market. */
export interface KombineretOmraade {
  beboere: number;
  udenForArbejdePct: number;
}

export interface EffektiveRedskaber {
  dato: string;
  kategorier: Kategori[];
  kommunalAnvisning: {
    andelPct: number;
    kilde: 'aftale';
    /** The statutory limits on whom the municipality may anvise (§ 59, stk. 6 / stk. 7). */
    begraensninger: LovbestemtRedskab[];
  };
  fleksibelUdlejning: {
    aktiv: boolean;
    obligatorisk: boolean;
    /** Of the vacancies not used for kommunal anvisning; 100 when obligatory. */
    andelPct: number;
    kriterier: (FleksibeltKriterium & { kilde: Kilde })[];
    undtagInternOprykning: boolean;
    kilde: Kilde;
  };
  kombineretUdlejning: {
    aktiv: boolean;
    kilde: 'aftale';
    /** Whether the area meets § 51 b, stk. 3 (null: not asked, or no figures given). */
    omraadeOpfylder: boolean | null;
  };
  afvisningOmdannelsesomraade: { aktiv: boolean; kilde: 'lov' | null };
  lovbestemte: LovbestemtRedskab[];
  konflikter: Konflikt[];
  forklaring: string[];
  parametre: ParamBrug[];
}

function checkPct(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) throw invalid(field, `${field} skal være et tal fra 0 til 100 (fik ${String(v)}).`);
  return v;
}

/** Throws DomainError('VALIDATION') with the field when a step's tools are malformed. */
export function validateTrinRedskaber(t: TrinRedskaber, prefix = 'redskaber'): void {
  if (!t || typeof t !== 'object') throw invalid(prefix, 'Trinnets redskaber mangler.');
  checkPct(`${prefix}.kommunalAnvisningPct`, t.kommunalAnvisningPct);
  const f = t.fleksibelUdlejning;
  if (!f || typeof f.aktiv !== 'boolean') throw invalid(`${prefix}.fleksibelUdlejning.aktiv`, 'Angiv om fleksibel udlejning er aktiv (ja/nej).');
  checkPct(`${prefix}.fleksibelUdlejning.andelPct`, f.andelPct);
  if (!Array.isArray(f.kriterier)) throw invalid(`${prefix}.fleksibelUdlejning.kriterier`, 'Kriterierne skal være en liste.');
  for (const [i, k] of f.kriterier.entries()) {
    if (!k || !['beskaeftigelse', 'uddannelse', 'andet'].includes(k.type)) throw invalid(`${prefix}.fleksibelUdlejning.kriterier.${i}.type`, 'Kriteriets type skal være beskaeftigelse, uddannelse eller andet.');
  }
  if (typeof t.kombineretUdlejning !== 'boolean') throw invalid(`${prefix}.kombineretUdlejning`, 'Angiv om kombineret udlejning er aktiv (ja/nej).');
}

const KRITERIE_NAVN = { beskaeftigelse: 'beskæftigelse', uddannelse: 'uddannelse', andet: 'andet' } as const;

/**
 * The tools in force for an afdeling on `date`: the agreement's step tools combined with the mandatory ones.
 * Mandatory tools cannot be switched off: where the agreement says otherwise, the effective tools show the law
 * and `konflikter` says, in Danish, what was overridden and why. `omraade` (optional) are the § 51 b area figures,
 * used only to check kombineret udlejning.
 */
export function effectiveTools(stepTools: TrinRedskaber, kategorier: readonly Kategori[], date: string, params: Params, omraade?: KombineretOmraade): EffektiveRedskaber {
  validateTrinRedskaber(stepTools);
  const norm = normalise(kategorier);
  const lov = mandatoryTools(kategorier, date, params);
  const c = new Ctx(params, date);
  const konflikter: Konflikt[] = [];
  const forklaring: string[] = [...norm.forklaring];

  // § 59, stk. 1-2: the share is the agreement's; the municipality's decision right is every n'th dwelling
  const hver = c.num('kommunal_anvisning_hver_ntes_bolig');
  const begraensninger = lov.filter((m) => m.vedroerer === 'kommunal_anvisning');
  forklaring.push(
    `§ 59, stk. 2: kommunal anvisning af ${pctTekst(stepTools.kommunalAnvisningPct)} af de ledige familieboliger efter aftalen (uden aftale kan kommunalbestyrelsen beslutte op til hver ${hver}. bolig = ${pctTekst(r9(100 / hver))}, § 59, stk. 1).`,
  );
  for (const b of begraensninger) forklaring.push(`${b.paragraf}: ${b.titel.toLowerCase()}: ${b.grunde.length} grunde udelukker anvisning af en husstand (kan ikke ændres ved aftale).`);

  // § 60, stk. 1 and stk. 4: fleksibel udlejning
  const f = stepTools.fleksibelUdlejning;
  const obl = lov.find((m) => m.id === 'obligatorisk_fleksibel_udlejning');
  let fleksibel: EffektiveRedskaber['fleksibelUdlejning'];
  if (obl) {
    const hvor = iKategorier(obl.udloestAf);
    if (!f.aktiv) {
      konflikter.push({ redskab: 'fleksibel_udlejning', paragraf: '§ 60, stk. 4', alvor: 'konflikt', tekst: `Trinnet slår fleksibel udlejning fra, men i ${hvor} er fleksibel udlejning obligatorisk. Den gælder alligevel for alle udlejninger undtagen kommunal anvisning og udslusningsboliger.` });
    } else if (r9(f.andelPct) < 100) {
      konflikter.push({ redskab: 'fleksibel_udlejning', paragraf: '§ 60, stk. 4', alvor: 'konflikt', tekst: `Trinnet giver fleksibel udlejning ${pctTekst(f.andelPct)} af udlejningerne, men i ${hvor} gælder kriterierne alle udlejninger undtagen kommunal anvisning og udslusningsboliger (100 %).` });
    }
    // Fortolkning: a step that switches fleksibel udlejning off has agreed no criteria; the law's stand in.
    const aftalte = f.aktiv ? f.kriterier : [];
    const kriterier: (FleksibeltKriterium & { kilde: Kilde })[] = aftalte.map((k) => ({ ...k, kilde: 'aftale' as const }));
    for (const type of ['beskaeftigelse', 'uddannelse'] as const) {
      if (!aftalte.some((k) => k.type === type)) {
        kriterier.push({ type, beskrivelse: `${KRITERIE_NAVN[type]}skriterium fastsat af kommunalbestyrelsen (§ 60, stk. 4)`, kilde: 'lov' });
        if (f.aktiv) konflikter.push({ redskab: 'fleksibel_udlejning', paragraf: '§ 60, stk. 4', alvor: 'konflikt', tekst: `Trinnets kriterier mangler et ${KRITERIE_NAVN[type]}skriterium; i ${hvor} skal kriterierne omfatte beskæftigelse og uddannelse, fastsat af kommunalbestyrelsen.` });
      }
    }
    let undtag = false;
    if (f.undtagInternOprykning) {
      const kan = c.bool('obligatorisk_fleksibel_intern_oprykning_kan_undtages');
      if (kan.on) undtag = true;
      else
        konflikter.push({
          redskab: 'fleksibel_udlejning',
          paragraf: '§ 60, stk. 4',
          alvor: 'konflikt',
          tekst: `Trinnet undtager intern oprykning fra kriterierne, men det kan ${kan.v.to ? `først aftales fra ${datoTekst(kan.v.to)}` : 'ikke aftales'}; ${datoTekst(date)} gælder kriterierne også intern oprykning.`,
        });
    }
    fleksibel = { aktiv: true, obligatorisk: true, andelPct: 100, kriterier, undtagInternOprykning: undtag, kilde: 'lov' };
    forklaring.push(`§ 60, stk. 4: obligatorisk fleksibel udlejning i ${hvor}: alle udlejninger undtagen kommunal anvisning og udslusningsboliger efter kriterier om beskæftigelse og uddannelse${undtag ? '; intern oprykning er undtaget efter aftale' : ''}.`);
  } else {
    fleksibel = {
      aktiv: f.aktiv,
      obligatorisk: false,
      andelPct: f.aktiv ? f.andelPct : 0,
      kriterier: f.aktiv ? f.kriterier.map((k) => ({ ...k, kilde: 'aftale' as const })) : [],
      undtagInternOprykning: false,
      kilde: 'aftale',
    };
    if (f.aktiv && f.kriterier.length === 0) {
      konflikter.push({ redskab: 'fleksibel_udlejning', paragraf: '§ 60, stk. 1', alvor: 'forbehold', tekst: 'Trinnet har fleksibel udlejning uden kriterier; en aftale efter § 60, stk. 1 skal angive de særlige kriterier.' });
    }
    forklaring.push(
      f.aktiv
        ? `§ 60, stk. 1: fleksibel udlejning efter aftale, ${pctTekst(f.andelPct)} af de udlejninger, der ikke er kommunal anvisning (${f.kriterier.map((k) => k.beskrivelse || KRITERIE_NAVN[k.type]).join(', ') || 'ingen kriterier'}).`
        : '§ 60, stk. 1: ingen fleksibel udlejning efter aftalen; afdelingen er ikke omfattet af § 60, stk. 4.',
    );
  }

  // § 51 b: kombineret udlejning is a decision of the kommunalbestyrelse, only in qualifying areas
  let omraadeOpfylder: boolean | null = null;
  if (stepTools.kombineretUdlejning) {
    if (omraade) {
      if (!Number.isFinite(omraade.beboere) || omraade.beboere < 0) throw invalid('omraade.beboere', 'Antal beboere skal være et tal på mindst 0.');
      checkPct('omraade.udenForArbejdePct', omraade.udenForArbejdePct);
      const minB = c.num('kombineret_omraade_min_beboere');
      const minPct = c.num('kombineret_omraade_udenfor_pct_mindst');
      // § 51 b, stk. 3, nr. 1-2: "mindst" 1,000 residents and "mindst" 40 % outside the labour market
      const okB = omraade.beboere >= minB;
      const okP = r9(omraade.udenForArbejdePct) >= r9(minPct);
      omraadeOpfylder = okB && okP;
      if (!omraadeOpfylder) {
        konflikter.push({
          redskab: 'kombineret_udlejning',
          paragraf: '§ 51 b, stk. 3',
          alvor: 'forbehold',
          tekst: `Området opfylder ikke § 51 b, stk. 3 (${antal(omraade.beboere)} beboere, mindst ${antal(minB)} kræves; ${pctTekst(omraade.udenForArbejdePct)} uden for arbejdsmarkedet, mindst ${pctTekst(minPct)} kræves). Stk. 4 har en anden afgrænsning, som ikke er kendt i systemet; kontrollér ministeriets liste, før kombineret udlejning bruges.`,
        });
      }
      forklaring.push(`§ 51 b, stk. 3: området ${omraadeOpfylder ? 'opfylder' : 'opfylder ikke'} betingelserne for kombineret udlejning.`);
    } else {
      const minB = c.num('kombineret_omraade_min_beboere');
      const minPct = c.num('kombineret_omraade_udenfor_pct_mindst');
      forklaring.push(`§ 51 b, stk. 3: kombineret udlejning forudsætter et område med mindst ${antal(minB)} beboere og mindst ${pctTekst(minPct)} uden for arbejdsmarkedet; områdets tal er ikke givet, så det er ikke kontrolleret.`);
    }
    forklaring.push('§ 51 b, stk. 1: kombineret udlejning kræver en beslutning i kommunalbestyrelsen, som indberettes til ministeren.');
  }

  // § 51 c: mandatory rejection in omdannelsesområder
  const afv = lov.find((m) => m.id === 'afvisning_omdannelsesomraade');
  if (afv) {
    const mdr = c.num('ydelse_sammenhaengende_kalendermaaneder');
    forklaring.push(`§ 51 c: obligatorisk afvisning af boligsøgende på selvforsørgelses- og hjemrejseydelse, overgangsydelse, uddannelseshjælp eller kontanthjælp i omdannelsesområdet${stepTools.kombineretUdlejning ? `; gælder ved siden af den aftalte kombinerede udlejning (§ 51 b), uden krav om ${mdr} måneder` : ''}.`);
  }

  return {
    dato: date,
    kategorier: [...norm.set].sort((a, b) => KATEGORIER.indexOf(a) - KATEGORIER.indexOf(b)),
    kommunalAnvisning: { andelPct: stepTools.kommunalAnvisningPct, kilde: 'aftale', begraensninger },
    fleksibelUdlejning: fleksibel,
    kombineretUdlejning: { aktiv: stepTools.kombineretUdlejning, kilde: 'aftale', omraadeOpfylder },
    afvisningOmdannelsesomraade: { aktiv: afv !== undefined, kilde: afv ? 'lov' : null },
    lovbestemte: lov,
    konflikter,
    forklaring,
    parametre: merge(c.brug(), ...lov.map((m) => m.parametre)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Warnings on the agreement as a whole

export interface AftaleFakta {
  /** fra: the first day in force; til: the LAST day in force (inclusive), as agreements are written
   *  ("1. januar 2024 – 31. december 2027"). */
  periode: { fra: string; til: string };
  /** Whether the agreement contains fleksibel udlejning (§ 60, stk. 1). */
  fleksibelUdlejning: boolean;
  /** Almene familieboliger covered by the agreement (anvisning § 59, stk. 2, udlejning § 60, stk. 1 or
   *  annoncering § 60 a, stk. 1). */
  daekkedeFamilieboliger: number;
  /** All almene familieboliger in the municipality. */
  kommunensFamilieboliger: number;
  /** The kommunalbestyrelse's § 60 b decision extending the tools to every organisation, if made. */
  udvidelseTilAlle?: { besluttet: string; ministerTilladelse?: boolean };
}

export type AdvarselKode =
  | 'loebetid_over_max'
  | 'daekning_over_50_pct'
  | 'udvidelse_revision_frist'
  | 'udvidelse_revision_overskredet'
  | 'udvidelse_bortfalder'
  | 'udvidelse_ministertilladelse';

export interface Advarsel {
  kode: AdvarselKode;
  niveau: 'advarsel' | 'oplysning';
  paragraf: string;
  tekst: string;
  verificeret: Verifikation;
}

export interface AftaleVurdering {
  /** Coverage in % of the municipality's almene familieboliger (not rounded). */
  daekningPct: number;
  /** The agreement's length: whole years and the days beyond them. */
  loebetid: { aar: number; dage: number };
  advarsler: Advarsel[];
  parametre: ParamBrug[];
}

function varighed(fra: string, tilInkl: string): { aar: number; dage: number } {
  const slut = addDays(tilInkl, 1); // exclusive end
  let aar = 0;
  while (addYears(fra, aar + 1) <= slut) aar++;
  return { aar, dage: daysBetween(addYears(fra, aar), slut) };
}
const varighedTekst = (v: { aar: number; dage: number }) =>
  [v.aar > 0 || v.dage === 0 ? `${v.aar} år` : '', v.dage > 0 ? `${v.dage} ${v.dage === 1 ? 'dag' : 'dage'}` : ''].filter(Boolean).join(' og ');

/**
 * Danish warnings on an agreement, judged with the parameters in force on `date`:
 * - the length: a warning when an agreement with fleksibel udlejning runs longer than the maximum (4 years;
 *   UNVERIFIED in the law, so only a warning). Exactly 4 years (fra + 4 years - 1 day as the last day) is allowed.
 * - § 60 b: coverage "mere end 50 pct." (strictly greater) opens the option to extend the tools to every
 *   organisation; with a decision: its revision deadline (4 years, "senest": the deadline day itself is in time),
 *   and its lapse when the agreement ends or covers 50 % or less (unless the minister allowed it, stk. 3).
 */
export function agreementWarnings(aftale: AftaleFakta, date: string, params: Params): AftaleVurdering {
  parseIso('dato', date);
  parseIso('periode.fra', aftale.periode?.fra);
  parseIso('periode.til', aftale.periode?.til);
  if (aftale.periode.til < aftale.periode.fra) throw invalid('periode.til', 'Aftalens slutdato ligger før startdatoen.');
  const { daekkedeFamilieboliger: d, kommunensFamilieboliger: k } = aftale;
  if (!Number.isInteger(k) || k <= 0) throw invalid('kommunensFamilieboliger', 'Kommunens almene familieboliger skal være et helt tal over 0.');
  if (!Number.isInteger(d) || d < 0) throw invalid('daekkedeFamilieboliger', 'Aftalens familieboliger skal være et helt tal på mindst 0.');
  if (d > k) throw invalid('daekkedeFamilieboliger', `Aftalen kan ikke omfatte flere familieboliger (${d}) end kommunen har (${k}).`);
  if (typeof aftale.fleksibelUdlejning !== 'boolean') throw invalid('fleksibelUdlejning', 'Angiv om aftalen indeholder fleksibel udlejning (ja/nej).');
  if (aftale.udvidelseTilAlle) parseIso('udvidelseTilAlle.besluttet', aftale.udvidelseTilAlle.besluttet);

  const c = new Ctx(params, date);
  const advarsler: Advarsel[] = [];
  const loebetid = varighed(aftale.periode.fra, aftale.periode.til);

  // § 60, stk. 1 (loft UNVERIFIED): an agreement with fleksibel udlejning runs at most 4 years
  if (aftale.fleksibelUdlejning) {
    const vMax = c.v('fleksibel_udlejning_aftale_max_aar');
    const maxAar = c.num('fleksibel_udlejning_aftale_max_aar');
    const sidsteTilladte = addDays(addYears(aftale.periode.fra, maxAar), -1);
    if (aftale.periode.til > sidsteTilladte) {
      advarsler.push({
        kode: 'loebetid_over_max',
        niveau: 'advarsel',
        paragraf: vMax.ref.paragraph,
        verificeret: vMax.verified,
        tekst:
          `Aftalen indeholder fleksibel udlejning og løber fra ${datoTekst(aftale.periode.fra)} til og med ${datoTekst(aftale.periode.til)} (${varighedTekst(loebetid)}). ` +
          `En aftale om fleksibel udlejning kan højst løbe ${maxAar} år, dvs. til og med ${datoTekst(sidsteTilladte)}.` +
          (vMax.verified === 'VERIFIED' ? '' : ' Loftet er ikke fundet i lovteksten (BL angiver det som lov); kontrollér det, før aftalen underskrives.'),
      });
    }
  }

  // § 60 b, stk. 1: "mere end 50 pct." of the municipality's almene familieboliger (strictly greater)
  const vPct = c.v('udvidelse_alle_organisationer_pct_overstiger');
  const graense = c.num('udvidelse_alle_organisationer_pct_overstiger');
  const vRev = c.v('udvidelse_alle_organisationer_revision_aar');
  const revAar = c.num('udvidelse_alle_organisationer_revision_aar');
  const daekningPct = (d * 100) / k;
  const over = d * 100 > graense * k; // exact for whole numbers: d/k > graense/100
  const u = aftale.udvidelseTilAlle;
  if (over && !u) {
    advarsler.push({
      kode: 'daekning_over_50_pct',
      niveau: 'oplysning',
      paragraf: '§ 60 b, stk. 1-2',
      verificeret: svagest(vPct.verified, vRev.verified),
      tekst:
        `Aftalen omfatter ${antal(d)} af kommunens ${antal(k)} almene familieboliger (${pctTekst(daekningPct)}), mere end ${pctTekst(graense)}. ` +
        'Kommunalbestyrelsen kan derfor beslutte, at de aftalte udlejningsredskaber skal benyttes af samtlige boligorganisationer i kommunen, der ikke er omfattet af aftalen (§ 60 b, stk. 1). ' +
        `En sådan beslutning skal tages op til revision senest ${revAar} år efter, at den er truffet (§ 60 b, stk. 2).`,
    });
  }
  if (u) {
    // § 60 b, stk. 2, 1. pkt.: revision "senest 4 år efter" the decision: the deadline day itself is in time
    const frist = addYears(u.besluttet, revAar);
    advarsler.push(
      date > frist
        ? { kode: 'udvidelse_revision_overskredet', niveau: 'advarsel', paragraf: '§ 60 b, stk. 2', verificeret: vRev.verified, tekst: `Beslutningen af ${datoTekst(u.besluttet)} om at udstrække aftalen til samtlige boligorganisationer skulle være taget op til revision senest ${datoTekst(frist)} (${revAar} år).` }
        : { kode: 'udvidelse_revision_frist', niveau: 'oplysning', paragraf: '§ 60 b, stk. 2', verificeret: vRev.verified, tekst: `Beslutningen af ${datoTekst(u.besluttet)} om at udstrække aftalen til samtlige boligorganisationer skal tages op til revision senest ${datoTekst(frist)}.` },
    );
    // § 60 b, stk. 2, 2. pkt.: the decision lapses when the agreement ends or covers 50 % or less
    if (date > aftale.periode.til) {
      advarsler.push({ kode: 'udvidelse_bortfalder', niveau: 'advarsel', paragraf: '§ 60 b, stk. 2', verificeret: vRev.verified, tekst: `Aftalen ophørte ${datoTekst(aftale.periode.til)}; beslutningen om at udstrække den til samtlige boligorganisationer er dermed bortfaldet.` });
    }
    if (!over) {
      advarsler.push(
        u.ministerTilladelse
          ? { kode: 'udvidelse_ministertilladelse', niveau: 'oplysning', paragraf: '§ 60 b, stk. 3', verificeret: vPct.verified, tekst: `Aftalen omfatter ${pctTekst(daekningPct)} af familieboligerne (ikke mere end ${pctTekst(graense)}); beslutningen hviler på ministerens tilladelse efter § 60 b, stk. 3.` }
          : { kode: 'udvidelse_bortfalder', niveau: 'advarsel', paragraf: '§ 60 b, stk. 2', verificeret: vPct.verified, tekst: `Aftalen omfatter kun ${pctTekst(daekningPct)} af kommunens almene familieboliger (ikke mere end ${pctTekst(graense)}); beslutningen om at udstrække den til samtlige boligorganisationer bortfalder, medmindre ministeren har givet tilladelse (§ 60 b, stk. 3).` },
      );
    }
  }
  return { daekningPct, loebetid, advarsler, parametre: c.brug() };
}

// ---------------------------------------------------------------------------------------------------------------
// 4. The trappemodel: placing an afdeling on a step from its key figures

/** The key figure a trappemodel is usually built on (BL, seed 004): % of residents 18-64 outside the labour
 *  market or education (the register's key-figure name). */
export const STANDARD_NOEGLETAL = 'uden_for_arbejde_pct';

/** Labels of the register's key figures (src/features/imports/formats.ts); other names are allowed. */
export const NOEGLETAL_NAVN: Record<string, string> = {
  uden_for_arbejde_pct: 'andel 18-64-årige uden for arbejdsmarked og uddannelse',
  doemte_pct: 'andel dømte blandt beboere på 18 år og derover',
  kun_grundskole_pct: 'andel 30-59-årige med kun grundskole',
  indkomst_pct_af_region: 'gennemsnitlig bruttoindkomst i procent af regionens',
  ikke_vestlige_pct: 'andel indvandrere og efterkommere fra ikke-vestlige lande',
  fraflytning_pct: 'fraflytningsprocent',
};

export type BetingelsesOperator = '>' | '>=' | '<' | '<=';
export interface Betingelse {
  noegletal: string;
  operator: BetingelsesOperator;
  vaerdi: number;
}

export interface Trin {
  id: string;
  navn: string;
  /**
   * The step applies when its conditions hold: 'alle' (default) = every condition holds; 'mindst_en' = at least
   * one holds. A step with no conditions always applies (the catch-all, normally the last and least vulnerable).
   */
  betingelser: Betingelse[];
  kombination?: 'alle' | 'mindst_en';
  redskaber: TrinRedskaber;
  /** Where each number comes from (law or product setting), in Danish. */
  grundlag?: string[];
}

/** Steps ordered from the most to the least vulnerable: an afdeling lands on the FIRST step whose conditions hold. */
export interface Trappemodel {
  navn: string;
  trin: Trin[];
  parametre?: ParamBrug[];
}

export type Noegletal = Record<string, number | null | undefined>;

export type Placering =
  | { status: 'placeret'; trin: Trin; trinNr: number; forklaring: string[] }
  | { status: 'kan_ikke_placeres'; trinNr: number; manglendeNoegletal: string[]; forklaring: string[] }
  | { status: 'intet_trin'; forklaring: string[] };

export interface ModelProblem {
  niveau: 'fejl' | 'advarsel';
  felt: string;
  tekst: string;
}

/** Checks a trappemodel; 'fejl' problems make placeOnStep refuse the model. */
export function validateTrappemodel(model: Trappemodel): ModelProblem[] {
  const p: ModelProblem[] = [];
  if (!model || !Array.isArray(model.trin) || model.trin.length === 0) return [{ niveau: 'fejl', felt: 'trin', tekst: 'Trappemodellen har ingen trin.' }];
  const ids = new Set<string>();
  model.trin.forEach((t, i) => {
    const f = `trin.${i}`;
    if (!t.id) p.push({ niveau: 'fejl', felt: `${f}.id`, tekst: `Trin ${i + 1} mangler et id.` });
    else if (ids.has(t.id)) p.push({ niveau: 'fejl', felt: `${f}.id`, tekst: `Trin-id "${t.id}" findes to gange.` });
    ids.add(t.id);
    if (t.kombination !== undefined && t.kombination !== 'alle' && t.kombination !== 'mindst_en') p.push({ niveau: 'fejl', felt: `${f}.kombination`, tekst: 'Kombination skal være "alle" eller "mindst_en".' });
    if (!Array.isArray(t.betingelser)) p.push({ niveau: 'fejl', felt: `${f}.betingelser`, tekst: `Trin ${i + 1}: betingelserne skal være en liste.` });
    else
      t.betingelser.forEach((b, j) => {
        if (!b || typeof b.noegletal !== 'string' || b.noegletal === '') p.push({ niveau: 'fejl', felt: `${f}.betingelser.${j}.noegletal`, tekst: `Trin ${i + 1}: en betingelse mangler nøgletal.` });
        if (!b || !['>', '>=', '<', '<='].includes(b.operator)) p.push({ niveau: 'fejl', felt: `${f}.betingelser.${j}.operator`, tekst: `Trin ${i + 1}: operatoren skal være >, >=, < eller <=.` });
        if (!b || typeof b.vaerdi !== 'number' || !Number.isFinite(b.vaerdi)) p.push({ niveau: 'fejl', felt: `${f}.betingelser.${j}.vaerdi`, tekst: `Trin ${i + 1}: tærsklen skal være et tal.` });
      });
    try {
      validateTrinRedskaber(t.redskaber, `${f}.redskaber`);
    } catch (e) {
      const fe = (e as DomainError).details?.fields?.[0];
      p.push({ niveau: 'fejl', felt: fe?.field ?? `${f}.redskaber`, tekst: `Trin ${i + 1}: ${(e as Error).message}` });
    }
  });
  const catchAll = model.trin.findIndex((t) => Array.isArray(t.betingelser) && t.betingelser.length === 0);
  if (catchAll === -1) p.push({ niveau: 'advarsel', felt: 'trin', tekst: 'Intet trin uden betingelser: en afdeling, der ikke opfylder nogen betingelser, kommer ikke på et trin.' });
  else if (catchAll < model.trin.length - 1) p.push({ niveau: 'advarsel', felt: `trin.${catchAll + 1}`, tekst: `Trin ${catchAll + 1} har ingen betingelser, så trinnene efter det kan aldrig nås.` });
  return p;
}

const OP_TEKST: Record<BetingelsesOperator, [string, string]> = {
  '>': ['overstiger', 'overstiger ikke'],
  '>=': ['er mindst', 'er under'],
  '<': ['er under', 'er ikke under'],
  '<=': ['er højst', 'er over'],
};
function holds(v: number, op: BetingelsesOperator, t: number): boolean {
  const a = r9(v);
  const b = r9(t);
  return op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : a <= b;
}
const navn = (n: string) => NOEGLETAL_NAVN[n] ? `${n} (${NOEGLETAL_NAVN[n]})` : n;

/**
 * Which step an afdeling lands on. The steps are tried in order (most vulnerable first); the afdeling lands on the
 * first step whose conditions hold ('alle': every condition; 'mindst_en': at least one; no conditions: always).
 * A missing figure (null, undefined or not a finite number) is unknown, never guessed: a condition on it is
 * unknown, and a step is decided by the known conditions when they suffice ('alle' with a known false condition
 * does not apply; 'mindst_en' with a known true condition applies). When a step cannot be decided the afdeling
 * "kan ikke placeres" and the missing figures of that step are named: a later step is never chosen over an
 * undecided earlier one.
 */
export function placeOnStep(trappemodel: Trappemodel, figures: Noegletal): Placering {
  const fejl = validateTrappemodel(trappemodel).filter((x) => x.niveau === 'fejl');
  if (fejl.length > 0) throw new DomainError('VALIDATION', `Trappemodellen er ugyldig: ${fejl.map((x) => x.tekst).join(' ')}`, { fields: fejl.map((x) => ({ field: x.felt, message: x.tekst })) });
  const forklaring: string[] = [];
  const kendt = (n: string) => typeof figures?.[n] === 'number' && Number.isFinite(figures[n] as number);
  for (const [i, t] of trappemodel.trin.entries()) {
    const nr = i + 1;
    if (t.betingelser.length === 0) {
      forklaring.push(`Trin ${nr} (${t.navn}) har ingen betingelser og gælder for alle afdelinger, der ikke er placeret højere.`);
      return { status: 'placeret', trin: t, trinNr: nr, forklaring };
    }
    const res = t.betingelser.map((b) => (kendt(b.noegletal) ? holds(figures[b.noegletal] as number, b.operator, b.vaerdi) : null));
    const alle = (t.kombination ?? 'alle') === 'alle';
    const beskriv = t.betingelser.map((b, j) =>
      res[j] === null
        ? `${navn(b.noegletal)} mangler`
        : `${navn(b.noegletal)} ${tal.format(figures[b.noegletal] as number)} ${OP_TEKST[b.operator][res[j] ? 0 : 1]} ${tal.format(b.vaerdi)}`,
    );
    // Kleene logic: 'alle' = false if any known false, else unknown if any unknown; 'mindst_en' dually.
    const udfald: boolean | null = alle
      ? res.includes(false) ? false : res.includes(null) ? null : true
      : res.includes(true) ? true : res.includes(null) ? null : false;
    const krav = alle ? 'alle betingelser' : 'mindst én betingelse';
    if (udfald === true) {
      forklaring.push(`Trin ${nr} (${t.navn}) gælder (${krav}): ${beskriv.join('; ')}.`);
      return { status: 'placeret', trin: t, trinNr: nr, forklaring };
    }
    if (udfald === null) {
      const mangler = [...new Set(t.betingelser.filter((_, j) => res[j] === null).map((b) => b.noegletal))];
      forklaring.push(`Trin ${nr} (${t.navn}) kan ikke afgøres (${krav}): ${beskriv.join('; ')}. Afdelingen kan ikke placeres, før ${mangler.join(', ')} kendes.`);
      return { status: 'kan_ikke_placeres', trinNr: nr, manglendeNoegletal: mangler, forklaring };
    }
    forklaring.push(`Trin ${nr} (${t.navn}) gælder ikke (${krav}): ${beskriv.join('; ')}.`);
  }
  forklaring.push('Afdelingen opfylder ikke betingelserne for noget trin.');
  return { status: 'intet_trin', forklaring };
}

/**
 * PRODUKTINDSTILLINGER, NOT LAW: the default trappemodel's thresholds and flexible shares. No statute fixes a
 * trappemodel; BL (seed 004) says a trappe is typically built on the share outside the labour market, and the
 * practice (RULES.md 2.6, S28-S29) shields vulnerable ("red") afdelinger from kommunal anvisning and gives them
 * more flexible letting. The thresholds are chosen to coincide with the statutory list criteria on the same key
 * figure (§ 61 a, stk. 1, nr. 1: over 40 %; § 61 b, nr. 1: over 30 %) so that a step boundary is one the
 * afdeling's area is judged by; the list criteria themselves (a 2-year average over a boligområde) live in
 * law/abl/61a and are not read here. The parties change all of this freely.
 */
export const STANDARD_TRAPPE = Object.freeze({
  noegletal: STANDARD_NOEGLETAL,
  /** Step 1 (red): uden_for_arbejde_pct over this. */
  roedOverstiger: 40,
  /** Step 2 (yellow): uden_for_arbejde_pct over this. */
  gulOverstiger: 30,
  /** Fleksibel udlejning, % of the lettings not anvist, per step (0 = not active). */
  fleksibelPct: Object.freeze({ roed: 100, gul: 50, groen: 0 }),
  /** The most vulnerable step gets no kommunal anvisning (issue 5). */
  roedAnvisningPct: 0,
});

const STANDARD_KRITERIER: FleksibeltKriterium[] = [
  { type: 'beskaeftigelse', beskrivelse: 'boligsøgende i beskæftigelse' },
  { type: 'uddannelse', beskrivelse: 'boligsøgende under uddannelse' },
];

/**
 * The default trappemodel on `date`: three steps on uden_for_arbejde_pct. The kommunal anvisning share of every
 * step but the most vulnerable is the statutory default of § 59, stk. 1 (every 4th vacant familiebolig = 25 %,
 * read from law/abl/udlejning); the most vulnerable step gets 0 %. Everything else is a product setting
 * (STANDARD_TRAPPE). The date is needed because the 25 % is a dated parameter.
 */
export function defaultTrappemodel(params: Params, date: string): Trappemodel {
  parseIso('dato', date);
  const c = new Ctx(params, date);
  const v = c.v('kommunal_anvisning_hver_ntes_bolig');
  const hver = c.num('kommunal_anvisning_hver_ntes_bolig');
  const standardPct = r9(100 / hver);
  const S = STANDARD_TRAPPE;
  const fleks = (pct: number) => ({ aktiv: pct > 0, andelPct: pct, kriterier: pct > 0 ? STANDARD_KRITERIER.map((k) => ({ ...k })) : [] });
  const lov = `kommunal anvisning ${pctTekst(standardPct)}: lovens udgangspunkt, hver ${hver}. ledige familiebolig (§ 59, stk. 1; ${v.verified})`;
  return {
    navn: 'Standardtrappe (3 trin efter andel uden for arbejdsmarkedet)',
    trin: [
      {
        id: 'roed',
        navn: 'rød, mest udsatte',
        betingelser: [{ noegletal: S.noegletal, operator: '>', vaerdi: S.roedOverstiger }],
        redskaber: { kommunalAnvisningPct: S.roedAnvisningPct, fleksibelUdlejning: fleks(S.fleksibelPct.roed), kombineretUdlejning: false },
        grundlag: [
          `tærskel over ${pctTekst(S.roedOverstiger)}: produktindstilling (samme tal som § 61 a, stk. 1, nr. 1)`,
          `kommunal anvisning ${pctTekst(S.roedAnvisningPct)}: produktindstilling (det mest udsatte trin skærmes; aftales efter § 59, stk. 2)`,
          `fleksibel udlejning ${pctTekst(S.fleksibelPct.roed)}: produktindstilling`,
        ],
      },
      {
        id: 'gul',
        navn: 'gul',
        betingelser: [{ noegletal: S.noegletal, operator: '>', vaerdi: S.gulOverstiger }],
        redskaber: { kommunalAnvisningPct: standardPct, fleksibelUdlejning: fleks(S.fleksibelPct.gul), kombineretUdlejning: false },
        grundlag: [`tærskel over ${pctTekst(S.gulOverstiger)}: produktindstilling (samme tal som § 61 b, nr. 1)`, lov, `fleksibel udlejning ${pctTekst(S.fleksibelPct.gul)}: produktindstilling`],
      },
      {
        id: 'groen',
        navn: 'grøn',
        betingelser: [],
        redskaber: { kommunalAnvisningPct: standardPct, fleksibelUdlejning: fleks(S.fleksibelPct.groen), kombineretUdlejning: false },
        grundlag: ['ingen betingelser: alle øvrige afdelinger', lov, 'ingen fleksibel udlejning: produktindstilling'],
      },
    ],
    parametre: c.brug(),
  };
}
