import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../app/feedback';
import { intlLocale } from '../app/format';
import { Link } from '../app/Link';
import { navigate, ROUTES, useSearchParam } from '../app/router';
import { knownRoles, type Me } from '../auth/me';
import { RequireSignIn } from '../auth/RequireSignIn';
import { useApiResource } from '../auth/useApiResource';
import { safetyApi, SIGNAL_SOURCES } from '../safety/types';
import { sourceText } from './labels';
import { formatDuration, parseSafetyStats, periodOf, STATS_CATEGORIES, STATS_OUTCOMES, STATS_PERIODS, type SafetyStats, type StatsPeriod, type Timing } from './stats';
import { BarFigure, CATEGORY_COLOUR, SEVERITY_COLOURS } from './StatsCharts';
import './stats.css';

/** `/moderation/stats?days=30` */
export function statsPath(days?: StatsPeriod): string {
  return days ? `${ROUTES.moderationStats}?days=${days}` : ROUTES.moderationStats;
}

/** `/moderation/stats`: the safety figures for moderators and admins (counts only, no names or texts). */
export function StatsPage() {
  return <RequireSignIn role={['MODERATOR', 'ADMIN']}>{(me) => <Stats me={me} />}</RequireSignIn>;
}

function formatDay(date: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const value = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(value);
}

function Stats({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const days = periodOf(useSearchParam('days'));
  const resource = useApiResource<unknown>(safetyApi.stats(days));
  const stats = useMemo(() => parseSafetyStats(resource.data), [resource.data]);
  const locale = intlLocale(i18n.resolvedLanguage);
  const moderator = knownRoles(me.roles).includes('MODERATOR');
  const periodId = useId();

  return (
    <div className="page stats">
      <p className="breadcrumb">
        {moderator ? <Link to={ROUTES.moderation}>{t('stats.toConsole')}</Link> : <Link to={ROUTES.home}>{t('auth.toHome')}</Link>}
      </p>
      <div>
        <h1>{t('stats.title')}</h1>
        <p className="page__intro">{t('stats.intro')}</p>
      </div>

      <div className="stats__period" role="group" aria-labelledby={periodId}>
        <span id={periodId} className="stats__period-label">
          {t('stats.period')}
        </span>
        {STATS_PERIODS.map((option) => (
          <button key={option} type="button" className="stats__period-option" aria-pressed={option === days} onClick={() => navigate(statsPath(option))}>
            {t('stats.days', { count: option })}
          </button>
        ))}
      </div>

      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <ErrorNotice error={resource.error} onRetry={resource.reload} />}
      {resource.status === 'ready' && !stats && <ErrorNotice error={null} onRetry={resource.reload} />}
      {resource.status === 'ready' && stats && <Figures stats={stats} locale={locale} />}
    </div>
  );
}

function Figures({ stats, locale }: { stats: SafetyStats; locale: string }) {
  const { t } = useTranslation();
  const number = new Intl.NumberFormat(locale);
  const escalations = stats.bySeverity.HIGH + stats.bySeverity.MEDIUM;
  const dayLabels = stats.days.map((day) => formatDay(day.date, locale, { day: 'numeric', month: 'short' }));
  const dayRows = stats.days.map((day) => formatDay(day.date, locale, { weekday: 'short', day: 'numeric', month: 'long' }));
  const range = t('stats.range', {
    from: formatDay(stats.from, locale, { day: 'numeric', month: 'long', year: 'numeric' }),
    to: formatDay(stats.to, locale, { day: 'numeric', month: 'long', year: 'numeric' }),
  });

  return (
    <>
      <p className="stats__range">
        {range}
        {stats.zone && <span className="muted"> ({t('stats.zone', { zone: stats.zone })})</span>}
      </p>

      <section aria-labelledby="stats-overview">
        <h2 id="stats-overview">{t('stats.overview')}</h2>
        <ul className="stats-tiles">
          <li className="stats-tile">
            <span className="stats-tile__label">{t('stats.escalations')}</span>
            <span className="stats-tile__value">{number.format(escalations)}</span>
            <span className="stats-tile__sub">
              {t('escalation.severity.HIGH')}: {number.format(stats.bySeverity.HIGH)} · {t('escalation.severity.MEDIUM')}:{' '}
              {number.format(stats.bySeverity.MEDIUM)}
            </span>
          </li>
          <li className="stats-tile stats-tile--review">
            <span className="stats-tile__label">{t('stats.reviewItems')}</span>
            <span className="stats-tile__value">{number.format(stats.bySeverity.REVIEW)}</span>
            <span className="stats-tile__sub">
              {t('stats.reviewSummary', {
                dismissed: number.format(stats.reviews.dismissed),
                escalated: number.format(stats.reviews.escalated),
                open: number.format(stats.reviews.open),
              })}
            </span>
          </li>
          <TimingTile label={t('stats.timeToClaim')} timing={stats.timeToClaim} locale={locale} />
          <TimingTile label={t('stats.timeToResolve')} timing={stats.timeToResolve} locale={locale} />
        </ul>
      </section>

      <section aria-labelledby="stats-daily" className="stats__section">
        <h2 id="stats-daily">{t('stats.perDay')}</h2>
        <BarFigure
          caption={t('stats.perDayCaption')}
          labels={dayLabels}
          rowLabels={dayRows}
          stacked
          firstColumn={t('stats.date')}
          locale={locale}
          series={[
            { label: t('escalation.severity.HIGH'), data: stats.days.map((d) => d.high), colour: SEVERITY_COLOURS.HIGH },
            { label: t('escalation.severity.MEDIUM'), data: stats.days.map((d) => d.medium), colour: SEVERITY_COLOURS.MEDIUM },
            { label: t('escalation.severity.REVIEW'), data: stats.days.map((d) => d.review), colour: SEVERITY_COLOURS.REVIEW },
          ]}
        />
      </section>

      <section aria-labelledby="stats-category" className="stats__section">
        <h2 id="stats-category">{t('stats.perCategory')}</h2>
        <BarFigure
          caption={t('stats.perCategoryCaption')}
          labels={STATS_CATEGORIES.map((category) => t(`stats.category.${category}`))}
          horizontal
          firstColumn={t('stats.category.title')}
          locale={locale}
          series={[{ label: t('stats.count'), data: STATS_CATEGORIES.map((category) => stats.byCategory[category]), colour: CATEGORY_COLOUR }]}
        />
      </section>

      <div className="stats__tables">
        <CountTable
          title={t('stats.perSource')}
          firstColumn={t('stats.source')}
          locale={locale}
          rows={SIGNAL_SOURCES.map((source) => [sourceText(t, source), stats.bySource[source]])}
        />
        <CountTable
          title={t('stats.reviews')}
          firstColumn={t('stats.what')}
          locale={locale}
          rows={[
            [t('stats.reviewsOpened'), stats.reviews.opened],
            [t('stats.reviewsDismissed'), stats.reviews.dismissed],
            [t('stats.reviewsEscalated'), stats.reviews.escalated],
            [t('stats.reviewsOpen'), stats.reviews.open],
          ]}
        />
        <CountTable
          title={t('stats.outcomes')}
          firstColumn={t('stats.outcome')}
          locale={locale}
          rows={STATS_OUTCOMES.map((outcome) => [t(`escalation.outcome.${outcome}`), stats.outcomes[outcome]])}
        />
      </div>
    </>
  );
}

function TimingTile({ label, timing, locale }: { label: string; timing: Timing; locale: string }) {
  const { t } = useTranslation();
  const median = formatDuration(timing.medianSeconds, locale);
  const p90 = formatDuration(timing.p90Seconds, locale);
  return (
    <li className="stats-tile">
      <span className="stats-tile__label">{label}</span>
      <span className="stats-tile__value stats-tile__value--time">{median ? t('stats.median', { time: median }) : t('stats.noData')}</span>
      {p90 && <span className="stats-tile__sub">{t('stats.p90', { time: p90, count: timing.count })}</span>}
    </li>
  );
}

function CountTable({ title, firstColumn, rows, locale }: { title: string; firstColumn: string; rows: [string, number][]; locale: string }) {
  const { t } = useTranslation();
  const number = new Intl.NumberFormat(locale);
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="stats__section">
      <h2 id={titleId}>{title}</h2>
      <div className="table-wrap">
        <table className="table stats-count-table">
          <thead>
            <tr>
              <th scope="col">{firstColumn}</th>
              <th scope="col" className="stats-count-table__n">
                {t('stats.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, n]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="stats-count-table__n">{number.format(n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
