import type { AckEvent, ConversationSummary, MessageEvent, Participant } from './types';

/*
 * The state of one conversation in this tab, and pure functions that change it. Messages are
 * identified by their `seq` (the server's position in the conversation) and, for messages
 * written here, by their `clientMessageId`; whatever way a message reaches the tab (own send,
 * live event, resume, history), it is shown once, in seq order.
 */

/** The state of an own message, as shown next to it. */
export type OwnStatus = 'sending' | 'sent' | 'read' | 'failed';

export interface ChatMessage {
  /** Stable key for lists: the clientMessageId when known, else the server id. */
  key: string;
  conversationId: string;
  /** Null until the server stored it (own messages that are sending or failed). */
  seq: number | null;
  senderId: string;
  clientMessageId: string | null;
  body: string;
  createdAt: string;
  /** The error code when the server refused an own message. */
  failed: string | null;
  /** TEXT, or a guide message (STEP, ANSWER, FEEDBACK, NOTICE); missing means TEXT. */
  kind?: string;
  /** Structured data of a guide message; for TEXT, who wrote it (`senderRole`). */
  data?: Record<string, unknown> | null;
}

export interface Preview {
  seq: number;
  senderId: string;
  text: string;
  at: string;
}

export interface ConversationState {
  id: string;
  kind: string;
  participants: Participant[];
  /** Sorted: stored messages by seq, then own messages not stored yet, oldest first. */
  messages: ChatMessage[];
  /** The highest seq known to exist on the server. */
  lastSeq: number;
  /**
   * Resume point: the highest seq with nothing missing at or below it (starting from the list's
   * lastSeq). Live events of concurrent senders may arrive out of seq order, so the highest seq
   * received is not safe: a drop between seeing N+1 and N would skip N.
   */
  seenSeq: number;
  /** Own read marker. */
  readSeq: number;
  /** The highest read marker of the other participants. */
  othersReadSeq: number;
  lastMessage: Preview | null;
  history: 'none' | 'loading' | 'ready' | 'error';
  hasOlder: boolean;
  loadingOlder: boolean;
  /** Who is typing right now (not the user). */
  typingUserId: string | null;
  /** Set when nobody can write here any more (the client moved to another therapist). */
  closedAt?: string | null;
}

export function emptyConversation(id: string): ConversationState {
  return {
    id,
    kind: 'THERAPY',
    participants: [],
    messages: [],
    lastSeq: 0,
    seenSeq: 0,
    readSeq: 0,
    othersReadSeq: 0,
    lastMessage: null,
    history: 'none',
    hasOlder: false,
    loadingOlder: false,
    typingUserId: null,
    closedAt: null,
  };
}

/** Takes a row of `GET /api/conversations` into the state (markers only ever move forward). */
export function applySummary(existing: ConversationState | undefined, summary: ConversationSummary): ConversationState {
  const base = existing ?? { ...emptyConversation(summary.id), seenSeq: summary.lastSeq };
  const lastMessage =
    summary.lastMessage && (!base.lastMessage || summary.lastMessage.seq >= base.lastMessage.seq) ? summary.lastMessage : base.lastMessage;
  return {
    ...base,
    kind: summary.kind,
    participants: summary.participants,
    lastSeq: Math.max(base.lastSeq, summary.lastSeq),
    readSeq: Math.max(base.readSeq, summary.readSeq),
    othersReadSeq: Math.max(base.othersReadSeq, summary.othersReadSeq),
    lastMessage,
    closedAt: summary.closedAt ?? null,
  };
}

function compareMessages(a: ChatMessage, b: ChatMessage): number {
  if (a.seq !== null && b.seq !== null) return a.seq - b.seq;
  if (a.seq !== null) return -1;
  if (b.seq !== null) return 1;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}

function fromEvent(event: MessageEvent): ChatMessage {
  return {
    key: event.clientMessageId ?? event.id,
    conversationId: event.conversationId,
    seq: event.seq,
    senderId: event.senderId,
    clientMessageId: event.clientMessageId,
    body: event.body,
    createdAt: event.createdAt,
    failed: null,
    ...(event.kind && event.kind !== 'TEXT' ? { kind: event.kind, data: event.data ?? null } : {}),
    // A TEXT message carries data only to say who wrote it (`senderRole: MODERATOR`).
    ...((!event.kind || event.kind === 'TEXT') && event.data ? { data: event.data } : {}),
  };
}

/** From `seen` up through every seq that is there without a gap. */
function contiguousSeq(seen: number, stored: ReadonlySet<number>): number {
  let seq = seen;
  while (stored.has(seq + 1)) seq += 1;
  return seq;
}

/**
 * Merges stored messages (live events, resume or history pages) into the conversation:
 * a seq that is already there is skipped, and an own message that was still sending becomes
 * the stored one (matched by clientMessageId and sender).
 *
 * `pageFrom` is given for a page from the server holding every stored message from that seq
 * up to its highest one: a seq missing there was never stored (the server died after handing
 * it out), so when the page starts at or below the resume point, the point moves to the
 * page's highest seq across such gaps.
 */
export function mergeMessages(conversation: ConversationState, events: readonly MessageEvent[], pageFrom?: number): ConversationState {
  if (events.length === 0) return conversation;
  const bySeq = new Set(conversation.messages.flatMap((m) => (m.seq === null ? [] : [m.seq])));
  let messages = conversation.messages;
  let changed = false;
  let seenSeq = conversation.seenSeq;
  let lastMessage = conversation.lastMessage;
  let typingUserId = conversation.typingUserId;
  let highest = 0;
  for (const event of events) {
    if (event.conversationId !== conversation.id) continue;
    highest = Math.max(highest, event.seq);
    if (!lastMessage || event.seq > lastMessage.seq) {
      lastMessage = { seq: event.seq, senderId: event.senderId, text: event.body, at: event.createdAt };
      if (event.senderId === typingUserId) typingUserId = null;
    }
    if (bySeq.has(event.seq)) continue;
    bySeq.add(event.seq);
    const pendingIndex =
      event.clientMessageId === null
        ? -1
        : messages.findIndex((m) => m.seq === null && m.clientMessageId === event.clientMessageId && m.senderId === event.senderId);
    const stored = fromEvent(event);
    if (pendingIndex >= 0) {
      const pending = messages[pendingIndex];
      messages = messages.map((m, i) => (i === pendingIndex ? { ...stored, key: pending?.key ?? stored.key } : m));
    } else {
      messages = [...messages, stored];
    }
    changed = true;
  }
  if (pageFrom !== undefined && pageFrom <= seenSeq + 1) seenSeq = Math.max(seenSeq, highest);
  seenSeq = contiguousSeq(seenSeq, bySeq);
  const lastSeq = Math.max(conversation.lastSeq, highest);
  if (!changed && seenSeq === conversation.seenSeq && lastMessage === conversation.lastMessage) return conversation;
  return {
    ...conversation,
    messages: changed ? [...messages].sort(compareMessages) : messages,
    seenSeq,
    lastSeq,
    lastMessage,
    typingUserId,
  };
}

/** Adds an own message that is not stored yet (optimistic: shown at once as "sending"). */
export function addPending(
  conversation: ConversationState,
  message: { clientMessageId: string; senderId: string; body: string; createdAt: string; failed?: string | null },
): ConversationState {
  if (conversation.messages.some((m) => m.clientMessageId === message.clientMessageId && m.senderId === message.senderId)) {
    return conversation;
  }
  const pending: ChatMessage = {
    key: message.clientMessageId,
    conversationId: conversation.id,
    seq: null,
    senderId: message.senderId,
    clientMessageId: message.clientMessageId,
    body: message.body,
    createdAt: message.createdAt,
    failed: message.failed ?? null,
  };
  return { ...conversation, messages: [...conversation.messages, pending].sort(compareMessages) };
}

/**
 * The server stored an own message. Sending also moves the sender's own read marker to it.
 * (The resume point is not moved: the message itself arrives as a live event as well.)
 */
export function applyAck(conversation: ConversationState, ack: AckEvent, meId: string): ConversationState {
  const index = conversation.messages.findIndex((m) => m.clientMessageId === ack.clientMessageId && m.senderId === meId);
  const readSeq = Math.max(conversation.readSeq, ack.seq);
  const lastSeq = Math.max(conversation.lastSeq, ack.seq);
  if (index < 0) return { ...conversation, readSeq, lastSeq };
  const message = conversation.messages[index];
  if (!message) return conversation;
  if (message.seq !== null) return { ...conversation, readSeq, lastSeq };
  const alreadyThere = conversation.messages.some((m) => m.seq === ack.seq);
  const messages = alreadyThere
    ? conversation.messages.filter((_, i) => i !== index)
    : conversation.messages
        .map((m, i) => (i === index ? { ...m, seq: ack.seq, createdAt: ack.createdAt || m.createdAt, failed: null } : m))
        .sort(compareMessages);
  const lastMessage =
    !conversation.lastMessage || ack.seq > conversation.lastMessage.seq
      ? { seq: ack.seq, senderId: meId, text: message.body, at: ack.createdAt || message.createdAt }
      : conversation.lastMessage;
  return { ...conversation, messages, readSeq, lastSeq, lastMessage };
}

/** The server refused an own message: it stays visible as failed (with a retry). */
export function applyFailure(conversation: ConversationState, clientMessageId: string, code: string): ConversationState {
  let changed = false;
  const messages = conversation.messages.map((m) => {
    if (m.clientMessageId !== clientMessageId || m.seq !== null) return m;
    changed = true;
    return { ...m, failed: code };
  });
  return changed ? { ...conversation, messages } : conversation;
}

/**
 * A failed message goes back to "sending": with the same clientMessageId, so the server can
 * dedupe, or under `nextClientMessageId` when the old id cannot be used for this text.
 */
export function markRetrying(conversation: ConversationState, clientMessageId: string, nextClientMessageId = clientMessageId): ConversationState {
  return {
    ...conversation,
    messages: conversation.messages.map((m) =>
      m.clientMessageId === clientMessageId && m.seq === null ? { ...m, clientMessageId: nextClientMessageId, failed: null } : m,
    ),
  };
}

export function ownStatus(message: ChatMessage, conversation: ConversationState): OwnStatus {
  if (message.failed) return 'failed';
  if (message.seq === null) return 'sending';
  return conversation.othersReadSeq >= message.seq ? 'read' : 'sent';
}

/** Unread = last seq − own read marker (as the server counts it). */
export function unreadCount(conversation: ConversationState): number {
  return Math.max(0, conversation.lastSeq - conversation.readSeq);
}

/** The newest stored message, if it was written by someone else. */
export function newestFromOthers(conversation: ConversationState, meId: string): ChatMessage | null {
  for (let i = conversation.messages.length - 1; i >= 0; i -= 1) {
    const message = conversation.messages[i];
    if (!message || message.seq === null) continue;
    return message.senderId === meId ? null : message;
  }
  return null;
}

export function smallestSeq(conversation: ConversationState): number | null {
  const first = conversation.messages.find((m) => m.seq !== null);
  return first?.seq ?? null;
}

/** The other people in the conversation (for a THERAPY conversation: one). */
export function otherParticipants(conversation: ConversationState, meId: string): Participant[] {
  return conversation.participants.filter((p) => p.id !== meId);
}

/** Moves a read marker forward (never back). */
export function applyRead(conversation: ConversationState, userId: string, seq: number, meId: string): ConversationState {
  if (userId === meId) {
    return seq > conversation.readSeq ? { ...conversation, readSeq: seq } : conversation;
  }
  return seq > conversation.othersReadSeq ? { ...conversation, othersReadSeq: seq } : conversation;
}

export function applyPresence(conversation: ConversationState, userId: string, online: boolean): ConversationState {
  if (!conversation.participants.some((p) => p.id === userId && p.online !== online)) return conversation;
  return { ...conversation, participants: conversation.participants.map((p) => (p.id === userId ? { ...p, online } : p)) };
}
