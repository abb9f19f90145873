import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_RULES, ROLES } from '@accord/core';
import { TEST_DATABASES, buildTestApp } from '../testing/databases.js';
import { buildLoggedInUser, type LoggedIn } from '../testing/factories.js';
import type { Runtime } from '../runtime.js';
import type { AccordApp } from './app.js';

/** A concrete URL for a route pattern: ids become a fresh UUID, countries become `country`. */
function concreteUrl(pattern: string, country: string): string {
  return pattern
    .replace(/:iso3/g, country)
    .replace(/:[a-zA-Z]+/g, '3f2504e0-4f89-41d3-9a0c-0305e82c3301')
    .replace(/\*$/, 'anything');
}

const SAMPLE_BODY = { name: 'x', email: 'x@example.org' };

describe.each(TEST_DATABASES)('every route is guarded ($name)', (database) => {
  let runtime: Runtime;
  let app: AccordApp;
  const sessions = new Map<string, LoggedIn>();

  beforeAll(async () => {
    runtime = await database.open();
    app = await buildTestApp(runtime);
    for (const role of ROLES) {
      sessions.set(role, await buildLoggedInUser(app, runtime, { role, countries: ['KEN'], allCountries: role === 'admin' }));
    }
  });
  afterAll(async () => {
    await app.close();
    await runtime.close();
  });

  it('registers routes, all with an access rule, and most of them not public', () => {
    expect(app.registeredRoutes.length).toBeGreaterThan(20);
    const restricted = app.registeredRoutes.filter((r) => !('public' in r.access));
    expect(restricted.length).toBeGreaterThanOrEqual(16);
    // The public ones are exactly those meant to be read without an account.
    const publicApi = app.registeredRoutes
      .filter((r) => 'public' in r.access && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(publicApi).toEqual([
      'GET /api/countries',
      'GET /api/countries/:iso3',
      'GET /api/diseases',
      'GET /api/locations',
      'GET /api/metrics',
      'GET /api/openapi.json',
      'POST /api/auth/login',
    ]);
  });

  it('refuses an anonymous request to every non-public route with 401 problem details', async () => {
    const restricted = app.registeredRoutes.filter((r) => !('public' in r.access));
    for (const route of restricted) {
      const response = await app.inject({
        method: route.method as 'GET',
        url: concreteUrl(route.url, 'KEN'),
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: SAMPLE_BODY }),
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('unauthenticated');
    }
  });

  it('refuses every role that its action does not allow, with 403', async () => {
    const restricted = app.registeredRoutes.filter((r) => !('public' in r.access));
    let checked = 0;
    for (const route of restricted) {
      if ('public' in route.access) continue;
      const rule = ACTION_RULES[route.access.action];
      for (const role of ROLES.filter((r) => !(rule.roles as readonly string[]).includes(r))) {
        const session = sessions.get(role)!;
        const response = await app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url, 'KEN'),
          headers: session.headers,
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: SAMPLE_BODY }),
        });
        expect(response.statusCode, `${role} → ${route.method} ${route.url}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('refuses a user scoped to one country acting for another, on every country-scoped route', async () => {
    const countryRoutes = app.registeredRoutes.filter((r) => !('public' in r.access) && r.access.countryParam);
    expect(countryRoutes.length).toBeGreaterThan(0);
    const kenya = sessions.get('nfp')!;
    for (const route of countryRoutes) {
      const other = await app.inject({
        method: route.method as 'GET',
        url: concreteUrl(route.url, 'BRA'),
        headers: kenya.headers,
        payload: SAMPLE_BODY,
      });
      expect(other.statusCode, `${route.method} ${route.url} for BRA`).toBe(403);
      expect(other.json().detail).toContain('do not act for this country');
      const own = await app.inject({
        method: route.method as 'GET',
        url: concreteUrl(route.url, 'KEN'),
        headers: kenya.headers,
        payload: SAMPLE_BODY,
      });
      expect(own.statusCode, `${route.method} ${route.url} for KEN`).toBeLessThan(300);
    }
  });

  it('every API route is documented in the OpenAPI document with a response schema', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    for (const route of app.registeredRoutes.filter(
      (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json',
    )) {
      const path = route.url.replace(/:([a-zA-Z0-9]+)/g, '{$1}');
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${path} in OpenAPI`).toBeDefined();
      expect(Object.keys(operation!.responses)).toContain('4XX');
    }
  });
});
