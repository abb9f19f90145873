import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TEST_DATABASES } from '../testing/databases.js';
import type { Runtime } from '../runtime.js';
import { listMigrations, migrate, pendingMigrations } from './migrate.js';
import { loadReferenceData } from '../services/seed.service.js';

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

  it("loads diseases with their IHR category, metrics and a location per country, and keeps administrators' edits", async () => {
    const db = runtime.handle.db;
    const cholera = await db.selectFrom('diseases').selectAll().where('code', '=', 'cholera').executeTakeFirstOrThrow();
    expect(cholera).toMatchObject({ icd11: '1A00', ihr_category: 'always_assess', name_fr: 'Choléra', name_zh: '霍乱' });
    const notify = await db.selectFrom('diseases').select('code').where('ihr_category', '=', 'always_notify').orderBy('code').execute();
    expect(notify.map((d) => d.code)).toEqual(['influenza-new-subtype', 'polio-wild', 'sars', 'smallpox']);
    expect((await db.selectFrom('metrics').select('code').orderBy('code').execute()).map((m) => m.code)).toEqual([
      'cases',
      'deaths',
      'positive',
      'tested',
    ]);
    const kenya = await db.selectFrom('locations').selectAll().where('code', '=', 'KEN').executeTakeFirstOrThrow();
    expect(kenya).toMatchObject({ level: 0, parent_id: null, country: 'KEN', name: 'Kenya' });
    const population = await db
      .selectFrom('location_populations')
      .selectAll()
      .where('location_id', '=', kenya.id)
      .executeTakeFirstOrThrow();
    expect(population).toMatchObject({ year: 2024, population: 56432944 });

    await db.updateTable('diseases').set({ name_en: 'Cholera (edited)' }).where('code', '=', 'cholera').execute();
    const again = await loadReferenceData(db);
    expect(again).toMatchObject({ countries: 250, diseases: 0, metrics: 0 });
    expect((await db.selectFrom('diseases').select('name_en').where('code', '=', 'cholera').executeTakeFirstOrThrow()).name_en).toBe(
      'Cholera (edited)',
    );
    expect(
      Number(
        (
          await db
            .selectFrom('locations')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(250);
  });

  it('produces the same schema on every database', async () => {
    const schema = await describeSchema(runtime);
    expect(schema.length).toBeGreaterThan(50);
    schemas.set(database.name, schema);
    const first = [...schemas.values()][0]!;
    expect(schema).toEqual(first);
  });
});
