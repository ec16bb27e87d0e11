import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../app/feedback';
import { useFormatDate } from '../app/format';
import { SelectField } from '../app/forms';
import { Link } from '../app/Link';
import { ROUTES, useSearchParam } from '../app/router';
import { useAuth } from '../auth/AuthProvider';
import { RequireSignIn } from '../auth/RequireSignIn';
import { useApiResource } from '../auth/useApiResource';
import { codePoints, describeAnswer, errorCode } from '../programme/answers';
import { ProgressBar } from '../programme/ProgressBar';
import { isOpen, localised, programmeApi, type AnsweredStep, type CatalogueEntry, type Enrolment } from '../programme/types';
import { errorKey, useProgrammeText } from '../programme/useProgrammeText';
import { CaseloadEscalationAlert, EscalateToModerators, useCaseloadEscalations } from './CaseloadEscalations';
import { scoreSeries } from './chartData';
import { ScoreChart } from './ScoreChart';
import { ClientCheckins } from './ClientCheckins';
import { ClientThread } from './ClientThread';
import { NudgePanel } from './NudgePanel';
import { NudgeSettingsForm } from './NudgeSettingsForm';
import type { Me } from '../auth/me';
import './therapist.css';
import '../programme/programme.css';

const MAX_COMMENT = 2000;

interface CaseloadEntry {
  id: string;
  pseudonym: string;
}

interface Announcement {
  kind: 'success' | 'error';
  text: string;
}

/**
 * `/therapist/client?id=<client id>`: one client for their therapist: mood and stress, nudges and
 * their settings, the latest messages, and the programmes with answers, comments and scores.
 */
export function TherapistClientPage() {
  return <RequireSignIn role="THERAPIST">{(me) => <ClientDetail me={me} />}</RequireSignIn>;
}

function ClientDetail({ me }: { me: Me }) {
  const p = useProgrammeText();
  const { t, i18n } = useTranslation();
  const clientId = useSearchParam('id');
  const enrolments = useApiResource<Enrolment[]>(clientId ? programmeApi.ofClient(clientId) : null);
  const caseload = useApiResource<CaseloadEntry[]>('/api/caseload');
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const name = caseload.data?.find((entry) => entry.id === clientId)?.pseudonym ?? null;
  const lang = i18n.resolvedLanguage;
  const who = name ?? t('escalation.therapist.thisClient');
  const escalations = useCaseloadEscalations();
  const [timezone, setTimezone] = useState<string | null>(null);
  const [threadVersion, setThreadVersion] = useState(0);

  const list = [...(enrolments.data ?? [])].sort(
    (a, b) => Number(isOpen(b)) - Number(isOpen(a)) || (b.startedAt ?? '').localeCompare(a.startedAt ?? ''),
  );
  const series = scoreSeries(list);

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={ROUTES.home}>{p('therapist.back')}</Link> · <Link to={ROUTES.therapistDashboard}>{t('dashboard.title')}</Link>
      </p>
      <h1>{name ? t('clientDetail.title', { name }) : t('clientDetail.titleFallback')}</h1>

      <div className="live" aria-live="polite" role="status">
        {announcement?.kind === 'success' && <p className="notice notice--success">{announcement.text}</p>}
      </div>
      <div className="live" aria-live="assertive" role="alert">
        {announcement?.kind === 'error' && <p className="notice notice--error">{announcement.text}</p>}
      </div>

      {!clientId ? (
        <div className="notice notice--error" role="alert">
          <p>{p('therapist.missingId')}</p>
        </div>
      ) : (
        <>
          <CaseloadEscalationAlert queue={escalations} client={{ id: clientId, name: name ?? '…' }} />
          {enrolments.status === 'loading' && enrolments.data === null && <Loading />}
          {enrolments.status === 'error' &&
            (errorCode(enrolments.error) === 'client.not-in-caseload' ? (
              <div className="notice notice--error" role="alert">
                <p>{p('errors.client.not-in-caseload')}</p>
              </div>
            ) : (
              <ErrorNotice error={enrolments.error} onRetry={enrolments.reload} />
            ))}

          {enrolments.data !== null && (
            <>
              <EscalateToModerators clientId={clientId} name={name} onEscalated={escalations.replace} />

              <section aria-labelledby="mood-title" className="card stack">
                <h2 id="mood-title">{t('clientDetail.moodTitle')}</h2>
                <ClientCheckins clientId={clientId} onTimezone={setTimezone} />
              </section>

              <section aria-labelledby="nudges-title" className="card stack">
                <h2 id="nudges-title">{t('nudge.title')}</h2>
                <p className="muted">{t('nudge.intro', { name: who })}</p>
                <NudgePanel clientId={clientId} name={who} timezone={timezone} onSent={() => setThreadVersion((n) => n + 1)} />
              </section>

              <section aria-labelledby="nudge-settings-title" className="card stack">
                <h2 id="nudge-settings-title">{t('nudge.settings.title')}</h2>
                <p className="muted">{t('nudge.settings.intro', { name: who })}</p>
                <NudgeSettingsForm clientId={clientId} name={who} />
              </section>

              <section aria-labelledby="thread-title" className="card stack">
                <h2 id="thread-title">{t('clientDetail.threadTitle')}</h2>
                <ClientThread clientId={clientId} name={who} meId={me.id} version={threadVersion} />
              </section>

              <h2 className="section-title">{t('clientDetail.programmesTitle')}</h2>
              <AssignForm
                clientId={clientId}
                enrolments={list}
                onAssigned={(enrolment) => {
                  setAnnouncement({ kind: 'success', text: p('therapist.assigned', { title: localised(enrolment.title, lang) }) });
                  enrolments.reload();
                }}
                onError={(text) => setAnnouncement({ kind: 'error', text })}
              />

              <section aria-labelledby="scores-title" className="card stack">
                <h2 id="scores-title">{p('therapist.scores')}</h2>
                {series.length === 0 ? (
                  <p className="muted">{p('therapist.noScores')}</p>
                ) : (
                  series.map((s) => <ScoreChart key={s.questionnaire} series={s} />)
                )}
              </section>

              {list.length === 0 && <p className="card empty">{p('therapist.none')}</p>}
              {list.map((enrolment) => (
                <EnrolmentSection
                  key={enrolment.id}
                  enrolment={enrolment}
                  onCommented={() => {
                    setAnnouncement({ kind: 'success', text: p('therapist.commentSent') });
                    enrolments.reload();
                  }}
                />
              ))}
            </>
          )}
        </>
      )}
    </div>
  );
}

function AssignForm({
  clientId,
  enrolments,
  onAssigned,
  onError,
}: {
  clientId: string;
  enrolments: Enrolment[];
  onAssigned: (enrolment: Enrolment) => void;
  onError: (text: string) => void;
}) {
  const p = useProgrammeText();
  const { i18n } = useTranslation();
  const { api } = useAuth();
  const catalogue = useApiResource<CatalogueEntry[]>(programmeApi.catalogue);
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const open = new Set(enrolments.filter(isOpen).map((e) => e.programmeId));
  const available = (catalogue.data ?? []).filter((programme) => !open.has(programme.id));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!choice) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    try {
      const created = await api.request<Enrolment>(programmeApi.ofClient(clientId), { method: 'POST', body: { programmeId: choice } });
      setChoice('');
      onAssigned(created);
    } catch (error) {
      onError(p(errorKey(errorCode(error)) ?? 'errors.unknown'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="assign-title" className="card">
      <h2 id="assign-title">{p('therapist.assign')}</h2>
      {catalogue.status === 'error' && <ErrorNotice error={catalogue.error} onRetry={catalogue.reload} />}
      <form className="form filters" onSubmit={(event) => void onSubmit(event)} noValidate>
        <SelectField
          label={p('therapist.assignLabel')}
          value={choice}
          error={invalid ? p('therapist.assignChoose') : undefined}
          onChange={(event) => {
            setChoice(event.target.value);
            setInvalid(false);
          }}
        >
          <option value="">{p('therapist.assignChoose')}</option>
          {available.map((programme) => (
            <option key={programme.id} value={programme.id}>
              {localised(programme.title, i18n.resolvedLanguage)}
            </option>
          ))}
        </SelectField>
        <div className="filters__submit">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            {p('therapist.assignButton')}
          </button>
        </div>
      </form>
    </section>
  );
}

function EnrolmentSection({ enrolment, onCommented }: { enrolment: Enrolment; onCommented: () => void }) {
  const p = useProgrammeText();
  const { i18n } = useTranslation();
  const formatDate = useFormatDate();
  const title = localised(enrolment.title, i18n.resolvedLanguage);
  const headingId = `enrolment-${enrolment.id}`;
  const answers = [...enrolment.answers].sort((a, b) => b.run - a.run || (a.answeredAt ?? '').localeCompare(b.answeredAt ?? ''));
  const severalRuns = new Set(answers.map((a) => a.run)).size > 1;

  return (
    // an article, not a landmark: two enrolments of one programme with the same status and
    // dates would otherwise be two regions with the same name
    <article className="card stack" data-enrolment={enrolment.id} aria-labelledby={`${headingId} ${headingId}-status ${headingId}-dates`}>
      <div className="programme-card__head">
        <h2 id={headingId}>{title}</h2>
        <span className="programme-card__badges">
          <span id={`${headingId}-status`} className={`status-badge status-badge--${enrolment.status}`}>{p(`status.${enrolment.status}` as 'status.ACTIVE')}</span>
          {enrolment.run > 1 && <span className="status-badge run-badge">{p('therapist.run', { run: enrolment.run })}</span>}
        </span>
      </div>
      <ProgressBar done={enrolment.stepsDone} total={enrolment.stepsTotal} title={title} />
      <p className="muted" id={`${headingId}-dates`}>
        {enrolment.startedAt && p('therapist.startedAt', { date: formatDate(enrolment.startedAt) })}
        {enrolment.completedAt && ` · ${p('catalogue.completedOn', { date: formatDate(enrolment.completedAt) })}`}
      </p>
      {answers.length === 0 ? (
        <p className="muted">{p('therapist.noAnswers')}</p>
      ) : (
        // Open programmes show their answers; earlier ones stay folded so the page stays short.
        <details className="disclosure" open={isOpen(enrolment) || undefined}>
          <summary>
            {p('therapist.answers')} ({answers.length})
          </summary>
          <ol className="answer-list">
            {answers.map((answer) => (
              <AnswerItem
                key={`${answer.run}-${answer.stepId}`}
                enrolmentId={enrolment.id}
                answer={answer}
                showRun={severalRuns}
                onCommented={onCommented}
              />
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}

function AnswerItem({
  enrolmentId,
  answer,
  showRun,
  onCommented,
}: {
  enrolmentId: string;
  answer: AnsweredStep;
  showRun: boolean;
  onCommented: () => void;
}) {
  const p = useProgrammeText();
  const { i18n } = useTranslation();
  const { api } = useAuth();
  const formatDate = useFormatDate();
  const fieldId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const question = localised(answer.text, i18n.resolvedLanguage);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = text.trim();
    if (trimmed === '') {
      setError(p('therapist.commentEmpty'));
      return;
    }
    if (codePoints(trimmed) > MAX_COMMENT) {
      setError(p('step.tooLong'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.request(programmeApi.comments(enrolmentId, answer.stepId), { method: 'POST', body: { text: trimmed, run: answer.run } });
      setText('');
      onCommented();
    } catch (failure) {
      setError(p(errorKey(errorCode(failure)) ?? 'errors.unknown'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="answer-item" data-step={answer.stepId}>
      <p className="answer-item__question">{question}</p>
      <p className="answer-item__answer">{describeAnswer(answer, p, i18n.resolvedLanguage)}</p>
      <p className="answer-item__meta">
        {answer.answeredAt && p('therapist.answeredAt', { date: formatDate(answer.answeredAt, { withTime: true }) })}
        {showRun && ` · ${p('therapist.run', { run: answer.run })}`}
      </p>
      {answer.comments.length > 0 && (
        <ul className="comment-list" aria-label={p('therapist.comments')}>
          {answer.comments.map((comment, index) => (
            <li key={index}>
              {comment.text} <span className="answer-item__meta">({formatDate(comment.at, { withTime: true })})</span>
            </li>
          ))}
        </ul>
      )}
      <details className="disclosure comment-disclosure">
        <summary>{p('therapist.commentOpen')}</summary>
      <form className="comment-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <label htmlFor={fieldId} className="step-card__label">
          {p('therapist.commentLabel')}
        </label>
        <textarea
          id={fieldId}
          className="field__input"
          rows={2}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${fieldId}-hint${error ? ` ${fieldId}-error` : ''}`}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
        />
        <p id={`${fieldId}-hint`} className="answer-item__meta">
          {p('therapist.commentHint')}
        </p>
        {error && (
          <p id={`${fieldId}-error`} className="field__error" role="alert">
            {error}
          </p>
        )}
        <div>
          <button type="submit" className="button button--secondary button--small" aria-disabled={busy || undefined}>
            {p('therapist.commentSend')}
          </button>
        </div>
      </form>
      </details>
    </li>
  );
}
