// The forecast of an afdeling's resident mix under an agreement (src/rules/prognose.ts): its latest figures,
// the channel mix that the step's tools in force give (mandatory tools included), the history of internal
// transfers and other lettings, the list thresholds of § 61 a, stk. 1 as the lines to pass below, and the
// in-movers' shares per channel: the user's own, else defaults from the afdeling's own history (key figures and
// lettings, kanalAndeleFraHistorik), else the generic ones (decision 015).
import type { Params } from '../../law/params.ts';
import { DomainError } from '../../errors.ts';
import {
  HISTORIK_MIN_OVERGANGE,
  HISTORIK_MIN_UDLEJNINGER,
  INTERN,
  KANALER,
  STANDARD_TILFLYTTERANDELE,
  UDEFRA_KANALER,
  kanalAndeleFraHistorik,
  kanalfordelingFraRedskaber,
  tilflytterAndelFraHistorik,
  type IndikatorInput,
  type Kanal,
  type PrognoseInput,
  type PrognoseResultat,
  type Scenarie,
  type UdefraKanal,
} from '../../rules/prognose.ts';
import type { EffektiveRedskaber } from '../../rules/udlejning.ts';
import type { DaekketAfdeling, FigurePoint, LettingHistory } from './store.ts';

export type { LettingHistory } from './store.ts';

/** The indicators forecast for an afdeling: always uden_for_arbejde_pct, kun_grundskole_pct where it has the figure. */
export const FORECAST_INDICATORS = ['uden_for_arbejde_pct', 'kun_grundskole_pct'] as const;
type Indicator = (typeof FORECAST_INDICATORS)[number];

/** Whether an indicator's in-movers' shares got defaults from the afdeling's history, and from what; or why not. */
export type HistoryDefault =
  | {
      brugt: true;
      /** The in-movers' share of all channels together fitted to the key figures (p_hist), percent. */
      samlet_pct: number;
      overgange: number;
      noegletal_fra_aar: number;
      noegletal_til_aar: number;
      udlejninger: number;
      udlejninger_fra_aar: number;
      udlejninger_til_aar: number;
      /** The historical channel mix the average is weighted with, percent of all lettings. */
      kanalfordeling_pct: Record<Kanal, number>;
      /** The solved waiting-list/andet share was clamped to 0 or 100. */
      afskaaret: boolean;
      andele_pct: Partial<Record<UdefraKanal, number>>;
    }
  | { brugt: false; grund: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Per forecast indicator the default in-movers' shares from the afdeling's own history (kanalAndeleFraHistorik,
 * decision 015), or the reason there are none (then the generic behaviour applies).
 */
export function historyDefaults(a: DaekketAfdeling, figures: readonly FigurePoint[] | undefined, lettings: LettingHistory | null | undefined): Partial<Record<Indicator, HistoryDefault>> {
  const out: Partial<Record<Indicator, HistoryDefault>> = {};
  for (const navn of FORECAST_INDICATORS) {
    if (a.figures[navn] == null) continue;
    const points = (figures ?? [])
      .filter((p) => p[navn] != null && p.fraflytning_pct != null)
      .map((p) => ({ aar: p.aar, andelPct: p[navn]!, fraflytningPct: p.fraflytning_pct! }));
    const counts: Partial<Record<Kanal, number>> = lettings ? Object.fromEntries(KANALER.map((k) => [k, lettings[k]])) : {};
    const h = kanalAndeleFraHistorik(navn, points, counts);
    if (h && lettings) {
      out[navn] = {
        brugt: true,
        samlet_pct: h.samletPct,
        overgange: h.overgange,
        noegletal_fra_aar: h.fraAar,
        noegletal_til_aar: h.tilAar,
        udlejninger: h.udlejninger,
        udlejninger_fra_aar: lettings.fra_aar,
        udlejninger_til_aar: lettings.til_aar,
        kanalfordeling_pct: h.kanalfordelingPct,
        afskaaret: h.afskaaret,
        andele_pct: h.andelePct,
      };
      continue;
    }
    const overgange = tilflytterAndelFraHistorik(points)?.overgange ?? 0;
    const udefra = lettings ? KANALER.reduce((t, k) => t + (k === INTERN ? 0 : lettings[k]), 0) : 0;
    const short = [
      overgange < HISTORIK_MIN_OVERGANGE ? `${plural(overgange, 'overgang', 'overgange')} mellem to år i træk med nøgletal (kræver mindst ${HISTORIK_MIN_OVERGANGE})` : null,
      udefra < HISTORIK_MIN_UDLEJNINGER ? `${plural(udefra, 'udlejning', 'udlejninger')} udefra (kræver mindst ${HISTORIK_MIN_UDLEJNINGER})` : null,
    ].filter((x): x is string => x !== null);
    const grund = short.length
      ? `For lidt historik: ${short.join(' og ')}.`
      : lettings && lettings.venteliste + lettings.andet === 0
        ? 'Historikken har ingen udlejninger fra venteliste eller andet, så deres andel kan ikke udledes.'
        : 'Historikken kan ikke skille kanalerne ad for dette nøgletal (ingen generel standardværdi).';
    out[navn] = { brugt: false, grund };
  }
  return out;
}

export interface ForecastScenario {
  navn: string;
  redskaber: Pick<EffektiveRedskaber, 'kommunalAnvisning' | 'fleksibelUdlejning'>;
  /** The user's own in-movers' shares by indicator and channel (this scenario only). */
  tilflyttereAndelPct?: Scenarie['tilflyttereAndelPct'];
}

/** One scenario per named set of tools, e.g. the agreement in force and a draft. */
export function forecastInput(
  a: DaekketAfdeling,
  startaar: number,
  scenarier: ForecastScenario[],
  history: LettingHistory | null,
  params: Params,
  defaults: Partial<Record<Indicator, HistoryDefault>> = {},
): PrognoseInput {
  const f = a.figures;
  const missing = [
    f.husstande == null && f.beboere_18_64 == null ? 'husstande' : null,
    f.fraflytning_pct == null ? 'fraflytningsprocent' : null,
    f.uden_for_arbejde_pct == null ? 'andel uden for arbejdsmarkedet' : null,
  ].filter((x): x is string => x !== null);
  if (missing.length) throw new DomainError('VALIDATION', `${a.afdeling_navn} kan ikke fremskrives: nøgletallene mangler ${missing.join(', ')}.`);
  const date = `${startaar}-12-01`;
  // Only the solved channels (venteliste, andet) go in as the afdeling's own shares: anvisning and fleksibel keep
  // the engine's generic values, so its standardKanaler still names them.
  const own = (navn: Indicator): Pick<IndikatorInput, 'tilflyttereAndelPct'> => {
    const d = defaults[navn];
    return d?.brugt ? { tilflyttereAndelPct: { venteliste: d.andele_pct.venteliste, andet: d.andele_pct.andet } } : {};
  };
  const indikatorer: IndikatorInput[] = [
    // Below the § 61 a, stk. 1, nr. 1 threshold: "overstiger" 40 %, so at or under it is out of the criterion.
    { navn: 'uden_for_arbejde_pct', andelPct: f.uden_for_arbejde_pct!, ...own('uden_for_arbejde_pct'), taerskel: { vaerdiPct: params.param('udsat_udenfor_pct_overstiger', date), operator: '<=' } },
  ];
  if (f.kun_grundskole_pct != null) {
    indikatorer.push({ navn: 'kun_grundskole_pct', andelPct: f.kun_grundskole_pct, ...own('kun_grundskole_pct'), taerskel: { vaerdiPct: params.param('udsat_grundskole_pct_overstiger', date), operator: '<=' } });
  }
  const hist = history && history.ledige > 0 ? { internOprykningPct: (100 * history.intern_oprykning) / history.ledige, andetPct: (100 * history.andet) / history.ledige } : {};
  const s: Scenarie[] = scenarier.map((x) => ({
    navn: x.navn,
    kanalfordelingPct: kanalfordelingFraRedskaber(x.redskaber, hist),
    ...(x.tilflyttereAndelPct ? { tilflyttereAndelPct: x.tilflyttereAndelPct } : {}),
  }));
  return {
    id: String(a.afdeling_id),
    startaar,
    enheder: (f.husstande ?? f.beboere_18_64)!,
    fraflytningPct: f.fraflytning_pct!,
    indikatorer,
    scenarier: s,
  };
}

export type TilflytterKilde = 'historik' | 'standard' | 'bruger';
export interface KanalTilflyttere {
  /** The in-movers' share used, percent (null: the channel has none and lets nothing). */
  andel_pct: number | null;
  kilde: TilflytterKilde;
  forklaring: string;
}

/**
 * Per scenario, indicator and channel (all but intern oprykning, whose in-movers already live there): the
 * in-movers' share the forecast used and where it came from - the user's own ('bruger'), the afdeling's history
 * ('historik'), or the generic behaviour ('standard': the product setting for anvisning and fleksibel, the current
 * share for the waiting list and andet).
 */
export function tilflytterKilder(input: PrognoseInput, r: PrognoseResultat, defaults: Partial<Record<Indicator, HistoryDefault>>) {
  return r.scenarier.map((s, si) => ({
    navn: s.navn,
    indikatorer: Object.fromEntries(
      s.indikatorer.map((ind) => {
        const d = defaults[ind.navn as Indicator];
        const user = input.scenarier[si]?.tilflyttereAndelPct?.[ind.navn] ?? {};
        const channels = Object.fromEntries(
          UDEFRA_KANALER.map((k): [UdefraKanal, KanalTilflyttere] => {
            const andel_pct = ind.tilflyttereAndelPct[k];
            if (user[k] !== undefined) return [k, { andel_pct, kilde: 'bruger', forklaring: 'egen værdi' }];
            if (!ind.standardKanaler.includes(k) && d?.brugt && andel_pct !== null) {
              return [k, { andel_pct, kilde: 'historik', forklaring: `afdelingens historik: nøgletal ${d.noegletal_fra_aar}–${d.noegletal_til_aar} (${plural(d.overgange, 'overgang', 'overgange')}), udlejninger ${d.udlejninger_fra_aar}–${d.udlejninger_til_aar}${d.afskaaret ? ' (afskåret ved 0 eller 100 %)' : ''}` }];
            }
            const generic = STANDARD_TILFLYTTERANDELE[ind.navn]?.[k] !== undefined;
            return [k, { andel_pct, kilde: 'standard', forklaring: generic ? 'generel standardværdi' : andel_pct === null ? 'ingen værdi' : 'afdelingens nuværende andel' }];
          }),
        );
        return [ind.navn, channels];
      }),
    ),
  }));
}
