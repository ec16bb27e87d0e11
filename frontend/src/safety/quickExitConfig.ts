/**
 * Where "quick exit" sends someone. It must be an ordinary, unremarkable page that makes
 * sense on anyone's screen. Change it here only: this is the single place it is defined.
 * (The browser test e2e/shell.e2e.mjs expects the same address; override it there with
 * COCON_NEUTRAL_URL if you change this.)
 */
export const NEUTRAL_URL = 'https://www.google.com/search?q=weather';

/** Two presses of Escape at most this many milliseconds apart trigger a quick exit. */
export const ESCAPE_WINDOW_MS = 1000;
