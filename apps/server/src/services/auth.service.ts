import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { LIMITS, intersectScopes, listAbilities, type Actor, type CountryCode, type Role, type TokenScope } from '@accord/core';
import type { Static } from '@sinclair/typebox';
import type { ChangePasswordBody, SessionSchema, UpdateAccountBody } from '@accord/contracts';
import type { Database } from '../db/schema.js';
import * as credentials from '../db/repositories/credentials.repository.js';
import * as users from '../db/repositories/users.repository.js';
import { AppError } from './app-error.js';
import { recordAudit, type Clock, type RequestContext } from './context.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { scopeOfUser, toUserDto } from './users.service.js';

export type SessionView = Static<typeof SessionSchema>;

/** Client addresses share a larger allowance than a username: many staff may sit behind one office gateway. */
const ADDRESS_FAILURE_FACTOR = 4;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export const API_TOKEN_PREFIX = 'acc_';

export interface AuthenticatedActor {
  actor: Exclude<Actor, { kind: 'anonymous' }>;
  user: users.UserRow;
  actorLabel: string;
  sessionIdHash?: string;
  csrfToken?: string;
}

const INVALID_CREDENTIALS = () => new AppError('invalid_credentials', 'Username or password is incorrect. Check both and try again.');

export class AuthService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Password login. Creates a session; the caller sets its token as a cookie. */
  async login(
    ctx: RequestContext,
    input: { username: string; password: string; clientAddress: string },
  ): Promise<{ sessionToken: string; expiresAt: Date; session: SessionView }> {
    const now = this.clock();
    const keys = { user: `user:${input.username.toLowerCase()}`, address: `address:${input.clientAddress}` };
    const throttles = await credentials.findThrottle(this.db, [keys.user, keys.address]);
    const lockedUntil = throttles
      .map((t) => t.locked_until)
      .filter((d): d is Date => d !== null && d > now)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    if (lockedUntil) {
      const seconds = Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000);
      throw new AppError(
        'too_many_attempts',
        `Too many failed logins. Try again in ${Math.ceil(seconds / 60)} minute(s), or ask an administrator to reset your password.`,
        [],
        { 'retry-after': String(seconds) },
      );
    }
    const user = await users.findUserByUsername(this.db, input.username);
    const passwordOk = await verifyPassword(user?.password_hash, input.password);
    if (!user || !passwordOk || !user.active) {
      const windowStart = new Date(now.getTime() - LIMITS.loginLockoutMinutes * 60_000);
      const lockEnd = new Date(now.getTime() + LIMITS.loginLockoutMinutes * 60_000);
      await this.db.transaction().execute(async (trx) => {
        await credentials.forgetStaleThrottles(trx, windowStart, now);
        await credentials.recordLoginFailure(trx, keys.user, now, windowStart, LIMITS.loginFailuresBeforeLockout, lockEnd);
        await credentials.recordLoginFailure(
          trx,
          keys.address,
          now,
          windowStart,
          LIMITS.loginFailuresBeforeLockout * ADDRESS_FAILURE_FACTOR,
          lockEnd,
        );
        await recordAudit(
          trx,
          { ...ctx, actorLabel: `anonymous (${input.clientAddress})` },
          {
            action: 'auth.login_failed',
            targetType: 'user',
            targetId: user?.id ?? null,
            summary: { username: input.username, clientAddress: input.clientAddress },
          },
          now,
        );
      });
      throw INVALID_CREDENTIALS();
    }
    const sessionToken = newSecret();
    const csrfToken = newSecret();
    const expiresAt = new Date(now.getTime() + LIMITS.sessionLifetimeHours * 3_600_000);
    const idHash = hashSecret(sessionToken);
    await this.db.transaction().execute(async (trx) => {
      await credentials.insertSession(trx, { id_hash: idHash, user_id: user.id, csrf_token: csrfToken, expires_at: expiresAt });
      await credentials.clearThrottle(trx, keys.user);
      await credentials.deleteEndedSessions(trx, user.id, now);
      await recordAudit(
        trx,
        { ...ctx, actor: this.sessionActor(user), actorLabel: labelOf(user) },
        { action: 'auth.login', targetType: 'user', targetId: user.id, summary: { clientAddress: input.clientAddress } },
        now,
      );
    });
    const actor = this.sessionActor(user);
    return { sessionToken, expiresAt, session: this.view({ actor, user, csrfToken }) };
  }

  async logout(ctx: RequestContext): Promise<void> {
    if (!ctx.sessionIdHash) return;
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      await credentials.revokeSession(trx, ctx.sessionIdHash!, now);
      await recordAudit(
        trx,
        ctx,
        { action: 'auth.logout', targetType: 'user', targetId: ctx.actor.kind === 'anonymous' ? null : ctx.actor.userId, summary: {} },
        now,
      );
    });
  }

  /** Resolves a session cookie; undefined when it is unknown, expired, revoked or its user is inactive. */
  async authenticateSession(sessionToken: string): Promise<AuthenticatedActor | undefined> {
    const idHash = hashSecret(sessionToken);
    const session = await credentials.findLiveSession(this.db, idHash, this.clock());
    if (!session) return undefined;
    const user = await users.findUserById(this.db, session.user_id);
    if (!user || !user.active) return undefined;
    return { actor: this.sessionActor(user), user, actorLabel: labelOf(user), sessionIdHash: idHash, csrfToken: session.csrf_token };
  }

  /** Resolves an API token from an `Authorization: Bearer` header. */
  async authenticateToken(token: string): Promise<AuthenticatedActor | undefined> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
    const now = this.clock();
    const row = await credentials.findApiTokenByHash(this.db, hashSecret(token));
    if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now)) return undefined;
    const user = await users.findUserById(this.db, row.user_id);
    if (!user || !user.active) return undefined;
    await credentials.markApiTokenUsed(this.db, row.id, now);
    const ownerScope = scopeOfUser(user);
    const tokenScope = row.countries ? { kind: 'countries' as const, countries: row.countries as CountryCode[] } : ownerScope;
    return {
      actor: {
        kind: 'token',
        userId: user.id,
        tokenId: row.id,
        role: user.role as Role,
        scope: intersectScopes(ownerScope, tokenScope),
        tokenScopes: row.scopes as TokenScope[],
      },
      user,
      actorLabel: `${labelOf(user)} via token "${row.name}"`,
    };
  }

  /** The acting user, their abilities and (for a cookie session) the CSRF token. */
  async currentSession(ctx: RequestContext, csrfToken: string | undefined): Promise<SessionView> {
    if (ctx.actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Log in first.');
    const user = await users.findUserById(this.db, ctx.actor.userId);
    if (!user) throw new AppError('unauthenticated', 'Your account no longer exists; log in again.');
    return this.view({ actor: ctx.actor, user, csrfToken });
  }

  view(auth: Pick<AuthenticatedActor, 'actor' | 'user'> & { csrfToken?: string | undefined }): SessionView {
    return {
      user: toUserDto(auth.user),
      abilities: listAbilities(auth.actor),
      csrfToken: auth.csrfToken ?? null,
      authenticatedBy: auth.actor.kind === 'token' ? 'token' : 'session',
    };
  }

  async updateAccount(ctx: RequestContext, input: Static<typeof UpdateAccountBody>) {
    const userId = requireUserId(ctx);
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const before = (await users.findUserById(trx, userId))!;
      await users.updateUserColumns(trx, userId, {
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.preferredLanguage !== undefined ? { preferred_language: input.preferredLanguage } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
      });
      const after = (await users.findUserById(trx, userId))!;
      await recordAudit(
        trx,
        ctx,
        {
          action: 'account.update',
          targetType: 'user',
          targetId: userId,
          summary: {
            before: { displayName: before.display_name, preferredLanguage: before.preferred_language, email: before.email },
            after: { displayName: after.display_name, preferredLanguage: after.preferred_language, email: after.email },
          },
        },
        now,
      );
      return toUserDto(after);
    });
  }

  async changePassword(ctx: RequestContext, input: Static<typeof ChangePasswordBody>): Promise<void> {
    const userId = requireUserId(ctx);
    const user = (await users.findUserById(this.db, userId))!;
    if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
      throw new AppError('validation_failed', 'body.currentPassword: the current password is not correct', [
        { field: 'body.currentPassword', reason: 'not correct' },
      ]);
    }
    const passwordHash = await hashPassword(input.newPassword);
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      await users.updateUserColumns(trx, userId, { password_hash: passwordHash });
      const ended = await credentials.revokeUserSessions(trx, userId, now, ctx.sessionIdHash);
      await recordAudit(
        trx,
        ctx,
        { action: 'account.password_change', targetType: 'user', targetId: userId, summary: { otherSessionsEnded: ended } },
        now,
      );
    });
  }

  private sessionActor(user: users.UserRow): Extract<Actor, { kind: 'session' }> {
    return { kind: 'session', userId: user.id, role: user.role as Role, scope: scopeOfUser(user) };
  }
}

export function labelOf(user: Pick<users.UserRow, 'username' | 'role'>): string {
  return `${user.username} (${user.role})`;
}

export function requireUserId(ctx: RequestContext): string {
  if (ctx.actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Log in first.');
  return ctx.actor.userId;
}
