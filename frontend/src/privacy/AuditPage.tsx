import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../app/feedback';
import { intlLocale } from '../app/format';
import { Link } from '../app/Link';
import { ROUTES } from '../app/router';
import { useAuth } from '../auth/AuthProvider';
import { RequireSignIn } from '../auth/RequireSignIn';
import { actionKey, auditPagePath, groupByDay, parseAuditPage, type AuditEntry, type AuditRow } from './audit';
import './privacy.css';

/** `/privacy/audit`: "Who looked at my file", for the signed-in client. */
export function AuditPage() {
  return <RequireSignIn role="CLIENT">{() => <Audit />}</RequireSignIn>;
}

type State =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; entries: AuditEntry[]; next: string | null; more: 'idle' | 'loading' | { error: unknown } };

/** The first page, then older pages on request; the list keeps what it has when a page fails. */
function useAuditPages() {
  const { api } = useAuth();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    api
      .request<unknown>(auditPagePath(null), { signal: controller.signal })
      .then((body) => {
        const page = parseAuditPage(body);
        if (!controller.signal.aborted) setState({ status: 'ready', entries: page.items, next: page.next, more: 'idle' });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      });
    return () => controller.abort();
  }, [api, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || !state.next || state.more === 'loading') return;
    const { entries, next } = state;
    setState({ ...state, more: 'loading' });
    try {
      const page = parseAuditPage(await api.request<unknown>(auditPagePath(next)));
      const known = new Set(entries.map((entry) => entry.id));
      setState({ status: 'ready', entries: [...entries, ...page.items.filter((entry) => !known.has(entry.id))], next: page.next, more: 'idle' });
    } catch (error) {
      setState({ status: 'ready', entries, next, more: { error } });
    }
  }, [api, state]);

  return { state, retry, loadMore };
}

function Audit() {
  const { t } = useTranslation();
  const { state, retry, loadMore } = useAuditPages();

  return (
    <div className="page audit">
      <p className="breadcrumb">
        <Link to={ROUTES.home}>{t('audit.back')}</Link>
      </p>
      <h1>{t('audit.title')}</h1>
      <p className="page__intro">{t('audit.intro')}</p>

      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={retry} />}
      {state.status === 'ready' && state.entries.length === 0 && <p className="card audit__empty">{t('audit.empty')}</p>}
      {state.status === 'ready' && state.entries.length > 0 && (
        <>
          <AuditDays entries={state.entries} />
          <div className="audit__more" aria-live="polite">
            {state.more === 'loading' && <Loading label={t('audit.loadingMore')} />}
            {typeof state.more === 'object' && <ErrorNotice error={state.more.error} onRetry={() => void loadMore()} />}
            {state.more === 'idle' && state.next && (
              <button type="button" className="button button--secondary" onClick={() => void loadMore()}>
                {t('audit.more')}
              </button>
            )}
            {state.more === 'idle' && !state.next && <p className="muted">{t('audit.end')}</p>}
          </div>
        </>
      )}

      <details className="disclosure card audit__why">
        <summary>{t('audit.whyTitle')}</summary>
        <ul>
          <li>{t('audit.why.therapist')}</li>
          <li>{t('audit.why.formerTherapist')}</li>
          <li>{t('audit.why.moderator')}</li>
          <li>{t('audit.why.admin')}</li>
        </ul>
      </details>
    </div>
  );
}

function AuditDays({ entries }: { entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(i18n.resolvedLanguage);
  const days = useMemo(() => groupByDay(entries), [entries]);
  const dayFormat = useMemo(() => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }), [locale]);
  const timeFormat = useMemo(() => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }), [locale]);

  return (
    <section aria-label={t('audit.listLabel')} className="audit__days">
      {days.map(({ day, rows }) => {
        const [year, month, date] = day.split('-').map(Number);
        return (
          <section key={day} className="audit__day" aria-labelledby={`audit-day-${day}`}>
            <h2 id={`audit-day-${day}`} className="audit__day-title">
              {dayFormat.format(new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1))}
            </h2>
            <ul className="audit__rows">
              {rows.map((row) => (
                <AuditRowItem key={row.key} row={row} time={(iso) => timeFormat.format(new Date(iso))} />
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}

function AuditRowItem({ row, time }: { row: AuditRow; time: (iso: string) => string }) {
  const { t } = useTranslation();
  const text = t as unknown as (key: string, values?: Record<string, string | number>) => string;
  const { first } = row;
  const when =
    row.count > 1
      ? t('audit.times', { count: row.count, from: time(row.from), to: time(first.at) })
      : t('audit.at', { time: time(first.at) });
  return (
    <li className="audit-row">
      <p className="audit-row__who">
        <strong>{first.pseudonym ?? t('audit.someone')}</strong>
        <span className="audit-row__basis">{text(`audit.basis.${first.basis.replace('-', '_')}`)}</span>
      </p>
      <p className="audit-row__what">{text(`audit.action.${actionKey(first.action)}`)}</p>
      <p className="audit-row__when">
        <time dateTime={first.at}>{when}</time>
      </p>
    </li>
  );
}
