-- Every saved version of an udlejningsaftale (issue 5: "versions"): the agreement as saved, parties included, so
-- an earlier trappemodel, its goals and its period can be read and compared after the agreement has changed.
CREATE TABLE udlejningsaftale_version (
  aftale_id bigint NOT NULL REFERENCES udlejningsaftale(id) ON DELETE CASCADE,
  version integer NOT NULL,
  indhold jsonb NOT NULL,
  gemt_at timestamptz NOT NULL DEFAULT now(),
  gemt_af text NOT NULL,
  PRIMARY KEY (aftale_id, version)
);

-- Agreements saved before this table: their current version (earlier ones are in the audit log's "before" only).
INSERT INTO udlejningsaftale_version (aftale_id, version, indhold, gemt_at, gemt_af)
SELECT a.id, a.version,
  to_jsonb(a) - 'maalsaetninger' - 'samarbejde' - 'trappemodel'
    || jsonb_build_object('maalsaetninger', a.maalsaetninger, 'samarbejde', a.samarbejde, 'trappemodel', a.trappemodel,
         'parter', coalesce((SELECT jsonb_agg(jsonb_build_object('id', o.id, 'navn', o.navn) ORDER BY o.navn)
                             FROM udlejningsaftale_part p JOIN boligorganisation o ON o.id = p.boligorganisation_id WHERE p.aftale_id = a.id), '[]')),
  a.opdateret_at, a.oprettet_af
FROM udlejningsaftale a;
