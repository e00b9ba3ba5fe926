// Vacant dwellings offered to the municipality under its anvisningsret (§ 59): the organisation offers, the
// municipality uses or returns with a reason. An organisation's users see and answer only their own offers.
import { tx, type Db } from '../../db/index.ts';
import type { Actor } from '../../http/access.ts';
import { DomainError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.ts';

export const returGrunde = { for_dyr: 'For dyr', forkert_stoerrelse: 'Forkert størrelse', ingen_egnet_ansoeger: 'Ingen egnet ansøger', andet: 'Andet' } as const;
export type ReturGrund = keyof typeof returGrunde;

export interface Ledig {
  id: number;
  kommunekode: string;
  afdeling_id: number;
  afdeling_navn: string;
  boligorganisation_id: number;
  boligorganisation_navn: string;
  adresse: string;
  vaerelser: number;
  areal_m2: number;
  husleje_maaned: number;
  tilgaengelig: boolean;
  ledig_fra: string;
  svarfrist: string;
  status: 'tilbudt' | 'brugt' | 'returneret';
  retur_grund: ReturGrund | null;
  retur_tekst: string | null;
  tilbudt_at: string;
  tilbudt_af: string;
  besluttet_at: string | null;
  besluttet_af: string | null;
}

/** Who sees which offers: the municipality's anvisning roles see their municipalities, an organisation its own. */
export interface LedigScope {
  kommuner: string[];
  organisationer: number[];
}

const cols = `l.id, l.kommunekode, l.afdeling_id, a.navn AS afdeling_navn, l.boligorganisation_id, o.navn AS boligorganisation_navn, l.adresse,
  l.vaerelser, l.areal_m2, l.husleje_maaned, l.tilgaengelig, l.ledig_fra, l.svarfrist, l.status, l.retur_grund, l.retur_tekst,
  l.tilbudt_at, l.tilbudt_af, l.besluttet_at, l.besluttet_af`;
const from = 'anvisningsbolig l JOIN afdeling a ON a.id = l.afdeling_id JOIN boligorganisation o ON o.id = l.boligorganisation_id';
const scoped = (i: number) => `(l.kommunekode = ANY($${i}) OR l.boligorganisation_id = ANY($${i + 1}))`;

export async function listLedige(db: Db, scope: LedigScope, f: { kommunekode?: string; status?: Ledig['status'] }): Promise<Ledig[]> {
  const { rows } = await db.pool.query(
    `SELECT ${cols} FROM ${from} WHERE ${scoped(1)} AND ($3::text IS NULL OR l.kommunekode = $3) AND ($4::text IS NULL OR l.status = $4)
      ORDER BY l.status = 'tilbudt' DESC, l.svarfrist, l.id`,
    [scope.kommuner, scope.organisationer, f.kommunekode ?? null, f.status ?? null],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), afdeling_id: Number(r.afdeling_id), boligorganisation_id: Number(r.boligorganisation_id) }));
}

export async function getLedig(db: Db, scope: LedigScope, id: number): Promise<Ledig> {
  const { rows } = await db.pool.query(`SELECT ${cols} FROM ${from} WHERE l.id = $3 AND ${scoped(1)}`, [scope.kommuner, scope.organisationer, id]);
  if (!rows[0]) throw notFound('Den ledige bolig');
  return { ...rows[0], id: Number(rows[0].id), afdeling_id: Number(rows[0].afdeling_id), boligorganisation_id: Number(rows[0].boligorganisation_id) };
}

export interface NyLedig {
  afdeling_id: number;
  adresse: string;
  vaerelser: number;
  areal_m2: number;
  husleje_maaned: number;
  tilgaengelig: boolean;
  ledig_fra: string;
  svarfrist: string;
}

/** An offer from an afdeling the user may offer for: its organisation's (organisation role) or in its municipality. */
export async function offerLedig(db: Db, actor: Actor, scope: LedigScope, v: NyLedig): Promise<Ledig> {
  const id = await tx(db, async (c) => {
    const afd = (
      await c.query('SELECT id, kommunekode, boligorganisation_id, antal_familie FROM afdeling WHERE id = $1 AND (kommunekode = ANY($2) OR boligorganisation_id = ANY($3))', [
        v.afdeling_id,
        scope.kommuner,
        scope.organisationer,
      ])
    ).rows[0];
    if (!afd) throw notFound('Afdelingen');
    if (afd.antal_familie === 0) throw new DomainError('VALIDATION', 'Anvisningsretten gælder familieboliger; afdelingen har ingen.', { fields: [{ field: 'afdeling_id', message: 'Vælg en afdeling med familieboliger.' }] });
    const { rows } = await c.query(
      `INSERT INTO anvisningsbolig (kommunekode, afdeling_id, boligorganisation_id, adresse, vaerelser, areal_m2, husleje_maaned, tilgaengelig, ledig_fra, svarfrist, tilbudt_af)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [afd.kommunekode, afd.id, afd.boligorganisation_id, v.adresse, v.vaerelser, v.areal_m2, v.husleje_maaned, v.tilgaengelig, v.ledig_fra, v.svarfrist, actor.username],
    );
    await recordAudit(c, actor, { action: 'tilbyd', entity: 'anvisningsbolig', entity_id: rows[0].id, kommunekode: afd.kommunekode, after: v });
    return Number(rows[0].id);
  });
  return getLedig(db, scope, id);
}

/** The municipality's answer: use the dwelling, or return it with a reason. Only an open offer can be answered. */
export async function decideLedig(db: Db, actor: Actor, kommuner: string[], id: number, d: { brug: true } | { brug: false; grund: ReturGrund; tekst: string | null }): Promise<void> {
  await tx(db, async (c) => {
    const row = (await c.query('SELECT id, kommunekode, status FROM anvisningsbolig WHERE id = $1 AND kommunekode = ANY($2) FOR UPDATE', [id, kommuner])).rows[0];
    if (!row) throw notFound('Den ledige bolig');
    if (row.status !== 'tilbudt') throw new DomainError('CONFLICT', `Boligen er allerede ${row.status === 'brugt' ? 'brugt' : 'returneret'}.`);
    await c.query(
      `UPDATE anvisningsbolig SET status = $2, retur_grund = $3, retur_tekst = $4, besluttet_at = now(), besluttet_af = $5 WHERE id = $1`,
      [id, d.brug ? 'brugt' : 'returneret', d.brug ? null : d.grund, d.brug ? null : d.tekst, actor.username],
    );
    await recordAudit(c, actor, { action: d.brug ? 'brug' : 'returner', entity: 'anvisningsbolig', entity_id: id, kommunekode: row.kommunekode, after: d });
  });
}
