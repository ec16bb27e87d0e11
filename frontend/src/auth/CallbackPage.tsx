import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../app/feedback';
import { Link } from '../app/Link';
import { navigate, ROUTES } from '../app/router';
import { END_SESSION_URL } from '../safety/quickExit';
import { useAuth } from './AuthProvider';

/**
 * `/auth/callback?code=...&state=...`: the end of sign-in. Exchanges the code for tokens,
 * then continues at /home (replacing this history entry, like every in-app navigation).
 */
async function endServerSession(): Promise<void> {
  try {
    await fetch(END_SESSION_URL, { method: 'POST', credentials: 'same-origin' });
  } catch {
    // Not fatal: the session then ends on its own when it times out.
  }
}

export function CallbackPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const [failed, setFailed] = useState(false);
  const { status, completeSignIn } = auth;

  useEffect(() => {
    if (status === 'loading') return;
    if (status === 'unavailable') {
      setFailed(true);
      return;
    }
    let cancelled = false;
    completeSignIn(window.location.href)
      .then(async () => {
        // The app now has its tokens; the server's sign-in session is no longer needed and
        // is ended, so on a shared device nobody else gets in without the password.
        await endServerSession();
        if (!cancelled) navigate(ROUTES.home);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [status, completeSignIn]);

  if (!failed) {
    return (
      <div className="page page--narrow">
        <Loading label={t('callback.working')} />
      </div>
    );
  }

  return (
    <div className="page page--narrow">
      <h1>{t('callback.failedTitle')}</h1>
      <div className="notice notice--error" role="alert">
        <p>{t('callback.failed')}</p>
      </div>
      <div className="actions">
        {auth.status === 'ready' && (
          <button type="button" className="button" onClick={() => void auth.signIn()}>
            {t('auth.signInAgain')}
          </button>
        )}
        <Link className="button button--secondary" to={ROUTES.welcome}>
          {t('common.backToStart')}
        </Link>
      </div>
    </div>
  );
}
