import { useSyncExternalStore } from 'react';
import { matchRoute, type Route } from './routes';

const NAVIGATE_EVENT = 'accord:navigate';

/** Changes the page without reloading; `replace` keeps the history clean for redirects. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentLocation()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo(0, 0);
}

function currentLocation(): string {
  return window.location.pathname + window.location.search;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** The current path and query, re-rendering on navigation and on the browser's back/forward. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, currentLocation);
}

export function useRoute(): Route {
  const location = useLocation();
  const url = new URL(location, window.location.origin);
  return matchRoute(url.pathname, url.search);
}

/** The query string of the current address, re-read on every navigation. */
export function useSearchParams(): URLSearchParams {
  const location = useLocation();
  return new URL(location, window.location.origin).searchParams;
}

/**
 * Changes some query parameters of the current page (null or '' removes one), so what a page shows can be
 * shared as a link. `replace` is for values filled in by the page itself, which should not add a history step.
 */
export function setSearchParams(changes: Record<string, string | null | undefined>, options: { replace?: boolean } = {}): void {
  const url = new URL(currentLocation(), window.location.origin);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  const to = url.pathname + url.search;
  if (to === currentLocation()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
