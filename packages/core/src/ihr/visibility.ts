import type { CountryScope } from '../access/can-access.js';
import type { Role } from '../limits.js';

/**
 * Who may see an event or one of its updates. One rule, used for every channel (API lists and
 * pages, real-time streams, e-mail, webhooks, feeds), so a restricted event can never leak through
 * a channel that forgot a check. The server's SQL filter is tested against this function.
 */

/** From narrowest to widest. */
export const VISIBILITY_LEVELS = ['who_internal', 'restricted', 'states_parties', 'public'] as const;
export type VisibilityLevel = (typeof VISIBILITY_LEVELS)[number];

export interface Visibility {
  level: VisibilityLevel;
  /** restricted: the countries whose focal points may see it (ISO3). Empty for the other levels. */
  countries: readonly string[];
  /** restricted: the organisations whose members may see it (ids). Empty for the other levels. */
  organisations: readonly string[];
}

/** Who is looking: null role for an anonymous reader (public feeds). */
export interface Viewer {
  role: Role | null;
  scope: CountryScope;
  organisationId: string | null;
}

export const ANONYMOUS_VIEWER: Viewer = { role: null, scope: { kind: 'countries', countries: [] }, organisationId: null };

/** WHO staff and administrators see everything, including WHO-internal information. */
export function isWhoViewer(viewer: Viewer): boolean {
  return viewer.role === 'admin' || viewer.role === 'who_officer';
}

export function canSee(viewer: Viewer, visibility: Visibility): boolean {
  if (visibility.level === 'public' || isWhoViewer(viewer)) return true;
  switch (visibility.level) {
    case 'who_internal':
      return false;
    // The States Parties speak through their National IHR Focal Points.
    case 'states_parties':
      return viewer.role === 'nfp';
    case 'restricted': {
      if (viewer.organisationId !== null && visibility.organisations.includes(viewer.organisationId)) return true;
      if (viewer.role !== 'nfp') return false;
      const scope = viewer.scope;
      return scope.kind === 'all'
        ? visibility.countries.length > 0
        : visibility.countries.some((c) => scope.countries.includes(c as never));
    }
  }
}

/** Why a visibility may not be saved; empty when it may. */
export function visibilityProblems(visibility: {
  level: string;
  countries?: readonly string[];
  organisations?: readonly string[];
}): string[] {
  if (!(VISIBILITY_LEVELS as readonly string[]).includes(visibility.level))
    return [`visibility must be one of ${VISIBILITY_LEVELS.join(', ')}, not "${visibility.level}"`];
  const named = (visibility.countries?.length ?? 0) + (visibility.organisations?.length ?? 0);
  if (visibility.level === 'restricted' && named === 0)
    return ['restricted visibility names at least one country or organisation that may see it'];
  if (visibility.level !== 'restricted' && named > 0)
    return [`only restricted visibility names countries and organisations; ${visibility.level} does not`];
  return [];
}

/** The visibility of the IHR channel between WHO and a State Party: WHO and the focal points of the event's countries. */
export function ihrChannelVisibility(countries: readonly string[]): Visibility {
  return { level: 'restricted', countries: [...countries], organisations: [] };
}
