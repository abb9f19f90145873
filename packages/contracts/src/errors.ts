/**
 * The catalogue of stable error codes. Each has one HTTP status and a title; the detail of each
 * occurrence says what exactly was wrong and how to fix it.
 */
export const ERROR_CODES = {
  validation_failed: {
    status: 400,
    title: 'The request is not valid',
    fix: 'Correct the fields listed in `errors` (each names the field path and the reason) and send again.',
  },
  malformed_json: { status: 400, title: 'The request body is not valid JSON', fix: 'Send a well-formed JSON document.' },
  body_too_large: { status: 413, title: 'The request body is too large', fix: 'Send less data per request (the limit is 1 MiB for JSON).' },
  unsupported_media_type: {
    status: 415,
    title: 'The request body has an unsupported content type',
    fix: 'Send the body as application/json.',
  },
  unauthenticated: {
    status: 401,
    title: 'Authentication required',
    fix: 'Log in (POST /api/auth/login) or send a valid API token as "Authorization: Bearer acc_…".',
  },
  invalid_credentials: {
    status: 401,
    title: 'Username or password is incorrect',
    fix: 'Check both. The answer is the same whether or not the user exists.',
  },
  csrf_token_missing: {
    status: 403,
    title: 'CSRF token missing or wrong',
    fix: 'With the session cookie, send the csrfToken from GET /api/auth/session as the X-CSRF-Token header on every state-changing request.',
  },
  forbidden: {
    status: 403,
    title: 'Not allowed',
    fix: 'Your role, country scope or token scope does not allow this; ask an administrator if you need it.',
  },
  not_found: { status: 404, title: 'Not found', fix: 'Check the path and identifiers; records you may not see are reported as missing.' },
  conflict: {
    status: 409,
    title: 'Conflict with the current state',
    fix: 'Reload the record, then apply your change again (or choose another name).',
  },
  too_many_attempts: { status: 429, title: 'Too many failed attempts', fix: 'Wait for the number of seconds in the Retry-After header.' },
  not_ready: {
    status: 503,
    title: 'Not ready',
    fix: 'The database is unreachable or not migrated; run "accord migrate" or check DATABASE_URL.',
  },
  internal: { status: 500, title: 'Internal error', fix: 'Report the request id given in the detail; the server log has the cause.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Problem type URIs are relative references to the error catalogue in the docs. */
export function problemTypeUri(code: ErrorCode): string {
  return `/docs/errors#${code}`;
}
