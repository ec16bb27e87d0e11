import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../app/feedback';
import { CheckboxField, PasswordField, TextField } from '../app/forms';
import { Link } from '../app/Link';
import { ROUTES } from '../app/router';
import { DEFAULT_LANGUAGE, isLanguage } from '../i18n/languages';
import { useAuth } from './AuthProvider';
import { csrfHeaders } from './csrf';
import {
  DEFAULT_PASSWORD_MIN_LENGTH,
  PSEUDONYM_MAX,
  PSEUDONYM_MIN,
  USERNAME_PATTERN,
  errorsFromApi,
  messageForCode,
  type FieldErrors,
  type FormField,
} from './fieldErrors';
import { HouseRules, isHouseRulesVersion } from './HouseRules';
import { ApiError, errorFromResponse, networkError } from './problem';

interface SignupForm {
  username: string;
  pseudonym: string;
  password: string;
  minimumAgeConfirmed: boolean;
  houseRulesAccepted: boolean;
}

const EMPTY: SignupForm = { username: '', pseudonym: '', password: '', minimumAgeConfirmed: false, houseRulesAccepted: false };

/** The order in which fields appear, to focus the first one that needs attention. */
const FIELD_ORDER: FormField[] = ['username', 'pseudonym', 'password', 'minimumAgeConfirmed', 'houseRulesAccepted'];

/** The same rules the server applies first; the server checks everything again. */
export function validateSignup(form: SignupForm, passwordMinLength = DEFAULT_PASSWORD_MIN_LENGTH): Partial<Record<FormField, string>> {
  const codes: Partial<Record<FormField, string>> = {};
  if (!USERNAME_PATTERN.test(form.username)) codes.username = 'username.invalid';
  const pseudonym = form.pseudonym.trim();
  if (pseudonym.length < PSEUDONYM_MIN || pseudonym.length > PSEUDONYM_MAX) codes.pseudonym = 'pseudonym.invalid';
  if (form.password.length < passwordMinLength) codes.password = 'password.too-short';
  if (!form.minimumAgeConfirmed) codes.minimumAgeConfirmed = 'age.not-confirmed';
  if (!form.houseRulesAccepted) codes.houseRulesAccepted = 'house-rules.not-accepted';
  return codes;
}

type Phase = 'editing' | 'sending' | 'signingIn';

/**
 * `/signup`: a new client creates an account (username, pseudonym, password), confirms the
 * minimum age and accepts the house rules. The server signs the new account in, so the app
 * then starts the normal sign-in, which comes straight back to /home.
 */
export function SignupPage() {
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const [form, setForm] = useState<SignupForm>(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [phase, setPhase] = useState<Phase>('editing');
  const summaryRef = useRef<HTMLDivElement>(null);
  const refs: Record<FormField, RefObject<HTMLInputElement | null>> = {
    username: useRef<HTMLInputElement>(null),
    pseudonym: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    minimumAgeConfirmed: useRef<HTMLInputElement>(null),
    houseRulesAccepted: useRef<HTMLInputElement>(null),
    role: useRef<HTMLInputElement>(null),
    locale: useRef<HTMLInputElement>(null),
  };

  if (auth.status === 'loading') return <Loading />;

  if (!auth.config) {
    return (
      <div className="page page--narrow">
        <h1>{t('signup.title')}</h1>
        <div className="notice notice--info" role="status">
          <p>{t('auth.unavailable')}</p>
        </div>
        <p className="page__aside">
          <Link to={ROUTES.welcome}>{t('common.backToStart')}</Link>
        </p>
      </div>
    );
  }

  const config = auth.config;
  if (!config.signupEnabled) {
    return (
      <div className="page page--narrow">
        <h1>{t('signup.title')}</h1>
        <div className="notice notice--info">
          <p>{t('signup.disabled')}</p>
        </div>
        <button type="button" className="button" onClick={() => void auth.signIn()}>
          {t('auth.signIn')}
        </button>
      </div>
    );
  }

  if (auth.user) {
    return (
      <div className="page page--narrow">
        <h1>{t('signup.title')}</h1>
        <p>{t('signup.alreadySignedIn')}</p>
        <Link className="button" to={ROUTES.home}>
          {t('auth.toHome')}
        </Link>
      </div>
    );
  }

  const version = config.houseRulesVersion;
  if (!isHouseRulesVersion(version)) {
    return (
      <div className="page page--narrow">
        <h1>{t('signup.title')}</h1>
        <div className="notice notice--error" role="alert">
          <p>{t('signup.rulesOutdated')}</p>
        </div>
      </div>
    );
  }

  const set = <K extends keyof SignupForm>(key: K, value: SignupForm[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
  };

  const showErrors = (errors: FieldErrors, message: string | null) => {
    setFieldErrors(errors);
    setFormError(message);
    const first = FIELD_ORDER.find((field) => errors[field]);
    // Focus the first field to fix (its message is read out with it), else the summary.
    window.setTimeout(() => {
      if (first) refs[first].current?.focus();
      else summaryRef.current?.focus();
    }, 0);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (phase !== 'editing') return;
    setFailure(null);
    const codes = validateSignup(form, config.passwordMinLength);
    if (Object.keys(codes).length > 0) {
      const errors: FieldErrors = {};
      for (const [field, code] of Object.entries(codes) as [FormField, string][]) errors[field] = messageForCode(t, code, config.passwordMinLength);
      showErrors(errors, null);
      return;
    }
    setFieldErrors({});
    setFormError(null);
    setPhase('sending');
    try {
      const headers = await csrfHeaders(auth.fetch);
      let response: Response;
      try {
        response = await auth.fetch('/auth/signup', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
          body: JSON.stringify({
            username: form.username,
            pseudonym: form.pseudonym.trim(),
            password: form.password,
            minimumAgeConfirmed: form.minimumAgeConfirmed,
            houseRulesAccepted: form.houseRulesAccepted,
            houseRulesVersion: version,
            locale: isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE,
            timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
          }),
        });
      } catch (error) {
        throw networkError(error);
      }
      if (!response.ok) throw await errorFromResponse(response);
    } catch (error) {
      setPhase('editing');
      if (error instanceof ApiError && error.kind === 'problem') {
        const mapped = errorsFromApi(t, error);
        if (Object.keys(mapped.fields).length > 0 || mapped.form) {
          showErrors(mapped.fields, mapped.form);
          return;
        }
      }
      setFailure(error);
      window.setTimeout(() => summaryRef.current?.focus(), 0);
      return;
    }

    // The account exists and the server has signed it in: finish the sign-in in the app.
    setPhase('signingIn');
    try {
      await auth.signIn();
    } catch (error) {
      setPhase('editing');
      setFailure(error);
    }
  };

  const errorCount = Object.values(fieldErrors).filter(Boolean).length;
  const busy = phase !== 'editing';

  return (
    <div className="page page--narrow">
      <h1>{t('signup.title')}</h1>
      <p className="page__intro">{t('signup.intro')}</p>

      <div ref={summaryRef} tabIndex={-1} className="form-summary">
        {(errorCount > 0 || formError) && (
          <div className="notice notice--error" role="alert">
            {formError && <p>{formError}</p>}
            {errorCount > 0 && <p>{t('form.checkFields', { count: errorCount })}</p>}
          </div>
        )}
        {failure !== null && <ErrorNotice error={failure} />}
      </div>

      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy || undefined}>
        <fieldset className="card form__group">
          <legend className="form__legend">{t('signup.accountLegend')}</legend>
          <TextField
            label={t('signup.username')}
            hint={t('signup.usernameHint')}
            name="username"
            inputRef={refs.username}
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={form.username}
            onChange={(event) => set('username', event.target.value)}
            error={fieldErrors.username}
          />
          <TextField
            label={t('signup.pseudonym')}
            hint={t('signup.pseudonymHint')}
            name="pseudonym"
            inputRef={refs.pseudonym}
            autoComplete="nickname"
            value={form.pseudonym}
            onChange={(event) => set('pseudonym', event.target.value)}
            error={fieldErrors.pseudonym}
          />
          <PasswordField
            label={t('signup.password')}
            hint={t('signup.passwordHint', { min: config.passwordMinLength })}
            name="password"
            inputRef={refs.password}
            autoComplete="new-password"
            value={form.password}
            onChange={(event) => set('password', event.target.value)}
            error={fieldErrors.password}
          />
        </fieldset>

        <section className="card card--rules" aria-labelledby="house-rules-title">
          <HouseRules version={version} headingLevel={2} titleId="house-rules-title" />
        </section>

        <fieldset className="card form__group">
          <legend className="form__legend">{t('signup.agreeLegend')}</legend>
          <CheckboxField
            label={t('signup.ageConfirm', { minimumAge: config.minimumAge })}
            name="minimumAgeConfirmed"
            inputRef={refs.minimumAgeConfirmed}
            checked={form.minimumAgeConfirmed}
            onChange={(event) => set('minimumAgeConfirmed', event.target.checked)}
            error={fieldErrors.minimumAgeConfirmed}
          />
          <CheckboxField
            label={t('signup.rulesConfirm')}
            name="houseRulesAccepted"
            inputRef={refs.houseRulesAccepted}
            checked={form.houseRulesAccepted}
            onChange={(event) => set('houseRulesAccepted', event.target.checked)}
            error={fieldErrors.houseRulesAccepted}
          />
        </fieldset>

        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            {phase === 'editing' ? t('signup.submit') : t('signup.sending')}
          </button>
        </div>
        <div role="status" className="form__status">
          {phase === 'signingIn' ? t('signup.created') : ''}
        </div>
      </form>

      <p className="page__aside">
        {t('signup.haveAccount')}{' '}
        <button type="button" className="link-button" onClick={() => void auth.signIn()}>
          {t('auth.signIn')}
        </button>
      </p>
      <p className="page__aside">
        <Link to={ROUTES.welcome}>{t('common.backToStart')}</Link>
      </p>
    </div>
  );
}
