import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../app/feedback';
import { useFormatDate } from '../app/format';
import type { Me } from '../auth/me';
import { useApiResource } from '../auth/useApiResource';
import { ChatWithClientLink } from '../chat/ChatLinks';
import { Link } from '../app/Link';
import { ROUTES } from '../app/router';
import { CaseloadEscalationAlert, useCaseloadEscalations } from '../therapist/CaseloadEscalations';
import { therapistClientPath } from '../therapist/paths';
import '../app/lists.css';

/** One row of `GET /api/caseload`. */
export interface CaseloadEntry {
  id: string;
  username: string;
  pseudonym: string;
  assignedAt: string;
}

/** The therapist's home: open escalations of their clients (live), and their caseload. */
export function TherapistHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const caseload = useApiResource<CaseloadEntry[]>('/api/caseload');
  const entries = caseload.data ?? [];
  const [announcement, setAnnouncement] = useState('');
  const escalations = useCaseloadEscalations((escalation) =>
    setAnnouncement(t('escalation.therapist.newAlert', { name: escalation.client.pseudonym })),
  );

  return (
    <div className="home">
      <section className="home__hero">
        <h1>{t('home.greeting', { pseudonym: me.pseudonym })}</h1>
        <p className="page__intro">{t('home.therapist.intro')}</p>
      </section>

      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <CaseloadEscalationAlert queue={escalations} />

      <section className="card card--therapist" aria-labelledby="dashboard-link-title">
        <h2 id="dashboard-link-title">{t('dashboard.title')}</h2>
        <p>{t('dashboard.homeText')}</p>
        <div className="actions">
          <Link className="button" to={ROUTES.therapistDashboard}>
            {t('dashboard.open')}
          </Link>
          <Link className="button button--secondary" to={ROUTES.notificationSettings}>
            {t('push.home.open')}
          </Link>
        </div>
      </section>

      <section>
        <h2 id="caseload-title">{t('home.therapist.caseloadTitle')}</h2>
        {caseload.status === 'loading' && caseload.data === null && <Loading />}
        {caseload.status === 'error' && <ErrorNotice error={caseload.error} onRetry={caseload.reload} />}
        {caseload.status === 'ready' && entries.length === 0 && (
          <div className="card empty">
            <p>{t('home.therapist.empty')}</p>
          </div>
        )}
        {entries.length > 0 && (
          <div className="table-wrap" role="region" aria-labelledby="caseload-title" tabIndex={0}>
            <table className="table table--cards" role="table" aria-labelledby="caseload-title">
              <thead role="rowgroup">
                <tr role="row">
                  <th scope="col" role="columnheader">
                    {t('home.therapist.columns.pseudonym')}
                  </th>
                  <th scope="col" role="columnheader">
                    {t('home.therapist.columns.username')}
                  </th>
                  <th scope="col" role="columnheader">
                    {t('home.therapist.columns.assignedAt')}
                  </th>
                  <th scope="col" role="columnheader">
                    {t('chat.home.column')}
                  </th>
                  <th scope="col" role="columnheader">
                    {t('programme.therapist.open')}
                  </th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                {entries.map((entry) => (
                  <tr key={entry.id} role="row">
                    <th scope="row" role="rowheader">
                      {entry.pseudonym}
                    </th>
                    <td role="cell" data-label={t('home.therapist.columns.username')}>
                      {entry.username}
                    </td>
                    <td role="cell" data-label={t('home.therapist.columns.assignedAt')}>
                      {formatDate(entry.assignedAt)}
                    </td>
                    <td role="cell" className="cell--wide" data-label={t('chat.home.column')}>
                      <ChatWithClientLink client={entry} />
                    </td>
                    <td role="cell" className="cell--wide" data-label={t('programme.therapist.open')}>
                      <Link to={therapistClientPath(entry.id)}>{t('programme.therapist.openNamed', { name: entry.pseudonym })}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
