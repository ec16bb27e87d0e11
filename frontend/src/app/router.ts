import { useSyncExternalStore } from 'react';

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

/** The paths the app knows. The server returns index.html for each of them. */
export const ROUTES = {
  welcome: '/',
  login: '/login',
  signup: '/signup',
  callback: '/auth/callback',
  home: '/home',
  adminAccounts: '/admin/accounts',
  adminCaseloads: '/admin/caseloads',
  /** The chat; the open conversation is in the query: `/chat?c=<id>`. */
  chat: '/chat',
  /** Self-help programmes: the catalogue and the client's own programmes. */
  programmes: '/programmes',
  /** The client's mood and stress check-in, their trends and the daily reminder. */
  checkin: '/checkin',
  /** A therapist's view of one client (mood, nudges, messages, programmes): `/therapist/client?id=<client id>`. */
  therapistClient: '/therapist/client',
  /** A therapist's dashboard: the whole caseload at a glance, who needs attention first. */
  therapistDashboard: '/therapist/dashboard',
  /** The moderators' console: live queue of escalations; the one opened is in the query: `/moderation?id=<id>`. */
  moderation: '/moderation',
  /** Safety figures for moderators and admins; the period is in the query: `/moderation/stats?days=30`. */
  moderationStats: '/moderation/stats',
  /** "Who looked at my file": the client's own audit log. */
  audit: '/privacy/audit',
  /** Web Push on this device and which kinds of notification (src/push). */
  notificationSettings: '/settings/notifications',
} as const;

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
