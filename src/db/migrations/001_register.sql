-- The register of almene boliger. Every row carries its kommunekode so one deployment can serve
-- one municipality or all 98. Every imported row keeps its provenance (import_job, kilde, opgjort_pr).

CREATE TABLE region (
  kode text PRIMARY KEY CHECK (kode ~ '^[0-9]{4}$'),
  navn text NOT NULL,
  iso text NOT NULL
);

CREATE TABLE kommune (
  kode text PRIMARY KEY CHECK (kode ~ '^[0-9]{4}$'),
  navn text NOT NULL,
  region_kode text NOT NULL REFERENCES region(kode),
  landsdel text NOT NULL,
  demo boolean NOT NULL DEFAULT false
);

-- Recorded imports: file, hash, outcome, per-row errors. A failed import writes nothing else.
CREATE TABLE import_job (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  file_name text NOT NULL,
  file_hash text NOT NULL,
  file_size bigint NOT NULL DEFAULT 0,
  kilde text,
  opgjort_pr date,
  state text NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'unchanged')),
  rows_total integer NOT NULL DEFAULT 0,
  rows_inserted integer NOT NULL DEFAULT 0,
  rows_updated integer NOT NULL DEFAULT 0,
  rows_unchanged integer NOT NULL DEFAULT 0,
  error_count integer NOT NULL DEFAULT 0,
  errors jsonb NOT NULL DEFAULT '[]'::jsonb,
  message text,
  created_by text NOT NULL DEFAULT 'system',
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX import_job_hash ON import_job (kind, file_hash);

CREATE TABLE boligorganisation (
  id bigserial PRIMARY KEY,
  lbf_nr integer NOT NULL UNIQUE,               -- Landsbyggefondens organisationsnummer (natural key)
  cvr text CHECK (cvr ~ '^[0-9]{8}$'),
  navn text NOT NULL,
  form text NOT NULL,                           -- almen boligorganisation, selvejende almen boliginstitution, ...
  administrationsorganisation text,
  kommunekode text NOT NULL REFERENCES kommune(kode),  -- hjemkommune
  kilde text NOT NULL,
  opgjort_pr date NOT NULL,
  import_job_id bigint REFERENCES import_job(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX boligorganisation_kommune ON boligorganisation (kommunekode);

CREATE TABLE afdeling (
  id bigserial PRIMARY KEY,
  boligorganisation_id bigint NOT NULL REFERENCES boligorganisation(id),
  afdelingsnummer integer NOT NULL,
  navn text NOT NULL,
  adresser text NOT NULL DEFAULT '',
  kommunekode text NOT NULL REFERENCES kommune(kode),
  opfoerelsesaar integer CHECK (opfoerelsesaar BETWEEN 1850 AND 2100),
  antal_familie integer NOT NULL DEFAULT 0 CHECK (antal_familie >= 0),
  antal_ungdom integer NOT NULL DEFAULT 0 CHECK (antal_ungdom >= 0),
  antal_aeldre integer NOT NULL DEFAULT 0 CHECK (antal_aeldre >= 0),
  antal_pleje integer NOT NULL DEFAULT 0 CHECK (antal_pleje >= 0),
  bruttoareal_m2 numeric(12,1) CHECK (bruttoareal_m2 >= 0),
  husleje_pr_m2 numeric(10,2) CHECK (husleje_pr_m2 >= 0),   -- gennemsnitlig årlig husleje pr. m2
  kilde text NOT NULL,
  opgjort_pr date NOT NULL,
  import_job_id bigint REFERENCES import_job(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (boligorganisation_id, afdelingsnummer)
);
CREATE INDEX afdeling_kommune ON afdeling (kommunekode);

-- Boligområde in the sense of ABL § 61 a, stk. 3.
CREATE TABLE boligomraade (
  id bigserial PRIMARY KEY,
  kode text NOT NULL UNIQUE,
  navn text NOT NULL,
  kommunekode text NOT NULL REFERENCES kommune(kode),
  kilde text NOT NULL,
  opgjort_pr date NOT NULL,
  import_job_id bigint REFERENCES import_job(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX boligomraade_kommune ON boligomraade (kommunekode);

CREATE TABLE boligomraade_afdeling (
  boligomraade_id bigint NOT NULL REFERENCES boligomraade(id) ON DELETE CASCADE,
  afdeling_id bigint NOT NULL REFERENCES afdeling(id),
  PRIMARY KEY (boligomraade_id, afdeling_id)
);
CREATE INDEX boligomraade_afdeling_afd ON boligomraade_afdeling (afdeling_id);

CREATE TABLE bolig (
  id bigserial PRIMARY KEY,
  afdeling_id bigint NOT NULL REFERENCES afdeling(id),
  lejemaalsnummer integer NOT NULL,
  adresse text NOT NULL,
  postnummer text NOT NULL CHECK (postnummer ~ '^[0-9]{4}$'),
  kommunekode text NOT NULL REFERENCES kommune(kode),
  boligtype text NOT NULL CHECK (boligtype IN ('familie', 'ungdom', 'aeldre', 'pleje')),
  vaerelser integer NOT NULL CHECK (vaerelser BETWEEN 1 AND 20),
  areal_m2 numeric(7,1) NOT NULL CHECK (areal_m2 > 0),
  husleje_maaned numeric(10,2) NOT NULL CHECK (husleje_maaned >= 0),
  status text NOT NULL CHECK (status IN ('udlejet', 'ledig', 'under_renovering', 'nedlagt')),
  kilde text NOT NULL,
  opgjort_pr date NOT NULL,
  import_job_id bigint REFERENCES import_job(id),
  UNIQUE (afdeling_id, lejemaalsnummer)
);
CREATE INDEX bolig_kommune ON bolig (kommunekode);

-- Key figures per afdeling or per boligområde per year (exactly one of the two).
CREATE TABLE noegletal (
  id bigserial PRIMARY KEY,
  kommunekode text NOT NULL REFERENCES kommune(kode),
  afdeling_id bigint REFERENCES afdeling(id),
  boligomraade_id bigint REFERENCES boligomraade(id) ON DELETE CASCADE,
  aar integer NOT NULL CHECK (aar BETWEEN 1990 AND 2100),
  beboere integer CHECK (beboere >= 0),                       -- beboere pr. 1. januar
  husstande integer CHECK (husstande >= 0),
  beboere_0_17 integer CHECK (beboere_0_17 >= 0),
  beboere_18_64 integer CHECK (beboere_18_64 >= 0),
  beboere_65_plus integer CHECK (beboere_65_plus >= 0),
  uden_for_arbejde_pct numeric(5,2) CHECK (uden_for_arbejde_pct BETWEEN 0 AND 100),     -- 18-64 år uden for arbejde/uddannelse
  doemte_pct numeric(5,2) CHECK (doemte_pct BETWEEN 0 AND 100),                         -- dømte, andel af beboere 18+
  kun_grundskole_pct numeric(5,2) CHECK (kun_grundskole_pct BETWEEN 0 AND 100),         -- 30-59 år med kun grundskole
  indkomst_pct_af_region numeric(6,2) CHECK (indkomst_pct_af_region >= 0),              -- gns. bruttoindkomst 15-64 år i pct. af regionen
  ikke_vestlige_pct numeric(5,2) CHECK (ikke_vestlige_pct BETWEEN 0 AND 100),          -- indvandrere og efterkommere fra ikke-vestlige lande
  fraflytning_pct numeric(5,2) CHECK (fraflytning_pct BETWEEN 0 AND 100),
  ledige_boliger integer CHECK (ledige_boliger >= 0),
  husordenssager integer CHECK (husordenssager >= 0),
  restancesager integer CHECK (restancesager >= 0),
  venteliste integer CHECK (venteliste >= 0),
  kilde text NOT NULL,
  opgjort_pr date NOT NULL,
  import_job_id bigint REFERENCES import_job(id),
  CHECK ((afdeling_id IS NULL) <> (boligomraade_id IS NULL))
);
CREATE UNIQUE INDEX noegletal_afdeling_aar ON noegletal (afdeling_id, aar) WHERE afdeling_id IS NOT NULL;
CREATE UNIQUE INDEX noegletal_omraade_aar ON noegletal (boligomraade_id, aar) WHERE boligomraade_id IS NOT NULL;
CREATE INDEX noegletal_kommune ON noegletal (kommunekode, aar);

-- Housing stock of the municipality (all tenures), for the share held by almene boliger.
CREATE TABLE boligmasse (
  kommunekode text NOT NULL REFERENCES kommune(kode),
  aar integer NOT NULL,
  boliger_i_alt integer NOT NULL CHECK (boliger_i_alt >= 0),
  kilde text NOT NULL,
  opgjort_pr date NOT NULL,
  import_job_id bigint REFERENCES import_job(id),
  PRIMARY KEY (kommunekode, aar)
);

-- Append-only audit trail of writes (issue 3 extends it to reads of personal data).
CREATE TABLE audit_event (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  detail jsonb
);
