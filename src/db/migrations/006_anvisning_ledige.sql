-- Kommunal anvisning (issue 6): vacant family dwellings the housing organisations offer under the
-- municipality's anvisningsret, and what the municipality did with each (used it or returned it, and why).
CREATE TABLE anvisningsbolig (
  id bigserial PRIMARY KEY,
  kommunekode text NOT NULL REFERENCES kommune(kode),
  afdeling_id bigint NOT NULL REFERENCES afdeling(id),
  boligorganisation_id bigint NOT NULL REFERENCES boligorganisation(id),
  adresse text NOT NULL CHECK (length(adresse) BETWEEN 1 AND 300),
  vaerelser integer NOT NULL CHECK (vaerelser BETWEEN 1 AND 20),
  areal_m2 numeric(7,1) NOT NULL CHECK (areal_m2 > 0),
  husleje_maaned numeric(10,2) NOT NULL CHECK (husleje_maaned >= 0),
  tilgaengelig boolean NOT NULL DEFAULT false,          -- suitable for a wheelchair user
  ledig_fra date NOT NULL,
  svarfrist date NOT NULL,
  status text NOT NULL DEFAULT 'tilbudt' CHECK (status IN ('tilbudt', 'brugt', 'returneret')),
  retur_grund text CHECK (retur_grund IN ('for_dyr', 'forkert_stoerrelse', 'ingen_egnet_ansoeger', 'andet')),
  retur_tekst text,
  tilbudt_at timestamptz NOT NULL DEFAULT now(),
  tilbudt_af text NOT NULL,
  besluttet_at timestamptz,
  besluttet_af text,
  CHECK ((status = 'returneret') = (retur_grund IS NOT NULL)),
  CHECK ((status = 'tilbudt') = (besluttet_at IS NULL))
);
CREATE INDEX anvisningsbolig_kommune ON anvisningsbolig (kommunekode, status);
CREATE INDEX anvisningsbolig_org ON anvisningsbolig (boligorganisation_id, status);
