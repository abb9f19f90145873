import type { Role } from '../limits.js';
import { ROLES } from '../limits.js';

/**
 * Every action a route can perform, with the rule that guards it. A route names exactly one action;
 * adding a route means choosing (or adding) its action here, so the rules stay in one table.
 */
export interface ActionRule {
  /** Roles that may perform the action at all. */
  roles: readonly Role[];
  /** True when the action changes state: API tokens need the `write` scope for it. */
  writes: boolean;
  /** True when the action concerns one country: the actor's country scope must include it. */
  countryScoped: boolean;
  /** True when only an interactive login may do it (an API token may not, e.g. minting more tokens). */
  sessionOnly: boolean;
}

const everyone = ROLES;
const rule = (roles: readonly Role[], flags: Partial<Omit<ActionRule, 'roles'>> = {}): ActionRule => ({
  roles,
  writes: flags.writes ?? false,
  countryScoped: flags.countryScoped ?? false,
  sessionOnly: flags.sessionOnly ?? false,
});

export const ACTION_RULES = {
  'account:read': rule(everyone),
  'account:update': rule(everyone, { writes: true, sessionOnly: true }),
  'tokens:read-own': rule(everyone, { sessionOnly: true }),
  'tokens:manage-own': rule(everyone, { writes: true, sessionOnly: true }),
  'users:read': rule(['admin']),
  'users:manage': rule(['admin'], { writes: true }),
  'organisations:read': rule(everyone),
  'organisations:manage': rule(['admin'], { writes: true }),
  /** IHR National Focal Point contact details: a directory for WHO and the States Parties' NFPs only. */
  'focal-point:read': rule(['admin', 'who_officer', 'nfp']),
  'focal-point:update': rule(['admin', 'who_officer', 'nfp'], { writes: true, countryScoped: true }),
  'audit:read': rule(['admin']),
  /** Country scope is checked per row: a file may hold several countries. */
  'observations:import': rule(['admin', 'who_officer', 'nfp'], { writes: true }),
  /** Observations, limited to the reader's country scope. */
  'observations:read': rule(everyone),
  /** Import batches: WHO and administrators see all; a focal point sees the batches they sent. */
  'imports:read': rule(['admin', 'who_officer', 'nfp']),
  /** Diseases and metrics are shared by every country: administrators maintain them. */
  'reference:manage': rule(['admin'], { writes: true }),
  /** Sub-national areas and populations; the country of each area is checked against the actor's scope. */
  'locations:manage': rule(['admin', 'who_officer', 'nfp'], { writes: true }),
  'dhis2-mappings:read': rule(['admin', 'who_officer', 'nfp']),
  /** Data element → disease and metric: one table for every country, so administrators only. */
  'dhis2-mappings:manage-data-elements': rule(['admin'], { writes: true }),
  /** Organisation unit → location: the location's country is checked against the actor's scope. */
  'dhis2-mappings:manage-org-units': rule(['admin', 'who_officer', 'nfp'], { writes: true }),
  /** Detection configuration and runs: WHO and focal points (a run never goes beyond the caller's country scope). */
  'detection:read': rule(['admin', 'who_officer', 'nfp']),
  /** Which method and parameters monitor each disease: one setting for every country, so administrators only. */
  'detection:configure': rule(['admin'], { writes: true }),
  'detection:run': rule(['admin', 'who_officer', 'nfp'], { writes: true }),
  /** Signals are unverified and sensitive: WHO and the focal points of the signal's country only. */
  'signals:read': rule(['admin', 'who_officer', 'nfp']),
  'signals:triage': rule(['admin', 'who_officer', 'nfp'], { writes: true }),
  /** Events: every reader sees those whose visibility admits them (see ihr/visibility.ts). */
  'events:read': rule(everyone),
  /** Create and update events, Annex 2, notifications, risk, counts: WHO, and focal points for their countries' events. */
  'events:manage': rule(['admin', 'who_officer', 'nfp'], { writes: true }),
  /** WHO grading is WHO's internal activation procedure. */
  'events:grade': rule(['admin', 'who_officer'], { writes: true }),
  /** Verification requests go from WHO to a National Focal Point (IHR Article 10)… */
  'verification:request': rule(['admin', 'who_officer'], { writes: true }),
  'verification:read': rule(['admin', 'who_officer', 'nfp']),
  /** …and only the focal point of the country answers for it. */
  'verification:answer': rule(['nfp'], { writes: true }),
} as const satisfies Record<string, ActionRule>;

export type Action = keyof typeof ACTION_RULES;

export const ACTIONS = Object.keys(ACTION_RULES) as Action[];

export function isAction(value: string): value is Action {
  return Object.prototype.hasOwnProperty.call(ACTION_RULES, value);
}
