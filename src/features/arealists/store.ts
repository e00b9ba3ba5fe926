// Computations of the statutory area lists and their results, stored with what they were computed from
// (the area-indicator rows, the parameter fingerprint, who and when), and the ministry's published lists.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { tx, type Db } from '../../db/index.ts';
import type { Actor } from '../../http/access.ts';
import type { Params } from '../../law/params.ts';
import { classifyAll, type Kategori, type Klassifikation, type OmraadeIndikatorer } from '../../rules/abl-61a.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Mangel } from './register-input.ts';

export const kategorier: readonly Kategori[] = ['udsat', 'parallelsamfund', 'omdannelsesomraade', 'forebyggelsesomraade'];
export const kategoriNavn: Record<Kategori, string> = {
  udsat: 'Udsat boligområde',
  parallelsamfund: 'Parallelsamfund',
  omdannelsesomraade: 'Omdannelsesområde',
  forebyggelsesomraade: 'Forebyggelsesområde',
};

export type Kilde = 'register' | 'indikatorfil' | 'personfil';

export interface Beregning {
  id: number;
  kommunekode: string;
  kilde: Kilde;
  kilde_detalje: string | null;
  beregnet_at: string;
  beregnet_af: string;
  parametre_fingeraftryk: string;
  input: OmraadeIndikatorer[];
  mangler: Mangel[];
}

export interface Resultat {
  listeaar: number;
  omraade_kode: string;
  omraade_navn: string;
  uden_etnisk: boolean;
  kategorier: Kategori[];
  resultat: Klassifikation;
}

/** A stable digest of the parameter versions a set of results used: equal digests, equal rules. */
export function fingerprint(results: readonly Klassifikation[]): string {
  const used = new Map<string, string>();
  for (const r of results) for (const p of r.parametre) used.set(`${p.navn}@${p.gyldigFra}`, JSON.stringify(p.vaerdi));
  const text = [...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Both variants of every list year in the rows: as the law reads, and without the ethnic criterion. */
export function computeBoth(rows: readonly OmraadeIndikatorer[], params: Params): { med: Klassifikation[]; uden: Klassifikation[] } {
  return { med: classifyAll(rows, params), uden: classifyAll(rows, params, { withoutEthnicCriterion: true }) };
}

export interface SaveInput {
  kommunekode: string;
  kilde: Kilde;
  kilde_detalje?: string | null;
  rows: OmraadeIndikatorer[];
  mangler: Mangel[];
}

/** Classifies the rows and stores computation and results in one transaction; returns the computation id. */
export async function saveComputation(db: Db, actor: Actor, params: Params, input: SaveInput): Promise<{ id: number; antal: number; listeaar: number[] }> {
  const { med, uden } = computeBoth(input.rows, params);
  const all = [...med, ...uden];
  const listeaar = [...new Set(med.map((r) => r.listeaar))].sort((a, b) => a - b);
  return tx(db, async (c) => {
    const { rows } = await c.query(
      `INSERT INTO liste_beregning (kommunekode, kilde, kilde_detalje, beregnet_af, parametre_fingeraftryk, input, mangler)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [input.kommunekode, input.kilde, input.kilde_detalje ?? null, actor.username, fingerprint(all), JSON.stringify(input.rows), JSON.stringify(input.mangler)],
    );
    const id = Number(rows[0].id);
    if (all.length) {
      const records = all.map((r) => ({
        listeaar: r.listeaar,
        omraade_kode: r.omraade_kode,
        omraade_navn: r.omraade_navn,
        uden_etnisk: r.udenEtniskKriterium,
        kategorier: r.kategorier,
        resultat: r,
      }));
      await c.query(
        `INSERT INTO liste_resultat (beregning_id, listeaar, omraade_kode, omraade_navn, uden_etnisk, kategorier, resultat)
         SELECT $1, x.listeaar, x.omraade_kode, x.omraade_navn, x.uden_etnisk, ARRAY(SELECT jsonb_array_elements_text(x.kategorier)), x.resultat
           FROM jsonb_to_recordset($2::jsonb) AS x(listeaar integer, omraade_kode text, omraade_navn text, uden_etnisk boolean, kategorier jsonb, resultat jsonb)`,
        [id, JSON.stringify(records)],
      );
    }
    await recordAudit(c, actor, {
      action: 'beregn',
      entity: 'liste_beregning',
      entity_id: id,
      kommunekode: input.kommunekode,
      detail: { kilde: input.kilde, kilde_detalje: input.kilde_detalje ?? null, omraader: new Set(input.rows.map((r) => r.omraade_kode)).size, listeaar, mangler: input.mangler.length },
    });
    return { id, antal: med.length, listeaar };
  });
}

const beregningCols = `id, kommunekode, kilde, kilde_detalje, beregnet_at, beregnet_af, parametre_fingeraftryk, input, mangler`;

/** The municipality's current computation: the latest one. */
export async function latestComputation(db: Db, kommunekode: string): Promise<Beregning | null> {
  const { rows } = await db.pool.query(`SELECT ${beregningCols} FROM liste_beregning WHERE kommunekode = $1 ORDER BY id DESC LIMIT 1`, [kommunekode]);
  return (rows[0] as Beregning | undefined) ?? null;
}

export async function getComputation(db: Db, id: number, kommuner: readonly string[]): Promise<Beregning | null> {
  const { rows } = await db.pool.query(`SELECT ${beregningCols} FROM liste_beregning WHERE id = $1 AND kommunekode = ANY($2)`, [id, kommuner]);
  return (rows[0] as Beregning | undefined) ?? null;
}

export async function listComputations(db: Db, kommunekode: string): Promise<Omit<Beregning, 'input' | 'mangler'>[]> {
  const { rows } = await db.pool.query(
    `SELECT id, kommunekode, kilde, kilde_detalje, beregnet_at, beregnet_af, parametre_fingeraftryk
       FROM liste_beregning WHERE kommunekode = $1 ORDER BY id DESC LIMIT 50`,
    [kommunekode],
  );
  return rows;
}

export async function resultsOf(db: Db, beregningId: number, omraadeKode?: string): Promise<Resultat[]> {
  const { rows } = await db.pool.query(
    `SELECT listeaar, omraade_kode, omraade_navn, uden_etnisk, kategorier, resultat FROM liste_resultat
      WHERE beregning_id = $1 AND ($2::text IS NULL OR omraade_kode = $2) ORDER BY omraade_kode, listeaar, uden_etnisk`,
    [beregningId, omraadeKode ?? null],
  );
  return rows;
}

// ---- National convicted averages ----------------------------------------------------------------------

export interface Landsgennemsnit {
  aar: number;
  doemte_pct: number;
  kilde: string;
  opdateret_at: string;
  opdateret_af: string;
}

export async function listLandsgennemsnit(db: Db): Promise<Landsgennemsnit[]> {
  const { rows } = await db.pool.query('SELECT aar, doemte_pct, kilde, opdateret_at, opdateret_af FROM liste_landsgennemsnit ORDER BY aar');
  return rows;
}

export async function setLandsgennemsnit(db: Db, actor: Actor, v: { aar: number; doemte_pct: number; kilde: string }): Promise<Landsgennemsnit> {
  return tx(db, async (c) => {
    const before = (await c.query('SELECT aar, doemte_pct, kilde FROM liste_landsgennemsnit WHERE aar = $1 FOR UPDATE', [v.aar])).rows[0] ?? null;
    const { rows } = await c.query(
      `INSERT INTO liste_landsgennemsnit (aar, doemte_pct, kilde, opdateret_af) VALUES ($1, $2, $3, $4)
       ON CONFLICT (aar) DO UPDATE SET doemte_pct = EXCLUDED.doemte_pct, kilde = EXCLUDED.kilde, opdateret_at = now(), opdateret_af = EXCLUDED.opdateret_af
       RETURNING aar, doemte_pct, kilde, opdateret_at, opdateret_af`,
      [v.aar, v.doemte_pct, v.kilde, actor.username],
    );
    await recordAudit(c, actor, { action: before ? 'ret' : 'opret', entity: 'liste_landsgennemsnit', entity_id: v.aar, before, after: v });
    return rows[0];
  });
}

// ---- Published lists ----------------------------------------------------------------------------------

export interface Offentliggjort {
  listeaar: number;
  omraade_kode: string;
  omraade_navn: string;
  kommunekode: string;
  kategori: Kategori;
}

/**
 * Replaces the published lists of the given municipalities and list years with the rows (all or nothing).
 * `years` are every list year the file holds: a municipality with no area on a year's list gets none.
 */
export async function replacePublished(
  db: Db,
  actor: Actor,
  kilde: string,
  kommuner: readonly string[],
  years: readonly number[],
  rows: readonly Offentliggjort[],
): Promise<void> {
  await tx(db, async (c: pg.PoolClient) => {
    for (const k of kommuner) {
      for (const y of years) {
        const before = await c.query('DELETE FROM liste_offentliggjort WHERE kommunekode = $1 AND listeaar = $2 RETURNING omraade_kode, kategori', [k, y]);
        await c.query(
          `INSERT INTO liste_offentliggjort_aar (kommunekode, listeaar, kilde, indlaest_af) VALUES ($1, $2, $3, $4)
           ON CONFLICT (kommunekode, listeaar) DO UPDATE SET kilde = EXCLUDED.kilde, indlaest_at = now(), indlaest_af = EXCLUDED.indlaest_af`,
          [k, y, kilde, actor.username],
        );
        const mine = rows.filter((r) => r.kommunekode === k && r.listeaar === y);
        if (mine.length) {
          await c.query(
            `INSERT INTO liste_offentliggjort (listeaar, omraade_kode, omraade_navn, kommunekode, kategori, kilde, indlaest_af)
             SELECT x.listeaar, x.omraade_kode, x.omraade_navn, x.kommunekode, x.kategori, $2, $3
               FROM jsonb_to_recordset($1::jsonb) AS x(listeaar integer, omraade_kode text, omraade_navn text, kommunekode text, kategori text)`,
            [JSON.stringify(mine), kilde, actor.username],
          );
        }
        await recordAudit(c, actor, {
          action: 'indlaes',
          entity: 'liste_offentliggjort',
          entity_id: `${k}/${y}`,
          kommunekode: k,
          before: before.rows,
          after: mine.map((r) => ({ omraade_kode: r.omraade_kode, kategori: r.kategori })),
          detail: { kilde },
        });
      }
    }
  });
}

export async function publishedOf(db: Db, kommunekode: string): Promise<{ years: { listeaar: number; kilde: string; indlaest_at: string }[]; rows: Offentliggjort[] }> {
  const years = await db.pool.query(
    'SELECT listeaar, kilde, indlaest_at FROM liste_offentliggjort_aar WHERE kommunekode = $1 ORDER BY listeaar',
    [kommunekode],
  );
  const rows = await db.pool.query(
    'SELECT listeaar, omraade_kode, omraade_navn, kommunekode, kategori FROM liste_offentliggjort WHERE kommunekode = $1 ORDER BY listeaar, omraade_kode, kategori',
    [kommunekode],
  );
  return { years: years.rows, rows: rows.rows };
}
