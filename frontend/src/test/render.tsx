import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { ReactElement } from 'react';
import { createI18n } from '../i18n/i18n';
import type { Language } from '../i18n/languages';
import { BOTH_LANGUAGES } from './translations';

/** Renders a tree with a fresh i18n instance (language from localStorage unless given). */
export function renderWithI18n(ui: ReactElement, language?: Language) {
  const i18n = createI18n(language, BOTH_LANGUAGES);
  const result = render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
  return { ...result, i18n };
}
