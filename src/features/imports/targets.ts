// Where each import kind lands in the database: the domain table, its conflict target, which file columns
// become which table columns, and which natural keys are looked up as foreign keys (once per import).
import type pg from 'pg';
import type { ImportKind } from './formats.ts';

export type RefKind = 'organisation' | 'afdeling' | 'boligomraade';

export interface TargetColumn {
  /** Column of the domain table (and of the staging table). */
  db: string;
  /** SQL type in the staging table; the domain table's type so IS DISTINCT FROM compares values, not text. */
  sql: string;
  /** File column it comes from; absent for columns a reference fills in. */
  file?: string;
  /** Canonical value for an empty cell, for NOT NULL columns that have a default. */
  emptyAs?: string;
}

/** A foreign key found by natural key: organisation by org_lbf_nr, afdeling by org_lbf_nr and
 * afdelingsnummer, boligområde by boligomraade_kode. */
export interface RefSpec {
  ref: RefKind;
  /** Target columns filled from the referenced row, in order: id, then kommunekode if listed. */
  fills: { id: string; kommunekode?: string };
}

export interface Target {
  table: string;
  /** ON CONFLICT target. */
  conflict: string;
  /** Rows of this kind in the table, for the "table is empty" fast path. */
  ownRows: string;
  /** Columns that identify a row after references are resolved (the conflict columns). */
  key: string[];
  refs: RefSpec[];
  /** Columns that come from the file or from the reference, in COPY order. */
  columns: TargetColumn[];
  /** The table has updated_at. */
  touch: boolean;
  /** The file replaces whole groups (membership) instead of upserting rows. */
  membership?: boolean;
}

const int = 'integer';
const text = 'text';
const col = (db: string, sql: string, file = db, emptyAs?: string): TargetColumn => ({ db, sql, file, emptyAs });

const keyFigureColumns: TargetColumn[] = [
  col('beboere', int),
  col('husstande', int),
  col('beboere_0_17', int),
  col('beboere_18_64', int),
  col('beboere_65_plus', int),
  col('uden_for_arbejde_pct', 'numeric(5,2)'),
  col('doemte_pct', 'numeric(5,2)'),
  col('kun_grundskole_pct', 'numeric(5,2)'),
  col('indkomst_pct_af_region', 'numeric(6,2)'),
  col('ikke_vestlige_pct', 'numeric(5,2)'),
  col('fraflytning_pct', 'numeric(5,2)'),
  col('ledige_boliger', int),
  col('husordenssager', int),
  col('restancesager', int),
  col('venteliste', int),
];

const fromAfdeling: RefSpec = { ref: 'afdeling', fills: { id: 'afdeling_id', kommunekode: 'kommunekode' } };

export const targets: Record<ImportKind, Target> = {
  boligorganisationer: {
    table: 'boligorganisation',
    conflict: '(lbf_nr)',
    ownRows: 'SELECT 1 FROM boligorganisation',
    key: ['lbf_nr'],
    refs: [],
    touch: true,
    columns: [
      col('lbf_nr', int, 'org_lbf_nr'),
      col('cvr', text),
      col('navn', text),
      col('form', text),
      col('administrationsorganisation', text),
      col('kommunekode', text),
    ],
  },
  afdelinger: {
    table: 'afdeling',
    conflict: '(boligorganisation_id, afdelingsnummer)',
    ownRows: 'SELECT 1 FROM afdeling',
    key: ['boligorganisation_id', 'afdelingsnummer'],
    refs: [{ ref: 'organisation', fills: { id: 'boligorganisation_id' } }],
    touch: true,
    columns: [
      { db: 'boligorganisation_id', sql: 'bigint' },
      col('afdelingsnummer', int),
      col('navn', text),
      col('adresser', text, 'adresser', ''),
      col('kommunekode', text),
      col('opfoerelsesaar', int),
      col('antal_familie', int),
      col('antal_ungdom', int),
      col('antal_aeldre', int),
      col('antal_pleje', int),
      col('bruttoareal_m2', 'numeric(12,1)'),
      col('husleje_pr_m2', 'numeric(10,2)'),
    ],
  },
  boligomraader: {
    table: 'boligomraade',
    conflict: '(kode)',
    ownRows: 'SELECT 1 FROM boligomraade',
    key: ['kode'],
    refs: [],
    touch: true,
    columns: [col('kode', text), col('navn', text), col('kommunekode', text)],
  },
  boligomraade_afdelinger: {
    table: 'boligomraade_afdeling',
    conflict: '(boligomraade_id, afdeling_id)',
    ownRows: 'SELECT 1 FROM boligomraade_afdeling',
    key: ['boligomraade_id', 'afdeling_id'],
    refs: [
      { ref: 'boligomraade', fills: { id: 'boligomraade_id' } },
      { ref: 'afdeling', fills: { id: 'afdeling_id' } },
    ],
    touch: false,
    membership: true,
    columns: [
      { db: 'boligomraade_id', sql: 'bigint' },
      { db: 'afdeling_id', sql: 'bigint' },
    ],
  },
  boliger: {
    table: 'bolig',
    conflict: '(afdeling_id, lejemaalsnummer)',
    ownRows: 'SELECT 1 FROM bolig',
    key: ['afdeling_id', 'lejemaalsnummer'],
    refs: [fromAfdeling],
    touch: false,
    columns: [
      { db: 'afdeling_id', sql: 'bigint' },
      { db: 'kommunekode', sql: text },
      col('lejemaalsnummer', int),
      col('adresse', text),
      col('postnummer', text),
      col('boligtype', text),
      col('vaerelser', int),
      col('areal_m2', 'numeric(7,1)'),
      col('husleje_maaned', 'numeric(10,2)'),
      col('status', text),
    ],
  },
  noegletal_afdeling: {
    table: 'noegletal',
    conflict: '(afdeling_id, aar) WHERE afdeling_id IS NOT NULL',
    ownRows: 'SELECT 1 FROM noegletal WHERE afdeling_id IS NOT NULL',
    key: ['afdeling_id', 'aar'],
    refs: [fromAfdeling],
    touch: false,
    columns: [{ db: 'afdeling_id', sql: 'bigint' }, { db: 'kommunekode', sql: text }, col('aar', int), ...keyFigureColumns],
  },
  noegletal_boligomraade: {
    table: 'noegletal',
    conflict: '(boligomraade_id, aar) WHERE boligomraade_id IS NOT NULL',
    ownRows: 'SELECT 1 FROM noegletal WHERE boligomraade_id IS NOT NULL',
    key: ['boligomraade_id', 'aar'],
    refs: [{ ref: 'boligomraade', fills: { id: 'boligomraade_id', kommunekode: 'kommunekode' } }],
    touch: false,
    columns: [{ db: 'boligomraade_id', sql: 'bigint' }, { db: 'kommunekode', sql: text }, col('aar', int), ...keyFigureColumns],
  },
  udlejninger: {
    table: 'udlejning',
    conflict: '(afdeling_id, aar)',
    ownRows: 'SELECT 1 FROM udlejning',
    key: ['afdeling_id', 'aar'],
    refs: [fromAfdeling],
    touch: false,
    columns: [
      { db: 'afdeling_id', sql: 'bigint' },
      { db: 'kommunekode', sql: text },
      col('aar', int),
      col('ledige_familieboliger', int),
      col('venteliste', int),
      col('fleksibel_udlejning', int),
      col('kommunal_anvisning', int),
      col('intern_oprykning', int),
      col('andet', int),
    ],
  },
  boligmasse: {
    table: 'boligmasse',
    conflict: '(kommunekode, aar)',
    ownRows: 'SELECT 1 FROM boligmasse',
    key: ['kommunekode', 'aar'],
    refs: [],
    touch: false,
    columns: [col('kommunekode', text), col('aar', int), col('boliger_i_alt', int)],
  },
};

/** A referenced row: its id and kommunekode, also as the bytes COPY gets. */
export interface RefRow {
  id: number;
  idBytes: Buffer;
  kommunekode: number;
  kommuneBytes: Buffer;
}

/** Everything a file's rows may point at, loaded once per import and looked up in memory. */
export interface RefData {
  /** Kommunekoder as numbers (0163 -> 163). */
  kommuner: Set<number>;
  /** org_lbf_nr -> organisation. */
  organisationer: Map<number, RefRow>;
  /** afdelingKey(org_lbf_nr, afdelingsnummer) -> afdeling. */
  afdelinger: Map<number, RefRow>;
  /** kode -> boligområde. */
  omraader: Map<string, RefRow>;
}

/** Both numbers are at most 99999 (formats.ts), so the key is exact. */
export const afdelingKey = (org: number, afd: number) => org * 100000 + afd;

type Queryable = Pick<pg.PoolClient, 'query'>;

function refRow(r: { id: number | string; kommunekode: string }): RefRow {
  return { id: Number(r.id), idBytes: Buffer.from(String(r.id)), kommunekode: Number(r.kommunekode), kommuneBytes: Buffer.from(r.kommunekode) };
}

/** Loads only what the kind needs; ~7,500 afdelinger for the whole country. */
export async function loadRefs(q: Queryable, kind: ImportKind): Promise<RefData> {
  const uses = (ref: RefKind) => targets[kind].refs.some((r) => r.ref === ref);
  // The organisations are also needed to tell "no such organisation" from "no such afdeling".
  const needOrg = uses('organisation') || uses('afdeling');
  const kommuner = new Set((await q.query<{ kode: string }>('SELECT kode FROM kommune')).rows.map((r) => Number(r.kode)));
  const organisationer = new Map<number, RefRow>();
  if (needOrg) {
    for (const r of (await q.query('SELECT lbf_nr, id, kommunekode FROM boligorganisation')).rows) organisationer.set(r.lbf_nr, refRow(r));
  }
  const afdelinger = new Map<number, RefRow>();
  if (uses('afdeling')) {
    const { rows } = await q.query(
      `SELECT o.lbf_nr, a.afdelingsnummer, a.id, a.kommunekode FROM afdeling a JOIN boligorganisation o ON o.id = a.boligorganisation_id`,
    );
    for (const r of rows) afdelinger.set(afdelingKey(r.lbf_nr, r.afdelingsnummer), refRow(r));
  }
  const omraader = new Map<string, RefRow>();
  if (uses('boligomraade')) {
    for (const r of (await q.query('SELECT kode, id, kommunekode FROM boligomraade')).rows) omraader.set(r.kode, refRow(r));
  }
  return { kommuner, organisationer, afdelinger, omraader };
}
