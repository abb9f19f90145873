import type { Kysely } from 'kysely';
import type { CountryScope, CountryCode, Role } from '@accord/core';
import type { CreateUserInput, UpdateUserInput, UserDto } from '@accord/contracts';
import type { Database } from '../db/schema.js';
import * as users from '../db/repositories/users.repository.js';
import { findExistingCountryCodes, findOrganisation } from '../db/repositories/reference.repository.js';
import { revokeUserSessions } from '../db/repositories/credentials.repository.js';
import { AppError, invalidField, notFound } from './app-error.js';
import { recordAudit, type Clock, type RequestContext } from './context.js';
import { hashPassword } from './passwords.js';

export function scopeOfUser(user: Pick<users.UserRow, 'role' | 'all_countries' | 'countries'>): CountryScope {
  return user.role === 'admin' || user.all_countries ? { kind: 'all' } : { kind: 'countries', countries: user.countries as CountryCode[] };
}

export function toUserDto(user: users.UserRow): UserDto {
  const scope = scopeOfUser(user);
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    email: user.email,
    role: user.role as Role,
    organisationId: user.organisation_id,
    preferredLanguage: user.preferred_language as UserDto['preferredLanguage'],
    scope: scope.kind === 'all' ? { all: true, countries: [] } : { all: false, countries: [...scope.countries] },
    active: user.active,
    createdAt: user.created_at.toISOString(),
  };
}

/** What the audit log keeps of a user: never the password hash. */
function auditView(user: users.UserRow) {
  const { password_hash: _omitted, ...rest } = user;
  return { ...rest, created_at: rest.created_at.toISOString(), updated_at: rest.updated_at.toISOString() };
}

async function checkReferences(
  db: Kysely<Database>,
  input: { organisationId?: string | null; countries?: readonly string[] },
  fieldPrefix: string,
): Promise<void> {
  if (input.organisationId && !(await findOrganisation(db, input.organisationId))) {
    throw invalidField(`${fieldPrefix}.organisationId`, `no organisation has id ${input.organisationId}`);
  }
  if (input.countries && input.countries.length > 0) {
    const known = await findExistingCountryCodes(db, input.countries);
    const unknown = input.countries.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      throw invalidField(`${fieldPrefix}.countries`, `unknown country code(s) ${unknown.join(', ')}; use ISO 3166-1 alpha-3 codes`);
    }
  }
}

/** A national IHR focal point acts for named countries; everyone else may have any scope. */
function checkScopeRule(role: Role, allCountries: boolean, countries: readonly string[], fieldPrefix: string): void {
  if (role === 'nfp' && (allCountries || countries.length === 0)) {
    throw invalidField(`${fieldPrefix}.countries`, 'a national IHR focal point (nfp) must be scoped to one or more named countries');
  }
}

export class UsersService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async list(filter: { role?: string; q?: string }, page: { limit: number; offset: number }) {
    const result = await users.listUsers(this.db, filter, page);
    return { items: result.items.map(toUserDto), total: result.total, ...page };
  }

  async get(id: string): Promise<UserDto> {
    const user = await users.findUserById(this.db, id);
    if (!user) throw notFound(`user ${id}`);
    return toUserDto(user);
  }

  async create(ctx: RequestContext, input: CreateUserInput): Promise<UserDto> {
    const countries = input.countries ?? [];
    const allCountries = input.allCountries ?? false;
    checkScopeRule(input.role, allCountries, countries, 'body');
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction().execute(async (trx) => {
      await checkReferences(trx, { organisationId: input.organisationId ?? null, countries }, 'body');
      if (await users.findUserByUsername(trx, input.username)) {
        throw new AppError('conflict', `username "${input.username}" is taken; choose another`, [
          { field: 'body.username', reason: 'already taken' },
        ]);
      }
      const id = await users.insertUser(
        trx,
        {
          username: input.username,
          display_name: input.displayName,
          email: input.email ?? null,
          password_hash: passwordHash,
          role: input.role,
          organisation_id: input.organisationId ?? null,
          preferred_language: input.preferredLanguage ?? 'en',
          all_countries: allCountries,
        },
        countries,
      );
      const created = (await users.findUserById(trx, id))!;
      await recordAudit(
        trx,
        ctx,
        { action: 'user.create', targetType: 'user', targetId: id, summary: { after: auditView(created) } },
        this.clock(),
      );
      return toUserDto(created);
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateUserInput): Promise<UserDto> {
    const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
    return this.db.transaction().execute(async (trx) => {
      const before = await users.findUserById(trx, id);
      if (!before) throw notFound(`user ${id}`);
      const role = input.role ?? (before.role as Role);
      const allCountries = input.allCountries ?? before.all_countries;
      const countries = input.countries ?? before.countries;
      checkScopeRule(role, allCountries, countries, 'body');
      await checkReferences(trx, { organisationId: input.organisationId ?? null, countries: input.countries ?? [] }, 'body');
      if (ctx.actor.kind !== 'anonymous' && ctx.actor.userId === id && (input.active === false || (input.role && input.role !== 'admin'))) {
        throw new AppError('conflict', 'you cannot deactivate yourself or remove your own admin role; ask another administrator');
      }
      await users.updateUserColumns(trx, id, {
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.organisationId !== undefined ? { organisation_id: input.organisationId } : {}),
        ...(input.preferredLanguage !== undefined ? { preferred_language: input.preferredLanguage } : {}),
        ...(input.allCountries !== undefined ? { all_countries: input.allCountries } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
      });
      if (input.countries !== undefined) await users.replaceUserCountries(trx, id, input.countries);
      // Losing access must take effect at once, not when the session expires.
      if (input.active === false || passwordHash !== undefined || input.role !== undefined) {
        await revokeUserSessions(trx, id, this.clock());
      }
      const after = (await users.findUserById(trx, id))!;
      await recordAudit(
        trx,
        ctx,
        {
          action: 'user.update',
          targetType: 'user',
          targetId: id,
          summary: { before: auditView(before), after: auditView(after), passwordChanged: passwordHash !== undefined },
        },
        this.clock(),
      );
      return toUserDto(after);
    });
  }
}
