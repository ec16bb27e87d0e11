import { ROUTES } from '../app/routes';

/**
 * The paths whose page is the app itself (index.html): the service worker answers these from
 * its cache, so the app opens without the network. Everything the server answers on its own
 * (/api, /auth/config, /oauth2, /login POST, /ws, ...) never goes through that cache.
 */
export const APP_PATHS: readonly string[] = Object.values(ROUTES);

/** True when `pathname` (with or without a trailing slash) is one of the app's pages. */
export function isAppPath(pathname: string): boolean {
  const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  return APP_PATHS.includes(trimmed);
}
