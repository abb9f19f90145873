import type { ProblemDto, ROUTES, RouteBody, RouteName, RouteParams, RouteQuery, RouteResult } from '@accord/contracts';

export type Problem = ProblemDto;

/** An API call that failed; carries the RFC 9457 problem so pages can show its detail and field errors. */
export class ApiProblem extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiProblem';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  /** The reason given for one body field (e.g. `newPassword`), to show next to that field. */
  fieldReason(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === `body.${field}` || e.field === field)?.reason;
  }
}

type Endpoint<N extends RouteName> = { method: (typeof ROUTES)[N]['method']; url: (typeof ROUTES)[N]['url'] };

/**
 * Method and URL of every route. The compiler checks each entry against the contract's route table, so a
 * changed route breaks the build here; the table itself is not imported at run time because it would
 * bundle TypeBox into the browser.
 */
const ENDPOINTS: { [N in RouteName]: Endpoint<N> } = {
  login: { method: 'POST', url: '/api/auth/login' },
  logout: { method: 'POST', url: '/api/auth/logout' },
  getSession: { method: 'GET', url: '/api/auth/session' },
  updateAccount: { method: 'PATCH', url: '/api/account' },
  changePassword: { method: 'POST', url: '/api/account/password' },
  listTokens: { method: 'GET', url: '/api/tokens' },
  createToken: { method: 'POST', url: '/api/tokens' },
  revokeToken: { method: 'DELETE', url: '/api/tokens/:id' },
  listUsers: { method: 'GET', url: '/api/users' },
  getUser: { method: 'GET', url: '/api/users/:id' },
  createUser: { method: 'POST', url: '/api/users' },
  updateUser: { method: 'PATCH', url: '/api/users/:id' },
  listOrganisations: { method: 'GET', url: '/api/organisations' },
  createOrganisation: { method: 'POST', url: '/api/organisations' },
  updateOrganisation: { method: 'PATCH', url: '/api/organisations/:id' },
  listCountries: { method: 'GET', url: '/api/countries' },
  getCountry: { method: 'GET', url: '/api/countries/:iso3' },
  getFocalPoint: { method: 'GET', url: '/api/countries/:iso3/focal-point' },
  putFocalPoint: { method: 'PUT', url: '/api/countries/:iso3/focal-point' },
  listAudit: { method: 'GET', url: '/api/audit' },
  verifyAudit: { method: 'GET', url: '/api/audit/verify' },
  importObservations: { method: 'POST', url: '/api/imports' },
  listImports: { method: 'GET', url: '/api/imports' },
  getImport: { method: 'GET', url: '/api/imports/:id' },
  getImportErrors: { method: 'GET', url: '/api/imports/:id/errors.csv' },
  getImportFile: { method: 'GET', url: '/api/imports/:id/file' },
  listObservations: { method: 'GET', url: '/api/observations' },
  getSeries: { method: 'GET', url: '/api/observations/series' },
  getLatestByCountry: { method: 'GET', url: '/api/observations/latest-by-country' },
  listDiseases: { method: 'GET', url: '/api/diseases' },
  createDisease: { method: 'POST', url: '/api/diseases' },
  updateDisease: { method: 'PATCH', url: '/api/diseases/:code' },
  listMetrics: { method: 'GET', url: '/api/metrics' },
  createMetric: { method: 'POST', url: '/api/metrics' },
  updateMetric: { method: 'PATCH', url: '/api/metrics/:code' },
  listLocations: { method: 'GET', url: '/api/locations' },
  createLocation: { method: 'POST', url: '/api/locations' },
  updateLocation: { method: 'PATCH', url: '/api/locations/:code' },
  importDataValueSet: { method: 'POST', url: '/api/dataValueSets' },
  exportDataValueSet: { method: 'GET', url: '/api/dataValueSets' },
  listDataElementMappings: { method: 'GET', url: '/api/dhis2/data-element-mappings' },
  upsertDataElementMappings: { method: 'POST', url: '/api/dhis2/data-element-mappings' },
  deleteDataElementMapping: { method: 'DELETE', url: '/api/dhis2/data-element-mappings/:id' },
  listOrgUnitMappings: { method: 'GET', url: '/api/dhis2/org-unit-mappings' },
  upsertOrgUnitMappings: { method: 'POST', url: '/api/dhis2/org-unit-mappings' },
  deleteOrgUnitMapping: { method: 'DELETE', url: '/api/dhis2/org-unit-mappings/:id' },
  listDetectionConfigs: { method: 'GET', url: '/api/detection/configs' },
  updateDetectionConfig: { method: 'PUT', url: '/api/detection/configs/:disease' },
  startDetectionRun: { method: 'POST', url: '/api/detection/runs' },
  listDetectionRuns: { method: 'GET', url: '/api/detection/runs' },
  getDetectionRun: { method: 'GET', url: '/api/detection/runs/:id' },
  listSignals: { method: 'GET', url: '/api/signals' },
  getSignal: { method: 'GET', url: '/api/signals/:id' },
  triageSignal: { method: 'POST', url: '/api/signals/:id/triage' },
  listEvents: { method: 'GET', url: '/api/events' },
  createEvent: { method: 'POST', url: '/api/events' },
  getEvent: { method: 'GET', url: '/api/events/:id' },
  updateEvent: { method: 'PATCH', url: '/api/events/:id' },
  changeEventStatus: { method: 'POST', url: '/api/events/:id/status' },
  linkEventSignals: { method: 'POST', url: '/api/events/:id/signals' },
  reportEventCounts: { method: 'POST', url: '/api/events/:id/counts' },
  addSituationUpdate: { method: 'POST', url: '/api/events/:id/updates' },
  requestVerification: { method: 'POST', url: '/api/events/:id/verification-requests' },
  listVerificationRequests: { method: 'GET', url: '/api/verification-requests' },
  answerVerification: { method: 'POST', url: '/api/verification-requests/:id/answer' },
  assessAnnex2: { method: 'POST', url: '/api/events/:id/annex2' },
  markNotified: { method: 'POST', url: '/api/ihr-notifications/:id/notified' },
  assessRisk: { method: 'POST', url: '/api/events/:id/risk-assessments' },
  gradeEvent: { method: 'POST', url: '/api/events/:id/gradings' },
  setResponseAction: { method: 'PUT', url: '/api/events/:id/response-actions/:code' },
  timeliness717: { method: 'GET', url: '/api/timeliness-717' },
};

type Has<N extends RouteName, K extends string> = (typeof ROUTES)[N] extends Record<K, unknown> ? true : false;

/** What a call needs: path parameters and a body exactly when the route declares them. */
export type ApiInput<N extends RouteName> = (Has<N, 'params'> extends true ? { params: RouteParams<N> } : { params?: never }) &
  (Has<N, 'body'> extends true ? { body: RouteBody<N> } : { body?: never }) &
  (Has<N, 'querystring'> extends true ? { query?: Partial<RouteQuery<N>> } : { query?: never });

export interface CallOptions {
  /** Let the request finish even if the page is left straight away (e.g. saving a preference, then navigating). */
  keepalive?: boolean;
}

type ApiArgs<N extends RouteName> =
  Partial<ApiInput<N>> extends ApiInput<N> ? [input?: ApiInput<N>, options?: CallOptions] : [input: ApiInput<N>, options?: CallOptions];

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** The session's CSRF token, sent on every state-changing request (the cookie alone is not enough). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF token for requests made without `api` (the streamed upload uses XMLHttpRequest for its progress). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

/** The address of a GET route, for links the browser follows itself (downloads of CSV files). */
export function apiUrl<N extends RouteName>(name: N, ...[input]: ApiArgs<N>): string {
  const { params, query } = (input ?? {}) as { params?: Record<string, string>; query?: Record<string, unknown> };
  return buildUrl(ENDPOINTS[name].url, params, query);
}

/** Called when the server says the session is gone (expired or ended elsewhere), so the shell can log out. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export function buildUrl(template: string, params?: Record<string, string>, query?: Record<string, unknown>): string {
  const path = template.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Calls one route of the contract and returns its typed result, or throws ApiProblem. */
export async function api<N extends RouteName>(name: N, ...[input, options]: ApiArgs<N>): Promise<RouteResult<N>> {
  const { method, url } = ENDPOINTS[name];
  const { params, query, body } = (input ?? {}) as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
  const headers: Record<string, string> = { accept: 'application/json' };
  // Only send a content type with a body: the server refuses an empty body labelled as JSON (e.g. logout).
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(url, params, query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options?.keepalive ? { keepalive: true } : {}),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new ApiProblem({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: error instanceof Error ? error.message : String(error),
      code: 'network_error',
    });
  }
  if (response.ok) {
    return (response.status === 204 ? undefined : await response.json()) as RouteResult<N>;
  }
  const problem = await readProblem(response);
  throw failed(problem);
}

/** The error to throw for a problem answer; a lost session also logs the shell out. */
export function failed(problem: Problem): ApiProblem {
  if (problem.code === 'unauthenticated') onUnauthenticated?.();
  return new ApiProblem(problem);
}

async function readProblem(response: Response): Promise<Problem> {
  return problemFromText(await response.text(), response.status, response.statusText);
}

/** The problem document of a failed answer, or a generic one when the body is not one (e.g. a proxy's HTML page). */
export function problemFromText(text: string, status: number, statusText: string): Problem {
  try {
    const parsed = JSON.parse(text) as Partial<Problem>;
    if (typeof parsed.detail === 'string' && typeof parsed.code === 'string') {
      return { type: 'about:blank', title: statusText, ...parsed, status } as Problem;
    }
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): fall through to a generic problem.
  }
  return {
    type: 'about:blank',
    title: statusText,
    status,
    detail: text.slice(0, 300) || statusText,
    code: 'http_error',
  };
}
