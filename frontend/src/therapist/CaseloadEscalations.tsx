import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, useErrorText } from '../app/feedback';
import { SelectField, TextAreaField } from '../app/forms';
import { Link } from '../app/Link';
import { useAuth } from '../auth/AuthProvider';
import { characterCount } from '../chat/chatStore';
import { Age, OverdueLabel, SeverityBadge, StatusText, useNow } from '../moderation/EscalationBits';
import { categoryText, sourceText } from '../moderation/labels';
import { isAlert } from '../moderation/queue';
import { useEscalationQueue, type EscalationQueue } from '../moderation/useEscalationQueue';
import { errorCode } from '../programme/answers';
import { useProgrammeText } from '../programme/useProgrammeText';
import { ESCALATION_QUEUE, ESCALATION_SEVERITIES, MAX_REASON, parseEscalation, safetyApi, type EscalationSeverity, type EscalationSummary } from '../safety/types';
import { therapistClientPath } from './paths';

/**
 * The open escalations of the therapist's clients (`GET /api/caseload/escalations`), kept live
 * by `/user/queue/escalations`; `announce` is told about new ones.
 */
export function useCaseloadEscalations(announce?: (escalation: EscalationSummary) => void): EscalationQueue {
  return useEscalationQueue({
    path: safetyApi.caseload,
    status: 'OPEN',
    destination: ESCALATION_QUEUE,
    onEvent: (event) => {
      if (isAlert(event)) announce?.(event.escalation);
    },
  });
}

interface AlertProps {
  queue: EscalationQueue;
  /** Only this client's escalations (on the client's page). */
  client?: { id: string; name: string } | undefined;
}

/** A clearly visible box with the open escalations; nothing when there are none. */
export function CaseloadEscalationAlert({ queue, client }: AlertProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const now = useNow();
  // Review items are for moderators only; the server never sends them here, and they are not shown if it did.
  const open = queue.items.filter((e) => e.severity !== 'REVIEW');
  const items = client ? open.filter((e) => e.client.id === client.id) : open;

  if (queue.load === 'error' && queue.items.length === 0) return <ErrorNotice error={queue.error} onRetry={queue.reload} />;
  if (items.length === 0) return null;
  return (
    <section className="escalation-alert" aria-labelledby={titleId}>
      <h2 id={titleId}>{client ? t('escalation.therapist.alertClientTitle', { name: client.name }) : t('escalation.therapist.alertTitle')}</h2>
      <p>{t('escalation.therapist.alertText')}</p>
      <ul>
        {items.map((escalation) => (
          <li key={escalation.id} data-escalation={escalation.id}>
            <p>
              <strong>{escalation.client.pseudonym}</strong> <SeverityBadge severity={escalation.severity} />{' '}
              {escalation.overdue && <OverdueLabel />} {categoryText(t, escalation.category, { source: escalation.lastSignal?.source, severity: escalation.severity })} ·{' '}
              <Age since={escalation.openedAt} now={now} />
            </p>
            <p className="muted">
              <StatusText escalation={escalation} />
              {escalation.lastSignal && ` · ${sourceText(t, escalation.lastSignal.source)}`}
            </p>
            {!client && (
              <p>
                <Link to={therapistClientPath(escalation.client.id)}>{t('escalation.therapist.openClient', { name: escalation.client.pseudonym })}</Link>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface EscalateProps {
  clientId: string;
  name: string | null;
  onEscalated: (escalation: EscalationSummary) => void;
}

/** "Escalate to moderators" with a reason (and how urgent): `POST /api/clients/{id}/escalations`. */
export function EscalateToModerators({ clientId, name, onEscalated }: EscalateProps) {
  const { t } = useTranslation();
  const p = useProgrammeText();
  const { api } = useAuth();
  const errorText = useErrorText();
  const titleId = useId();
  const fieldId = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [severity, setSeverity] = useState<EscalationSeverity>('HIGH');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const who = name ?? t('escalation.therapist.thisClient');

  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    setInvalid(null);
    // The opener is back once the form is gone.
    setTimeout(() => opener.current?.focus(), 0);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = reason.trim();
    if (!trimmed) return setInvalid(t('escalation.therapist.reasonEmpty'));
    if (characterCount(trimmed) > MAX_REASON) return setInvalid(t('escalation.therapist.tooLong', { max: MAX_REASON }));
    setBusy(true);
    setResult(null);
    try {
      const created = parseEscalation(await api.request<unknown>(safetyApi.ofClient(clientId), { method: 'POST', body: { reason: trimmed, severity } }));
      if (created) onEscalated(created);
      setReason('');
      setSeverity('HIGH');
      setResult({ kind: 'success', text: t('escalation.therapist.sent') });
      close();
    } catch (error) {
      const text = errorCode(error) === 'client.not-in-caseload' ? p('errors.client.not-in-caseload') : errorText(error);
      setResult({ kind: 'error', text: `${t('escalation.therapist.failed')} ${text}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card escalate" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('escalation.therapist.escalateTitle')}</h2>
      <div className="live" role="status">
        {result?.kind === 'success' && <p className="notice notice--success">{result.text}</p>}
      </div>
      <div className="live" role="alert">
        {result?.kind === 'error' && <p className="notice notice--error">{result.text}</p>}
      </div>
      {!open ? (
        <div>
          <button ref={opener} type="button" className="button button--danger" onClick={() => setOpen(true)}>
            {t('escalation.therapist.escalate')}
          </button>
        </div>
      ) : (
        <form className="escalate-form" onSubmit={(event) => void onSubmit(event)} noValidate>
          <p>{t('escalation.therapist.escalateIntro', { name: who })}</p>
          <TextAreaField
            id={fieldId}
            textAreaRef={field}
            label={t('escalation.therapist.reason')}
            hint={t('escalation.therapist.reasonHint')}
            value={reason}
            error={invalid ?? undefined}
            onChange={(event) => {
              setReason(event.target.value);
              setInvalid(null);
            }}
          />
          <SelectField
            label={t('escalation.therapist.severity')}
            value={severity}
            onChange={(event) => setSeverity(ESCALATION_SEVERITIES.find((s) => s === event.target.value) ?? 'HIGH')}
          >
            {ESCALATION_SEVERITIES.map((value) => (
              <option key={value} value={value}>
                {t(`escalation.severity.${value}`)}
              </option>
            ))}
          </SelectField>
          <div className="actions">
            <button type="submit" className="button button--danger" aria-disabled={busy || undefined}>
              {busy ? t('escalation.therapist.sending') : t('escalation.therapist.send')}
            </button>
            <button type="button" className="button button--secondary" onClick={close}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
