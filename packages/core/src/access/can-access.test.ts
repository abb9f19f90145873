import { describe, expect, it } from 'vitest';
import type { CountryCode } from '../reference/countries.js';
import { ACTIONS, ACTION_RULES } from './actions.js';
import { ANONYMOUS, canAccess, filterCountriesInScope, intersectScopes, listAbilities, type Actor } from './can-access.js';

const KEN = 'KEN' as CountryCode;
const BRA = 'BRA' as CountryCode;
const UGA = 'UGA' as CountryCode;

const nfpKenya: Actor = { kind: 'session', userId: 'u1', role: 'nfp', scope: { kind: 'countries', countries: [KEN] } };
const whoHq: Actor = { kind: 'session', userId: 'u2', role: 'who_officer', scope: { kind: 'all' } };

describe('canAccess', () => {
  it('denies the anonymous everything', () => {
    for (const action of ACTIONS) expect(canAccess(ANONYMOUS, action)).toEqual({ allowed: false, reason: 'unauthenticated' });
  });

  it('applies the role list of each action', () => {
    expect(canAccess(nfpKenya, 'users:manage')).toEqual({ allowed: false, reason: 'role' });
    expect(canAccess({ ...whoHq, role: 'admin' }, 'users:manage')).toEqual({ allowed: true });
  });

  it('lets a country-scoped actor act only for the countries of its scope', () => {
    expect(canAccess(nfpKenya, 'focal-point:update', { country: KEN })).toEqual({ allowed: true });
    expect(canAccess(nfpKenya, 'focal-point:update', { country: BRA })).toEqual({ allowed: false, reason: 'country_scope' });
    expect(canAccess(nfpKenya, 'focal-point:update')).toEqual({ allowed: false, reason: 'country_scope' });
    expect(canAccess(whoHq, 'focal-point:update', { country: BRA })).toEqual({ allowed: true });
  });

  it('limits API tokens by read/write scope and keeps session-only actions from them', () => {
    const readToken: Actor = {
      kind: 'token',
      userId: 'u1',
      tokenId: 't',
      role: 'nfp',
      scope: { kind: 'countries', countries: [KEN] },
      tokenScopes: ['read'],
    };
    expect(canAccess(readToken, 'focal-point:read')).toEqual({ allowed: true });
    expect(canAccess(readToken, 'focal-point:update', { country: KEN })).toEqual({ allowed: false, reason: 'token_scope' });
    expect(canAccess({ ...readToken, tokenScopes: ['read', 'write'] }, 'focal-point:update', { country: KEN })).toEqual({ allowed: true });
    expect(canAccess({ ...readToken, tokenScopes: ['read', 'write'] }, 'tokens:manage-own')).toEqual({
      allowed: false,
      reason: 'session_only',
    });
  });

  it('every action names at least one role, and only writing actions are country-scoped here', () => {
    for (const action of ACTIONS) {
      const rule = ACTION_RULES[action];
      expect(rule.roles.length, action).toBeGreaterThan(0);
      if (rule.countryScoped) expect(rule.writes, action).toBe(true);
    }
  });
});

describe('scopes', () => {
  it('intersects scopes so a token never exceeds its owner', () => {
    expect(intersectScopes({ kind: 'all' }, { kind: 'countries', countries: [KEN] })).toEqual({ kind: 'countries', countries: [KEN] });
    expect(intersectScopes({ kind: 'countries', countries: [KEN, UGA] }, { kind: 'countries', countries: [UGA, BRA] })).toEqual({
      kind: 'countries',
      countries: [UGA],
    });
    expect(intersectScopes({ kind: 'all' }, { kind: 'all' })).toEqual({ kind: 'all' });
  });

  it('filters a list down to the countries in scope', () => {
    expect(filterCountriesInScope({ kind: 'countries', countries: [KEN, UGA] }, [BRA, UGA, KEN])).toEqual([UGA, KEN]);
    expect(filterCountriesInScope({ kind: 'all' }, [BRA])).toEqual([BRA]);
  });

  it('lists abilities, leaving out country-scoped actions when the scope is empty', () => {
    expect(listAbilities(nfpKenya)).toContain('focal-point:update');
    expect(listAbilities({ ...nfpKenya, scope: { kind: 'countries', countries: [] } })).not.toContain('focal-point:update');
    expect(listAbilities(ANONYMOUS)).toEqual([]);
  });
});
