import { useSyncExternalStore } from 'react';
import { ROUTES } from './routes';

/**
 * A very small history-based router.
 *
 * Cocon is ONE entry in the browser's history: moving between pages inside the app uses
 * `history.replaceState`, never `pushState`. Quick exit (`location.replace`) can only remove
 * the current history entry, so any extra Cocon entries would stay reachable with Back. The
 * Back button therefore leaves Cocon instead of going to the previous Cocon page; every page
 * offers its own way back (links, the brand, "My page").
 *
 * `popstate` is still listened to, so the app follows the URL if the browser changes it
 * (for example a hash link).
 */

export { ROUTES } from './routes';

export type RoutePath = (typeof ROUTES)[keyof typeof ROUTES];

export interface Location {
  pathname: string;
  search: string;
}

const ROUTE_CHANGE_EVENT = 'cocon:navigate';

let cached: Location & { href: string } = { pathname: '/', search: '', href: '' };

/** Reads the current location; tolerant of test doubles that only offer `href`. */
function readLocation(): Location {
  let href = '';
  try {
    href = window.location.href;
    if (href === cached.href) return cached;
    const url = new URL(href, 'http://localhost/');
    cached = { pathname: normalisePath(url.pathname), search: url.search, href };
  } catch {
    cached = { pathname: '/', search: '', href };
  }
  return cached;
}

function normalisePath(pathname: string): string {
  if (pathname.length > 1 && pathname.endsWith('/')) return pathname.slice(0, -1);
  return pathname || '/';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(ROUTE_CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(ROUTE_CHANGE_EVENT, onChange);
  };
}

/**
 * Goes to another page of the app WITHOUT adding a history entry (see the note above).
 * `to` is a same-origin path, optionally with a query string, e.g. `/?reason=signin`.
 */
export function navigate(to: string): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin) throw new Error(`navigate() is for in-app paths only: ${to}`);
  window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  window.dispatchEvent(new Event(ROUTE_CHANGE_EVENT));
}

/** The current location; re-renders the component when it changes. */
export function useLocation(): Location {
  return useSyncExternalStore(subscribe, readLocation, readLocation);
}

/** Reads one query parameter of the current location. */
export function useSearchParam(name: string): string | null {
  const { search } = useLocation();
  return new URLSearchParams(search).get(name);
}
