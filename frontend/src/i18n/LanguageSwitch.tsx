import { useTranslation } from 'react-i18next';
import { changeLanguage } from './i18n';
import { SUPPORTED_LANGUAGES, type Language } from './languages';

/**
 * Dutch/English toggle: a labelled group of buttons, the active one marked with
 * aria-pressed. Each language name is written in that language (and marked with `lang`).
 * `onChange` is told about a choice (the app saves it to the account when signed in).
 */
export function LanguageSwitch({ onChange }: { onChange?: ((language: Language) => void) | undefined } = {}) {
  const { t, i18n } = useTranslation();
  const active = i18n.resolvedLanguage;

  const select = (language: Language) => {
    if (language === active) return;
    void changeLanguage(i18n, language);
    onChange?.(language);
  };

  return (
    <div className="language-switch" role="group" aria-label={t('language.groupLabel')}>
      {SUPPORTED_LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-switch__option"
          aria-pressed={language === active}
          onClick={() => select(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}
