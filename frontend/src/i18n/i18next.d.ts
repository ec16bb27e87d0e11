import 'i18next';
import type nl from './locales/nl.json';

// Typed translation keys: `t('welcome.title')` is checked at compile time against nl.json
// (the reference locale). en.json is kept in sync by src/i18n/locales.test.ts.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof nl;
    };
  }
}
