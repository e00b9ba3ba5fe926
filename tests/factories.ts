// Test factories: each builds one valid row with SQL, creating any missing parents, and returns the row
// as stored. Pass only what the test is about: `await afdeling(db, { navn: 'Ærøparken', antal_familie: 12 })`.
// Kommuner exist already (reference data); the default is 0101 København.
import type pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { Db } from '../src/db/index.ts';

export type Conn = Db | pg.ClientBase;
type Row = Record<string, any>;

export const DEFAULT_KOMMUNE = '0101';
export const TEST_KILDE = 'Testdata';
export const TEST_OPGJORT_PR = '2024-01-01';

let seq = 0;
/** A number unique within the test process (natural keys, names). */
export const nextSeq = () => ++seq;

function client(conn: Conn): pg.Pool | pg.ClientBase {
  return 'pool' in conn ? conn.pool : conn;
}

/** INSERT ... RETURNING * of the defined values; objects and arrays for jsonb are JSON-encoded. */
export async function insertRow<T extends Row = Row>(conn: Conn, table: string, values: Row): Promise<T> {
  const cols = Object.keys(values).filter((k) => values[k] !== undefined);
  const vals = cols.map((k) => {
    const v = values[k];
    return v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v;
  });
  const { rows } = await client(conn).query(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
    vals,
  );
  return rows[0] as T;
}

const provenanceDefaults = () => ({ kilde: TEST_KILDE, opgjort_pr: TEST_OPGJORT_PR });

export async function importJob(conn: Conn, over: Row = {}): Promise<Row> {
  return insertRow(conn, 'import_job', {
    kind: 'afdelinger',
    file_name: `test-${nextSeq()}.csv`,
    file_hash: randomBytes(16).toString('hex'),
    state: 'succeeded',
    kilde: TEST_KILDE,
    opgjort_pr: TEST_OPGJORT_PR,
    finished_at: new Date(),
    ...over,
  });
}

export async function boligorganisation(conn: Conn, over: Row = {}): Promise<Row> {
  const n = nextSeq();
  return insertRow(conn, 'boligorganisation', {
    lbf_nr: 10000 + n,
    navn: `Boligorganisation ${n}`,
    form: 'almen boligorganisation',
    kommunekode: DEFAULT_KOMMUNE,
    ...provenanceDefaults(),
    ...over,
  });
}

/** An afdeling; its boligorganisation is created in the same kommune when not given. */
export async function afdeling(conn: Conn, over: Row = {}): Promise<Row> {
  const n = nextSeq();
  const kommunekode = over.kommunekode ?? DEFAULT_KOMMUNE;
  const boligorganisation_id = over.boligorganisation_id ?? (await boligorganisation(conn, { kommunekode })).id;
  return insertRow(conn, 'afdeling', {
    afdelingsnummer: n,
    navn: `Afdeling ${n}`,
    adresser: `Testvej ${n}`,
    opfoerelsesaar: 1970,
    antal_familie: 100,
    antal_ungdom: 0,
    antal_aeldre: 0,
    antal_pleje: 0,
    bruttoareal_m2: 8000,
    husleje_pr_m2: 900,
    ...provenanceDefaults(),
    ...over,
    kommunekode,
    boligorganisation_id,
  });
}

async function kommuneOf(conn: Conn, table: 'afdeling' | 'boligomraade', id: number): Promise<string> {
  const { rows } = await client(conn).query(`SELECT kommunekode FROM ${table} WHERE id = $1`, [id]);
  if (!rows[0]) throw new Error(`${table} ${id} findes ikke`);
  return rows[0].kommunekode;
}

/** A dwelling; its afdeling (and organisation) is created when not given. */
export async function bolig(conn: Conn, over: Row = {}): Promise<Row> {
  const n = nextSeq();
  const afdeling_id = over.afdeling_id ?? (await afdeling(conn, over.kommunekode ? { kommunekode: over.kommunekode } : {})).id;
  return insertRow(conn, 'bolig', {
    lejemaalsnummer: n,
    adresse: `Testvej ${n}, st. tv.`,
    postnummer: '2730',
    boligtype: 'familie',
    vaerelser: 3,
    areal_m2: 75,
    husleje_maaned: 6000,
    status: 'udlejet',
    ...provenanceDefaults(),
    ...over,
    afdeling_id,
    kommunekode: over.kommunekode ?? (await kommuneOf(conn, 'afdeling', afdeling_id)),
  });
}

/** A boligområde; `afdeling_ids` links existing afdelinger to it. */
export async function boligomraade(conn: Conn, over: Row & { afdeling_ids?: number[] } = {}): Promise<Row> {
  const n = nextSeq();
  const { afdeling_ids = [], ...rest } = over;
  const row = await insertRow(conn, 'boligomraade', {
    kode: `BO-${n}`,
    navn: `Boligområde ${n}`,
    kommunekode: DEFAULT_KOMMUNE,
    ...provenanceDefaults(),
    ...rest,
  });
  for (const afdeling_id of afdeling_ids) await insertRow(conn, 'boligomraade_afdeling', { boligomraade_id: row.id, afdeling_id });
  return row;
}

/**
 * Key figures of one year for an afdeling or a boligområde (an afdeling is created when neither is given).
 * Figures not given stay null ("ikke oplyst").
 */
export async function noegletal(conn: Conn, over: Row = {}): Promise<Row> {
  let { afdeling_id, boligomraade_id } = over;
  if (afdeling_id == null && boligomraade_id == null) afdeling_id = (await afdeling(conn, over.kommunekode ? { kommunekode: over.kommunekode } : {})).id;
  const kommunekode =
    over.kommunekode ?? (afdeling_id != null ? await kommuneOf(conn, 'afdeling', afdeling_id) : await kommuneOf(conn, 'boligomraade', boligomraade_id));
  return insertRow(conn, 'noegletal', {
    aar: 2024,
    ...provenanceDefaults(),
    ...over,
    afdeling_id,
    boligomraade_id,
    kommunekode,
  });
}

export async function boligmasse(conn: Conn, over: Row = {}): Promise<Row> {
  return insertRow(conn, 'boligmasse', {
    kommunekode: DEFAULT_KOMMUNE,
    aar: 2024,
    boliger_i_alt: 10000,
    ...provenanceDefaults(),
    ...over,
  });
}

/** Empties the register (not kommune/region, nor the append-only audit log), so a test starts from known rows. */
export async function truncateRegister(conn: Conn): Promise<void> {
  await client(conn).query(
    `TRUNCATE bolig, noegletal, udlejning, anvisning_krav, anvisning_tilbud, anvisning_midlertidig, anvisningsbolig, boligomraade_afdeling, boligomraade, afdeling, boligorganisation, boligmasse,
              import_job, liste_resultat, liste_beregning, liste_offentliggjort, liste_offentliggjort_aar, liste_landsgennemsnit
              RESTART IDENTITY CASCADE`,
  );
}
