// Early warning for the next list (src/rules/abl-61a-varsel.ts) from a stored computation's input rows.
import { LawParamError, type Params } from '../../law/params.ts';
import type { OmraadeIndikatorer } from '../../rules/abl-61a.ts';
import { varsel, type Befolkning, type OmraadeVarsel } from '../../rules/abl-61a-varsel.ts';

/** The warning for one area for the list after its latest row; null when the area has no rows or no rules apply. */
export function areaWarning(input: readonly OmraadeIndikatorer[], kode: string, params: Params, population: Map<string, Befolkning>): OmraadeVarsel | null {
  const rows = input.filter((r) => r.omraade_kode === kode);
  if (!rows.length) return null;
  const next = Math.max(...rows.map((r) => r.listeaar)) + 1;
  try {
    return varsel(rows, next, params, { population })[0] ?? null;
  } catch (err) {
    if (err instanceof LawParamError) return null; // no rule in force for the next list: nothing to warn about
    throw err;
  }
}

export function warningSummary(w: OmraadeVarsel) {
  return {
    naeste_listeaar: w.naesteListeaar,
    prognose: w.prognose,
    status: w.kategorier.map((k) => ({ kategori: k.kategori, status: k.status, begrundelse: k.begrundelse })),
    risiko: w.risiko,
  };
}
