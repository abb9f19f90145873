import { describe, expect, it } from 'vitest';
import { LIMITS } from '@accord/core';
import { TEST_DATABASES, movableClock } from '../testing/databases.js';
import { useTestApp } from '../testing/use-test-app.js';
import { TEST_PASSWORD, buildLoggedInUser, buildUser, logIn } from '../testing/factories.js';

describe.each(TEST_DATABASES)('login, sessions, CSRF and API tokens ($name)', (database) => {
  const time = movableClock();
  const context = useTestApp(database, time.clock);

  const login = (username: string, password: string, ip = '10.0.0.1') =>
    context.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

  it('logs in with the right password, sets an httpOnly SameSite cookie and returns abilities and a CSRF token', async () => {
    const user = await buildUser(context.runtime, { role: 'nfp', countries: ['KEN'] });
    const response = await login(user.username, TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/accord_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const body = response.json();
    expect(body.user.username).toBe(user.username);
    expect(body.abilities).toContain('focal-point:update');
    expect(body.abilities).not.toContain('users:manage');
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(JSON.stringify(body)).not.toContain('password');
  });

  it('answers a wrong password exactly as it answers an unknown user', async () => {
    const user = await buildUser(context.runtime);
    const wrong = await login(user.username, 'not the password at all', '10.0.0.2');
    const unknown = await login('nobody-by-this-name', 'not the password at all', '10.0.0.3');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
  });

  it('locks a username out after repeated failures, even with the right password, until the lockout passes', async () => {
    const user = await buildUser(context.runtime);
    for (let i = 0; i < LIMITS.loginFailuresBeforeLockout; i++) {
      expect((await login(user.username, 'wrong password!!', `10.1.0.${i}`)).statusCode).toBe(401);
    }
    const locked = await login(user.username, TEST_PASSWORD, '10.1.1.1');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json().detail).toMatch(/Try again in \d+ minute/);
    // The lockout for an unknown username looks the same, so it reveals nothing.
    for (let i = 0; i < LIMITS.loginFailuresBeforeLockout; i++) await login('ghost-user', 'wrong password!!', `10.2.0.${i}`);
    expect((await login('ghost-user', 'wrong password!!', '10.2.1.1')).statusCode).toBe(429);
    time.advanceMinutes(LIMITS.loginLockoutMinutes + 1);
    expect((await login(user.username, TEST_PASSWORD, '10.1.1.2')).statusCode).toBe(200);
  });

  it('requires the CSRF token for state-changing requests made with the session cookie', async () => {
    const session = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['KEN'] });
    const body = { name: 'Dr A. Otieno', email: 'nfp@health.example.ke' };
    const without = await context.app.inject({
      method: 'PUT',
      url: '/api/countries/KEN/focal-point',
      headers: { cookie: session.cookie },
      payload: body,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('csrf_token_missing');
    const wrong = await context.app.inject({
      method: 'PUT',
      url: '/api/countries/KEN/focal-point',
      headers: { cookie: session.cookie, 'x-csrf-token': 'guess' },
      payload: body,
    });
    expect(wrong.statusCode).toBe(403);
    const right = await context.app.inject({
      method: 'PUT',
      url: '/api/countries/KEN/focal-point',
      headers: session.headers,
      payload: body,
    });
    expect(right.statusCode).toBe(200);
    expect(right.json().email).toBe('nfp@health.example.ke');
  });

  it('ends the session on logout, and a deactivated user loses access at once', async () => {
    const session = await buildLoggedInUser(context.app, context.runtime);
    expect((await context.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers })).statusCode).toBe(204);
    expect((await context.app.inject({ method: 'GET', url: '/api/auth/session', headers: session.headers })).statusCode).toBe(401);

    const admin = await buildLoggedInUser(context.app, context.runtime, { role: 'admin' });
    const victim = await buildLoggedInUser(context.app, context.runtime, { role: 'who_officer' });
    const patch = await context.app.inject({
      method: 'PATCH',
      url: `/api/users/${victim.user.id}`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(patch.statusCode).toBe(200);
    expect((await context.app.inject({ method: 'GET', url: '/api/auth/session', headers: victim.headers })).statusCode).toBe(401);
    expect((await login(victim.user.username, TEST_PASSWORD, '10.3.0.1')).statusCode).toBe(401);
  });

  it('issues API tokens shown once and stored hashed, scoped by read/write and by country, and revocable', async () => {
    const nfp = await buildLoggedInUser(context.app, context.runtime, { role: 'nfp', countries: ['KEN', 'UGA'] });
    const create = (payload: object) => context.app.inject({ method: 'POST', url: '/api/tokens', headers: nfp.headers, payload });
    const readOnly = await create({ name: 'dashboard', scopes: ['read'] });
    expect(readOnly.statusCode).toBe(201);
    const readToken = readOnly.json().token as string;
    expect(readToken).toMatch(/^acc_/);
    const stored = await context.runtime.handle.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', readOnly.json().details.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(readToken.slice(4));
    // The list never shows the secret again.
    const list = await context.app.inject({ method: 'GET', url: '/api/tokens', headers: nfp.headers });
    expect(list.body).not.toContain(readToken);

    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    expect(
      (await context.app.inject({ method: 'GET', url: '/api/countries/KEN/focal-point', headers: bearer(readToken) })).statusCode,
    ).not.toBe(401);
    const writeWithRead = await context.app.inject({
      method: 'PUT',
      url: '/api/countries/KEN/focal-point',
      headers: bearer(readToken),
      payload: { name: 'A', email: 'a@example.org' },
    });
    expect(writeWithRead.statusCode).toBe(403);
    expect(writeWithRead.json().detail).toContain('scope');

    const ugandaOnly = (await create({ name: 'uganda push', scopes: ['read', 'write'], countries: ['UGA'] })).json().token as string;
    const put = (country: string, token: string) =>
      context.app.inject({
        method: 'PUT',
        url: `/api/countries/${country}/focal-point`,
        headers: bearer(token),
        payload: { name: 'B', email: 'b@example.org' },
      });
    expect((await put('UGA', ugandaOnly)).statusCode).toBe(200);
    expect((await put('KEN', ugandaOnly)).statusCode).toBe(403);
    // A token cannot widen its owner's scope, nor mint more tokens.
    expect((await create({ name: 'wider', scopes: ['read'], countries: ['BRA'] })).statusCode).toBe(400);
    const mint = await context.app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: bearer(ugandaOnly),
      payload: { name: 'x', scopes: ['read'] },
    });
    expect(mint.statusCode).toBe(403);

    const id = (await context.app.inject({ method: 'GET', url: '/api/tokens', headers: nfp.headers }))
      .json()
      .items.find((t: { name: string }) => t.name === 'uganda push').id;
    expect((await context.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: nfp.headers })).statusCode).toBe(204);
    expect((await put('UGA', ugandaOnly)).statusCode).toBe(401);
    // Another user cannot revoke (or even see) it.
    const other = await buildLoggedInUser(context.app, context.runtime);
    expect((await context.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: other.headers })).statusCode).toBe(404);
  });

  it('expires API tokens', async () => {
    const user = await buildLoggedInUser(context.app, context.runtime, { role: 'observer', allCountries: true });
    const token = (
      await context.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: user.headers,
        payload: { name: 'short', scopes: ['read'], expiresInDays: 1 },
      })
    ).json().token;
    expect(
      (await context.app.inject({ method: 'GET', url: '/api/organisations', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(200);
    time.advanceMinutes(24 * 60 + 1);
    expect(
      (await context.app.inject({ method: 'GET', url: '/api/organisations', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(401);
  });

  it('lets a user change their password, which ends their other sessions', async () => {
    const user = await buildUser(context.runtime);
    const first = await logIn(context.app, user.username);
    const second = await logIn(context.app, user.username);
    const change = await context.app.inject({
      method: 'POST',
      url: '/api/account/password',
      headers: first.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a much longer new passphrase' },
    });
    expect(change.statusCode).toBe(204);
    expect((await context.app.inject({ method: 'GET', url: '/api/auth/session', headers: second.headers })).statusCode).toBe(401);
    expect((await context.app.inject({ method: 'GET', url: '/api/auth/session', headers: first.headers })).statusCode).toBe(200);
    const wrongCurrent = await context.app.inject({
      method: 'POST',
      url: '/api/account/password',
      headers: first.headers,
      payload: { currentPassword: 'not it at all', newPassword: 'another long passphrase' },
    });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().errors[0].field).toBe('body.currentPassword');
  });
});
