// The register's key figures per boligområde as area-indicator rows (issue 4, input a): for the list of
// 1 December L, residents at 1 January L, the two-year figures from the data years D-1 and D and the
// single-year figures from D, where D = L - `metode_seneste_dataaar_foer_listeaar` (UNVERIFIED method
// parameter). The national convicted averages come from liste_landsgennemsnit. An area-year with a figure
// missing is not guessed: it is reported with the fields that are missing.
import type { Db } from '../../db/index.ts';
import type { Params } from '../../law/params.ts';
import type { OmraadeIndikatorer } from '../../rules/abl-61a.ts';

export interface Mangel {
  omraade_kode: string;
  omraade_navn: string;
  listeaar: number;
  /** Danish descriptions of the missing figures, e.g. "dømte 2022". */
  felter: string[];
}

/** Figures of one boligområde for one year, as stored in noegletal. */
export interface AreaYear {
  aar: number;
  beboere: number | null;
  beboere_18_64: number | null;
  beboere_65_plus: number | null;
  uden_for_arbejde_pct: number | null;
  doemte_pct: number | null;
  kun_grundskole_pct: number | null;
  indkomst_pct_af_region: number | null;
  ikke_vestlige_pct: number | null;
}

export interface AreaFigures {
  kode: string;
  navn: string;
  kommunekode: string;
  years: AreaYear[];
}

const LAG = 'metode_seneste_dataaar_foer_listeaar';

/** The data years a list year uses: [older, latest]. */
export function dataYears(listeaar: number, params: Params): [number, number] {
  const d = listeaar - params.param(LAG, `${listeaar}-12-01`);
  return [d - 1, d];
}

/**
 * Builds area-indicator rows for every list year the figures cover (from the first year with both data
 * years to the latest year with residents at 1 January), and the area-years that lack a figure.
 * List years before any rule is in force are skipped.
 */
export function indicatorsFromFigures(areas: readonly AreaFigures[], landsgns: ReadonlyMap<number, number>, params: Params) {
  const rows: OmraadeIndikatorer[] = [];
  const mangler: Mangel[] = [];
  for (const a of areas) {
    if (a.years.length === 0) continue;
    const byYear = new Map(a.years.map((y) => [y.aar, y]));
    const first = Math.min(...a.years.map((y) => y.aar));
    const last = Math.max(...a.years.map((y) => y.aar));
    for (let L = first; L <= last; L++) {
      const date = `${L}-12-01`;
      if (!params.inForce(LAG, date) || !params.inForce('boligomraade_min_beboere', date)) continue;
      const [d1, d2] = dataYears(L, params);
      if (d1 < first) continue;
      const missing: string[] = [];
      const get = (aar: number, field: keyof Omit<AreaYear, 'aar'>, label: string): number => {
        const v = byYear.get(aar)?.[field];
        if (v == null) {
          missing.push(`${label} ${aar}`);
          return NaN;
        }
        return v;
      };
      const nat = (aar: number) => {
        const v = landsgns.get(aar);
        if (v === undefined) missing.push(`landsgennemsnit for dømte ${aar}`);
        return v ?? NaN;
      };
      const row: OmraadeIndikatorer = {
        listeaar: L,
        omraade_kode: a.kode,
        omraade_navn: a.navn,
        kommunekode: Number(a.kommunekode),
        beboere: get(L, 'beboere', 'beboere pr. 1. januar'),
        ikkevestlige_pct: get(d2, 'ikke_vestlige_pct', 'ikke-vestlige'),
        udenfor_pct_aar1: get(d1, 'uden_for_arbejde_pct', 'uden for arbejde/uddannelse'),
        udenfor_pct_aar2: get(d2, 'uden_for_arbejde_pct', 'uden for arbejde/uddannelse'),
        doemte_pct_aar1: get(d1, 'doemte_pct', 'dømte'),
        doemte_pct_aar2: get(d2, 'doemte_pct', 'dømte'),
        doemte_landsgns_pct_aar1: nat(d1),
        doemte_landsgns_pct_aar2: nat(d2),
        grundskole_pct: get(d2, 'kun_grundskole_pct', 'kun grundskole'),
        indkomst_pct_af_region: get(d2, 'indkomst_pct_af_region', 'indkomst'),
      };
      if (missing.length) mangler.push({ omraade_kode: a.kode, omraade_navn: a.navn, listeaar: L, felter: missing });
      else rows.push(row);
    }
  }
  return { rows, mangler };
}

/** The register's boligområder of one municipality with their yearly key figures. */
export async function loadAreaFigures(db: Db, kommunekode: string): Promise<AreaFigures[]> {
  const { rows } = await db.pool.query(
    `SELECT o.kode, o.navn, o.kommunekode, n.aar, n.beboere, n.beboere_18_64, n.beboere_65_plus, n.uden_for_arbejde_pct,
            n.doemte_pct, n.kun_grundskole_pct, n.indkomst_pct_af_region, n.ikke_vestlige_pct
       FROM boligomraade o LEFT JOIN noegletal n ON n.boligomraade_id = o.id
      WHERE o.kommunekode = $1 ORDER BY o.kode, n.aar`,
    [kommunekode],
  );
  const out = new Map<string, AreaFigures>();
  for (const r of rows) {
    let a = out.get(r.kode);
    if (!a) out.set(r.kode, (a = { kode: r.kode, navn: r.navn, kommunekode: r.kommunekode, years: [] }));
    if (r.aar != null) a.years.push(r as AreaYear);
  }
  return [...out.values()];
}

export async function loadLandsgennemsnit(db: Db): Promise<Map<number, number>> {
  const { rows } = await db.pool.query('SELECT aar, doemte_pct FROM liste_landsgennemsnit');
  return new Map(rows.map((r) => [r.aar as number, r.doemte_pct as number]));
}
