-- Kommunal anvisning (issue 6, item 5): what the municipality owes for dwellings at its disposal (§ 59 stk. 1:
-- rent while a dwelling stands empty, the guarantee for restoring it at move-out; by agreement often the first
-- year's arrears). The organisation claims, the municipality approves or rejects and records payment.
CREATE TABLE anvisning_krav (
  id bigserial PRIMARY KEY,
  kommunekode text NOT NULL REFERENCES kommune(kode),
  boligorganisation_id bigint NOT NULL REFERENCES boligorganisation(id),
  anvisningsbolig_id bigint REFERENCES anvisningsbolig(id),
  art text NOT NULL CHECK (art IN ('tomgangsleje', 'istandsaettelse', 'restance', 'andet')),
  beloeb numeric(12,2) NOT NULL CHECK (beloeb > 0),
  periode_fra date,
  periode_til date,
  beskrivelse text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'modtaget' CHECK (status IN ('modtaget', 'godkendt', 'afvist', 'betalt')),
  godkendt_beloeb numeric(12,2) CHECK (godkendt_beloeb >= 0),
  afvist_grund text,
  betalt_dato date,
  oprettet_at timestamptz NOT NULL DEFAULT now(),
  oprettet_af text NOT NULL,
  behandlet_at timestamptz,
  behandlet_af text,
  CHECK (periode_til IS NULL OR periode_fra IS NULL OR periode_til >= periode_fra),
  CHECK ((status = 'afvist') = (afvist_grund IS NOT NULL)),
  CHECK ((status IN ('godkendt', 'betalt')) = (godkendt_beloeb IS NOT NULL)),
  CHECK ((status = 'betalt') = (betalt_dato IS NOT NULL))
);
CREATE INDEX anvisning_krav_org ON anvisning_krav (boligorganisation_id, status);
CREATE INDEX anvisning_krav_kommune ON anvisning_krav (kommunekode, status);
