import { useTranslation } from 'react-i18next';
import { Link } from '../app/Link';
import { ROUTES } from '../app/router';
import { useChatState } from './ChatProvider';
import { otherParticipants, unreadCount, type ConversationState } from './conversation';
import type { Participant } from './types';

/** `/chat?c=<conversation id>` (or the list). */
export function chatPath(conversationId?: string | null): string {
  return conversationId ? `${ROUTES.chat}?c=${encodeURIComponent(conversationId)}` : ROUTES.chat;
}

/** The people a conversation is named after (and whose presence it shows): the other participant(s). */
export function namedParticipants(conversation: ConversationState, meId: string): Participant[] {
  let others = otherParticipants(conversation, meId);
  // A therapist who commented takes part in the client's guide conversation, but it stays the guide's.
  if (conversation.kind === 'GUIDE') others = others.filter((p) => p.role !== 'THERAPIST');
  // A moderator who joined for a while does not rename the conversation.
  const withoutModerators = others.filter((p) => p.role !== 'MODERATOR');
  return withoutModerators.length > 0 ? withoutModerators : others;
}

/** The name shown for a conversation: the other participant(s). */
export function conversationName(conversation: ConversationState, meId: string): string {
  return namedParticipants(conversation, meId).map((p) => p.pseudonym).join(', ') || '…';
}

/**
 * The title of a SUPPORT conversation (a client and a moderator, for a client without a
 * therapist): "Support" for the client, "Support · <client>" for the moderator. Null for other kinds.
 */
export function useSupportTitle(): (conversation: ConversationState, meId: string) => string | null {
  const { t } = useTranslation();
  return (conversation, meId) => {
    if (conversation.kind !== 'SUPPORT') return null;
    const mine = conversation.participants.find((p) => p.id === meId);
    return mine?.role === 'MODERATOR' ? t('chat.supportWith', { name: conversationName(conversation, meId) }) : t('chat.support');
  };
}

/**
 * The title of a conversation named after its purpose rather than a person: SUPPORT (see above)
 * and CHECKIN, where the guide sends the daily check-in reminders ("Check-in"). Null for other kinds.
 */
export function useKindTitle(): (conversation: ConversationState, meId: string) => string | null {
  const { t } = useTranslation();
  const supportTitle = useSupportTitle();
  return (conversation, meId) => (conversation.kind === 'CHECKIN' ? t('chat.checkin') : supportTitle(conversation, meId));
}

/** A count of unread messages, read out in full ("3 unread messages"). */
export function UnreadBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  return (
    <span className="unread-badge">
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span className="visually-hidden">{t('chat.unread', { count })}</span>
    </span>
  );
}

/** The conversation the signed-in person has with `userId`, once the list is loaded. */
export function useConversationWith(userId: string | null | undefined): ConversationState | null {
  const state = useChatState();
  if (!state || !userId) return null;
  return Object.values(state.conversations).find((c) => c.kind !== 'GUIDE' && c.participants.some((p) => p.id === userId)) ?? null;
}

/** The client home's way into the chat: "Chat with <therapist>" with the unread count. */
export function ChatWithTherapistLink({ therapist }: { therapist: { id: string; pseudonym: string } }) {
  const { t } = useTranslation();
  const conversation = useConversationWith(therapist.id);
  const unread = conversation ? unreadCount(conversation) : 0;
  return (
    <Link className="button chat-link" to={chatPath(conversation?.id)}>
      <svg className="chat-link__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4A2.5 2.5 0 0 1 4 13.5v-8Z" />
      </svg>
      <span>{t('chat.with', { name: therapist.pseudonym })}</span>
      <UnreadBadge count={unread} />
    </Link>
  );
}

/** A therapist's link to the chat with one client of the caseload. */
export function ChatWithClientLink({ client }: { client: { id: string; pseudonym: string } }) {
  const { t } = useTranslation();
  const conversation = useConversationWith(client.id);
  const unread = conversation ? unreadCount(conversation) : 0;
  return (
    <span className="chat-cell">
      <Link to={chatPath(conversation?.id)}>{t('chat.home.withClient', { name: client.pseudonym })}</Link>
      <UnreadBadge count={unread} />
    </span>
  );
}

/**
 * On the client's home, next to the check-in: the conversation with the daily reminders, with
 * its unread count (nothing until the reminder is switched on and the conversation exists).
 */
export function CheckinReminderLink() {
  const { t } = useTranslation();
  const state = useChatState();
  const conversation = state ? Object.values(state.conversations).find((c) => c.kind === 'CHECKIN' && c.participants.length > 0) : undefined;
  if (!conversation) return null;
  return (
    <Link className="button button--secondary chat-link" to={chatPath(conversation.id)}>
      <span>{t('checkin.home.reminders')}</span>
      <UnreadBadge count={unreadCount(conversation)} />
    </Link>
  );
}
