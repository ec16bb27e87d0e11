import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../app/feedback';
import { intlLocale } from '../app/format';
import { useApiResource } from '../auth/useApiResource';
import { DirectionLabel } from './DirectionLabel';
import { MoodChart, WeekdayChart } from './MoodChart';
import { bestAndHardestWeekday, formatScore, tagPatterns, weekdayName } from './trendData';
import { DEFAULT_PERIOD, parseTrends, PERIODS, type Average, type Period, type TagTrend, type Trends } from './types';
import { useTagLabel } from './useTagLabel';
import './checkin.css';

interface TrendsPanelProps {
  /** Where the trends of a period are (the client's own, or a client's for the therapist). */
  path: (days: Period) => string;
  /** Changes when a new check-in was stored: the trends are loaded again. */
  version?: number;
  /** Told the client's time zone once the trends are there. */
  onTimezone?: (timezone: string) => void;
}

/** Mood and stress over 7, 30 or 90 days: chart, averages and direction, weekday pattern, tags in words. */
export function TrendsPanel({ path, version = 0, onTimezone }: TrendsPanelProps) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>(DEFAULT_PERIOD);
  const resource = useApiResource<unknown>(path(period));
  const { reload } = resource;
  const trends = resource.data === null ? null : parseTrends(resource.data);
  const timezone = trends?.timezone ?? '';

  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    reload();
  }, [version, reload]);

  useEffect(() => {
    if (timezone) onTimezone?.(timezone);
  }, [timezone, onTimezone]);

  return (
    <div className="trends">
      <div className="period-switch" role="group" aria-label={t('checkin.trends.period')}>
        {PERIODS.map((days) => (
          <button key={days} type="button" className="period-switch__option" aria-pressed={days === period} onClick={() => setPeriod(days)}>
            {t('checkin.trends.days', { count: days })}
          </button>
        ))}
      </div>
      {resource.status === 'loading' && trends === null && <Loading />}
      {resource.status === 'error' && <ErrorNotice error={resource.error} onRetry={reload} />}
      {trends !== null && <TrendsView trends={trends} period={period} />}
    </div>
  );
}

function TrendsView({ trends, period }: { trends: Trends; period: Period }) {
  const { t } = useTranslation();
  const checkIns = trends.days.reduce((sum, day) => sum + day.count, 0);
  if (checkIns === 0) return <p className="card empty">{t('checkin.trends.empty', { count: period })}</p>;
  return (
    <div className="stack">
      <MoodChart days={trends.days} caption={t('checkin.trends.chartCaption', { count: period })} />
      <Summary trends={trends} />
      <WeekdayPattern trends={trends} />
      <TagPatterns trends={trends} />
    </div>
  );
}

function Summary({ trends }: { trends: Trends }) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(i18n.resolvedLanguage);
  const line = (average: Average) =>
    average.count === 0
      ? t('checkin.trends.noCheckIns')
      : t('checkin.trends.average', {
          mood: formatScore(average.mood, locale),
          stress: formatScore(average.stress, locale),
          count: average.count,
        });
  return (
    <dl className="trend-summary">
      <div>
        <dt>{t('checkin.trends.last7')}</dt>
        <dd>{line(trends.average7)}</dd>
      </div>
      <div>
        <dt>{t('checkin.trends.last30')}</dt>
        <dd>{line(trends.average30)}</dd>
      </div>
      <div>
        <dt>{t('checkin.trends.direction')}</dt>
        <dd>
          <DirectionLabel direction={trends.direction} />{' '}
          <span className="muted">
            {trends.direction
              ? t('checkin.trends.directionFromTo', {
                  from: formatScore(trends.previous7.mood, locale),
                  to: formatScore(trends.average7.mood, locale),
                })
              : t('checkin.trends.directionUnknown')}
          </span>
        </dd>
      </div>
    </dl>
  );
}

function WeekdayPattern({ trends }: { trends: Trends }) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(i18n.resolvedLanguage);
  const titleId = useId();
  const extremes = bestAndHardestWeekday(trends.weekdays);
  return (
    <section aria-labelledby={titleId} className="stack trend-section">
      <h3 id={titleId}>{t('checkin.trends.weekdaysTitle')}</h3>
      {extremes ? (
        <>
          <p>
            {t('checkin.trends.weekdaysText', {
              best: weekdayName(extremes.best.weekday, locale),
              bestMood: formatScore(extremes.best.mood, locale),
              hardest: weekdayName(extremes.hardest.weekday, locale),
              hardestMood: formatScore(extremes.hardest.mood, locale),
            })}
          </p>
          <WeekdayChart weekdays={trends.weekdays} caption={t('checkin.trends.weekdaysCaption')} />
        </>
      ) : (
        // One weekday on its own is no pattern: a chart of a single bar would suggest one.
        <p>{t('checkin.trends.weekdaysTooFew')}</p>
      )}
    </section>
  );
}

/** The tags that go with a lower and with a better mood, in words that do not claim a cause. */
function TagPatterns({ trends }: { trends: Trends }) {
  const { t } = useTranslation();
  const titleId = useId();
  const { lower, higher } = tagPatterns(trends);
  return (
    <section aria-labelledby={titleId} className="stack trend-section">
      <h3 id={titleId}>{t('checkin.trends.tagsTitle')}</h3>
      {lower.length === 0 && higher.length === 0 ? (
        <p className="muted">{t('checkin.trends.tagsNone')}</p>
      ) : (
        <>
          <TagPatternList title={t('checkin.trends.tagsLowerTitle')} tags={lower} textKey="checkin.trends.tagLower" />
          <TagPatternList title={t('checkin.trends.tagsHigherTitle')} tags={higher} textKey="checkin.trends.tagHigher" />
          <p className="muted">
            {t('checkin.trends.tagsRule')} {t('checkin.trends.tagsHint')}
          </p>
        </>
      )}
    </section>
  );
}

function TagPatternList({ title, tags, textKey }: { title: string; tags: readonly TagTrend[]; textKey: 'checkin.trends.tagLower' | 'checkin.trends.tagHigher' }) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(i18n.resolvedLanguage);
  const tagLabel = useTagLabel();
  const titleId = useId();
  if (tags.length === 0) return null;
  return (
    <div className="stack tag-pattern">
      <h4 id={titleId}>{title}</h4>
      <ul className="tag-trends" aria-labelledby={titleId}>
        {tags.map((tag) => (
          <li key={tag.tag}>
            {t(textKey, {
              tag: tagLabel(tag.tag),
              difference: formatScore(Math.abs(tag.difference ?? 0), locale),
              count: tag.count,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
