import { LIMITS } from '@accord/core';

export function pageOf(query: { limit?: number; offset?: number }): { limit: number; offset: number } {
  return { limit: query.limit ?? LIMITS.pageSizeDefault, offset: query.offset ?? 0 };
}
