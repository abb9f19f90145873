import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TEST_DATABASES } from '../testing/databases.js';
import type { Runtime } from '../runtime.js';
import { listMigrations, migrate, pendingMigrations } from './migrate.js';

/** The schema as information_schema describes it: identical on PGlite and PostgreSQL. */
async function describeSchema(runtime: Runtime) {
  const result = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>`
    SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
    WHERE table_schema = 'public' ORDER BY table_name, column_name`.execute(runtime.handle.db);
  return result.rows.map((r) => `${r.table_name}.${r.column_name} ${r.data_type}${r.is_nullable === 'NO' ? ' not null' : ''}`);
}

const schemas = new Map<string, string[]>();

describe.each(TEST_DATABASES)('migrations ($name)', (database) => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await database.open();
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('applies every shipped migration once, and a second run applies none', async () => {
    expect(runtime.migrations.applied).toEqual(listMigrations().map((m) => m.version));
    expect(await pendingMigrations(runtime.handle)).toEqual([]);
    const again = await migrate(runtime.handle);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(listMigrations().length);
  });

  it('loads the reference countries: 250 rows, the 194 WHO Member States by region', async () => {
    const rows = await runtime.handle.db.selectFrom('countries').select(['iso3', 'who_region', 'who_member_state']).execute();
    expect(rows).toHaveLength(250);
    const members = rows.filter((r) => r.who_member_state);
    expect(members).toHaveLength(194);
    const byRegion = Object.fromEntries(
      ['AFR', 'AMR', 'SEAR', 'EUR', 'EMR', 'WPR'].map((r) => [r, members.filter((m) => m.who_region === r).length]),
    );
    expect(byRegion).toEqual({ AFR: 47, AMR: 35, SEAR: 10, EUR: 53, EMR: 21, WPR: 28 });
  });

  it('produces the same schema on every database', async () => {
    const schema = await describeSchema(runtime);
    expect(schema.length).toBeGreaterThan(50);
    schemas.set(database.name, schema);
    const first = [...schemas.values()][0]!;
    expect(schema).toEqual(first);
  });
});
