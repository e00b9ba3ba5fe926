// Almenboligloven (lov om almene boliger m.v.), consolidated as LBK nr. 1171 af 11/11/2024.
// § 61 a (udsatte boligområder, parallelsamfund, omdannelsesområder; boligområde stk. 3) and § 61 b
// (forebyggelsesområder): https://danskelove.dk/almenboligloven/61a ; https://elov.dk/almenboligloven/paragraf/61b
// Earlier versions: the ghettoliste of L 45 (2013-14), 3 of 5 criteria, for the lists 1 Dec 2013 - 1 Dec 2017
// (https://eu.dk/samling/20131/lovforslag/l45/20131_l45_som_fremsat.htm); lov nr. 1322 af 27. november 2018
// from the 1 Dec 2018 list; lov nr. 2157 af 27. november 2021 (new names, § 61 b) from the 1 Dec 2021 list.
// Rules, operators and verification marks: ../shared/domain/RULES.md sections 0 and 1. Every number comes
// from law/abl/61a via Params; this file holds only the structure of the rule.
//
// A pure function of (area figures, list date, parameters, options): no clock, database or I/O.
import type { ParamVersion, Params } from '../law/params.ts';

export const ACT = 'Almenboligloven, LBK nr. 1171 af 11/11/2024';

/** One row of the area-indicator format (issue 4): one area and list year. Percentages as numbers (40.5). */
export interface OmraadeIndikatorer {
  listeaar: number;
  omraade_kode: string;
  omraade_navn: string;
  kommunekode: number;
  /** Residents at 1 January of the list year. */
  beboere: number;
  ikkevestlige_pct: number;
  udenfor_pct_aar1: number;
  udenfor_pct_aar2: number;
  doemte_pct_aar1: number;
  doemte_pct_aar2: number;
  doemte_landsgns_pct_aar1: number;
  doemte_landsgns_pct_aar2: number;
  grundskole_pct: number;
  indkomst_pct_af_region: number;
}

export type Operator = '>' | '>=' | '<';
export type Kategori = 'udsat' | 'parallelsamfund' | 'omdannelsesomraade' | 'forebyggelsesomraade';

export interface Kriterium {
  id: string;
  paragraf: string;
  beskrivelse: string;
  vaerdi: number;
  taerskel: number;
  operator: Operator;
  opfyldt: boolean;
  /** Signed distance to the threshold, positive on the side that meets it: value - threshold for > and >=,
   *  threshold - value for <. So > and < are met when margin > 0, >= when margin >= 0. */
  margin: number;
  /** How the threshold was found, when it is computed (the convicted criterion). */
  taerskelGrundlag?: string;
}

export interface KriterieGruppe {
  kriterier: Kriterium[];
  antalOpfyldt: number;
  kraevet: number;
  opfyldt: boolean;
}

export interface Omdannelse {
  aarKraevet: number;
  /** Consecutive list years meeting § 61 a, stk. 2, the current year included, counted back as far as known. */
  sammenhaengendeAar: number;
  /** True when the rows end before the count could decide (the result is then null, not a guess). */
  historikForKort: boolean;
  opfyldt: boolean | null;
}

export interface Klassifikation {
  listeaar: number;
  listedato: string;
  omraade_kode: string;
  omraade_navn: string;
  kommunekode: number;
  regel: 'ghettoliste-2013' | 'abl-61a-2018' ;
  udenEtniskKriterium: boolean;
  beboere: Kriterium;
  /** 2013-2017 lists only: ghettoområde, 3 of 5 criteria. Not one of the § 61 a categories of today. */
  ghettoomraade2013: (KriterieGruppe & { ikkevestlige: Kriterium | null }) | null;
  udsat: KriterieGruppe | null;
  parallelsamfund: { ikkevestlige: Kriterium | null; opfyldt: boolean } | null;
  omdannelse: Omdannelse | null;
  forebyggelse: (KriterieGruppe & { ikkevestlige: Kriterium | null; opfyldtIalt: boolean }) | null;
  kategorier: Kategori[];
  /** The parameter versions used (also for the history years of § 61 a, stk. 4): name, value, the date it
   *  took effect, paragraph, verification mark. */
  parametre: { navn: string; vaerdi: number | string | boolean; gyldigFra: string; paragraf: string; verificeret: string }[];
  forklaring: string[];
}

export interface ClassifyOptions {
  /** What-if (RULES.md 1.8, CJEU C-417/23): leave out the ethnic criterion of § 61 a, stk. 2 and § 61 b. */
  withoutEthnicCriterion?: boolean;
}

const pct = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 4 });
const f = (n: number) => pct.format(n);
const int = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 });

// Fortolkning: figures are compared after rounding to 9 decimals, so that a two-year average or a multiple
// of the national average that lands exactly on a threshold is not pushed off it by binary floating point.
const r9 = (n: number) => Math.round(n * 1e9) / 1e9;
const avg = (a: number, b: number) => r9((a + b) / 2);

const opWord: Record<Operator, [string, string]> = {
  '>': ['overstiger', 'overstiger ikke'],
  '>=': ['er mindst', 'er under'],
  '<': ['er under', 'er ikke under'],
};

function criterion(id: string, paragraf: string, beskrivelse: string, vaerdi: number, taerskel: number, operator: Operator, taerskelGrundlag?: string): Kriterium {
  const v = r9(vaerdi);
  const t = r9(taerskel);
  const opfyldt = operator === '>' ? v > t : operator === '>=' ? v >= t : v < t;
  const margin = r9(operator === '<' ? t - v : v - t);
  return { id, paragraf, beskrivelse, vaerdi: v, taerskel: t, operator, opfyldt, margin, ...(taerskelGrundlag ? { taerskelGrundlag } : {}) };
}

const explain = (k: Kriterium, unit = ' %') =>
  `${k.paragraf}: ${k.beskrivelse} ${f(k.vaerdi)}${unit} ${opWord[k.operator][k.opfyldt ? 0 : 1]} ${f(k.taerskel)}${unit}${k.taerskelGrundlag ? ` (${k.taerskelGrundlag})` : ''}: ${k.opfyldt ? 'opfyldt' : 'ikke opfyldt'}.`;

class Ctx {
  used = new Map<string, ParamVersion>();
  constructor(
    readonly params: Params,
    readonly date: string,
  ) {}
  p(name: string): number {
    const v = this.params.version(name, this.date);
    this.used.set(`${name}@${v.from}`, v);
    return this.params.param(name, this.date);
  }
}

function group(kriterier: Kriterium[], kraevet: number): KriterieGruppe {
  const antalOpfyldt = kriterier.filter((k) => k.opfyldt).length;
  return { kriterier, antalOpfyldt, kraevet, opfyldt: antalOpfyldt >= kraevet };
}

/** The four socio-economic criteria of § 61 a, stk. 1 (prefix 'udsat') or § 61 b (prefix 'forebyggelse'). */
function socioCriteria(r: OmraadeIndikatorer, c: Ctx, prefix: 'udsat' | 'forebyggelse'): Kriterium[] {
  const par = prefix === 'udsat' ? '§ 61 a, stk. 1' : '§ 61 b';
  const landsgns = avg(r.doemte_landsgns_pct_aar1, r.doemte_landsgns_pct_aar2);
  const gange = c.p(`${prefix}_doemte_landsgns_gange_mindst`);
  return [
    // § 61 a, stk. 1, nr. 1 / § 61 b, nr. 1: outside work or education, 18-64, 2-year average, "overstiger"
    criterion('udenfor', `${par}, nr. 1`, 'andel 18-64-årige uden tilknytning til arbejdsmarked eller uddannelse (2-års gennemsnit)',
      avg(r.udenfor_pct_aar1, r.udenfor_pct_aar2), c.p(`${prefix}_udenfor_pct_overstiger`), '>'),
    // § 61 a, stk. 1, nr. 2 / § 61 b, nr. 2: convicted, 18+, 2-year average, "mindst" N x the national 2-year average
    criterion('doemte', `${par}, nr. 2`, 'andel dømte blandt beboere på mindst 18 år (2-års gennemsnit)',
      avg(r.doemte_pct_aar1, r.doemte_pct_aar2), gange * landsgns, '>=', `${f(gange)} gange landsgennemsnittet ${f(landsgns)} %`),
    // § 61 a, stk. 1, nr. 3 / § 61 b, nr. 3: only grundskole, 30-59, one year, "overstiger"
    criterion('grundskole', `${par}, nr. 3`, 'andel 30-59-årige med kun grundskoleuddannelse',
      r.grundskole_pct, c.p(`${prefix}_grundskole_pct_overstiger`), '>'),
    // § 61 a, stk. 1, nr. 4 / § 61 b, nr. 4: income of taxpayers 15-64 excl. students vs the region, "mindre end"
    criterion('indkomst', `${par}, nr. 4`, 'gennemsnitlig bruttoindkomst i procent af regionens',
      r.indkomst_pct_af_region, c.p(`${prefix}_indkomst_pct_under`), '<'),
  ];
}

/** Classifies one row on its own (no history): everything but the omdannelse count. */
function classifyYear(r: OmraadeIndikatorer, date: string, params: Params, opts: ClassifyOptions) {
  const c = new Ctx(params, date);
  const uden = opts.withoutEthnicCriterion === true;
  const forklaring: string[] = [];
  if (uden) forklaring.push('Hvad-hvis: det etniske kriterium (ikke-vestlig baggrund) i § 61 a, stk. 2 og § 61 b er udeladt (EU-Domstolen C-417/23, 18.12.2025).');

  // § 61 a, stk. 3: a boligområde has at least 1,000 residents, counted at 1 January of the list year
  const beboere = criterion('beboere', '§ 61 a, stk. 3', `beboere pr. 1. januar ${r.listeaar}`, r.beboere, c.p('boligomraade_min_beboere'), '>=');
  forklaring.push(`${beboere.paragraf}: ${int.format(r.beboere)} beboere pr. 1. januar ${r.listeaar} ${beboere.opfyldt ? 'er mindst' : 'er under'} ${int.format(beboere.taerskel)}: ${beboere.opfyldt ? 'området er et boligområde og vurderes.' : 'området er ikke et boligområde efter loven og kommer ikke på listerne.'}`);

  const regel: Klassifikation['regel'] = params.inForce('udsat_min_kriterier', date)
    ? 'abl-61a-2018'
    : params.inForce('ghettoliste_2013_min_kriterier', date)
      ? 'ghettoliste-2013'
      : (c.p('udsat_min_kriterier'), 'abl-61a-2018'); // throws: no rule in force on this date

  let ghetto2013: Klassifikation['ghettoomraade2013'] = null;
  let udsat: KriterieGruppe | null = null;
  let parallel: Klassifikation['parallelsamfund'] = null;
  let forebyggelse: Klassifikation['forebyggelse'] = null;

  if (regel === 'ghettoliste-2013') {
    // § 61 a (L 45 2013-14): ghettoområde = at least 3 of 5 criteria, lists 1 Dec 2013 - 1 Dec 2017
    forklaring.push(`Listen ${date} følger ghettokriterierne fra L 45 (2013-14): mindst ${c.p('ghettoliste_2013_min_kriterier')} af 5 kriterier.`);
    const ikke = uden ? null : criterion('ikkevestlige', '§ 61 a (2013), nr. 1', 'andel indvandrere og efterkommere fra ikke-vestlige lande',
      r.ikkevestlige_pct, c.p('ghettoliste_2013_ikkevestlige_pct_overstiger'), '>');
    const krit = [
      ...(ikke ? [ikke] : []),
      criterion('udenfor', '§ 61 a (2013), nr. 2', 'andel 18-64-årige uden tilknytning til arbejdsmarked eller uddannelse (2-års gennemsnit)',
        avg(r.udenfor_pct_aar1, r.udenfor_pct_aar2), c.p('ghettoliste_2013_udenfor_pct_overstiger'), '>'),
      // § 61 a (2013), nr. 3: a fixed 2.7 % convicted, strictly greater, 2-year average
      criterion('doemte', '§ 61 a (2013), nr. 3', 'andel dømte blandt beboere på mindst 18 år (2-års gennemsnit)',
        avg(r.doemte_pct_aar1, r.doemte_pct_aar2), c.p('ghettoliste_2013_doemte_pct_overstiger'), '>'),
      criterion('grundskole', '§ 61 a (2013), nr. 4', 'andel 30-59-årige med kun grundskoleuddannelse (inkl. uoplyst)',
        r.grundskole_pct, c.p('ghettoliste_2013_grundskole_pct_overstiger'), '>'),
      criterion('indkomst', '§ 61 a (2013), nr. 5', 'gennemsnitlig bruttoindkomst i procent af regionens',
        r.indkomst_pct_af_region, c.p('ghettoliste_2013_indkomst_pct_under'), '<'),
    ];
    ghetto2013 = { ...group(krit, c.p('ghettoliste_2013_min_kriterier')), ikkevestlige: ikke };
    if (beboere.opfyldt) {
      for (const k of krit) forklaring.push(explain(k));
      forklaring.push(`${ghetto2013.antalOpfyldt} af ${krit.length} kriterier er opfyldt (mindst ${ghetto2013.kraevet} kræves): ${ghetto2013.opfyldt ? 'ghettoområde' : 'ikke ghettoområde'} efter 2013-reglerne.`);
    }
    ghetto2013.opfyldt &&= beboere.opfyldt;
  } else {
    // § 61 a, stk. 1: udsat boligområde = at least 2 of the 4 criteria
    udsat = group(socioCriteria(r, c, 'udsat'), c.p('udsat_min_kriterier'));
    udsat.opfyldt &&= beboere.opfyldt;
    // § 61 a, stk. 2: parallelsamfund = non-western share over 50 % and at least 2 of the 4 criteria in stk. 1
    const ikke = uden ? null : criterion('ikkevestlige', '§ 61 a, stk. 2', 'andel indvandrere og efterkommere fra ikke-vestlige lande',
      r.ikkevestlige_pct, c.p('parallelsamfund_ikkevestlige_pct_overstiger'), '>');
    const minPar = c.p('parallelsamfund_min_kriterier');
    parallel = { ikkevestlige: ikke, opfyldt: beboere.opfyldt && (ikke?.opfyldt ?? true) && udsat.antalOpfyldt >= minPar };
    if (beboere.opfyldt) {
      for (const k of udsat.kriterier) forklaring.push(explain(k));
      forklaring.push(`§ 61 a, stk. 1: ${udsat.antalOpfyldt} af 4 kriterier er opfyldt (mindst ${udsat.kraevet} kræves): ${udsat.opfyldt ? 'udsat boligområde' : 'ikke udsat boligområde'}.`);
      if (ikke) forklaring.push(explain(ikke));
      else forklaring.push('§ 61 a, stk. 2: det etniske kriterium er udeladt (hvad-hvis).');
      forklaring.push(`§ 61 a, stk. 2: ${parallel.opfyldt ? 'parallelsamfund' : 'ikke parallelsamfund'}${ikke && !ikke.opfyldt ? ' (andelen fra ikke-vestlige lande er ikke over grænsen)' : ''}${udsat.antalOpfyldt < minPar ? ` (færre end ${minPar} kriterier i stk. 1)` : ''}.`);
    }
    // § 61 b: forebyggelsesområde, from the 1 December 2021 list
    // Fortolkning: computed independently of the udsat list (RULES.md 1.6: no exclusion clause was read).
    if (params.inForce('forebyggelse_min_kriterier', date)) {
      const fk = socioCriteria(r, c, 'forebyggelse');
      const fi = uden ? null : criterion('ikkevestlige', '§ 61 b', 'andel indvandrere og efterkommere fra ikke-vestlige lande',
        r.ikkevestlige_pct, c.p('forebyggelse_ikkevestlige_pct_overstiger'), '>');
      const g = group(fk, c.p('forebyggelse_min_kriterier'));
      forebyggelse = { ...g, ikkevestlige: fi, opfyldtIalt: beboere.opfyldt && g.opfyldt && (fi?.opfyldt ?? true) };
      if (beboere.opfyldt) {
        for (const k of fk) forklaring.push(explain(k));
        if (fi) forklaring.push(explain(fi));
        forklaring.push(`§ 61 b: ${g.antalOpfyldt} af 4 kriterier er opfyldt (mindst ${g.kraevet} kræves)${fi ? ` og andelen fra ikke-vestlige lande ${fi.opfyldt ? 'er' : 'er ikke'} over ${f(fi.taerskel)} %` : ''}: ${forebyggelse.opfyldtIalt ? 'forebyggelsesområde' : 'ikke forebyggelsesområde'}.`);
      }
    } else if (beboere.opfyldt) {
      forklaring.push(`§ 61 b: forebyggelsesområder findes først fra listen 1. december 2021; ikke vurderet for ${date}.`);
    }
  }
  return { beboere, regel, ghetto2013, udsat, parallel, forebyggelse, forklaring, used: c.used, c };
}

/** Whether a history year met § 61 a, stk. 2 (or, before 1 Dec 2018, the ghettoområde rule); null if unknown. */
function parallelInYear(r: OmraadeIndikatorer | undefined, params: Params, opts: ClassifyOptions, used: Map<string, ParamVersion>): boolean | null {
  if (!r) return null;
  const date = `${r.listeaar}-12-01`;
  if (!params.inForce('boligomraade_min_beboere', date)) return null;
  if (!params.inForce('udsat_min_kriterier', date) && !params.inForce('ghettoliste_2013_min_kriterier', date)) return null;
  const y = classifyYear(r, date, params, opts);
  for (const [k, v] of y.used) used.set(k, v);
  // Fortolkning (RULES.md 1.5, UNVERIFIED): a year before the 1 Dec 2018 list counts when the area was a
  // ghettoområde under the 2013 rules then in force; from 2018 when it met § 61 a, stk. 2.
  return y.regel === 'ghettoliste-2013' ? y.ghetto2013!.opfyldt : y.parallel!.opfyldt;
}

function key(r: OmraadeIndikatorer) {
  return `${r.omraade_kode}\u0000${r.listeaar}`;
}

/**
 * Classifies every area that has a row for the list year of `listDate` (ISO, normally 1 December), using the
 * parameters in force on `listDate`; earlier rows of the same area give the history for § 61 a, stk. 4.
 * Throws LawParamError if a parameter has no value on `listDate`.
 */
export function classify(rows: readonly OmraadeIndikatorer[], listDate: string, params: Params, options: ClassifyOptions = {}): Klassifikation[] {
  const year = Number(listDate.slice(0, 4));
  const byKey = new Map<string, OmraadeIndikatorer>();
  for (const r of rows) {
    if (byKey.has(key(r))) throw new Error(`Område ${r.omraade_kode} har to rækker for listeår ${r.listeaar}.`);
    byKey.set(key(r), r);
  }
  const out: Klassifikation[] = [];
  for (const r of rows) {
    if (r.listeaar !== year) continue;
    const y = classifyYear(r, listDate, params, options);
    const { forklaring, c } = y;
    let omdannelse: Omdannelse | null = null;
    if (y.regel === 'abl-61a-2018') {
      // § 61 a, stk. 4: omdannelsesområde = met stk. 2 in each of the latest 5 list years, the current one included
      const need = c.p('omdannelsesomraade_aar');
      let count = 0;
      let tooShort = false;
      for (let k = 0; k < need; k++) {
        const met = k === 0 ? y.parallel!.opfyldt : parallelInYear(byKey.get(`${r.omraade_kode}\u0000${year - k}`), params, options, c.used);
        if (met === null) {
          tooShort = true;
          break;
        }
        if (!met) break;
        count++;
      }
      const opfyldt = count >= need ? true : tooShort ? null : false;
      omdannelse = { aarKraevet: need, sammenhaengendeAar: count, historikForKort: tooShort, opfyldt };
      if (y.beboere.opfyldt && y.parallel!.opfyldt) {
        forklaring.push(
          opfyldt === true
            ? `§ 61 a, stk. 4: parallelsamfund ${need} år i træk (${year - need + 1}-${year}): omdannelsesområde.`
            : opfyldt === null
              ? `§ 61 a, stk. 4: parallelsamfund mindst ${count} år i træk, men historikken er for kort (ingen gyldige tal for ${year - count}): kan ikke afgøre, om området er omdannelsesområde (${need} år kræves).`
              : `§ 61 a, stk. 4: parallelsamfund ${count} år i træk (${need} kræves; ${year - count} var ikke et parallelsamfundsår): ikke omdannelsesområde.`,
        );
      }
    }
    const kategorier: Kategori[] = [];
    if (y.udsat?.opfyldt) kategorier.push('udsat');
    if (y.parallel?.opfyldt) kategorier.push('parallelsamfund');
    if (omdannelse?.opfyldt === true) kategorier.push('omdannelsesomraade');
    if (y.forebyggelse?.opfyldtIalt) kategorier.push('forebyggelsesomraade');
    out.push({
      listeaar: r.listeaar,
      listedato: listDate,
      omraade_kode: r.omraade_kode,
      omraade_navn: r.omraade_navn,
      kommunekode: r.kommunekode,
      regel: y.regel,
      udenEtniskKriterium: options.withoutEthnicCriterion === true,
      beboere: y.beboere,
      ghettoomraade2013: y.ghetto2013,
      udsat: y.udsat,
      parallelsamfund: y.parallel,
      omdannelse,
      forebyggelse: y.forebyggelse,
      kategorier,
      parametre: [...c.used.values()]
        .sort((a, b) => a.name.localeCompare(b.name) || a.from.localeCompare(b.from))
        .map((v) => ({ navn: v.name, vaerdi: v.value, gyldigFra: v.from, paragraf: v.ref.paragraph, verificeret: v.verified })),
      forklaring,
    });
  }
  return out.sort((a, b) => a.omraade_kode.localeCompare(b.omraade_kode, 'da'));
}

/** Every list year in `rows`, each at its 1 December list date; sorted by year, then area. */
export function classifyAll(rows: readonly OmraadeIndikatorer[], params: Params, options: ClassifyOptions = {}): Klassifikation[] {
  const years = [...new Set(rows.map((r) => r.listeaar))].sort((a, b) => a - b);
  return years.flatMap((y) => classify(rows, `${y}-12-01`, params, options));
}
