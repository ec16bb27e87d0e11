import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from './AuthProvider';

/**
 * `/?reason=idle`: where the app lands after signing someone out for doing nothing a while.
 * Neutral on purpose: it says that the session ended, not what the app is for, in case
 * someone else now looks at the screen.
 */
export function SignedOutAfterIdle() {
  const { t } = useTranslation();
  const auth = useAuth();
  const [failed, setFailed] = useState(false);
  const canSignIn = auth.status === 'ready' && auth.config !== null && auth.user === null;

  return (
    <div className="page page--narrow">
      <h1>{t('idle.signedOutTitle')}</h1>
      <p className="page__intro">{t('idle.signedOutText')}</p>
      {failed && (
        <div className="notice notice--error" role="alert">
          <p>{t('auth.signInFailed')}</p>
        </div>
      )}
      {canSignIn && (
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setFailed(false);
              auth.signIn().catch(() => setFailed(true));
            }}
          >
            {t('idle.signInAgain')}
          </button>
        </div>
      )}
    </div>
  );
}
