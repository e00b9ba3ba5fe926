// The applicant's case (issue 6, item 1): household, benefits month by month, income, need, reason, priority,
// caseworker and a journal. The personal details are one encrypted document; reads are logged by the routes.
import { z } from 'zod';
import { tx, type Db } from '../../db/index.ts';
import type { Actor } from '../../http/access.ts';
import { decrypt, encrypt, type Keyring } from '../../shared/crypto.ts';
import { recordAudit } from '../audit/audit.ts';
import { ROLLER, YDELSESARTER, type Husstand } from '../../rules/anvisning.ts';
import { getAnsoeger } from './personal.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Datoen skal skrives ÅÅÅÅ-MM-DD.' });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Måneden skal skrives ÅÅÅÅ-MM.' });

export const husstandSchema = z.object({
  medlemmer: z
    .array(
      z.object({
        id: z.string().trim().min(1).max(40),
        navn: z.string().trim().max(200).optional(),
        rolle: z.enum(ROLLER as unknown as [string, ...string[]], { error: 'Rollen skal være ansoeger, aegtefaelle, samlever, barn eller andet.' }),
        foedselsdato: isoDate.optional(),
        alder: z.number().int().min(0).max(120).optional(),
        euEoesSchweiz: z.boolean().optional(),
        studerende: z.boolean().optional(),
        loesladelser: z.array(z.object({ dato: isoDate, fra: z.enum(['faengsel', 'ungdomsinstitution']) })).max(20).optional(),
        lejemaalOphaevet: z.array(z.object({ dato: isoDate })).max(20).optional(),
        samleverSiden: isoDate.optional(),
        ydelser: z
          .object({
            oplystFra: month,
            oplystTil: month,
            maaneder: z.array(z.object({ maaned: month, art: z.enum(YDELSESARTER, { error: 'Ukendt ydelse.' }) })).max(600),
          })
          .optional(),
      }),
    )
    .min(1, { error: 'Husstanden skal have mindst ét medlem (ansøgeren).' })
    .max(20)
    .refine((m) => m.filter((x) => x.rolle === 'ansoeger').length === 1, { error: 'Husstanden skal have præcis én ansøger.' }),
  husstandsindkomstAar: z.number().min(0).max(100_000_000).optional(),
  boligstoetteart: z.enum(['boligydelse', 'boligsikring']).optional(),
});

export const sagSchema = z.object({
  husstand: husstandSchema,
  aarsag: z.string().trim().max(5000).default(''),
  oensker_omraader: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  undgaa_omraader: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  prioritet: z.number().int().min(1, { error: 'Prioritet 1-3.' }).max(3, { error: 'Prioritet 1-3.' }),
  sagsbehandler: z.string().trim().max(200).nullable().default(null),
  ansoegt_dato: isoDate,
  vaerelser_min: z.number().int().min(1).max(20).nullable().default(null),
  vaerelser_max: z.number().int().min(1).max(20).nullable().default(null),
  tilgaengelig_behov: z.boolean().default(false),
});
export type SagInput = z.infer<typeof sagSchema>;

export interface Sag extends SagInput {
  id: number;
  antal_personer: number;
  antal_boern: number;
}

/** The personal part, stored encrypted. */
interface Fortrolig {
  husstand: Husstand;
  aarsag: string;
  oensker_omraader: string[];
  undgaa_omraader: string[];
}

export async function readSag(db: Db, ring: Keyring, kommuner: string[], id: number): Promise<Sag | null> {
  const r = await getAnsoeger(db, kommuner, id);
  const row = (await db.pool.query('SELECT sag_enc, prioritet, sagsbehandler, ansoegt_dato, antal_personer, antal_boern, vaerelser_min, vaerelser_max, tilgaengelig_behov FROM ansoeger WHERE id = $1', [r.id])).rows[0];
  const text = decrypt(ring, row.sag_enc);
  if (!text) return null;
  const f = JSON.parse(text) as Fortrolig;
  const { sag_enc: _, ...plain } = row;
  return { id: r.id, ...f, ...plain };
}

export async function saveSag(db: Db, ring: Keyring, actor: Actor, kommuner: string[], id: number, s: SagInput): Promise<void> {
  const r = await getAnsoeger(db, kommuner, id);
  const fortrolig: Fortrolig = { husstand: s.husstand as Husstand, aarsag: s.aarsag, oensker_omraader: s.oensker_omraader, undgaa_omraader: s.undgaa_omraader };
  const boern = s.husstand.medlemmer.filter((m) => m.rolle === 'barn').length;
  await tx(db, async (c) => {
    await c.query(
      `UPDATE ansoeger SET sag_enc = $2, prioritet = $3, sagsbehandler = $4, ansoegt_dato = $5, antal_personer = $6, antal_boern = $7,
         vaerelser_min = $8, vaerelser_max = $9, tilgaengelig_behov = $10 WHERE id = $1`,
      [r.id, encrypt(ring, JSON.stringify(fortrolig)), s.prioritet, s.sagsbehandler, s.ansoegt_dato, s.husstand.medlemmer.length, boern, s.vaerelser_min, s.vaerelser_max, s.tilgaengelig_behov],
    );
    // Personal values never enter the audit log: only which parts were saved and the plain facts.
    await recordAudit(c, actor, {
      action: 'ret-sag',
      entity: 'ansoeger',
      entity_id: r.id,
      kommunekode: r.kommunekode,
      after: { prioritet: s.prioritet, antal_personer: s.husstand.medlemmer.length, antal_boern: boern, felter: ['husstand', 'ydelser', 'indkomst', 'aarsag', 'oensker'] },
    });
    await c.query('INSERT INTO ansoeger_journal (ansoeger_id, af, haendelse) VALUES ($1, $2, $3)', [r.id, actor.username, 'Sagsoplysninger opdateret']);
  });
}

export interface JournalPost {
  id: number;
  at: string;
  af: string;
  haendelse: string;
  tekst: string | null;
}

export async function readJournal(db: Db, ring: Keyring, kommuner: string[], id: number): Promise<JournalPost[]> {
  const r = await getAnsoeger(db, kommuner, id);
  const { rows } = await db.pool.query('SELECT id, at, af, haendelse, tekst_enc FROM ansoeger_journal WHERE ansoeger_id = $1 ORDER BY id DESC', [r.id]);
  return rows.map((x) => ({ id: Number(x.id), at: x.at, af: x.af, haendelse: x.haendelse, tekst: decrypt(ring, x.tekst_enc) }));
}

export async function addJournal(db: Db, ring: Keyring, actor: Actor, kommuner: string[], id: number, p: { haendelse: string; tekst: string | null }): Promise<void> {
  const r = await getAnsoeger(db, kommuner, id);
  await db.pool.query('INSERT INTO ansoeger_journal (ansoeger_id, af, haendelse, tekst_enc) VALUES ($1, $2, $3, $4)', [r.id, actor.username, p.haendelse, encrypt(ring, p.tekst)]);
}

/** The municipality's open cases (or the one with id) with their case data decrypted, for matching; the caller logs the read. */
export async function openCases(db: Db, ring: Keyring, kommunekode: string, id?: number) {
  const { rows } = await db.pool.query(
    `SELECT id, kommunekode, navn_enc, maalgruppe, sag_enc, prioritet, ansoegt_dato, antal_personer, vaerelser_min, vaerelser_max, tilgaengelig_behov
       FROM ansoeger WHERE kommunekode = $1 AND status = 'aaben' AND ($2::bigint IS NULL OR id = $2::bigint) ORDER BY id`,
    [kommunekode, id ?? null],
  );
  return rows.map((r) => {
    const text = decrypt(ring, r.sag_enc);
    return {
      id: Number(r.id),
      kommunekode: r.kommunekode as string,
      navn: decrypt(ring, r.navn_enc),
      maalgruppe: r.maalgruppe as string,
      prioritet: r.prioritet as number,
      ansoegt_dato: r.ansoegt_dato as string,
      antal_personer: r.antal_personer as number,
      vaerelser_min: r.vaerelser_min as number | null,
      vaerelser_max: r.vaerelser_max as number | null,
      tilgaengelig_behov: r.tilgaengelig_behov as boolean,
      husstand: text ? ((JSON.parse(text) as Fortrolig).husstand ?? null) : null,
    };
  });
}
