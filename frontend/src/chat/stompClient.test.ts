import type { IMessage, StompConfig, StompHeaders } from '@stomp/stompjs';
import { describe, expect, it, vi } from 'vitest';
import { createStompTransport, defaultBrokerURL, HEARTBEAT_MS, MAX_RECONNECT_DELAY_MS, RECONNECT_DELAY_MS, type StompLike } from './stompClient';
import type { ChatEvent } from './types';

/** A stand-in for @stomp/stompjs' Client: no socket; the test plays the broker. */
class FakeStomp implements StompLike {
  connectHeaders: StompHeaders = {};
  connected = false;
  active = false;
  subscriptions = new Map<string, (message: IMessage) => void>();
  unsubscribed: string[] = [];
  published: { destination: string; body: string }[] = [];
  forced = 0;

  constructor(readonly config: StompConfig) {}

  activate() {
    this.active = true;
  }

  async deactivate() {
    this.active = false;
    this.connected = false;
  }

  forceDisconnect() {
    this.forced += 1;
    this.drop();
  }

  publish(params: { destination: string; body: string }) {
    if (!this.connected) throw new TypeError('There is no underlying STOMP connection');
    this.published.push({ destination: params.destination, body: params.body });
  }

  subscribe(destination: string, callback: (message: IMessage) => void) {
    this.subscriptions.set(destination, callback);
    return {
      unsubscribe: () => {
        this.unsubscribed.push(destination);
        this.subscriptions.delete(destination);
      },
    };
  }

  /** What the real client does on every (re)connect: beforeConnect, then CONNECTED. */
  async connect() {
    await this.config.beforeConnect?.(this as never);
    if (!this.active) return;
    this.connected = true;
    this.config.onConnect?.({} as never);
  }

  drop() {
    this.connected = false;
    this.subscriptions.clear();
    this.config.onWebSocketClose?.({} as never);
  }

  deliver(destination: string, body: unknown) {
    this.subscriptions.get(destination)?.({ body: JSON.stringify(body) } as IMessage);
  }
}

function setup(tokens = ['token-1', 'token-2', 'token-3']) {
  let stomp: FakeStomp | null = null;
  const accessToken = vi.fn(async () => tokens.shift() ?? null);
  const events = new EventTarget();
  const transport = createStompTransport({
    accessToken,
    brokerURL: 'ws://cocon.test/ws',
    createClient: (config) => (stomp = new FakeStomp(config)),
    eventTarget: events as unknown as Window,
  });
  const received: ChatEvent[] = [];
  const states: string[] = [];
  transport.onEvent((event) => received.push(event));
  transport.onStateChange((state) => states.push(state));
  transport.start();
  return {
    transport,
    accessToken,
    events,
    received,
    states,
    get stomp(): FakeStomp {
      if (!stomp) throw new Error('no client');
      return stomp;
    },
  };
}

describe('the STOMP transport', () => {
  it('is configured as the contract says: /ws, 10 s heartbeats, reconnect with back-off up to 10 s', () => {
    const { stomp } = setup();
    expect(stomp.config).toMatchObject({
      brokerURL: 'ws://cocon.test/ws',
      heartbeatIncoming: HEARTBEAT_MS,
      heartbeatOutgoing: HEARTBEAT_MS,
      reconnectDelay: RECONNECT_DELAY_MS,
      maxReconnectDelay: MAX_RECONNECT_DELAY_MS,
    });
    expect(HEARTBEAT_MS).toBe(10_000);
    expect(stomp.active).toBe(true);
    expect(defaultBrokerURL({ protocol: 'https:', host: 'cocon.example' })).toBe('wss://cocon.example/ws');
    expect(defaultBrokerURL({ protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/ws');
  });

  it('connects with a fresh bearer token at every (re)connect', async () => {
    const { stomp, accessToken, states } = setup();
    await stomp.connect();
    expect(stomp.connectHeaders).toEqual({ Authorization: 'Bearer token-1' });
    stomp.drop();
    await stomp.connect();
    expect(stomp.connectHeaders).toEqual({ Authorization: 'Bearer token-2' });
    expect(accessToken).toHaveBeenCalledTimes(2);
    expect(states).toEqual(['connecting', 'online', 'reconnecting', 'online']);
  });

  it('after the server refused the CONNECT, asks for a renewed token', async () => {
    const { stomp, accessToken } = setup();
    stomp.config.onStompError?.({ headers: { message: 'token expired' } } as never);
    await stomp.connect();
    expect(accessToken).toHaveBeenLastCalledWith({ renew: true });
  });

  it('stops when there is no session to connect with', async () => {
    const { stomp, states } = setup([]);
    await stomp.connect();
    expect(stomp.connected).toBe(false);
    expect(stomp.active).toBe(false);
    expect(states.at(-1)).toBe('stopped');
  });

  it('subscribes to the user queues on every connect and hands out typed events', async () => {
    const { stomp, received } = setup();
    await stomp.connect();
    expect([...stomp.subscriptions.keys()].sort()).toEqual([
      '/user/queue/acks',
      '/user/queue/errors',
      '/user/queue/messages',
      '/user/queue/presence',
      '/user/queue/read',
    ]);
    stomp.deliver('/user/queue/messages', { id: 'c:1', conversationId: 'c', seq: 1, senderId: 'u', clientMessageId: null, body: 'hoi', createdAt: '' });
    stomp.deliver('/user/queue/acks', { clientMessageId: 'm', id: 'c:2', conversationId: 'c', seq: 2, createdAt: '', duplicate: true });
    stomp.deliver('/user/queue/errors', { code: 'message.too-long', detail: 'x', clientMessageId: 'm', destination: '/app/conversations/c/messages' });
    stomp.deliver('/user/queue/read', { conversationId: 'c', userId: 'u', seq: 2 });
    stomp.deliver('/user/queue/presence', { userId: 'u', online: true });
    stomp.deliver('/user/queue/messages', { nonsense: true });
    expect(received.map((event) => event.type)).toEqual(['message', 'ack', 'error', 'read', 'presence']);
    expect(received[1]).toEqual({
      type: 'ack',
      payload: { clientMessageId: 'm', id: 'c:2', conversationId: 'c', seq: 2, createdAt: '', duplicate: true },
    });

    stomp.drop();
    await stomp.connect();
    expect(stomp.subscriptions.size).toBe(5);
  });

  it('follows the typing topic of open conversations, also after a reconnect', async () => {
    const { stomp, transport, received } = setup();
    const stop = transport.watchTyping('c-1');
    await stomp.connect();
    expect(stomp.subscriptions.has('/topic/typing.c-1')).toBe(true);
    stomp.deliver('/topic/typing.c-1', { conversationId: 'c-1', userId: 'u', typing: true });
    expect(received).toEqual([{ type: 'typing', payload: { conversationId: 'c-1', userId: 'u', typing: true } }]);

    stomp.drop();
    await stomp.connect();
    expect(stomp.subscriptions.has('/topic/typing.c-1')).toBe(true);
    stop();
    expect(stomp.unsubscribed).toEqual(['/topic/typing.c-1']);
  });

  it('follows another topic on the same connection: one subscription for all listeners, again after a reconnect', async () => {
    const { stomp, transport } = setup();
    const first: unknown[] = [];
    const second: unknown[] = [];
    const stopFirst = transport.watchTopic('/topic/escalations', (body) => first.push(body));
    await stomp.connect();
    const stopSecond = transport.watchTopic('/topic/escalations', (body) => second.push(body));
    expect([...stomp.subscriptions.keys()].filter((d) => d === '/topic/escalations')).toHaveLength(1);

    stomp.deliver('/topic/escalations', { type: 'OPENED', escalation: { id: 'e-1' } });
    expect(first).toEqual([{ type: 'OPENED', escalation: { id: 'e-1' } }]);
    expect(second).toEqual(first);

    stomp.drop();
    expect(stomp.subscriptions.has('/topic/escalations')).toBe(false);
    await stomp.connect();
    expect(stomp.subscriptions.has('/topic/escalations')).toBe(true);
    expect(stomp.subscriptions.size).toBe(6);

    stopFirst();
    expect(stomp.unsubscribed).toEqual([]);
    stopSecond();
    stopSecond();
    expect(stomp.unsubscribed).toEqual(['/topic/escalations']);
    stomp.drop();
    await stomp.connect();
    expect(stomp.subscriptions.has('/topic/escalations')).toBe(false);
  });

  it('publishes JSON only while connected', async () => {
    const { stomp, transport } = setup();
    expect(transport.publish('/app/conversations/c/messages', { body: 'x' })).toBe(false);
    await stomp.connect();
    expect(transport.publish('/app/conversations/c/messages', { clientMessageId: 'm', body: 'hoi' })).toBe(true);
    expect(stomp.published).toEqual([{ destination: '/app/conversations/c/messages', body: '{"clientMessageId":"m","body":"hoi"}' }]);
  });

  it("drops the socket at once when the browser reports 'offline'", async () => {
    const { stomp, events, states } = setup();
    await stomp.connect();
    events.dispatchEvent(new Event('offline'));
    expect(stomp.forced).toBe(1);
    expect(states.at(-1)).toBe('reconnecting');
  });

  it('stop() deactivates the client', async () => {
    const { stomp, transport, states } = setup();
    await stomp.connect();
    transport.stop();
    expect(stomp.active).toBe(false);
    expect(states.at(-1)).toBe('stopped');
  });
});
