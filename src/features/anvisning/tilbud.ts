// Offers of a vacancy to an applicant and their outcome (issue 6, item 4). An offer is only made when the hard
// legal rules allow it (§ 59 stk. 6/7 for the area's category); acceptance with a lease start uses the vacancy
// and closes the case; refusal and no-show leave the vacancy open for the next applicant.
import { tx, type Db } from '../../db/index.ts';
import type { Actor } from '../../http/access.ts';
import { DomainError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.ts';

export const afslagGrunde = { for_dyr: 'For dyr', beliggenhed: 'Beliggenhed', stoerrelse: 'Størrelse', andet_tilbud: 'Har fået en anden bolig', andet: 'Andet' } as const;
export type AfslagGrund = keyof typeof afslagGrunde;

export interface Tilbud {
  id: number;
  kommunekode: string;
  anvisningsbolig_id: number;
  adresse: string;
  ansoeger_id: number;
  status: 'tilbudt' | 'accepteret' | 'afslaaet' | 'udeblevet' | 'annulleret';
  afslag_grund: AfslagGrund | null;
  lejestart: string | null;
  dage_fra_ansoegning: number | null;
  tilbudt_at: string;
  tilbudt_af: string;
  besvaret_at: string | null;
  besvaret_af: string | null;
}

const cols = `t.id, t.kommunekode, t.anvisningsbolig_id, l.adresse, t.ansoeger_id, t.status, t.afslag_grund, t.lejestart, t.dage_fra_ansoegning,
  t.tilbudt_at, t.tilbudt_af, t.besvaret_at, t.besvaret_af`;
const norm = (r: Record<string, unknown>) => ({ ...r, id: Number(r.id), anvisningsbolig_id: Number(r.anvisningsbolig_id), ansoeger_id: Number(r.ansoeger_id) }) as Tilbud;

export async function listTilbud(db: Db, kommuner: string[], f: { ansoeger_id?: number; anvisningsbolig_id?: number }): Promise<Tilbud[]> {
  const { rows } = await db.pool.query(
    `SELECT ${cols} FROM anvisning_tilbud t JOIN anvisningsbolig l ON l.id = t.anvisningsbolig_id
      WHERE t.kommunekode = ANY($1) AND ($2::bigint IS NULL OR t.ansoeger_id = $2) AND ($3::bigint IS NULL OR t.anvisningsbolig_id = $3) ORDER BY t.id DESC`,
    [kommuner, f.ansoeger_id ?? null, f.anvisningsbolig_id ?? null],
  );
  return rows.map(norm);
}

async function getTilbud(db: Db, kommuner: string[], id: number): Promise<Tilbud> {
  const { rows } = await db.pool.query(`SELECT ${cols} FROM anvisning_tilbud t JOIN anvisningsbolig l ON l.id = t.anvisningsbolig_id WHERE t.id = $1 AND t.kommunekode = ANY($2)`, [id, kommuner]);
  if (!rows[0]) throw notFound('Tilbuddet');
  return norm(rows[0]);
}

/** The caller has checked the legal rules; this checks the states and writes. */
export async function createTilbud(db: Db, actor: Actor, kommuner: string[], v: { anvisningsbolig_id: number; ansoeger_id: number }): Promise<Tilbud> {
  const id = await tx(db, async (c) => {
    const bolig = (await c.query('SELECT id, kommunekode, status FROM anvisningsbolig WHERE id = $1 AND kommunekode = ANY($2) FOR UPDATE', [v.anvisningsbolig_id, kommuner])).rows[0];
    if (!bolig) throw notFound('Den ledige bolig');
    if (bolig.status !== 'tilbudt') throw new DomainError('CONFLICT', 'Boligen er ikke længere til rådighed for anvisning.');
    const sag = (await c.query('SELECT id, kommunekode, status FROM ansoeger WHERE id = $1 AND kommunekode = $2', [v.ansoeger_id, bolig.kommunekode])).rows[0];
    if (!sag) throw notFound('Ansøgeren');
    if (sag.status !== 'aaben') throw new DomainError('CONFLICT', 'Sagen er lukket.');
    const open = (await c.query(`SELECT id FROM anvisning_tilbud WHERE anvisningsbolig_id = $1 AND status IN ('tilbudt', 'accepteret')`, [bolig.id])).rows[0];
    if (open) throw new DomainError('CONFLICT', 'Boligen er allerede tilbudt en anden ansøger; afvent svaret eller annullér tilbuddet.');
    const { rows } = await c.query('INSERT INTO anvisning_tilbud (kommunekode, anvisningsbolig_id, ansoeger_id, tilbudt_af) VALUES ($1, $2, $3, $4) RETURNING id', [
      bolig.kommunekode,
      bolig.id,
      sag.id,
      actor.username,
    ]);
    await c.query('INSERT INTO ansoeger_journal (ansoeger_id, af, haendelse) VALUES ($1, $2, $3)', [sag.id, actor.username, `Tilbudt bolig (tilbud ${rows[0].id})`]);
    await recordAudit(c, actor, { action: 'tilbyd', entity: 'anvisning_tilbud', entity_id: rows[0].id, kommunekode: bolig.kommunekode, after: v });
    return Number(rows[0].id);
  });
  return getTilbud(db, kommuner, id);
}

export type Svar = { svar: 'accepteret'; lejestart: string } | { svar: 'afslaaet'; grund: AfslagGrund } | { svar: 'udeblevet' } | { svar: 'annulleret' };

export async function answerTilbud(db: Db, actor: Actor, kommuner: string[], id: number, s: Svar): Promise<Tilbud> {
  await tx(db, async (c) => {
    const t = (await c.query('SELECT t.*, a.ansoegt_dato FROM anvisning_tilbud t JOIN ansoeger a ON a.id = t.ansoeger_id WHERE t.id = $1 AND t.kommunekode = ANY($2) FOR UPDATE OF t', [id, kommuner])).rows[0];
    if (!t) throw notFound('Tilbuddet');
    if (t.status !== 'tilbudt') throw new DomainError('CONFLICT', 'Tilbuddet er allerede besvaret.');
    const lejestart = s.svar === 'accepteret' ? s.lejestart : null;
    const dage = lejestart ? Math.round((Date.parse(lejestart) - Date.parse(t.ansoegt_dato)) / 86_400_000) : null;
    if (dage !== null && dage < 0) throw new DomainError('VALIDATION', 'Lejestarten kan ikke ligge før ansøgningsdatoen.', { fields: [{ field: 'lejestart', message: 'Lejestarten ligger før ansøgningen.' }] });
    await c.query('UPDATE anvisning_tilbud SET status = $2, afslag_grund = $3, lejestart = $4, dage_fra_ansoegning = $5, besvaret_at = now(), besvaret_af = $6 WHERE id = $1', [
      id,
      s.svar,
      s.svar === 'afslaaet' ? s.grund : null,
      lejestart,
      dage,
      actor.username,
    ]);
    const what = { accepteret: `Accepterede tilbud ${id}; lejestart ${lejestart}`, afslaaet: `Afslog tilbud ${id}`, udeblevet: `Udeblev fra tilbud ${id}`, annulleret: `Tilbud ${id} annulleret` }[s.svar];
    await c.query('INSERT INTO ansoeger_journal (ansoeger_id, af, haendelse) VALUES ($1, $2, $3)', [t.ansoeger_id, actor.username, what.slice(0, 80)]);
    if (s.svar === 'accepteret') {
      // The dwelling is used and the case is solved: the case closes, and its personal data follow the retention rule.
      await c.query(`UPDATE anvisningsbolig SET status = 'brugt', besluttet_at = now(), besluttet_af = $2 WHERE id = $1 AND status = 'tilbudt'`, [t.anvisningsbolig_id, actor.username]);
      await c.query(`UPDATE ansoeger SET status = 'lukket', lukket_at = now() WHERE id = $1 AND status = 'aaben'`, [t.ansoeger_id]);
    }
    await recordAudit(c, actor, { action: `svar-${s.svar}`, entity: 'anvisning_tilbud', entity_id: id, kommunekode: t.kommunekode, after: s });
  });
  return getTilbud(db, kommuner, id);
}
