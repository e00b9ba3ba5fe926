-- The udlejningsaftale (issue 5): the agreement, its parties and annexes, the trappemodel, and the yearly
-- placement of each afdeling on a step (history kept: a new row per placement, the latest is in force).
CREATE TABLE udlejningsaftale (
  id bigserial PRIMARY KEY,
  kommunekode text NOT NULL REFERENCES kommune(kode),
  navn text NOT NULL CHECK (length(navn) BETWEEN 1 AND 200),
  gyldig_fra date NOT NULL,
  gyldig_til date NOT NULL,               -- the last day, inclusive
  status text NOT NULL DEFAULT 'udkast' CHECK (status IN ('udkast', 'gaeldende', 'afsluttet')),
  fleksibel_udlejning boolean NOT NULL DEFAULT false,
  maal text NOT NULL DEFAULT '',
  -- measurable goals: [{tekst, noegletal, operator, vaerdi, senest_aar, gaelder: 'alle_afdelinger' | [afdeling ids]}]
  maalsaetninger jsonb NOT NULL DEFAULT '[]',
  samarbejde jsonb NOT NULL DEFAULT '{}',   -- politisk møde, embedsmandsgruppe, mødedatoer
  trappemodel jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  oprettet_at timestamptz NOT NULL DEFAULT now(),
  oprettet_af text NOT NULL,
  opdateret_at timestamptz NOT NULL DEFAULT now(),
  CHECK (gyldig_til > gyldig_fra)
);
CREATE INDEX udlejningsaftale_kommune ON udlejningsaftale (kommunekode);

CREATE TABLE udlejningsaftale_part (
  aftale_id bigint NOT NULL REFERENCES udlejningsaftale(id) ON DELETE CASCADE,
  boligorganisation_id bigint NOT NULL REFERENCES boligorganisation(id),
  PRIMARY KEY (aftale_id, boligorganisation_id)
);

CREATE TABLE udlejningsaftale_bilag (
  id bigserial PRIMARY KEY,
  aftale_id bigint NOT NULL REFERENCES udlejningsaftale(id) ON DELETE CASCADE,
  aar integer NOT NULL CHECK (aar BETWEEN 1990 AND 2100),
  titel text NOT NULL CHECK (length(titel) BETWEEN 1 AND 200),
  indhold text NOT NULL DEFAULT '',
  oprettet_at timestamptz NOT NULL DEFAULT now(),
  oprettet_af text NOT NULL
);

CREATE TABLE trin_placering (
  id bigserial PRIMARY KEY,
  aftale_id bigint NOT NULL REFERENCES udlejningsaftale(id) ON DELETE CASCADE,
  afdeling_id bigint NOT NULL REFERENCES afdeling(id),
  aar integer NOT NULL CHECK (aar BETWEEN 1990 AND 2100),
  beregnet_trin text,                      -- the step the figures give (null: could not be placed)
  trin text,                               -- the step in force (manual override or the computed one)
  manuel boolean NOT NULL DEFAULT false,
  begrundelse text NOT NULL DEFAULT '',
  forklaring text NOT NULL DEFAULT '',
  noegletal_aar integer,
  placeret_at timestamptz NOT NULL DEFAULT now(),
  placeret_af text NOT NULL,
  CHECK (NOT manuel OR length(begrundelse) > 0)
);
CREATE INDEX trin_placering_aftale ON trin_placering (aftale_id, aar, afdeling_id, id DESC);
