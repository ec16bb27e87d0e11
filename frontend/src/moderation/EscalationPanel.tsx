import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading, useErrorText } from '../app/feedback';
import { useFormatDate } from '../app/format';
import { SelectField, TextAreaField } from '../app/forms';
import { Link } from '../app/Link';
import { useAuth } from '../auth/AuthProvider';
import type { Me } from '../auth/me';
import { ApiError } from '../auth/problem';
import { useApiResource } from '../auth/useApiResource';
import { chatPath } from '../chat/ChatLinks';
import { useChatStore } from '../chat/ChatProvider';
import { characterCount } from '../chat/chatStore';
import {
  MAX_NOTE,
  OUTCOMES,
  parseEscalationDetail,
  safetyApi,
  type ContextConversation,
  type EscalationDetail,
  type EscalationSummary,
  type Outcome,
  type Signal,
} from '../safety/types';
import { Age, categoryText, OverdueLabel, SeverityBadge, StatusText } from './EscalationBits';

/** Problem codes of the escalation API that the console explains in its own words. */
const KNOWN_CONFLICTS = ['escalation.already-claimed', 'escalation.resolved', 'escalation.not-claimed-by-you'] as const;
type Conflict = (typeof KNOWN_CONFLICTS)[number];

export function conflictOf(error: unknown): Conflict | null {
  const code = error instanceof ApiError ? error.code : undefined;
  return (KNOWN_CONFLICTS as readonly (string | undefined)[]).includes(code) ? (code as Conflict) : null;
}

interface Announcement {
  kind: 'success' | 'error';
  text: string;
}

interface PanelProps {
  id: string;
  me: Me;
  now: number;
  /** Changes when a live event concerned this escalation: load it again. */
  version: number;
  /** The escalation changed here (claimed, joined, noted, resolved). */
  onChanged: (escalation: EscalationSummary) => void;
  /** Someone else got there first: the queue is loaded again. */
  onConflict: () => void;
}

/** One escalation: what happened, its context, notes, and what the moderator can do about it. */
export function EscalationPanel({ id, me, now, version, onChanged, onConflict }: PanelProps) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const chat = useChatStore();
  const errorText = useErrorText();
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
  const act = async (name: string, path: string, body: unknown, success: string): Promise<boolean> => {
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
      const conflict = conflictOf(error);
      setAnnouncement({ kind: 'error', text: conflict ? t(`moderation.errors.${conflict}`) : errorText(error) });
      if (conflict || (error instanceof ApiError && error.status === 409)) {
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

  const mine = detail.status === 'CLAIMED' && detail.claimedBy?.id === me.id;
  const name = detail.client.pseudonym;

  return (
    <article className="escalation-detail card" aria-labelledby={`escalation-${detail.id}`}>
      <header className="escalation-detail__head">
        <h2 id={`escalation-${detail.id}`} ref={heading} tabIndex={-1}>
          {t('moderation.detail.title', { name })}
        </h2>
        <p className="escalation-detail__badges">
          <SeverityBadge severity={detail.severity} />
          {detail.overdue && <OverdueLabel />}
          <span className="muted">{categoryText(t, detail.category)}</span>
        </p>
      </header>

      <Facts detail={detail} now={now} meId={me.id} />

      <div className="live" role="status">
        {announcement?.kind === 'success' && <p className="notice notice--success">{announcement.text}</p>}
      </div>
      <div className="live" role="alert">
        {announcement?.kind === 'error' && <p className="notice notice--error">{announcement.text}</p>}
      </div>

      {detail.status !== 'RESOLVED' && (
        <div className="actions escalation-detail__actions">
          {detail.status === 'OPEN' && (
            <button
              type="button"
              className="button"
              aria-disabled={busy !== null || undefined}
              onClick={() => void act('claim', safetyApi.claim(detail.id), {}, t('moderation.detail.claimed'))}
            >
              {busy === 'claim' ? t('moderation.detail.busy') : t('moderation.detail.claim')}
            </button>
          )}
          {mine && !detail.joinedConversationId && (
            <button
              type="button"
              className="button"
              aria-disabled={busy !== null || undefined}
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
            <Link className="button" to={chatPath(detail.joinedConversationId)}>
              {t('moderation.detail.openChat', { name })}
            </Link>
          )}
          {detail.status === 'CLAIMED' && !mine && <p className="muted">{t('moderation.detail.claimedByOther', { name: detail.claimedBy?.pseudonym ?? '?' })}</p>}
        </div>
      )}

      <Signals signals={detail.signals} />
      <Context context={detail.context} signals={detail.signals} />
      <Notes
        detail={detail}
        busy={busy !== null}
        onAdd={(text) => act('note', safetyApi.notes(detail.id), { text }, t('moderation.detail.noteAdded'))}
      />
      {detail.status === 'RESOLVED' ? (
        <Resolution detail={detail} />
      ) : mine ? (
        <ResolveForm
          busy={busy !== null}
          onResolve={(outcome, note) =>
            act('resolve', safetyApi.resolve(detail.id), note ? { outcome, note } : { outcome }, t('moderation.detail.resolved'))
          }
        />
      ) : (
        <section className="escalation-section" aria-labelledby={`resolve-${detail.id}`}>
          <h3 id={`resolve-${detail.id}`}>{t('moderation.detail.resolve')}</h3>
          <p className="muted">{t('moderation.detail.claimFirst')}</p>
        </section>
      )}
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

function Signals({ signals }: { signals: Signal[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const titleId = useId();
  return (
    <section className="escalation-section" aria-labelledby={titleId}>
      <h3 id={titleId}>
        {t('moderation.detail.signals')} ({signals.length})
      </h3>
      <ol className="signal-list">
        {[...signals].reverse().map((signal, index) => (
          <li key={`${signal.at}-${index}`} className="signal">
            <p className="signal__head">
              <SeverityBadge severity={signal.severity} />
              <span>
                {t(`escalation.source.${signal.source}` as 'escalation.source.CHAT_MESSAGE', { defaultValue: signal.source })}
                {signal.category && ` · ${categoryText(t, signal.category)}`} · {formatDate(signal.at, { withTime: true })}
              </span>
            </p>
            {signal.text && <blockquote className="signal__text">{signal.text}</blockquote>}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Context({ context, signals }: { context: ContextConversation[]; signals: Signal[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const titleId = useId();
  const flagged = new Set(signals.flatMap((s) => (s.conversationId && s.seq !== null ? [`${s.conversationId}:${s.seq}`] : [])));
  return (
    <section className="escalation-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('moderation.detail.context')}</h3>
      {context.every((c) => c.messages.length === 0) && <p className="muted">{t('moderation.detail.contextEmpty')}</p>}
      {context
        .filter((c) => c.messages.length > 0)
        .map((conversation) => (
          <details key={conversation.conversationId} className="disclosure context" open>
            <summary>
              {t(`escalation.conversation.${conversation.kind}` as 'escalation.conversation.THERAPY', { defaultValue: conversation.kind })} (
              {conversation.messages.length})
            </summary>
            <ol className="context-list">
              {conversation.messages.map((message) => {
                const hit = flagged.has(`${conversation.conversationId}:${message.seq}`);
                return (
                  <li key={message.seq} className={`context-message${hit ? ' context-message--signal' : ''}`}>
                    <p className="context-message__head">
                      <strong>{message.sender}</strong> <time dateTime={message.at}>{formatDate(message.at, { withTime: true })}</time>
                      {message.kind !== 'TEXT' && (
                        <span className="muted">
                          {' '}
                          · {t(`escalation.messageKind.${message.kind}` as 'escalation.messageKind.NOTICE', { defaultValue: message.kind })}
                        </span>
                      )}
                      {hit && <span className="context-message__flag">{t('moderation.detail.flagged')}</span>}
                    </p>
                    <p className="context-message__body">{message.body}</p>
                  </li>
                );
              })}
            </ol>
          </details>
        ))}
    </section>
  );
}

function Notes({ detail, busy, onAdd }: { detail: EscalationDetail; busy: boolean; onAdd: (text: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const titleId = useId();
  const fieldId = useId();
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
      {detail.status !== 'RESOLVED' && (
        <form className="note-form" onSubmit={(event) => void onSubmit(event)} noValidate>
          <TextAreaField
            id={fieldId}
            label={t('moderation.detail.noteLabel')}
            value={text}
            error={error ?? undefined}
            onChange={(event) => {
              setText(event.target.value);
              setError(null);
            }}
          />
          <div>
            <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
              {t('moderation.detail.noteAdd')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function ResolveForm({ busy, onResolve }: { busy: boolean; onResolve: (outcome: Outcome, note: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const titleId = useId();
  const noteId = useId();
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const tooLong = characterCount(note.trim()) > MAX_NOTE;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!outcome) return setError(t('moderation.detail.outcomeMissing'));
    if (tooLong) return;
    void onResolve(outcome, note.trim());
  };

  return (
    <section className="escalation-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('moderation.detail.resolve')}</h3>
      <form className="resolve-form" onSubmit={onSubmit} noValidate>
        <SelectField
          label={t('moderation.detail.outcome')}
          value={outcome}
          error={error ?? undefined}
          onChange={(event) => {
            setOutcome(OUTCOMES.find((o) => o === event.target.value) ?? '');
            setError(null);
          }}
        >
          <option value="">{t('moderation.detail.outcomeChoose')}</option>
          {OUTCOMES.map((value) => (
            <option key={value} value={value}>
              {t(`escalation.outcome.${value}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          id={noteId}
          label={t('moderation.detail.resolveNote')}
          value={note}
          error={tooLong ? t('moderation.detail.tooLong', { max: MAX_NOTE }) : undefined}
          onChange={(event) => setNote(event.target.value)}
        />
        <div>
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            {t('moderation.detail.resolveButton')}
          </button>
        </div>
      </form>
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
        {detail.outcome ? t(`escalation.outcome.${detail.outcome}`) : t('escalation.status.RESOLVED')}
        {detail.resolvedAt && ` · ${formatDate(detail.resolvedAt, { withTime: true })}`}
      </p>
      {detail.resolutionNote && <p className="note__text">{detail.resolutionNote}</p>}
    </section>
  );
}
