import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import nl from './locales/nl.json';
import {
  DEFAULT_LANGUAGE,
  SUPPORTED_LANGUAGES,
  isLanguage,
  readStoredLanguage,
  storeLanguage,
  type Language,
} from './languages';

export const resources = {
  nl: { translation: nl },
  en: { translation: en },
} as const;

/**
 * Keeps the document in step with the active language: `<html lang>` for screen readers
 * and spell-checkers, and the (deliberately neutral) tab title.
 */
function applyToDocument(instance: I18n): void {
  const language = isLanguage(instance.resolvedLanguage) ? instance.resolvedLanguage : DEFAULT_LANGUAGE;
  document.documentElement.lang = language;
  document.title = instance.t('meta.tabTitle');
}

/**
 * Creates and initialises an i18next instance. Resources are bundled, so initialisation is
 * synchronous and the first render already has the right texts (no flash of keys).
 */
export function createI18n(language: Language = readStoredLanguage() ?? DEFAULT_LANGUAGE): I18n {
  const instance = i18next.createInstance();
  instance.on('languageChanged', () => applyToDocument(instance));
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    initAsync: false,
    interpolation: { escapeValue: false }, // React already escapes.
    returnNull: false,
  });
  applyToDocument(instance);
  return instance;
}

/** Switches the UI language and remembers the choice for the next visit. */
export async function changeLanguage(instance: I18n, language: Language): Promise<void> {
  storeLanguage(language);
  await instance.changeLanguage(language);
}
