import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EscalationSummary, Severity } from '../safety/types';
import { minutesSince } from './queue';
import '../safety/safety.css';

/** The current time, renewed every `everyMs` (so ages on screen keep ticking). */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "opened 12 min ago", ticking. */
export function Age({ since, now }: { since: string; now: number }) {
  const { t } = useTranslation();
  const minutes = minutesSince(since, now);
  const text =
    minutes < 1
      ? t('escalation.age.justNow')
      : minutes < 60
        ? t('escalation.age.minutes', { count: minutes })
        : t('escalation.age.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  return (
    <time className="escalation-age" dateTime={since}>
      {text}
    </time>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return <span className={`severity-badge severity-badge--${severity}`}>{t(`escalation.severity.${severity}`)}</span>;
}

/** "Overdue", with an icon: not by colour alone. */
export function OverdueLabel() {
  const { t } = useTranslation();
  return (
    <span className="overdue-label">
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="9" />
        <path d="M12 7v5.5l3 2" />
      </svg>
      {t('escalation.overdue')}
    </span>
  );
}

/** Not claimed yet / claimed by someone (or you) / resolved. */
export function StatusText({ escalation, meId }: { escalation: EscalationSummary; meId?: string | undefined }) {
  const { t } = useTranslation();
  if (escalation.status === 'RESOLVED') return <>{t('escalation.status.RESOLVED')}</>;
  if (escalation.status === 'CLAIMED') {
    if (escalation.claimedBy && escalation.claimedBy.id === meId) return <>{t('escalation.status.claimedByYou')}</>;
    return <>{t('escalation.status.CLAIMED', { name: escalation.claimedBy?.pseudonym ?? '?' })}</>;
  }
  // A review item is not claimed but decided on: dismissed or escalated.
  if (escalation.severity === 'REVIEW') return <>{t('escalation.status.reviewOpen')}</>;
  return <>{t('escalation.status.OPEN')}</>;
}
