/**
 * Vocabularies and limits shared by the database, the API and the web.
 * Changing a value here changes it everywhere; the database enforces the same lists with CHECK constraints.
 */

export const ROLES = ['admin', 'who_officer', 'nfp', 'partner', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const ORGANISATION_KINDS = [
  'national_authority',
  'who_country_office',
  'who_regional_office',
  'who_headquarters',
  'partner_goarn',
  'partner_un_agency',
  'partner_ngo',
  'partner_donor',
  'non_state_actor',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const WHO_REGIONS = ['AFR', 'AMR', 'SEAR', 'EUR', 'EMR', 'WPR'] as const;
export type WhoRegion = (typeof WHO_REGIONS)[number];

/** What an API token may do: `read` covers safe methods, `write` covers state changes. */
export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const LIMITS = {
  usernameMinLength: 3,
  usernameMaxLength: 64,
  passwordMinLength: 12,
  passwordMaxLength: 256,
  displayNameMaxLength: 200,
  organisationNameMaxLength: 300,
  tokenNameMaxLength: 100,
  tokenMaxLifetimeDays: 730,
  emailMaxLength: 254,
  phoneMaxLength: 40,
  /** Failed logins for one username or one client address before a temporary lockout. */
  loginFailuresBeforeLockout: 5,
  loginLockoutMinutes: 15,
  sessionLifetimeHours: 12,
  pageSizeDefault: 50,
  pageSizeMax: 500,
  /** JSON request bodies above this size are refused before parsing. */
  jsonBodyMaxBytes: 1_048_576,
} as const;
