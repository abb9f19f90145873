import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrate, type MigrationReport } from './db/migrate.js';
import { buildApp, type AccordApp } from './http/app.js';
import { createServices, type Services } from './services/index.js';
import { createDetectionPool } from './detection/detection-pool.js';
import { loadReferenceData, seedDemoData, type DemoLogin } from './services/seed.service.js';
import type { Clock } from './services/context.js';

import { REPO_ROOT, VERSION } from './paths.js';

export { REPO_ROOT, VERSION };

export interface Runtime {
  handle: DatabaseHandle;
  services: Services;
  migrations: MigrationReport;
  close(): Promise<void>;
}

/** Opens the database, applies migrations and loads the reference data: what every entry point needs. */
export async function startRuntime(config: Pick<Config, 'databaseUrl' | 'dataDir'> | { memory: true }, clock?: Clock): Promise<Runtime> {
  const location =
    'memory' in config
      ? ({ kind: 'pglite', dataDir: null } as const)
      : config.databaseUrl
        ? ({ kind: 'postgres', url: config.databaseUrl } as const)
        : ({ kind: 'pglite', dataDir: config.dataDir } as const);
  const handle = await openDatabase(location);
  try {
    const migrations = await migrate(handle);
    await loadReferenceData(handle.db);
    // Worker threads start on the first large detection batch, not before.
    const pool = createDetectionPool();
    const services = createServices(handle, pool, clock);
    const close = async () => {
      // Background detection runs finish first: they write to the database being closed.
      await services.detection.idle();
      await pool.close();
      await handle.close();
    };
    return { handle, services, migrations, close };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

export function seedDemo(runtime: Runtime): Promise<{ created: number; logins: DemoLogin[] }> {
  return seedDemoData(runtime.handle.db, runtime.services);
}

export function buildHttpApp(runtime: Runtime, config: Config, logger: boolean | object): Promise<AccordApp> {
  return buildApp({
    handle: runtime.handle,
    services: runtime.services,
    logger: logger as never,
    webDistDir: config.webDistDir,
    secureCookies: config.secureCookies,
    trustProxy: config.trustProxy,
    version: VERSION,
  });
}
