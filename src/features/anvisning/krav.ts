// The municipality's liabilities for dwellings at its disposal (issue 6, item 5): claims from the organisations,
// the municipality's decision and payment, and the balance per organisation. An organisation sees its own claims.
import { tx, type Db } from '../../db/index.ts';
import type { Actor } from '../../http/access.ts';
import { DomainError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.ts';
import type { LedigScope } from './ledige.ts';

export const kravArter = { tomgangsleje: 'Tomgangsleje', istandsaettelse: 'Istandsættelse ved fraflytning', restance: 'Restance (første år)', andet: 'Andet' } as const;
export type KravArt = keyof typeof kravArter;

export interface Krav {
  id: number;
  kommunekode: string;
  boligorganisation_id: number;
  boligorganisation_navn: string;
  anvisningsbolig_id: number | null;
  adresse: string | null;
  art: KravArt;
  beloeb: number;
  periode_fra: string | null;
  periode_til: string | null;
  beskrivelse: string;
  status: 'modtaget' | 'godkendt' | 'afvist' | 'betalt';
  godkendt_beloeb: number | null;
  afvist_grund: string | null;
  betalt_dato: string | null;
  oprettet_at: string;
  oprettet_af: string;
}

const cols = `k.id, k.kommunekode, k.boligorganisation_id, o.navn AS boligorganisation_navn, k.anvisningsbolig_id, l.adresse, k.art, k.beloeb,
  k.periode_fra, k.periode_til, k.beskrivelse, k.status, k.godkendt_beloeb, k.afvist_grund, k.betalt_dato, k.oprettet_at, k.oprettet_af`;
const from = 'anvisning_krav k JOIN boligorganisation o ON o.id = k.boligorganisation_id LEFT JOIN anvisningsbolig l ON l.id = k.anvisningsbolig_id';
const norm = (r: Record<string, unknown>) =>
  ({ ...r, id: Number(r.id), boligorganisation_id: Number(r.boligorganisation_id), anvisningsbolig_id: r.anvisningsbolig_id == null ? null : Number(r.anvisningsbolig_id) }) as Krav;

/** The claims the scope sees, optionally of one municipality (a user of several chooses one), status or organisation. */
export async function listKrav(db: Db, scope: LedigScope, f: { kommunekode?: string; status?: Krav['status']; boligorganisation_id?: number }): Promise<Krav[]> {
  const { rows } = await db.pool.query(
    `SELECT ${cols} FROM ${from} WHERE (k.kommunekode = ANY($1) OR k.boligorganisation_id = ANY($2)) AND ($3::text IS NULL OR k.status = $3)
       AND ($4::bigint IS NULL OR k.boligorganisation_id = $4) AND ($5::text IS NULL OR k.kommunekode = $5) ORDER BY k.id DESC`,
    [scope.kommuner, scope.organisationer, f.status ?? null, f.boligorganisation_id ?? null, f.kommunekode ?? null],
  );
  return rows.map(norm);
}

export interface NytKrav {
  boligorganisation_id: number;
  anvisningsbolig_id: number | null;
  art: KravArt;
  beloeb: number;
  periode_fra: string | null;
  periode_til: string | null;
  beskrivelse: string;
}

/** A claim from an organisation (its own users, or the municipality registering it on its behalf). */
export async function createKrav(db: Db, actor: Actor, scope: LedigScope, v: NytKrav): Promise<Krav> {
  const id = await tx(db, async (c) => {
    let kommunekode: string;
    if (v.anvisningsbolig_id !== null) {
      const l = (await c.query('SELECT kommunekode, boligorganisation_id FROM anvisningsbolig WHERE id = $1 AND (kommunekode = ANY($2) OR boligorganisation_id = ANY($3))', [v.anvisningsbolig_id, scope.kommuner, scope.organisationer])).rows[0];
      if (!l) throw notFound('Boligen');
      if (Number(l.boligorganisation_id) !== v.boligorganisation_id) throw new DomainError('VALIDATION', 'Boligen hører til en anden boligorganisation.', { fields: [{ field: 'anvisningsbolig_id', message: 'Vælg en af organisationens boliger.' }] });
      kommunekode = l.kommunekode;
    } else {
      const o = (await c.query('SELECT kommunekode FROM boligorganisation WHERE id = $1 AND (kommunekode = ANY($2) OR id = ANY($3))', [v.boligorganisation_id, scope.kommuner, scope.organisationer])).rows[0];
      if (!o) throw notFound('Boligorganisationen');
      kommunekode = o.kommunekode;
    }
    const { rows } = await c.query(
      `INSERT INTO anvisning_krav (kommunekode, boligorganisation_id, anvisningsbolig_id, art, beloeb, periode_fra, periode_til, beskrivelse, oprettet_af)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [kommunekode, v.boligorganisation_id, v.anvisningsbolig_id, v.art, v.beloeb, v.periode_fra, v.periode_til, v.beskrivelse, actor.username],
    );
    await recordAudit(c, actor, { action: 'opret', entity: 'anvisning_krav', entity_id: rows[0].id, kommunekode, after: v });
    return Number(rows[0].id);
  });
  return (await listKrav(db, scope, {})).find((k) => k.id === id)!;
}

export type Afgoerelse = { status: 'godkendt'; godkendt_beloeb: number } | { status: 'afvist'; grund: string } | { status: 'betalt'; betalt_dato: string };

/** The municipality's decision; payment only after approval; a decided claim cannot be decided again except paid. */
export async function decideKrav(db: Db, actor: Actor, kommuner: string[], id: number, d: Afgoerelse): Promise<void> {
  await tx(db, async (c) => {
    const k = (await c.query('SELECT id, kommunekode, status, beloeb FROM anvisning_krav WHERE id = $1 AND kommunekode = ANY($2) FOR UPDATE', [id, kommuner])).rows[0];
    if (!k) throw notFound('Kravet');
    const allowed = d.status === 'betalt' ? k.status === 'godkendt' : k.status === 'modtaget';
    if (!allowed) throw new DomainError('CONFLICT', d.status === 'betalt' ? 'Kun et godkendt krav kan betales.' : `Kravet er allerede ${k.status}.`);
    if (d.status === 'godkendt' && d.godkendt_beloeb > Number(k.beloeb)) {
      throw new DomainError('VALIDATION', 'Det godkendte beløb kan ikke være større end kravet.', { fields: [{ field: 'godkendt_beloeb', message: `Højst ${k.beloeb} kr.` }] });
    }
    if (d.status === 'godkendt') await c.query(`UPDATE anvisning_krav SET status = 'godkendt', godkendt_beloeb = $2, behandlet_at = now(), behandlet_af = $3 WHERE id = $1`, [id, d.godkendt_beloeb, actor.username]);
    else if (d.status === 'afvist') await c.query(`UPDATE anvisning_krav SET status = 'afvist', afvist_grund = $2, behandlet_at = now(), behandlet_af = $3 WHERE id = $1`, [id, d.grund, actor.username]);
    else await c.query(`UPDATE anvisning_krav SET status = 'betalt', betalt_dato = $2, behandlet_at = now(), behandlet_af = $3 WHERE id = $1`, [id, d.betalt_dato, actor.username]);
    await recordAudit(c, actor, { action: d.status, entity: 'anvisning_krav', entity_id: id, kommunekode: k.kommunekode, before: { status: k.status }, after: d });
  });
}

export interface Saldo {
  boligorganisation_id: number;
  boligorganisation_navn: string;
  kraevet: number;
  til_behandling: number;
  godkendt_ubetalt: number;
  betalt: number;
  afvist: number;
}

/** Per organisation: claimed, awaiting decision, approved and unpaid (what the municipality owes now), paid, rejected. */
export function balances(krav: readonly Krav[]): Saldo[] {
  const by = new Map<number, Saldo>();
  for (const k of krav) {
    const s = by.get(k.boligorganisation_id) ?? { boligorganisation_id: k.boligorganisation_id, boligorganisation_navn: k.boligorganisation_navn, kraevet: 0, til_behandling: 0, godkendt_ubetalt: 0, betalt: 0, afvist: 0 };
    const b = Number(k.beloeb);
    s.kraevet += b;
    if (k.status === 'modtaget') s.til_behandling += b;
    if (k.status === 'godkendt') s.godkendt_ubetalt += Number(k.godkendt_beloeb);
    if (k.status === 'betalt') s.betalt += Number(k.godkendt_beloeb);
    if (k.status === 'afvist') s.afvist += b;
    by.set(k.boligorganisation_id, s);
  }
  const r2 = (n: number) => Math.round(n * 100) / 100;
  return [...by.values()].map((s) => ({ ...s, kraevet: r2(s.kraevet), til_behandling: r2(s.til_behandling), godkendt_ubetalt: r2(s.godkendt_ubetalt), betalt: r2(s.betalt), afvist: r2(s.afvist) })).sort((a, b) => a.boligorganisation_navn.localeCompare(b.boligorganisation_navn, 'da'));
}
