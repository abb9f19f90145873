import { randomBytes } from 'node:crypto';
import type { Role, Language } from '@accord/core';
import type { UserDto } from '@accord/contracts';
import type { AccordApp } from '../http/app.js';
import type { Runtime } from '../runtime.js';
import { SYSTEM_CONTEXT } from '../services/context.js';
import { SESSION_COOKIE } from '../http/plugins/access.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface UserOverrides {
  username?: string;
  role?: Role;
  countries?: string[];
  allCountries?: boolean;
  preferredLanguage?: Language;
  organisationId?: string;
}

/** Creates a user through the real service (so it is audited like any other). */
export async function buildUser(runtime: Runtime, overrides: UserOverrides = {}): Promise<UserDto> {
  const role = overrides.role ?? 'nfp';
  return runtime.services.users.create(SYSTEM_CONTEXT, {
    username: overrides.username ?? `${role}-${randomBytes(4).toString('hex')}`,
    password: TEST_PASSWORD,
    displayName: `Test ${role}`,
    role,
    preferredLanguage: overrides.preferredLanguage ?? 'en',
    allCountries: overrides.allCountries ?? (role === 'admin' || role === 'who_officer'),
    countries: overrides.countries ?? (role === 'nfp' ? ['KEN'] : []),
    ...(overrides.organisationId ? { organisationId: overrides.organisationId } : {}),
  });
}

export interface LoggedIn {
  user: UserDto;
  cookie: string;
  csrfToken: string;
  /** Headers for a cookie-authenticated request (with the CSRF token). */
  headers: Record<string, string>;
}

export async function logIn(app: AccordApp, username: string, password = TEST_PASSWORD): Promise<LoggedIn> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login of ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie set');
  const body = response.json() as { user: UserDto; csrfToken: string };
  const cookieHeader = `${SESSION_COOKIE}=${cookie.value}`;
  return {
    user: body.user,
    cookie: cookieHeader,
    csrfToken: body.csrfToken,
    headers: { cookie: cookieHeader, 'x-csrf-token': body.csrfToken },
  };
}

export async function buildLoggedInUser(app: AccordApp, runtime: Runtime, overrides: UserOverrides = {}): Promise<LoggedIn> {
  const user = await buildUser(runtime, overrides);
  return logIn(app, user.username);
}
