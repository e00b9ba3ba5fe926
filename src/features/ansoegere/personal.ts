// Applicants' personal data: encrypted at rest, masked when shown, revealed only on request (logged),
// anonymised after the retention period. Only the role boliganvisning reaches these functions.
import type { Db } from '../../db/index.ts';
import { tx } from '../../db/index.ts';
import { DomainError } from '../../errors.ts';
import type { Actor } from '../../http/access.ts';
import { decrypt, encrypt, keyIdOf, type Keyring } from '../../shared/crypto.ts';
import { recordAudit } from '../audit/audit.ts';

export const encryptedColumns = ['cpr_enc', 'navn_enc', 'telefon_enc', 'email_enc', 'sag_enc'] as const;

/** DDMMYY-SSSS with a real day and month; the serial's checksum is not used since 2007. */
export function normaliseCpr(input: string): string {
  const digits = input.replace(/[\s-]/g, '');
  const dd = Number(digits.slice(0, 2));
  const mm = Number(digits.slice(2, 4));
  if (!/^[0-9]{10}$/.test(digits) || mm < 1 || mm > 12 || dd < 1 || dd > 31) {
    throw new DomainError('VALIDATION', 'CPR-nummeret skal have formen DDMMÅÅ-XXXX.', {
      fields: [{ field: 'cpr', message: 'Ugyldigt CPR-nummer' }],
    });
  }
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** Only the birth date part is shown unless the user reveals the number. */
export const maskCpr = (cpr: string | null): string | null => (cpr ? `${cpr.slice(0, 6)}-****` : null);

export interface AnsoegerRow {
  id: number;
  kommunekode: string;
  cpr_enc: string | null;
  navn_enc: string | null;
  telefon_enc: string | null;
  email_enc: string | null;
  maalgruppe: string;
  status: 'aaben' | 'lukket';
  oprettet_at: string;
  lukket_at: string | null;
  anonymiseret_at: string | null;
  prioritet: number;
  ansoegt_dato: string;
}

export interface AnsoegerView {
  id: number;
  kommunekode: string;
  cpr: string | null;
  navn: string | null;
  telefon: string | null;
  email: string | null;
  maalgruppe: string;
  status: 'aaben' | 'lukket';
  oprettet: string;
  lukket: string | null;
  anonymiseret: boolean;
  prioritet: number;
  ansoegt_dato: string;
}

export function present(ring: Keyring, r: AnsoegerRow, revealCpr = false): AnsoegerView {
  const cpr = decrypt(ring, r.cpr_enc);
  return {
    id: r.id,
    kommunekode: r.kommunekode,
    cpr: revealCpr ? cpr : maskCpr(cpr),
    navn: decrypt(ring, r.navn_enc),
    telefon: decrypt(ring, r.telefon_enc),
    email: decrypt(ring, r.email_enc),
    maalgruppe: r.maalgruppe,
    status: r.status,
    oprettet: r.oprettet_at,
    lukket: r.lukket_at,
    anonymiseret: r.anonymiseret_at != null,
    prioritet: r.prioritet,
    ansoegt_dato: r.ansoegt_dato,
  };
}

export interface NewAnsoeger {
  kommunekode: string;
  cpr: string;
  navn: string;
  telefon?: string | null;
  email?: string | null;
  maalgruppe: string;
}

export async function createAnsoeger(db: Db, ring: Keyring, actor: Actor, a: NewAnsoeger): Promise<AnsoegerRow> {
  const cpr = normaliseCpr(a.cpr);
  return tx(db, async (c) => {
    const { rows } = await c.query(
      `INSERT INTO ansoeger (kommunekode, cpr_enc, navn_enc, telefon_enc, email_enc, maalgruppe)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [a.kommunekode, encrypt(ring, cpr), encrypt(ring, a.navn), encrypt(ring, a.telefon ?? null), encrypt(ring, a.email ?? null), a.maalgruppe],
    );
    // Personal values never enter the audit log; only that they were registered.
    await recordAudit(c, actor, {
      action: 'opret',
      entity: 'ansoeger',
      entity_id: rows[0].id,
      kommunekode: a.kommunekode,
      after: { maalgruppe: a.maalgruppe, cpr: maskCpr(cpr), felter: ['cpr', 'navn', ...(a.telefon ? ['telefon'] : []), ...(a.email ? ['email'] : [])] },
    });
    return rows[0];
  });
}

export async function listAnsoegere(db: Db, kommuner: string[], status?: string): Promise<AnsoegerRow[]> {
  const { rows } = await db.pool.query(
    `SELECT * FROM ansoeger WHERE kommunekode = ANY($1) AND ($2::text IS NULL OR status = $2) ORDER BY id`,
    [kommuner, status ?? null],
  );
  return rows;
}

/** One applicant in the user's municipalities; 404 otherwise, so existence elsewhere does not leak. */
export async function getAnsoeger(db: Db, kommuner: string[], id: number): Promise<AnsoegerRow> {
  const { rows } = await db.pool.query('SELECT * FROM ansoeger WHERE id = $1 AND kommunekode = ANY($2)', [id, kommuner]);
  if (!rows[0]) throw new DomainError('NOT_FOUND', 'Ansøgeren findes ikke.');
  return rows[0];
}

export async function logRead(db: Db, actor: Actor, action: 'laes' | 'vis-cpr' | 'laes-sag' | 'laes-journal', rows: readonly Pick<AnsoegerRow, 'id' | 'kommunekode'>[]): Promise<void> {
  const kommuner = [...new Set(rows.map((r) => r.kommunekode))];
  for (const k of kommuner) {
    const ids = rows.filter((r) => r.kommunekode === k).map((r) => r.id);
    await recordAudit(db.pool, actor, {
      action,
      entity: 'ansoeger',
      entity_id: ids.length === 1 ? ids[0] : null,
      kommunekode: k,
      detail: { ids },
    });
  }
}

export async function closeAnsoeger(db: Db, actor: Actor, kommuner: string[], id: number): Promise<AnsoegerRow> {
  return tx(db, async (c) => {
    const { rows } = await c.query(
      `UPDATE ansoeger SET status = 'lukket', lukket_at = now()
       WHERE id = $1 AND kommunekode = ANY($2) AND status = 'aaben' RETURNING *`,
      [id, kommuner],
    );
    if (!rows[0]) {
      const exists = await c.query('SELECT status FROM ansoeger WHERE id = $1 AND kommunekode = ANY($2)', [id, kommuner]);
      if (!exists.rows[0]) throw new DomainError('NOT_FOUND', 'Ansøgeren findes ikke.');
      throw new DomainError('CONFLICT', 'Sagen er allerede lukket.');
    }
    await recordAudit(c, actor, { action: 'luk', entity: 'ansoeger', entity_id: id, kommunekode: rows[0].kommunekode, before: { status: 'aaben' }, after: { status: 'lukket' } });
    return rows[0];
  });
}

/**
 * Anonymises the personal data of cases closed longer than the retention period: the encrypted fields are
 * erased, the case's non-personal facts stay for statistics. Safe to run daily; logged per case.
 */
export async function applyRetention(db: Db, actor: Actor, retentionDays: number, now = new Date()): Promise<number[]> {
  return tx(db, async (c) => {
    const { rows } = await c.query(
      `UPDATE ansoeger SET cpr_enc = NULL, navn_enc = NULL, telefon_enc = NULL, email_enc = NULL, sag_enc = NULL, anonymiseret_at = $2
       WHERE status = 'lukket' AND anonymiseret_at IS NULL AND lukket_at <= $2::timestamptz - make_interval(days => $1)
       RETURNING id, kommunekode`,
      [retentionDays, now],
    );
    if (rows.length) await c.query('UPDATE ansoeger_journal SET tekst_enc = NULL WHERE ansoeger_id = ANY($1)', [rows.map((r) => r.id)]);
    for (const r of rows) {
      await recordAudit(c, actor, {
        action: 'anonymiser',
        entity: 'ansoeger',
        entity_id: r.id,
        kommunekode: r.kommunekode,
        detail: { grund: `lukket for mere end ${retentionDays} dage siden`, felter: ['cpr', 'navn', 'telefon', 'email', 'sag', 'journaltekster'] },
      });
    }
    return rows.map((r) => r.id);
  });
}

/** Re-encrypts every personal field that is not under the active key; returns how many values changed. */
export async function rotateKeys(db: Db, ring: Keyring, actor: Actor): Promise<number> {
  return tx(db, async (c) => {
    const { rows } = await c.query(`SELECT id, ${encryptedColumns.join(', ')} FROM ansoeger`);
    let changed = 0;
    for (const r of rows) {
      const next = encryptedColumns.map((col) => {
        const v = r[col] as string | null;
        if (v == null || keyIdOf(v) === ring.active) return v;
        changed++;
        return encrypt(ring, decrypt(ring, v));
      });
      await c.query(`UPDATE ansoeger SET ${encryptedColumns.map((col, i) => `${col} = $${i + 2}`).join(', ')} WHERE id = $1`, [r.id, ...next]);
    }
    const journal = await c.query('SELECT id, tekst_enc FROM ansoeger_journal WHERE tekst_enc IS NOT NULL');
    for (const j of journal.rows) {
      if (keyIdOf(j.tekst_enc) === ring.active) continue;
      changed++;
      await c.query('UPDATE ansoeger_journal SET tekst_enc = $2 WHERE id = $1', [j.id, encrypt(ring, decrypt(ring, j.tekst_enc))]);
    }
    await recordAudit(c, actor, { action: 'roter-noegler', entity: 'ansoeger', detail: { aktiv_noegle: ring.active, vaerdier: changed } });
    return changed;
  });
}
