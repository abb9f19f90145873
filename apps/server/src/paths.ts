import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root, found by walking up from this module: the same answer whether the server
 * runs from its TypeScript sources or from the bundle in apps/server/dist.
 */
export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

/** Accord's version, from the root package.json. */
export const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The SQL migrations, read at run time. */
export const MIGRATIONS_DIR = join(REPO_ROOT, 'apps/server/src/db/migrations');
/** Reference data and the demo time series (copied into the repository with their provenance). */
export const DATA_DIR = join(REPO_ROOT, 'data');

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'data', 'reference')) && existsSync(join(dir, 'apps', 'server', 'src', 'db', 'migrations'))) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the Accord repository (data/ and apps/server/) above ${start}`);
  }
}
