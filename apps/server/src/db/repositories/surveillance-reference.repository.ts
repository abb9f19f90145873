import { sql, type Kysely } from 'kysely';
import type { DiseaseDefinition, MetricDefinition } from '@accord/core';
import type { Database } from '../schema.js';

/** Adds the diseases that are missing; never overwrites one an administrator has edited. */
export async function insertMissingDiseases(db: Kysely<Database>, diseases: readonly DiseaseDefinition[]): Promise<number> {
  if (diseases.length === 0) return 0;
  const result = await db
    .insertInto('diseases')
    .values(
      diseases.map((d) => ({
        code: d.code,
        icd11: d.icd11,
        ihr_category: d.ihrCategory,
        name_ar: d.names.ar,
        name_zh: d.names.zh,
        name_en: d.names.en,
        name_fr: d.names.fr,
        name_ru: d.names.ru,
        name_es: d.names.es,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Adds the metrics that are missing; never overwrites one an administrator has edited. */
export async function insertMissingMetrics(db: Kysely<Database>, metrics: readonly MetricDefinition[]): Promise<number> {
  if (metrics.length === 0) return 0;
  const result = await db
    .insertInto('metrics')
    .values(
      metrics.map((m) => ({
        code: m.code,
        whole_numbers: m.wholeNumbers,
        name_ar: m.names.ar,
        name_zh: m.names.zh,
        name_en: m.names.en,
        name_fr: m.names.fr,
        name_ru: m.names.ru,
        name_es: m.names.es,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Every country and territory is a level-0 location with its ISO3 code; adds the missing ones. */
export async function insertMissingCountryLocations(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('locations')
    .columns(['code', 'level', 'parent_id', 'country', 'name'])
    .expression((eb) =>
      eb
        .selectFrom('countries')
        .select(['iso3', sql<number>`0::smallint`.as('level'), sql<null>`NULL::integer`.as('parent_id'), 'iso3', 'name_en'])
        .where('iso3', 'not in', eb.selectFrom('locations').select('code')),
    )
    .execute();
}

/** The country populations of the reference data, as location populations for their year. */
export async function upsertCountryPopulations(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('location_populations')
    .columns(['location_id', 'year', 'population'])
    .expression((eb) =>
      eb
        .selectFrom('countries')
        .innerJoin('locations', (join) => join.onRef('locations.code', '=', 'countries.iso3').on('locations.level', '=', 0))
        .select(['locations.id', 'countries.population_year', 'countries.population'])
        .where('countries.population', 'is not', null)
        .where('countries.population_year', 'is not', null),
    )
    .onConflict((oc) => oc.columns(['location_id', 'year']).doUpdateSet((eb) => ({ population: eb.ref('excluded.population') })))
    .execute();
}

export interface CodeMaps {
  locations: Map<string, { id: number; country: string }>;
  diseases: Map<string, number>;
  metrics: Map<string, { id: number; wholeNumbers: boolean }>;
}

/** Code → id maps used to check and translate every imported row without a query per row. */
export async function loadCodeMaps(db: Kysely<Database>): Promise<CodeMaps> {
  const [locations, diseases, metrics] = await Promise.all([
    db.selectFrom('locations').select(['id', 'code', 'country']).execute(),
    db.selectFrom('diseases').select(['id', 'code']).execute(),
    db.selectFrom('metrics').select(['id', 'code', 'whole_numbers']).execute(),
  ]);
  return {
    locations: new Map(locations.map((l) => [l.code, { id: l.id, country: l.country }])),
    diseases: new Map(diseases.map((d) => [d.code, d.id])),
    metrics: new Map(metrics.map((m) => [m.code, { id: m.id, wholeNumbers: m.whole_numbers }])),
  };
}
