import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../app/format';

/** The local calendar day of a timestamp, e.g. `2026-11-03` (for day separators). */
export function dayKey(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** Times and days of messages in the interface language and the browser's time zone. */
export function useChatFormat() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  return useMemo(() => {
    const locale = intlLocale(language);
    const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
    const preciseTime = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });
    const longDay = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    const shortDay = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
    const valid = (iso: string) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? null : date;
    };
    return {
      /** `14:05` */
      time(iso: string): string {
        const date = valid(iso);
        return date ? time.format(date) : '';
      },
      /** `14:05:09` (to tell apart things of the same minute). */
      preciseTime(iso: string): string {
        const date = valid(iso);
        return date ? preciseTime.format(date) : '';
      },
      /** "Today", "Yesterday" or the full date. */
      day(iso: string, now = new Date()): string {
        const date = valid(iso);
        if (!date) return '';
        const key = dayKey(iso);
        if (key === dayKey(now.toISOString())) return t('chat.today');
        const yesterday = new Date(now);
        yesterday.setDate(now.getDate() - 1);
        if (key === dayKey(yesterday.toISOString())) return t('chat.yesterday');
        return longDay.format(date);
      },
      /** For the conversation list: the time today, else a short date. */
      when(iso: string, now = new Date()): string {
        const date = valid(iso);
        if (!date) return '';
        return dayKey(iso) === dayKey(now.toISOString()) ? time.format(date) : shortDay.format(date);
      },
    };
  }, [language, t]);
}
