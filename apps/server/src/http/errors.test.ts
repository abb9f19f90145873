import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@accord/core';
import { TEST_DATABASES } from '../testing/databases.js';
import { useTestApp } from '../testing/use-test-app.js';
import { buildLoggedInUser, type LoggedIn } from '../testing/factories.js';

describe.each(TEST_DATABASES)('bad input gets RFC 9457 problem details and changes nothing ($name)', (database) => {
  const context = useTestApp(database);
  let admin: LoggedIn;
  beforeAll(async () => {
    admin = await buildLoggedInUser(context.app, context.runtime, { role: 'admin' });
  });

  const createUser = (payload: string | object, headers: Record<string, string> = {}) =>
    context.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...admin.headers, 'content-type': 'application/json', ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const userCount = async () =>
    Number(
      (
        await context.runtime.handle.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const valid = { username: 'amina.k', password: 'a long enough password', displayName: 'Amina K', role: 'nfp', countries: ['KEN'] };

  it('malformed JSON: 400 naming the body', async () => {
    const before = await userCount();
    const response = await createUser('{"username": "amina", ');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem).toMatchObject({ status: 400, code: 'malformed_json', type: '/docs/errors#malformed_json' });
    expect(problem.errors[0].field).toBe('body');
    expect(await userCount()).toBe(before);
  });

  it('unknown field: 400 naming it', async () => {
    const response = await createUser({ ...valid, isSuperuser: true });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual({ field: 'body.isSuperuser', reason: 'unknown field; remove it' });
  });

  it('wrong types and values: 400 naming every bad field, without coercion', async () => {
    const response = await createUser({ ...valid, role: 'emperor', displayName: 42, countries: 'KEN' });
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.role', 'body.displayName', 'body.countries']));
    expect(response.json().detail).toContain('body.role: must be one of: admin, who_officer, nfp, partner, observer');
  });

  it('a missing required field is named', async () => {
    const { password: _omit, ...noPassword } = valid;
    const response = await createUser(noPassword);
    expect(response.json().errors).toContainEqual({ field: 'body.password', reason: 'required field is missing' });
  });

  it('an unknown country in a scope is named, and nothing is created', async () => {
    const before = await userCount();
    const response = await createUser({ ...valid, countries: ['KEN', 'XYZ'] });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ field: 'body.countries' });
    expect(response.json().detail).toContain('XYZ');
    expect(await userCount()).toBe(before);
  });

  it('a duplicate username is a 409 conflict, not a server error', async () => {
    expect((await createUser({ ...valid, username: 'dup.user' })).statusCode).toBe(201);
    const again = await createUser({ ...valid, username: 'DUP.user' });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('body.username');
  });

  it('an oversized body is refused before it is read', async () => {
    const response = await createUser({ ...valid, displayName: 'x'.repeat(LIMITS.jsonBodyMaxBytes + 10) });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'body_too_large', errors: [{ field: 'body', reason: 'too large' }] });
  });

  it('a body that is not JSON is refused with 415', async () => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...admin.headers, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('unsupported_media_type');
  });

  it('bad path and query parameters are named', async () => {
    const badId = await context.app.inject({ method: 'GET', url: '/api/users/not-a-uuid', headers: admin.headers });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].field).toBe('params.id');
    const badLimit = await context.app.inject({ method: 'GET', url: '/api/users?limit=100000', headers: admin.headers });
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json().errors[0].field).toBe('querystring.limit');
    const badCountry = await context.app.inject({ method: 'GET', url: '/api/countries/kenya' });
    expect(badCountry.statusCode).toBe(400);
    expect(badCountry.json().errors[0].field).toBe('params.iso3');
  });

  it('every problem type points to a page of the error catalogue that explains the fix', async () => {
    const page = await context.app.inject({ method: 'GET', url: '/docs/errors' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    for (const code of ['validation_failed', 'malformed_json', 'body_too_large', 'unauthenticated', 'forbidden', 'conflict']) {
      expect(page.body).toContain(`id="${code}"`);
    }
  });

  it('unknown endpoints and records are 404 problems', async () => {
    const route = await context.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(route.statusCode).toBe(404);
    expect(route.json().code).toBe('not_found');
    const country = await context.app.inject({ method: 'GET', url: '/api/countries/ZZZ' });
    expect(country.statusCode).toBe(404);
    const user = await context.app.inject({
      method: 'GET',
      url: '/api/users/3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      headers: admin.headers,
    });
    expect(user.statusCode).toBe(404);
  });
});
