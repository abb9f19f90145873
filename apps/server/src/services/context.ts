import type { Kysely } from 'kysely';
import { scopeIncludes, type Actor, type CountryCode } from '@accord/core';
import { appendAuditEntry } from '../db/repositories/audit.repository.js';
import type { Database } from '../db/schema.js';

/** Who is acting, for authorisation and the audit log. */
export interface RequestContext {
  actor: Actor;
  /** Readable name of the actor for the audit log, e.g. "amina (nfp)" or "system". */
  actorLabel: string;
  requestId: string | null;
  /** Set when the actor logged in with a session cookie. */
  sessionIdHash?: string;
  /** True for the platform itself acting (seeding, an operator's CLI command), not a person over HTTP. */
  system?: boolean;
}

/** The context of the platform acting on its own behalf; `via` names the command, e.g. "accord user add". */
export function systemContext(via?: string): RequestContext {
  return { actor: { kind: 'anonymous' }, actorLabel: via ? `system (${via})` : 'system', requestId: null, system: true };
}

export const SYSTEM_CONTEXT: RequestContext = systemContext();

export interface AuditRecord {
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: Record<string, unknown>;
}

/** Records what a request changed, inside the transaction that changes it. */
export async function recordAudit(trx: Kysely<Database>, ctx: RequestContext, record: AuditRecord, now: Date): Promise<void> {
  const actor = ctx.actor;
  await appendAuditEntry(trx, {
    at: now,
    actorType: ctx.system ? 'system' : actor.kind,
    actorId: actor.kind === 'anonymous' ? null : actor.userId,
    actorLabel: ctx.actorLabel,
    requestId: ctx.requestId,
    ...record,
  });
}

/** A clock is injected so tests can move time (lockouts, expiry) without waiting. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** True when the actor may act for the country: the platform itself, or a user whose scope includes it. */
export function actsForCountry(ctx: RequestContext, country: string): boolean {
  if (ctx.system === true) return true;
  const actor = ctx.actor;
  return actor.kind !== 'anonymous' && scopeIncludes(actor.scope, country as CountryCode);
}
