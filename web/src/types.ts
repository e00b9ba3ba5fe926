// API shapes, as in docs/api-contract.md (snake_case names from the database and import files).

export interface Provenance {
  kilde: string | null;
  opgjort_pr: string | null;
  import_job_id: number | null;
  /** Which data set (overview: afdelinger, noegletal, boligomraader, boligmasse). */
  datasaet?: string;
}

export interface ListAnswer<T> {
  items: T[];
  total: number;
}

export interface Kommune {
  kode: string;
  navn: string;
  region_kode: string;
  region_navn: string;
  demo: boolean;
  antal_afdelinger: number;
  antal_boliger: number;
}

export interface Boligorganisation {
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
  provenance?: Provenance;
  suppressed?: string[];
  afdelinger?: Afdeling[];
  noegletal?: Noegletal[];
}

export interface OmraadeRef {
  id: number;
  kode: string;
  navn: string;
}

export interface Afdeling {
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
  antal_boliger: number;
  bruttoareal_m2: number | null;
  husleje_pr_m2: number | null;
  boligomraader?: OmraadeRef[];
  provenance?: Provenance;
  suppressed?: string[];
  noegletal?: Noegletal[];
}

export interface Boligomraade {
  id: number;
  kode: string;
  navn: string;
  kommunekode: string;
  antal_afdelinger: number;
  beboere: number | null;
  beboere_aar: number | null;
  provenance?: Provenance;
  suppressed?: string[];
  afdelinger?: Afdeling[];
  noegletal?: Noegletal[];
}

export interface Noegletal {
  aar: number;
  beboere: number | null;
  husstande: number | null;
  beboere_0_17: number | null;
  beboere_18_64: number | null;
  beboere_65_plus: number | null;
  uden_for_arbejde_pct: number | null;
  doemte_pct: number | null;
  kun_grundskole_pct: number | null;
  indkomst_pct_af_region: number | null;
  ikke_vestlige_pct: number | null;
  fraflytning_pct: number | null;
  ledige_boliger: number | null;
  husordenssager: number | null;
  restancesager: number | null;
  venteliste: number | null;
  provenance?: Provenance;
  suppressed?: string[];
}

export interface Overview {
  kommune: { kode: string; navn: string; demo: boolean };
  aar: number | null;
  boliger: { familie: number | null; ungdom: number | null; aeldre: number | null; pleje: number | null; i_alt: number | null };
  andel_af_boligmassen_pct: number | null;
  boligmasse_aar: number | null;
  fraflytning_familie_pct: number | null;
  gns_husleje_pr_m2: number | null;
  huslejeomsaetning_kr: number | null;
  antal_boligorganisationer: number | null;
  antal_afdelinger: number | null;
  antal_boligomraader: number | null;
  beboere: number | null;
  udvikling: { aar: number; beboere: number | null; fraflytning_pct: number | null; uden_for_arbejde_pct: number | null }[];
  provenance: Provenance[];
  suppressed: string[];
}

export interface ImportColumn {
  name: string;
  type: string | Record<string, unknown>;
  required: boolean;
  doc: string;
  example: string;
}

export interface ImportFormat {
  kind: string;
  title: string;
  doc: string;
  natural_key: string[];
  columns: ImportColumn[];
}

export interface ImportRowError {
  line: number | null;
  column: string | null;
  message: string;
  value?: string | null;
}

export type ImportState = 'running' | 'succeeded' | 'failed' | 'unchanged' | 'preview';

export interface ImportJob {
  id: number;
  kind: string;
  file_name: string;
  file_hash: string;
  state: ImportState;
  rows_total: number;
  rows_inserted: number;
  rows_updated: number;
  rows_unchanged: number;
  error_count: number;
  kilde: string | null;
  opgjort_pr: string | null;
  started_at: string;
  finished_at: string | null;
  message: string | null;
  errors?: ImportRowError[];
}

export interface ImportResult {
  job_id: number | null;
  state: ImportState;
  rows_total: number;
  rows_inserted: number;
  rows_updated: number;
  rows_unchanged: number;
  /** All errors; `errors` holds the first ones (capped by the server). */
  error_count?: number;
  errors: ImportRowError[];
  message?: string;
  preview?: { columns: string[]; rows: (string | number | null)[][] | Record<string, unknown>[] };
}

export interface ImportProgress {
  state: ImportState;
  /** læser, validerer, skriver, færdig */
  phase: string;
  rows: number;
  total?: number | null;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    fields?: { field: string; message: string }[];
    job_id?: number;
    errors?: ImportRowError[];
    error_count?: number;
  };
}

export interface RoleGrant {
  role: string;
  kommunekode: string;
  boligorganisation_id: number | null;
}

/** GET /api/brugere */
export interface User {
  id: number;
  username: string;
  display_name: string;
  active: boolean;
  locked: boolean;
  local_password: boolean;
  oidc: boolean;
  roles: RoleGrant[];
  created_at: string;
}

/** GET /api/audit */
export interface AuditEvent {
  id: number;
  at: string;
  actor: string;
  user_id: number | null;
  session_id: string | null;
  ip: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  kommunekode: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
}

/** GET /api/ansoegere: the CPR number masked (DDMMÅÅ-****) unless revealed by POST …/vis-cpr. */
export interface Ansoeger {
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
}
