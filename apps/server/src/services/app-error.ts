import type { ErrorCode } from '@accord/contracts';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** An expected failure a client can act on; rendered as RFC 9457 problem details by the HTTP layer. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} does not exist or is not visible to you`);
export const invalidField = (field: string, reason: string) =>
  new AppError('validation_failed', `${field}: ${reason}`, [{ field, reason }]);
