import { sql, type Kysely, type Selectable } from 'kysely';
import type { ApiTokensTable, Database } from '../schema.js';

/** Login sessions, API tokens and the login throttle: the rows behind authentication. */

export async function insertSession(
  db: Kysely<Database>,
  values: { id_hash: string; user_id: string; csrf_token: string; expires_at: Date },
): Promise<void> {
  await db.insertInto('sessions').values(values).execute();
}

export async function findLiveSession(db: Kysely<Database>, idHash: string, now: Date) {
  return db
    .selectFrom('sessions')
    .select(['id_hash', 'user_id', 'csrf_token', 'expires_at'])
    .where('id_hash', '=', idHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function revokeSession(db: Kysely<Database>, idHash: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id_hash', '=', idHash).where('revoked_at', 'is', null).execute();
}

export async function revokeUserSessions(db: Kysely<Database>, userId: string, now: Date, except?: string): Promise<number> {
  let query = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (except) query = query.where('id_hash', '!=', except);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type ApiTokenRow = Selectable<ApiTokensTable>;

export async function insertApiToken(
  db: Kysely<Database>,
  values: Omit<ApiTokenRow, 'id' | 'created_at' | 'last_used_at' | 'revoked_at'>,
): Promise<ApiTokenRow> {
  return db.insertInto('api_tokens').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findApiTokenByHash(db: Kysely<Database>, tokenHash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findApiTokenById(db: Kysely<Database>, id: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listApiTokensOfUser(db: Kysely<Database>, userId: string): Promise<ApiTokenRow[]> {
  return db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
}

/** Records use at most once a minute per token, so a busy machine client does not write on every read. */
export async function markApiTokenUsed(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  const aMinuteAgo = new Date(now.getTime() - 60_000);
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', aMinuteAgo)]))
    .execute();
}

export async function revokeApiToken(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function findThrottle(db: Kysely<Database>, keys: readonly string[]) {
  if (keys.length === 0) return [];
  return db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
}

/**
 * Counts one failed login against `key` in one statement (safe when several processes count at once):
 * a window older than `windowStart` restarts at 1, and reaching `limit` sets the lockout.
 */
export async function recordLoginFailure(
  db: Kysely<Database>,
  key: string,
  now: Date,
  windowStart: Date,
  limit: number,
  lockedUntil: Date,
): Promise<void> {
  const restart = sql`t.window_started_at < ${windowStart}::timestamptz`;
  const failures = sql`CASE WHEN ${restart} THEN 1 ELSE t.failures + 1 END`;
  await sql`
    INSERT INTO login_throttle AS t (key, failures, window_started_at, locked_until)
    VALUES (${key}, 1, ${now}::timestamptz, CASE WHEN 1 >= ${limit}::int THEN ${lockedUntil}::timestamptz END)
    ON CONFLICT (key) DO UPDATE SET
      failures = ${failures},
      window_started_at = CASE WHEN ${restart} THEN ${now}::timestamptz ELSE t.window_started_at END,
      locked_until = CASE WHEN ${failures} >= ${limit}::int THEN ${lockedUntil}::timestamptz ELSE t.locked_until END
  `.execute(db);
}

/** Forgets counters whose window and lockout have both passed, so guessed usernames do not pile up. */
export async function forgetStaleThrottles(db: Kysely<Database>, windowStart: Date, now: Date): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('window_started_at', '<', windowStart)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .execute();
}

/** Removes a user's sessions that ended (expired or revoked) more than a day ago. */
export async function deleteEndedSessions(db: Kysely<Database>, userId: string, now: Date): Promise<void> {
  const aDayAgo = new Date(now.getTime() - 86_400_000);
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<', aDayAgo), eb('revoked_at', '<', aDayAgo)]))
    .execute();
}

export async function clearThrottle(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
