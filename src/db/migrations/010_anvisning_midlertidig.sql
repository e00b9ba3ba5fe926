-- Kommunal anvisning (issue 6, item 6): temporary tools from the free-municipality trials: temporary rent
-- subsidy (amount, period, follow-up), temporary leases with an end date and what happens then, and shared
-- dwellings (deleboliger). Linked to a case; notes go in the case journal (encrypted).
CREATE TABLE anvisning_midlertidig (
  id bigserial PRIMARY KEY,
  kommunekode text NOT NULL REFERENCES kommune(kode),
  ansoeger_id bigint NOT NULL REFERENCES ansoeger(id),
  anvisningsbolig_id bigint REFERENCES anvisningsbolig(id),
  art text NOT NULL CHECK (art IN ('huslejetilskud', 'tidsbegraenset_lejemaal', 'delebolig')),
  beloeb_maaned numeric(10,2) CHECK (beloeb_maaned > 0),
  fra date NOT NULL,
  til date NOT NULL,
  opfoelgning date,
  ved_udloeb text NOT NULL DEFAULT '' CHECK (length(ved_udloeb) <= 500),   -- what happens at the end (e.g. "overgår til permanent lejemål")
  status text NOT NULL DEFAULT 'aktiv' CHECK (status IN ('aktiv', 'afsluttet')),
  oprettet_at timestamptz NOT NULL DEFAULT now(),
  oprettet_af text NOT NULL,
  CHECK (til >= fra),
  CHECK ((art = 'huslejetilskud') = (beloeb_maaned IS NOT NULL))
);
CREATE INDEX anvisning_midlertidig_kommune ON anvisning_midlertidig (kommunekode, status, til);
