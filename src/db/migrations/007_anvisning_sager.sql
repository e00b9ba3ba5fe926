-- Kommunal anvisning (issue 6): the applicant's case. Personal details (household members, benefits month by
-- month, income, reason, wishes) are one encrypted JSON document; the facts statistics and matching need
-- without personal detail (priority, household size, rooms, accessibility) are plain columns.
ALTER TABLE ansoeger
  ADD COLUMN sag_enc text,
  ADD COLUMN prioritet integer NOT NULL DEFAULT 2 CHECK (prioritet BETWEEN 1 AND 3),
  ADD COLUMN sagsbehandler text,
  ADD COLUMN ansoegt_dato date NOT NULL DEFAULT current_date,
  ADD COLUMN antal_personer integer NOT NULL DEFAULT 1 CHECK (antal_personer BETWEEN 1 AND 20),
  ADD COLUMN antal_boern integer NOT NULL DEFAULT 0 CHECK (antal_boern BETWEEN 0 AND 19),
  ADD COLUMN vaerelser_min integer CHECK (vaerelser_min BETWEEN 1 AND 20),
  ADD COLUMN vaerelser_max integer CHECK (vaerelser_max BETWEEN 1 AND 20),
  ADD COLUMN tilgaengelig_behov boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT ansoeger_vaerelser CHECK (vaerelser_max IS NULL OR vaerelser_min IS NULL OR vaerelser_max >= vaerelser_min);

-- The case journal: who did what when; the free text may hold personal data and is encrypted.
CREATE TABLE ansoeger_journal (
  id bigserial PRIMARY KEY,
  ansoeger_id bigint NOT NULL REFERENCES ansoeger(id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  af text NOT NULL,
  haendelse text NOT NULL CHECK (length(haendelse) BETWEEN 1 AND 80),
  tekst_enc text
);
CREATE INDEX ansoeger_journal_sag ON ansoeger_journal (ansoeger_id, id);
