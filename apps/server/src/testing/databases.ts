import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inProcessConfig } from '../config.js';
import { startRuntime, buildHttpApp, type Runtime } from '../runtime.js';
import type { AccordApp } from '../http/app.js';
import type { Clock } from '../services/context.js';

/**
 * The databases every integration test runs on: the embedded PGlite always, and a real PostgreSQL
 * when ACCORD_TEST_DATABASE_URL is set (CI sets it). Each test run gets its own fresh database.
 */
export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(clock?: Clock): Promise<Runtime>;
}

const postgresUrl = process.env.ACCORD_TEST_DATABASE_URL?.trim() || null;

export const TEST_DATABASES: TestDatabase[] = [
  { name: 'pglite', open: (clock) => startRuntime({ memory: true }, clock) },
  ...(postgresUrl ? [{ name: 'postgres' as const, open: (clock?: Clock) => openFreshPostgres(postgresUrl, clock) }] : []),
];

/** Creates an empty database next to the one named in `url`, and drops it again on close. */
async function openFreshPostgres(url: string, clock?: Clock): Promise<Runtime> {
  const name = `accord_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const runtime = await startRuntime({ databaseUrl: target.toString(), dataDir: '' }, clock);
  return {
    ...runtime,
    async close() {
      await runtime.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export async function buildTestApp(runtime: Runtime): Promise<AccordApp> {
  const app = await buildHttpApp(runtime, inProcessConfig(), false);
  await app.ready();
  return app;
}

/** A clock tests can move forward. */
export function movableClock(start = new Date('2026-03-02T08:00:00Z')) {
  let now = start.getTime();
  const clock: Clock = () => new Date(now);
  return { clock, advanceMinutes: (m: number) => (now += m * 60_000) };
}
