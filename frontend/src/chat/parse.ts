import { isRecord, num, str } from '../app/json';
import type {
  AckEvent,
  ConversationSummary,
  ErrorEvent,
  MessageEvent,
  MessagePage,
  Participant,
  PresenceEvent,
  ReadEvent,
  TypingEvent,
} from './types';

/*
 * Readers for what the server sends. They return null (or skip an entry) instead of throwing
 * when something does not have the expected shape, so one odd frame cannot break the chat.
 */

export function parseMessage(value: unknown): MessageEvent | null {
  if (!isRecord(value)) return null;
  const conversationId = str(value.conversationId);
  const seq = num(value.seq);
  const senderId = str(value.senderId);
  const body = str(value.body);
  if (conversationId === null || seq === null || senderId === null || body === null) return null;
  return {
    id: str(value.id) ?? `${conversationId}:${seq}`,
    conversationId,
    seq,
    senderId,
    clientMessageId: str(value.clientMessageId),
    body,
    createdAt: str(value.createdAt) ?? '',
    kind: str(value.kind) ?? 'TEXT',
    data: isRecord(value.data) ? value.data : null,
  };
}

export function parseAck(value: unknown): AckEvent | null {
  if (!isRecord(value)) return null;
  const clientMessageId = str(value.clientMessageId);
  const conversationId = str(value.conversationId);
  const seq = num(value.seq);
  if (clientMessageId === null || conversationId === null || seq === null) return null;
  return {
    clientMessageId,
    id: str(value.id) ?? `${conversationId}:${seq}`,
    conversationId,
    seq,
    createdAt: str(value.createdAt) ?? '',
    duplicate: value.duplicate === true,
  };
}

export function parseError(value: unknown): ErrorEvent | null {
  if (!isRecord(value)) return null;
  const code = str(value.code);
  if (code === null) return null;
  return {
    code,
    detail: str(value.detail) ?? '',
    clientMessageId: str(value.clientMessageId),
    destination: str(value.destination),
  };
}

export function parseRead(value: unknown): ReadEvent | null {
  if (!isRecord(value)) return null;
  const conversationId = str(value.conversationId);
  const userId = str(value.userId);
  const seq = num(value.seq);
  if (conversationId === null || userId === null || seq === null) return null;
  return { conversationId, userId, seq };
}

export function parsePresence(value: unknown): PresenceEvent | null {
  if (!isRecord(value)) return null;
  const userId = str(value.userId);
  if (userId === null || typeof value.online !== 'boolean') return null;
  return { userId, online: value.online };
}

export function parseTyping(value: unknown): TypingEvent | null {
  if (!isRecord(value)) return null;
  const conversationId = str(value.conversationId);
  const userId = str(value.userId);
  if (conversationId === null || userId === null || typeof value.typing !== 'boolean') return null;
  return { conversationId, userId, typing: value.typing };
}

function parseParticipant(value: unknown): Participant | null {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  if (id === null) return null;
  return {
    id,
    pseudonym: str(value.pseudonym) ?? '?',
    role: str(value.role) ?? 'CLIENT',
    online: value.online === true,
  };
}

export function parseConversation(value: unknown): ConversationSummary | null {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  if (id === null) return null;
  const participants = Array.isArray(value.participants)
    ? value.participants.map(parseParticipant).filter((p): p is Participant => p !== null)
    : [];
  let lastMessage: ConversationSummary['lastMessage'] = null;
  if (isRecord(value.lastMessage)) {
    const seq = num(value.lastMessage.seq);
    const senderId = str(value.lastMessage.senderId);
    if (seq !== null && senderId !== null) {
      lastMessage = { seq, senderId, text: str(value.lastMessage.text) ?? '', at: str(value.lastMessage.at) ?? '' };
    }
  }
  return {
    id,
    kind: str(value.kind) ?? 'THERAPY',
    participants,
    lastSeq: num(value.lastSeq) ?? 0,
    lastMessage,
    unread: num(value.unread) ?? 0,
    readSeq: num(value.readSeq) ?? 0,
    othersReadSeq: num(value.othersReadSeq) ?? 0,
    closedAt: str(value.closedAt),
  };
}

export function parseConversations(value: unknown): ConversationSummary[] {
  if (!Array.isArray(value)) return [];
  return value.map(parseConversation).filter((c): c is ConversationSummary => c !== null);
}

export function parsePage(value: unknown): MessagePage {
  if (!isRecord(value)) return { messages: [], lastSeq: 0, hasOlder: false };
  const messages = Array.isArray(value.messages)
    ? value.messages.map(parseMessage).filter((m): m is MessageEvent => m !== null)
    : [];
  return { messages, lastSeq: num(value.lastSeq) ?? 0, hasOlder: value.hasOlder === true };
}
