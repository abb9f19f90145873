import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from './database.js';

import { MIGRATIONS_DIR } from '../paths.js';

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;
/** Arbitrary constant: the advisory lock that lets one process at a time migrate a shared PostgreSQL. */
const MIGRATION_LOCK_KEY = 7_471_001;

export interface Migration {
  version: string;
  script: string;
}

/** The migrations shipped with this version, in order. Files are append-only: never edit a landed one. */
export function listMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => MIGRATION_FILE.test(name))
    .sort()
    .map((name) => ({ version: name.replace(/\.sql$/, ''), script: readFileSync(join(MIGRATIONS_DIR, name), 'utf8') }));
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/** Applies every migration not yet applied, each in its own transaction, identically on PGlite and PostgreSQL. */
export async function migrate(handle: DatabaseHandle): Promise<MigrationReport> {
  const { db } = handle;
  const applyPending = async (): Promise<MigrationReport> => {
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(
      db,
    );
    const done = new Set((await db.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version));
    const applied: string[] = [];
    for (const migration of listMigrations()) {
      if (done.has(migration.version)) continue;
      // The version is a checked file name (digits, lower-case letters, underscores): safe to inline.
      await handle.runScript(`${migration.script}\nINSERT INTO schema_migrations (version) VALUES ('${migration.version}');\n`);
      applied.push(migration.version);
    }
    return { applied, alreadyApplied: done.size };
  };
  // An embedded data folder belongs to one process; a shared PostgreSQL needs a lock so that
  // several server processes starting together migrate once (even CREATE TABLE IF NOT EXISTS races).
  if (handle.location.kind === 'pglite') return applyPending();
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      return await applyPending();
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}

/** The versions still to apply; empty when the schema is current (used by /readyz). */
export async function pendingMigrations(handle: DatabaseHandle): Promise<string[]> {
  const rows = await handle.db
    .selectFrom('schema_migrations')
    .select('version')
    .execute()
    .catch(() => []);
  const done = new Set(rows.map((r) => r.version));
  return listMigrations()
    .map((m) => m.version)
    .filter((v) => !done.has(v));
}
