import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { Action } from '@accord/core';
import {
  ApiTokenSchema,
  ChangePasswordBody,
  CreateOrganisationBody,
  CreateTokenBody,
  CreateUserBody,
  CreatedTokenSchema,
  LoginBody,
  OrganisationSchema,
  SessionSchema,
  UpdateAccountBody,
  UpdateOrganisationBody,
  UpdateUserBody,
  UserSchema,
} from './accounts.js';
import { AuditEntrySchema, AuditQuery, AuditVerificationSchema } from './audit.js';
import { IdParams, Page, PageQuery, RoleSchema } from './common.js';
import {
  CsvText,
  ImportBatchSchema,
  ImportListQuery,
  ImportQuery,
  ImportSummarySchema,
  ObservationPageSchema,
  ObservationQuery,
} from './imports.js';
import { CountryParams, CountrySchema, FocalPointBody, FocalPointSchema } from './reference.js';
import {
  CodeParams,
  CreateDiseaseBody,
  CreateLocationBody,
  CreateMetricBody,
  DiseaseSchema,
  LatestByCountryQuery,
  LatestByCountrySchema,
  LocationQuery,
  LocationSchema,
  MetricSchema,
  SeriesQuery,
  SeriesSchema,
  UpdateDiseaseBody,
  UpdateLocationBody,
  UpdateMetricBody,
} from './surveillance.js';
import {
  DataElementMappingSchema,
  DeleteDataElementMappingQuery,
  Dhis2DataValueSetBody,
  Dhis2ExportQuery,
  Dhis2ExportSchema,
  Dhis2IdParams,
  Dhis2ImportQuery,
  Dhis2ImportSummarySchema,
  OrgUnitMappingQuery,
  OrgUnitMappingSchema,
  UpsertDataElementMappingsBody,
  UpsertOrgUnitMappingsBody,
} from './dhis2.js';

/** Largest DHIS2 dataValueSets body: about 1,000,000 values of DHIS2's JSON. */
export const DHIS2_BODY_MAX_BYTES = 256 * 1024 * 1024;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: `public` (anyone), or an action of the access table. For country-scoped
 * actions `countryParam` names the path parameter holding the country.
 */
export type RouteAccess = { public: true } | { action: Action; countryParam?: string };

export interface RouteSpec {
  method: HttpMethod;
  url: string;
  summary: string;
  tag: string;
  access: RouteAccess;
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  /** Largest request body in bytes, when a route needs more than the default 1 MiB. */
  bodyLimit?: number;
  /** The success status and body; `null` means no body (204). */
  success: { status: 200 | 201; schema: TSchema } | { status: 204; schema: null };
}

const route = <const R extends RouteSpec>(spec: R): R => spec;
const NoContent = { status: 204, schema: null } as const;
const ok = <T extends TSchema>(schema: T) => ({ status: 200, schema }) as const;
const created = <T extends TSchema>(schema: T) => ({ status: 201, schema }) as const;

/** The API's route table: the single source for validation, OpenAPI, authorisation and the web client. */
export const ROUTES = {
  login: route({
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Log in with username and password; sets the session cookie',
    tag: 'auth',
    access: { public: true },
    body: LoginBody,
    success: ok(SessionSchema),
  }),
  logout: route({
    method: 'POST',
    url: '/api/auth/logout',
    summary: 'End the current login session',
    tag: 'auth',
    access: { action: 'account:update' },
    success: NoContent,
  }),
  getSession: route({
    method: 'GET',
    url: '/api/auth/session',
    summary: 'Who am I: the user, their abilities and the CSRF token',
    tag: 'auth',
    access: { action: 'account:read' },
    success: ok(SessionSchema),
  }),
  updateAccount: route({
    method: 'PATCH',
    url: '/api/account',
    summary: 'Change my display name, e-mail or preferred language',
    tag: 'auth',
    access: { action: 'account:update' },
    body: UpdateAccountBody,
    success: ok(UserSchema),
  }),
  changePassword: route({
    method: 'POST',
    url: '/api/account/password',
    summary: 'Change my password (ends my other sessions)',
    tag: 'auth',
    access: { action: 'account:update' },
    body: ChangePasswordBody,
    success: NoContent,
  }),
  listTokens: route({
    method: 'GET',
    url: '/api/tokens',
    summary: 'My API tokens',
    tag: 'tokens',
    access: { action: 'tokens:read-own' },
    success: ok(Type.Object({ items: Type.Array(ApiTokenSchema) })),
  }),
  createToken: route({
    method: 'POST',
    url: '/api/tokens',
    summary: 'Create an API token for a machine client (the secret is shown once)',
    tag: 'tokens',
    access: { action: 'tokens:manage-own' },
    body: CreateTokenBody,
    success: created(CreatedTokenSchema),
  }),
  revokeToken: route({
    method: 'DELETE',
    url: '/api/tokens/:id',
    summary: 'Revoke one of my API tokens',
    tag: 'tokens',
    access: { action: 'tokens:manage-own' },
    params: IdParams,
    success: NoContent,
  }),
  listUsers: route({
    method: 'GET',
    url: '/api/users',
    summary: 'List users',
    tag: 'users',
    access: { action: 'users:read' },
    querystring: Type.Object(
      { ...PageQuery, role: Type.Optional(RoleSchema), q: Type.Optional(Type.String({ maxLength: 100 })) },
      { additionalProperties: false },
    ),
    success: ok(Page(UserSchema)),
  }),
  getUser: route({
    method: 'GET',
    url: '/api/users/:id',
    summary: 'One user',
    tag: 'users',
    access: { action: 'users:read' },
    params: IdParams,
    success: ok(UserSchema),
  }),
  createUser: route({
    method: 'POST',
    url: '/api/users',
    summary: 'Create a user',
    tag: 'users',
    access: { action: 'users:manage' },
    body: CreateUserBody,
    success: created(UserSchema),
  }),
  updateUser: route({
    method: 'PATCH',
    url: '/api/users/:id',
    summary: "Change a user's role, scope, organisation, status or password",
    tag: 'users',
    access: { action: 'users:manage' },
    params: IdParams,
    body: UpdateUserBody,
    success: ok(UserSchema),
  }),
  listOrganisations: route({
    method: 'GET',
    url: '/api/organisations',
    summary: 'List organisations',
    tag: 'organisations',
    access: { action: 'organisations:read' },
    querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
    success: ok(Page(OrganisationSchema)),
  }),
  createOrganisation: route({
    method: 'POST',
    url: '/api/organisations',
    summary: 'Create an organisation',
    tag: 'organisations',
    access: { action: 'organisations:manage' },
    body: CreateOrganisationBody,
    success: created(OrganisationSchema),
  }),
  updateOrganisation: route({
    method: 'PATCH',
    url: '/api/organisations/:id',
    summary: 'Change an organisation',
    tag: 'organisations',
    access: { action: 'organisations:manage' },
    params: IdParams,
    body: UpdateOrganisationBody,
    success: ok(OrganisationSchema),
  }),
  listCountries: route({
    method: 'GET',
    url: '/api/countries',
    summary: 'Countries and territories with names in the six UN languages and WHO region (public reference data)',
    tag: 'reference',
    access: { public: true },
    success: ok(Type.Object({ items: Type.Array(CountrySchema) })),
  }),
  getCountry: route({
    method: 'GET',
    url: '/api/countries/:iso3',
    summary: 'One country or territory',
    tag: 'reference',
    access: { public: true },
    params: CountryParams,
    success: ok(CountrySchema),
  }),
  getFocalPoint: route({
    method: 'GET',
    url: '/api/countries/:iso3/focal-point',
    summary: "The country's National IHR Focal Point contact (WHO and States Parties' focal points only)",
    tag: 'reference',
    access: { action: 'focal-point:read' },
    params: CountryParams,
    success: ok(FocalPointSchema),
  }),
  putFocalPoint: route({
    method: 'PUT',
    url: '/api/countries/:iso3/focal-point',
    summary: "Set the country's National IHR Focal Point contact",
    tag: 'reference',
    access: { action: 'focal-point:update', countryParam: 'iso3' },
    params: CountryParams,
    body: FocalPointBody,
    success: ok(FocalPointSchema),
  }),
  listAudit: route({
    method: 'GET',
    url: '/api/audit',
    summary: 'The audit log, newest first',
    tag: 'audit',
    access: { action: 'audit:read' },
    querystring: AuditQuery,
    success: ok(Page(AuditEntrySchema)),
  }),
  verifyAudit: route({
    method: 'GET',
    url: '/api/audit/verify',
    summary: "Check the audit log's hash chain and name the first broken entry",
    tag: 'audit',
    access: { action: 'audit:read' },
    success: ok(AuditVerificationSchema),
  }),
  importObservations: route({
    method: 'POST',
    url: '/api/imports',
    summary:
      'Import surveillance data: send the canonical CSV (location,disease,metric,period,value) as the body with Content-Type text/csv; it is streamed, checked row by row and applied as one batch',
    tag: 'surveillance',
    access: { action: 'observations:import' },
    querystring: ImportQuery,
    success: ok(ImportSummarySchema),
  }),
  listImports: route({
    method: 'GET',
    url: '/api/imports',
    summary: 'Import batches, newest first (a focal point sees the batches they sent)',
    tag: 'surveillance',
    access: { action: 'imports:read' },
    querystring: ImportListQuery,
    success: ok(Page(ImportBatchSchema)),
  }),
  getImport: route({
    method: 'GET',
    url: '/api/imports/:id',
    summary: 'One import batch',
    tag: 'surveillance',
    access: { action: 'imports:read' },
    params: IdParams,
    success: ok(ImportBatchSchema),
  }),
  getImportErrors: route({
    method: 'GET',
    url: '/api/imports/:id/errors.csv',
    summary: 'The error report of a batch as CSV (line,column,value,reason)',
    tag: 'surveillance',
    access: { action: 'imports:read' },
    params: IdParams,
    success: ok(CsvText),
  }),
  getImportFile: route({
    method: 'GET',
    url: '/api/imports/:id/file',
    summary: 'The file of a batch, exactly as it was received (CSV; for a DHIS2 batch, its JSON)',
    tag: 'surveillance',
    access: { action: 'imports:read' },
    params: IdParams,
    success: ok(CsvText),
  }),
  listObservations: route({
    method: 'GET',
    url: '/api/observations',
    summary:
      'Export observations for a filter (location with its sub-areas, disease, metric, period range), as JSON pages or as one CSV in the canonical import format; limited to your country scope',
    tag: 'surveillance',
    access: { action: 'observations:read' },
    querystring: ObservationQuery,
    success: ok(Type.Union([ObservationPageSchema, CsvText])),
  }),
  getSeries: route({
    method: 'GET',
    url: '/api/observations/series',
    summary:
      "One location's time series of a disease and metric (its own values, or the sum of its sub-areas when it has none); limited to your country scope",
    tag: 'surveillance',
    access: { action: 'observations:read' },
    querystring: SeriesQuery,
    success: ok(SeriesSchema),
  }),
  getLatestByCountry: route({
    method: 'GET',
    url: '/api/observations/latest-by-country',
    summary: "Each country's most recent weekly value of a disease and metric, for the world map; limited to your country scope",
    tag: 'surveillance',
    access: { action: 'observations:read' },
    querystring: LatestByCountryQuery,
    success: ok(LatestByCountrySchema),
  }),
  listDiseases: route({
    method: 'GET',
    url: '/api/diseases',
    summary: 'Diseases and conditions with names in the six UN languages, ICD-11 code and IHR Annex 2 category',
    tag: 'reference',
    access: { public: true },
    success: ok(Type.Object({ items: Type.Array(DiseaseSchema) })),
  }),
  createDisease: route({
    method: 'POST',
    url: '/api/diseases',
    summary: 'Add a disease or condition',
    tag: 'reference',
    access: { action: 'reference:manage' },
    body: CreateDiseaseBody,
    success: created(DiseaseSchema),
  }),
  updateDisease: route({
    method: 'PATCH',
    url: '/api/diseases/:code',
    summary: "Change a disease's names, ICD-11 code or IHR category (its code never changes)",
    tag: 'reference',
    access: { action: 'reference:manage' },
    params: CodeParams,
    body: UpdateDiseaseBody,
    success: ok(DiseaseSchema),
  }),
  listMetrics: route({
    method: 'GET',
    url: '/api/metrics',
    summary: 'Metrics (cases, deaths, tested, positive and those administrators added)',
    tag: 'reference',
    access: { public: true },
    success: ok(Type.Object({ items: Type.Array(MetricSchema) })),
  }),
  createMetric: route({
    method: 'POST',
    url: '/api/metrics',
    summary: 'Add a metric',
    tag: 'reference',
    access: { action: 'reference:manage' },
    body: CreateMetricBody,
    success: created(MetricSchema),
  }),
  updateMetric: route({
    method: 'PATCH',
    url: '/api/metrics/:code',
    summary: "Change a metric's names or whether its values must be whole numbers",
    tag: 'reference',
    access: { action: 'reference:manage' },
    params: CodeParams,
    body: UpdateMetricBody,
    success: ok(MetricSchema),
  }),
  listLocations: route({
    method: 'GET',
    url: '/api/locations',
    summary: 'Locations: countries and their first and second sub-national levels, with populations by year',
    tag: 'reference',
    access: { public: true },
    querystring: LocationQuery,
    success: ok(Type.Object({ items: Type.Array(LocationSchema) })),
  }),
  createLocation: route({
    method: 'POST',
    url: '/api/locations',
    summary: 'Add a sub-national area under a country or a first-level area (for a country in your scope)',
    tag: 'reference',
    access: { action: 'locations:manage' },
    body: CreateLocationBody,
    success: created(LocationSchema),
  }),
  updateLocation: route({
    method: 'PATCH',
    url: '/api/locations/:code',
    summary: 'Rename a location or set its population for some years (for a country in your scope)',
    tag: 'reference',
    access: { action: 'locations:manage' },
    params: CodeParams,
    body: UpdateLocationBody,
    success: ok(LocationSchema),
  }),
  importDataValueSet: route({
    method: 'POST',
    url: '/api/dataValueSets',
    summary:
      "DHIS2-compatible import: send DHIS2's dataValueSets JSON; identifiers are translated through the DHIS2 mapping tables, and the answer is DHIS2's ImportSummary",
    tag: 'dhis2',
    access: { action: 'observations:import' },
    querystring: Dhis2ImportQuery,
    body: Dhis2DataValueSetBody,
    bodyLimit: DHIS2_BODY_MAX_BYTES,
    success: ok(Dhis2ImportSummarySchema),
  }),
  exportDataValueSet: route({
    method: 'GET',
    url: '/api/dataValueSets',
    summary: "DHIS2-compatible export: observations of mapped data elements and organisation units as DHIS2's dataValueSets JSON",
    tag: 'dhis2',
    access: { action: 'observations:read' },
    querystring: Dhis2ExportQuery,
    success: ok(Dhis2ExportSchema),
  }),
  listDataElementMappings: route({
    method: 'GET',
    url: '/api/dhis2/data-element-mappings',
    summary: 'DHIS2 data element (and category option combination) → disease and metric',
    tag: 'dhis2',
    access: { action: 'dhis2-mappings:read' },
    success: ok(Type.Object({ items: Type.Array(DataElementMappingSchema) })),
  }),
  upsertDataElementMappings: route({
    method: 'POST',
    url: '/api/dhis2/data-element-mappings',
    summary: 'Add or replace DHIS2 data element mappings (all or none)',
    tag: 'dhis2',
    access: { action: 'dhis2-mappings:manage-data-elements' },
    body: UpsertDataElementMappingsBody,
    success: ok(Type.Object({ items: Type.Array(DataElementMappingSchema) })),
  }),
  deleteDataElementMapping: route({
    method: 'DELETE',
    url: '/api/dhis2/data-element-mappings/:id',
    summary: 'Remove the mapping of a DHIS2 data element (id), for one category option combination if given',
    tag: 'dhis2',
    access: { action: 'dhis2-mappings:manage-data-elements' },
    params: Dhis2IdParams,
    querystring: DeleteDataElementMappingQuery,
    success: NoContent,
  }),
  listOrgUnitMappings: route({
    method: 'GET',
    url: '/api/dhis2/org-unit-mappings',
    summary: 'DHIS2 organisation unit → location, for the countries you act for',
    tag: 'dhis2',
    access: { action: 'dhis2-mappings:read' },
    querystring: OrgUnitMappingQuery,
    success: ok(Type.Object({ items: Type.Array(OrgUnitMappingSchema) })),
  }),
  upsertOrgUnitMappings: route({
    method: 'POST',
    url: '/api/dhis2/org-unit-mappings',
    summary: 'Add or replace DHIS2 organisation unit mappings (all or none; every location in your scope)',
    tag: 'dhis2',
    access: { action: 'dhis2-mappings:manage-org-units' },
    body: UpsertOrgUnitMappingsBody,
    success: ok(Type.Object({ items: Type.Array(OrgUnitMappingSchema) })),
  }),
  deleteOrgUnitMapping: route({
    method: 'DELETE',
    url: '/api/dhis2/org-unit-mappings/:id',
    summary: 'Remove the mapping of a DHIS2 organisation unit (id)',
    tag: 'dhis2',
    access: { action: 'dhis2-mappings:manage-org-units' },
    params: Dhis2IdParams,
    success: NoContent,
  }),
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof ROUTES;

type StaticOr<T, Fallback> = T extends TSchema ? Static<T> : Fallback;
export type RouteParams<N extends RouteName> = StaticOr<
  (typeof ROUTES)[N] extends { params: infer P } ? P : undefined,
  Record<string, never>
>;
export type RouteQuery<N extends RouteName> = StaticOr<
  (typeof ROUTES)[N] extends { querystring: infer Q } ? Q : undefined,
  Record<string, never>
>;
export type RouteBody<N extends RouteName> = StaticOr<(typeof ROUTES)[N] extends { body: infer B } ? B : undefined, undefined>;
export type RouteResult<N extends RouteName> = (typeof ROUTES)[N]['success'] extends { schema: infer S } ? StaticOr<S, void> : void;
