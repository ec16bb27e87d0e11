import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../app/feedback';
import { formatRelative, intlLocale, useFormatDate } from '../app/format';
import { Link } from '../app/Link';
import { ROUTES } from '../app/router';
import { RequireSignIn } from '../auth/RequireSignIn';
import { useApiResource } from '../auth/useApiResource';
import { DirectionLabel } from '../checkin/DirectionLabel';
import { formatScore } from '../checkin/trendData';
import { SeverityBadge, useNow } from '../moderation/EscalationBits';
import { ProgressBar } from '../programme/ProgressBar';
import { localised } from '../programme/types';
import { DEFAULT_SORT, nextSort, overviewPath, parseOverview, sortRows, type OverviewRow, type Reason, type Sort, type SortKey } from './dashboard';
import { therapistClientPath } from './paths';
import '../app/lists.css';
import './therapist.css';

/** `/therapist/dashboard`: every client of the caseload at a glance; who needs attention comes first. */
export function DashboardPage() {
  return <RequireSignIn role="THERAPIST">{() => <Dashboard />}</RequireSignIn>;
}

const COLUMNS: SortKey[] = ['client', 'attention', 'lastActivity', 'programme', 'steps', 'mood', 'unread', 'escalation'];

function Dashboard() {
  const { t } = useTranslation();
  const overview = useApiResource<unknown>(overviewPath);
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const rows = overview.data === null ? null : sortRows(parseOverview(overview.data), sort);
  const attention = rows?.filter((row) => row.needsAttention).length ?? 0;
  const columnName = (key: SortKey) => t(`dashboard.columns.${key}`);
  const now = useNow(60_000);

  return (
    <div className="page dashboard">
      <p className="breadcrumb">
        <Link to={ROUTES.home}>{t('auth.toHome')}</Link>
      </p>
      <div>
        <h1>{t('dashboard.title')}</h1>
        <p className="page__intro">{t('dashboard.intro')}</p>
      </div>

      <div className="actions">
        <button type="button" className="button button--secondary button--small" onClick={overview.reload} aria-disabled={overview.status === 'loading' || undefined}>
          {t('dashboard.refresh')}
        </button>
        {rows && rows.length > 0 && (
          <p className="dashboard__count">{attention > 0 ? t('dashboard.attentionCount', { count: attention }) : t('dashboard.attentionNone')}</p>
        )}
      </div>

      {overview.status === 'loading' && rows === null && <Loading />}
      {overview.status === 'error' && <ErrorNotice error={overview.error} onRetry={overview.reload} />}
      {rows !== null && rows.length === 0 && <p className="card empty">{t('dashboard.empty')}</p>}
      {rows !== null && rows.length > 0 && (
        <>
          <div className="table-wrap" role="region" aria-labelledby="dashboard-caption" tabIndex={0}>
            <table className="table table--cards dashboard-table" role="table">
              <caption id="dashboard-caption" className="visually-hidden">
                {t('dashboard.caption', { column: columnName(sort.key), direction: t(`dashboard.${sort.direction}`) })}
              </caption>
              <thead role="rowgroup">
                <tr role="row">
                  {COLUMNS.map((key) => (
                    <th key={key} scope="col" role="columnheader" aria-sort={sort.key === key ? sort.direction : undefined}>
                      <button type="button" className="sort-button" onClick={() => setSort(nextSort(sort, key))}>
                        {columnName(key)}
                        <SortIcon active={sort.key === key} direction={sort.direction} />
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody role="rowgroup">
                {rows.map((row) => (
                  <DashboardRow key={row.client.id} row={row} now={now} label={columnName} />
                ))}
              </tbody>
            </table>
          </div>
          <div className="visually-hidden" role="status">
            {sort !== DEFAULT_SORT && t('dashboard.sorted', { column: columnName(sort.key), direction: t(`dashboard.${sort.direction}`) })}
          </div>
        </>
      )}
    </div>
  );
}

function SortIcon({ active, direction }: { active: boolean; direction: Sort['direction'] }) {
  const path = !active ? 'M8 10l4-4 4 4M8 14l4 4 4-4' : direction === 'ascending' ? 'M8 14l4-4 4 4' : 'M8 10l4 4 4-4';
  return (
    <svg className={`sort-icon${active ? ' sort-icon--active' : ''}`} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={path} />
    </svg>
  );
}

function DashboardRow({ row, now, label }: { row: OverviewRow; now: number; label: (key: SortKey) => string }) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(i18n.resolvedLanguage);
  const formatDate = useFormatDate();
  const lastActivity = row.lastActivityAt ? formatRelative(row.lastActivityAt, now, locale) : null;
  const title = row.programme ? localised(row.programme.title, i18n.resolvedLanguage) : null;

  return (
    <tr role="row" className={row.needsAttention ? 'dashboard-row--attention' : undefined} data-client={row.client.id}>
      <th scope="row" role="rowheader">
        <Link to={therapistClientPath(row.client.id)}>{row.client.pseudonym}</Link>
      </th>
      <td role="cell" className="dashboard-table__attention cell--wide" data-label={label('attention')}>
        {row.needsAttention ? (
          <div className="attention">
            <p className="attention__flag">
              <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M5 21V4M5 4h11l-2 4 2 4H5" />
              </svg>
              {t('dashboard.needsAttention')}
            </p>
            <ul className="attention__reasons">
              {row.reasons.map((reason) => (
                <li key={reason}>{reasonText(t, reason, row)}</li>
              ))}
            </ul>
          </div>
        ) : (
          <span className="muted">{t('dashboard.fine')}</span>
        )}
      </td>
      <td role="cell" className="cell--wide" data-label={label('lastActivity')}>
        {row.lastActivityAt && lastActivity ? (
          <time dateTime={row.lastActivityAt} title={formatDate(row.lastActivityAt, { withTime: true })}>
            {lastActivity}
          </time>
        ) : (
          <span className="muted">{t('dashboard.noActivity')}</span>
        )}
      </td>
      <td role="cell" className="dashboard-table__programme cell--wide" data-label={label('programme')}>
        {row.programme && title ? (
          <>
            <ProgressBar done={row.programme.stepsDone} total={row.programme.stepsTotal} title={title} />
            {row.programme.paused && <span className="status-badge status-badge--PAUSED">{t('dashboard.paused')}</span>}
          </>
        ) : (
          <span className="muted">{t('dashboard.noProgramme')}</span>
        )}
      </td>
      <td role="cell" data-label={label('steps')}>
        {row.stepsThisWeek}
      </td>
      <td role="cell" data-label={label('mood')}>
        <DirectionLabel direction={row.moodTrend} />
        <br />
        <span className="muted">{row.mood7 === null ? t('dashboard.noMood') : t('dashboard.mood7', { mood: formatScore(row.mood7, locale) })}</span>
      </td>
      <td role="cell" data-label={label('unread')}>
        {row.unread}
        <span className="visually-hidden"> {t('dashboard.unreadWord', { count: row.unread })}</span>
      </td>
      <td role="cell" data-label={label('escalation')}>
        {row.escalation ? (
          <>
            <SeverityBadge severity={row.escalation.severity} />
            <br />
            <span className="muted">{row.escalation.claimed ? t('dashboard.claimed') : t('dashboard.notClaimed')}</span>
          </>
        ) : (
          <span className="muted">{t('dashboard.noEscalation')}</span>
        )}
      </td>
    </tr>
  );
}

function reasonText(t: TFunction, reason: Reason, row: OverviewRow): string {
  switch (reason) {
    case 'ESCALATION':
      return t('dashboard.reasons.ESCALATION');
    case 'MOOD_FALLING':
      return t('dashboard.reasons.MOOD_FALLING');
    case 'STALLED':
      return row.programme && row.programme.stalledDays > 0
        ? t('dashboard.reasons.stalledFor', { count: row.programme.stalledDays })
        : t('dashboard.reasons.STALLED');
    case 'INACTIVE':
      return t('dashboard.reasons.INACTIVE');
  }
}
