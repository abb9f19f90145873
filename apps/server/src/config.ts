import { resolve } from 'node:path';
import { StartupError } from './startup-error.js';

export interface Config {
  port: number;
  host: string;
  /** null: the embedded PGlite database in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  secureCookies: boolean;
  trustProxy: boolean;
  webDistDir: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every setting Accord reads, with what it means; an unknown ACCORD_* variable is refused as a likely typo. */
export const SETTINGS: Record<string, string> = {
  PORT: 'HTTP port (default 8080)',
  HOST: 'address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)',
  DATABASE_URL: 'postgres://user:password@host:port/database; unset = embedded PGlite',
  ACCORD_DATA_DIR: 'folder of the embedded database (default ./.accord-data)',
  ACCORD_LOG_LEVEL: `log level: ${LOG_LEVELS.join(', ')} (default info)`,
  ACCORD_SECURE_COOKIES: 'true behind HTTPS so the session cookie is Secure (default false)',
  ACCORD_TRUST_PROXY: 'true behind a reverse proxy so client addresses come from X-Forwarded-For (default false)',
  ACCORD_WEB_DIR: 'folder of the built web app (default apps/web/dist)',
  ACCORD_TEST_DATABASE_URL: 'tests only: also run the integration tests on this PostgreSQL',
  ACCORD_API_URL: 'web development server only (npm run dev:web): where the API listens',
  ACCORD_FROM_SOURCE: '1 to run the accord command from its TypeScript sources even when a current bundle exists',
};

function parseBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(value.toLowerCase())) return false;
  throw new StartupError(`${name}="${value}" is not a boolean; use true or false`);
}

export function loadConfig(env: NodeJS.ProcessEnv, repoRoot: string): Config {
  const unknown = Object.keys(env).filter((k) => k.startsWith('ACCORD_') && !(k in SETTINGS));
  if (unknown.length > 0) {
    throw new StartupError(
      `unknown setting ${unknown.join(', ')}; known settings are ${Object.keys(SETTINGS)
        .filter((k) => k.startsWith('ACCORD_'))
        .join(', ')}`,
    );
  }
  const portText = env.PORT ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new StartupError(`PORT="${portText}" is not a TCP port; use a whole number from 1 to 65535, e.g. PORT=8080`);
  }
  const logLevel = (env.ACCORD_LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new StartupError(`ACCORD_LOG_LEVEL="${logLevel}" is not a log level; use one of ${LOG_LEVELS.join(', ')}`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new StartupError(
      'DATABASE_URL must start with postgres:// or postgresql:// (e.g. postgres://accord@127.0.0.1:5432/accord); unset it for the embedded database',
    );
  }
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    dataDir: resolve(repoRoot, env.ACCORD_DATA_DIR ?? '.accord-data'),
    logLevel,
    secureCookies: parseBoolean('ACCORD_SECURE_COOKIES', env.ACCORD_SECURE_COOKIES, false),
    trustProxy: parseBoolean('ACCORD_TRUST_PROXY', env.ACCORD_TRUST_PROXY, false),
    webDistDir: resolve(repoRoot, env.ACCORD_WEB_DIR ?? 'apps/web/dist'),
  };
}

/** Settings for a server run inside another program (tests, the OpenAPI generator, benchmarks). */
export function inProcessConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: null,
    dataDir: '',
    logLevel: 'silent',
    secureCookies: false,
    trustProxy: false,
    webDistDir: '',
    ...overrides,
  };
}
