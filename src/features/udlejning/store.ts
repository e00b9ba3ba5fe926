// Udlejningsaftaler in the database: the agreement, its parties and annexes, the afdelinger it covers, their
// yearly step placements (history kept) and the lettings for the quota ledger.
import { tx, type Db } from '../../db/index.ts';
import type { Actor } from '../../http/access.ts';
import { recordAudit } from '../audit/audit.ts';
import { notFound, DomainError } from '../../errors.ts';
import type { Trappemodel } from '../../rules/udlejning.ts';
import type { Kategori } from '../../rules/abl-61a.ts';
import { kategorier as alleKategorier } from '../arealists/store.ts';
import { MAAL_NOEGLETAL, type Maalsaetning } from './evaluation.ts';
import { danishToday } from '../../shared/dansk-tid.ts';

export interface Samarbejde {
  politisk_moede?: string;
  embedsmandsgruppe?: string;
  moededatoer?: string[];
}

export interface Aftale {
  id: number;
  kommunekode: string;
  navn: string;
  gyldig_fra: string;
  gyldig_til: string;
  status: 'udkast' | 'gaeldende' | 'afsluttet';
  fleksibel_udlejning: boolean;
  maal: string;
  maalsaetninger: Maalsaetning[];
  samarbejde: Samarbejde;
  trappemodel: Trappemodel;
  version: number;
  oprettet_at: string;
  oprettet_af: string;
  opdateret_at: string;
  parter: { id: number; navn: string }[];
}

export interface AftaleInput {
  kommunekode: string;
  navn: string;
  gyldig_fra: string;
  gyldig_til: string;
  status: Aftale['status'];
  fleksibel_udlejning: boolean;
  maal: string;
  /** Default: none. */
  maalsaetninger?: Maalsaetning[];
  samarbejde: Samarbejde;
  trappemodel: Trappemodel;
  parter: number[];
  /** On update: the version the client edited (optimistic locking). */
  version?: number;
}

const cols = `a.id, a.kommunekode, a.navn, a.gyldig_fra, a.gyldig_til, a.status, a.fleksibel_udlejning, a.maal, a.maalsaetninger, a.samarbejde, a.trappemodel, a.version,
  a.oprettet_at, a.oprettet_af, a.opdateret_at,
  coalesce((SELECT json_agg(json_build_object('id', o.id, 'navn', o.navn) ORDER BY o.navn) FROM udlejningsaftale_part p JOIN boligorganisation o ON o.id = p.boligorganisation_id WHERE p.aftale_id = a.id), '[]') AS parter`;

export async function listAftaler(db: Db, kommuner: readonly string[]): Promise<Aftale[]> {
  const { rows } = await db.pool.query(`SELECT ${cols} FROM udlejningsaftale a WHERE a.kommunekode = ANY($1) ORDER BY a.gyldig_fra DESC, a.id DESC`, [kommuner]);
  return rows;
}

export async function getAftale(db: Db, id: number, kommuner: readonly string[]): Promise<Aftale> {
  const { rows } = await db.pool.query(`SELECT ${cols} FROM udlejningsaftale a WHERE a.id = $1 AND a.kommunekode = ANY($2)`, [id, kommuner]);
  if (!rows[0]) throw notFound('Udlejningsaftalen');
  return rows[0];
}

export interface AftaleVersion {
  version: number;
  gemt_at: string;
  gemt_af: string;
  /** The agreement as saved in this version. */
  indhold: Omit<Aftale, 'id' | 'kommunekode'> & Partial<Pick<Aftale, 'id' | 'kommunekode'>>;
}

/** Every saved version, newest first; with `version`, that one only (404 if it is not kept). */
export async function aftaleVersioner(db: Db, aftale: Aftale, version?: number): Promise<AftaleVersion[]> {
  const { rows } = await db.pool.query(
    `SELECT version, gemt_at, gemt_af, indhold FROM udlejningsaftale_version WHERE aftale_id = $1 AND ($2::int IS NULL OR version = $2) ORDER BY version DESC`,
    [aftale.id, version ?? null],
  );
  if (version !== undefined && !rows.length) throw notFound(`Version ${version} af aftalen`);
  return rows;
}

async function checkParties(q: { query: Db['pool']['query'] }, kommunekode: string, parter: number[]) {
  const { rows } = await q.query('SELECT id FROM boligorganisation WHERE id = ANY($1) AND kommunekode = $2', [parter, kommunekode]);
  const found = new Set(rows.map((r: { id: number }) => Number(r.id)));
  const missing = parter.filter((p) => !found.has(p));
  if (missing.length) {
    throw new DomainError('VALIDATION', 'En eller flere parter er ikke boligorganisationer i kommunen.', { fields: [{ field: 'parter', message: `Ukendt boligorganisation: ${missing.join(', ')}.` }] });
  }
}

/** A goal for named afdelinger may name only family afdelinger of the agreement's parties in the municipality. */
async function checkGoalAfdelinger(q: { query: Db['pool']['query'] }, input: AftaleInput) {
  const goals = input.maalsaetninger ?? [];
  const named = [...new Set(goals.flatMap((m) => (Array.isArray(m.gaelder) ? m.gaelder : [])))];
  if (!named.length) return;
  const { rows } = await q.query('SELECT id FROM afdeling WHERE id = ANY($1) AND kommunekode = $2 AND antal_familie > 0 AND boligorganisation_id = ANY($3)', [
    named,
    input.kommunekode,
    input.parter,
  ]);
  const found = new Set(rows.map((r: { id: number }) => Number(r.id)));
  const fields = goals.flatMap((m, i) => {
    const missing = Array.isArray(m.gaelder) ? m.gaelder.filter((id) => !found.has(id)) : [];
    return missing.length ? [{ field: `maalsaetninger.${i}.gaelder`, message: `Afdeling ${missing.join(', ')} er ikke en familieafdeling hos en af aftalens parter.` }] : [];
  });
  if (fields.length) throw new DomainError('VALIDATION', 'Et mål gælder en afdeling, som aftalen ikke dækker.', { fields });
}

export async function saveAftale(db: Db, actor: Actor, input: AftaleInput, id?: number): Promise<number> {
  return tx(db, async (c) => {
    await checkParties(c, input.kommunekode, input.parter);
    await checkGoalAfdelinger(c, input);
    let before = null;
    if (id !== undefined) {
      before = (await c.query('SELECT * FROM udlejningsaftale WHERE id = $1 AND kommunekode = $2 FOR UPDATE', [id, input.kommunekode])).rows[0];
      if (!before) throw notFound('Udlejningsaftalen');
      if (input.version !== undefined && input.version !== before.version) {
        throw new DomainError('CONFLICT', `Aftalen er ændret af en anden siden du hentede den (version ${before.version}, du rettede version ${input.version}). Hent den igen, og gentag dine ændringer.`);
      }
      await c.query(
        `UPDATE udlejningsaftale SET navn = $2, gyldig_fra = $3, gyldig_til = $4, status = $5, fleksibel_udlejning = $6, maal = $7, samarbejde = $8,
           trappemodel = $9, maalsaetninger = $10, version = version + 1, opdateret_at = now() WHERE id = $1`,
        [id, input.navn, input.gyldig_fra, input.gyldig_til, input.status, input.fleksibel_udlejning, input.maal, JSON.stringify(input.samarbejde), JSON.stringify(input.trappemodel), JSON.stringify(input.maalsaetninger ?? [])],
      );
      await c.query('DELETE FROM udlejningsaftale_part WHERE aftale_id = $1', [id]);
    } else {
      const { rows } = await c.query(
        `INSERT INTO udlejningsaftale (kommunekode, navn, gyldig_fra, gyldig_til, status, fleksibel_udlejning, maal, samarbejde, trappemodel, maalsaetninger, oprettet_af)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [input.kommunekode, input.navn, input.gyldig_fra, input.gyldig_til, input.status, input.fleksibel_udlejning, input.maal, JSON.stringify(input.samarbejde), JSON.stringify(input.trappemodel), JSON.stringify(input.maalsaetninger ?? []), actor.username],
      );
      id = Number(rows[0].id);
    }
    if (input.parter.length) await c.query('INSERT INTO udlejningsaftale_part (aftale_id, boligorganisation_id) SELECT $1, unnest($2::bigint[])', [id, input.parter]);
    // The version as saved, read back the way getAftale reads it (timestamps as the API writes them), so an old
    // version looks like the agreement did.
    const saved = (await c.query(`SELECT ${cols} FROM udlejningsaftale a WHERE a.id = $1`, [id])).rows[0];
    await c.query('INSERT INTO udlejningsaftale_version (aftale_id, version, indhold, gemt_af) VALUES ($1, $2, $3, $4)', [id, saved.version, JSON.stringify(saved), actor.username]);
    await recordAudit(c, actor, { action: before ? 'ret' : 'opret', entity: 'udlejningsaftale', entity_id: id, kommunekode: input.kommunekode, before, after: input });
    return id!;
  });
}

export async function addBilag(db: Db, actor: Actor, aftale: Aftale, b: { aar: number; titel: string; indhold: string }) {
  return tx(db, async (c) => {
    const { rows } = await c.query(
      'INSERT INTO udlejningsaftale_bilag (aftale_id, aar, titel, indhold, oprettet_af) VALUES ($1, $2, $3, $4, $5) RETURNING id, aar, titel, indhold, oprettet_at, oprettet_af',
      [aftale.id, b.aar, b.titel, b.indhold, actor.username],
    );
    await recordAudit(c, actor, { action: 'opret', entity: 'udlejningsaftale_bilag', entity_id: rows[0].id, kommunekode: aftale.kommunekode, after: b });
    return rows[0];
  });
}

export async function listBilag(db: Db, aftaleId: number) {
  const { rows } = await db.pool.query('SELECT id, aar, titel, indhold, oprettet_at, oprettet_af FROM udlejningsaftale_bilag WHERE aftale_id = $1 ORDER BY aar, id', [aftaleId]);
  return rows as { id: number; aar: number; titel: string; indhold: string; oprettet_at: string; oprettet_af: string }[];
}

/** The family afdelinger the agreement covers (its parties' afdelinger in the municipality) with the figures of one year. */
export interface DaekketAfdeling {
  afdeling_id: number;
  afdeling_navn: string;
  afdelingsnummer: number;
  boligorganisation_id: number;
  boligorganisation_navn: string;
  antal_familie: number;
  boligomraade_kode: string | null;
  noegletal_aar: number | null;
  figures: Record<string, number | null>;
}

/** Covered afdelinger with their latest key figures of a year up to `figuresUpTo`. */
export async function coveredAfdelinger(db: Db, aftale: Aftale, figuresUpTo: number): Promise<DaekketAfdeling[]> {
  const { rows } = await db.pool.query(
    `SELECT a.id AS afdeling_id, a.navn AS afdeling_navn, a.afdelingsnummer, o.id AS boligorganisation_id, o.navn AS boligorganisation_navn, a.antal_familie,
            (SELECT bo.kode FROM boligomraade_afdeling ba JOIN boligomraade bo ON bo.id = ba.boligomraade_id WHERE ba.afdeling_id = a.id LIMIT 1) AS boligomraade_kode,
            n.aar AS noegletal_aar, n.uden_for_arbejde_pct, n.doemte_pct, n.kun_grundskole_pct, n.indkomst_pct_af_region, n.ikke_vestlige_pct, n.fraflytning_pct,
            n.beboere, n.husstande, n.beboere_18_64
       FROM afdeling a JOIN boligorganisation o ON o.id = a.boligorganisation_id
       JOIN udlejningsaftale_part p ON p.boligorganisation_id = o.id AND p.aftale_id = $1
       LEFT JOIN LATERAL (SELECT * FROM noegletal WHERE afdeling_id = a.id AND aar <= $3 ORDER BY aar DESC LIMIT 1) n ON true
      WHERE a.kommunekode = $2 AND a.antal_familie > 0
      ORDER BY o.navn, a.afdelingsnummer`,
    [aftale.id, aftale.kommunekode, figuresUpTo],
  );
  return rows.map((r) => {
    const { afdeling_id, afdeling_navn, afdelingsnummer, boligorganisation_id, boligorganisation_navn, antal_familie, boligomraade_kode, noegletal_aar, ...figures } = r;
    return { afdeling_id: Number(afdeling_id), afdeling_navn, afdelingsnummer, boligorganisation_id: Number(boligorganisation_id), boligorganisation_navn, antal_familie, boligomraade_kode, noegletal_aar, figures };
  });
}

export async function familieboligerIKommunen(db: Db, kommunekode: string): Promise<number> {
  const { rows } = await db.pool.query('SELECT coalesce(sum(antal_familie), 0)::int AS n FROM afdeling WHERE kommunekode = $1', [kommunekode]);
  return rows[0].n;
}

/**
 * The area-list categories that apply to lettings in `aar`: the list of 1 December the year before, as
 * published when that list was imported, else as the municipality computed it. By boligområde code.
 */
export async function categoriesForLettingYear(db: Db, kommunekode: string, aar: number): Promise<{ listeaar: number; kilde: 'offentliggjort' | 'beregnet' | 'ingen'; byArea: Map<string, Kategori[]> }> {
  const listeaar = aar - 1;
  const pub = await db.pool.query('SELECT 1 FROM liste_offentliggjort_aar WHERE kommunekode = $1 AND listeaar = $2', [kommunekode, listeaar]);
  const byArea = new Map<string, Kategori[]>();
  if (pub.rows.length) {
    const { rows } = await db.pool.query('SELECT omraade_kode, kategori FROM liste_offentliggjort WHERE kommunekode = $1 AND listeaar = $2', [kommunekode, listeaar]);
    for (const r of rows) byArea.set(r.omraade_kode, [...(byArea.get(r.omraade_kode) ?? []), r.kategori]);
    return { listeaar, kilde: 'offentliggjort', byArea };
  }
  const { rows } = await db.pool.query(
    `SELECT r.omraade_kode, r.kategorier FROM liste_resultat r
      WHERE r.beregning_id = (SELECT max(id) FROM liste_beregning WHERE kommunekode = $1) AND r.listeaar = $2 AND NOT r.uden_etnisk`,
    [kommunekode, listeaar],
  );
  for (const r of rows) byArea.set(r.omraade_kode, (r.kategorier as Kategori[]).filter((k) => alleKategorier.includes(k)));
  return { listeaar, kilde: rows.length ? 'beregnet' : 'ingen', byArea };
}

export interface PlaceringRow {
  id: number;
  afdeling_id: number;
  aar: number;
  beregnet_trin: string | null;
  trin: string | null;
  manuel: boolean;
  begrundelse: string;
  forklaring: string;
  noegletal_aar: number | null;
  placeret_at: string;
  placeret_af: string;
}

const placeringCols = 'id, afdeling_id, aar, beregnet_trin, trin, manuel, begrundelse, forklaring, noegletal_aar, placeret_at, placeret_af';

/** The placement in force per afdeling and year (the latest row), or the whole history of one afdeling. */
export async function placeringer(db: Db, aftaleId: number, opts: { aar?: number; afdelingId?: number; historik?: boolean } = {}): Promise<PlaceringRow[]> {
  const where = `aftale_id = $1 AND ($2::int IS NULL OR aar = $2) AND ($3::bigint IS NULL OR afdeling_id = $3)`;
  const sql = opts.historik
    ? `SELECT ${placeringCols} FROM trin_placering WHERE ${where} ORDER BY aar DESC, id DESC`
    : `SELECT DISTINCT ON (afdeling_id, aar) ${placeringCols} FROM trin_placering WHERE ${where} ORDER BY afdeling_id, aar, id DESC`;
  const { rows } = await db.pool.query(sql, [aftaleId, opts.aar ?? null, opts.afdelingId ?? null]);
  return rows.map((r) => ({ ...r, id: Number(r.id), afdeling_id: Number(r.afdeling_id) }));
}

export async function insertPlaceringer(
  db: Db,
  actor: Actor,
  action: 'placer' | 'placer-manuelt',
  aftale: Aftale,
  rows: { afdeling_id: number; aar: number; beregnet_trin: string | null; trin: string | null; manuel: boolean; begrundelse: string; forklaring: string; noegletal_aar: number | null }[],
): Promise<void> {
  await tx(db, async (c) => {
    await c.query(
      `INSERT INTO trin_placering (aftale_id, afdeling_id, aar, beregnet_trin, trin, manuel, begrundelse, forklaring, noegletal_aar, placeret_af)
       SELECT $1, x.afdeling_id, x.aar, x.beregnet_trin, x.trin, x.manuel, x.begrundelse, x.forklaring, x.noegletal_aar, $3
         FROM jsonb_to_recordset($2::jsonb) AS x(afdeling_id bigint, aar integer, beregnet_trin text, trin text, manuel boolean, begrundelse text, forklaring text, noegletal_aar integer)`,
      [aftale.id, JSON.stringify(rows), actor.username],
    );
    await recordAudit(c, actor, {
      action,
      entity: 'udlejningsaftale',
      entity_id: aftale.id,
      kommunekode: aftale.kommunekode,
      after: rows.map((r) => ({ afdeling_id: r.afdeling_id, aar: r.aar, trin: r.trin, manuel: r.manuel, begrundelse: r.begrundelse })),
    });
  });
}

export async function lettings(db: Db, afdelingIds: readonly number[], fra: number, til: number) {
  const { rows } = await db.pool.query(
    `SELECT afdeling_id, aar, ledige_familieboliger, venteliste, fleksibel_udlejning, kommunal_anvisning, intern_oprykning, andet
       FROM udlejning WHERE afdeling_id = ANY($1) AND aar BETWEEN $2 AND $3 ORDER BY afdeling_id, aar`,
    [afdelingIds, fra, til],
  );
  return rows.map((r) => ({ ...r, afdeling_id: Number(r.afdeling_id) })) as {
    afdeling_id: number;
    aar: number;
    ledige_familieboliger: number;
    venteliste: number;
    fleksibel_udlejning: number;
    kommunal_anvisning: number;
    intern_oprykning: number;
    andet: number;
  }[];
}

export interface UdlejningInput {
  afdeling_id: number;
  aar: number;
  ledige_familieboliger: number;
  venteliste: number;
  fleksibel_udlejning: number;
  kommunal_anvisning: number;
  intern_oprykning: number;
  andet: number;
}

/** Lettings entered by hand for one afdeling and year (replacing an imported row), audited with before and after. */
export async function saveLetting(db: Db, actor: Actor, kommuner: readonly string[], v: UdlejningInput) {
  return tx(db, async (c) => {
    const afd = (await c.query('SELECT id, kommunekode FROM afdeling WHERE id = $1 AND kommunekode = ANY($2)', [v.afdeling_id, kommuner])).rows[0];
    if (!afd) throw notFound('Afdelingen');
    const before = (await c.query('SELECT * FROM udlejning WHERE afdeling_id = $1 AND aar = $2 FOR UPDATE', [v.afdeling_id, v.aar])).rows[0] ?? null;
    const { rows } = await c.query(
      `INSERT INTO udlejning (afdeling_id, kommunekode, aar, ledige_familieboliger, venteliste, fleksibel_udlejning, kommunal_anvisning, intern_oprykning, andet, kilde, opgjort_pr)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (afdeling_id, aar) DO UPDATE SET ledige_familieboliger = EXCLUDED.ledige_familieboliger, venteliste = EXCLUDED.venteliste,
         fleksibel_udlejning = EXCLUDED.fleksibel_udlejning, kommunal_anvisning = EXCLUDED.kommunal_anvisning, intern_oprykning = EXCLUDED.intern_oprykning,
         andet = EXCLUDED.andet, kilde = EXCLUDED.kilde, opgjort_pr = EXCLUDED.opgjort_pr, import_job_id = NULL
       RETURNING afdeling_id, aar, ledige_familieboliger, venteliste, fleksibel_udlejning, kommunal_anvisning, intern_oprykning, andet, kilde`,
      [v.afdeling_id, afd.kommunekode, v.aar, v.ledige_familieboliger, v.venteliste, v.fleksibel_udlejning, v.kommunal_anvisning, v.intern_oprykning, v.andet, `Indtastet af ${actor.username}`, danishToday()],
    );
    await recordAudit(c, actor, { action: before ? 'ret' : 'opret', entity: 'udlejning', entity_id: `${v.afdeling_id}/${v.aar}`, kommunekode: afd.kommunekode, before, after: v });
    return rows[0];
  });
}

/** An afdeling's lettings summed over its history: vacancies and lettings per channel, and the years they span. */
export interface LettingHistory {
  ledige: number;
  venteliste: number;
  kommunal_anvisning: number;
  fleksibel_udlejning: number;
  intern_oprykning: number;
  andet: number;
  fra_aar: number;
  til_aar: number;
}

/**
 * Lettings summed over all years per afdeling: the history behind the default internal and other shares and the
 * channel mix behind the default in-movers' shares. `before`: only the years before it (the history as it was known
 * when a forecast was made that year).
 */
export async function lettingHistory(db: Db, afdelingIds: readonly number[], before?: number): Promise<Map<number, LettingHistory>> {
  const { rows } = await db.pool.query(
    `SELECT afdeling_id, sum(ledige_familieboliger)::int AS ledige, sum(venteliste)::int AS venteliste, sum(kommunal_anvisning)::int AS kommunal_anvisning,
            sum(fleksibel_udlejning)::int AS fleksibel_udlejning, sum(intern_oprykning)::int AS intern_oprykning, sum(andet)::int AS andet,
            min(aar) AS fra_aar, max(aar) AS til_aar
       FROM udlejning WHERE afdeling_id = ANY($1) AND ($2::int IS NULL OR aar < $2) GROUP BY afdeling_id`,
    [afdelingIds, before ?? null],
  );
  return new Map(
    rows.map((r) => [
      Number(r.afdeling_id),
      {
        ledige: r.ledige,
        venteliste: r.venteliste,
        kommunal_anvisning: r.kommunal_anvisning,
        fleksibel_udlejning: r.fleksibel_udlejning,
        intern_oprykning: r.intern_oprykning,
        andet: r.andet,
        fra_aar: r.fra_aar,
        til_aar: r.til_aar,
      },
    ]),
  );
}

/** One year of the key figures the forecast's history defaults use. */
export interface FigurePoint {
  aar: number;
  uden_for_arbejde_pct: number | null;
  kun_grundskole_pct: number | null;
  fraflytning_pct: number | null;
}

/** How many years of key figures the history defaults look back (product setting, decision 015). */
export const FIGURE_HISTORY_YEARS = 10;

/** Each afdeling's yearly key figures from `upTo - FIGURE_HISTORY_YEARS + 1` up to `upTo`, oldest first. */
export async function figureHistory(db: Db, afdelingIds: readonly number[], upTo: number): Promise<Map<number, FigurePoint[]>> {
  const { rows } = await db.pool.query(
    `SELECT afdeling_id, aar, uden_for_arbejde_pct, kun_grundskole_pct, fraflytning_pct
       FROM noegletal WHERE afdeling_id = ANY($1) AND aar <= $2 AND aar > $2 - $3 ORDER BY afdeling_id, aar`,
    [afdelingIds, upTo, FIGURE_HISTORY_YEARS],
  );
  const out = new Map<number, FigurePoint[]>();
  for (const r of rows) {
    const id = Number(r.afdeling_id);
    const list = out.get(id) ?? [];
    list.push({ aar: r.aar, uden_for_arbejde_pct: r.uden_for_arbejde_pct, kun_grundskole_pct: r.kun_grundskole_pct, fraflytning_pct: r.fraflytning_pct });
    out.set(id, list);
  }
  return out;
}

export interface Kommune {
  kode: string;
  navn: string;
  demo: boolean;
}

export async function kommune(db: Db, kode: string): Promise<Kommune> {
  const { rows } = await db.pool.query('SELECT kode, navn, demo FROM kommune WHERE kode = $1', [kode]);
  if (!rows[0]) throw notFound('Kommunen');
  return rows[0];
}

export interface AaretsTal {
  afdeling_id: number;
  aar: number;
  husstande: number | null;
  beboere_18_64: number | null;
  figures: Record<(typeof MAAL_NOEGLETAL)[number], number | null>;
  kilde: string;
  opgjort_pr: string;
}

/** The key figures of exactly one year per afdeling (no older year stands in), with their provenance. */
export async function figuresOfYear(db: Db, afdelingIds: readonly number[], aar: number): Promise<Map<number, AaretsTal>> {
  const { rows } = await db.pool.query(
    `SELECT afdeling_id, aar, husstande, beboere_18_64, ${MAAL_NOEGLETAL.join(', ')}, kilde, opgjort_pr
       FROM noegletal WHERE afdeling_id = ANY($1) AND aar = $2`,
    [afdelingIds, aar],
  );
  return new Map(
    rows.map((r) => [
      Number(r.afdeling_id),
      {
        afdeling_id: Number(r.afdeling_id),
        aar: r.aar,
        husstande: r.husstande,
        beboere_18_64: r.beboere_18_64,
        figures: Object.fromEntries(MAAL_NOEGLETAL.map((k) => [k, r[k] ?? null])) as AaretsTal['figures'],
        kilde: r.kilde,
        opgjort_pr: r.opgjort_pr,
      },
    ]),
  );
}

/** The latest year with a placement under the agreement, or null. */
export async function latestPlacedYear(db: Db, aftaleId: number): Promise<number | null> {
  const { rows } = await db.pool.query('SELECT max(aar) AS aar FROM trin_placering WHERE aftale_id = $1', [aftaleId]);
  return rows[0]?.aar ?? null;
}
