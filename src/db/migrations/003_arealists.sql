-- Statutory area lists (ABL § 61 a and § 61 b, issue 4): national reference values, every computation with
-- the area figures it used (aggregates only, never person records), its results, and the ministry's lists.

-- The national 2-year convicted average is computed by the agency each year; it is an input, not a law number.
CREATE TABLE liste_landsgennemsnit (
  aar integer PRIMARY KEY CHECK (aar BETWEEN 1990 AND 2100),
  doemte_pct numeric(7,4) NOT NULL CHECK (doemte_pct > 0 AND doemte_pct < 100),
  kilde text NOT NULL CHECK (length(kilde) BETWEEN 1 AND 300),
  opdateret_at timestamptz NOT NULL DEFAULT now(),
  opdateret_af text NOT NULL
);

-- One computation for one municipality. `input` holds every area-indicator row used (history included) and
-- the area-years that could not be computed, so a result can be recomputed and compared later.
CREATE TABLE liste_beregning (
  id bigserial PRIMARY KEY,
  kommunekode text NOT NULL REFERENCES kommune(kode),
  kilde text NOT NULL CHECK (kilde IN ('register', 'indikatorfil', 'personfil')),
  kilde_detalje text,
  beregnet_at timestamptz NOT NULL DEFAULT now(),
  beregnet_af text NOT NULL,
  parametre_fingeraftryk text NOT NULL,
  input jsonb NOT NULL,
  mangler jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX liste_beregning_kommune ON liste_beregning (kommunekode, id DESC);

CREATE TABLE liste_resultat (
  beregning_id bigint NOT NULL REFERENCES liste_beregning(id) ON DELETE CASCADE,
  listeaar integer NOT NULL,
  omraade_kode text NOT NULL,
  omraade_navn text NOT NULL,
  uden_etnisk boolean NOT NULL,
  kategorier text[] NOT NULL,
  resultat jsonb NOT NULL,
  PRIMARY KEY (beregning_id, omraade_kode, listeaar, uden_etnisk)
);

-- The lists as published by the ministry each 1 December: the source of truth where they differ.
CREATE TABLE liste_offentliggjort (
  listeaar integer NOT NULL CHECK (listeaar BETWEEN 1990 AND 2100),
  omraade_kode text NOT NULL,
  omraade_navn text NOT NULL,
  kommunekode text NOT NULL REFERENCES kommune(kode),
  kategori text NOT NULL CHECK (kategori IN ('udsat', 'parallelsamfund', 'omdannelsesomraade', 'forebyggelsesomraade')),
  kilde text NOT NULL,
  indlaest_at timestamptz NOT NULL DEFAULT now(),
  indlaest_af text NOT NULL,
  PRIMARY KEY (kommunekode, listeaar, omraade_kode, kategori)
);

-- Which published list years a municipality has imported (a year with none of its areas on it has no rows above).
CREATE TABLE liste_offentliggjort_aar (
  kommunekode text NOT NULL REFERENCES kommune(kode),
  listeaar integer NOT NULL CHECK (listeaar BETWEEN 1990 AND 2100),
  kilde text NOT NULL,
  indlaest_at timestamptz NOT NULL DEFAULT now(),
  indlaest_af text NOT NULL,
  PRIMARY KEY (kommunekode, listeaar)
);
