-- The udlejningsaftale (issue 5): lettings of family dwellings per afdeling and year by channel.
CREATE TABLE udlejning (
  id bigserial PRIMARY KEY,
  afdeling_id bigint NOT NULL REFERENCES afdeling(id),
  kommunekode text NOT NULL REFERENCES kommune(kode),
  aar integer NOT NULL CHECK (aar BETWEEN 1990 AND 2100),
  ledige_familieboliger integer NOT NULL CHECK (ledige_familieboliger >= 0),  -- family dwellings that became vacant in the year
  venteliste integer NOT NULL DEFAULT 0 CHECK (venteliste >= 0),
  fleksibel_udlejning integer NOT NULL DEFAULT 0 CHECK (fleksibel_udlejning >= 0),
  kommunal_anvisning integer NOT NULL DEFAULT 0 CHECK (kommunal_anvisning >= 0),
  intern_oprykning integer NOT NULL DEFAULT 0 CHECK (intern_oprykning >= 0),
  andet integer NOT NULL DEFAULT 0 CHECK (andet >= 0),
  kilde text NOT NULL,
  opgjort_pr date NOT NULL,
  import_job_id bigint REFERENCES import_job(id),
  UNIQUE (afdeling_id, aar)
);
CREATE INDEX udlejning_kommune ON udlejning (kommunekode, aar);
