import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider';
import { SignedOutAfterIdle } from '../auth/SignedOutAfterIdle';
import { Link } from './Link';
import { ROUTES, useSearchParam } from './router';

const FEATURES = ['chat', 'exercises', 'checkin'] as const;

/** The first page a young person sees: what Cocon is, privacy, safety. */
export function WelcomePage() {
  const { t } = useTranslation();
  // After an idle sign-out the page says only that: no word about what Cocon is.
  if (useSearchParam('reason') === 'idle') return <SignedOutAfterIdle />;

  return (
    <div className="welcome">
      <section className="welcome__hero" aria-labelledby="welcome-title">
        <h1 id="welcome-title">{t('welcome.title')}</h1>
        <p className="welcome__intro">{t('welcome.intro')}</p>
        <AuthActions />
      </section>

      <section aria-labelledby="features-title">
        <h2 id="features-title">{t('welcome.featuresTitle')}</h2>
        <ul className="feature-list">
          {FEATURES.map((feature) => (
            <li key={feature} className={`card feature feature--${feature}`}>
              <FeatureIcon feature={feature} />
              <div>
                <h3>{t(`welcome.${feature}.title`)}</h3>
                <p>{t(`welcome.${feature}.text`)}</p>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <div className="info-grid">
        <section className="card card--privacy" aria-labelledby="privacy-title">
          <h2 id="privacy-title">{t('welcome.privacyTitle')}</h2>
          <p>{t('welcome.privacyText')}</p>
        </section>

        <section className="card card--exit" aria-labelledby="exit-title">
          <h2 id="exit-title">{t('quickExit.hintTitle')}</h2>
          <p>{t('quickExit.hint')}</p>
        </section>
      </div>

      <section className="card card--emergency" aria-labelledby="emergency-title">
        <h2 id="emergency-title">{t('welcome.emergencyTitle')}</h2>
        <p>{t('welcome.emergencyText')}</p>
        <a className="call-button" href="tel:112">
          {t('welcome.emergencyCall')}
        </a>
      </section>
    </div>
  );
}

function FeatureIcon({ feature }: { feature: (typeof FEATURES)[number] }) {
  return (
    <svg className="feature__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {feature === 'chat' && (
        <path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4h0A2.5 2.5 0 0 1 4 13.5v-8Z" />
      )}
      {feature === 'exercises' && (
        <path d="m4 6.5 1.5 1.5L8.5 5M4 12.5 5.5 14l3-3M4 18.5 5.5 20l3-3M12 7h8M12 13h8M12 19h5" />
      )}
      {feature === 'checkin' && (
        <>
          <circle cx="12" cy="12" r="8.5" />
          <path d="M8.5 13.5c.9 1.4 2 2 3.5 2s2.6-.6 3.5-2M9 9.5h.01M15 9.5h.01" />
        </>
      )}
    </svg>
  );
}

/** Why someone was sent to the start page (`/?reason=...`). */
const REASONS = ['signin', 'expired', 'signedout', 'erased'] as const;
type Reason = (typeof REASONS)[number];

function isReason(value: string | null): value is Reason {
  return value !== null && (REASONS as readonly string[]).includes(value);
}

/** Sign in / create an account, or the way to your own page when signed in. */
function AuthActions() {
  const { t } = useTranslation();
  const auth = useAuth();
  const reason = useSearchParam('reason');
  const [failed, setFailed] = useState(false);

  if (auth.status === 'loading') return null;

  if (auth.status === 'unavailable' || !auth.config) {
    return <p className="welcome__note">{t('auth.unavailable')}</p>;
  }

  if (auth.user) {
    return (
      <div className="actions welcome__actions">
        <Link className="button" to={ROUTES.home}>
          {t('auth.toHome')}
        </Link>
      </div>
    );
  }

  const signIn = () => {
    setFailed(false);
    auth.signIn().catch(() => setFailed(true));
  };

  return (
    <>
      {isReason(reason) && (
        <div className={`notice ${reason === 'signedout' || reason === 'erased' ? 'notice--success' : 'notice--info'}`} role="status">
          <p>{t(`welcome.reason.${reason}`)}</p>
        </div>
      )}
      {failed && (
        <div className="notice notice--error" role="alert">
          <p>{t('auth.signInFailed')}</p>
        </div>
      )}
      <div className="actions welcome__actions">
        <button type="button" className="button" onClick={signIn}>
          {t('auth.signIn')}
        </button>
        {auth.config.signupEnabled && (
          <Link className="button button--secondary" to={ROUTES.signup}>
            {t('auth.createAccount')}
          </Link>
        )}
      </div>
    </>
  );
}
