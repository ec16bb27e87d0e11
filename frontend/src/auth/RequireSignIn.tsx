import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../app/feedback';
import { Link } from '../app/Link';
import { navigate, ROUTES } from '../app/router';
import { useAuth } from './AuthProvider';
import { knownRoles, type Me, type Role } from './me';

interface RequireSignInProps {
  /** Only people with this role (or one of these roles) may see the page. */
  role?: Role | readonly Role[];
  children: (me: Me) => ReactNode;
}

/**
 * Shows its children only to a signed-in person (and, optionally, only with a given role).
 * Without a session it goes to the start page, which asks to sign in (or again, when the
 * session ran out).
 */
export function RequireSignIn({ role, children }: RequireSignInProps) {
  const { t } = useTranslation();
  const auth = useAuth();
  const mustSignIn = auth.status !== 'loading' && auth.user === null && !auth.signingOut;

  useEffect(() => {
    if (mustSignIn) navigate(auth.sessionLost ? '/?reason=expired' : '/?reason=signin');
  }, [mustSignIn, auth.sessionLost]);

  if (auth.signingOut) return <Loading label={t('auth.signingOut')} />;
  if (auth.status === 'loading' || mustSignIn) return <Loading />;
  if (auth.meError) return <ErrorNotice error={auth.meError} onRetry={auth.reloadMe} />;
  if (!auth.me) return <Loading />;

  const allowed = role === undefined ? null : typeof role === 'string' ? [role] : role;
  if (allowed && !knownRoles(auth.me.roles).some((mine) => allowed.includes(mine))) {
    return (
      <div className="page page--narrow">
        <h1>{t('errors.forbiddenTitle')}</h1>
        <div className="notice notice--error" role="alert">
          <p>{t('errors.forbidden')}</p>
        </div>
        <Link to={ROUTES.home}>{t('auth.toHome')}</Link>
      </div>
    );
  }

  return <>{children(auth.me)}</>;
}
