// The forecast of an afdeling's resident mix under an agreement (src/rules/prognose.ts): its latest figures,
// the channel mix that the step's tools in force give (mandatory tools included), the history of internal
// transfers and other lettings, and the list thresholds of § 61 a, stk. 1 as the lines to pass below.
import type { Params } from '../../law/params.ts';
import { DomainError } from '../../errors.ts';
import { kanalfordelingFraRedskaber, type IndikatorInput, type PrognoseInput, type Scenarie } from '../../rules/prognose.ts';
import type { EffektiveRedskaber } from '../../rules/udlejning.ts';
import type { DaekketAfdeling } from './store.ts';

export interface LettingHistory {
  ledige: number;
  intern_oprykning: number;
  andet: number;
}

/** One scenario per named set of tools, e.g. the agreement in force and a draft. */
export function forecastInput(
  a: DaekketAfdeling,
  startaar: number,
  scenarier: { navn: string; redskaber: Pick<EffektiveRedskaber, 'kommunalAnvisning' | 'fleksibelUdlejning'> }[],
  history: LettingHistory | null,
  params: Params,
): PrognoseInput {
  const f = a.figures;
  const missing = [
    f.husstande == null && f.beboere_18_64 == null ? 'husstande' : null,
    f.fraflytning_pct == null ? 'fraflytningsprocent' : null,
    f.uden_for_arbejde_pct == null ? 'andel uden for arbejdsmarkedet' : null,
  ].filter((x): x is string => x !== null);
  if (missing.length) throw new DomainError('VALIDATION', `${a.afdeling_navn} kan ikke fremskrives: nøgletallene mangler ${missing.join(', ')}.`);
  const date = `${startaar}-12-01`;
  const indikatorer: IndikatorInput[] = [
    // Below the § 61 a, stk. 1, nr. 1 threshold: "overstiger" 40 %, so at or under it is out of the criterion.
    { navn: 'uden_for_arbejde_pct', andelPct: f.uden_for_arbejde_pct!, taerskel: { vaerdiPct: params.param('udsat_udenfor_pct_overstiger', date), operator: '<=' } },
  ];
  if (f.kun_grundskole_pct != null) {
    indikatorer.push({ navn: 'kun_grundskole_pct', andelPct: f.kun_grundskole_pct, taerskel: { vaerdiPct: params.param('udsat_grundskole_pct_overstiger', date), operator: '<=' } });
  }
  const hist = history && history.ledige > 0 ? { internOprykningPct: (100 * history.intern_oprykning) / history.ledige, andetPct: (100 * history.andet) / history.ledige } : {};
  const s: Scenarie[] = scenarier.map((x) => ({ navn: x.navn, kanalfordelingPct: kanalfordelingFraRedskaber(x.redskaber, hist) }));
  return {
    id: String(a.afdeling_id),
    startaar,
    enheder: (f.husstande ?? f.beboere_18_64)!,
    fraflytningPct: f.fraflytning_pct!,
    indikatorer,
    scenarier: s,
  };
}
