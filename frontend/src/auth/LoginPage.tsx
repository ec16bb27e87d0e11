import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../app/feedback';
import { PasswordField, TextField } from '../app/forms';
import { Link } from '../app/Link';
import { navigate, ROUTES, useLocation } from '../app/router';
import { useAuth } from './AuthProvider';
import { fetchCsrf, type CsrfToken } from './csrf';
import { mustStartSignIn } from './loginStart';

/** `?error=` values the server sends back to the login page. */
const LOGIN_ERRORS = ['credentials', 'locked', 'disabled'] as const;
type LoginError = (typeof LOGIN_ERRORS)[number] | 'other';

function loginError(value: string | null): LoginError | null {
  if (value === null) return null;
  return (LOGIN_ERRORS as readonly string[]).includes(value) ? (value as LoginError) : 'other';
}

type CsrfState = { status: 'loading' } | { status: 'ready'; csrf: CsrfToken } | { status: 'error'; error: unknown };

/**
 * `/login`: the server's sign-in form, drawn by the app. The OpenID provider sends the
 * browser here during sign-in. The form is a REAL HTML form POST to `/login` (with the CSRF
 * token as `_csrf`), so the server can set its session cookie and continue the sign-in flow
 * with redirects. Failures come back as `/login?error=credentials|locked|disabled`.
 *
 * Opened on its own (a bookmark), with no sign-in under way in this tab, the page starts one
 * first; the provider then sends the browser back here with a sign-in to finish.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const { search } = useLocation();
  const [start] = useState(() => mustStartSignIn(search, window.sessionStorage));
  const [startFailed, setStartFailed] = useState(false);
  const started = useRef(false);
  const signedIn = auth.user !== null;
  const starting = start && !startFailed && auth.status !== 'unavailable';

  useEffect(() => {
    if (!start || auth.status !== 'ready' || started.current) return;
    started.current = true;
    if (signedIn) navigate(ROUTES.home);
    else auth.signIn().catch(() => setStartFailed(true));
  }, [start, auth, signedIn]);

  if (starting) {
    return (
      <div className="page page--narrow">
        <h1>{t('login.title')}</h1>
        <Loading label={t('login.starting')} />
      </div>
    );
  }
  return <LoginForm />;
}

function LoginForm() {
  const { t } = useTranslation();
  const auth = useAuth();
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const error = loginError(params.get('error'));
  const signedOut = params.has('logout');

  const [csrf, setCsrf] = useState<CsrfState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
  const [submitting, setSubmitting] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let cancelled = false;
    fetchCsrf(auth.fetch)
      .then((token) => !cancelled && setCsrf({ status: 'ready', csrf: token }))
      .catch((failure: unknown) => !cancelled && setCsrf({ status: 'error', error: failure }));
    return () => {
      cancelled = true;
    };
  }, [auth.fetch, attempt]);

  // An error from the previous attempt is read out first.
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const problems: { username?: string; password?: string } = {};
    if (!username.trim()) problems.username = t('login.usernameMissing');
    if (!password) problems.password = t('login.passwordMissing');
    setMissing(problems);
    if (csrf.status !== 'ready' || submitting || problems.username || problems.password) {
      event.preventDefault();
      if (problems.username) usernameRef.current?.focus();
      else if (problems.password) passwordRef.current?.focus();
      return;
    }
    // Not prevented: the browser posts the form and follows the server's redirects.
    setSubmitting(true);
  };

  return (
    <div className="page page--narrow">
      <h1>{t('login.title')}</h1>
      <p className="page__intro">{t('login.intro')}</p>

      {error && (
        <div className="notice notice--error" role="alert" tabIndex={-1} ref={errorRef} id="login-error">
          <p>{t(`login.errors.${error}`)}</p>
        </div>
      )}
      {signedOut && !error && (
        <div className="notice notice--info" role="status">
          <p>{t('login.signedOut')}</p>
        </div>
      )}

      <form className="card form" method="post" action="/login" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('login.username')}
          name="username"
          inputRef={usernameRef}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={missing.username}
        />
        <PasswordField
          label={t('login.password')}
          name="password"
          inputRef={passwordRef}
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={missing.password}
        />
        {csrf.status === 'ready' && <input type="hidden" name={csrf.csrf.parameterName} value={csrf.csrf.token} />}
        {csrf.status === 'loading' && <Loading label={t('login.preparing')} />}
        {csrf.status === 'error' && <ErrorNotice error={csrf.error} onRetry={() => setAttempt((n) => n + 1)} />}
        <div className="form__actions">
          <button type="submit" className="button" disabled={csrf.status !== 'ready'} aria-disabled={submitting || undefined}>
            {submitting ? t('login.submitting') : t('login.submit')}
          </button>
        </div>
      </form>

      {auth.config?.signupEnabled && (
        <p className="page__aside">
          {t('login.noAccount')} <Link to={ROUTES.signup}>{t('login.toSignup')}</Link>
        </p>
      )}
      <p className="page__aside">
        <Link to={ROUTES.welcome}>{t('common.backToStart')}</Link>
      </p>
    </div>
  );
}
