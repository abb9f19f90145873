import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, problemTypeUri, type ErrorCode } from '@accord/contracts';
import { AppError, type FieldProblem } from '../../services/app-error.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  errors?: FieldProblem[];
}

export function buildProblem(code: ErrorCode, detail: string, errors: FieldProblem[] = [], instance?: string): Problem {
  const entry = ERROR_CODES[code];
  return {
    type: problemTypeUri(code),
    title: entry.title,
    status: entry.status,
    detail,
    ...(instance ? { instance } : {}),
    code,
    ...(errors.length > 0 ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem, headers: Record<string, string> = {}): FastifyReply {
  return reply.code(problem.status).headers(headers).type('application/problem+json; charset=utf-8').send(problem);
}

/** Other client errors raised by the HTTP framework, by status. */
const CLIENT_ERROR_CODES: Partial<Record<number, ErrorCode>> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'body_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_attempts',
};

type AjvIssue = { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string };

/** Turns one schema-validation issue into the field path and reason a client can act on. */
export function describeValidationIssue(part: string, issue: AjvIssue): FieldProblem {
  const path = issue.instancePath
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const base = [part, ...path].join('.');
  const p = issue.params;
  switch (issue.keyword) {
    case 'additionalProperties':
      return { field: `${base}.${String(p.additionalProperty)}`, reason: 'unknown field; remove it' };
    case 'required':
      return { field: `${base}.${String(p.missingProperty)}`, reason: 'required field is missing' };
    case 'type':
      return { field: base, reason: `must be of type ${String(p.type)}` };
    case 'enum':
      return { field: base, reason: `must be one of: ${(p.allowedValues as unknown[]).join(', ')}` };
    case 'format':
      return { field: base, reason: `must be a valid ${String(p.format)}` };
    case 'pattern':
      return { field: base, reason: `has the wrong form (expected pattern ${String(p.pattern)})` };
    case 'minProperties':
      return { field: base, reason: 'must contain at least one field to change' };
    default:
      return { field: base, reason: issue.message ?? issue.keyword };
  }
}

/** The one error envelope: every failure leaves the server as RFC 9457 problem details. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request: FastifyRequest, reply: FastifyReply) => {
    const instance = request.url.split('?')[0];
    if (error instanceof AppError) {
      return sendProblem(reply, buildProblem(error.code, error.detail, error.errors, instance), error.headers);
    }
    if (error.validation) {
      const part = error.validationContext ?? 'body';
      const errors = (error.validation as AjvIssue[]).map((issue) => describeValidationIssue(part, issue));
      const detail = errors.map((e) => `${e.field}: ${e.reason}`).join('; ');
      return sendProblem(reply, buildProblem('validation_failed', detail, errors, instance));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(
          reply,
          buildProblem(
            'malformed_json',
            `the body could not be parsed as JSON (${error.message}); send a valid JSON document`,
            [{ field: 'body', reason: 'not valid JSON' }],
            instance,
          ),
        );
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(
          reply,
          buildProblem(
            'body_too_large',
            `the body is larger than the ${request.routeOptions.bodyLimit ?? 0} bytes this endpoint accepts; send less data per request`,
            [{ field: 'body', reason: 'too large' }],
            instance,
          ),
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(
          reply,
          buildProblem(
            'unsupported_media_type',
            `content type "${request.headers['content-type'] ?? ''}" is not accepted here; send application/json`,
            [{ field: 'headers.content-type', reason: 'unsupported' }],
            instance,
          ),
        );
    }
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return sendProblem(
        reply,
        buildProblem(
          'malformed_json',
          `the body could not be parsed as JSON (${error.message})`,
          [{ field: 'body', reason: 'not valid JSON' }],
          instance,
        ),
      );
    }
    // A unique constraint raced past the service's own check: a conflict, not a server fault.
    if ((error as { code?: string }).code === '23505') {
      return sendProblem(reply, buildProblem('conflict', 'a record with the same unique value already exists', [], instance));
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      const code = CLIENT_ERROR_CODES[error.statusCode] ?? 'validation_failed';
      return sendProblem(reply, buildProblem(code, error.message, [], instance));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      reply,
      buildProblem('internal', `an internal error occurred; quote request id ${request.id} when reporting it`, [], instance),
    );
  });
}

/**
 * Unknown paths: API paths get a 404 problem; when the web app is served, page navigations get its
 * index.html so the app's own router shows the page.
 */
export function registerNotFound(app: FastifyInstance, serveWebApp: boolean): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = path === '/api' || path.startsWith('/api/');
    if (serveWebApp && !isApi && request.method === 'GET' && (request.headers.accept ?? '').includes('text/html')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(reply, buildProblem('not_found', `no endpoint ${request.method} ${path}; see /api/docs`, [], path));
  });
}
