import { rememberQuickExit } from './backGuard';
import { ESCAPE_WINDOW_MS, NEUTRAL_URL } from './quickExitConfig';

/** Ends the authorization server's sign-in session (tokens in this tab are gone already). */
export const END_SESSION_URL = '/auth/session/end';

/**
 * Leaves Cocon immediately.
 *
 * - Clears sessionStorage, so nothing from this visit lingers in the tab.
 * - Hides the page at once, so it is not visible while the neutral site loads.
 * - Uses `location.replace` (not `assign`), so the Cocon page is *replaced* in the tab's
 *   history: pressing Back afterwards does not bring it back.
 * - Leaves a marker so that older Cocon entries reached with Back leave at once too
 *   (see backGuard.ts).
 * - Tells the server to end its sign-in session (fire and forget), so the next person on
 *   this device who presses "sign in" is asked for a password.
 */
export function quickExit(): void {
  try {
    window.sessionStorage.clear();
  } catch {
    // Storage may be unavailable; leaving is what matters.
  }
  try {
    navigator.sendBeacon?.(END_SESSION_URL);
  } catch {
    // Best effort only; never delay leaving.
  }
  rememberQuickExit();
  document.documentElement.setAttribute('data-quick-exit', '');
  window.location.replace(NEUTRAL_URL);
}

export interface DoubleEscapeOptions {
  /** Maximum time between the two presses, in milliseconds. */
  windowMs?: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/**
 * Calls `onDoubleEscape` when Escape is pressed twice within `windowMs`.
 * Listens on `target` in the capture phase, so widgets that stop propagation of Escape
 * (dialogs, menus) cannot swallow it. Auto-repeat from a held key does not count.
 *
 * @returns a function that removes the listener.
 */
export function listenForDoubleEscape(
  target: Window | Document | HTMLElement,
  onDoubleEscape: () => void,
  { windowMs = ESCAPE_WINDOW_MS, now = () => Date.now() }: DoubleEscapeOptions = {},
): () => void {
  let lastPress: number | null = null;

  const onKeyDown = (event: Event): void => {
    if (!(event instanceof KeyboardEvent)) return;
    if (event.key !== 'Escape' && event.key !== 'Esc') return;
    if (event.repeat) return;

    const time = now();
    if (lastPress !== null && time - lastPress <= windowMs) {
      lastPress = null;
      onDoubleEscape();
    } else {
      lastPress = time;
    }
  };

  target.addEventListener('keydown', onKeyDown, true);
  return () => target.removeEventListener('keydown', onKeyDown, true);
}
