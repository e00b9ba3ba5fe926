// Reads of the register. Filters and search run in SQL; Danish sorting and paging run in the app
// (src/shared/list.ts), because PGlite has no ICU collation.
import type { Db } from '../../db/index.ts';
import { searchCondition } from '../../shared/list.ts';
import type { ProvenanceRow } from '../../shared/provenance.ts';
import type { KeyFigureName } from '../../shared/suppression.ts';
import type { RegisterScope } from '../../http/access.ts';

/** What the caller may see (src/http/access.ts); null only for the system itself, never for a request. */
export type Scope = RegisterScope | null;

export interface KommuneRow {
  kode: string;
  navn: string;
  region_kode: string;
  region_navn: string;
  demo: boolean;
  antal_afdelinger: number;
  antal_boliger: number;
}

export interface BoligorganisationRow extends ProvenanceRow {
  id: number;
  lbf_nr: number;
  cvr: string | null;
  navn: string;
  form: string;
  administrationsorganisation: string | null;
  kommunekode: string;
  kommunenavn: string;
  antal_afdelinger: number;
  antal_boliger: number;
}

export interface AfdelingRow extends ProvenanceRow {
  id: number;
  boligorganisation_id: number;
  boligorganisation_navn: string;
  org_lbf_nr: number;
  afdelingsnummer: number;
  navn: string;
  adresser: string;
  kommunekode: string;
  opfoerelsesaar: number | null;
  antal_familie: number;
  antal_ungdom: number;
  antal_aeldre: number;
  antal_pleje: number;
  bruttoareal_m2: number | null;
  husleje_pr_m2: number | null;
  boligomraader: { id: number; kode: string; navn: string }[];
}

export interface BoligomraadeRow extends ProvenanceRow {
  id: number;
  kode: string;
  navn: string;
  kommunekode: string;
  antal_afdelinger: number;
}

export interface BoligRow extends ProvenanceRow {
  id: number;
  afdeling_id: number;
  afdeling_navn: string;
  lejemaalsnummer: number;
  adresse: string;
  postnummer: string;
  boligtype: string;
  vaerelser: number;
  areal_m2: number;
  husleje_maaned: number;
  status: string;
}

export type Enhed = 'afdeling' | 'boligomraade';

export type NoegletalRow = ProvenanceRow & { [K in KeyFigureName]: number | null } & {
  id: number;
  kommunekode: string;
  enhed: Enhed;
  enhed_id: number;
  enhed_navn: string;
  aar: number;
  /** The afdeling's family dwellings (null for a boligområde), for the family move-out rate. */
  antal_familie: number | null;
};

/** Builds "WHERE a AND b" from the conditions that apply. */
class Where {
  readonly params: unknown[] = [];
  private readonly conds: string[] = [];
  /** Adds a parameter; returns its placeholder. */
  p(v: unknown): string {
    return `$${this.params.push(v)}`;
  }
  add(cond: (p: (v: unknown) => string) => string, when = true): this {
    if (when) this.conds.push(cond((v) => this.p(v)));
    return this;
  }
  /** Rows of the user's municipalities, or of their own organisations (role boligorganisation). */
  scope(scope: Scope, kommuneExpr: string, orgExpr: string | null): this {
    if (!scope) return this;
    const k = this.p(scope.kommuner);
    this.conds.push(orgExpr ? `(${kommuneExpr} = ANY(${k}::text[]) OR ${orgExpr} = ANY(${this.p(scope.organisationer)}::bigint[]))` : `${kommuneExpr} = ANY(${k}::text[])`);
    return this;
  }
  search(exprs: string[], q: string | undefined, exact: string[] = []): this {
    if (q) this.conds.push(searchCondition(exprs, q, this.params, exact));
    return this;
  }
  toString(): string {
    return this.conds.length ? 'WHERE ' + this.conds.join(' AND ') : '';
  }
}

const boligerSum = 'a.antal_familie + a.antal_ungdom + a.antal_aeldre + a.antal_pleje';

/** The municipalities the user has a role in (null: all), with their dwelling counts. */
export async function listKommuner(db: Db, kommuner: string[] | null): Promise<KommuneRow[]> {
  const { rows } = await db.pool.query(
    `SELECT k.kode, k.navn, k.region_kode, r.navn AS region_navn, k.demo,
            count(a.id)::int AS antal_afdelinger, coalesce(sum(${boligerSum}), 0)::int AS antal_boliger
       FROM kommune k JOIN region r ON r.kode = k.region_kode
       LEFT JOIN afdeling a ON a.kommunekode = k.kode
      WHERE $1::text[] IS NULL OR k.kode = ANY($1::text[])
      GROUP BY k.kode, r.navn`,
    [kommuner],
  );
  return rows;
}

export async function getKommune(db: Db, kode: string): Promise<{ kode: string; navn: string; demo: boolean } | undefined> {
  const { rows } = await db.pool.query('SELECT kode, navn, demo FROM kommune WHERE kode = $1', [kode]);
  return rows[0];
}

export interface OrganisationFilter {
  scope: Scope;
  kommunekode?: string;
  q?: string;
  id?: number;
}

/**
 * With a kommunekode: the organisations at home in the kommune or with an afdeling there, counting only
 * their afdelinger in the kommune (the municipality's view of them).
 */
export async function listBoligorganisationer(db: Db, f: OrganisationFilter): Promise<BoligorganisationRow[]> {
  const w = new Where();
  const k = f.kommunekode !== undefined ? w.p(f.kommunekode) : null;
  w.add(() => `(o.kommunekode = ${k} OR EXISTS (SELECT 1 FROM afdeling x WHERE x.boligorganisation_id = o.id AND x.kommunekode = ${k}))`, k !== null)
    .add((p) => `o.id = ${p(f.id)}`, f.id !== undefined)
    .scope(f.scope, 'o.kommunekode', 'o.id')
    .search(['o.navn', "coalesce(o.administrationsorganisation, '')"], f.q, ['o.lbf_nr', 'o.cvr']);
  const { rows } = await db.pool.query(
    `SELECT o.id, o.lbf_nr, o.cvr, o.navn, o.form, o.administrationsorganisation, o.kommunekode,
            km.navn AS kommunenavn, o.kilde, o.opgjort_pr, o.import_job_id,
            count(a.id)::int AS antal_afdelinger, coalesce(sum(${boligerSum}), 0)::int AS antal_boliger
       FROM boligorganisation o JOIN kommune km ON km.kode = o.kommunekode
       LEFT JOIN afdeling a ON a.boligorganisation_id = o.id ${k ? `AND a.kommunekode = ${k}` : ''}
       ${w}
      GROUP BY o.id, km.navn`,
    w.params,
  );
  return rows;
}

export interface AfdelingFilter {
  scope: Scope;
  kommunekode?: string;
  boligorganisation_id?: number;
  boligomraade_id?: number;
  q?: string;
  opfoert_fra?: number;
  opfoert_til?: number;
  id?: number;
}

export async function listAfdelinger(db: Db, f: AfdelingFilter): Promise<AfdelingRow[]> {
  const w = new Where()
    .add((p) => `a.kommunekode = ${p(f.kommunekode)}`, f.kommunekode !== undefined)
    .add((p) => `a.boligorganisation_id = ${p(f.boligorganisation_id)}`, f.boligorganisation_id !== undefined)
    .add(
      (p) => `EXISTS (SELECT 1 FROM boligomraade_afdeling x WHERE x.afdeling_id = a.id AND x.boligomraade_id = ${p(f.boligomraade_id)})`,
      f.boligomraade_id !== undefined,
    )
    .add((p) => `a.opfoerelsesaar >= ${p(f.opfoert_fra)}`, f.opfoert_fra !== undefined)
    .add((p) => `a.opfoerelsesaar <= ${p(f.opfoert_til)}`, f.opfoert_til !== undefined)
    .add((p) => `a.id = ${p(f.id)}`, f.id !== undefined)
    .scope(f.scope, 'a.kommunekode', 'a.boligorganisation_id')
    .search(['a.navn', 'a.adresser'], f.q, ['a.afdelingsnummer']);
  const { rows } = await db.pool.query(
    `SELECT a.id, a.boligorganisation_id, o.navn AS boligorganisation_navn, o.lbf_nr AS org_lbf_nr,
            a.afdelingsnummer, a.navn, a.adresser, a.kommunekode, a.opfoerelsesaar,
            a.antal_familie, a.antal_ungdom, a.antal_aeldre, a.antal_pleje, a.bruttoareal_m2, a.husleje_pr_m2,
            a.kilde, a.opgjort_pr, a.import_job_id,
            coalesce((SELECT json_agg(json_build_object('id', b.id, 'kode', b.kode, 'navn', b.navn))
                        FROM boligomraade_afdeling ba JOIN boligomraade b ON b.id = ba.boligomraade_id
                       WHERE ba.afdeling_id = a.id), '[]'::json) AS boligomraader
       FROM afdeling a JOIN boligorganisation o ON o.id = a.boligorganisation_id
       ${w}`,
    w.params,
  );
  return rows;
}

export interface BoligomraadeFilter {
  scope: Scope;
  kommunekode?: string;
  q?: string;
  id?: number;
}

export async function listBoligomraader(db: Db, f: BoligomraadeFilter): Promise<BoligomraadeRow[]> {
  const w = new Where()
    .add((p) => `b.kommunekode = ${p(f.kommunekode)}`, f.kommunekode !== undefined)
    .add((p) => `b.id = ${p(f.id)}`, f.id !== undefined)
    .scope(f.scope, 'b.kommunekode', null)
    .search(['b.navn', 'b.kode'], f.q);
  const { rows } = await db.pool.query(
    `SELECT b.id, b.kode, b.navn, b.kommunekode, b.kilde, b.opgjort_pr, b.import_job_id,
            (SELECT count(*) FROM boligomraade_afdeling ba WHERE ba.boligomraade_id = b.id)::int AS antal_afdelinger
       FROM boligomraade b ${w}`,
    w.params,
  );
  return rows;
}

export interface NoegletalFilter {
  scope: Scope;
  kommunekode?: string;
  enhed?: Enhed;
  aar?: number;
  /** The whole (kommune, year) groups this afdeling has figures in: what its page needs for suppression. */
  groups_of_afdeling?: number;
  boligomraade_ids?: number[];
}

/**
 * Key-figure rows. Callers load whole groups (kommune, year, enhed) even when they show one unit,
 * because complementary suppression decides over the group.
 */
export async function listNoegletal(db: Db, f: NoegletalFilter): Promise<NoegletalRow[]> {
  const w = new Where()
    .add((p) => `n.kommunekode = ${p(f.kommunekode)}`, f.kommunekode !== undefined)
    .add(() => (f.enhed === 'afdeling' ? 'n.afdeling_id IS NOT NULL' : 'n.boligomraade_id IS NOT NULL'), f.enhed !== undefined)
    .add((p) => `n.aar = ${p(f.aar)}`, f.aar !== undefined)
    .add(
      (p) => `(n.kommunekode, n.aar) IN (SELECT kommunekode, aar FROM noegletal WHERE afdeling_id = ${p(f.groups_of_afdeling)})`,
      f.groups_of_afdeling !== undefined,
    )
    .add((p) => `n.boligomraade_id = ANY(${p(f.boligomraade_ids)}::bigint[])`, f.boligomraade_ids !== undefined)
    .scope(f.scope, 'n.kommunekode', 'a.boligorganisation_id');
  const { rows } = await db.pool.query(
    `SELECT n.*,
            CASE WHEN n.afdeling_id IS NOT NULL THEN 'afdeling' ELSE 'boligomraade' END AS enhed,
            coalesce(n.afdeling_id, n.boligomraade_id) AS enhed_id,
            coalesce(a.navn, b.navn) AS enhed_navn,
            a.antal_familie
       FROM noegletal n
       LEFT JOIN afdeling a ON a.id = n.afdeling_id
       LEFT JOIN boligomraade b ON b.id = n.boligomraade_id
       ${w}
      ORDER BY n.id`,
    w.params,
  );
  return rows;
}

// ---- Dwellings: up to ~600,000 rows, so the sort runs over (id, key) pairs and full rows are read by id.

export interface BoligFilter {
  scope: Scope;
  kommunekode?: string;
  afdeling_id?: number;
  boligtype?: string;
  status?: string;
  q?: string;
}

export type BoligSort = 'adresse' | 'lejemaalsnummer' | 'areal_m2' | 'husleje_maaned' | 'vaerelser';

function boligWhere(f: BoligFilter): Where {
  return new Where()
    .add((p) => `b.kommunekode = ${p(f.kommunekode)}`, f.kommunekode !== undefined)
    .add((p) => `b.afdeling_id = ${p(f.afdeling_id)}`, f.afdeling_id !== undefined)
    .add((p) => `b.boligtype = ${p(f.boligtype)}`, f.boligtype !== undefined)
    .add((p) => `b.status = ${p(f.status)}`, f.status !== undefined)
    .scope(f.scope, 'b.kommunekode', '(SELECT x.boligorganisation_id FROM afdeling x WHERE x.id = b.afdeling_id)')
    .search(['b.adresse'], f.q);
}

/** The matching dwellings' ids with their sort key: numbers already ordered by SQL, text for the app. */
export async function boligSortKeys(db: Db, f: BoligFilter, sort: BoligSort): Promise<{ id: number; k: string | number }[]> {
  const w = boligWhere(f);
  const { rows } = await db.pool.query({
    text: `SELECT b.id, b.${sort} AS k FROM bolig b ${w}`,
    values: w.params,
    rowMode: 'array',
  });
  return rows.map((r: unknown[]) => ({ id: Number(r[0]), k: r[1] as string | number }));
}

export async function boligerByIds(db: Db, ids: number[]): Promise<BoligRow[]> {
  if (!ids.length) return [];
  const { rows } = await db.pool.query(
    `SELECT b.id, b.afdeling_id, a.navn AS afdeling_navn, b.lejemaalsnummer, b.adresse, b.postnummer, b.boligtype,
            b.vaerelser, b.areal_m2, b.husleje_maaned, b.status, b.kilde, b.opgjort_pr, b.import_job_id
       FROM bolig b JOIN afdeling a ON a.id = b.afdeling_id
      WHERE b.id = ANY($1::bigint[])`,
    [ids],
  );
  const byId = new Map<number, BoligRow>(rows.map((r: BoligRow) => [r.id, r]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

// ---- Composite reads: one call per route, loading whole key-figure groups where suppression needs them.

export async function boligorganisationWithAfdelinger(db: Db, scope: Scope, id: number) {
  const [org] = await listBoligorganisationer(db, { scope, id });
  if (!org) return undefined;
  return { org, afdelinger: await listAfdelinger(db, { scope, boligorganisation_id: id }) };
}

export async function afdelingWithNoegletal(db: Db, scope: Scope, id: number) {
  const [afdeling] = await listAfdelinger(db, { scope, id });
  if (!afdeling) return undefined;
  return { afdeling, noegletal: await listNoegletal(db, { scope, enhed: 'afdeling', groups_of_afdeling: id }) };
}

export async function boligomraaderWithNoegletal(db: Db, f: BoligomraadeFilter) {
  const rows = await listBoligomraader(db, f);
  const noegletal = rows.length ? await listNoegletal(db, { scope: f.scope, enhed: 'boligomraade', boligomraade_ids: rows.map((r) => r.id) }) : [];
  return { rows, noegletal };
}

export async function boligomraadeDetail(db: Db, scope: Scope, id: number) {
  const { rows, noegletal } = await boligomraaderWithNoegletal(db, { scope, id });
  if (!rows[0]) return undefined;
  return { omraade: rows[0], noegletal, afdelinger: await listAfdelinger(db, { scope, boligomraade_id: id }) };
}
