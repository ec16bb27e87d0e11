import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading, useErrorText } from '../app/feedback';
import { useFormatDate } from '../app/format';
import { PasswordField, SelectField, TextField } from '../app/forms';
import { Link } from '../app/Link';
import { ROUTES } from '../app/router';
import '../app/lists.css';
import { useAuth } from '../auth/AuthProvider';
import {
  DEFAULT_PASSWORD_MIN_LENGTH,
  PSEUDONYM_MAX,
  PSEUDONYM_MIN,
  USERNAME_PATTERN,
  errorsFromApi,
  messageForCode,
  type FieldErrors,
  type FormField,
} from '../auth/fieldErrors';
import { ROLES, isRole, type Me, type Role } from '../auth/me';
import { ApiError } from '../auth/problem';
import { RequireSignIn } from '../auth/RequireSignIn';
import { useApiResource } from '../auth/useApiResource';
import { isLanguage, SUPPORTED_LANGUAGES, type Language } from '../i18n/languages';
import { PAGE_SIZE, STAFF_ROLES, accountsPath, adminApi, type Account, type AccountPage, type StaffRole } from './adminApi';
import '../app/lists.css';
import { Pager } from './Pager';

/** `/admin/accounts`: find accounts, switch them off and on, create staff accounts. */
export function AdminAccountsPage() {
  return <RequireSignIn role="ADMIN">{(me) => <AccountsAdmin me={me} />}</RequireSignIn>;
}

interface Filters {
  role: Role | '';
  q: string;
}

function AccountsAdmin({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Filters>({ role: '', q: '' });
  const [filters, setFilters] = useState<Filters>({ role: '', q: '' });
  const [page, setPage] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const accounts = useApiResource<AccountPage>(accountsPath({ ...filters, page, size: PAGE_SIZE }));

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilters({ role: draft.role, q: draft.q.trim() });
    setPage(0);
  };

  const replaceAccount = (updated: Account) => {
    if (!accounts.data) return;
    accounts.set({ ...accounts.data, items: accounts.data.items.map((item) => (item.id === updated.id ? updated : item)) });
  };

  const data = accounts.data;

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={ROUTES.home}>{t('auth.toHome')}</Link>
      </p>
      <h1>{t('admin.accounts.title')}</h1>
      <div className="live" role="status" aria-live="polite">
        {announcement && <p className="notice notice--success">{announcement}</p>}
      </div>

      <section aria-labelledby="accounts-search-title" className="stack">
        <h2 id="accounts-search-title" className="visually-hidden">
          {t('admin.accounts.searchTitle')}
        </h2>
        <form className="card filters" role="search" onSubmit={search}>
          <SelectField
            label={t('admin.accounts.roleFilter')}
            value={draft.role}
            onChange={(event) => setDraft({ ...draft, role: isRole(event.target.value) ? event.target.value : '' })}
          >
            <option value="">{t('admin.accounts.allRoles')}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('admin.accounts.query')}
            type="search"
            value={draft.q}
            onChange={(event) => setDraft({ ...draft, q: event.target.value })}
          />
          <div className="filters__submit">
            <button type="submit" className="button">
              {t('admin.accounts.search')}
            </button>
          </div>
        </form>

        {accounts.status === 'loading' && <Loading />}
        {accounts.status === 'error' && <ErrorNotice error={accounts.error} onRetry={accounts.reload} />}
        {data && data.items.length === 0 && accounts.status === 'ready' && (
          <div className="card empty">
            <p>{t('admin.accounts.empty')}</p>
          </div>
        )}
        {data && data.items.length > 0 && (
          <>
            <div className="table-wrap" role="region" aria-labelledby="accounts-table-caption" tabIndex={0}>
              <table className="table table--cards" role="table">
                <caption id="accounts-table-caption" className="visually-hidden">
                  {t('admin.accounts.tableCaption')}
                </caption>
                <thead role="rowgroup">
                  <tr role="row">
                    <th scope="col" role="columnheader">
                      {t('admin.accounts.columns.account')}
                    </th>
                    <th scope="col" role="columnheader">
                      {t('admin.accounts.columns.roles')}
                    </th>
                    <th scope="col" role="columnheader">
                      {t('admin.accounts.columns.created')}
                    </th>
                    <th scope="col" role="columnheader">
                      {t('admin.accounts.columns.status')}
                    </th>
                    <th scope="col" role="columnheader">
                      {t('admin.accounts.columns.actions')}
                    </th>
                  </tr>
                </thead>
                <tbody role="rowgroup">
                  {data.items.map((account) => (
                    <AccountRow
                      key={account.id}
                      account={account}
                      isSelf={account.id === me.id}
                      onChanged={(updated, message) => {
                        replaceAccount(updated);
                        setAnnouncement(message);
                      }}
                    />
                  ))}
                </tbody>
              </table>
            </div>
            <Pager data={data} label={t('admin.accounts.pages')} onPage={setPage} />
          </>
        )}
      </section>

      <CreateStaffAccount
        onCreated={(account) => {
          setAnnouncement(t('admin.create.created', { username: account.username }));
          setPage(0);
          accounts.reload();
        }}
      />
    </div>
  );
}

interface AccountRowProps {
  account: Account;
  isSelf: boolean;
  onChanged: (account: Account, message: string) => void;
}

function AccountRow({ account, isSelf, onChanged }: AccountRowProps) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const formatDate = useFormatDate();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const disableRef = useRef<HTMLButtonElement>(null);

  const run = async (action: 'disable' | 'enable') => {
    setBusy(true);
    setError(null);
    try {
      const updated = await adminApi[action](api, account.id);
      setConfirming(false);
      onChanged(
        updated ?? { ...account, disabledAt: action === 'disable' ? new Date().toISOString() : null },
        t(action === 'disable' ? 'admin.accounts.disabled' : 'admin.accounts.enabled', { username: account.username }),
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr role="row">
      <th scope="row" role="rowheader">
        <span className="account__pseudonym">{account.pseudonym}</span>
        <span className="account__username">{account.username}</span>
      </th>
      <td role="cell" data-label={t('admin.accounts.columns.roles')}>
        {account.roles.map((role) => (isRole(role) ? t(`roles.${role}`) : role)).join(', ')}
      </td>
      <td role="cell" data-label={t('admin.accounts.columns.created')}>
        {formatDate(account.createdAt)}
      </td>
      <td role="cell" data-label={t('admin.accounts.columns.status')}>
        {account.disabledAt ? (
          <span className="badge badge--off">{t('admin.accounts.disabledSince', { date: formatDate(account.disabledAt) })}</span>
        ) : (
          <span className="badge">{t('admin.accounts.active')}</span>
        )}
      </td>
      <td role="cell" className="cell--wide" data-label={t('admin.accounts.columns.actions')}>
        {error !== null && <ErrorNotice error={error} />}
        {account.disabledAt ? (
          <button type="button" className="button button--small" aria-disabled={busy || undefined} onClick={() => !busy && void run('enable')}>
            {t('admin.accounts.enable')}
            {' '}
            <span className="visually-hidden">{account.username}</span>
          </button>
        ) : isSelf ? (
          <span className="muted">{t('admin.accounts.self')}</span>
        ) : confirming ? (
          <div className="confirm" role="group" aria-label={t('admin.accounts.confirmLabel', { username: account.username })}>
            <p>{t('admin.accounts.confirmDisable', { username: account.username })}</p>
            <button
              type="button"
              ref={disableRef}
              className="button button--danger button--small"
              aria-disabled={busy || undefined}
              onClick={() => !busy && void run('disable')}
            >
              {t('admin.accounts.confirmYes')}
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setConfirming(true);
              window.setTimeout(() => disableRef.current?.focus(), 0);
            }}
          >
            {t('admin.accounts.disable')}
            {' '}
            <span className="visually-hidden">{account.username}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

interface StaffForm {
  username: string;
  pseudonym: string;
  password: string;
  role: StaffRole;
  locale: Language;
}

const STAFF_FIELD_ORDER: FormField[] = ['username', 'pseudonym', 'password', 'role', 'locale'];

/** The form to create a therapist, moderator or admin account. */
function CreateStaffAccount({ onCreated }: { onCreated: (account: Account) => void }) {
  const { t, i18n } = useTranslation();
  const { api, config } = useAuth();
  const passwordMinLength = config?.passwordMinLength ?? DEFAULT_PASSWORD_MIN_LENGTH;
  const errorText = useErrorText();
  const initial = (): StaffForm => ({
    username: '',
    pseudonym: '',
    password: '',
    role: 'THERAPIST',
    locale: isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'nl',
  });
  const [form, setForm] = useState<StaffForm>(initial);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = {
    username: useRef<HTMLInputElement>(null),
    pseudonym: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  };
  const formErrorRef = useRef<HTMLDivElement>(null);

  const show = (errors: FieldErrors, message: string | null) => {
    setFieldErrors(errors);
    setFormError(message);
    const first = STAFF_FIELD_ORDER.find((field) => errors[field]);
    window.setTimeout(() => {
      if (first === 'username' || first === 'pseudonym' || first === 'password') refs[first].current?.focus();
      else formErrorRef.current?.focus();
    }, 0);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const errors: FieldErrors = {};
    if (!USERNAME_PATTERN.test(form.username)) errors.username = messageForCode(t, 'username.invalid');
    const pseudonym = form.pseudonym.trim();
    if (pseudonym.length < PSEUDONYM_MIN || pseudonym.length > PSEUDONYM_MAX) errors.pseudonym = messageForCode(t, 'pseudonym.invalid');
    if (form.password.length < passwordMinLength) errors.password = messageForCode(t, 'password.too-short', passwordMinLength);
    if (Object.keys(errors).length > 0) {
      show(errors, null);
      return;
    }
    setBusy(true);
    show({}, null);
    try {
      const created = await adminApi.createAccount(api, { ...form, pseudonym });
      setForm(initial());
      onCreated(created);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'problem') {
        const mapped = errorsFromApi(t, error);
        if (Object.keys(mapped.fields).length > 0 || mapped.form) {
          show(mapped.fields, mapped.form);
          return;
        }
      }
      show({}, errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="create-staff-title">
      <h2 id="create-staff-title">{t('admin.create.title')}</h2>
      <p>{t('admin.create.intro')}</p>
      <div ref={formErrorRef} tabIndex={-1}>
        {formError && (
          <div className="notice notice--error" role="alert">
            <p>{formError}</p>
          </div>
        )}
      </div>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy || undefined}>
        <TextField
          label={t('signup.username')}
          hint={t('signup.usernameHint')}
          inputRef={refs.username}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={form.username}
          onChange={(event) => setForm({ ...form, username: event.target.value })}
          error={fieldErrors.username}
        />
        <TextField
          label={t('admin.create.pseudonym')}
          hint={t('admin.create.pseudonymHint')}
          inputRef={refs.pseudonym}
          autoComplete="off"
          value={form.pseudonym}
          onChange={(event) => setForm({ ...form, pseudonym: event.target.value })}
          error={fieldErrors.pseudonym}
        />
        <PasswordField
          label={t('admin.create.password')}
          hint={t('signup.passwordHint', { min: passwordMinLength })}
          inputRef={refs.password}
          autoComplete="new-password"
          value={form.password}
          onChange={(event) => setForm({ ...form, password: event.target.value })}
          error={fieldErrors.password}
        />
        <SelectField
          label={t('admin.create.role')}
          value={form.role}
          onChange={(event) => {
            const role = STAFF_ROLES.find((option) => option === event.target.value);
            if (role) setForm({ ...form, role });
          }}
          error={fieldErrors.role}
        >
          {STAFF_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('admin.create.locale')}
          value={form.locale}
          onChange={(event) => isLanguage(event.target.value) && setForm({ ...form, locale: event.target.value })}
          error={fieldErrors.locale}
        >
          {SUPPORTED_LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {t(`language.${language}`)}
            </option>
          ))}
        </SelectField>
        <div className="form__actions">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            {busy ? t('admin.create.creating') : t('admin.create.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
