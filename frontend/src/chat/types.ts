/**
 * The chat contract with the backend (docs/asyncapi.yaml for STOMP, the REST endpoints under
 * /api/conversations). Everything the server sends is read defensively in `parse.ts`.
 */

/** The longest message the server accepts, in characters (Unicode code points). */
export const MAX_MESSAGE_LENGTH = 4000;

/** From here on the composer shows how many characters are left. */
export const COUNTER_FROM = 3500;

/** Error codes of `ErrorEvent` (asyncapi.yaml); each has a text in `chat.errors.*`. */
export const CHAT_ERROR_CODES = [
  'conversation.not-found',
  'conversation.guide-answers-only',
  'conversation.read-only',
  'conversation.closed',
  'message.empty',
  'message.too-long',
  'message.control-characters',
  'message.invalid-client-id',
  'message.id-reused',
  'message.id-conflict',
  'message.in-progress',
  'message.rate-limited',
  'read.invalid-seq',
  'payload.malformed',
  'destination.unknown',
  'destination.denied',
  'subscription.denied',
  'server.error',
  'store.unavailable',
] as const;

export type ChatErrorCode = (typeof CHAT_ERROR_CODES)[number];

export function isChatErrorCode(value: unknown): value is ChatErrorCode {
  return typeof value === 'string' && (CHAT_ERROR_CODES as readonly string[]).includes(value);
}

/** `MessageEvent` on /user/queue/messages, and one message of a history page. */
export interface MessageEvent {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  clientMessageId: string | null;
  body: string;
  createdAt: string;
  /** TEXT (written by a person) or a structured message of the self-help guide (STEP, ANSWER, FEEDBACK, NOTICE). */
  kind?: string;
  /** Structured data of guide messages (see docs/programmes.md); null for TEXT. */
  data?: Record<string, unknown> | null;
}

/** `Ack` on /user/queue/acks. */
export interface AckEvent {
  clientMessageId: string;
  id: string;
  conversationId: string;
  seq: number;
  createdAt: string;
  duplicate: boolean;
}

/** `ErrorEvent` on /user/queue/errors. */
export interface ErrorEvent {
  code: string;
  detail: string;
  clientMessageId: string | null;
  destination: string | null;
}

/** `ReadEvent` on /user/queue/read. */
export interface ReadEvent {
  conversationId: string;
  userId: string;
  seq: number;
}

/** `PresenceEvent` on /user/queue/presence. */
export interface PresenceEvent {
  userId: string;
  online: boolean;
}

/** `TypingEvent` on /topic/typing.{id}. */
export interface TypingEvent {
  conversationId: string;
  userId: string;
  typing: boolean;
}

/** Everything that arrives on the live channel, tagged by where it came from. */
export type ChatEvent =
  | { type: 'message'; payload: MessageEvent }
  | { type: 'ack'; payload: AckEvent }
  | { type: 'error'; payload: ErrorEvent }
  | { type: 'read'; payload: ReadEvent }
  | { type: 'presence'; payload: PresenceEvent }
  | { type: 'typing'; payload: TypingEvent };

/** One person in a conversation (`GET /api/conversations`). */
export interface Participant {
  id: string;
  pseudonym: string;
  role: string;
  online: boolean;
}

/** One row of `GET /api/conversations`. */
export interface ConversationSummary {
  id: string;
  kind: string;
  participants: Participant[];
  lastSeq: number;
  lastMessage: { seq: number; senderId: string; text: string; at: string } | null;
  unread: number;
  readSeq: number;
  othersReadSeq: number;
  /** Set when nobody can write here any more (the client moved to another therapist). */
  closedAt?: string | null;
}

/** `GET /api/conversations/{id}/messages` */
export interface MessagePage {
  messages: MessageEvent[];
  lastSeq: number;
  hasOlder: boolean;
}
