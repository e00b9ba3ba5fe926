// Reads for the municipality overview: one call loads everything the fact sheet is computed from.
import type { Db } from '../../db/index.ts';
import type { ProvenanceRow } from '../../shared/provenance.ts';
import { getKommune, listBoligomraader, listBoligorganisationer, listNoegletal, type NoegletalRow } from '../register/store.ts';

export interface OverviewData {
  kommune: { kode: string; navn: string; demo: boolean };
  afdelinger: {
    antal_afdelinger: number;
    familie: number;
    ungdom: number;
    aeldre: number;
    pleje: number;
    /** Sum of husleje_pr_m2 * bruttoareal_m2, and the area it covers (afdelinger with both known). */
    huslejeomsaetning: number | null;
    husleje_areal: number | null;
  };
  boligmasse: { aar: number; boliger_i_alt: number } | undefined;
  antal_boligorganisationer: number;
  antal_boligomraader: number;
  /** Every afdeling key-figure row of the kommune, all years (whole groups, for suppression). */
  noegletal: NoegletalRow[];
  provenance: (ProvenanceRow & { datasaet: string })[];
}

export async function loadOverview(db: Db, kommunekode: string): Promise<OverviewData | undefined> {
  const kommune = await getKommune(db, kommunekode);
  if (!kommune) return undefined;
  const afd = await db.pool.query(
    `SELECT count(*)::int AS antal_afdelinger,
            coalesce(sum(antal_familie), 0)::int AS familie, coalesce(sum(antal_ungdom), 0)::int AS ungdom,
            coalesce(sum(antal_aeldre), 0)::int AS aeldre, coalesce(sum(antal_pleje), 0)::int AS pleje,
            sum(husleje_pr_m2 * bruttoareal_m2) AS huslejeomsaetning,
            sum(bruttoareal_m2) FILTER (WHERE husleje_pr_m2 IS NOT NULL) AS husleje_areal
       FROM afdeling WHERE kommunekode = $1`,
    [kommunekode],
  );
  const masse = await db.pool.query(
    'SELECT aar, boliger_i_alt, kilde, opgjort_pr, import_job_id FROM boligmasse WHERE kommunekode = $1 ORDER BY aar DESC LIMIT 1',
    [kommunekode],
  );
  const prov = await db.pool.query(
    `SELECT DISTINCT 'afdelinger' AS datasaet, kilde, opgjort_pr, import_job_id FROM afdeling WHERE kommunekode = $1
     UNION SELECT DISTINCT 'noegletal', kilde, opgjort_pr, import_job_id FROM noegletal WHERE kommunekode = $1 AND afdeling_id IS NOT NULL
     UNION SELECT DISTINCT 'boligomraader', kilde, opgjort_pr, import_job_id FROM boligomraade WHERE kommunekode = $1
     UNION SELECT DISTINCT 'boligmasse', kilde, opgjort_pr, import_job_id FROM boligmasse WHERE kommunekode = $1 AND aar = $2
     ORDER BY 1, 3, 2`,
    [kommunekode, masse.rows[0]?.aar ?? null],
  );
  return {
    kommune,
    afdelinger: afd.rows[0],
    boligmasse: masse.rows[0],
    antal_boligorganisationer: (await listBoligorganisationer(db, { scope: null, kommunekode })).length,
    antal_boligomraader: (await listBoligomraader(db, { scope: null, kommunekode })).length,
    noegletal: await listNoegletal(db, { scope: null, kommunekode, enhed: 'afdeling' }),
    provenance: prov.rows,
  };
}
