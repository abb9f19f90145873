import { describe, expect, it } from 'vitest';
import { ApiProblem, buildUrl } from './client';

describe('buildUrl', () => {
  it('fills path parameters and drops empty query values', () => {
    expect(buildUrl('/api/countries/:iso3/focal-point', { iso3: 'KEN' })).toBe('/api/countries/KEN/focal-point');
    expect(buildUrl('/api/users', undefined, { limit: 50, offset: 0, q: '', role: undefined })).toBe('/api/users?limit=50&offset=0');
    expect(() => buildUrl('/api/tokens/:id')).toThrow(/id/);
  });
});

describe('ApiProblem', () => {
  it('finds the reason for a body field', () => {
    const error = new ApiProblem({
      type: '/docs/errors#validation_failed',
      title: 'The request is not valid',
      status: 400,
      detail: 'body.newPassword: too short',
      code: 'validation_failed',
      errors: [{ field: 'body.newPassword', reason: 'must be at least 12 characters' }],
    });
    expect(error.fieldReason('newPassword')).toBe('must be at least 12 characters');
    expect(error.fieldReason('currentPassword')).toBeUndefined();
    expect(error.message).toBe('body.newPassword: too short');
  });
});
