import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASES } from '../testing/databases.js';
import { useTestApp } from '../testing/use-test-app.js';
import { buildLoggedInUser, logIn, type LoggedIn } from '../testing/factories.js';

describe.each(TEST_DATABASES)('users, organisations and focal points through the API ($name)', (database) => {
  const context = useTestApp(database);
  let admin: LoggedIn;
  beforeAll(async () => {
    admin = await buildLoggedInUser(context.app, context.runtime, { role: 'admin' });
  });

  it('an administrator creates an organisation and a scoped user who can then log in and act for their country only', async () => {
    const org = await context.app.inject({
      method: 'POST',
      url: '/api/organisations',
      headers: admin.headers,
      payload: { name: 'Ministry of Health, Uganda', kind: 'national_authority', country: 'UGA' },
    });
    expect(org.statusCode).toBe(201);
    const created = await context.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        username: 'nfp.uganda',
        password: 'uganda focal point 2026',
        displayName: 'IHR Focal Point, Uganda',
        role: 'nfp',
        organisationId: org.json().id,
        preferredLanguage: 'fr',
        countries: ['UGA'],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ role: 'nfp', preferredLanguage: 'fr', scope: { all: false, countries: ['UGA'] }, active: true });
    const nfp = await logIn(context.app, 'nfp.uganda', 'uganda focal point 2026');
    const put = (country: string) =>
      context.app.inject({
        method: 'PUT',
        url: `/api/countries/${country}/focal-point`,
        headers: nfp.headers,
        payload: { name: 'Dr U', email: 'u@example.org', phone: '+256 414 340 874' },
      });
    expect((await put('UGA')).statusCode).toBe(200);
    expect((await put('KEN')).statusCode).toBe(403);
    const read = await context.app.inject({ method: 'GET', url: '/api/countries/UGA/focal-point', headers: nfp.headers });
    expect(read.json()).toMatchObject({ country: 'UGA', name: 'Dr U', phone: '+256 414 340 874' });
  });

  it('keeps focal-point contacts from partners, observers and the public', async () => {
    for (const role of ['partner', 'observer'] as const) {
      const user = await buildLoggedInUser(context.app, context.runtime, { role, allCountries: true });
      expect((await context.app.inject({ method: 'GET', url: '/api/countries/UGA/focal-point', headers: user.headers })).statusCode).toBe(
        403,
      );
    }
    expect((await context.app.inject({ method: 'GET', url: '/api/countries/UGA/focal-point' })).statusCode).toBe(401);
  });

  it('changing scope takes effect: an nfp moved to another country loses the first', async () => {
    const nfp = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['TZA'] });
    const patch = await context.app.inject({
      method: 'PATCH',
      url: `/api/users/${nfp.user.id}`,
      headers: admin.headers,
      payload: { countries: ['RWA'] },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().scope.countries).toEqual(['RWA']);
    const put = (country: string) =>
      context.app.inject({
        method: 'PUT',
        url: `/api/countries/${country}/focal-point`,
        headers: nfp.headers,
        payload: { name: 'R', email: 'r@example.org' },
      });
    expect((await put('TZA')).statusCode).toBe(403);
    expect((await put('RWA')).statusCode).toBe(200);
  });

  it('refuses an nfp without a country, and an administrator removing their own admin role', async () => {
    const noCountry = await context.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'lonely', password: 'a long enough password', displayName: 'L', role: 'nfp' },
    });
    expect(noCountry.statusCode).toBe(400);
    expect(noCountry.json().errors[0].field).toBe('body.countries');
    const selfDemote = await context.app.inject({
      method: 'PATCH',
      url: `/api/users/${admin.user.id}`,
      headers: admin.headers,
      payload: { role: 'observer' },
    });
    expect(selfDemote.statusCode).toBe(409);
  });

  it('lists and searches users with paging', async () => {
    const page = await context.app.inject({ method: 'GET', url: '/api/users?q=uganda&limit=5', headers: admin.headers });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ total: 1, limit: 5, offset: 0 });
    expect(page.json().items[0].username).toBe('nfp.uganda');
    expect(JSON.stringify(page.json())).not.toMatch(/password/i);
  });

  it('shows a user their own session and lets them choose their language', async () => {
    const user = await buildLoggedInUser(context.app, context.runtime, { role: 'observer', allCountries: true });
    const patch = await context.app.inject({
      method: 'PATCH',
      url: '/api/account',
      headers: user.headers,
      payload: { preferredLanguage: 'ar' },
    });
    expect(patch.statusCode).toBe(200);
    const session = await context.app.inject({ method: 'GET', url: '/api/auth/session', headers: user.headers });
    expect(session.json()).toMatchObject({ user: { preferredLanguage: 'ar' }, authenticatedBy: 'session' });
    expect(session.json().abilities).toEqual([
      'account:read',
      'account:update',
      'tokens:read-own',
      'tokens:manage-own',
      'organisations:read',
      'observations:read',
      'events:read',
    ]);
    const bad = await context.app.inject({
      method: 'PATCH',
      url: '/api/account',
      headers: user.headers,
      payload: { preferredLanguage: 'de' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toEqual({ field: 'body.preferredLanguage', reason: 'must be one of: ar, zh, en, fr, ru, es' });
  });

  it('serves public reference data and health endpoints without an account', async () => {
    const countries = await context.app.inject({ method: 'GET', url: '/api/countries' });
    expect(countries.statusCode).toBe(200);
    const egypt = countries.json().items.find((c: { iso3: string }) => c.iso3 === 'EGY');
    expect(egypt).toMatchObject({
      whoRegion: 'EMR',
      names: { ar: 'مصر', zh: '埃及', en: 'Egypt', fr: 'Égypte', ru: 'Египет', es: 'Egipto' },
    });
    expect((await context.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await context.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready', database: database.name });
    expect(countries.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
    const metrics = await context.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('accord_http_requests_total{method="GET",route="/api/countries",status="200"}');
  });
});
