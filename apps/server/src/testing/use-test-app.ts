import { afterAll, beforeAll } from 'vitest';
import type { AccordApp } from '../http/app.js';
import type { Runtime } from '../runtime.js';
import type { Clock } from '../services/context.js';
import { buildTestApp, type TestDatabase } from './databases.js';

/**
 * Opens `database` and an app on it before the tests of the calling `describe`, and closes both
 * after them. Read `runtime` and `app` inside tests (they are set once the hooks have run).
 */
export function useTestApp(database: TestDatabase, clock?: Clock): { runtime: Runtime; app: AccordApp } {
  const context = {} as { runtime: Runtime; app: AccordApp };
  beforeAll(async () => {
    context.runtime = await database.open(clock);
    context.app = await buildTestApp(context.runtime);
  });
  afterAll(async () => {
    await context.app?.close();
    await context.runtime?.close();
  });
  return context;
}
