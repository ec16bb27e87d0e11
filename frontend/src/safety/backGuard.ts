/**
 * Quick exit replaces only the CURRENT history entry. A few Cocon entries can still sit
 * further back in the tab's history: the sign-in page, because its form is a real HTML
 * POST (the browser always adds an entry for that), and each failed sign-in attempt.
 *
 * So quick exit leaves a small marker in localStorage (it survives; sessionStorage is
 * cleared). When a Cocon page is then reached through Back/Forward (or restored from the
 * back-forward cache) while the marker is there, the page leaves again at once, before
 * anything is shown. Opening Cocon on purpose (typing the address, a bookmark, a link, a
 * reload) removes the marker.
 */
export const EXIT_MARKER_KEY = 'cocon.exited';

type NavigationKind = 'navigate' | 'reload' | 'back_forward' | 'prerender' | string;

export function rememberQuickExit(storage: Storage | null = safeLocalStorage()): void {
  try {
    storage?.setItem(EXIT_MARKER_KEY, String(Date.now()));
  } catch {
    // Without storage there is no marker; quick exit itself still works.
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function hasMarker(storage: Storage | null): boolean {
  try {
    return storage?.getItem(EXIT_MARKER_KEY) != null;
  } catch {
    return false;
  }
}

/** How this document was reached (Navigation Timing); `navigate` when unknown. */
export function currentNavigationKind(): NavigationKind {
  try {
    const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return entry?.type ?? 'navigate';
  } catch {
    return 'navigate';
  }
}

export interface BackGuardOptions {
  storage?: Storage | null;
  navigationKind?: NavigationKind;
  /** What to do to leave (the app passes quickExit). */
  leave: () => void;
  /** Where to listen for back-forward-cache restores. */
  target?: Pick<Window, 'addEventListener'>;
}

/**
 * Call once at startup, before rendering. Returns true when the page is leaving (then do not
 * render anything).
 */
export function installBackGuard({
  storage = safeLocalStorage(),
  navigationKind = currentNavigationKind(),
  leave,
  target = window,
}: BackGuardOptions): boolean {
  // A page restored from the back-forward cache does not run scripts again: listen for it.
  target.addEventListener('pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted && hasMarker(storage)) leave();
  });

  if (navigationKind === 'back_forward') {
    if (hasMarker(storage)) {
      leave();
      return true;
    }
    return false;
  }
  try {
    storage?.removeItem(EXIT_MARKER_KEY);
  } catch {
    // Nothing to remove.
  }
  return false;
}
