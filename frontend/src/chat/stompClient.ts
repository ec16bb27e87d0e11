import { Client, ReconnectionTimeMode, type IMessage, type StompConfig, type StompHeaders } from '@stomp/stompjs';
import { parseAck, parseError, parseMessage, parsePresence, parseRead, parseTyping } from './parse';
import type { ChatEvent } from './types';

/**
 * The live chat channel: ONE STOMP-over-WebSocket connection per signed-in tab (see
 * docs/asyncapi.yaml). It connects with the current access token, reconnects with a growing
 * pause (1 s, 2 s, 4 s, 8 s, then every 10 s), subscribes to the user's queues again after
 * every reconnect, and hands out typed events. Pages never talk to STOMP directly; they use
 * the chat controller, which uses this.
 */

/**
 * - `connecting`: opening the first connection
 * - `online`: connected and subscribed
 * - `reconnecting`: the connection was lost (or could not be opened); trying again
 * - `stopped`: not running (signed out, or no session to connect with)
 */
export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'stopped';

/** What the rest of the chat needs from the live channel; unit tests use a fake. */
export interface ChatTransport {
  readonly state: ConnectionState;
  start(): void;
  stop(): void;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
  onEvent(listener: (event: ChatEvent) => void): () => void;
  /** Sends a JSON body to an `/app/...` destination; false when not connected (nothing sent). */
  publish(destination: string, body: unknown): boolean;
  /** Follows the typing topic of a conversation (also after reconnects) until the returned function is called. */
  watchTyping(conversationId: string): () => void;
  /**
   * Follows another destination on the same connection (e.g. `/topic/escalations`), also after
   * reconnects, until the returned function is called. The listener gets each frame's JSON body.
   */
  watchTopic(destination: string, listener: (body: unknown) => void): () => void;
}

/** The part of @stomp/stompjs' Client used here (tests pass a fake). */
export interface StompLike {
  connectHeaders: StompHeaders;
  readonly connected: boolean;
  activate(): void;
  deactivate(options?: { force?: boolean }): Promise<void>;
  forceDisconnect(): void;
  publish(params: { destination: string; body: string; headers?: StompHeaders }): void;
  subscribe(destination: string, callback: (message: IMessage) => void): { unsubscribe(): void };
}

export interface StompTransportOptions {
  /** The access token to connect with; null = no session (the transport stops). */
  accessToken: (options?: { renew?: boolean }) => Promise<string | null>;
  /** Default: `ws(s)://<location.host>/ws`. */
  brokerURL?: string;
  /** Default: a real @stomp/stompjs Client. */
  createClient?: (config: StompConfig) => StompLike;
  /** Window for `online`/`offline` events (default: the real window; null = none). */
  eventTarget?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
}

export const QUEUES = {
  messages: '/user/queue/messages',
  acks: '/user/queue/acks',
  errors: '/user/queue/errors',
  read: '/user/queue/read',
  presence: '/user/queue/presence',
} as const;

export const RECONNECT_DELAY_MS = 1000;
export const MAX_RECONNECT_DELAY_MS = 10_000;
export const HEARTBEAT_MS = 10_000;

export const destinations = {
  send: (conversationId: string) => `/app/conversations/${encodeURIComponent(conversationId)}/messages`,
  typing: (conversationId: string) => `/app/conversations/${encodeURIComponent(conversationId)}/typing`,
  read: (conversationId: string) => `/app/conversations/${encodeURIComponent(conversationId)}/read`,
  typingTopic: (conversationId: string) => `/topic/typing.${encodeURIComponent(conversationId)}`,
};

export function defaultBrokerURL(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

function readJson(message: IMessage): unknown {
  try {
    return JSON.parse(message.body) as unknown;
  } catch {
    return null;
  }
}

/** Turns a frame of one of the user queues into a typed event (null when unreadable). */
function toEvent(queue: keyof typeof QUEUES, message: IMessage): ChatEvent | null {
  const body = readJson(message);
  switch (queue) {
    case 'messages': {
      const payload = parseMessage(body);
      return payload && { type: 'message', payload };
    }
    case 'acks': {
      const payload = parseAck(body);
      return payload && { type: 'ack', payload };
    }
    case 'errors': {
      const payload = parseError(body);
      return payload && { type: 'error', payload };
    }
    case 'read': {
      const payload = parseRead(body);
      return payload && { type: 'read', payload };
    }
    case 'presence': {
      const payload = parsePresence(body);
      return payload && { type: 'presence', payload };
    }
  }
}

export function createStompTransport(options: StompTransportOptions): ChatTransport {
  const createClient = options.createClient ?? ((config: StompConfig) => new Client(config));
  const eventTarget = options.eventTarget === undefined ? window : options.eventTarget;
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const eventListeners = new Set<(event: ChatEvent) => void>();
  /** conversation id → number of watchers */
  const typingWatchers = new Map<string, number>();
  const typingSubscriptions = new Map<string, { unsubscribe(): void }>();
  /** destination → its listeners; one subscription per destination */
  const topicListeners = new Map<string, Set<(body: unknown) => void>>();
  const topicSubscriptions = new Map<string, { unsubscribe(): void }>();

  let state: ConnectionState = 'stopped';
  let client: StompLike | null = null;
  let renewNext = false;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  };

  const emit = (event: ChatEvent) => {
    for (const listener of [...eventListeners]) listener(event);
  };

  const subscribeTyping = (conversationId: string) => {
    if (!client?.connected || typingSubscriptions.has(conversationId)) return;
    const subscription = client.subscribe(destinations.typingTopic(conversationId), (message) => {
      const payload = parseTyping(readJson(message));
      if (payload) emit({ type: 'typing', payload });
    });
    typingSubscriptions.set(conversationId, subscription);
  };

  const subscribeTopic = (destination: string) => {
    if (!client?.connected || topicSubscriptions.has(destination)) return;
    const subscription = client.subscribe(destination, (message) => {
      const body = readJson(message);
      for (const listener of [...(topicListeners.get(destination) ?? [])]) listener(body);
    });
    topicSubscriptions.set(destination, subscription);
  };

  const lost = () => {
    typingSubscriptions.clear();
    topicSubscriptions.clear();
    // Also when the very first attempt fails: the page then says that it keeps trying.
    if (state !== 'stopped') setState('reconnecting');
  };

  const onBrowserOffline = () => {
    // The system says the network is gone: do not wait for heartbeats to notice.
    client?.forceDisconnect();
  };

  const onBrowserOnline = () => {
    // Back online: try at once instead of waiting for the next scheduled attempt.
    if (!client || client.connected || state === 'stopped') return;
    const current = client;
    void current.deactivate({ force: true }).then(() => {
      if (client === current && state !== 'stopped') current.activate();
    });
  };

  const transport: ChatTransport = {
    get state() {
      return state;
    },

    start() {
      if (client) return;
      setState('connecting');
      const config: StompConfig = {
        brokerURL: options.brokerURL ?? defaultBrokerURL(),
        heartbeatIncoming: HEARTBEAT_MS,
        heartbeatOutgoing: HEARTBEAT_MS,
        reconnectDelay: RECONNECT_DELAY_MS,
        maxReconnectDelay: MAX_RECONNECT_DELAY_MS,
        reconnectTimeMode: ReconnectionTimeMode.EXPONENTIAL,
        // A lost network must not leave a half-closed socket waiting for its closing handshake.
        discardWebsocketOnCommFailure: true,
        connectionTimeout: 15_000,
        beforeConnect: async () => {
          const self = client;
          if (!self) return;
          // Read fresh at every (re)connect: access tokens are renewed with refresh tokens.
          const token = await options.accessToken(renewNext ? { renew: true } : {}).catch(() => null);
          renewNext = false;
          if (client !== self) return;
          if (!token) {
            // No session any more: stop instead of knocking on the door every 10 seconds.
            transport.stop();
            return;
          }
          self.connectHeaders = { Authorization: `Bearer ${token}` };
        },
        onConnect: () => {
          const self = client;
          if (!self) return;
          for (const [queue, destination] of Object.entries(QUEUES) as [keyof typeof QUEUES, string][]) {
            self.subscribe(destination, (message) => {
              const event = toEvent(queue, message);
              if (event) emit(event);
            });
          }
          typingSubscriptions.clear();
          for (const conversationId of typingWatchers.keys()) subscribeTyping(conversationId);
          topicSubscriptions.clear();
          for (const destination of topicListeners.keys()) subscribeTopic(destination);
          setState('online');
        },
        onStompError: () => {
          // The server refused the CONNECT (most likely the token ran out in between):
          // renew it before the next attempt.
          renewNext = true;
        },
        onWebSocketClose: lost,
        onWebSocketError: () => undefined,
      };
      client = createClient(config);
      eventTarget?.addEventListener('offline', onBrowserOffline);
      eventTarget?.addEventListener('online', onBrowserOnline);
      client.activate();
    },

    stop() {
      const current = client;
      client = null;
      eventTarget?.removeEventListener('offline', onBrowserOffline);
      eventTarget?.removeEventListener('online', onBrowserOnline);
      typingSubscriptions.clear();
      topicSubscriptions.clear();
      setState('stopped');
      if (current) void current.deactivate().catch(() => undefined);
    },

    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },

    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },

    publish(destination, body) {
      if (!client?.connected || state !== 'online') return false;
      try {
        client.publish({ destination, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        return true;
      } catch {
        return false;
      }
    },

    watchTyping(conversationId) {
      typingWatchers.set(conversationId, (typingWatchers.get(conversationId) ?? 0) + 1);
      subscribeTyping(conversationId);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        const left = (typingWatchers.get(conversationId) ?? 1) - 1;
        if (left > 0) {
          typingWatchers.set(conversationId, left);
          return;
        }
        typingWatchers.delete(conversationId);
        const subscription = typingSubscriptions.get(conversationId);
        typingSubscriptions.delete(conversationId);
        if (client?.connected) subscription?.unsubscribe();
      };
    },

    watchTopic(destination, listener) {
      const listeners = topicListeners.get(destination) ?? new Set();
      listeners.add(listener);
      topicListeners.set(destination, listeners);
      subscribeTopic(destination);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || topicListeners.get(destination) !== listeners) return;
        topicListeners.delete(destination);
        const subscription = topicSubscriptions.get(destination);
        topicSubscriptions.delete(destination);
        if (client?.connected) subscription?.unsubscribe();
      };
    },
  };
  return transport;
}
