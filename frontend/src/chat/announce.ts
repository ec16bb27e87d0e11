import type { TFunction } from 'i18next';
import type { ChatMessage, ConversationState } from './conversation';
import { isModeratorMessage, safetyNotice } from '../safety/types';

/**
 * Who wrote a message, in words for a screen reader: the sender's own pseudonym (with their
 * role when a moderator writes), never simply the conversation's name, which is the therapist's.
 * `fallback` is used only when the sender is not among the known participants.
 */
export function senderLabel(message: ChatMessage, conversation: ConversationState, fallback: string, t: TFunction): string {
  const sender = conversation.participants.find((p) => p.id === message.senderId);
  const name = sender?.pseudonym ?? fallback;
  const moderator = isModeratorMessage(message.data) || sender?.role === 'MODERATOR';
  return moderator ? t('chat.senderModerator', { name }) : name;
}

/**
 * What a screen reader hears when a message arrives in the open conversation. Notices (a
 * moderator joining or leaving, the crisis card, a reminder, the end of a programme) are read as
 * what they are, not as a message "from" anyone; everything else names its real sender.
 */
export function announcementOf(message: ChatMessage, conversation: ConversationState, fallback: string, t: TFunction): string {
  if (message.kind === 'NOTICE') {
    const notice = safetyNotice(message.kind, message.data);
    if (notice?.notice === 'moderator-joined') return t('safety.notice.moderatorJoined', { name: notice.moderator });
    if (notice?.notice === 'moderator-left') return t('safety.notice.moderatorLeft', { name: notice.moderator });
    return t('chat.newNotice', { text: message.body });
  }
  return t('chat.newMessage', { name: senderLabel(message, conversation, fallback, t), text: message.body });
}
