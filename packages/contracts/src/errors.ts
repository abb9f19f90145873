/**
 * The catalogue of stable error codes. Each has one HTTP status and a title; the detail of each
 * occurrence says what exactly was wrong and how to fix it.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The request body is not valid JSON' },
  body_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'The request body has an unsupported content type' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  invalid_credentials: { status: 401, title: 'Username or password is incorrect' },
  csrf_token_missing: { status: 403, title: 'CSRF token missing or wrong' },
  forbidden: { status: 403, title: 'Not allowed' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  too_many_attempts: { status: 429, title: 'Too many failed attempts' },
  not_ready: { status: 503, title: 'Not ready' },
  internal: { status: 500, title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Problem type URIs are relative references to the error catalogue in the docs. */
export function problemTypeUri(code: ErrorCode): string {
  return `/docs/errors#${code}`;
}
