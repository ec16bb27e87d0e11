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

/**
 * How long ago something was, in words ("5 minutes ago", "yesterday", "3 weeks ago"), or
 * null for an unreadable time. A time a little in the future (clocks differ) reads as now.
 */
export function formatRelative(iso: string, now: number, locale: string): string | null {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const seconds = Math.max(0, Math.round((now - time) / 1000));
  if (seconds < 60) return format.format(0, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return format.format(-hours, 'hour');
  const days = Math.floor(hours / 24);
  if (days < 14) return format.format(-days, 'day');
  if (days < 60) return format.format(-Math.floor(days / 7), 'week');
  return format.format(-Math.floor(days / 30), 'month');
}
