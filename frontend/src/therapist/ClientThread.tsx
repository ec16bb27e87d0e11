import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../app/feedback';
import { Link } from '../app/Link';
import { useApiResource } from '../auth/useApiResource';
import { useChatFormat } from '../chat/chatFormat';
import { chatPath, useConversationWith } from '../chat/ChatLinks';
import { parsePage } from '../chat/parse';
import type { MessageEvent } from '../chat/types';
import { isModeratorMessage } from '../safety/types';

/** How many of the latest messages are shown here (the chat has them all). */
const SHOWN = 15;

interface ClientThreadProps {
  clientId: string;
  name: string;
  meId: string;
  /** Changes when a nudge went out: the thread is loaded again. */
  version: number;
}

/**
 * The latest messages of the therapy conversation with the client, to read along on this page
 * (reading here does not mark them read); answering happens in the chat.
 */
export function ClientThread({ clientId, name, meId, version }: ClientThreadProps) {
  const { t } = useTranslation();
  const format = useChatFormat();
  const known = useConversationWith(clientId);
  const conversationId = known?.id ?? `therapy-${clientId}-${meId}`;
  const resource = useApiResource<unknown>(`/api/conversations/${encodeURIComponent(conversationId)}/messages?limit=${SHOWN}`);
  const { reload } = resource;
  const messages = resource.data === null ? null : parsePage(resource.data).messages;

  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    reload();
  }, [version, reload]);

  return (
    <div className="stack">
      <div className="actions">
        <Link className="button button--secondary" to={chatPath(conversationId)}>
          {t('clientDetail.openChat', { name })}
        </Link>
        <button type="button" className="button button--secondary button--small" onClick={reload}>
          {t('dashboard.refresh')}
        </button>
      </div>
      {resource.status === 'loading' && messages === null && <Loading />}
      {resource.status === 'error' && <ErrorNotice error={resource.error} onRetry={reload} />}
      {messages !== null && messages.length === 0 && <p className="muted">{t('chat.noMessages')}</p>}
      {messages !== null && messages.length > 0 && (
        <ol className="thread" aria-label={t('clientDetail.threadLabel', { name })} tabIndex={0}>
          {messages.map((message) => (
            <ThreadItem key={message.id} message={message} own={message.senderId === meId} clientId={clientId} name={name} when={`${format.day(message.createdAt)} ${format.time(message.createdAt)}`} />
          ))}
        </ol>
      )}
    </div>
  );
}

interface ThreadItemProps {
  message: MessageEvent;
  own: boolean;
  clientId: string;
  name: string;
  when: string;
}

function ThreadItem({ message, own, clientId, name, when }: ThreadItemProps) {
  const { t } = useTranslation();
  const kind = message.kind ?? 'TEXT';
  const who = own
    ? t('chat.you')
    : isModeratorMessage(message.data)
      ? t('safety.moderatorBadge')
      : message.senderId === clientId && kind !== 'NOTICE'
        ? name
        : t('clientDetail.cocon');
  return (
    <li className={`thread__item${own ? ' thread__item--own' : ''}${kind === 'NUDGE' ? ' thread__item--nudge' : ''}`}>
      <p className="thread__meta">
        <strong>{who}</strong>
        {kind === 'NUDGE' && <span className="nudge-status nudge-status--SENT">{t('clientDetail.nudge')}</span>}
        <time dateTime={message.createdAt}>{when}</time>
      </p>
      <p className="thread__body">{message.body}</p>
    </li>
  );
}
