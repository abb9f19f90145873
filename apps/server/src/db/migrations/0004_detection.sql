-- Early warning: each disease's detection method, runs of the detection engine over stored weekly
-- series, the result of every evaluated series-week, and signals (one per series and alarm episode)
-- in a triage queue.

-- A disease without a row here is monitored with the default (see docs/detection.md).
CREATE TABLE detection_configs (
  disease_id integer PRIMARY KEY REFERENCES diseases (id) ON DELETE CASCADE,
  metric_id integer NOT NULL REFERENCES metrics (id),
  method text NOT NULL CHECK (method IN ('ears-c1', 'ears-c2', 'ears-c3', 'farrington', 'farrington-flexible', 'noufaily', 'cusum')),
  -- R control parameters by R's names, as text (the method checks them when the configuration is saved).
  params jsonb NOT NULL DEFAULT '{}'::jsonb,
  enabled boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL
);

CREATE TABLE detection_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  created_by uuid REFERENCES users (id),
  actor_label text NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('import', 'manual', 'cli')),
  import_batch_id uuid REFERENCES import_batches (id) ON DELETE SET NULL,
  status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  -- Updated after every batch: a running run whose heartbeat stopped was interrupted (its process ended).
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  -- What was asked: countries, diseases, first and last week ({"countries": [...], "diseases": [...], "from": "2024-01-01", "to": ...}).
  filter jsonb NOT NULL,
  period_from date,
  period_to date,
  series_total integer NOT NULL DEFAULT 0,
  series_done integer NOT NULL DEFAULT 0,
  weeks_evaluated integer NOT NULL DEFAULT 0,
  alarms integer NOT NULL DEFAULT 0,
  signals_opened integer NOT NULL DEFAULT 0,
  message text
);
CREATE INDEX detection_runs_created ON detection_runs (created_at DESC);

-- The latest evaluation of each series-week (re-running replaces it). Like observations, no
-- foreign keys: rows are written in bulk by runs that checked the series exist.
CREATE TABLE detection_results (
  location_id integer NOT NULL,
  disease_id integer NOT NULL,
  metric_id integer NOT NULL,
  period_start date NOT NULL,
  method text NOT NULL,
  observed double precision,
  expected double precision,
  upperbound double precision,
  -- NULL when the method's result is undefined for that week; `note` says why.
  alarm boolean,
  note text,
  run_id uuid NOT NULL,
  PRIMARY KEY (location_id, disease_id, metric_id, period_start)
);

CREATE TABLE signals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  location_id integer NOT NULL REFERENCES locations (id),
  disease_id integer NOT NULL REFERENCES diseases (id),
  metric_id integer NOT NULL REFERENCES metrics (id),
  -- Copied from the location so the queue can be filtered by the reader's country scope.
  country char(3) NOT NULL REFERENCES countries (iso3),
  method text NOT NULL,
  -- The episode: its first and last alarm weeks, how many alarm weeks, and its highest week.
  first_alarm date NOT NULL,
  last_alarm date NOT NULL,
  alarms integer NOT NULL CHECK (alarms >= 1),
  peak_week date NOT NULL,
  peak_observed double precision NOT NULL,
  peak_expected double precision,
  peak_upperbound double precision,
  -- Ranking: how far the peak went above its threshold (observed ÷ upperbound).
  score double precision NOT NULL,
  -- True while the episode may still grow (fewer than three evaluated quiet weeks since its last alarm).
  ongoing boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('new', 'accepted', 'dismissed')),
  decided_at timestamptz,
  decided_by uuid REFERENCES users (id),
  decided_by_label text,
  decision_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'new') = (decided_at IS NULL)),
  CHECK (status <> 'dismissed' OR length(decision_note) > 0),
  -- One signal per series and episode.
  UNIQUE (location_id, disease_id, metric_id, first_alarm)
);
CREATE INDEX signals_queue ON signals (status, score DESC);
CREATE INDEX signals_country ON signals (country);
