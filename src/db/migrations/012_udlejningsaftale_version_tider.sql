-- The saved versions' own timestamps in the API's one format, ISO 8601 in UTC with milliseconds (decision 023):
-- versions saved before it hold PostgreSQL's text ("2026-12-02 07:17:37.123456+00"), and those backfilled by
-- migration 011 hold to_jsonb's ("2026-12-02T07:17:37.123456+00:00"). Both read back as the same instant.
UPDATE udlejningsaftale_version SET indhold = indhold || jsonb_build_object(
  'oprettet_at', to_char((indhold->>'oprettet_at')::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'opdateret_at', to_char((indhold->>'opdateret_at')::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
WHERE indhold->>'oprettet_at' IS NOT NULL AND indhold->>'opdateret_at' IS NOT NULL;
