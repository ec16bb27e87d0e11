import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** The locale used for dates: Dutch as such, English with day-month order (European readers). */
export function intlLocale(language: string | undefined): string {
  return language === 'en' ? 'en-GB' : 'nl-BE';
}

/**
 * Formats ISO timestamps in the current interface language and the browser's time zone.
 * Unreadable values are shown as they are rather than as "Invalid Date".
 */
export function useFormatDate() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  return useMemo(() => {
    const date = new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long' });
    const dateTime = new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeStyle: 'short' });
    return (iso: string | null | undefined, options: { withTime?: boolean } = {}): string => {
      if (!iso) return '';
      const value = new Date(iso);
      if (Number.isNaN(value.getTime())) return iso;
      return (options.withTime ? dateTime : date).format(value);
    };
  }, [language]);
}
