import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables created by the migrations in ./migrations. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface CountriesTable {
  iso3: string;
  iso2: string;
  m49: string | null;
  name_ar: string;
  name_zh: string;
  name_en: string;
  name_fr: string;
  name_ru: string;
  name_es: string;
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

export interface SchemaMigrationsTable {
  version: string;
  applied_at: Timestamp;
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
  schema_migrations: SchemaMigrationsTable;
}
