import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../app/Link';
import { ROUTES } from '../app/router';
import { RequireSignIn } from '../auth/RequireSignIn';
import { CheckinForm } from './CheckinForm';
import { ReminderSettings } from './ReminderSettings';
import { TrendsPanel } from './TrendsPanel';
import { checkinApi } from './types';
import './checkin.css';

/** `/checkin`: the client's check-in, their own trends and the daily reminder. */
export function CheckinPage() {
  return <RequireSignIn role="CLIENT">{() => <Checkin />}</RequireSignIn>;
}

function Checkin() {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);

  return (
    <div className="page checkin-page">
      <p className="breadcrumb">
        <Link to={ROUTES.home}>{t('auth.toHome')}</Link>
      </p>
      <div>
        <h1>{t('checkin.title')}</h1>
        <p className="page__intro">{t('checkin.intro')}</p>
      </div>

      <section className="card stack" aria-labelledby="checkin-form-title">
        <h2 id="checkin-form-title">{t('checkin.formTitle')}</h2>
        <CheckinForm onSaved={() => setVersion((n) => n + 1)} />
      </section>

      <section className="card stack" aria-labelledby="checkin-trends-title">
        <h2 id="checkin-trends-title">{t('checkin.trends.title')}</h2>
        <p className="muted">{t('checkin.trends.intro')}</p>
        <TrendsPanel path={checkinApi.trends} version={version} />
      </section>

      <section className="card stack" aria-labelledby="checkin-reminder-title">
        <h2 id="checkin-reminder-title">{t('checkin.reminder.title')}</h2>
        <p className="muted">{t('checkin.reminder.intro')}</p>
        <ReminderSettings />
      </section>
    </div>
  );
}
