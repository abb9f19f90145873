import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables created by the migrations in ./migrations. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** Names in the six UN languages, one column each. */
export interface SixNames {
  name_ar: string;
  name_zh: string;
  name_en: string;
  name_fr: string;
  name_ru: string;
  name_es: string;
}

export interface CountriesTable extends SixNames {
  iso3: string;
  iso2: string;
  m49: string | null;
  who_region: string | null;
  who_member_state: boolean;
  un_member: boolean;
  population: number | null;
  population_year: number | null;
  atlas_id: string | null;
  centroid_lat: number | null;
  centroid_lon: number | null;
}

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  kind: string;
  country: string | null;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  role: string;
  organisation_id: string | null;
  preferred_language: Generated<string>;
  all_countries: Generated<boolean>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface UserCountriesTable {
  user_id: string;
  country: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  scopes: string[];
  countries: string[] | null;
  created_at: CreatedAt;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface AuditLogTable {
  seq: ColumnType<string | number, number, never>;
  at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  summary: ColumnType<unknown, string, never>;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface FocalPointsTable {
  country: string;
  name: string;
  email: string;
  phone: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface DiseasesTable extends SixNames {
  id: Generated<number>;
  code: string;
  icd11: string | null;
  ihr_category: string;
  created_at: CreatedAt;
}

export interface MetricsTable extends SixNames {
  id: Generated<number>;
  code: string;
  whole_numbers: Generated<boolean>;
  created_at: CreatedAt;
}

export interface LocationsTable {
  id: Generated<number>;
  code: string;
  level: number;
  parent_id: number | null;
  country: string;
  name: string;
  created_at: CreatedAt;
}

export interface LocationPopulationsTable {
  location_id: number;
  year: number;
  population: number;
}

export interface ImportBatchesTable {
  id: Generated<string>;
  created_at: CreatedAt;
  finished_at: Timestamp | null;
  created_by: string | null;
  actor_label: string;
  format: string;
  channel: string;
  file_name: string | null;
  atomic: boolean;
  status: string;
  checksum: string | null;
  bytes: Generated<number>;
  rows_read: Generated<number>;
  rows_inserted: Generated<number>;
  rows_updated: Generated<number>;
  rows_unchanged: Generated<number>;
  rows_rejected: Generated<number>;
  duplicate_of: string | null;
  message: string | null;
}

export interface ImportErrorsTable {
  batch_id: string;
  line: number;
  column_name: string | null;
  value: string | null;
  reason: string;
}

export interface ImportFilesTable {
  batch_id: string;
  piece: number;
  data: Uint8Array;
}

export interface ObservationsTable {
  location_id: number;
  disease_id: number;
  metric_id: number;
  period_type: string;
  period_start: ColumnType<string, string, string>;
  value: number;
  batch_id: string;
}

export interface Dhis2DataElementMappingsTable {
  data_element: string;
  /** '' means any category option combination. */
  category_option_combo: Generated<string>;
  disease_id: number;
  metric_id: number;
  updated_at: Timestamp;
}

export interface Dhis2OrgUnitMappingsTable {
  org_unit: string;
  location_id: number;
  updated_at: Timestamp;
}

export interface DetectionConfigsTable {
  disease_id: number;
  metric_id: number;
  method: string;
  params: ColumnType<Record<string, string>, string, string>;
  enabled: boolean;
  updated_at: Timestamp;
  updated_by: string;
}

export interface DetectionRunsTable {
  id: Generated<string>;
  created_at: CreatedAt;
  finished_at: Timestamp | null;
  created_by: string | null;
  actor_label: string;
  trigger: string;
  import_batch_id: string | null;
  status: string;
  heartbeat_at: Generated<Date>;
  filter: ColumnType<DetectionRunFilterJson, string, string>;
  period_from: ColumnType<string | null, string | null, string | null>;
  period_to: ColumnType<string | null, string | null, string | null>;
  series_total: Generated<number>;
  series_done: Generated<number>;
  weeks_evaluated: Generated<number>;
  alarms: Generated<number>;
  signals_opened: Generated<number>;
  message: string | null;
}

/** What a detection run was asked to cover (stored as given, after defaults). */
export interface DetectionRunFilterJson {
  countries: string[] | null;
  diseases: string[] | null;
  from: string | null;
  to: string | null;
}

export interface DetectionResultsTable {
  location_id: number;
  disease_id: number;
  metric_id: number;
  period_start: ColumnType<string, string, string>;
  method: string;
  observed: number | null;
  expected: number | null;
  upperbound: number | null;
  alarm: boolean | null;
  note: string | null;
  run_id: string;
}

export interface SignalsTable {
  id: Generated<string>;
  location_id: number;
  disease_id: number;
  metric_id: number;
  country: string;
  method: string;
  first_alarm: ColumnType<string, string, string>;
  last_alarm: ColumnType<string, string, string>;
  alarms: number;
  peak_week: ColumnType<string, string, string>;
  peak_observed: number;
  peak_expected: number | null;
  peak_upperbound: number | null;
  score: number;
  ongoing: boolean;
  status: string;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decided_by_label: string | null;
  decision_note: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SchemaMigrationsTable {
  version: string;
  applied_at: Timestamp;
}

/** Visibility columns shared by events and their timeline entries. */
interface VisibilityColumns {
  visibility: string;
  visible_countries: ColumnType<string[], string[] | undefined, string[]>;
  visible_organisations: ColumnType<string[], string[] | undefined, string[]>;
}

export interface EventsTable extends VisibilityColumns {
  id: Generated<string>;
  number: ColumnType<string, never, never>;
  title: string;
  description: Generated<string>;
  disease_id: number | null;
  hazard: string | null;
  countries: string[];
  source_kind: string;
  source_text: string | null;
  source_url: string | null;
  status: string;
  date_emergence: ColumnType<string | null, string | null | undefined, string | null>;
  date_detection: ColumnType<string, string, string>;
  date_notification: ColumnType<string | null, string | null | undefined, string | null>;
  grade: Generated<string>;
  risk_level: string | null;
  published_at: Timestamp | null;
  created_at: Timestamp;
  created_by: string | null;
  created_by_label: string;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface EventLocationsTable {
  event_id: string;
  location_id: number;
}

export interface EventSignalsTable {
  signal_id: string;
  event_id: string;
}

export interface EventCountsTable {
  event_id: string;
  reported_on: ColumnType<string, string, string>;
  cases: number;
  deaths: number;
  note: string | null;
  recorded_at: Timestamp;
  recorded_by_label: string;
}

export interface EventUpdatesTable extends VisibilityColumns {
  seq: ColumnType<string, never, never>;
  id: Generated<string>;
  event_id: string;
  at: Timestamp;
  kind: string;
  actor_id: string | null;
  actor_label: string;
  details: ColumnType<Record<string, unknown>, string, string>;
}

export interface VerificationRequestsTable {
  id: Generated<string>;
  event_id: string;
  country: string;
  question: string;
  sent_at: Timestamp;
  sent_by: string | null;
  sent_by_label: string;
  due_at: Timestamp;
  remind_at: Timestamp;
  reminded_at: Timestamp | null;
  escalated_at: Timestamp | null;
  answer: string | null;
  answer_text: string | null;
  answered_at: Timestamp | null;
  answered_by: string | null;
  answered_by_label: string | null;
}

export interface Annex2AssessmentsTable {
  id: Generated<string>;
  event_id: string;
  version: number;
  country: string;
  group_applied: string;
  has_human_case: boolean;
  sub_answers: ColumnType<Record<string, string>, string, string>;
  overrides: ColumnType<Record<string, { value: string; justification: string }>, string, string>;
  criteria: ColumnType<Record<string, string>, string, string>;
  outcome: string;
  reason: string;
  criteria_met: string[];
  note: string | null;
  assessed_at: Timestamp;
  due_at: Timestamp | null;
  assessed_by: string | null;
  assessed_by_label: string;
}

export interface IhrNotificationsTable {
  id: Generated<string>;
  event_id: string;
  country: string;
  assessment_id: string;
  due_at: Timestamp;
  notified_at: Timestamp | null;
  notified_by: string | null;
  notified_by_label: string | null;
}

export interface RiskAssessmentsTable {
  id: Generated<string>;
  event_id: string;
  scale: string;
  version: number;
  hazard_text: string;
  exposure_text: string;
  context_text: string;
  likelihood: string;
  likelihood_rationale: string;
  consequences: string;
  consequences_rationale: string;
  level: string;
  confidence: string;
  matrix_version: string;
  next_review_due: ColumnType<string | null, string | null | undefined, string | null>;
  assessed_at: Timestamp;
  assessed_by: string | null;
  assessed_by_label: string;
}

export interface GradingsTable {
  id: Generated<string>;
  event_id: string;
  grade: string;
  graded_on: ColumnType<string, string, string>;
  rationale: string;
  criteria: ColumnType<Record<string, string>, string, string>;
  triggering_analysis_at: Timestamp | null;
  due_at: Timestamp | null;
  override_protracted_rule: boolean;
  review_due: ColumnType<string, string, string>;
  recorded_at: Timestamp;
  recorded_by: string | null;
  recorded_by_label: string;
}

export interface EventResponseActionsTable {
  event_id: string;
  code: string;
  applicable: boolean;
  date_completed: ColumnType<string | null, string | null, string | null>;
  updated_at: Timestamp;
  updated_by_label: string;
}

export interface Database {
  countries: CountriesTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  user_countries: UserCountriesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  focal_points: FocalPointsTable;
  diseases: DiseasesTable;
  metrics: MetricsTable;
  locations: LocationsTable;
  location_populations: LocationPopulationsTable;
  import_batches: ImportBatchesTable;
  import_errors: ImportErrorsTable;
  import_files: ImportFilesTable;
  observations: ObservationsTable;
  dhis2_data_element_mappings: Dhis2DataElementMappingsTable;
  dhis2_org_unit_mappings: Dhis2OrgUnitMappingsTable;
  detection_configs: DetectionConfigsTable;
  detection_runs: DetectionRunsTable;
  detection_results: DetectionResultsTable;
  signals: SignalsTable;
  events: EventsTable;
  event_locations: EventLocationsTable;
  event_signals: EventSignalsTable;
  event_counts: EventCountsTable;
  event_updates: EventUpdatesTable;
  verification_requests: VerificationRequestsTable;
  annex2_assessments: Annex2AssessmentsTable;
  ihr_notifications: IhrNotificationsTable;
  risk_assessments: RiskAssessmentsTable;
  gradings: GradingsTable;
  event_response_actions: EventResponseActionsTable;
  schema_migrations: SchemaMigrationsTable;
}
