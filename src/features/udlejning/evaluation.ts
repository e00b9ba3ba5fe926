// The yearly evaluation of an udlejningsaftale (issue 5, item 5): for one year, per covered afdeling and for the
// agreement as a whole, the actual key figures against the forecast made at the agreement's start and against
// the agreement's measurable goals, with the year's placements, tools and area-list categories and the quota
// ledger. Pure: the route gathers the facts (store.ts, the forecast engine, the ledger) and this file judges
// and suppresses them; report.ts writes them as PDF and xlsx.
//
// Fortolkninger (product choices, stated in the report and in docs/api-contract.md):
// - "Overall" is household-weighted: sum(share x households) / sum(households) over the covered afdelinger with
//   both a figure and a number of households for the year (husstande of the same year).
// - A goal for 'alle_afdelinger' is judged on that overall figure; a goal for named afdelinger is judged for each
//   of them, and is met only when every one meets it (Kleene logic as the trappemodel: a shown "not met" decides,
//   else a missing or hidden figure leaves it open).
// - A goal is due in its senest_aar and every year after; before it, it is "ikke forfaldent" (the year's figure
//   and whether it would meet the goal are still shown).
// - The forecast is compared with the actual on the rounded figures shown (2 decimals, as the register keeps key
//   figures); "inden for båndet" is P10 <= actual <= P90.
// - The overall band: with one afdeling its own P10-P90; with several, a normal approximation with the afdelinger
//   independent (the engine runs each afdeling on its own random stream): the expected path weighted, and
//   sd = sqrt(sum w_i^2 sd_i^2) with sd_i = (P90_i - P10_i) / (2 x 1.2816).
// - Small numbers (DESIGN.md convention 9, docs/decisions/005): a rate of an afdeling with fewer households than
//   the threshold is hidden, with complementary suppression against the published overall figures, by the
//   shared suppressTable; the forecast of an afdeling is hidden when its households at the start are too few.
//   The lettings and quotas count dwellings let (as the quota ledger and ledige_boliger): they are shown.
import { rateAllowed, suppressTable, type ColumnRelation, type SuppressionRules } from '../../shared/suppression.ts';
import { NOEGLETAL_NAVN } from '../../rules/udlejning.ts';
import type { Kategori } from '../../rules/abl-61a.ts';
import type { LedgerRow, SumRow } from './ledger.ts';

/** The rate key figures a measurable goal may name (the register's names). */
export const MAAL_NOEGLETAL = ['uden_for_arbejde_pct', 'kun_grundskole_pct', 'doemte_pct', 'indkomst_pct_af_region', 'ikke_vestlige_pct', 'fraflytning_pct'] as const;
export type MaalNoegletal = (typeof MAAL_NOEGLETAL)[number];
export type MaalOperator = '<' | '<=' | '>' | '>=';

/** A measurable goal of the agreement. */
export interface Maalsaetning {
  tekst: string;
  noegletal: MaalNoegletal;
  operator: MaalOperator;
  vaerdi: number;
  /** The goal is to be met by this year ("senest"). */
  senest_aar: number;
  /** The agreement as a whole (household-weighted), or each of the named afdelinger. */
  gaelder: 'alle_afdelinger' | number[];
}

/** The indicators the forecast engine models and the evaluation compares, in this order. */
export const PROGNOSE_INDIKATORER = ['uden_for_arbejde_pct', 'kun_grundskole_pct'] as const;

export const OPERATOR_TEKST: Record<MaalOperator, string> = { '<': 'under', '<=': 'højst', '>': 'over', '>=': 'mindst' };
export const STATUS_TEKST: Record<MaalStatus, string> = {
  opfyldt: 'opfyldt',
  ikke_opfyldt: 'ikke opfyldt',
  ikke_forfalden: 'ikke forfaldent endnu',
  intet_tal: 'intet tal',
  skjult: 'skjult (for få husstande)',
};
export const KATEGORI_TEKST: Record<Kategori, string> = {
  udsat: 'udsat boligområde',
  parallelsamfund: 'parallelsamfund',
  omdannelsesomraade: 'omdannelsesområde',
  forebyggelsesomraade: 'forebyggelsesområde',
};

const r2 = (n: number) => Math.round(n * 100) / 100;
const r9 = (n: number) => Math.round(n * 1e9) / 1e9;
/** The goal's test on a figure ("under" is <, "højst" is <=), after rounding away binary noise. */
export function holds(v: number, op: MaalOperator, t: number): boolean {
  const a = r9(v);
  const b = r9(t);
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

const talFormat = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
export const tal = (n: number) => talFormat.format(n);
export const pct = (n: number | null) => (n === null ? 'intet tal' : `${tal(n)} %`);
export const noegletalNavn = (n: string) => NOEGLETAL_NAVN[n] ?? n;
/** A key figure's value with its unit: "40 %" for a share; the income figure is a percentage of the region's. */
export const vaerdiTekst = (noegletal: string, v: number) => `${tal(v)}${noegletal.endsWith('_pct') && noegletal !== 'indkomst_pct_af_region' ? ' %' : ''}`;
/** "andel 18-64-årige uden for arbejdsmarked og uddannelse under 40 %" */
export const kravTekst = (m: { noegletal: string; operator: MaalOperator; vaerdi: number }) => `${noegletalNavn(m.noegletal)} ${OPERATOR_TEKST[m.operator]} ${vaerdiTekst(m.noegletal, m.vaerdi)}`;

// ---- input ---------------------------------------------------------------------------------------------------

export interface ForecastOfYear {
  /** The year of the figures the forecast started from. */
  startaar: number;
  /** Households at the start (the engine's units). */
  enheder: number;
  indikatorer: { navn: string; startPct: number; forventetPct: number; p10Pct: number | null; p90Pct: number | null }[];
}

export interface EvaluationAfdelingInput {
  afdeling_id: number;
  afdeling_navn: string;
  afdelingsnummer: number;
  boligorganisation_navn: string;
  boligomraade_kode: string | null;
  antal_familie: number;
  /** The key figures of the year itself (no older year stands in), or null. */
  aaretsTal: { husstande: number | null; figures: Partial<Record<MaalNoegletal, number | null>>; kilde: string; opgjort_pr: string } | null;
  /** The forecast made at the agreement's start, at the year; or why there is none. */
  prognose: ForecastOfYear | { mangler: string };
  placering: { trin: string | null; trin_navn: string | null; beregnet_trin: string | null; manuel: boolean; begrundelse: string } | null;
  redskaber: { kommunal_anvisning_pct: number; fleksibel_udlejning_pct: number; fleksibel_obligatorisk: boolean; lovbestemte: string[] } | null;
  /** The categories of the list in force for lettings in the year (1 December the year before), and of the list of 1 December the year. */
  kategorier: Kategori[];
  kategorier_aarets_liste: Kategori[];
}

export interface EvaluationInput {
  aar: number;
  /** The first year of the agreement. */
  startaar: number;
  maalsaetninger: Maalsaetning[];
  afdelinger: EvaluationAfdelingInput[];
  /** The quota ledger's rows of the year (running balances from the agreement's first year) and its total. */
  kvoter: { afdelinger: LedgerRow[]; samlet: SumRow | null };
}

// ---- output --------------------------------------------------------------------------------------------------

export interface IndikatorVurdering {
  noegletal: string;
  start_aar: number | null;
  start_pct: number | null;
  faktisk_pct: number | null;
  forventet_pct: number | null;
  p10_pct: number | null;
  p90_pct: number | null;
  /** P10 <= faktisk <= P90; null without both. */
  i_baandet: boolean | null;
}

export interface EvalueretAfdeling {
  afdeling_id: number;
  afdeling_navn: string;
  afdelingsnummer: number;
  boligorganisation_navn: string;
  boligomraade_kode: string | null;
  antal_familie: number;
  husstande: number | null;
  noegletal: Record<MaalNoegletal, number | null>;
  noegletal_kilde: { kilde: string; opgjort_pr: string } | null;
  indikatorer: IndikatorVurdering[];
  prognose_mangler: string | null;
  placering: EvaluationAfdelingInput['placering'];
  redskaber: EvaluationAfdelingInput['redskaber'];
  kategorier: Kategori[];
  kategorier_aarets_liste: Kategori[];
  kvoter: LedgerRow | null;
  /** The cells withheld for discretion (names as above; 'prognose' for the whole forecast). */
  skjult: string[];
}

export interface SamletIndikator {
  noegletal: string;
  /** Household-weighted over every covered afdeling with a figure and households; null when none or hidden. */
  faktisk_pct: number | null;
  afdelinger_med_tal: number;
  afdelinger: number;
  husstande: number;
  skjult: boolean;
  /** Actual against forecast over the afdelinger that have both. */
  sammenligning: {
    afdelinger: number;
    husstande: number;
    faktisk_pct: number | null;
    forventet_pct: number | null;
    p10_pct: number | null;
    p90_pct: number | null;
    i_baandet: boolean | null;
    baand: 'afdelingens' | 'normaltilnaermelse';
    skjult: boolean;
  } | null;
}

export type MaalStatus = 'opfyldt' | 'ikke_opfyldt' | 'ikke_forfalden' | 'intet_tal' | 'skjult';

export interface MaalVurdering {
  nr: number;
  maal: Maalsaetning;
  status: MaalStatus;
  /** The figure judged ('alle_afdelinger': the overall figure); null for named afdelinger (see afdelinger). */
  vaerdi: number | null;
  /** Whether the year's figures meet the goal, also before it is due; null when open. */
  opfyldt: boolean | null;
  afdelinger: { afdeling_id: number; afdeling_navn: string; vaerdi: number | null; opfyldt: boolean | null; skjult: boolean }[];
  forklaring: string;
}

export interface Evaluering {
  aar: number;
  startaar: number;
  maal: MaalVurdering[];
  samlet: SamletIndikator[];
  afdelinger: EvalueretAfdeling[];
  kvoter: { afdelinger: LedgerRow[]; samlet: SumRow | null };
  sammenfatning: string[];
}

// ---- the evaluation ------------------------------------------------------------------------------------------

const Z90 = 1.2815515655446004; // the standard normal's 90 % quantile

interface Cell {
  v: number;
  w: number;
}
function weighted(cells: Cell[]): { value: number | null; weight: number } {
  let s = 0;
  let w = 0;
  for (const c of cells) {
    s += c.v * c.w;
    w += c.w;
  }
  return { value: w > 0 ? r2(s / w) : null, weight: w };
}

export function evaluate(input: EvaluationInput, rules: SuppressionRules): Evaluering {
  const { aar } = input;
  // The year's rates per afdeling, suppressed together with the overall figures they make up.
  type Row = { id: number; husstande: number | null } & Record<string, number | null>;
  const forecastOf = (a: EvaluationAfdelingInput) => ('mangler' in a.prognose ? null : a.prognose);
  const rows: Row[] = input.afdelinger.map((a) => {
    const row: Row = { id: a.afdeling_id, husstande: a.aaretsTal?.husstande ?? null };
    for (const k of MAAL_NOEGLETAL) row[k] = a.aaretsTal?.figures[k] ?? null;
    return row;
  });
  // A forecast starts from the figures of a year before the agreement: it is shown (and compared) only for an
  // afdeling with enough households at the start, by the same rule as its rates.
  const shownForecast = new Map(input.afdelinger.map((a) => [a.afdeling_id, forecastOf(a) !== null && rateAllowed(forecastOf(a)!.enheder, rules) ? forecastOf(a) : null]));
  const forecastFor = (id: number, k: string) => shownForecast.get(id)?.indikatorer.find((i) => i.navn === k);
  const inOverall = (r: Row) => (r.husstande ?? 0) > 0;
  // Published: the overall figure of every afdeling with a figure, and for the forecast indicators the overall
  // figure of those with a forecast; the two together give the figure of the rest, so that is a relation too.
  const isForecastIndicator = (k: string) => (PROGNOSE_INDIKATORER as readonly string[]).includes(k);
  const relations: ColumnRelation<Row>[] = MAAL_NOEGLETAL.flatMap((k): ColumnRelation<Row>[] => [
    { field: k, weight: 'husstande', group: (r) => (inOverall(r) ? 'alle' : null) },
    ...(isForecastIndicator(k)
      ? [
          { field: k, weight: 'husstande', group: (r: Row) => (inOverall(r) && forecastFor(r.id, k) ? 'prognose' : null) },
          { field: k, weight: 'husstande', group: (r: Row) => (inOverall(r) && !forecastFor(r.id, k) ? 'resten' : null) },
        ]
      : []),
  ]);
  const shown = suppressTable(rows, rules, {
    kinds: Object.fromEntries(MAAL_NOEGLETAL.map((k) => [k, 'rate' as const])),
    households: (r) => r.husstande,
    id: (r) => r.id,
    columnRelations: relations,
  });

  const ledgerBy = new Map(input.kvoter.afdelinger.map((r) => [r.afdeling_id, r]));
  const afdelinger: EvalueretAfdeling[] = input.afdelinger.map((a, i) => {
    const s = shown[i];
    const f = forecastOf(a);
    const forecastShown = shownForecast.get(a.afdeling_id) !== null;
    const skjult: string[] = [...s.suppressed];
    if (f && !forecastShown) skjult.push('prognose');
    const names = PROGNOSE_INDIKATORER.filter((k) => k === 'uden_for_arbejde_pct' || a.aaretsTal?.figures[k] != null || f?.indikatorer.some((x) => x.navn === k));
    const indikatorer = names.map((k): IndikatorVurdering => {
      const fi = forecastShown ? f!.indikatorer.find((x) => x.navn === k) : undefined;
      const faktisk = (s[k] as number | null) ?? null;
      const p10 = fi?.p10Pct != null ? r2(fi.p10Pct) : null;
      const p90 = fi?.p90Pct != null ? r2(fi.p90Pct) : null;
      return {
        noegletal: k,
        start_aar: fi ? f!.startaar : null,
        start_pct: fi ? r2(fi.startPct) : null,
        faktisk_pct: faktisk,
        forventet_pct: fi ? r2(fi.forventetPct) : null,
        p10_pct: p10,
        p90_pct: p90,
        i_baandet: faktisk !== null && p10 !== null && p90 !== null ? holds(faktisk, '>=', p10) && holds(faktisk, '<=', p90) : null,
      };
    });
    return {
      afdeling_id: a.afdeling_id,
      afdeling_navn: a.afdeling_navn,
      afdelingsnummer: a.afdelingsnummer,
      boligorganisation_navn: a.boligorganisation_navn,
      boligomraade_kode: a.boligomraade_kode,
      antal_familie: a.antal_familie,
      husstande: a.aaretsTal?.husstande ?? null,
      noegletal: Object.fromEntries(MAAL_NOEGLETAL.map((k) => [k, (s[k] as number | null) ?? null])) as Record<MaalNoegletal, number | null>,
      noegletal_kilde: a.aaretsTal ? { kilde: a.aaretsTal.kilde, opgjort_pr: a.aaretsTal.opgjort_pr } : null,
      indikatorer,
      prognose_mangler: 'mangler' in a.prognose ? a.prognose.mangler : null,
      placering: a.placering,
      redskaber: a.redskaber,
      kategorier: a.kategorier,
      kategorier_aarets_liste: a.kategorier_aarets_liste,
      kvoter: ledgerBy.get(a.afdeling_id) ?? null,
      skjult,
    };
  });

  // Overall, from the unsuppressed figures; hidden by the same rule as a unit's rate.
  const overall = (k: MaalNoegletal) => {
    const cells = rows.flatMap((r) => (r[k] != null && inOverall(r) ? [{ v: r[k] as number, w: r.husstande! }] : []));
    const w = weighted(cells);
    const hidden = cells.length > 0 && !rateAllowed(w.weight, rules);
    return { value: hidden ? null : w.value, n: cells.length, households: w.weight, hidden };
  };
  const indikatorerSamlet = PROGNOSE_INDIKATORER.filter((k) => afdelinger.some((a) => a.indikatorer.some((i) => i.noegletal === k)));
  const samlet: SamletIndikator[] = indikatorerSamlet.map((k) => {
    const o = overall(k);
    // The comparison over the afdelinger with both a shown forecast and a figure of the year.
    const members = input.afdelinger.flatMap((a, i) => {
      const fi = forecastFor(a.afdeling_id, k);
      const v = rows[i][k];
      return fi && v != null && inOverall(rows[i]) ? [{ v, w: rows[i].husstande!, fi }] : [];
    });
    let sammenligning: SamletIndikator['sammenligning'] = null;
    if (members.length) {
      const act = weighted(members.map((m) => ({ v: m.v, w: m.w })));
      const W = act.weight;
      const exp = members.reduce((s, m) => s + (m.fi.forventetPct * m.w) / W, 0);
      let p10: number | null = null;
      let p90: number | null = null;
      let baand: 'afdelingens' | 'normaltilnaermelse' = 'afdelingens';
      if (members.every((m) => m.fi.p10Pct != null && m.fi.p90Pct != null)) {
        if (members.length === 1) {
          p10 = members[0].fi.p10Pct;
          p90 = members[0].fi.p90Pct;
        } else {
          baand = 'normaltilnaermelse';
          const sd = Math.sqrt(members.reduce((s, m) => s + ((m.w / W) * ((m.fi.p90Pct! - m.fi.p10Pct!) / (2 * Z90))) ** 2, 0));
          p10 = exp - Z90 * sd;
          p90 = exp + Z90 * sd;
        }
      }
      // The overall figure less this one gives the figure of the afdelinger without a forecast: it must be
      // publishable itself (enough households, and not one hidden afdeling alone).
      const rest = rows.flatMap((r, i) => (r[k] != null && inOverall(r) && !forecastFor(r.id, k) ? [i] : []));
      const restHouseholds = rest.reduce((sum, i) => sum + rows[i].husstande!, 0);
      const restExposes = rest.length > 0 && (!rateAllowed(restHouseholds, rules) || (rest.length === 1 && shown[rest[0]].suppressed.includes(k)));
      const hidden = !rateAllowed(W, rules) || restExposes;
      const faktisk = hidden ? null : act.value;
      const lo = hidden || p10 === null ? null : r2(p10);
      const hi = hidden || p90 === null ? null : r2(p90);
      sammenligning = {
        afdelinger: members.length,
        husstande: W,
        faktisk_pct: faktisk,
        forventet_pct: hidden ? null : r2(exp),
        p10_pct: lo,
        p90_pct: hi,
        i_baandet: faktisk !== null && lo !== null && hi !== null ? holds(faktisk, '>=', lo) && holds(faktisk, '<=', hi) : null,
        baand,
        skjult: hidden,
      };
    }
    return { noegletal: k, faktisk_pct: o.value, afdelinger_med_tal: o.n, afdelinger: input.afdelinger.length, husstande: o.households, skjult: o.hidden, sammenligning };
  });

  const maal = input.maalsaetninger.map((m, i) => judgeGoal(m, i + 1, aar, overall(m.noegletal), afdelinger));
  const result: Evaluering = { aar, startaar: input.startaar, maal, samlet, afdelinger, kvoter: input.kvoter, sammenfatning: [] };
  result.sammenfatning = summary(result);
  return result;
}

function judgeGoal(m: Maalsaetning, nr: number, aar: number, o: { value: number | null; n: number; hidden: boolean }, afdelinger: EvalueretAfdeling[]): MaalVurdering {
  const due = aar >= m.senest_aar;
  let opfyldt: boolean | null;
  let hidden: boolean;
  let vaerdi: number | null = null;
  let rows: MaalVurdering['afdelinger'] = [];
  if (m.gaelder === 'alle_afdelinger') {
    vaerdi = o.value;
    hidden = o.hidden;
    opfyldt = vaerdi === null ? null : holds(vaerdi, m.operator, m.vaerdi);
  } else {
    rows = m.gaelder.map((id) => {
      const a = afdelinger.find((x) => x.afdeling_id === id);
      const v = a ? a.noegletal[m.noegletal] : null;
      return { afdeling_id: id, afdeling_navn: a?.afdeling_navn ?? `afdeling ${id} (ikke dækket)`, vaerdi: v, opfyldt: v === null ? null : holds(v, m.operator, m.vaerdi), skjult: a?.skjult.includes(m.noegletal) ?? false };
    });
    // A shown "not met" decides; else a missing or hidden figure leaves the goal open.
    opfyldt = rows.some((r) => r.opfyldt === false) ? false : rows.some((r) => r.opfyldt === null) ? null : true;
    hidden = opfyldt === null && rows.some((r) => r.skjult);
  }
  const status: MaalStatus = !due ? 'ikke_forfalden' : opfyldt !== null ? (opfyldt ? 'opfyldt' : 'ikke_opfyldt') : hidden ? 'skjult' : 'intet_tal';
  const hvem = m.gaelder === 'alle_afdelinger' ? 'alle afdelinger samlet (husstandsvægtet)' : rows.map((r) => r.afdeling_navn).join(', ');
  const tallet =
    m.gaelder === 'alle_afdelinger'
      ? hidden ? 'tallet er skjult (for få husstande)' : vaerdi === null ? `intet tal for ${aar}` : `${pct(vaerdi)} i ${aar}${o.n < afdelinger.length ? ` (${o.n} af ${afdelinger.length} afdelinger har tal)` : ''}`
      : rows.map((r) => `${r.afdeling_navn} ${r.skjult ? 'skjult' : pct(r.vaerdi)}`).join(', ') + ` i ${aar}`;
  const dom = !due
    ? `ikke forfaldent før ${m.senest_aar}${opfyldt === null ? '' : opfyldt ? '; tallet opfylder allerede målet' : '; tallet opfylder ikke målet endnu'}`
    : STATUS_TEKST[status];
  return {
    nr,
    maal: m,
    status,
    vaerdi,
    opfyldt,
    afdelinger: rows,
    forklaring: `Mål ${nr}: ${kravTekst(m)} senest ${m.senest_aar} for ${hvem}. ${tallet[0].toUpperCase()}${tallet.slice(1)}: ${dom}.`,
  };
}

function summary(e: Evaluering): string[] {
  const out: string[] = [];
  if (e.maal.length) {
    const count = (s: MaalStatus) => e.maal.filter((m) => m.status === s).length;
    const parts = (['opfyldt', 'ikke_opfyldt', 'ikke_forfalden', 'intet_tal', 'skjult'] as const).filter((s) => count(s) > 0).map((s) => `${count(s)} ${STATUS_TEKST[s]}`);
    out.push(`Aftalens ${e.maal.length} målbare mål i ${e.aar}: ${parts.join(', ')}.`);
  } else out.push('Aftalen har ingen målbare mål (kun mål i fritekst).');
  for (const s of e.samlet) {
    const navn = noegletalNavn(s.noegletal);
    const c = s.sammenligning;
    const faktisk = s.skjult ? 'skjult (for få husstande)' : s.faktisk_pct === null ? `intet tal for ${e.aar}` : `${pct(s.faktisk_pct)} i ${e.aar}`;
    let mod = '';
    if (c && !c.skjult && c.forventet_pct !== null) {
      const over = c.afdelinger < s.afdelinger_med_tal ? ` (sammenlignet over de ${c.afdelinger} afdelinger med prognose: faktisk ${pct(c.faktisk_pct)})` : '';
      const baand = c.p10_pct !== null && c.p90_pct !== null ? `, P10-P90 ${tal(c.p10_pct)}-${tal(c.p90_pct)} %${c.baand === 'normaltilnaermelse' ? ' (tilnærmet)' : ''}` : '';
      const inde = c.i_baandet === null ? '' : c.i_baandet ? ': inden for båndet' : ': uden for båndet';
      mod = `; prognosen fra aftalens start ventede ${pct(c.forventet_pct)}${baand}${over}${inde}`;
    }
    out.push(`${navn[0].toUpperCase()}${navn.slice(1)}, alle afdelinger (husstandsvægtet): ${faktisk}${mod}.`);
  }
  const k = e.kvoter.samlet;
  if (k) {
    const a = k.kvote_anvisning === null ? `${tal(k.kommunal_anvisning)} anvist (ingen kvote for alle afdelinger)` : `${tal(k.kommunal_anvisning)} anvist mod en kvote på ${tal(k.kvote_anvisning)}, afvigelse ${tal(k.afvigelse_anvisning!)}, saldo ${tal(k.saldo_anvisning!)}`;
    const f = k.kvote_fleksibel === null ? `${tal(k.fleksibel_udlejning)} udlejet fleksibelt` : `${tal(k.fleksibel_udlejning)} udlejet mod en kvote på ${tal(k.kvote_fleksibel)}, afvigelse ${tal(k.afvigelse_fleksibel!)}, saldo ${tal(k.saldo_fleksibel!)}`;
    out.push(`Kvoteregnskab ${e.aar} (${tal(k.ledige_familieboliger)} ledige familieboliger): kommunal anvisning ${a}; fleksibel udlejning ${f}. Saldoen løber fra aftalens første år til og med ${e.aar}.`);
  } else out.push(`Kvoteregnskab ${e.aar}: ingen udlejninger registreret for året.`);
  return out;
}
