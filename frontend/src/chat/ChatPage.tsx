import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, ErrorNotice } from '../app/feedback';
import { Link } from '../app/Link';
import { navigate, ROUTES, useSearchParam } from '../app/router';
import { knownRoles, type Me } from '../auth/me';
import { RequireSignIn } from '../auth/RequireSignIn';
import { useChatFormat } from './chatFormat';
import { useChatState, useChatStore, useConversationList } from './ChatProvider';
import type { ChatState } from './chatStore';
import { chatPath, conversationName, namedParticipants, UnreadBadge, useKindTitle } from './ChatLinks';
import { unreadCount, type ConversationState } from './conversation';
import { ConversationView } from './ConversationView';
import { useGuideTitles } from '../programme/GuideMessages';

/** `/chat`: the conversation list and, side by side on wider screens, the open conversation. */
export function ChatPage() {
  return <RequireSignIn>{(me) => <ChatScreen me={me} />}</RequireSignIn>;
}

function ChatScreen({ me }: { me: Me }) {
  const { t } = useTranslation();
  const store = useChatStore();
  const state = useChatState();
  const list = useConversationList();
  const selectedId = useSearchParam('c');
  const isTherapist = knownRoles(me.roles).includes('THERAPIST');
  // A client's guide conversations are named after their programme.
  const guideTitles = useGuideTitles(isTherapist ? 0 : list.filter((c) => c.kind === 'GUIDE').length);
  const kindTitle = useKindTitle();

  // A client normally has one conversation: open it straight away (once; "All conversations"
  // then stays on the list). The check-in reminders do not count: nobody writes there.
  const withPeople = list.filter((c) => c.kind !== 'CHECKIN');
  const onlyOne = !isTherapist && state?.list === 'ready' && withPeople.length === 1 ? withPeople[0]?.id : undefined;
  const autoOpened = useRef(false);
  useEffect(() => {
    if (!onlyOne || autoOpened.current) return;
    autoOpened.current = true;
    if (!selectedId) navigate(chatPath(onlyOne));
  }, [selectedId, onlyOne]);

  if (!store || !state) {
    return (
      <div className="page page--narrow">
        <h1>{t('chat.title')}</h1>
        <p>{t('chat.noRole')}</p>
        <Link to={ROUTES.home}>{t('auth.toHome')}</Link>
      </div>
    );
  }

  const selected = selectedId ? state.conversations[selectedId] : undefined;
  const selectedKnown = selected !== undefined && selected.participants.length > 0;
  const guideTitle = selected ? (guideTitles.get(selected.id) ?? kindTitle(selected, me.id) ?? undefined) : undefined;
  const title = selectedKnown && selected ? (guideTitle ?? t('chat.with', { name: conversationName(selected, me.id) })) : t('chat.title');

  return (
    <div className={`chat${selectedId ? ' chat--open' : ''}`}>
      <div className="chat__top">
        {selectedId && (
          <Link className="chat__back" to={ROUTES.chat}>
            <span aria-hidden="true">← </span>
            {t('chat.backToList')}
          </Link>
        )}
        <h1 className="chat__title">{title}</h1>
        <ConnectionBanner state={state} />
      </div>

      <div className="chat__panes">
        <section className="chat__list-pane" aria-labelledby="chat-list-title">
          <h2 id="chat-list-title" className="chat__list-title">
            {t('chat.listTitle')}
          </h2>
          <ConversationList state={state} list={list} meId={me.id} selectedId={selectedId} isTherapist={isTherapist} guideTitles={guideTitles} />
        </section>

        <div className="chat__conversation-pane">
          {selectedId === null ? (
            list.length > 0 && <p className="chat__choose">{t('chat.choose')}</p>
          ) : selectedKnown && selected ? (
            <ConversationView key={selected.id} conversation={selected} meId={me.id} />
          ) : state.list === 'loading' ? (
            <Loading />
          ) : (
            <div className="notice notice--error" role="alert">
              <p>{t('chat.notFound')}</p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

/** "Connection lost — reconnecting…" and how many messages wait, while not connected. */
function ConnectionBanner({ state }: { state: ChatState }) {
  const { t } = useTranslation();
  const lost = state.connection === 'reconnecting';
  return (
    <div className={`chat-banner${lost ? ' chat-banner--shown' : ''}`} role="status">
      {lost && (
        <>
          <p className="chat-banner__text">
            <span className="chat-banner__icon" aria-hidden="true" />
            {t('chat.connection.lost')}
          </p>
          {state.waiting > 0 && <p className="chat-banner__waiting">{t('chat.connection.waiting', { count: state.waiting })}</p>}
        </>
      )}
    </div>
  );
}

interface ConversationListProps {
  state: ChatState;
  list: ConversationState[];
  meId: string;
  selectedId: string | null;
  isTherapist: boolean;
  guideTitles: ReadonlyMap<string, string>;
}

function ConversationList({ state, list, meId, selectedId, isTherapist, guideTitles }: ConversationListProps) {
  const { t } = useTranslation();
  const format = useChatFormat();
  const kindTitle = useKindTitle();

  if (state.list === 'loading' && list.length === 0) return <Loading />;
  if (state.list === 'error' && list.length === 0) return <ErrorNotice error={state.listError} />;
  if (list.length === 0) {
    return (
      <div className="card empty">
        <p>{isTherapist ? t('chat.emptyTherapist') : t('chat.emptyClient')}</p>
      </div>
    );
  }

  return (
    <ul className="conversation-list">
      {list.map((conversation) => {
        const name = guideTitles.get(conversation.id) ?? kindTitle(conversation, meId) ?? conversationName(conversation, meId);
        const online = namedParticipants(conversation, meId).some((p) => p.online);
        const unread = unreadCount(conversation);
        const last = conversation.lastMessage;
        const preview = last ? (last.senderId === meId ? t('chat.youWrote', { text: last.text }) : last.text) : t('chat.noMessages');
        const current = conversation.id === selectedId;
        return (
          <li key={conversation.id}>
            <Link
              className={`conversation-item${current ? ' conversation-item--current' : ''}${unread > 0 ? ' conversation-item--unread' : ''}`}
              to={chatPath(conversation.id)}
              aria-current={current ? 'page' : undefined}
            >
              <span className="conversation-item__avatar" aria-hidden="true">
                {name.replace(/^(dr\.?\s+)/i, '').charAt(0).toUpperCase()}
                <span className={`presence-dot${online ? ' presence-dot--online' : ''}`} />
              </span>
              <span className="conversation-item__text">
                <span className="conversation-item__row">
                  <span className="conversation-item__name">{name}</span>
                  {last && <span className="conversation-item__when">{format.when(last.at)}</span>}
                </span>
                <span className="visually-hidden">, {online ? t('chat.online') : t('chat.offline')}</span>
                <span className="conversation-item__row">
                  <span className="conversation-item__preview">{preview}</span>
                  {unread > 0 && <UnreadBadge count={unread} />}
                </span>
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
