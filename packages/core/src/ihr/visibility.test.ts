import { describe, expect, it } from 'vitest';
import type { CountryCode } from '../reference/countries.js';
import { ANONYMOUS_VIEWER, canSee, visibilityProblems, type Viewer, type Visibility } from './visibility.js';

const scope = (...countries: string[]) => ({ kind: 'countries' as const, countries: countries as CountryCode[] });
const who: Viewer = { role: 'who_officer', scope: { kind: 'all' }, organisationId: null };
const kenyaNfp: Viewer = { role: 'nfp', scope: scope('KEN'), organisationId: 'moh-ken' };
const ugandaNfp: Viewer = { role: 'nfp', scope: scope('UGA'), organisationId: 'moh-uga' };
const msfPartner: Viewer = { role: 'partner', scope: scope('KEN'), organisationId: 'msf' };
const observer: Viewer = { role: 'observer', scope: scope(), organisationId: null };

const vis = (level: Visibility['level'], countries: string[] = [], organisations: string[] = []): Visibility => ({
  level,
  countries,
  organisations,
});

describe('canSee', () => {
  it('public is seen by everyone, also without logging in', () => {
    for (const viewer of [who, kenyaNfp, msfPartner, observer, ANONYMOUS_VIEWER]) expect(canSee(viewer, vis('public'))).toBe(true);
  });

  it('WHO-internal is seen by WHO staff and administrators only', () => {
    expect(canSee(who, vis('who_internal'))).toBe(true);
    expect(canSee({ ...who, role: 'admin' }, vis('who_internal'))).toBe(true);
    for (const viewer of [kenyaNfp, msfPartner, observer, ANONYMOUS_VIEWER]) expect(canSee(viewer, vis('who_internal'))).toBe(false);
  });

  it('States Parties means every focal point, not partners or observers', () => {
    expect(canSee(kenyaNfp, vis('states_parties'))).toBe(true);
    expect(canSee(ugandaNfp, vis('states_parties'))).toBe(true);
    expect(canSee(msfPartner, vis('states_parties'))).toBe(false);
    expect(canSee(observer, vis('states_parties'))).toBe(false);
  });

  it("restricted reaches the named countries' focal points and the named organisations' members only", () => {
    const kenyaAndMsf = vis('restricted', ['KEN'], ['msf']);
    expect(canSee(kenyaNfp, kenyaAndMsf)).toBe(true);
    expect(canSee(msfPartner, kenyaAndMsf)).toBe(true);
    expect(canSee(ugandaNfp, kenyaAndMsf)).toBe(false);
    // A partner working in Kenya is not a Kenyan focal point.
    expect(canSee(msfPartner, vis('restricted', ['KEN']))).toBe(false);
    expect(canSee(observer, kenyaAndMsf)).toBe(false);
    expect(canSee(ANONYMOUS_VIEWER, kenyaAndMsf)).toBe(false);
    expect(canSee(who, kenyaAndMsf)).toBe(true);
  });
});

describe('visibilityProblems', () => {
  it('accepts the four levels with the right lists', () => {
    expect(visibilityProblems(vis('public'))).toEqual([]);
    expect(visibilityProblems(vis('restricted', [], ['msf']))).toEqual([]);
  });
  it('refuses an unknown level, an empty restriction and lists on other levels', () => {
    expect(visibilityProblems({ level: 'secret' })[0]).toMatch(/must be one of who_internal, restricted, states_parties, public/);
    expect(visibilityProblems(vis('restricted'))[0]).toMatch(/at least one country or organisation/);
    expect(visibilityProblems(vis('public', ['KEN']))[0]).toMatch(/only restricted/);
  });
});
