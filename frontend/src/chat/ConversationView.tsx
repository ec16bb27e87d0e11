import { Fragment, useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../app/feedback';
import { FINE_POINTER_QUERY, useMediaQuery } from '../app/viewport';
import { announcementOf, senderLabel } from './announce';
import { dayKey, useChatFormat } from './chatFormat';
import { conversationName, namedParticipants } from './ChatLinks';
import { useChatState, useChatStore } from './ChatProvider';
import { characterCount, normaliseBody } from './chatStore';
import { otherParticipants, ownStatus, type ChatMessage, type ConversationState, type OwnStatus } from './conversation';
import { COUNTER_FROM, isChatErrorCode, MAX_MESSAGE_LENGTH } from './types';
import { currentStepKey, GuideMessageItem, GuideProgress, isContinueAnswer, isGuideKind } from '../programme/GuideMessages';
import { isSafetyNotice, ModeratorBadge, SafetyNoticeItem } from '../safety/SafetyNotice';
import { isModeratorMessage } from '../safety/types';
import { CHECKIN_KIND, CheckinConversationHint, CheckinReminderItem, isCheckinReminder } from '../checkin/CheckinNotice';

/** Near enough to the bottom to follow new messages. */
const STICK_TO_BOTTOM_PX = 96;
/** Near enough to the top to load older messages. */
const LOAD_OLDER_PX = 48;

/** Whether the page is on screen (not in a background tab). */
function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

/** One open conversation: presence, messages, typing indicator and the composer. */
export function ConversationView({ conversation, meId }: { conversation: ConversationState; meId: string }) {
  const { t } = useTranslation();
  const store = useChatStore();
  const pageVisible = usePageVisible();
  const id = conversation.id;
  const name = conversationName(conversation, meId);
  const others = otherParticipants(conversation, meId);
  // Whether the person the conversation is named after is online (not a moderator who joined).
  const online = namedParticipants(conversation, meId).some((p) => p.online);
  const guide = conversation.kind === 'GUIDE';
  // The guide's daily check-in reminders: nobody writes there, and there is nobody to be online.
  const checkin = conversation.kind === CHECKIN_KIND;
  const answersSteps = guide && conversation.participants.find((p) => p.id === meId)?.role !== 'THERAPIST';
  const answers = guide ? conversation.messages.filter((m) => m.kind === 'ANSWER').length : 0;
  const typingName = conversation.typingUserId ? others.find((p) => p.id === conversation.typingUserId)?.pseudonym ?? name : null;

  useEffect(() => store?.openConversation(id), [store, id]);
  useEffect(() => {
    store?.setVisible(id, pageVisible);
  }, [store, id, pageVisible]);

  return (
    <section className="conversation" aria-label={name}>
      {/* Presence is about people: the guide and the reminders are no one to be online. */}
      {!checkin && !guide && (
        <div className="conversation__header">
          <span className={`presence-dot presence-dot--inline${online ? ' presence-dot--online' : ''}`} aria-hidden="true" />
          <span className="conversation__presence">{online ? t('chat.isOnline', { name }) : t('chat.isOffline', { name })}</span>
        </div>
      )}
      {answersSteps && <GuideProgress conversationId={id} answers={answers} />}
      <MessageList conversation={conversation} meId={meId} name={name} />
      <p className="typing-indicator" aria-live="polite">
        {typingName && (
          <>
            <span className="typing-indicator__dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            {t('chat.typing', { name: typingName })}
          </>
        )}
      </p>
      {conversation.closedAt ? (
        <p className="composer composer__hint conversation__closed" role="status">
          {t('chat.closed')}
        </p>
      ) : guide ? (
        <p className="composer composer__hint guide-hint">{t('programme.guide.hint')}</p>
      ) : checkin ? (
        <CheckinConversationHint />
      ) : (
        <Composer conversationId={id} name={name} />
      )}
    </section>
  );
}

function MessageList({ conversation, meId, name }: { conversation: ConversationState; meId: string; name: string }) {
  const { t } = useTranslation();
  const store = useChatStore();
  const format = useChatFormat();
  const scroller = useRef<HTMLDivElement>(null);
  const messages = conversation.messages;
  // Only the client answers the steps of their guide conversation (a therapist who commented reads along).
  const canAnswer = conversation.kind === 'GUIDE' && conversation.participants.find((p) => p.id === meId)?.role !== 'THERAPIST';
  const currentStep = canAnswer ? currentStepKey(messages) : null;
  const first = messages[0]?.key ?? null;
  const last = messages[messages.length - 1] ?? null;
  const snapshot = useRef<{ first: string | null; last: string | null; height: number; top: number } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const announcedSeq = useRef<number | null>(null);

  // Keep the view where the reader is: follow new messages at the bottom, and keep the
  // position when older messages are added above.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const previous = snapshot.current;
    if (!previous || previous.last === null) {
      element.scrollTop = element.scrollHeight;
    } else if (previous.first !== first && previous.last === (last?.key ?? null)) {
      element.scrollTop = element.scrollHeight - previous.height + previous.top;
    } else if (previous.last !== (last?.key ?? null)) {
      const wasAtBottom = previous.height - previous.top - element.clientHeight < STICK_TO_BOTTOM_PX;
      if (wasAtBottom || last?.senderId === meId) element.scrollTop = element.scrollHeight;
    }
    snapshot.current = { first, last: last?.key ?? null, height: element.scrollHeight, top: element.scrollTop };
  }, [first, last, meId]);

  // Announce messages from the other person that arrive while the conversation is open
  // (not the history that was already there).
  useEffect(() => {
    if (conversation.history !== 'ready') return;
    const newest = [...messages].reverse().find((m) => m.seq !== null && m.senderId !== meId);
    const seq = newest?.seq ?? 0;
    if (announcedSeq.current === null) {
      announcedSeq.current = seq;
      return;
    }
    if (newest && seq > announcedSeq.current) {
      announcedSeq.current = seq;
      setAnnouncement(announcementOf(newest, conversation, name, t));
    }
  }, [messages, conversation, meId, name, t]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    snapshot.current = { first, last: last?.key ?? null, height: element.scrollHeight, top: element.scrollTop };
    if (element.scrollTop < LOAD_OLDER_PX && conversation.hasOlder && !conversation.loadingOlder) void store?.loadOlder(conversation.id);
  };

  let previousDay = '';
  return (
    <>
      <div
        ref={scroller}
        className="messages"
        role="region"
        aria-label={t('chat.messagesLabel', { name })}
        tabIndex={0}
        onScroll={onScroll}
      >
        {conversation.history === 'loading' && messages.length === 0 && <Loading />}
        {conversation.history === 'error' && (
          <div className="notice notice--error" role="alert">
            <p>{t('chat.historyError')}</p>
            <button type="button" className="button button--secondary button--small" onClick={() => void store?.loadHistory(conversation.id)}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {conversation.hasOlder ? (
          <div className="messages__older">
            <button
              type="button"
              className="button button--secondary button--small"
              aria-disabled={conversation.loadingOlder || undefined}
              onClick={() => void store?.loadOlder(conversation.id)}
            >
              {conversation.loadingOlder ? t('chat.loadingOlder') : t('chat.loadOlder')}
            </button>
          </div>
        ) : (
          conversation.history === 'ready' &&
          (messages.length > 0 ? <p className="messages__start">{t('chat.start')}</p> : <p className="messages__start">{t('chat.noMessagesYet')}</p>)
        )}
        <ol className="messages__list">
          {messages.map((message) => {
            const day = dayKey(message.createdAt);
            const separator = day !== previousDay && day !== '';
            previousDay = day || previousDay;
            return (
              <Fragment key={message.key}>
                {separator && (
                  <li className="day-separator">
                    <span>{format.day(message.createdAt)}</span>
                  </li>
                )}
                {isContinueAnswer(message, messages) ? null : isCheckinReminder(message) ? (
                  <CheckinReminderItem message={message} />
                ) : isSafetyNotice(message) ? (
                  <SafetyNoticeItem message={message} />
                ) : isGuideKind(message.kind) ? (
                  <GuideMessageItem message={message} interactive={message.key === currentStep} />
                ) : (
                  <MessageBubble message={message} conversation={conversation} own={message.senderId === meId} name={name} meId={meId} />
                )}
              </Fragment>
            );
          })}
        </ol>
      </div>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
    </>
  );
}

const STATUS_ICON: Record<OwnStatus, string> = {
  sending: 'M12 6v6l3.5 2',
  sent: 'm5 12.5 4.5 4.5L19 7.5',
  read: 'm2.5 12.5 4.5 4.5 9.5-9.5M11 16.5l1 1 9.5-9.5',
  failed: 'M12 7v6M12 16.5v.5',
};

interface MessageBubbleProps {
  message: ChatMessage;
  conversation: ConversationState;
  own: boolean;
  name: string;
  meId: string;
}

function MessageBubble({ message, conversation, own, name, meId }: MessageBubbleProps) {
  const { t } = useTranslation();
  const store = useChatStore();
  const format = useChatFormat();
  const status = own ? ownStatus(message, conversation) : null;
  const reason = message.failed ? (isChatErrorCode(message.failed) ? t(`chat.errors.${message.failed}`) : t('chat.errors.unknown')) : null;
  const sender = conversation.participants.find((p) => p.id === message.senderId);
  const moderator = !own && (isModeratorMessage(message.data) || sender?.role === 'MODERATOR');
  // With more than one other person in the conversation (a moderator joined), say who wrote what.
  const showSender = !own && (moderator || conversation.participants.filter((p) => p.id !== meId).length > 1);
  // A therapist's nudge (sent now, at a planned time or suggested by Cocon and approved) is marked as one.
  const nudge = message.kind === 'NUDGE';

  return (
    <li
      className={`message ${own ? 'message--own' : 'message--other'}${nudge ? ' message--nudge' : ''}${status ? ` message--${status}` : ''}`}
      data-status={status ?? undefined}
    >
      <div className="message__bubble">
        {nudge && <NudgeLabel own={own} name={sender?.pseudonym ?? name} />}
        {nudge ? null : showSender ? (
          <p className="message__sender">
            {(sender?.pseudonym ?? (moderator ? null : name)) && <span>{sender?.pseudonym ?? name} </span>}
            {moderator && <ModeratorBadge />}
            <span className="visually-hidden">: </span>
          </p>
        ) : (
          <span className="visually-hidden">{own ? t('chat.you') : senderLabel(message, conversation, name, t)}: </span>
        )}
        <p className="message__body">{message.body}</p>
        <p className="message__meta">
          {message.createdAt && <time dateTime={message.createdAt}>{format.time(message.createdAt)}</time>}
          {status && (
            <span className={`message__status message__status--${status}`}>
              <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                {status === 'sending' || status === 'failed' ? <circle cx="12" cy="12" r="9" /> : null}
                <path d={STATUS_ICON[status]} />
              </svg>
              <span className={status === 'sent' || status === 'read' ? 'visually-hidden' : undefined}>{t(`chat.status.${status}`)}</span>
            </span>
          )}
        </p>
      </div>
      {status === 'failed' && message.clientMessageId && (
        <div className="message__failure">
          <p>{reason}</p>
          <button type="button" className="button button--secondary button--small" onClick={() => store?.retry(message.clientMessageId ?? '')}>
            {t('chat.retry')}
          </button>
        </div>
      )}
    </li>
  );
}

/** "Nudge from <therapist>" (or "Your nudge"), with a small icon: says what it is in words. */
function NudgeLabel({ own, name }: { own: boolean; name: string }) {
  const { t } = useTranslation();
  return (
    <p className="message__nudge-label">
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M12 3.5l2.5 5.2 5.7.8-4.1 4 1 5.7L12 16.5l-5.1 2.7 1-5.7-4.1-4 5.7-.8L12 3.5Z" />
      </svg>
      {own ? t('chat.nudge.own') : t('chat.nudge.from', { name })}
      <span className="visually-hidden">: </span>
    </p>
  );
}

function Composer({ conversationId, name }: { conversationId: string; name: string }) {
  const { t } = useTranslation();
  const store = useChatStore();
  const state = useChatState();
  const [text, setText] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  const fieldId = useId();
  const length = characterCount(normaliseBody(text));
  const over = length - MAX_MESSAGE_LENGTH;
  const canSend = length > 0 && over <= 0;
  const offline = state !== null && state.connection !== 'online';
  // "Enter sends" is a tip for a physical keyboard; on a phone the send button is the way.
  const keyboardTip = useMediaQuery(FINE_POINTER_QUERY);

  const send = () => {
    if (!store || !canSend) return;
    if (store.send(conversationId, text) !== null) setText('');
    // Keep writing where you were (a click on "Send" would otherwise leave focus on a disabled button).
    field.current?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  };

  const onChange = (value: string) => {
    setText(value);
    if (!store) return;
    if (value.trim() === '') store.stopTyping(conversationId);
    else store.typing(conversationId);
  };

  const describedBy = [offline || keyboardTip ? `${fieldId}-hint` : null, length >= COUNTER_FROM ? `${fieldId}-count` : null].filter(Boolean).join(' ') || undefined;

  return (
    <form className="composer" onSubmit={onSubmit}>
      <label className="visually-hidden" htmlFor={fieldId}>
        {t('chat.composer.label', { name })}
      </label>
      <div className="composer__row">
        <textarea
          ref={field}
          id={fieldId}
          className="composer__input"
          rows={1}
          value={text}
          placeholder={t('chat.composer.placeholder')}
          aria-describedby={describedBy}
          aria-invalid={over > 0 || undefined}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button composer__send" disabled={!canSend}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M4 12 20 4l-5 16-3.5-6.5L4 12Z" />
          </svg>
          <span className="composer__send-label">{t('chat.composer.send')}</span>
        </button>
      </div>
      <div className="composer__meta">
        {(offline || keyboardTip) && (
          <p id={`${fieldId}-hint`} className="composer__hint">
            {offline ? t('chat.composer.offline') : t('chat.composer.hint')}
          </p>
        )}
        {length >= COUNTER_FROM && (
          <p id={`${fieldId}-count`} className={`composer__count${over > 0 ? ' composer__count--over' : ''}`} aria-live="polite">
            {over > 0 ? t('chat.composer.tooLong', { count: over }) : t('chat.composer.remaining', { count: MAX_MESSAGE_LENGTH - length })}
          </p>
        )}
      </div>
    </form>
  );
}
