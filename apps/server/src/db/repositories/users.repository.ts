import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, UsersTable } from '../schema.js';

export type UserRow = Selectable<UsersTable> & { countries: string[] };

async function attachCountries(db: Kysely<Database>, users: Selectable<UsersTable>[]): Promise<UserRow[]> {
  if (users.length === 0) return [];
  const links = await db
    .selectFrom('user_countries')
    .select(['user_id', 'country'])
    .where(
      'user_id',
      'in',
      users.map((u) => u.id),
    )
    .orderBy('country')
    .execute();
  return users.map((u) => ({ ...u, countries: links.filter((l) => l.user_id === u.id).map((l) => l.country) }));
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await attachCountries(db, [row]))[0] : undefined;
}

export async function findUserByUsername(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return row ? (await attachCountries(db, [row]))[0] : undefined;
}

export async function listUsers(
  db: Kysely<Database>,
  filter: { role?: string; q?: string },
  page: { limit: number; offset: number },
): Promise<{ items: UserRow[]; total: number }> {
  let query = db.selectFrom('users');
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.q) {
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb(eb.fn('lower', ['username']), 'like', pattern), eb(eb.fn('lower', ['display_name']), 'like', pattern)]),
    );
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('username').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await attachCountries(db, rows), total: Number(count.n) };
}

export type UserValues = Pick<
  Insertable<UsersTable>,
  'username' | 'display_name' | 'email' | 'password_hash' | 'role' | 'organisation_id' | 'preferred_language' | 'all_countries'
>;

export async function insertUser(db: Kysely<Database>, values: UserValues, countries: readonly string[]): Promise<string> {
  const { id } = await db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
  await replaceUserCountries(db, id, countries);
  return id;
}

export async function updateUserColumns(
  db: Kysely<Database>,
  id: string,
  values: Partial<UserValues & { active: boolean }>,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function replaceUserCountries(db: Kysely<Database>, userId: string, countries: readonly string[]): Promise<void> {
  await db.deleteFrom('user_countries').where('user_id', '=', userId).execute();
  if (countries.length > 0) {
    await db
      .insertInto('user_countries')
      .values(countries.map((country) => ({ user_id: userId, country })))
      .execute();
  }
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
