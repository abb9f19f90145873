-- Events and the IHR procedures: events made from signals or reported by hand, their timeline,
-- verification requests from WHO to National Focal Points, IHR Annex 2 assessments and the
-- notifications they call for, rapid risk assessments, WHO gradings and 7-1-7 response actions.
-- Every event and every timeline entry carries a visibility (see packages/core/src/ihr/visibility.ts).

CREATE TABLE events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- A short number people can say on the phone ("event 42").
  number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description text NOT NULL DEFAULT '',
  -- The hazard: a known disease, or an agent or description in words; neither means unknown.
  disease_id integer REFERENCES diseases (id),
  hazard text,
  -- Countries affected (ISO3); checked against countries by the service (arrays take no foreign keys).
  countries char(3)[] NOT NULL CHECK (cardinality(countries) >= 1),
  source_kind text NOT NULL CHECK (source_kind IN ('signal', 'media', 'rumour', 'partner_report', 'official_report', 'other')),
  source_text text,
  source_url text,
  status text NOT NULL CHECK (status IN ('under_verification', 'verified', 'discarded', 'monitoring', 'closed')),
  visibility text NOT NULL CHECK (visibility IN ('who_internal', 'restricted', 'states_parties', 'public')),
  visible_countries char(3)[] NOT NULL DEFAULT '{}',
  visible_organisations uuid[] NOT NULL DEFAULT '{}',
  CHECK ((visibility = 'restricted') = (cardinality(visible_countries) + cardinality(visible_organisations) > 0)),
  -- Key dates of the 7-1-7 timeline; notification is set when the IHR notification is recorded.
  date_emergence date,
  date_detection date NOT NULL,
  date_notification date,
  -- The latest grade and risk level, kept here for lists, maps and subscriptions.
  grade text NOT NULL DEFAULT 'ungraded',
  risk_level text,
  published_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id),
  created_by_label text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Optimistic locking: an edit names the version it read.
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX events_countries ON events USING gin (countries);
CREATE INDEX events_updated ON events (updated_at DESC);

CREATE TABLE event_locations (
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  location_id integer NOT NULL REFERENCES locations (id),
  PRIMARY KEY (event_id, location_id)
);

-- A signal becomes part of at most one event.
CREATE TABLE event_signals (
  signal_id uuid PRIMARY KEY REFERENCES signals (id),
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE
);
CREATE INDEX event_signals_event ON event_signals (event_id);

-- Case and death counts as reported over time (cumulative as of the date).
CREATE TABLE event_counts (
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  reported_on date NOT NULL,
  cases integer NOT NULL CHECK (cases >= 0),
  deaths integer NOT NULL CHECK (deaths >= 0),
  note text,
  recorded_at timestamptz NOT NULL,
  recorded_by_label text NOT NULL,
  PRIMARY KEY (event_id, reported_on)
);

-- Everything that happened to an event, in order. Append-only; each entry has its own visibility
-- (a reader must be able to see both the event and the entry). Deliveries are made from these entries.
CREATE TABLE event_updates (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  kind text NOT NULL,
  actor_id uuid REFERENCES users (id),
  actor_label text NOT NULL,
  -- What changed, in data (the web and the messages put it into words in the reader's language).
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  visibility text NOT NULL CHECK (visibility IN ('who_internal', 'restricted', 'states_parties', 'public')),
  visible_countries char(3)[] NOT NULL DEFAULT '{}',
  visible_organisations uuid[] NOT NULL DEFAULT '{}'
);
CREATE INDEX event_updates_event ON event_updates (event_id, seq);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END $$;
CREATE TRIGGER event_updates_append_only BEFORE UPDATE OR DELETE ON event_updates
  FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION refuse_change();

-- WHO asks a National Focal Point to verify an event (IHR Article 10).
CREATE TABLE verification_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  country char(3) NOT NULL REFERENCES countries (iso3),
  question text NOT NULL CHECK (length(question) > 0),
  sent_at timestamptz NOT NULL,
  sent_by uuid REFERENCES users (id),
  sent_by_label text NOT NULL,
  due_at timestamptz NOT NULL,
  remind_at timestamptz NOT NULL,
  reminded_at timestamptz,
  escalated_at timestamptz,
  answer text CHECK (answer IN ('confirmed', 'not_confirmed', 'under_investigation')),
  answer_text text,
  answered_at timestamptz,
  answered_by uuid REFERENCES users (id),
  answered_by_label text,
  CHECK ((answer IS NULL) = (answered_at IS NULL))
);
CREATE INDEX verification_requests_event ON verification_requests (event_id);
CREATE INDEX verification_requests_open ON verification_requests (due_at) WHERE answered_at IS NULL;

-- IHR Annex 2 assessments: never changed, a new assessment is a new version.
CREATE TABLE annex2_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  version integer NOT NULL,
  country char(3) NOT NULL REFERENCES countries (iso3),
  group_applied text NOT NULL CHECK (group_applied IN ('always_notify', 'always_assess', 'other')),
  has_human_case boolean NOT NULL,
  sub_answers jsonb NOT NULL,
  overrides jsonb NOT NULL,
  criteria jsonb NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('notify', 'not_notified_reassess')),
  reason text NOT NULL,
  criteria_met text[] NOT NULL,
  note text,
  assessed_at timestamptz NOT NULL,
  due_at timestamptz,
  assessed_by uuid REFERENCES users (id),
  assessed_by_label text NOT NULL,
  UNIQUE (event_id, version)
);
CREATE TRIGGER annex2_assessments_immutable BEFORE UPDATE OR DELETE ON annex2_assessments
  FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION refuse_change();

-- The State Party's notification to WHO that an Annex 2 assessment called for (one per event and country).
CREATE TABLE ihr_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  country char(3) NOT NULL REFERENCES countries (iso3),
  assessment_id uuid NOT NULL REFERENCES annex2_assessments (id),
  due_at timestamptz NOT NULL,
  notified_at timestamptz,
  notified_by uuid REFERENCES users (id),
  notified_by_label text,
  UNIQUE (event_id, country)
);

-- Rapid risk assessments: versioned per event and scale, never changed.
CREATE TABLE risk_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  scale text NOT NULL CHECK (scale IN ('national', 'regional', 'global')),
  version integer NOT NULL,
  hazard_text text NOT NULL DEFAULT '',
  exposure_text text NOT NULL DEFAULT '',
  context_text text NOT NULL DEFAULT '',
  likelihood text NOT NULL,
  likelihood_rationale text NOT NULL CHECK (length(likelihood_rationale) > 0),
  consequences text NOT NULL,
  consequences_rationale text NOT NULL CHECK (length(consequences_rationale) > 0),
  level text NOT NULL CHECK (level IN ('low', 'moderate', 'high', 'very_high')),
  confidence text NOT NULL CHECK (confidence IN ('low', 'moderate', 'high')),
  matrix_version text NOT NULL,
  next_review_due date,
  assessed_at timestamptz NOT NULL,
  assessed_by uuid REFERENCES users (id),
  assessed_by_label text NOT NULL,
  UNIQUE (event_id, scale, version)
);
CREATE TRIGGER risk_assessments_immutable BEFORE UPDATE OR DELETE ON risk_assessments
  FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION refuse_change();

-- WHO gradings (Emergency Response Framework): the event's grade over time, never changed.
CREATE TABLE gradings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  grade text NOT NULL CHECK (grade IN ('ungraded', 'grade_1', 'grade_2', 'grade_3', 'protracted_1', 'protracted_2', 'protracted_3')),
  graded_on date NOT NULL,
  rationale text NOT NULL CHECK (length(rationale) > 0),
  -- A note on each of the five criteria considered.
  criteria jsonb NOT NULL,
  -- The risk assessment or situation analysis that called for the grade: grading is due 24 hours after it.
  triggering_analysis_at timestamptz,
  due_at timestamptz,
  override_protracted_rule boolean NOT NULL DEFAULT false,
  review_due date NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid REFERENCES users (id),
  recorded_by_label text NOT NULL
);
CREATE INDEX gradings_event ON gradings (event_id, recorded_at);
CREATE TRIGGER gradings_immutable BEFORE UPDATE OR DELETE ON gradings
  FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION refuse_change();

-- The seven early response actions of 7-1-7 and when each was completed.
CREATE TABLE event_response_actions (
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  code text NOT NULL,
  applicable boolean NOT NULL DEFAULT true,
  date_completed date,
  updated_at timestamptz NOT NULL,
  updated_by_label text NOT NULL,
  PRIMARY KEY (event_id, code)
);
