import { useTranslation } from 'react-i18next';
import { Link } from '../app/Link';
import { ROUTES } from '../app/router';
import { RequireSignIn } from '../auth/RequireSignIn';
import type { BrowserPush } from './browserPush';
import { NotificationSettings } from './NotificationSettings';
import type { PushKind } from './pushApi';

const CLIENT_KINDS: readonly PushKind[] = ['messages', 'nudges', 'checkinReminders'];
const STAFF_KINDS: readonly PushKind[] = ['messages'];

/** `/settings/notifications`: Web Push on this device, for everyone who is signed in. */
export function NotificationSettingsPage({ browser }: { browser?: BrowserPush }) {
  const { t } = useTranslation();
  return (
    <RequireSignIn>
      {(me) => (
        <div className="page">
          <p className="breadcrumb">
            <Link to={ROUTES.home}>{t('push.back')}</Link>
          </p>
          <h1>{t('push.title')}</h1>
          <p className="page__intro">{t('push.intro')}</p>
          <NotificationSettings kinds={me.roles.includes('CLIENT') ? CLIENT_KINDS : STAFF_KINDS} {...(browser ? { browser } : {})} />
        </div>
      )}
    </RequireSignIn>
  );
}
