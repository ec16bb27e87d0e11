import en from '../i18n/locales/en.json';
import nl from '../i18n/locales/nl.json';
import type { Bundled } from '../i18n/i18n';

/** Both languages at hand, so tests render and switch languages without fetching a chunk. */
export const BOTH_LANGUAGES: Bundled = { nl, en };
