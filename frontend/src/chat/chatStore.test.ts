import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../auth/problem';
import { FakeTransport } from '../test/fakeChat';
import { ChatStore, normaliseBody, READ_DEBOUNCE_MS, TYPING_IDLE_MS, TYPING_SHOWN_MS, TYPING_THROTTLE_MS } from './chatStore';
import { ownStatus } from './conversation';
import { OUTBOX_KEY } from './outbox';
import en from '../i18n/locales/en.json';
import nl from '../i18n/locales/nl.json';
import { isChatErrorCode, type ConversationSummary, type MessageEvent } from './types';

const ME = 'u-client';
const THEM = 'u-therapist';
const CONV = 'therapy-u-client-u-therapist';

function summary(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: CONV,
    kind: 'THERAPY',
    participants: [
      { id: ME, pseudonym: 'Robin', role: 'CLIENT', online: true },
      { id: THEM, pseudonym: 'Dr. Noor Peeters', role: 'THERAPIST', online: false },
    ],
    lastSeq: 0,
    lastMessage: null,
    unread: 0,
    readSeq: 0,
    othersReadSeq: 0,
    ...overrides,
  };
}

function message(seq: number, overrides: Partial<MessageEvent> = {}): MessageEvent {
  return {
    id: `${CONV}:${String(seq).padStart(12, '0')}`,
    conversationId: CONV,
    seq,
    senderId: THEM,
    clientMessageId: `aaaaaaaa-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    body: `bericht ${seq}`,
    createdAt: new Date(Date.UTC(2026, 10, 3, 10, 0, seq)).toISOString(),
    ...overrides,
  };
}

/** A tiny server: the conversation list and the message pages, computed from `stored`. */
function fakeServer(initial: MessageEvent[] = []) {
  const stored = [...initial];
  const calls: string[] = [];
  let list = () => [summary({ lastSeq: stored.length ? Math.max(...stored.map((m) => m.seq)) : 0 })];
  const request = vi.fn(async (path: string) => {
    calls.push(path);
    const url = new URL(path, 'http://localhost');
    if (url.pathname === '/api/conversations') return list();
    const match = /^\/api\/conversations\/([^/]+)\/messages$/.exec(url.pathname);
    if (!match) throw new ApiError('problem', 404);
    const last = stored.length ? Math.max(...stored.map((m) => m.seq)) : 0;
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const after = url.searchParams.get('after');
    const before = url.searchParams.get('before');
    let from: number;
    let to: number;
    if (after !== null) {
      from = Number(after) + 1;
      to = Math.min(Number(after) + limit, last);
    } else {
      to = before !== null ? Math.min(Number(before) - 1, last) : last;
      from = Math.max(1, to - limit + 1);
    }
    return { messages: stored.filter((m) => m.seq >= from && m.seq <= to), lastSeq: last, hasOlder: from > 1 };
  });
  return {
    api: { request: request as unknown as <T>(path: string) => Promise<T> },
    request,
    calls,
    stored,
    setList(rows: () => ConversationSummary[]) {
      list = rows;
    },
  };
}

let ids = 0;
function newId() {
  ids += 1;
  return `bbbbbbbb-0000-4000-8000-${String(ids).padStart(12, '0')}`;
}

async function settle() {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
  await vi.advanceTimersByTimeAsync(0);
}

function setup({ initial = [] as MessageEvent[], online = true } = {}) {
  const server = fakeServer(initial);
  const transport = new FakeTransport({ autoConnect: online });
  const store = new ChatStore({ transport, api: server.api, meId: ME, storage: window.sessionStorage, newId });
  return { server, transport, store };
}

function conversation(store: ChatStore) {
  const c = store.getState().conversations[CONV];
  if (!c) throw new Error('no conversation');
  return c;
}

beforeEach(() => {
  vi.useFakeTimers();
  ids = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ChatStore', () => {
  it('loads the conversation list and the latest history page on open', async () => {
    const { store, server, transport } = setup({ initial: [message(1), message(2)] });
    store.start();
    await settle();
    expect(store.getState().list).toBe('ready');
    expect(store.getState().connection).toBe('online');

    store.openConversation(CONV);
    await settle();
    expect(server.calls).toContain(`/api/conversations/${CONV}/messages?limit=50`);
    expect(conversation(store).messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(conversation(store).history).toBe('ready');
    expect(transport.typingWatched.get(CONV)).toBe(1);
  });

  it('send: shown at once as sending, published with a clientMessageId; the ack makes it sent', async () => {
    const { store, transport } = setup();
    store.start();
    await settle();

    const id = store.send(CONV, '  Hoi, hoe gaat het?\r\nGoed.  ');
    expect(id).toBe('bbbbbbbb-0000-4000-8000-000000000001');
    const pending = conversation(store).messages[0]!;
    expect(pending).toMatchObject({ seq: null, body: 'Hoi, hoe gaat het?\nGoed.', senderId: ME });
    expect(ownStatus(pending, conversation(store))).toBe('sending');
    expect(transport.published).toEqual([
      { destination: `/app/conversations/${CONV}/messages`, body: { clientMessageId: id, body: 'Hoi, hoe gaat het?\nGoed.' } },
    ]);

    transport.emit({ type: 'ack', payload: { clientMessageId: id!, id: `${CONV}:1`, conversationId: CONV, seq: 1, createdAt: '2026-11-03T10:00:00Z', duplicate: false } });
    transport.emit({ type: 'message', payload: message(1, { senderId: ME, clientMessageId: id, body: 'Hoi, hoe gaat het?\nGoed.' }) });
    const c = conversation(store);
    expect(c.messages).toHaveLength(1);
    expect(ownStatus(c.messages[0]!, c)).toBe('sent');
    expect(store.getState().waiting).toBe(0);

    transport.emit({ type: 'read', payload: { conversationId: CONV, userId: THEM, seq: 1 } });
    expect(ownStatus(conversation(store).messages[0]!, conversation(store))).toBe('read');
  });

  it('does not send empty or too long messages', async () => {
    const { store, transport } = setup();
    store.start();
    await settle();
    expect(store.send(CONV, '   \n ')).toBeNull();
    expect(store.send(CONV, 'x'.repeat(4001))).toBeNull();
    // Characters, not UTF-16 units: 4000 emoji are fine.
    expect(store.send(CONV, '🌱'.repeat(4000))).not.toBeNull();
    expect(transport.sentTo('/messages')).toHaveLength(1);
  });

  it('sends tabs as spaces and drops other control characters, which the server refuses', async () => {
    const { store, transport } = setup();
    store.start();
    await settle();
    expect(normaliseBody('a\tb\r\nc\rd\u0085e\u0007f\u009f\u007f')).toBe('a    b\nc\nd' + 'ef');
    expect(store.send(CONV, '\u0007\u0085 ')).toBeNull();
    const id = store.send(CONV, 'kolom\tkolom\u0085');
    expect(transport.sentTo('/messages')).toEqual([{ clientMessageId: id, body: 'kolom    kolom' }]);
  });

  it('ErrorEvent → failed with its code; retry sends the SAME clientMessageId again', async () => {
    const { store, transport } = setup();
    store.start();
    await settle();
    const id = store.send(CONV, 'te snel')!;

    transport.emit({ type: 'error', payload: { code: 'message.rate-limited', detail: '', clientMessageId: id, destination: `/app/conversations/${CONV}/messages` } });
    let c = conversation(store);
    expect(c.messages[0]).toMatchObject({ failed: 'message.rate-limited' });
    expect(ownStatus(c.messages[0]!, c)).toBe('failed');
    expect(store.getState().waiting).toBe(0);

    store.retry(id);
    c = conversation(store);
    expect(ownStatus(c.messages[0]!, c)).toBe('sending');
    const sends = transport.sentTo('/messages') as { clientMessageId: string }[];
    expect(sends.map((s) => s.clientMessageId)).toEqual([id, id]);
  });

  it('message.id-conflict → failed with a text of its own; retry sends the text as a new message', async () => {
    const { store, transport } = setup();
    store.start();
    await settle();
    const id = store.send(CONV, 'andere tekst')!;

    transport.emit({ type: 'error', payload: { code: 'message.id-conflict', detail: '', clientMessageId: id, destination: `/app/conversations/${CONV}/messages` } });
    let c = conversation(store);
    expect(c.messages[0]).toMatchObject({ failed: 'message.id-conflict' });
    expect(ownStatus(c.messages[0]!, c)).toBe('failed');
    expect(isChatErrorCode(c.messages[0]!.failed)).toBe(true);
    expect(nl.chat.errors.message['id-conflict']).not.toEqual(nl.chat.errors.message['id-reused']);
    expect(en.chat.errors.message['id-conflict']).not.toEqual(en.chat.errors.message['id-reused']);

    store.retry(id);
    c = conversation(store);
    const sends = transport.sentTo('/messages') as { clientMessageId: string; body: string }[];
    expect(sends).toHaveLength(2);
    expect(sends[1]?.clientMessageId).not.toBe(id);
    expect(sends[1]?.body).toBe('andere tekst');
    expect(c.messages).toHaveLength(1);
    expect(c.messages[0]).toMatchObject({ clientMessageId: sends[1]?.clientMessageId, failed: null });
    expect(JSON.parse(window.sessionStorage.getItem(OUTBOX_KEY) ?? '[]')).toMatchObject([{ clientMessageId: sends[1]?.clientMessageId }]);
  });

  it('an error without clientMessageId fails the oldest open send of that conversation', async () => {
    const { store, transport } = setup();
    store.start();
    await settle();
    const first = store.send(CONV, 'een')!;
    store.send(CONV, 'twee');
    transport.emit({ type: 'error', payload: { code: 'server.error', detail: '', clientMessageId: null, destination: `/app/conversations/${CONV}/messages` } });
    const failed = conversation(store).messages.filter((m) => m.failed);
    expect(failed.map((m) => m.clientMessageId)).toEqual([first]);
  });

  it('message.in-progress: asks again after a moment with the same clientMessageId', async () => {
    const { store, transport } = setup();
    store.start();
    await settle();
    const id = store.send(CONV, 'nog bezig')!;
    transport.emit({ type: 'error', payload: { code: 'message.in-progress', detail: '', clientMessageId: id, destination: null } });
    expect(conversation(store).messages[0]?.failed).toBeNull();
    await vi.advanceTimersByTimeAsync(2000);
    expect((transport.sentTo('/messages') as { clientMessageId: string }[]).map((s) => s.clientMessageId)).toEqual([id, id]);
  });

  it('store.unavailable: the message keeps waiting and goes out again, same clientMessageId, until it is acknowledged', async () => {
    const { store, transport } = setup();
    store.start();
    await settle();
    const id = store.send(CONV, 'tijdens de storing')!;
    const refuse = () =>
      transport.emit({ type: 'error', payload: { code: 'store.unavailable', detail: '', clientMessageId: id, destination: null } });
    refuse();
    expect(conversation(store).messages[0]?.failed).toBeNull();
    expect(store.getState().waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(4999);
    expect(transport.sentTo('/messages')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    refuse();
    await vi.advanceTimersByTimeAsync(5000);
    const sent = (transport.sentTo('/messages') as { clientMessageId: string }[]).map((s) => s.clientMessageId);
    expect(sent).toEqual([id, id, id]);
    transport.emit({ type: 'ack', payload: { clientMessageId: id, id: `${CONV}:1`, conversationId: CONV, seq: 1, createdAt: '2026-11-03T10:00:00Z', duplicate: false } });
    expect(store.getState().waiting).toBe(0);
  });

  it('server.busy: the message keeps waiting and goes out again within two seconds, same clientMessageId', async () => {
    const { store, transport } = setup();
    store.start();
    await settle();
    const id = store.send(CONV, 'op een druk moment')!;
    transport.emit({ type: 'error', payload: { code: 'server.busy', detail: '', clientMessageId: id, destination: null } });
    expect(conversation(store).messages[0]?.failed).toBeNull();
    expect(store.getState().waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(transport.sentTo('/messages')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1001);
    expect((transport.sentTo('/messages') as { clientMessageId: string }[]).map((s) => s.clientMessageId)).toEqual([id, id]);
  });

  it('server.busy again and again: the wait doubles each time (so a busy server is not kept refusing), up to 30 s', async () => {
    const { store, transport } = setup();
    store.start();
    await settle();
    const id = store.send(CONV, 'nog steeds druk')!;
    const busy = () => transport.emit({ type: 'error', payload: { code: 'server.busy', detail: '', clientMessageId: id, destination: null } });
    const sends = () => transport.sentTo('/messages').length;
    // the n-th refusal in a row waits between 2^(n-1) and 2^n seconds (at most 15–30 s)
    for (const [refusal, least] of [[1, 1000], [2, 2000], [3, 4000], [4, 8000], [5, 15_000], [6, 15_000]] as const) {
      busy();
      const before = sends();
      await vi.advanceTimersByTimeAsync(least - 1);
      expect(sends(), `refusal ${refusal}: not before ${least} ms`).toBe(before);
      await vi.advanceTimersByTimeAsync(least + 1);
      expect(sends(), `refusal ${refusal}: by ${2 * least} ms`).toBe(before + 1);
    }
    transport.emit({ type: 'ack', payload: { clientMessageId: id, id: `${CONV}:1`, conversationId: CONV, seq: 1, createdAt: '2026-11-03T10:00:00Z', duplicate: false } });
    expect(store.getState().waiting).toBe(0);
  });

  it('outbox: messages written offline are kept in sessionStorage and sent once on reconnect', async () => {
    const { store, transport } = setup();
    store.start();
    await settle();
    transport.goOffline();
    expect(store.getState().connection).toBe('reconnecting');

    const a = store.send(CONV, 'offline een')!;
    const b = store.send(CONV, 'offline twee')!;
    expect(transport.sentTo('/messages')).toEqual([]);
    expect(store.getState().waiting).toBe(2);
    const saved = JSON.parse(window.sessionStorage.getItem(OUTBOX_KEY) ?? '[]') as { clientMessageId: string; body: string; userId: string }[];
    expect(saved.map((item) => [item.clientMessageId, item.body, item.userId])).toEqual([
      [a, 'offline een', ME],
      [b, 'offline twee', ME],
    ]);

    transport.goOnline();
    await settle();
    expect((transport.sentTo('/messages') as { clientMessageId: string }[]).map((s) => s.clientMessageId)).toEqual([a, b]);

    // A message not yet acknowledged when the connection drops is sent again (same id) ...
    transport.emit({ type: 'ack', payload: { clientMessageId: a, id: `${CONV}:1`, conversationId: CONV, seq: 1, createdAt: '', duplicate: false } });
    transport.goOffline();
    transport.goOnline();
    await settle();
    expect((transport.sentTo('/messages') as { clientMessageId: string }[]).map((s) => s.clientMessageId)).toEqual([a, b, b]);

    // ... and the server's duplicate ack settles it without a second message.
    transport.emit({ type: 'ack', payload: { clientMessageId: b, id: `${CONV}:2`, conversationId: CONV, seq: 2, createdAt: '', duplicate: true } });
    transport.emit({ type: 'ack', payload: { clientMessageId: b, id: `${CONV}:2`, conversationId: CONV, seq: 2, createdAt: '', duplicate: true } });
    expect(conversation(store).messages.map((m) => [m.seq, m.body])).toEqual([
      [1, 'offline een'],
      [2, 'offline twee'],
    ]);
    expect(store.getState().waiting).toBe(0);
    expect(window.sessionStorage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it('outbox survives a reload of the tab and is sent when the new page connects', async () => {
    const first = setup({ online: false });
    first.store.start();
    await settle();
    const id = first.store.send(CONV, 'voor de herlaadbeurt')!;
    first.store.stop();

    const second = setup({ online: false });
    second.store.start();
    await settle();
    expect(conversation(second.store).messages.map((m) => [m.clientMessageId, m.seq])).toEqual([[id, null]]);
    second.transport.goOnline();
    await settle();
    expect(second.transport.sentTo('/messages')).toEqual([{ clientMessageId: id, body: 'voor de herlaadbeurt' }]);
  });

  it("another account's outbox in the same tab is neither shown nor sent", async () => {
    window.sessionStorage.setItem(
      OUTBOX_KEY,
      JSON.stringify([{ userId: 'someone-else', conversationId: CONV, clientMessageId: 'x', body: 'niet van mij', createdAt: '', failed: null }]),
    );
    const { store, transport } = setup();
    store.start();
    await settle();
    expect(store.getState().conversations[CONV]?.messages ?? []).toEqual([]);
    expect(transport.sentTo('/messages')).toEqual([]);
  });

  it('resume: on reconnect fetches everything after the last seq, page by page, without duplicates', async () => {
    const { store, server, transport } = setup({ initial: [message(1), message(2)] });
    store.start();
    await settle();
    store.openConversation(CONV);
    await settle();

    transport.goOffline();
    // 150 messages arrive while offline.
    for (let seq = 3; seq <= 152; seq += 1) server.stored.push(message(seq));
    server.calls.length = 0;
    transport.goOnline();
    // A live message that arrives while the missed ones are being fetched.
    transport.emit({ type: 'message', payload: message(152) });
    await settle();

    expect(server.calls.filter((p) => p.includes('after='))).toEqual([
      `/api/conversations/${CONV}/messages?after=2&limit=100`,
      `/api/conversations/${CONV}/messages?after=102&limit=100`,
    ]);
    const seqs = conversation(store).messages.map((m) => m.seq);
    expect(seqs).toHaveLength(152);
    expect(new Set(seqs).size).toBe(152);
    expect(seqs).toEqual([...seqs].sort((x, y) => (x ?? 0) - (y ?? 0)));

    // The same events again (e.g. delivered live and by resume) change nothing.
    transport.emit({ type: 'message', payload: message(100) });
    expect(conversation(store).messages).toHaveLength(152);
  });

  it('resume: a drop after seeing 4 but not 3 (two senders) resumes after 2, so 3 is not skipped', async () => {
    const { store, server, transport } = setup({ initial: [message(1), message(2)] });
    store.start();
    await settle();
    store.openConversation(CONV);
    await settle();
    server.stored.push(message(3), message(4));

    transport.emit({ type: 'message', payload: message(4) });
    transport.goOffline();
    server.calls.length = 0;
    transport.goOnline();
    await settle();

    expect(server.calls.filter((p) => p.includes('after='))).toEqual([`/api/conversations/${CONV}/messages?after=2&limit=100`]);
    expect(conversation(store).messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(conversation(store).seenSeq).toBe(4);
  });

  it('history: loads older pages before the smallest seq', async () => {
    const initial = Array.from({ length: 120 }, (_, i) => message(i + 1));
    const { store, server } = setup({ initial });
    store.start();
    await settle();
    store.openConversation(CONV);
    await settle();
    expect(conversation(store).messages[0]?.seq).toBe(71);
    expect(conversation(store).hasOlder).toBe(true);

    await store.loadOlder(CONV);
    expect(server.calls).toContain(`/api/conversations/${CONV}/messages?before=71&limit=50`);
    expect(conversation(store).messages[0]?.seq).toBe(21);
    await store.loadOlder(CONV);
    expect(conversation(store).messages).toHaveLength(120);
    expect(conversation(store).hasOlder).toBe(false);
  });

  it('read marker: published (debounced) when the visible conversation ends with a message from the other person', async () => {
    const { store, transport } = setup({ initial: [message(1)] });
    store.start();
    await settle();
    store.openConversation(CONV);
    await settle();
    store.setVisible(CONV, true);
    transport.emit({ type: 'message', payload: message(2) });
    transport.emit({ type: 'message', payload: message(3) });
    expect(transport.sentTo('/read')).toEqual([]);
    await vi.advanceTimersByTimeAsync(READ_DEBOUNCE_MS);
    expect(transport.sentTo('/read')).toEqual([{ seq: 3 }]);
    expect(conversation(store).readSeq).toBe(3);

    // Not visible: nothing is marked read, and the unread count grows.
    store.setVisible(CONV, false);
    transport.emit({ type: 'message', payload: message(4) });
    await vi.advanceTimersByTimeAsync(READ_DEBOUNCE_MS * 2);
    expect(transport.sentTo('/read')).toEqual([{ seq: 3 }]);
    expect(conversation(store).lastSeq - conversation(store).readSeq).toBe(1);
  });

  it('typing: true at most every 2 s while typing, false after 3 s idle or on send', async () => {
    const { store, transport } = setup();
    store.start();
    await settle();
    const typing = () => transport.sentTo('/typing');

    store.typing(CONV);
    store.typing(CONV);
    await vi.advanceTimersByTimeAsync(1000);
    store.typing(CONV);
    expect(typing()).toEqual([{ typing: true }]);
    await vi.advanceTimersByTimeAsync(TYPING_THROTTLE_MS - 1000);
    store.typing(CONV);
    expect(typing()).toEqual([{ typing: true }, { typing: true }]);

    await vi.advanceTimersByTimeAsync(TYPING_IDLE_MS);
    expect(typing()).toEqual([{ typing: true }, { typing: true }, { typing: false }]);

    store.typing(CONV);
    store.send(CONV, 'klaar');
    expect(typing()).toEqual([{ typing: true }, { typing: true }, { typing: false }, { typing: true }, { typing: false }]);
  });

  it("shows who is typing, and hides it after 5 s, on typing:false or when their message arrives", async () => {
    const { store, transport } = setup();
    store.start();
    await settle();
    transport.emit({ type: 'typing', payload: { conversationId: CONV, userId: THEM, typing: true } });
    expect(conversation(store).typingUserId).toBe(THEM);
    await vi.advanceTimersByTimeAsync(TYPING_SHOWN_MS);
    expect(conversation(store).typingUserId).toBeNull();

    transport.emit({ type: 'typing', payload: { conversationId: CONV, userId: THEM, typing: true } });
    transport.emit({ type: 'message', payload: message(1) });
    expect(conversation(store).typingUserId).toBeNull();

    // Own typing (another tab of the same person) is not shown.
    transport.emit({ type: 'typing', payload: { conversationId: CONV, userId: ME, typing: true } });
    expect(conversation(store).typingUserId).toBeNull();
  });

  it('presence from the list is updated live', async () => {
    const { store, transport } = setup();
    store.start();
    await settle();
    expect(conversation(store).participants.find((p) => p.id === THEM)?.online).toBe(false);
    transport.emit({ type: 'presence', payload: { userId: THEM, online: true } });
    expect(conversation(store).participants.find((p) => p.id === THEM)?.online).toBe(true);
  });

  it('after a reconnect the list is loaded again (presence and unread may have changed)', async () => {
    const { store, server, transport } = setup();
    store.start();
    await settle();
    server.setList(() => [summary({ participants: [summary().participants[0]!, { ...summary().participants[1]!, online: true }] })]);
    transport.goOffline();
    transport.goOnline();
    await settle();
    expect(server.calls.filter((p) => p === '/api/conversations')).toHaveLength(2);
    expect(conversation(store).participants.find((p) => p.id === THEM)?.online).toBe(true);
  });
});
