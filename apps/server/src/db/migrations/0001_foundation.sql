-- Foundation: reference countries, organisations, users and access, sessions, API tokens,
-- login throttling, the audit log and National IHR Focal Point contacts.

CREATE TABLE countries (
  iso3 char(3) PRIMARY KEY CHECK (iso3 ~ '^[A-Z]{3}$'),
  iso2 char(2) NOT NULL UNIQUE,
  m49 char(3),
  name_ar text NOT NULL,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  name_fr text NOT NULL,
  name_ru text NOT NULL,
  name_es text NOT NULL,
  who_region text CHECK (who_region IN ('AFR', 'AMR', 'SEAR', 'EUR', 'EMR', 'WPR')),
  who_member_state boolean NOT NULL,
  un_member boolean NOT NULL,
  population double precision,
  population_year integer,
  atlas_id text,
  centroid_lat double precision,
  centroid_lon double precision
);

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('national_authority', 'who_country_office', 'who_regional_office',
    'who_headquarters', 'partner_goarn', 'partner_un_agency', 'partner_ngo', 'partner_donor', 'non_state_actor')),
  country char(3) REFERENCES countries (iso3),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organisations_name_unique ON organisations (lower(name));

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL,
  display_name text NOT NULL,
  email text,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'who_officer', 'nfp', 'partner', 'observer')),
  organisation_id uuid REFERENCES organisations (id),
  preferred_language text NOT NULL DEFAULT 'en' CHECK (preferred_language IN ('ar', 'zh', 'en', 'fr', 'ru', 'es')),
  all_countries boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_unique ON users (lower(username));

CREATE TABLE user_countries (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  country char(3) NOT NULL REFERENCES countries (iso3),
  PRIMARY KEY (user_id, country)
);

CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  scopes text[] NOT NULL,
  countries char(3)[],
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- One row per throttled key (a username or a client address); shared by every server process.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until timestamptz
);

CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_type text NOT NULL,
  actor_id text,
  actor_label text NOT NULL,
  action text NOT NULL,
  target_type text,
  target_id text,
  summary jsonb NOT NULL,
  request_id text,
  prev_hash char(64) NOT NULL,
  hash char(64) NOT NULL UNIQUE
);
CREATE INDEX audit_log_action ON audit_log (action);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX audit_log_target ON audit_log (target_id);

-- The audit log is append-only: the database itself refuses to change or remove an entry.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'ROW' THEN
    RAISE EXCEPTION 'the audit log is append-only: % of entry % refused', TG_OP, OLD.seq;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

CREATE TABLE focal_points (
  country char(3) PRIMARY KEY REFERENCES countries (iso3),
  name text NOT NULL,
  email text NOT NULL,
  phone text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id)
);
