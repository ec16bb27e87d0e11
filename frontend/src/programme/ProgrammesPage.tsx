import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../app/feedback';
import { useFormatDate } from '../app/format';
import { Link } from '../app/Link';
import { navigate } from '../app/router';
import { useAuth } from '../auth/AuthProvider';
import { useChatStore } from '../chat/ChatProvider';
import { RequireSignIn } from '../auth/RequireSignIn';
import { useApiResource } from '../auth/useApiResource';
import { bandText, errorCode } from './answers';
import { ProgressBar } from './ProgressBar';
import { isOpen, localised, programmeApi, type CatalogueEntry, type Enrolment } from './types';
import { errorKey, useProgrammeText } from './useProgrammeText';
import './programme.css';

export const PROGRAMMES_PATH = '/programmes';

/** Where "Continue" goes: the enrolment's guide conversation in the chat. */
export function guideChatPath(enrolment: Pick<Enrolment, 'conversationId'>): string {
  return `/chat?c=${encodeURIComponent(enrolment.conversationId)}`;
}

/** `/programmes`: the catalogue, the client's own programmes and what they can do with them. */
export function ProgrammesPage() {
  return <RequireSignIn role="CLIENT">{() => <Programmes />}</RequireSignIn>;
}

type Action = 'pause' | 'resume' | 'restart' | 'leave';

interface Announcement {
  kind: 'success' | 'error';
  text: string;
}

function Programmes() {
  const p = useProgrammeText();
  const { i18n } = useTranslation();
  const { api } = useAuth();
  const chat = useChatStore();
  const catalogue = useApiResource<CatalogueEntry[]>(programmeApi.catalogue);
  const mine = useApiResource<Enrolment[]>(programmeApi.mine);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const lang = i18n.resolvedLanguage;

  const programmes = catalogue.data ?? [];
  const enrolments = mine.data ?? [];
  const openByProgramme = new Map(enrolments.filter(isOpen).map((e) => [e.programmeId, e]));
  const completed = latestCompleted(enrolments);
  const completedByProgramme = new Map(completed.map((e) => [e.programmeId, e]));
  const shown = [...enrolments.filter(isOpen), ...completed];

  const failed = (error: unknown) => {
    setAnnouncement({ kind: 'error', text: p(errorKey(errorCode(error)) ?? 'errors.unknown') });
  };

  const replace = (updated: Enrolment) => {
    const rest = enrolments.filter((e) => e.id !== updated.id);
    mine.set([updated, ...rest]);
  };

  /** Into the guide chat of a programme just started, or started again (its next run). */
  const opened = async (started: Enrolment) => {
    replace(started);
    const title = localised(started.title, lang);
    setAnnouncement({
      kind: 'success',
      text: started.run > 1 ? p('catalogue.againStarted', { title, run: started.run }) : p('catalogue.started', { title }),
    });
    // The chat learns about the new guide conversation before it is opened.
    await chat?.loadConversations();
    navigate(guideChatPath(started));
  };

  // Starting a programme completed before is its next run, in the same enrolment (the server decides).
  const start = async (programme: CatalogueEntry) => {
    setBusy(programme.id);
    setAnnouncement(null);
    try {
      await opened(await api.request<Enrolment>(programmeApi.enrol, { method: 'POST', body: { programmeId: programme.id } }));
    } catch (error) {
      failed(error);
      if (errorCode(error) === 'enrolment.exists') mine.reload();
    } finally {
      setBusy(null);
    }
  };

  const again = async (enrolment: Enrolment) => {
    setBusy(enrolment.id);
    setAnnouncement(null);
    try {
      await opened(await api.request<Enrolment>(programmeApi.action(enrolment.id, 'restart'), { method: 'POST' }));
    } catch (error) {
      failed(error);
      if (errorCode(error) === 'enrolment.exists') mine.reload();
    } finally {
      setBusy(null);
    }
  };

  const act = async (enrolment: Enrolment, action: Action) => {
    setBusy(enrolment.id);
    setAnnouncement(null);
    try {
      const updated = await api.request<Enrolment>(programmeApi.action(enrolment.id, action), { method: 'POST' });
      replace(updated);
      setAnnouncement({ kind: 'success', text: `${localised(updated.title, lang)}: ${p(`status.${updated.status}` as 'status.ACTIVE')}` });
    } catch (error) {
      failed(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/home">{p('catalogue.back')}</Link>
      </p>
      <h1>{p('catalogue.title')}</h1>
      <p className="page__intro">{p('catalogue.intro')}</p>

      <div className="live" aria-live="polite" role="status">
        {announcement?.kind === 'success' && <p className="notice notice--success">{announcement.text}</p>}
      </div>
      <div className="live" aria-live="assertive" role="alert">
        {announcement?.kind === 'error' && <p className="notice notice--error">{announcement.text}</p>}
      </div>

      <section aria-labelledby="mine-title" className="stack">
        <h2 id="mine-title">{p('catalogue.mine')}</h2>
        {mine.status === 'loading' && mine.data === null && <Loading />}
        {mine.status === 'error' && <ErrorNotice error={mine.error} onRetry={mine.reload} />}
        {mine.status === 'ready' && shown.length === 0 && <p className="muted">{p('catalogue.noneStarted')}</p>}
        {shown.length > 0 && (
          <ul className="programme-list">
            {shown.map((enrolment) => (
              <li key={enrolment.id}>
                <EnrolmentCard
                  enrolment={enrolment}
                  busy={busy === enrolment.id}
                  onAction={(action) => void act(enrolment, action)}
                  onAgain={() => void again(enrolment)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="catalogue-title" className="stack">
        <h2 id="catalogue-title">{p('catalogue.available')}</h2>
        {catalogue.status === 'loading' && catalogue.data === null && <Loading />}
        {catalogue.status === 'error' && <ErrorNotice error={catalogue.error} onRetry={catalogue.reload} />}
        {catalogue.status === 'ready' && programmes.length === 0 && <p className="muted">{p('catalogue.empty')}</p>}
        {programmes.length > 0 && (
          <ul className="programme-list programme-list--catalogue">
            {programmes.map((programme) => {
              const title = localised(programme.title, lang);
              const open = openByProgramme.get(programme.id);
              const done = completedByProgramme.get(programme.id);
              return (
                <li key={programme.id}>
                  <article className="card programme-card" aria-labelledby={`programme-${programme.id}`}>
                    <h3 id={`programme-${programme.id}`}>{title}</h3>
                    <p>{localised(programme.summary, lang)}</p>
                    <ul className="programme-card__facts">
                      <li>{p('catalogue.minutes', { count: programme.estimatedMinutes })}</li>
                      <li>{p('catalogue.steps', { count: programme.steps })}</li>
                    </ul>
                    {programme.audience && localised(programme.audience, lang) && (
                      <p className="muted">
                        <strong>{p('catalogue.audience')}:</strong> {localised(programme.audience, lang)}
                      </p>
                    )}
                    {programme.modules.length > 0 && (
                      <details className="disclosure">
                        <summary>{p('catalogue.modules')}</summary>
                        <ol>
                          {programme.modules.map((module, index) => (
                            <li key={index}>{localised(module, lang)}</li>
                          ))}
                        </ol>
                      </details>
                    )}
                    <div className="actions">
                      {open ? (
                        <Link className="button" to={guideChatPath(open)} aria-label={p('catalogue.continueNamed', { title })}>
                          {p('catalogue.continue')}
                        </Link>
                      ) : (
                        <button
                          type="button"
                          className="button"
                          aria-label={p(done ? 'catalogue.doAgainNamed' : 'catalogue.startNamed', { title })}
                          aria-disabled={busy === programme.id || mine.status !== 'ready' || undefined}
                          onClick={() => {
                            if (busy === null && mine.status === 'ready') void start(programme);
                          }}
                        >
                          {p(done ? 'catalogue.doAgain' : 'catalogue.start')}
                        </button>
                      )}
                    </div>
                  </article>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

/** The newest completed enrolment per programme that is not open again. */
function latestCompleted(enrolments: Enrolment[]): Enrolment[] {
  const open = new Set(enrolments.filter(isOpen).map((e) => e.programmeId));
  const byProgramme = new Map<string, Enrolment>();
  for (const e of enrolments) {
    if (e.status !== 'COMPLETED' || open.has(e.programmeId)) continue;
    const known = byProgramme.get(e.programmeId);
    if (!known || (e.completedAt ?? '') > (known.completedAt ?? '')) byProgramme.set(e.programmeId, e);
  }
  return [...byProgramme.values()];
}

function EnrolmentCard({
  enrolment,
  busy,
  onAction,
  onAgain,
}: {
  enrolment: Enrolment;
  busy: boolean;
  onAction: (action: Action) => void;
  onAgain: () => void;
}) {
  const p = useProgrammeText();
  const { i18n } = useTranslation();
  const formatDate = useFormatDate();
  const [confirming, setConfirming] = useState<'leave' | 'restart' | null>(null);
  const title = localised(enrolment.title, i18n.resolvedLanguage);
  const headingId = `enrolment-${enrolment.id}`;
  const completed = enrolment.status === 'COMPLETED';
  const disabled = busy || undefined;
  const run = (action: Action) => {
    if (!busy) onAction(action);
  };

  return (
    <article className="card programme-card" aria-labelledby={headingId}>
      <div className="programme-card__head">
        <h3 id={headingId}>{title}</h3>
        <span className="programme-card__badges">
          <span className={`status-badge status-badge--${enrolment.status}`}>{p(`status.${enrolment.status}` as 'status.ACTIVE')}</span>
          {enrolment.run > 1 && <span className="status-badge run-badge">{p('catalogue.run', { run: enrolment.run })}</span>}
        </span>
      </div>
      <ProgressBar done={enrolment.stepsDone} total={enrolment.stepsTotal} title={title} />
      {completed ? (
        <>
          {/* The progress bar above already says how many steps were done. */}
          {enrolment.completedAt && <p>{p('catalogue.completedOn', { date: formatDate(enrolment.completedAt) })}</p>}
          {enrolment.scores.length > 0 && (
            <div>
              <h4>{p('catalogue.results')}</h4>
              <ul className="results">
                {enrolment.scores.map((score, index) => (
                  <li key={index}>
                    {score.questionnaire.toUpperCase()}: {bandText(score.band, p)}{' '}
                    <span className="muted">
                      ({enrolment.run > 1 && `${p('catalogue.run', { run: score.run ?? 1 })}, `}
                      {formatDate(score.at)})
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="actions">
            <Link className="button button--secondary" to={guideChatPath(enrolment)}>
              {p('catalogue.reread')}
            </Link>
            <button type="button" className="button" aria-label={p('catalogue.doAgainNamed', { title })} aria-disabled={disabled} onClick={() => !busy && onAgain()}>
              {p('catalogue.doAgain')}
            </button>
          </div>
        </>
      ) : confirming ? (
        <div className="confirm-box" role="group" aria-label={p(confirming === 'leave' ? 'catalogue.leave' : 'catalogue.restart')}>
          <p>{p(confirming === 'leave' ? 'catalogue.confirmLeave' : 'catalogue.confirmRestart', { title })}</p>
          <div className="actions">
            <button
              type="button"
              className={`button${confirming === 'leave' ? ' button--danger' : ''}`}
              aria-disabled={disabled}
              onClick={() => {
                run(confirming);
                setConfirming(null);
              }}
            >
              {p('catalogue.confirmYes')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
              {p('catalogue.confirmNo')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <Link className="button" to={guideChatPath(enrolment)} aria-label={p('catalogue.continueNamed', { title })}>
            {p('catalogue.continue')}
          </Link>
          {enrolment.status === 'ACTIVE' ? (
            <button type="button" className="button button--secondary" aria-disabled={disabled} onClick={() => run('pause')}>
              {p('catalogue.pause')}
            </button>
          ) : (
            <button type="button" className="button button--secondary" aria-disabled={disabled} onClick={() => run('resume')}>
              {p('catalogue.resume')}
            </button>
          )}
          <button type="button" className="button button--secondary" aria-disabled={disabled} onClick={() => setConfirming('restart')}>
            {p('catalogue.restart')}
          </button>
          <button type="button" className="button button--secondary" aria-disabled={disabled} onClick={() => setConfirming('leave')}>
            {p('catalogue.leave')}
          </button>
        </div>
      )}
    </article>
  );
}
