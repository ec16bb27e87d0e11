import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../app/feedback';
import { intlLocale } from '../app/format';
import { useApiResource } from '../auth/useApiResource';
import { formatCalendarDate } from '../checkin/trendData';
import { TrendsPanel } from '../checkin/TrendsPanel';
import { checkinApi, parseCheckIns, type Period } from '../checkin/types';
import { useTagLabel } from '../checkin/useTagLabel';

/** How many recent check-ins the therapist sees in the list (the chart covers the rest). */
const RECENT = 10;

interface ClientCheckinsProps {
  clientId: string;
  onTimezone?: (timezone: string) => void;
}

/** A client's mood and stress for their therapist: the trends and the latest check-ins with their notes. */
export function ClientCheckins({ clientId, onTimezone }: ClientCheckinsProps) {
  const path = useCallback((days: Period) => checkinApi.trendsOfClient(clientId, days), [clientId]);
  return (
    <>
      <TrendsPanel path={path} {...(onTimezone ? { onTimezone } : {})} />
      <RecentCheckIns clientId={clientId} />
    </>
  );
}

function RecentCheckIns({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(i18n.resolvedLanguage);
  const tagLabel = useTagLabel();
  const resource = useApiResource<unknown>(checkinApi.ofClient(clientId, 30));
  const checkIns = resource.data === null ? null : parseCheckIns(resource.data).slice(0, RECENT);

  return (
    <section className="stack" aria-labelledby="recent-checkins-title">
      <h3 id="recent-checkins-title">{t('clientDetail.recentTitle')}</h3>
      {resource.status === 'loading' && checkIns === null && <Loading />}
      {resource.status === 'error' && <ErrorNotice error={resource.error} onRetry={resource.reload} />}
      {checkIns !== null && checkIns.length === 0 && <p className="muted">{t('clientDetail.recentNone')}</p>}
      {checkIns !== null && checkIns.length > 0 && (
        <ul className="checkin-list">
          {checkIns.map((checkIn) => (
            <li key={checkIn.id} className="checkin-item">
              <p className="checkin-item__head">
                <strong>{formatCalendarDate(checkIn.date, locale, { weekday: 'short', day: 'numeric', month: 'long' })}</strong>
                <span>{t('clientDetail.moodStress', { mood: checkIn.mood, stress: checkIn.stress })}</span>
              </p>
              {checkIn.tags.length > 0 && <p className="checkin-item__tags">{checkIn.tags.map(tagLabel).join(' · ')}</p>}
              {checkIn.note && <p className="checkin-item__note">{checkIn.note}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
