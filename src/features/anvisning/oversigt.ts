// Cheap housing, temporary tools and the committee's statistics for kommunal anvisning (issue 6, items 6-7).
import { tx, type Db } from '../../db/index.ts';
import type { Actor } from '../../http/access.ts';
import { DomainError, notFound } from '../../errors.ts';
import type { Params } from '../../law/params.ts';
import { recordAudit } from '../audit/audit.ts';
import { categoriesForLettingYear } from '../udlejning/store.ts';
import { kategoriNavn } from '../arealists/store.ts';
import type { Kategori } from '../../rules/abl-61a.ts';
import { isSmallCount, type SuppressionRules } from '../../shared/suppression.ts';

/**
 * Counts about persons in a breakdown (decision 005): a count of 1 to min-1 is hidden (null); when exactly one
 * cell is hidden, the smallest other positive cell is hidden too, so the total does not reveal it.
 */
export function suppressBreakdown(rows: { noegle: string; antal: number }[], rules: SuppressionRules): { noegle: string; antal: number | null }[] {
  const hidden = new Set(rows.filter((r) => isSmallCount(r.antal, rules)).map((r) => r.noegle));
  if (hidden.size === 1) {
    const next = rows.filter((r) => !hidden.has(r.noegle) && r.antal > 0).sort((a, b) => a.antal - b.antal || a.noegle.localeCompare(b.noegle))[0];
    if (next) hidden.add(next.noegle);
  }
  return rows.map((r) => ({ noegle: r.noegle, antal: hidden.has(r.noegle) ? null : r.antal }));
}

/** Product setting, not law: the rent bands the municipality asked for (seed 003), kr. per month; configurable per request. */
export const STANDARD_HUSLEJEGRAENSER = [3500, 4000, 4500];

export function bandOf(rent: number, limits: readonly number[]): number {
  const i = limits.findIndex((l) => rent < l);
  return i === -1 ? limits.length : i;
}

export function bandLabels(limits: readonly number[]): string[] {
  const kr = new Intl.NumberFormat('da-DK');
  return [...limits.map((l, i) => (i === 0 ? `under ${kr.format(l)} kr.` : `${kr.format(limits[i - 1])}-${kr.format(l)} kr.`)), `${kr.format(limits.at(-1)!)} kr. og derover`];
}

const areaKey = (ks: readonly Kategori[]) => {
  // The strictest category decides the row: omdannelse > parallelsamfund > udsat > forebyggelse.
  for (const k of ['omdannelsesomraade', 'parallelsamfund', 'udsat', 'forebyggelsesomraade'] as const) if (ks.includes(k)) return kategoriNavn[k];
  return 'Ikke på en liste';
};

/** The municipality's family dwellings by rent band and by the strictest area-list category of their area. */
export async function cheapHousing(db: Db, kommunekode: string, limits: readonly number[], aar: number) {
  const cats = await categoriesForLettingYear(db, kommunekode, aar);
  const { rows } = await db.pool.query(
    `SELECT b.husleje_maaned, (SELECT bo.kode FROM boligomraade_afdeling ba JOIN boligomraade bo ON bo.id = ba.boligomraade_id WHERE ba.afdeling_id = b.afdeling_id LIMIT 1) AS omr
       FROM bolig b WHERE b.kommunekode = $1 AND b.boligtype = 'familie' AND b.status <> 'nedlagt'`,
    [kommunekode],
  );
  const labels = bandLabels(limits);
  const columns = ['Ikke på en liste', ...(['forebyggelsesomraade', 'udsat', 'parallelsamfund', 'omdannelsesomraade'] as const).map((k) => kategoriNavn[k])];
  const counts = labels.map(() => Object.fromEntries(columns.map((c) => [c, 0])) as Record<string, number>);
  for (const r of rows) counts[bandOf(Number(r.husleje_maaned), limits)][areaKey((r.omr && cats.byArea.get(r.omr)) || [])]++;
  return {
    aar,
    kategorier_fra: { listeaar: cats.listeaar, kilde: cats.kilde },
    graenser: limits,
    kolonner: columns,
    raekker: labels.map((label, i) => ({ interval: label, ...counts[i], i_alt: Object.values(counts[i]).reduce((a, b) => a + b, 0) })),
    i_alt: rows.length,
  };
}

// ---- temporary tools -------------------------------------------------------------------------------------

export interface Midlertidig {
  id: number;
  kommunekode: string;
  ansoeger_id: number;
  anvisningsbolig_id: number | null;
  art: 'huslejetilskud' | 'tidsbegraenset_lejemaal' | 'delebolig';
  beloeb_maaned: number | null;
  fra: string;
  til: string;
  opfoelgning: string | null;
  ved_udloeb: string;
  status: 'aktiv' | 'afsluttet';
  /** Days to the end (negative: past); the page warns within 60 days. */
  dage_til_udloeb: number;
  opfoelgning_overskredet: boolean;
}

/** The temporary tools in the municipalities, or of one case (ansoeger_id); the caller logs the read per case. */
export async function listMidlertidige(db: Db, kommuner: string[], today: string, f: { ansoeger_id?: number } = {}): Promise<Midlertidig[]> {
  const { rows } = await db.pool.query(
    `SELECT id, kommunekode, ansoeger_id, anvisningsbolig_id, art, beloeb_maaned, fra, til, opfoelgning, ved_udloeb, status,
            (til - $2::date) AS dage_til_udloeb, (status = 'aktiv' AND opfoelgning IS NOT NULL AND opfoelgning < $2::date) AS opfoelgning_overskredet
       FROM anvisning_midlertidig WHERE kommunekode = ANY($1) AND ($3::bigint IS NULL OR ansoeger_id = $3) ORDER BY status, til, id`,
    [kommuner, today, f.ansoeger_id ?? null],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), ansoeger_id: Number(r.ansoeger_id), anvisningsbolig_id: r.anvisningsbolig_id == null ? null : Number(r.anvisningsbolig_id) }));
}

export async function createMidlertidig(
  db: Db,
  actor: Actor,
  kommuner: string[],
  v: { ansoeger_id: number; anvisningsbolig_id: number | null; art: Midlertidig['art']; beloeb_maaned: number | null; fra: string; til: string; opfoelgning: string | null; ved_udloeb: string },
): Promise<number> {
  if ((v.art === 'huslejetilskud') !== (v.beloeb_maaned !== null)) {
    throw new DomainError('VALIDATION', 'Et midlertidigt huslejetilskud skal have et beløb; de andre ordninger har ikke et.', { fields: [{ field: 'beloeb_maaned', message: 'Beløb pr. måned kun for huslejetilskud.' }] });
  }
  return tx(db, async (c) => {
    const sag = (await c.query('SELECT id, kommunekode FROM ansoeger WHERE id = $1 AND kommunekode = ANY($2)', [v.ansoeger_id, kommuner])).rows[0];
    if (!sag) throw notFound('Ansøgeren');
    const { rows } = await c.query(
      `INSERT INTO anvisning_midlertidig (kommunekode, ansoeger_id, anvisningsbolig_id, art, beloeb_maaned, fra, til, opfoelgning, ved_udloeb, oprettet_af)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [sag.kommunekode, sag.id, v.anvisningsbolig_id, v.art, v.beloeb_maaned, v.fra, v.til, v.opfoelgning, v.ved_udloeb, actor.username],
    );
    await c.query('INSERT INTO ansoeger_journal (ansoeger_id, af, haendelse) VALUES ($1, $2, $3)', [sag.id, actor.username, `Midlertidig ordning: ${v.art} ${v.fra} - ${v.til}`.slice(0, 80)]);
    await recordAudit(c, actor, { action: 'opret', entity: 'anvisning_midlertidig', entity_id: rows[0].id, kommunekode: sag.kommunekode, after: { art: v.art, fra: v.fra, til: v.til, beloeb_maaned: v.beloeb_maaned } });
    return Number(rows[0].id);
  });
}

export async function closeMidlertidig(db: Db, actor: Actor, kommuner: string[], id: number): Promise<void> {
  await tx(db, async (c) => {
    const { rows } = await c.query(`UPDATE anvisning_midlertidig SET status = 'afsluttet' WHERE id = $1 AND kommunekode = ANY($2) AND status = 'aktiv' RETURNING kommunekode`, [id, kommuner]);
    if (!rows[0]) throw notFound('Den aktive ordning');
    await recordAudit(c, actor, { action: 'afslut', entity: 'anvisning_midlertidig', entity_id: id, kommunekode: rows[0].kommunekode });
  });
}

// ---- statistics ------------------------------------------------------------------------------------------

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The committee's figures for a year: anvisninger by target group, rent band and area category; returns and why; waiting times; the share used. */
export async function statistics(db: Db, kommunekode: string, aar: number, limits: readonly number[], params: Params, rules: SuppressionRules) {
  const cats = await categoriesForLettingYear(db, kommunekode, aar);
  const acc = (
    await db.pool.query(
      `SELECT a.maalgruppe, l.husleje_maaned, t.dage_fra_ansoegning,
              (SELECT bo.kode FROM boligomraade_afdeling ba JOIN boligomraade bo ON bo.id = ba.boligomraade_id WHERE ba.afdeling_id = l.afdeling_id LIMIT 1) AS omr
         FROM anvisning_tilbud t JOIN ansoeger a ON a.id = t.ansoeger_id JOIN anvisningsbolig l ON l.id = t.anvisningsbolig_id
        WHERE t.kommunekode = $1 AND t.status = 'accepteret' AND extract(year FROM t.lejestart) = $2`,
      [kommunekode, aar],
    )
  ).rows;
  const count = <T extends string>(xs: T[]) => [...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<T, number>())].map(([k, n]) => ({ noegle: k, antal: n })).sort((a, b) => b.antal - a.antal || a.noegle.localeCompare(b.noegle, 'da'));
  const labels = bandLabels(limits);
  const returned = (
    await db.pool.query(`SELECT retur_grund, count(*)::int AS n FROM anvisningsbolig WHERE kommunekode = $1 AND status = 'returneret' AND extract(year FROM besluttet_at AT TIME ZONE 'Europe/Copenhagen') = $2 GROUP BY retur_grund`, [kommunekode, aar])
  ).rows;
  const offered = (await db.pool.query(`SELECT count(*)::int AS n FROM anvisningsbolig WHERE kommunekode = $1 AND extract(year FROM tilbudt_at AT TIME ZONE 'Europe/Copenhagen') = $2`, [kommunekode, aar])).rows[0].n;
  const lettings = (
    await db.pool.query('SELECT coalesce(sum(ledige_familieboliger), 0)::int AS ledige, coalesce(sum(kommunal_anvisning), 0)::int AS anvist FROM udlejning WHERE kommunekode = $1 AND aar = $2', [kommunekode, aar])
  ).rows[0];
  const hver = params.param('kommunal_anvisning_hver_ntes_bolig', `${aar}-07-01`);
  const days = acc.map((r) => Number(r.dage_fra_ansoegning)).filter((d) => Number.isFinite(d));
  return {
    aar,
    anvisninger: isSmallCount(acc.length, rules) ? null : acc.length,
    efter_maalgruppe: suppressBreakdown(count(acc.map((r) => r.maalgruppe as string)), rules),
    efter_husleje: suppressBreakdown(labels.map((label, i) => ({ noegle: label, antal: acc.filter((r) => bandOf(Number(r.husleje_maaned), limits) === i).length })), rules),
    efter_kategori: suppressBreakdown(count(acc.map((r) => areaKey((r.omr && cats.byArea.get(r.omr)) || []))), rules),
    tilbudte_boliger: offered,
    returnerede: returned.map((r) => ({ noegle: r.retur_grund as string, antal: r.n as number })).sort((a, b) => b.antal - a.antal),
    // With few leases the waiting times describe single persons: hidden like a small count.
    ventetid_dage:
      days.length === 0 || isSmallCount(days.length, rules)
        ? { median: null, gennemsnit: null, laengst: null, skjult: days.length > 0 }
        : { median: median(days), gennemsnit: Math.round(days.reduce((a, b) => a + b, 0) / days.length), laengst: Math.max(...days), skjult: false },
    andel: {
      ledige_familieboliger: lettings.ledige,
      kommunal_anvisning: lettings.anvist,
      brugt_pct: lettings.ledige ? Math.round((1000 * lettings.anvist) / lettings.ledige) / 10 : null,
      ret_pct: Math.round(1000 / hver) / 10,
      ret_grundlag: `§ 59, stk. 1: hver ${hver}. ledige almene familiebolig`,
    },
  };
}
