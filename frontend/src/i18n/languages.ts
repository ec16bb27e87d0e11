/** Languages the UI is translated into. Dutch (Flemish context) is the default. */
export const SUPPORTED_LANGUAGES = ['nl', 'en'] as const;

export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'nl';

/** localStorage key that remembers the language a visitor picked. */
export const LANGUAGE_STORAGE_KEY = 'cocon.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** The stored choice, or null when nothing (valid) is stored or storage is unavailable. */
export function readStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    // Storage can be blocked (private mode, strict settings): fall back to the default.
    return null;
  }
}

export function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not being able to remember the choice is not an error worth showing.
  }
}
