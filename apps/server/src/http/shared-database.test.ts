import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@accord/core';
import { startRuntime, type Runtime } from '../runtime.js';
import { buildTestApp } from '../testing/databases.js';
import { buildUser, logIn, TEST_PASSWORD } from '../testing/factories.js';
import type { AccordApp } from './app.js';

const postgresUrl = process.env.ACCORD_TEST_DATABASE_URL?.trim() || null;

/**
 * Two server instances on one PostgreSQL, as behind a load balancer: nothing that matters may live
 * in one process's memory. (An embedded PGlite folder belongs to one process, so this needs PostgreSQL;
 * CI sets ACCORD_TEST_DATABASE_URL.)
 */
describe.runIf(postgresUrl !== null)('several server processes sharing one PostgreSQL', () => {
  const name = `accord_test_${randomBytes(6).toString('hex')}`;
  let url: string;
  let runtimes: Runtime[] = [];
  let apps: AccordApp[] = [];

  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresUrl! });
    await client.connect();
    await client.query(sql);
    await client.end();
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    const target = new URL(postgresUrl!);
    target.pathname = `/${name}`;
    url = target.toString();
    // Both start at once on an empty database: the migration lock lets exactly one migrate.
    const started = await Promise.allSettled([
      startRuntime({ databaseUrl: url, dataDir: '' }),
      startRuntime({ databaseUrl: url, dataDir: '' }),
    ]);
    runtimes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failure = started.find((s) => s.status === 'rejected');
    if (failure) throw failure.reason;
    apps = await Promise.all(runtimes.map(buildTestApp));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const runtime of runtimes) await runtime.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('migrates once when two processes start together', () => {
    const applied = runtimes.map((r) => r.migrations.applied.length).sort();
    expect(applied[0]).toBe(0);
    expect(applied[1]).toBeGreaterThan(0);
  });

  it('a session made on one instance works on the other, and logout on one ends it on both', async () => {
    const [a, b] = apps as [AccordApp, AccordApp];
    const user = await buildUser(runtimes[0]!, { role: 'nfp', countries: ['KEN'] });
    const session = await logIn(a, user.username);
    const put = await b.inject({
      method: 'PUT',
      url: '/api/countries/KEN/focal-point',
      headers: session.headers,
      payload: { name: 'Dr K', email: 'k@example.org' },
    });
    expect(put.statusCode).toBe(200);
    await b.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect((await a.inject({ method: 'GET', url: '/api/auth/session', headers: session.headers })).statusCode).toBe(401);
  });

  it('counts failed logins across instances', async () => {
    const user = await buildUser(runtimes[1]!);
    for (let i = 0; i < LIMITS.loginFailuresBeforeLockout; i++) {
      const app = apps[i % 2]!;
      await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'wrong wrong wrong' } });
    }
    for (const app of apps) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: TEST_PASSWORD },
      });
      expect(response.statusCode).toBe(429);
    }
  });

  it('keeps one unbroken audit chain when both instances write at once', async () => {
    const admins = await Promise.all(runtimes.map((r) => buildUser(r, { role: 'admin' })));
    const sessions = await Promise.all(apps.map((app, i) => logIn(app, admins[i]!.username)));
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        apps[i % 2]!.inject({
          method: 'POST',
          url: '/api/organisations',
          headers: sessions[i % 2]!.headers,
          payload: { name: `Partner ${i}`, kind: 'partner_ngo' },
        }),
      ),
    );
    const verify = await apps[1]!.inject({ method: 'GET', url: '/api/audit/verify', headers: sessions[1]!.headers });
    expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });
    const created = await runtimes[0]!.handle.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'organisation.create')
      .execute();
    expect(created).toHaveLength(24);
  });
});
