import type { ApiClient } from '../auth/api';
import {
  addPending,
  applyAck,
  applyFailure,
  applyPresence,
  applyRead,
  applySummary,
  emptyConversation,
  markRetrying,
  mergeMessages,
  newestFromOthers,
  smallestSeq,
  type ConversationState,
} from './conversation';
import { readOutbox, sessionStore, writeOutbox, type OutboxItem } from './outbox';
import { parseConversations, parsePage } from './parse';
import { destinations, type ChatTransport, type ConnectionState } from './stompClient';
import { MAX_MESSAGE_LENGTH, type AckEvent, type ChatEvent, type ErrorEvent, type MessageEvent, type TypingEvent } from './types';

/** Send `typing: true` at most this often while someone types. */
export const TYPING_THROTTLE_MS = 2000;
/** Send `typing: false` after this long without typing. */
export const TYPING_IDLE_MS = 3000;
/** Hide "… is typing" after this long without a new signal. */
export const TYPING_SHOWN_MS = 5000;
/** Wait this long before moving the read marker (many messages at once → one signal). */
export const READ_DEBOUNCE_MS = 400;
/** A resend the server is still storing (`message.in-progress`) is tried again after this. */
export const IN_PROGRESS_RETRY_MS = 2000;

/** A send refused because the server's storage was briefly out of reach (`store.unavailable`) is tried again after this. */
export const STORE_UNAVAILABLE_RETRY_MS = 5000;
/**
 * A send refused because the server was too busy to take it in (`server.busy`) is tried again
 * after this plus up to as much again at random, so refused senders do not all come back at once;
 * each further refusal of the same message doubles the wait, up to SERVER_BUSY_MAX_RETRY_MS, so
 * an overloaded server is not kept busy refusing the same messages.
 */
export const SERVER_BUSY_RETRY_MS = 1000;
export const SERVER_BUSY_MAX_RETRY_MS = 30_000;
export const HISTORY_PAGE = 50;
export const RESUME_PAGE = 100;
/** At most this many resume pages per conversation and reconnect (10 000 messages). */
const MAX_RESUME_PAGES = 100;

/** How long to wait before sending again after the `refusals`-th refusal in a row with this code. */
function retryDelay(code: string, refusals: number): number {
  if (code === 'store.unavailable') return STORE_UNAVAILABLE_RETRY_MS;
  if (code === 'server.busy') {
    const base = Math.min(SERVER_BUSY_MAX_RETRY_MS / 2, SERVER_BUSY_RETRY_MS * 2 ** Math.min(refusals - 1, 10));
    return base + Math.floor(Math.random() * base);
  }
  return IN_PROGRESS_RETRY_MS;
}

export interface ChatState {
  connection: ConnectionState;
  /** The conversation list (`GET /api/conversations`). */
  list: 'loading' | 'ready' | 'error';
  listError: unknown;
  conversations: Readonly<Record<string, ConversationState>>;
  /** Own messages waiting to be sent or acknowledged (not the refused ones). */
  waiting: number;
}

export interface ChatStoreOptions {
  transport: ChatTransport;
  api: Pick<ApiClient, 'request'>;
  /** The signed-in user's id (`GET /api/me`), to tell own messages from others'. */
  meId: string;
  /** Where the outbox is kept (default sessionStorage; null = memory only). */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  now?: () => number;
  newId?: () => string;
}

type Timer = ReturnType<typeof setTimeout>;

function messagesPath(conversationId: string, query: string): string {
  return `/api/conversations/${encodeURIComponent(conversationId)}/messages?${query}`;
}

/**
 * What the server accepts: CR and CRLF become LF, as the server does; the server refuses every
 * other control character (message.control-characters), so a tab becomes four spaces and the
 * rest, invisible anyway, are dropped; then surrounding white space is removed.
 */
export function normaliseBody(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(/[\p{Cc}]/gu, (c) => (c === '\n' ? c : ''))
    .trim();
}

/** Length in characters as the server counts them (code points, not UTF-16 units). */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** A NOTICE that says a moderator joined or left the conversation. */
function changesParticipants(message: MessageEvent): boolean {
  const notice = message.kind === 'NOTICE' ? message.data?.notice : undefined;
  return notice === 'moderator-joined' || notice === 'moderator-left';
}

/**
 * The chat of one signed-in tab: conversation list, messages, outbox, read markers, typing
 * and presence, fed by the live channel (ChatTransport) and the REST API. React reads it with
 * useSyncExternalStore (`getState` / `subscribe`); every change makes a new state object.
 */
export class ChatStore {
  private state: ChatState;
  private readonly listeners = new Set<() => void>();
  private readonly transport: ChatTransport;
  private readonly api: Pick<ApiClient, 'request'>;
  private readonly meId: string;
  private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  private readonly now: () => number;
  private readonly newId: () => string;

  /** This user's unacknowledged messages, oldest first. */
  private outbox: OutboxItem[] = [];
  /** clientMessageId → the connection (epoch) it was last published on. */
  private readonly published = new Map<string, number>();
  /** Counts connections: 1 for the first, 2 after the first reconnect, ... */
  private epoch = 0;
  private readonly visible = new Set<string>();
  /** Resume point of conversations the tab learnt about from the list (before any live event). */
  private readonly baselines = new Map<string, number>();
  private readonly readTimers = new Map<string, Timer>();
  private readonly typingShown = new Map<string, Timer>();
  private readonly typingSent = new Map<string, { at: number; idle: Timer }>();
  private readonly retryTimers = new Set<Timer>();
  /** clientMessageId → how often in a row the server refused it as too busy. */
  private readonly busyRefusals = new Map<string, number>();
  private offTransport: (() => void)[] = [];
  private firstList: Promise<void> | null = null;
  private running = false;

  constructor(options: ChatStoreOptions) {
    this.transport = options.transport;
    this.api = options.api;
    this.meId = options.meId;
    this.storage = options.storage === undefined ? sessionStore() : options.storage;
    this.now = options.now ?? (() => Date.now());
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.state = { connection: this.transport.state, list: 'loading', listError: null, conversations: {}, waiting: 0 };
  }

  get me(): string {
    return this.meId;
  }

  getState = (): ChatState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  // ---------------------------------------------------------------- lifecycle

  /** Restores the outbox, loads the conversation list and opens the live channel. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.epoch = 0;
    this.restoreOutbox();
    this.offTransport = [
      this.transport.onStateChange((connection) => this.onConnection(connection)),
      this.transport.onEvent((event) => this.onEvent(event)),
    ];
    this.firstList = this.loadConversations();
    this.transport.start();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    for (const off of this.offTransport) off();
    this.offTransport = [];
    this.transport.stop();
    for (const timer of this.readTimers.values()) clearTimeout(timer);
    for (const timer of this.typingShown.values()) clearTimeout(timer);
    for (const { idle } of this.typingSent.values()) clearTimeout(idle);
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.readTimers.clear();
    this.typingShown.clear();
    this.typingSent.clear();
    this.retryTimers.clear();
    this.busyRefusals.clear();
    this.published.clear();
    this.setState({ connection: 'stopped' });
  }

  // ---------------------------------------------------------------- REST

  /** `GET /api/conversations`: list, unread counts, presence, read markers. */
  async loadConversations(): Promise<void> {
    try {
      const rows = parseConversations(await this.api.request<unknown>('/api/conversations'));
      const conversations = { ...this.state.conversations };
      for (const row of rows) {
        if (!conversations[row.id]) this.baselines.set(row.id, row.lastSeq);
        conversations[row.id] = applySummary(conversations[row.id], row);
      }
      this.setState({ conversations, list: 'ready', listError: null });
    } catch (error) {
      if (this.state.list !== 'ready') this.setState({ list: 'error', listError: error });
    }
  }

  /** Shows a conversation: its latest history page (once) and who is typing in it. */
  openConversation(conversationId: string): () => void {
    const stopWatching = this.transport.watchTyping(conversationId);
    const conversation = this.state.conversations[conversationId];
    if (!conversation || conversation.history === 'none' || conversation.history === 'error') {
      void this.loadHistory(conversationId);
    }
    return () => {
      stopWatching();
      this.setVisible(conversationId, false);
      this.stopTyping(conversationId);
    };
  }

  /**
   * Follows another destination on the tab's one live connection (moderators' escalation topic,
   * therapists' escalation queue) until the returned function is called.
   */
  watchTopic(destination: string, listener: (body: unknown) => void): () => void {
    return this.transport.watchTopic(destination, listener);
  }

  async loadHistory(conversationId: string): Promise<void> {
    this.update(conversationId, (c) => ({ ...c, history: 'loading' }));
    try {
      const page = parsePage(await this.api.request<unknown>(messagesPath(conversationId, `limit=${HISTORY_PAGE}`)));
      this.update(conversationId, (c) => {
        const pageFrom = Math.max(1, page.lastSeq - HISTORY_PAGE + 1);
        const merged = mergeMessages({ ...c, lastSeq: Math.max(c.lastSeq, page.lastSeq) }, page.messages, pageFrom);
        return { ...merged, history: 'ready', hasOlder: page.hasOlder };
      });
      this.scheduleRead(conversationId);
    } catch {
      this.update(conversationId, (c) => ({ ...c, history: 'error' }));
    }
  }

  /** The page before the oldest message shown (`?before=<smallest seq>`). */
  async loadOlder(conversationId: string): Promise<void> {
    const conversation = this.state.conversations[conversationId];
    if (!conversation || !conversation.hasOlder || conversation.loadingOlder) return;
    const before = smallestSeq(conversation);
    if (before === null) return;
    this.update(conversationId, (c) => ({ ...c, loadingOlder: true }));
    try {
      const page = parsePage(await this.api.request<unknown>(messagesPath(conversationId, `before=${before}&limit=${HISTORY_PAGE}`)));
      this.update(conversationId, (c) => ({ ...mergeMessages(c, page.messages), hasOlder: page.hasOlder, loadingOlder: false }));
    } catch {
      this.update(conversationId, (c) => ({ ...c, loadingOlder: false }));
    }
  }

  /** Everything after `after`, page by page (`?after=<seq>&limit=100`, again while a page is full). */
  private async resume(conversationId: string, after: number): Promise<void> {
    let cursor = after;
    for (let page = 0; page < MAX_RESUME_PAGES; page += 1) {
      let result;
      try {
        result = parsePage(await this.api.request<unknown>(messagesPath(conversationId, `after=${cursor}&limit=${RESUME_PAGE}`)));
      } catch {
        return; // tried again at the next reconnect
      }
      const lastSeq = result.lastSeq;
      const from = cursor + 1;
      this.update(conversationId, (c) => mergeMessages({ ...c, lastSeq: Math.max(c.lastSeq, lastSeq) }, result.messages, from));
      const highest = result.messages.reduce((max, m) => Math.max(max, m.seq), cursor);
      if (result.messages.length < RESUME_PAGE || highest <= cursor) break;
      cursor = highest;
    }
    this.scheduleRead(conversationId);
  }

  // ---------------------------------------------------------------- sending

  /**
   * Sends a message: shown at once as "sending", kept in the outbox until the server
   * acknowledges it. Returns its clientMessageId, or null when there is nothing to send.
   */
  send(conversationId: string, text: string): string | null {
    const body = normaliseBody(text);
    if (body === '' || characterCount(body) > MAX_MESSAGE_LENGTH) return null;
    const item: OutboxItem = {
      userId: this.meId,
      conversationId,
      clientMessageId: this.newId(),
      body,
      createdAt: new Date(this.now()).toISOString(),
      failed: null,
    };
    this.stopTyping(conversationId);
    this.outbox = [...this.outbox, item];
    this.saveOutbox();
    this.update(conversationId, (c) => addPending(c, { ...item, senderId: this.meId }));
    this.publishSend(item);
    return item.clientMessageId;
  }

  /**
   * Sends a refused message again, with the same clientMessageId; except after
   * `message.id-conflict` (that id already holds another text), when it goes as a new message.
   */
  retry(clientMessageId: string): void {
    const item = this.outbox.find((i) => i.clientMessageId === clientMessageId);
    if (!item) return;
    const next: OutboxItem = {
      ...item,
      clientMessageId: item.failed === 'message.id-conflict' ? this.newId() : clientMessageId,
      failed: null,
    };
    this.outbox = this.outbox.map((i) => (i === item ? next : i));
    this.saveOutbox();
    this.update(item.conversationId, (c) => markRetrying(c, clientMessageId, next.clientMessageId));
    this.published.delete(clientMessageId);
    this.publishSend(next);
  }

  private publishSend(item: OutboxItem): void {
    if (item.failed || this.published.get(item.clientMessageId) === this.epoch) return;
    const sent = this.transport.publish(destinations.send(item.conversationId), {
      clientMessageId: item.clientMessageId,
      body: item.body,
    });
    if (sent) this.published.set(item.clientMessageId, this.epoch);
  }

  private flushOutbox(): void {
    for (const item of this.outbox) this.publishSend(item);
  }

  private restoreOutbox(): void {
    const all = readOutbox(this.storage);
    this.outbox = all.filter((item) => item.userId === this.meId);
    if (this.outbox.length === 0) return;
    const conversations = { ...this.state.conversations };
    for (const item of this.outbox) {
      const conversation = conversations[item.conversationId] ?? emptyConversation(item.conversationId);
      conversations[item.conversationId] = addPending(conversation, { ...item, senderId: this.meId });
    }
    this.setState({ conversations });
  }

  private saveOutbox(): void {
    // Keep what other accounts left in this tab untouched.
    const others = readOutbox(this.storage).filter((item) => item.userId !== this.meId);
    writeOutbox(this.storage, [...others, ...this.outbox]);
    this.setState({});
  }

  private removeFromOutbox(clientMessageId: string): void {
    if (!this.outbox.some((item) => item.clientMessageId === clientMessageId)) return;
    this.outbox = this.outbox.filter((item) => item.clientMessageId !== clientMessageId);
    this.published.delete(clientMessageId);
    this.busyRefusals.delete(clientMessageId);
    this.saveOutbox();
  }

  /** Counts one more `server.busy` refusal of the message; returns how many in a row. */
  private countBusy(clientMessageId: string): number {
    const refusals = (this.busyRefusals.get(clientMessageId) ?? 0) + 1;
    this.busyRefusals.set(clientMessageId, refusals);
    return refusals;
  }

  // ---------------------------------------------------------------- read markers

  /** The conversation is (or is no longer) on screen: it is marked read as messages arrive. */
  setVisible(conversationId: string, visible: boolean): void {
    if (visible) {
      this.visible.add(conversationId);
      this.scheduleRead(conversationId);
    } else {
      this.visible.delete(conversationId);
      const timer = this.readTimers.get(conversationId);
      if (timer) clearTimeout(timer);
      this.readTimers.delete(conversationId);
    }
  }

  private scheduleRead(conversationId: string): void {
    if (!this.visible.has(conversationId) || this.readTimers.has(conversationId)) return;
    const timer = setTimeout(() => {
      this.readTimers.delete(conversationId);
      this.markRead(conversationId);
    }, READ_DEBOUNCE_MS);
    this.readTimers.set(conversationId, timer);
  }

  private markRead(conversationId: string): void {
    const conversation = this.state.conversations[conversationId];
    if (!conversation || !this.visible.has(conversationId)) return;
    const newest = newestFromOthers(conversation, this.meId);
    if (!newest || newest.seq === null || newest.seq <= conversation.readSeq) return;
    const seq = newest.seq;
    if (this.transport.publish(destinations.read(conversationId), { seq })) {
      this.update(conversationId, (c) => applyRead(c, this.meId, seq, this.meId));
    }
  }

  // ---------------------------------------------------------------- typing

  /** The user typed in the composer: `typing: true` at most every 2 s, `false` after 3 s idle. */
  typing(conversationId: string): void {
    const sent = this.typingSent.get(conversationId);
    const now = this.now();
    if (sent) clearTimeout(sent.idle);
    let at = sent?.at ?? null;
    if (at === null || now - at >= TYPING_THROTTLE_MS) {
      if (this.transport.publish(destinations.typing(conversationId), { typing: true })) at = now;
    }
    if (at === null) return;
    const idle = setTimeout(() => this.stopTyping(conversationId), TYPING_IDLE_MS);
    this.typingSent.set(conversationId, { at, idle });
  }

  /** Sends `typing: false` if `true` was sent (after sending, on idle, when the composer empties). */
  stopTyping(conversationId: string): void {
    const sent = this.typingSent.get(conversationId);
    if (!sent) return;
    clearTimeout(sent.idle);
    this.typingSent.delete(conversationId);
    this.transport.publish(destinations.typing(conversationId), { typing: false });
  }

  private onTyping(event: TypingEvent): void {
    if (event.userId === this.meId || !this.state.conversations[event.conversationId]) return;
    const timer = this.typingShown.get(event.conversationId);
    if (timer) clearTimeout(timer);
    this.typingShown.delete(event.conversationId);
    if (event.typing) {
      this.typingShown.set(
        event.conversationId,
        setTimeout(() => {
          this.typingShown.delete(event.conversationId);
          this.update(event.conversationId, (c) => ({ ...c, typingUserId: null }));
        }, TYPING_SHOWN_MS),
      );
    }
    this.update(event.conversationId, (c) => ({ ...c, typingUserId: event.typing ? event.userId : null }));
  }

  // ---------------------------------------------------------------- live events

  private onConnection(connection: ConnectionState): void {
    this.setState({ connection });
    if (connection !== 'online') return;
    this.epoch += 1;
    void this.catchUp(this.epoch);
  }

  /**
   * After every (re)connect: send what waits in the outbox, refresh the list (presence,
   * unread, markers may have changed meanwhile) and fetch every message missed.
   */
  private async catchUp(epoch: number): Promise<void> {
    // Resume points are taken BEFORE anything else arrives: a live message that comes in
    // while the missed ones are being fetched must not move them past the gap.
    const after = new Map(Object.values(this.state.conversations).map((c) => [c.id, c.seenSeq]));
    this.flushOutbox();
    if (epoch === 1 && this.firstList) {
      await this.firstList;
      if (this.state.list !== 'ready') await this.loadConversations();
    } else {
      await this.loadConversations();
    }
    if (epoch !== this.epoch || !this.running) return;
    await Promise.all(
      Object.values(this.state.conversations).map((c) => this.resume(c.id, after.get(c.id) ?? this.baselines.get(c.id) ?? c.seenSeq)),
    );
    for (const id of this.visible) this.scheduleRead(id);
  }

  private onEvent(event: ChatEvent): void {
    switch (event.type) {
      case 'message':
        this.onMessage(event.payload);
        break;
      case 'ack':
        this.onAck(event.payload);
        break;
      case 'error':
        this.onError(event.payload);
        break;
      case 'read':
        this.update(event.payload.conversationId, (c) => applyRead(c, event.payload.userId, event.payload.seq, this.meId), false);
        break;
      case 'presence': {
        const { userId, online } = event.payload;
        const conversations: Record<string, ConversationState> = {};
        for (const [id, c] of Object.entries(this.state.conversations)) conversations[id] = applyPresence(c, userId, online);
        this.setState({ conversations });
        break;
      }
      case 'typing':
        this.onTyping(event.payload);
        break;
    }
  }

  private onMessage(message: MessageEvent): void {
    const known = Boolean(this.state.conversations[message.conversationId]);
    this.update(message.conversationId, (c) => mergeMessages(c, [message]));
    if (message.senderId === this.meId && message.clientMessageId) this.removeFromOutbox(message.clientMessageId);
    if (message.senderId === this.meId) {
      this.update(message.conversationId, (c) => applyRead(c, this.meId, message.seq, this.meId));
    } else {
      const timer = this.typingShown.get(message.conversationId);
      if (timer) clearTimeout(timer);
      this.typingShown.delete(message.conversationId);
    }
    // A conversation this tab did not know yet (a new assignment, a support conversation), or a
    // moderator who joined or left: fetch who is in it.
    if (!known || changesParticipants(message)) void this.loadConversations();
    this.scheduleRead(message.conversationId);
  }

  private onAck(ack: AckEvent): void {
    this.update(ack.conversationId, (c) => applyAck(c, ack, this.meId), false);
    this.removeFromOutbox(ack.clientMessageId);
  }

  private onError(error: ErrorEvent): void {
    let item = error.clientMessageId ? this.outbox.find((i) => i.clientMessageId === error.clientMessageId) : undefined;
    if (!item && !error.clientMessageId && error.destination) {
      // Some refusals (malformed payload, server error) do not carry the clientMessageId: then
      // it is the oldest send on this connection that is still open, as frames are handled in order.
      const match = /^\/app\/conversations\/([^/]+)\/messages$/.exec(error.destination);
      const conversationId = match?.[1] ? decodeURIComponent(match[1]) : null;
      item = this.outbox.find(
        (i) => i.conversationId === conversationId && !i.failed && this.published.get(i.clientMessageId) === this.epoch,
      );
    }
    if (!item) return;
    const { clientMessageId, conversationId } = item;
    if (error.code === 'message.in-progress' || error.code === 'store.unavailable' || error.code === 'server.busy') {
      // The first attempt is still being stored, nothing could be stored for a moment, or the
      // server was too busy to take it in: ask again shortly (same clientMessageId); the message
      // stays waiting in the outbox meanwhile.
      const timer = setTimeout(
        () => {
          this.retryTimers.delete(timer);
          this.published.delete(clientMessageId);
          const current = this.outbox.find((i) => i.clientMessageId === clientMessageId);
          if (current) this.publishSend(current);
        },
        retryDelay(error.code, error.code === 'server.busy' ? this.countBusy(clientMessageId) : 1),
      );
      this.retryTimers.add(timer);
      return;
    }
    this.outbox = this.outbox.map((i) => (i.clientMessageId === clientMessageId ? { ...i, failed: error.code } : i));
    this.published.delete(clientMessageId);
    this.saveOutbox();
    this.update(conversationId, (c) => applyFailure(c, clientMessageId, error.code));
    // The conversation was closed since the list was read: fetch it again so the composer goes.
    if (error.code === 'conversation.closed') void this.loadConversations();
  }

  // ---------------------------------------------------------------- state

  /** Changes one conversation (creating it when `create`, e.g. for a live message of a new one). */
  private update(conversationId: string, change: (conversation: ConversationState) => ConversationState, create = true): void {
    const current = this.state.conversations[conversationId];
    if (!current && !create) return;
    const next = change(current ?? emptyConversation(conversationId));
    if (next === current) return;
    this.setState({ conversations: { ...this.state.conversations, [conversationId]: next } });
  }

  private setState(patch: Partial<ChatState>): void {
    const waiting = this.outbox.filter((item) => !item.failed).length;
    this.state = { ...this.state, ...patch, waiting };
    for (const listener of [...this.listeners]) listener();
  }
}
