// Small import files for the tests, written the way Danish Excel writes them unless told otherwise.
import type { Db } from '../../db/index.ts';
import type { ImportKind } from './formats.ts';
import { runImport, type ImportOptions, type ImportResult } from './importer.ts';

export interface CsvStyle {
  sep?: string;
  bom?: boolean;
  eol?: string;
}

export function csvText(rows: (string | number)[][], { sep = ';', bom = true, eol = '\r\n' }: CsvStyle = {}): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return s.includes(sep) || s.includes('"') || s.includes('\n') ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (bom ? '\uFEFF' : '') + rows.map((r) => r.map(cell).join(sep)).join(eol) + eol;
}

export const csvBuffer = (rows: (string | number)[][], style?: CsvStyle) => Buffer.from(csvText(rows, style), 'utf8');

export const organisationer = [
  ['org_lbf_nr', 'cvr', 'navn', 'form', 'administrationsorganisation', 'kommunekode'],
  ['101', '12345678', 'Boligselskabet Engen', 'almen boligorganisation', '', '163'],
  ['102', '', 'Søbo Boligforening', 'almen boligorganisation', 'Fælles Administration', '0101'],
];

export const afdelinger = [
  ['org_lbf_nr', 'afdelingsnummer', 'navn', 'adresser', 'kommunekode', 'opfoerelsesaar', 'antal_familie', 'antal_ungdom', 'antal_aeldre', 'antal_pleje', 'bruttoareal_m2', 'husleje_pr_m2'],
  ['101', '1', 'Engparken', 'Engvej 1-37', '0163', '1968', '120', '0', '0', '0', '9.120,5', '1.012,50'],
  ['101', '2', 'Engtoften', '', '163', '', '40', '10', '0', '0', '', ''],
  ['102', '7', 'Søparken', 'Søvej 2', '0101', '1975', '300', '0', '20', '0', '24000', '985,25'],
];

export const boligHeader = ['org_lbf_nr', 'afdelingsnummer', 'lejemaalsnummer', 'adresse', 'postnummer', 'boligtype', 'vaerelser', 'areal_m2', 'husleje_maaned', 'status'];

/** n dwellings spread over the three afdelinger above. */
export function boliger(n: number, husleje = (i: number) => `${6000 + i},50`): string[][] {
  const afd = [
    ['101', '1', 'Engvej', '2730'],
    ['101', '2', 'Engtoften', '2730'],
    ['102', '7', 'Søvej', '2100'],
  ];
  const rows = [boligHeader];
  for (let i = 1; i <= n; i++) {
    const [org, nr, vej, post] = afd[i % 3];
    rows.push([org, nr, String(i), `${vej} ${i}, st. th.`, post, 'familie', String(1 + (i % 4)), `${60 + (i % 40)},5`, husleje(i), 'udlejet']);
  }
  return rows;
}

export const domainTables = ['boligorganisation', 'afdeling', 'boligomraade', 'boligomraade_afdeling', 'bolig', 'noegletal', 'boligmasse', 'udlejning'];

export { truncateRegister as resetRegister } from '../../../tests/factories.ts';

/** A fingerprint of every domain table, to show that a rejected file changed nothing. */
export async function registerSnapshot(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of domainTables) {
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n, coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM ${t} x`);
    out[t] = `${rows[0].n}:${rows[0].h}`;
  }
  return out;
}

export function importRows(
  db: Db,
  kind: ImportKind,
  rows: (string | number)[][],
  opts: Partial<ImportOptions> & { style?: CsvStyle } = {},
): Promise<ImportResult> {
  const { style, ...rest } = opts;
  return runImport(db, { kind, fileName: `${kind}.csv`, source: { buffer: csvBuffer(rows, style) }, ...rest });
}

/** Organisations and afdelinger, imported through the importer itself. */
export async function seedRegister(db: Db): Promise<void> {
  for (const [kind, rows] of [
    ['boligorganisationer', organisationer],
    ['afdelinger', afdelinger],
  ] as const) {
    const r = await importRows(db, kind, rows as unknown as string[][]);
    if (r.state !== 'succeeded') throw new Error(`${kind}: ${r.message} ${JSON.stringify(r.errors)}`);
  }
}
