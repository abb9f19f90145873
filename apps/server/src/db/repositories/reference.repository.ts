import type { Kysely, Selectable } from 'kysely';
import type { Country, CountryCode, Language, WhoRegion } from '@accord/core';
import type { CountriesTable, Database, OrganisationsTable } from '../schema.js';

function toCountry(row: Selectable<CountriesTable>): Country {
  return {
    iso3: row.iso3 as CountryCode,
    iso2: row.iso2,
    m49: row.m49,
    names: { ar: row.name_ar, zh: row.name_zh, en: row.name_en, fr: row.name_fr, ru: row.name_ru, es: row.name_es } satisfies Record<
      Language,
      string
    >,
    whoRegion: row.who_region as WhoRegion | null,
    whoMemberState: row.who_member_state,
    unMember: row.un_member,
    population: row.population,
    populationYear: row.population_year,
    atlasId: row.atlas_id,
    centroid: row.centroid_lat !== null && row.centroid_lon !== null ? { lat: row.centroid_lat, lon: row.centroid_lon } : null,
  };
}

export async function listCountries(db: Kysely<Database>): Promise<Country[]> {
  return (await db.selectFrom('countries').selectAll().orderBy('iso3').execute()).map(toCountry);
}

export async function findCountry(db: Kysely<Database>, iso3: string): Promise<Country | undefined> {
  const row = await db.selectFrom('countries').selectAll().where('iso3', '=', iso3).executeTakeFirst();
  return row ? toCountry(row) : undefined;
}

export async function findExistingCountryCodes(db: Kysely<Database>, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('countries').select('iso3').where('iso3', 'in', codes).execute();
  return new Set(rows.map((r) => r.iso3));
}

/** Inserts or refreshes the reference countries; returns how many rows were written. */
export async function upsertCountries(db: Kysely<Database>, countries: readonly Country[]): Promise<number> {
  const CHUNK = 100;
  for (let i = 0; i < countries.length; i += CHUNK) {
    const values = countries.slice(i, i + CHUNK).map((c) => ({
      iso3: c.iso3,
      iso2: c.iso2,
      m49: c.m49,
      name_ar: c.names.ar,
      name_zh: c.names.zh,
      name_en: c.names.en,
      name_fr: c.names.fr,
      name_ru: c.names.ru,
      name_es: c.names.es,
      who_region: c.whoRegion,
      who_member_state: c.whoMemberState,
      un_member: c.unMember,
      population: c.population,
      population_year: c.populationYear,
      atlas_id: c.atlasId,
      centroid_lat: c.centroid?.lat ?? null,
      centroid_lon: c.centroid?.lon ?? null,
    }));
    await db
      .insertInto('countries')
      .values(values)
      .onConflict((oc) =>
        oc.column('iso3').doUpdateSet((eb) => ({
          iso2: eb.ref('excluded.iso2'),
          m49: eb.ref('excluded.m49'),
          name_ar: eb.ref('excluded.name_ar'),
          name_zh: eb.ref('excluded.name_zh'),
          name_en: eb.ref('excluded.name_en'),
          name_fr: eb.ref('excluded.name_fr'),
          name_ru: eb.ref('excluded.name_ru'),
          name_es: eb.ref('excluded.name_es'),
          who_region: eb.ref('excluded.who_region'),
          who_member_state: eb.ref('excluded.who_member_state'),
          un_member: eb.ref('excluded.un_member'),
          population: eb.ref('excluded.population'),
          population_year: eb.ref('excluded.population_year'),
          atlas_id: eb.ref('excluded.atlas_id'),
          centroid_lat: eb.ref('excluded.centroid_lat'),
          centroid_lon: eb.ref('excluded.centroid_lon'),
        })),
      )
      .execute();
  }
  return countries.length;
}

export async function findFocalPoint(db: Kysely<Database>, country: string) {
  return db.selectFrom('focal_points').selectAll().where('country', '=', country).executeTakeFirst();
}

export async function upsertFocalPoint(
  db: Kysely<Database>,
  values: { country: string; name: string; email: string; phone: string | null; updated_at: Date; updated_by: string | null },
) {
  return db
    .insertInto('focal_points')
    .values(values)
    .onConflict((oc) =>
      oc.column('country').doUpdateSet({
        name: values.name,
        email: values.email,
        phone: values.phone,
        updated_at: values.updated_at,
        updated_by: values.updated_by,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type OrganisationRow = Selectable<OrganisationsTable>;

export async function listOrganisations(db: Kysely<Database>, page: { limit: number; offset: number }) {
  const [items, count] = await Promise.all([
    db.selectFrom('organisations').selectAll().orderBy('name').limit(page.limit).offset(page.offset).execute(),
    db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function findOrganisation(db: Kysely<Database>, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganisationByName(db: Kysely<Database>, name: string): Promise<OrganisationRow | undefined> {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export async function insertOrganisation(
  db: Kysely<Database>,
  values: { name: string; kind: string; country: string | null },
): Promise<OrganisationRow> {
  return db.insertInto('organisations').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrganisation(
  db: Kysely<Database>,
  id: string,
  values: Partial<{ name: string; kind: string; country: string | null }>,
): Promise<OrganisationRow | undefined> {
  return db.updateTable('organisations').set(values).where('id', '=', id).returningAll().executeTakeFirst();
}
