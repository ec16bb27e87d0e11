import i18next, { type BackendModule, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type nl from './locales/nl.json';
import {
  DEFAULT_LANGUAGE,
  SUPPORTED_LANGUAGES,
  isLanguage,
  readStoredLanguage,
  storeLanguage,
  type Language,
} from './languages';
import { markerOf, TEXT_PARTS, type TextPart } from './textGroups';

export type Translation = typeof nl;

/** Translations already at hand, by language (the app loads its one language first; tests pass both). */
export type Bundled = Partial<Record<Language, Translation>>;

/**
 * Each language is split in parts (textGroups.ts): a visitor downloads only the texts of the
 * language they read, and of the pages they open.
 */
const PART_LOADERS: Record<Language, Record<TextPart, () => Promise<{ default: Record<string, unknown> }>>> = {
  nl: {
    core: () => import('./locales/nl.json?texts=core'),
    start: () => import('./locales/nl.json?texts=start'),
    pages: () => import('./locales/nl.json?texts=pages'),
  },
  en: {
    core: () => import('./locales/en.json?texts=core'),
    start: () => import('./locales/en.json?texts=start'),
    pages: () => import('./locales/en.json?texts=pages'),
  },
};

async function loadPart(language: Language, part: TextPart): Promise<Partial<Translation>> {
  return (await PART_LOADERS[language][part]()).default as Partial<Translation>;
}

/** The texts of the shell and the chat: enough for the first render. */
export function loadCoreTexts(language: Language): Promise<Translation> {
  return loadPart(language, 'core') as Promise<Translation>;
}

/** All texts of a language (every part). */
export async function loadTranslation(language: Language): Promise<Translation> {
  const parts = await Promise.all(TEXT_PARTS.map((part) => loadPart(language, part)));
  return Object.assign({}, ...parts) as Translation;
}

type Loading = Promise<void> & { status?: 'fulfilled' };
const loadedParts = new WeakMap<I18n, Map<string, Loading>>();

/**
 * Makes sure one part of the texts of the current language is there; the returned promise is
 * marked fulfilled when it already is, so React's `use` does not suspend for nothing.
 */
export function ensureTexts(instance: I18n, part: Exclude<TextPart, 'core'>): Loading {
  const language = isLanguage(instance.resolvedLanguage) ? instance.resolvedLanguage : DEFAULT_LANGUAGE;
  const known = loadedParts.get(instance) ?? new Map<string, Loading>();
  loadedParts.set(instance, known);
  const key = `${language}:${part}`;
  const pending = known.get(key);
  if (pending) return pending;
  let loading: Loading;
  if (instance.getResource(language, 'translation', markerOf(part)) !== undefined) {
    loading = Promise.resolve();
    loading.status = 'fulfilled';
  } else {
    loading = loadPart(language, part).then(
      (texts) => {
        instance.addResourceBundle(language, 'translation', texts, true, false);
        loading.status = 'fulfilled';
      },
      () => {
        // Not reachable now (offline before the app was ever cached): show the page with
        // its keys rather than nothing, and try again on the next page.
        known.delete(key);
      },
    );
  }
  known.set(key, loading);
  return loading;
}

/** Fetches a language's texts the first time someone switches to it. */
const lazyTranslations: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    if (!isLanguage(language)) {
      callback(null, {});
      return;
    }
    loadTranslation(language).then(
      (texts) => callback(null, texts),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

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
 * Creates and initialises an i18next instance. The texts of `language` must be in `bundled`
 * (main.tsx loads them before the first render), so initialisation is synchronous and the
 * first render already has the right texts (no flash of keys); other languages are fetched
 * when chosen.
 */
export function createI18n(language: Language = readStoredLanguage() ?? DEFAULT_LANGUAGE, bundled: Bundled = {}): I18n {
  const instance = i18next.createInstance();
  instance.on('languageChanged', () => applyToDocument(instance));
  const resources = Object.fromEntries(Object.entries(bundled).map(([lng, translation]) => [lng, { translation }]));
  void instance
    .use(lazyTranslations)
    .use(initReactI18next)
    .init({
      resources,
      partialBundledLanguages: true,
      lng: language,
      // No fallback: a missing Dutch text is caught by the locale test; a fallback would
      // make every visitor also fetch the Dutch chunk.
      fallbackLng: false,
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
