import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading, useErrorText } from '../app/feedback';
import { useFormatDate } from '../app/format';
import { RadioGroupField, SelectField, TextAreaField } from '../app/forms';
import { Link } from '../app/Link';
import { useAuth } from '../auth/AuthProvider';
import type { Me } from '../auth/me';
import { ApiError } from '../auth/problem';
import { useApiResource } from '../auth/useApiResource';
import { chatPath } from '../chat/ChatLinks';
import { useChatStore } from '../chat/ChatProvider';
import { characterCount } from '../chat/chatStore';
import {
  DISMISS_REASONS,
  ESCALATION_SEVERITIES,
  MAX_NOTE,
  MAX_REVIEW_NOTE,
  parseEscalationDetail,
  RESOLVE_OUTCOMES,
  safetyApi,
  type ContextConversation,
  type DismissReason,
  type EscalationDetail,
  type EscalationSeverity,
  type EscalationSummary,
  type ResolveOutcome,
  type Signal,
} from '../safety/types';
import { contextWindow, hasHidden } from './contextWindow';
import { Age, OverdueLabel, SeverityBadge, StatusText } from './EscalationBits';
import { HighlightedText } from './highlight';
import { categoryText, outcomeText, reasonText, signalText, showsOwnText, sourceText } from './labels';
import { usePersonName } from '../privacy/deletedClient';

/** Problem codes of the escalation API that the console explains in its own words. */
const KNOWN_PROBLEMS = ['escalation.already-claimed', 'escalation.resolved', 'escalation.not-claimed-by-you', 'escalation.not-review', 'escalation.invalid'] as const;
type KnownProblem = (typeof KNOWN_PROBLEMS)[number];

export function conflictOf(error: unknown): KnownProblem | null {
  const code = error instanceof ApiError ? error.code : undefined;
  return (KNOWN_PROBLEMS as readonly (string | undefined)[]).includes(code) ? (code as KnownProblem) : null;
}

/** How many signals are shown before "show all". */
export const SIGNALS_SHOWN = 3;

interface Announcement {
  kind: 'success' | 'error';
  text: string;
}

type Act = (name: string, path: string, body: unknown, success: string) => Promise<boolean>;

interface PanelProps {
  id: string;
  me: Me;
  now: number;
  /** Changes when a live event concerned this escalation: load it again. */
  version: number;
  /** The escalation changed here (claimed, joined, noted, resolved, dismissed, escalated). */
  onChanged: (escalation: EscalationSummary) => void;
  /** Someone else got there first: the queue is loaded again. */
  onConflict: () => void;
}

/**
 * One escalation or review item: what happened and its context, and beside it (on phones: above
 * it, staying in reach while scrolling) what the moderator can do about it.
 */
export function EscalationPanel({ id, me, now, version, onChanged, onConflict }: PanelProps) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const errorText = useErrorText();
  const personName = usePersonName();
  const resource = useApiResource<unknown>(safetyApi.escalation(id));
  const { reload, set } = resource;
  const detail = useMemo(() => parseEscalationDetail(resource.data), [resource.data]);
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const focused = useRef(false);

  // A live event about this escalation (another moderator claimed it, a new signal): load it again.
  const seenVersion = useRef(version);
  useEffect(() => {
    if (seenVersion.current === version) return;
    seenVersion.current = version;
    reload();
  }, [version, reload]);

  // Opened from the queue: continue reading here (once, not after every live reload).
  useEffect(() => {
    if (!detail || focused.current) return;
    focused.current = true;
    heading.current?.focus();
  }, [detail]);

  /** Runs one action; returns whether it worked. */
  const act: Act = async (name, path, body, success) => {
    if (busy) return false;
    setBusy(name);
    setAnnouncement(null);
    try {
      const answer = await api.request<unknown>(path, { method: 'POST', body });
      const updated = parseEscalationDetail(answer);
      if (updated) {
        set(answer);
        onChanged(updated);
      } else {
        reload();
      }
      setAnnouncement({ kind: 'success', text: success });
      return true;
    } catch (error) {
      const known = conflictOf(error);
      setAnnouncement({ kind: 'error', text: known ? t(`moderation.errors.${known}`) : errorText(error) });
      if (error instanceof ApiError && error.status === 409) {
        reload();
        onConflict();
      }
      return false;
    } finally {
      setBusy(null);
    }
  };

  if (!detail) {
    if (resource.status === 'error') return <ErrorNotice error={resource.error} onRetry={reload} />;
    return <Loading />;
  }

  const review = detail.severity === 'REVIEW';
  const clientName = personName(detail.client);

  return (
    <article className={`escalation-detail card${review ? ' escalation-detail--review' : ''}`} aria-labelledby={`escalation-${detail.id}`}>
      <header className="escalation-detail__head">
        <h2 id={`escalation-${detail.id}`} ref={heading} tabIndex={-1}>
          {review ? t('moderation.detail.reviewTitle', { name: clientName }) : t('moderation.detail.title', { name: clientName })}
        </h2>
        <p className="escalation-detail__badges">
          <SeverityBadge severity={detail.severity} />
          {detail.overdue && <OverdueLabel />}
          <span className="muted">{categoryText(t, detail.category, { source: detail.lastSignal?.source, severity: detail.severity })}</span>
          {detail.escalatedFromReview && <span className="escalation-detail__tag">{t('moderation.detail.fromReview')}</span>}
        </p>
        {review && detail.status !== 'RESOLVED' && <p className="escalation-detail__review-note">{t('moderation.review.explain', { name: clientName })}</p>}
      </header>

      <div className="escalation-detail__layout">
        <ActionPanel detail={detail} me={me} busy={busy} announcement={announcement} act={act} />
        <div className="escalation-detail__main">
          <Facts detail={detail} now={now} meId={me.id} />
          <Signals signals={detail.signals} />
          <Context context={detail.context} signals={detail.signals} />
          <Notes detail={detail} />
          {detail.status === 'RESOLVED' && <Resolution detail={detail} />}
        </div>
      </div>
    </article>
  );
}

function Facts({ detail, now, meId }: { detail: EscalationDetail; now: number; meId: string }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <dl className="escalation-facts">
      <div>
        <dt>{t('moderation.detail.status')}</dt>
        <dd>
          <StatusText escalation={detail} meId={meId} />
        </dd>
      </div>
      <div>
        <dt>{t('moderation.detail.opened')}</dt>
        <dd>
          {formatDate(detail.openedAt, { withTime: true })} (<Age since={detail.openedAt} now={now} />)
        </dd>
      </div>
      <div>
        <dt>{t('moderation.detail.therapist')}</dt>
        <dd>{detail.therapist?.pseudonym ?? t('moderation.detail.noTherapist')}</dd>
      </div>
      {detail.alerts > 0 && (
        <div>
          <dt>{t('moderation.detail.realerts')}</dt>
          <dd>{t('escalation.alerts', { count: detail.alerts })}</dd>
        </div>
      )}
    </dl>
  );
}

// ---------------------------------------------------------------- actions

type FormName = 'note' | 'resolve' | 'dismiss' | 'escalate';

interface ActionPanelProps {
  detail: EscalationDetail;
  me: Me;
  busy: string | null;
  announcement: Announcement | null;
  act: Act;
}

/**
 * What the moderator can do, in one place that stays in reach: claim, join, a note, resolve; for
 * a review item dismiss or escalate. One form is open at a time, under the buttons.
 */
function ActionPanel({ detail, me, busy, announcement, act }: ActionPanelProps) {
  const { t } = useTranslation();
  const personName = usePersonName();
  const chat = useChatStore();
  const titleId = useId();
  const [open, setOpen] = useState<FormName | null>(null);
  const toggles = useRef<Partial<Record<FormName, HTMLButtonElement | null>>>({});
  const notice = useRef<HTMLParagraphElement>(null);
  const [focusNotice, setFocusNotice] = useState(false);

  const name = personName(detail.client);
  const resolved = detail.status === 'RESOLVED';
  const review = detail.severity === 'REVIEW' && !resolved;
  const mine = detail.status === 'CLAIMED' && detail.claimedBy?.id === me.id;
  const isBusy = busy !== null;

  // A form that no longer fits (the item was escalated or resolved meanwhile) closes.
  const available: Record<FormName, boolean> = { note: !resolved, resolve: mine && !resolved, dismiss: review, escalate: review };
  const shown = open && available[open] ? open : null;

  useEffect(() => {
    if (!focusNotice || !announcement) return;
    setFocusNotice(false);
    notice.current?.focus();
  }, [focusNotice, announcement]);

  const toggle = (form: FormName) => setOpen((current) => (current === form ? null : form));
  const cancel = (form: FormName) => {
    setOpen(null);
    toggles.current[form]?.focus();
  };
  /** After a form's action: close it and put focus on the result (the buttons may have changed). */
  const done = (worked: boolean) => {
    if (!worked) return;
    setOpen(null);
    setFocusNotice(true);
  };

  const toggleButton = (form: FormName, label: string, primary = false) => (
    <button
      type="button"
      ref={(element) => {
        toggles.current[form] = element;
      }}
      className={`button button--small${primary ? '' : ' button--secondary'}`}
      aria-expanded={shown === form}
      aria-controls={shown === form ? `${titleId}-${form}` : undefined}
      onClick={() => toggle(form)}
    >
      {label}
    </button>
  );

  return (
    <section className={`escalation-actions${review ? ' escalation-actions--review' : ''}`} aria-labelledby={titleId}>
      <h3 id={titleId} className="visually-hidden">
        {t('moderation.actions.title')}
      </h3>

      <div className="live" role="status">
        {announcement?.kind === 'success' && (
          <p className="notice notice--success" ref={notice} tabIndex={-1}>
            {announcement.text}
          </p>
        )}
      </div>
      <div className="live" role="alert">
        {announcement?.kind === 'error' && <p className="notice notice--error">{announcement.text}</p>}
      </div>

      {detail.status === 'CLAIMED' && !mine && <p className="muted">{t('moderation.detail.claimedByOther', { name: detail.claimedBy?.pseudonym ?? '?' })}</p>}
      {resolved && (
        <p className="escalation-actions__resolved">
          {t('moderation.actions.resolved')} {outcomeText(t, detail)}
        </p>
      )}

      {!resolved && (
        <div className="escalation-actions__buttons">
          {review && toggleButton('escalate', t('moderation.review.escalate'), true)}
          {review && toggleButton('dismiss', t('moderation.review.dismiss'))}
          {!review && detail.status === 'OPEN' && (
            <button
              type="button"
              className="button button--small"
              aria-disabled={isBusy || undefined}
              onClick={() => void act('claim', safetyApi.claim(detail.id), {}, t('moderation.detail.claimed'))}
            >
              {busy === 'claim' ? t('moderation.detail.busy') : t('moderation.detail.claim')}
            </button>
          )}
          {mine && !detail.joinedConversationId && (
            <button
              type="button"
              className="button button--small"
              aria-disabled={isBusy || undefined}
              onClick={() =>
                void act('join', safetyApi.join(detail.id), {}, t('moderation.detail.joined', { name })).then((joined) => {
                  // The conversation is new to this tab: learn who is in it before it is opened.
                  if (joined) void chat?.loadConversations();
                })
              }
            >
              {busy === 'join' ? t('moderation.detail.busy') : t('moderation.detail.join')}
            </button>
          )}
          {mine && detail.joinedConversationId && (
            <Link className="button button--small" to={chatPath(detail.joinedConversationId)}>
              {t('moderation.detail.openChat', { name })}
            </Link>
          )}
          {mine && toggleButton('resolve', t('moderation.detail.resolve'))}
          {toggleButton('note', t('moderation.detail.noteOpen'))}
        </div>
      )}
      {!resolved && !review && !mine && detail.status !== 'CLAIMED' && <p className="muted escalation-actions__hint">{t('moderation.detail.claimFirst')}</p>}

      {shown === 'note' && (
        <NoteForm
          id={`${titleId}-note`}
          busy={isBusy}
          onAdd={(text) => act('note', safetyApi.notes(detail.id), { text }, t('moderation.detail.noteAdded'))}
          onCancel={() => cancel('note')}
        />
      )}
      {shown === 'resolve' && (
        <ResolveForm
          id={`${titleId}-resolve`}
          busy={isBusy}
          onResolve={(outcome, note) =>
            act('resolve', safetyApi.resolve(detail.id), note ? { outcome, note } : { outcome }, t('moderation.detail.resolved')).then(done)
          }
          onCancel={() => cancel('resolve')}
        />
      )}
      {shown === 'dismiss' && (
        <DismissForm
          id={`${titleId}-dismiss`}
          busy={isBusy}
          onDismiss={(reason, note) =>
            act('dismiss', safetyApi.dismiss(detail.id), note ? { reason, note } : { reason }, t('moderation.review.dismissed')).then(done)
          }
          onCancel={() => cancel('dismiss')}
        />
      )}
      {shown === 'escalate' && (
        <EscalateForm
          id={`${titleId}-escalate`}
          name={name}
          busy={isBusy}
          onEscalate={(severity, note) =>
            act('escalate', safetyApi.escalate(detail.id), note ? { severity, note } : { severity }, t('moderation.review.escalated')).then(done)
          }
          onCancel={() => cancel('escalate')}
        />
      )}
    </section>
  );
}

/** Puts focus on the first field when a form opens. */
function useFocusOnOpen<T extends HTMLElement>(): RefObject<T | null> {
  const first = useRef<T>(null);
  useEffect(() => {
    first.current?.focus();
  }, []);
  return first;
}

interface FormButtonsProps {
  busy: boolean;
  submit: string;
  onCancel: () => void;
  danger?: boolean;
}

function FormButtons({ busy, submit, onCancel, danger = false }: FormButtonsProps) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="submit" className={`button button--small${danger ? ' button--danger' : ''}`} aria-disabled={busy || undefined}>
        {busy ? t('moderation.detail.busy') : submit}
      </button>
      <button type="button" className="button button--secondary button--small" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

function NoteForm({ id, busy, onAdd, onCancel }: { id: string; busy: boolean; onAdd: (text: string) => Promise<boolean>; onCancel: () => void }) {
  const { t } = useTranslation();
  const field = useFocusOnOpen<HTMLTextAreaElement>();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = text.trim();
    if (!trimmed) return setError(t('moderation.detail.noteEmpty'));
    if (characterCount(trimmed) > MAX_NOTE) return setError(t('moderation.detail.tooLong', { max: MAX_NOTE }));
    setError(null);
    if (await onAdd(trimmed)) setText('');
  };

  return (
    <form id={id} className="escalation-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <TextAreaField
        textAreaRef={field}
        label={t('moderation.detail.noteLabel')}
        hint={t('moderation.detail.notesHint')}
        value={text}
        error={error ?? undefined}
        onChange={(event) => {
          setText(event.target.value);
          setError(null);
        }}
      />
      <FormButtons busy={busy} submit={t('moderation.detail.noteAdd')} onCancel={onCancel} />
    </form>
  );
}

interface ResolveFormProps {
  id: string;
  busy: boolean;
  onResolve: (outcome: ResolveOutcome, note: string) => Promise<void>;
  onCancel: () => void;
}

function ResolveForm({ id, busy, onResolve, onCancel }: ResolveFormProps) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<ResolveOutcome | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const select = useRef<HTMLDivElement>(null);
  const tooLong = characterCount(note.trim()) > MAX_NOTE;

  useEffect(() => {
    select.current?.querySelector('select')?.focus();
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!outcome) return setError(t('moderation.detail.outcomeMissing'));
    if (tooLong) return;
    void onResolve(outcome, note.trim());
  };

  return (
    <form id={id} className="escalation-form" onSubmit={onSubmit} noValidate>
      <div ref={select}>
        <SelectField
          label={t('moderation.detail.outcome')}
          value={outcome}
          error={error ?? undefined}
          onChange={(event) => {
            setOutcome(RESOLVE_OUTCOMES.find((o) => o === event.target.value) ?? '');
            setError(null);
          }}
        >
          <option value="">{t('moderation.detail.outcomeChoose')}</option>
          {RESOLVE_OUTCOMES.map((value) => (
            <option key={value} value={value}>
              {t(`escalation.outcome.${value}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        label={t('moderation.detail.resolveNote')}
        value={note}
        error={tooLong ? t('moderation.detail.tooLong', { max: MAX_NOTE }) : undefined}
        onChange={(event) => setNote(event.target.value)}
      />
      <FormButtons busy={busy} submit={t('moderation.detail.resolveButton')} onCancel={onCancel} />
    </form>
  );
}

interface DismissFormProps {
  id: string;
  busy: boolean;
  onDismiss: (reason: DismissReason, note: string) => Promise<void>;
  onCancel: () => void;
}

/** "Not worrying": a reason is required, and a note when the reason is "something else". */
function DismissForm({ id, busy, onDismiss, onCancel }: DismissFormProps) {
  const { t } = useTranslation();
  const first = useFocusOnOpen<HTMLInputElement>();
  const [reason, setReason] = useState<DismissReason | null>(null);
  const [note, setNote] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = note.trim();
    const missingReason = reason === null;
    const missingNote = reason === 'OTHER' && trimmed === '';
    const tooLong = characterCount(trimmed) > MAX_REVIEW_NOTE;
    setReasonError(missingReason ? t('moderation.review.reasonMissing') : null);
    setNoteError(missingNote ? t('moderation.review.noteMissing') : tooLong ? t('moderation.detail.tooLong', { max: MAX_REVIEW_NOTE }) : null);
    if (missingReason || missingNote || tooLong) return;
    void onDismiss(reason, trimmed);
  };

  return (
    <form id={id} className="escalation-form" onSubmit={onSubmit} noValidate>
      <RadioGroupField
        name={`${id}-reason`}
        legend={t('moderation.review.reasonLegend')}
        options={DISMISS_REASONS.map((value) => ({ value, label: t(`escalation.dismissReason.${value}`) }))}
        value={reason}
        error={reasonError ?? undefined}
        firstRef={first}
        onChange={(value) => {
          setReason(DISMISS_REASONS.find((r) => r === value) ?? null);
          setReasonError(null);
          setNoteError(null);
        }}
      />
      <TextAreaField
        label={reason === 'OTHER' ? t('moderation.review.noteRequired') : t('moderation.review.noteOptional')}
        value={note}
        error={noteError ?? undefined}
        onChange={(event) => {
          setNote(event.target.value);
          setNoteError(null);
        }}
      />
      <FormButtons busy={busy} submit={t('moderation.review.dismissConfirm')} onCancel={onCancel} />
    </form>
  );
}

interface EscalateFormProps {
  id: string;
  name: string;
  busy: boolean;
  onEscalate: (severity: EscalationSeverity, note: string) => Promise<void>;
  onCancel: () => void;
}

/** Raises a review item to a real escalation; says what that sets in motion. */
function EscalateForm({ id, name, busy, onEscalate, onCancel }: EscalateFormProps) {
  const { t } = useTranslation();
  const first = useFocusOnOpen<HTMLInputElement>();
  const [severity, setSeverity] = useState<EscalationSeverity | null>(null);
  const [note, setNote] = useState('');
  const [severityError, setSeverityError] = useState<string | null>(null);
  const tooLong = characterCount(note.trim()) > MAX_REVIEW_NOTE;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (severity === null) return setSeverityError(t('moderation.review.severityMissing'));
    if (tooLong) return;
    void onEscalate(severity, note.trim());
  };

  return (
    <form id={id} className="escalation-form" onSubmit={onSubmit} noValidate>
      <p className="escalation-form__explain">{t('moderation.review.escalateExplain', { name })}</p>
      <RadioGroupField
        name={`${id}-severity`}
        legend={t('moderation.review.severityLegend')}
        options={ESCALATION_SEVERITIES.map((value) => ({ value, label: t(`escalation.severity.${value}`) }))}
        value={severity}
        error={severityError ?? undefined}
        firstRef={first}
        onChange={(value) => {
          setSeverity(ESCALATION_SEVERITIES.find((s) => s === value) ?? null);
          setSeverityError(null);
        }}
      />
      <TextAreaField
        label={t('moderation.review.noteOptional')}
        value={note}
        error={tooLong ? t('moderation.detail.tooLong', { max: MAX_REVIEW_NOTE }) : undefined}
        onChange={(event) => setNote(event.target.value)}
      />
      <FormButtons busy={busy} submit={t('moderation.review.escalateConfirm')} onCancel={onCancel} danger />
    </form>
  );
}

// ---------------------------------------------------------------- what happened

function SignalBody({ signal }: { signal: Signal }) {
  const { t } = useTranslation();
  const why = reasonText(t, signal.reasons, signal.contextUsed);
  const text = signalText(t, signal);
  return (
    <>
      {text && (
        <blockquote className="signal__text">{showsOwnText(signal) ? <HighlightedText text={signal.text} highlights={signal.highlights} /> : text}</blockquote>
      )}
      {!text && <p className="muted">{t('moderation.detail.textRemoved')}</p>}
      {why && (
        <p className="signal__why">
          {t('escalation.reasonLabel')} {why}
        </p>
      )}
    </>
  );
}

function Signals({ signals }: { signals: Signal[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const titleId = useId();
  const listId = useId();
  const [all, setAll] = useState(false);
  const newestFirst = [...signals].reverse();
  const shown = all ? newestFirst : newestFirst.slice(0, SIGNALS_SHOWN);
  return (
    <section className="escalation-section" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t('moderation.detail.signals')} ({signals.length})
      </h3>
      <ol className="signal-list" id={listId}>
        {shown.map((signal, index) => (
          <li key={`${signal.at}-${index}`} className={`signal signal--${signal.severity}`}>
            <p className="signal__head">
              <SeverityBadge severity={signal.severity} />
              <span>
                {sourceText(t, signal.source)} · {categoryText(t, signal.category, { source: signal.source, severity: signal.severity })} ·{' '}
                {formatDate(signal.at, { withTime: true })}
              </span>
            </p>
            <SignalBody signal={signal} />
          </li>
        ))}
      </ol>
      {signals.length > SIGNALS_SHOWN && (
        <p>
          <button type="button" className="link-button" aria-expanded={all} aria-controls={listId} onClick={() => setAll((value) => !value)}>
            {all ? t('moderation.detail.showFewer') : t('moderation.detail.showAllSignals', { count: signals.length })}
          </button>
        </p>
      )}
    </section>
  );
}

const signalKey = (conversationId: string, seq: number) => `${conversationId}:${seq}`;

function Context({ context, signals }: { context: ContextConversation[]; signals: Signal[] }) {
  const { t } = useTranslation();
  const titleId = useId();
  const bySeq = new Map(signals.flatMap((s) => (s.conversationId && s.seq !== null ? [[signalKey(s.conversationId, s.seq), s] as const] : [])));
  const withMessages = context.filter((c) => c.messages.length > 0);
  return (
    <section className="escalation-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('moderation.detail.context')}</h3>
      {withMessages.length === 0 && <p className="muted">{t('moderation.detail.contextEmpty')}</p>}
      {withMessages.map((conversation) => (
        <ContextConversationView
          key={conversation.conversationId}
          conversation={conversation}
          bySeq={bySeq}
          startOpen={withMessages.length === 1 || conversation.messages.some((m) => bySeq.has(signalKey(conversation.conversationId, m.seq)))}
        />
      ))}
    </section>
  );
}

interface ContextConversationProps {
  conversation: ContextConversation;
  bySeq: ReadonlyMap<string, Signal>;
  startOpen: boolean;
}

/** One conversation: the latest few messages and the flagged ones; the rest behind "show all". */
function ContextConversationView({ conversation, bySeq, startOpen }: ContextConversationProps) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const listId = useId();
  const [all, setAll] = useState(false);
  const signalOf = (seq: number) => bySeq.get(signalKey(conversation.conversationId, seq));
  const windowed = contextWindow(conversation.messages, (message) => signalOf(message.seq) !== undefined);
  const entries = all ? conversation.messages.map((message, index) => ({ kind: 'message' as const, message, index })) : windowed;
  const kind = conversation.kind;
  return (
    <details className="disclosure context" open={startOpen}>
      <summary>
        {t(`escalation.conversation.${kind}` as 'escalation.conversation.THERAPY', { defaultValue: kind })} ({conversation.messages.length})
      </summary>
      <ol className="context-list" id={listId}>
        {entries.map((entry) => {
          if (entry.kind === 'gap') {
            return (
              <li key={`gap-${entry.index}`} className="context-gap">
                {t('moderation.detail.hiddenMessages', { count: entry.count })}
              </li>
            );
          }
          const { message } = entry;
          const signal = signalOf(message.seq);
          // The flagged message shows the words that carried the finding, when it is the signal's own text.
          const highlights = signal && signal.text === message.body ? signal.highlights : [];
          return (
            <li key={message.seq} className={`context-message${signal ? ' context-message--signal' : ''}`}>
              <p className="context-message__head">
                <strong>{message.sender}</strong> <time dateTime={message.at}>{formatDate(message.at, { withTime: true })}</time>
                {message.kind !== 'TEXT' && (
                  <span className="muted">
                    {' '}
                    · {t(`escalation.messageKind.${message.kind}` as 'escalation.messageKind.NOTICE', { defaultValue: message.kind })}
                  </span>
                )}
                {signal && <span className="context-message__flag">{t('moderation.detail.flagged')}</span>}
              </p>
              <p className="context-message__body">
                <HighlightedText text={message.body} highlights={highlights} />
              </p>
            </li>
          );
        })}
      </ol>
      {hasHidden(windowed) && (
        <p className="context__more">
          <button type="button" className="link-button" aria-expanded={all} aria-controls={listId} onClick={() => setAll((value) => !value)}>
            {all ? t('moderation.detail.showFewer') : t('moderation.detail.showAllMessages', { count: conversation.messages.length })}
          </button>
        </p>
      )}
    </details>
  );
}

function Notes({ detail }: { detail: EscalationDetail }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const titleId = useId();
  return (
    <section className="escalation-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('moderation.detail.notes')}</h3>
      <p className="muted">{t('moderation.detail.notesHint')}</p>
      {detail.notes.length === 0 ? (
        <p>{t('moderation.detail.noNotes')}</p>
      ) : (
        <ol className="note-list">
          {detail.notes.map((note) => (
            <li key={note.id} className="note">
              <p className="note__head">
                <strong>{note.author.pseudonym}</strong> · <time dateTime={note.at}>{formatDate(note.at, { withTime: true })}</time>
              </p>
              <p className="note__text">{note.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Resolution({ detail }: { detail: EscalationDetail }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const titleId = useId();
  return (
    <section className="escalation-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('moderation.detail.resolution')}</h3>
      <p>
        {detail.outcome ? outcomeText(t, detail) : t('escalation.status.RESOLVED')}
        {detail.resolvedAt && ` · ${formatDate(detail.resolvedAt, { withTime: true })}`}
      </p>
      {detail.resolutionNote && <p className="note__text">{detail.resolutionNote}</p>}
    </section>
  );
}
