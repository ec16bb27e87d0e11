import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading, useErrorText } from '../app/feedback';
import { useFormatDate } from '../app/format';
import { SelectField, TextField } from '../app/forms';
import { Link } from '../app/Link';
import { ROUTES } from '../app/router';
import { useAuth } from '../auth/AuthProvider';
import { RequireSignIn } from '../auth/RequireSignIn';
import { useApiResource } from '../auth/useApiResource';
import { Pager } from './Pager';
import { accountsPath, adminApi, type Account, type AccountPage, type Assignment } from './adminApi';

/** Clients are shown a page at a time; therapists (few) are loaded at once for the choice lists. */
export const CLIENT_PAGE_SIZE = 20;
export const THERAPIST_LIST_SIZE = 100;

/** `/admin/caseloads`: link clients to therapists, unlink them, see the history. */
export function AdminCaseloadsPage() {
  return <RequireSignIn role="ADMIN">{() => <Caseloads />}</RequireSignIn>;
}

interface Announcement {
  kind: 'success' | 'error';
  text: string;
}

function Caseloads() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const clients = useApiResource<AccountPage>(accountsPath({ role: 'CLIENT', q: query, page, size: CLIENT_PAGE_SIZE }));
  const therapists = useApiResource<AccountPage>(accountsPath({ role: 'THERAPIST', size: THERAPIST_LIST_SIZE }));
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setQuery(draft.trim());
    setPage(0);
  };

  const therapistList = therapists.data?.items ?? [];
  const activeTherapists = therapistList.filter((therapist) => !therapist.disabledAt);

  const replaceClient = (updated: Account) => {
    if (!clients.data) return;
    clients.set({ ...clients.data, items: clients.data.items.map((item) => (item.id === updated.id ? updated : item)) });
  };

  const loading = clients.status === 'loading' || therapists.status === 'loading';
  const data = clients.data;

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={ROUTES.home}>{t('auth.toHome')}</Link>
      </p>
      <h1>{t('admin.caseloads.title')}</h1>
      <p className="page__intro">{t('admin.caseloads.intro')}</p>

      {/* Always in the page, so screen readers announce what is put in it. */}
      <div className="live" aria-live="polite" role="status">
        {announcement?.kind === 'success' && <p className="notice notice--success">{announcement.text}</p>}
      </div>
      <div className="live" aria-live="assertive" role="alert">
        {announcement?.kind === 'error' && <p className="notice notice--error">{announcement.text}</p>}
      </div>

      <form className="card filters" role="search" aria-label={t('admin.caseloads.searchTitle')} onSubmit={search}>
        <TextField
          label={t('admin.caseloads.query')}
          type="search"
          value={draft}
          maxLength={64}
          onChange={(event) => setDraft(event.target.value)}
        />
        <div className="filters__submit">
          <button type="submit" className="button">
            {t('admin.accounts.search')}
          </button>
        </div>
      </form>

      {loading && <Loading />}
      {clients.status === 'error' && <ErrorNotice error={clients.error} onRetry={clients.reload} />}
      {therapists.status === 'error' && <ErrorNotice error={therapists.error} onRetry={therapists.reload} />}

      {data && therapists.data && (
        <section aria-labelledby="clients-title" className="stack">
          <h2 id="clients-title">{t('admin.caseloads.clientsTitle')}</h2>
          {therapists.data.total > therapistList.length && (
            <p className="muted">{t('admin.caseloads.partialTherapists', { shown: therapistList.length, total: therapists.data.total })}</p>
          )}
          {activeTherapists.length === 0 && (
            <div className="notice notice--info">
              <p>{t('admin.caseloads.noTherapists')}</p>
            </div>
          )}
          {data.items.length === 0 ? (
            <div className="card empty">
              <p>{query ? t('admin.caseloads.noMatch', { query }) : t('admin.caseloads.noClients')}</p>
            </div>
          ) : (
            <>
              <ul className="caseload-list">
                {data.items.map((client) => (
                  <ClientRow
                    key={client.id}
                    client={client}
                    therapists={therapistList}
                    onChanged={(updated, text) => {
                      replaceClient(updated);
                      setAnnouncement({ kind: 'success', text });
                    }}
                    onFailed={(text) => setAnnouncement({ kind: 'error', text })}
                  />
                ))}
              </ul>
              <Pager data={data} label={t('admin.caseloads.pages')} onPage={setPage} />
            </>
          )}
        </section>
      )}
    </div>
  );
}

interface ClientRowProps {
  client: Account;
  therapists: Account[];
  onChanged: (client: Account, message: string) => void;
  onFailed: (message: string) => void;
}

function ClientRow({ client, therapists, onChanged, onFailed }: ClientRowProps) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const titleId = useId();
  const historyId = useId();
  const [selected, setSelected] = useState('');
  const [busy, setBusy] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);

  const current = client.therapistId ? therapists.find((therapist) => therapist.id === client.therapistId) : undefined;
  const currentName = current?.pseudonym ?? (client.therapistId ? t('admin.caseloads.unknownTherapist') : null);
  const choices = therapists.filter((therapist) => !therapist.disabledAt && therapist.id !== client.therapistId);

  const assign = async () => {
    const therapist = therapists.find((candidate) => candidate.id === selected);
    if (!therapist || busy) return;
    setBusy(true);
    try {
      const updated = await adminApi.assign(api, client.id, therapist.id);
      setSelected('');
      setHistoryVersion((n) => n + 1);
      onChanged(updated ?? { ...client, therapistId: therapist.id }, t('admin.caseloads.assigned', { client: client.pseudonym, therapist: therapist.pseudonym }));
    } catch (error) {
      onFailed(t('admin.caseloads.assignFailed', { client: client.pseudonym, reason: errorText(error) }));
    } finally {
      setBusy(false);
    }
  };

  const unassign = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const updated = await adminApi.unassign(api, client.id);
      setHistoryVersion((n) => n + 1);
      onChanged(updated ?? { ...client, therapistId: null }, t('admin.caseloads.unassigned', { client: client.pseudonym }));
    } catch (error) {
      onFailed(t('admin.caseloads.unassignFailed', { client: client.pseudonym, reason: errorText(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="card caseload" aria-labelledby={titleId} data-username={client.username}>
      <div className="caseload__who">
        <h3 id={titleId}>{client.pseudonym}</h3>
        <p className="account__username">{client.username}</p>
        {client.disabledAt && <p className="badge badge--off">{t('admin.caseloads.clientDisabled')}</p>}
      </div>
      <p className="caseload__current">
        <span className="caseload__label">{t('admin.caseloads.currentLabel')}</span>{' '}
        <strong className="caseload__therapist">{currentName ?? t('admin.caseloads.none')}</strong>
      </p>
      <div className="caseload__actions">
        <SelectField
          label={
            <>
              {t('admin.caseloads.selectLabel')}
              {' '}
              <span className="visually-hidden">{t('admin.caseloads.forClient', { client: client.pseudonym })}</span>
            </>
          }
          value={selected}
          onChange={(event) => setSelected(event.target.value)}
        >
          <option value="">{t('admin.caseloads.choose')}</option>
          {choices.map((therapist) => (
            <option key={therapist.id} value={therapist.id}>
              {therapist.pseudonym} ({therapist.username})
            </option>
          ))}
        </SelectField>
        <div className="actions">
          <button type="button" className="button button--small" disabled={!selected} aria-disabled={busy || undefined} onClick={() => void assign()}>
            {t('admin.caseloads.assign')}
            {' '}
            <span className="visually-hidden">{client.pseudonym}</span>
          </button>
          {client.therapistId && (
            <button type="button" className="button button--secondary button--small" aria-disabled={busy || undefined} onClick={() => void unassign()}>
              {t('admin.caseloads.unassign')}
              {' '}
              <span className="visually-hidden">{client.pseudonym}</span>
            </button>
          )}
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={showHistory}
            aria-controls={historyId}
            onClick={() => setShowHistory((shown) => !shown)}
          >
            {t('admin.caseloads.history')}
            {' '}
            <span className="visually-hidden">{client.pseudonym}</span>
          </button>
        </div>
      </div>
      <div id={historyId} hidden={!showHistory}>
        {showHistory && <History key={historyVersion} clientId={client.id} />}
      </div>
    </li>
  );
}

/** The periods in which this client was linked to a therapist (remounted after each change). */
function History({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const history = useApiResource<Assignment[]>(`/api/admin/clients/${encodeURIComponent(clientId)}/assignments`);

  if (history.status === 'loading' && history.data === null) return <Loading />;
  if (history.status === 'error') return <ErrorNotice error={history.error} onRetry={history.reload} />;
  const entries = history.data ?? [];
  if (entries.length === 0) return <p className="muted">{t('admin.caseloads.historyEmpty')}</p>;
  return (
    <ol className="history">
      {entries.map((entry) => (
        <li key={`${entry.therapistId}-${entry.startedAt}`}>
          <strong>{entry.therapistPseudonym}</strong>{' '}
          {entry.endedAt
            ? t('admin.caseloads.period', { from: formatDate(entry.startedAt, { withTime: true }), to: formatDate(entry.endedAt, { withTime: true }) })
            : t('admin.caseloads.periodOpen', { from: formatDate(entry.startedAt, { withTime: true }) })}
          {entry.assignedBy && <span className="muted"> · {t('admin.caseloads.assignedBy', { who: entry.assignedBy })}</span>}
          {entry.endedBy && <span className="muted"> · {t('admin.caseloads.endedBy', { who: entry.endedBy })}</span>}
        </li>
      ))}
    </ol>
  );
}
