import type { Role, TokenScope } from '../limits.js';
import type { CountryCode } from '../reference/countries.js';
import type { Action } from './actions.js';
import { ACTION_RULES, ACTIONS } from './actions.js';

/** The countries an actor acts for: every country, or a list. */
export type CountryScope = { kind: 'all' } | { kind: 'countries'; countries: readonly CountryCode[] };

export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'session';
      userId: string;
      role: Role;
      scope: CountryScope;
    }
  | {
      kind: 'token';
      userId: string;
      tokenId: string;
      role: Role;
      /** Already narrowed to the intersection of the token's and its owner's scope. */
      scope: CountryScope;
      tokenScopes: readonly TokenScope[];
    };

export interface AccessResource {
  country?: CountryCode;
}

export type DenialReason = 'unauthenticated' | 'role' | 'country_scope' | 'token_scope' | 'session_only';

export type AccessDecision = { allowed: true } | { allowed: false; reason: DenialReason };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/**
 * The one authorisation decision of Accord. Deny by default: an actor may act only when every
 * condition of the action's rule holds. Pure, so the web and the tests run the same rules.
 */
export function canAccess(actor: Actor, action: Action, resource: AccessResource = {}): AccessDecision {
  const general = checkRoleAndCredential(actor, action);
  if (!general.allowed || !ACTION_RULES[action].countryScoped) return general;
  if (actor.kind === 'anonymous') return { allowed: false, reason: 'unauthenticated' };
  if (resource.country === undefined || !scopeIncludes(actor.scope, resource.country)) {
    return { allowed: false, reason: 'country_scope' };
  }
  return { allowed: true };
}

function checkRoleAndCredential(actor: Actor, action: Action): AccessDecision {
  if (actor.kind === 'anonymous') return { allowed: false, reason: 'unauthenticated' };
  const rule = ACTION_RULES[action];
  if (!(rule.roles as readonly Role[]).includes(actor.role)) return { allowed: false, reason: 'role' };
  if (actor.kind === 'token') {
    if (rule.sessionOnly) return { allowed: false, reason: 'session_only' };
    const needed: TokenScope = rule.writes ? 'write' : 'read';
    if (!actor.tokenScopes.includes(needed)) return { allowed: false, reason: 'token_scope' };
  }
  return { allowed: true };
}

export function scopeIncludes(scope: CountryScope, country: CountryCode): boolean {
  return scope.kind === 'all' || scope.countries.includes(country);
}

/** The subset of `countries` the actor acts for, in the given order. */
export function filterCountriesInScope<T extends CountryCode>(scope: CountryScope, countries: readonly T[]): T[] {
  return scope.kind === 'all' ? [...countries] : countries.filter((c) => scope.countries.includes(c));
}

/** The intersection of two scopes: what a token may do is never more than what its owner may do. */
export function intersectScopes(a: CountryScope, b: CountryScope): CountryScope {
  if (a.kind === 'all') return b;
  if (b.kind === 'all') return a;
  return { kind: 'countries', countries: a.countries.filter((c) => b.countries.includes(c)) };
}

/**
 * The actions the actor may perform for at least one country (or at all, when not country-scoped).
 * Sent to the web so it never re-derives the rules.
 */
export function listAbilities(actor: Actor): Action[] {
  if (actor.kind === 'anonymous') return [];
  const scopeEmpty = actor.scope.kind === 'countries' && actor.scope.countries.length === 0;
  return ACTIONS.filter((action) => checkRoleAndCredential(actor, action).allowed && !(ACTION_RULES[action].countryScoped && scopeEmpty));
}
