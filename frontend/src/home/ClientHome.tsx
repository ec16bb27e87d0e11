import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../app/format';
import { useAuth } from '../auth/AuthProvider';
import { CURRENT_HOUSE_RULES, HouseRules, isHouseRulesVersion } from '../auth/HouseRules';
import type { Me } from '../auth/me';
import { SignOutButton } from '../auth/SignOutButton';
import { ChatWithTherapistLink, CheckinReminderLink } from '../chat/ChatLinks';
import { isLanguage } from '../i18n/languages';
import { Link } from '../app/Link';
import { ROUTES } from '../app/router';
import { YourDataSection } from '../privacy/YourDataSection';

/** The client's home: who they are here, who their therapist is, the house rules. */
export function ClientHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { config } = useAuth();
  const formatDate = useFormatDate();
  const rulesVersion = isHouseRulesVersion(config?.houseRulesVersion) ? config.houseRulesVersion : CURRENT_HOUSE_RULES;

  return (
    <div className="home">
      <section className="home__hero">
        <h1>{t('home.client.title', { pseudonym: me.pseudonym })}</h1>
        <p className="page__intro">{t('home.client.intro')}</p>
      </section>

      <section className="card card--therapist" aria-labelledby="therapist-title">
        <h2 id="therapist-title">{t('home.client.therapistTitle')}</h2>
        {me.therapist ? (
          <>
            <p>{t('home.client.therapist', { pseudonym: me.therapist.pseudonym })}</p>
            <p className="muted">{t('chat.home.clientText')}</p>
            <div className="actions">
              <ChatWithTherapistLink therapist={me.therapist} />
            </div>
          </>
        ) : (
          <p>{t('home.client.noTherapist')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="checkin-home-title">
        <h2 id="checkin-home-title">{t('checkin.home.title')}</h2>
        <p className="muted">{t('checkin.home.text')}</p>
        <div className="actions">
          <Link className="button" to={ROUTES.checkin}>
            {t('checkin.home.open')}
          </Link>
          <CheckinReminderLink />
        </div>
      </section>

      <section className="card" aria-labelledby="programmes-title">
        <h2 id="programmes-title">{t('programme.catalogue.home')}</h2>
        <p className="muted">{t('programme.catalogue.homeText')}</p>
        <div className="actions">
          <Link className="button button--secondary" to={ROUTES.programmes}>
            {t('programme.catalogue.open')}
          </Link>
        </div>
      </section>

      <section className="card card--privacy" aria-labelledby="privacy-home-title">
        <h2 id="privacy-home-title">{t('audit.home.title')}</h2>
        <p className="muted">{t('audit.home.text')}</p>
        <div className="actions">
          <Link className="button button--secondary" to={ROUTES.audit}>
            {t('audit.home.open')}
          </Link>
        </div>
      </section>

      <section className="card" aria-labelledby="push-home-title">
        <h2 id="push-home-title">{t('push.home.title')}</h2>
        <p className="muted">{t('push.home.text')}</p>
        <div className="actions">
          <Link className="button button--secondary" to={ROUTES.notificationSettings}>
            {t('push.home.open')}
          </Link>
        </div>
      </section>

      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('home.profile.title')}</h2>
        <dl className="profile">
          <div>
            <dt>{t('home.profile.pseudonym')}</dt>
            <dd>{me.pseudonym}</dd>
          </div>
          <div>
            <dt>{t('home.profile.username')}</dt>
            <dd>{me.username}</dd>
          </div>
          <div>
            <dt>{t('home.profile.language')}</dt>
            <dd>{isLanguage(me.locale) ? t(`language.${me.locale}`) : me.locale}</dd>
          </div>
          {me.createdAt && (
            <div>
              <dt>{t('home.profile.since')}</dt>
              <dd>{formatDate(me.createdAt)}</dd>
            </div>
          )}
        </dl>
      </section>

      <YourDataSection />

      <section className="card card--exit" aria-labelledby="rules-title">
        <h2 id="rules-title">{t('home.client.rulesTitle')}</h2>
        <p>{t('home.client.rulesText')}</p>
        <details className="disclosure">
          <summary>{t('home.client.rulesOpen')}</summary>
          <HouseRules version={rulesVersion} headingLevel={3} />
        </details>
      </section>

      <div className="actions">
        <SignOutButton />
      </div>
    </div>
  );
}
