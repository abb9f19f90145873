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
    summary: 'The file of a batch, exactly as it was received',
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
