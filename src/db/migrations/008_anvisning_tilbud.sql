-- Kommunal anvisning (issue 6, item 4): the municipality's offer of a vacancy to an applicant, and the outcome.
CREATE TABLE anvisning_tilbud (
  id bigserial PRIMARY KEY,
  kommunekode text NOT NULL REFERENCES kommune(kode),
  anvisningsbolig_id bigint NOT NULL REFERENCES anvisningsbolig(id),
  ansoeger_id bigint NOT NULL REFERENCES ansoeger(id),
  status text NOT NULL DEFAULT 'tilbudt' CHECK (status IN ('tilbudt', 'accepteret', 'afslaaet', 'udeblevet', 'annulleret')),
  afslag_grund text CHECK (afslag_grund IN ('for_dyr', 'beliggenhed', 'stoerrelse', 'andet_tilbud', 'andet')),
  lejestart date,
  dage_fra_ansoegning integer,            -- from the application date to the lease start, for the statistics
  tilbudt_at timestamptz NOT NULL DEFAULT now(),
  tilbudt_af text NOT NULL,
  besvaret_at timestamptz,
  besvaret_af text,
  CHECK ((status = 'accepteret') = (lejestart IS NOT NULL)),
  CHECK ((status = 'afslaaet') = (afslag_grund IS NOT NULL))
);
-- At most one open or accepted offer per vacancy.
CREATE UNIQUE INDEX anvisning_tilbud_aktiv ON anvisning_tilbud (anvisningsbolig_id) WHERE status IN ('tilbudt', 'accepteret');
CREATE INDEX anvisning_tilbud_ansoeger ON anvisning_tilbud (ansoeger_id);
