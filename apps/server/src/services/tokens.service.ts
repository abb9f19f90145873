import type { Kysely } from 'kysely';
import { scopeIncludes, type CountryCode } from '@accord/core';
import type { ApiTokenDto, CreateTokenInput } from '@accord/contracts';
import type { Database } from '../db/schema.js';
import * as credentials from '../db/repositories/credentials.repository.js';
import { findUserById } from '../db/repositories/users.repository.js';
import { AppError, invalidField, notFound } from './app-error.js';
import { API_TOKEN_PREFIX, hashSecret, newSecret, requireUserId } from './auth.service.js';
import { recordAudit, type Clock, type RequestContext } from './context.js';
import { scopeOfUser } from './users.service.js';

function toTokenDto(row: credentials.ApiTokenRow): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiTokenDto['scopes'],
    countries: row.countries,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

export class TokensService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async listOwn(ctx: RequestContext): Promise<ApiTokenDto[]> {
    return (await credentials.listApiTokensOfUser(this.db, requireUserId(ctx))).map(toTokenDto);
  }

  /** Creates a token for the acting user (or, from the CLI, for `ownerId`). The secret is returned once. */
  async create(
    ctx: RequestContext,
    input: CreateTokenInput,
    ownerId = requireUserId(ctx),
  ): Promise<{ token: string; details: ApiTokenDto }> {
    const owner = await findUserById(this.db, ownerId);
    if (!owner) throw notFound(`user ${ownerId}`);
    const ownerScope = scopeOfUser(owner);
    const outside = (input.countries ?? []).filter((c) => !scopeIncludes(ownerScope, c as CountryCode));
    if (outside.length > 0) {
      throw invalidField('body.countries', `outside your own country scope: ${outside.join(', ')}; a token can only narrow your scope`);
    }
    const secret = `${API_TOKEN_PREFIX}${newSecret()}`;
    const now = this.clock();
    return this.db.transaction().execute(async (trx) => {
      const row = await credentials.insertApiToken(trx, {
        user_id: owner.id,
        name: input.name,
        token_hash: hashSecret(secret),
        prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
        scopes: input.scopes,
        countries: input.countries ?? null,
        expires_at: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
      });
      const details = toTokenDto(row);
      await recordAudit(
        trx,
        ctx,
        { action: 'token.create', targetType: 'api_token', targetId: row.id, summary: { after: { ...details, owner: owner.id } } },
        now,
      );
      return { token: secret, details };
    });
  }

  async revokeOwn(ctx: RequestContext, id: string): Promise<void> {
    const userId = requireUserId(ctx);
    const now = this.clock();
    await this.db.transaction().execute(async (trx) => {
      const row = await credentials.findApiTokenById(trx, id);
      // Someone else's token is reported as missing, not as forbidden: its existence is not ours to reveal.
      if (!row || row.user_id !== userId) throw notFound(`API token ${id}`);
      if (row.revoked_at) throw new AppError('conflict', `API token "${row.name}" was already revoked at ${row.revoked_at.toISOString()}`);
      await credentials.revokeApiToken(trx, id, now);
      await recordAudit(trx, ctx, { action: 'token.revoke', targetType: 'api_token', targetId: id, summary: { name: row.name } }, now);
    });
  }
}
