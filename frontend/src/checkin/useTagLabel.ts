import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** The label of a check-in tag in the current language; a tag the app has no text for shows its id. */
export function useTagLabel(): (tag: string) => string {
  const { t } = useTranslation();
  return useCallback((tag: string) => t(`checkin.tags.${tag}` as 'checkin.tags.sleep', { defaultValue: tag }), [t]);
}
