/** The pages of the web app, matched from the URL path alone (no router dependency). */
export type Route =
  | { name: 'home' }
  | { name: 'login'; next: string | null }
  | { name: 'account' }
  | { name: 'admin-users' }
  | { name: 'admin-audit' }
  | { name: 'explorer' }
  | { name: 'imports' }
  | { name: 'admin-reference' }
  | { name: 'admin-dhis2' }
  | { name: 'signals' }
  | { name: 'admin-detection' }
  | { name: 'country'; iso3: string }
  | { name: 'not-found' };

type StaticRoute = Exclude<Route, { name: 'login' | 'country' | 'not-found' }>['name'];

const STATIC_ROUTES: Record<string, StaticRoute> = {
  '/': 'home',
  '/account': 'account',
  '/admin/users': 'admin-users',
  '/admin/audit': 'admin-audit',
  '/explorer': 'explorer',
  '/imports': 'imports',
  '/admin/reference': 'admin-reference',
  '/admin/dhis2': 'admin-dhis2',
  '/signals': 'signals',
  '/admin/detection': 'admin-detection',
};

export function matchRoute(pathname: string, search = ''): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/login') return { name: 'login', next: safeNext(new URLSearchParams(search).get('next')) };
  const fixed = Object.hasOwn(STATIC_ROUTES, path) ? STATIC_ROUTES[path] : undefined;
  if (fixed) return { name: fixed };
  const country = /^\/countries\/([A-Za-z]{3})$/.exec(path);
  if (country?.[1]) return { name: 'country', iso3: country[1].toUpperCase() };
  return { name: 'not-found' };
}

/** Only same-site paths may be a post-login destination, so a crafted link cannot send users elsewhere. */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function loginPath(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}
