-- Users, roles per municipality, sessions; the append-only audit log; applicants' personal data.

CREATE TABLE app_user (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username = lower(username) AND length(username) BETWEEN 2 AND 100),
  display_name text NOT NULL,
  password_hash text,                    -- argon2id; NULL for users who only sign in through OpenID Connect
  oidc_issuer text,
  oidc_subject text,
  active boolean NOT NULL DEFAULT true,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  password_changed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (oidc_issuer, oidc_subject)
);

CREATE TABLE user_role (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  kommunekode text NOT NULL REFERENCES kommune(kode),
  role text NOT NULL CHECK (role IN ('administrator', 'boligkontor', 'anvisning', 'boligorganisation', 'laeser')),
  boligorganisation_id bigint REFERENCES boligorganisation(id),
  CHECK ((role = 'boligorganisation') = (boligorganisation_id IS NOT NULL))
);
CREATE UNIQUE INDEX user_role_unique ON user_role (user_id, kommunekode, role, coalesce(boligorganisation_id, 0));

CREATE TABLE user_session (
  id text PRIMARY KEY,                   -- sha256 of the cookie token; the token itself is never stored
  user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  auth_method text NOT NULL CHECK (auth_method IN ('password', 'oidc')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX user_session_user ON user_session (user_id);

ALTER TABLE audit_event
  ADD COLUMN user_id bigint,
  ADD COLUMN session_id text,
  ADD COLUMN kommunekode text,
  ADD COLUMN ip text;
CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_entity ON audit_event (entity, entity_id);

-- The audit log cannot be changed: not through the app, the API, nor an UPDATE by mistake.
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event kan ikke ændres eller slettes';
END $$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- Applicants for kommunal anvisning. Personal fields are encrypted in the application (AES-256-GCM with
-- a key id in each value, see src/shared/crypto.ts); only the birth date part of the CPR is kept for
-- the masked display, and it too is encrypted.
CREATE TABLE ansoeger (
  id bigserial PRIMARY KEY,
  kommunekode text NOT NULL REFERENCES kommune(kode),
  cpr_enc text,
  navn_enc text,
  telefon_enc text,
  email_enc text,
  maalgruppe text NOT NULL,
  status text NOT NULL DEFAULT 'aaben' CHECK (status IN ('aaben', 'lukket')),
  oprettet_at timestamptz NOT NULL DEFAULT now(),
  lukket_at timestamptz,
  anonymiseret_at timestamptz,
  CHECK ((status = 'lukket') = (lukket_at IS NOT NULL))
);
CREATE INDEX ansoeger_kommune ON ansoeger (kommunekode, status);
