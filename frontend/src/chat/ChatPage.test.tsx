import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeTransport } from '../test/fakeChat';
import { FakeAuthClient, makeMe, sessionUser, type Handler } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import type { ConversationSummary, MessageEvent } from './types';

const ME = 'u-1';
const THERAPIST = { id: 't-1', pseudonym: 'Dr. Noor Peeters' };
const CONV = 'therapy-u-1-t-1';

function conversation(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: CONV,
    kind: 'THERAPY',
    participants: [
      { id: ME, pseudonym: 'Robin', role: 'CLIENT', online: true },
      { id: THERAPIST.id, pseudonym: THERAPIST.pseudonym, role: 'THERAPIST', online: true },
    ],
    lastSeq: 2,
    lastMessage: { seq: 2, senderId: THERAPIST.id, text: 'Hoe was je dag?', at: '2026-11-03T10:05:00Z' },
    unread: 0,
    readSeq: 2,
    othersReadSeq: 1,
    closedAt: null,
    ...overrides,
  };
}

function message(seq: number, senderId: string, body: string, overrides: Partial<MessageEvent> = {}): MessageEvent {
  return {
    id: `${CONV}:${String(seq).padStart(12, '0')}`,
    conversationId: CONV,
    seq,
    senderId,
    clientMessageId: `cccccccc-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    body,
    createdAt: `2026-11-03T10:0${seq}:00Z`,
    ...overrides,
  };
}

const HISTORY = [message(1, ME, 'Hallo, ik ben Robin.'), message(2, THERAPIST.id, 'Hoe was je dag?')];

function renderChat({
  path = '/chat',
  me = makeMe({ id: ME, therapist: THERAPIST }),
  conversations = [conversation()] as ConversationSummary[],
  messages = HISTORY,
  routes = {} as Record<string, Handler>,
  transport = new FakeTransport(),
} = {}) {
  const rendered = renderApp({
    path,
    client: new FakeAuthClient(sessionUser()),
    transport,
    routes: {
      'GET /api/me': { body: me },
      'GET /api/conversations': { body: conversations },
      [`GET /api/conversations/${CONV}/messages`]: { body: { messages, lastSeq: messages.length, hasOlder: false } },
      ...routes,
    },
  });
  return { ...rendered, transport };
}

function composer() {
  return screen.getByRole('textbox', { name: 'Bericht aan Dr. Noor Peeters' });
}

function bubble(text: string): HTMLElement {
  const element = screen.getByText(text).closest('li');
  if (!element) throw new Error(`no bubble for ${text}`);
  return element;
}

describe('/chat', () => {
  it('client: opens the one conversation with its history, who is online, and the composer', async () => {
    renderChat();
    expect(await screen.findByRole('heading', { level: 1, name: 'Chat met Dr. Noor Peeters' })).toBeTruthy();
    expect(window.location.search).toBe(`?c=${CONV}`);
    expect(await screen.findByText('Hoe was je dag?', { selector: '.message__body' })).toBeTruthy();
    expect(screen.getByText('Dr. Noor Peeters is online')).toBeTruthy();
    // Own message already read by the therapist (othersReadSeq = 1).
    expect(bubble('Hallo, ik ben Robin.').getAttribute('data-status')).toBe('read');
    expect(within(bubble('Hallo, ik ben Robin.')).getByText('Gelezen')).toBeTruthy();
    expect(within(bubble('Hallo, ik ben Robin.')).getByText('Jij:', { exact: false })).toBeTruthy();
    // A day separator above the first message of each day (in the interface language).
    expect(document.querySelector('.day-separator')?.textContent).toBe('dinsdag 3 november 2026');
    expect(screen.getByRole('region', { name: 'Berichten met Dr. Noor Peeters' }).tabIndex).toBe(0);
  });

  it('sends with Enter: shown at once as sending, then sent after the ack, read after the read marker', async () => {
    const { transport } = renderChat();
    await screen.findByText('Hoe was je dag?', { selector: '.message__body' });

    fireEvent.change(composer(), { target: { value: 'Best goed eigenlijk.' } });
    fireEvent.keyDown(composer(), { key: 'Enter' });

    const sent = transport.sentTo('/messages') as { clientMessageId: string; body: string }[];
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toBe('Best goed eigenlijk.');
    expect((composer() as HTMLTextAreaElement).value).toBe('');
    expect(bubble('Best goed eigenlijk.').getAttribute('data-status')).toBe('sending');
    expect(within(bubble('Best goed eigenlijk.')).getByText('Wordt verstuurd')).toBeTruthy();

    const id = sent[0]!.clientMessageId;
    act(() => {
      transport.emit({ type: 'ack', payload: { clientMessageId: id, id: `${CONV}:3`, conversationId: CONV, seq: 3, createdAt: '2026-11-03T10:09:00Z', duplicate: false } });
    });
    expect(bubble('Best goed eigenlijk.').getAttribute('data-status')).toBe('sent');
    expect(within(bubble('Best goed eigenlijk.')).getByText('Verstuurd')).toBeTruthy();

    act(() => transport.emit({ type: 'read', payload: { conversationId: CONV, userId: THERAPIST.id, seq: 3 } }));
    expect(bubble('Best goed eigenlijk.').getAttribute('data-status')).toBe('read');
  });

  it('the send button sends too, and focus stays in the composer', async () => {
    const { transport } = renderChat();
    await screen.findByText('Hoe was je dag?', { selector: '.message__body' });
    fireEvent.change(composer(), { target: { value: 'Met de knop' } });
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    expect((transport.sentTo('/messages') as { body: string }[]).map((m) => m.body)).toEqual(['Met de knop']);
    expect(document.activeElement).toBe(composer());
  });

  it('composer: Shift+Enter does not send, empty text cannot be sent, a counter near the 4000 limit', async () => {
    const { transport } = renderChat();
    await screen.findByText('Hoe was je dag?', { selector: '.message__body' });
    const send = screen.getByRole('button', { name: 'Versturen' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);

    fireEvent.change(composer(), { target: { value: '   ' } });
    expect(send.disabled).toBe(true);
    fireEvent.keyDown(composer(), { key: 'Enter' });
    expect(transport.sentTo('/messages')).toEqual([]);

    fireEvent.change(composer(), { target: { value: 'regel een' } });
    fireEvent.keyDown(composer(), { key: 'Enter', shiftKey: true });
    expect(transport.sentTo('/messages')).toEqual([]);
    expect(send.disabled).toBe(false);

    fireEvent.change(composer(), { target: { value: 'x'.repeat(3990) } });
    expect(screen.getByText('Nog 10 tekens')).toBeTruthy();
    fireEvent.change(composer(), { target: { value: 'x'.repeat(4002) } });
    expect(screen.getByText('2 tekens te veel')).toBeTruthy();
    expect(send.disabled).toBe(true);
    expect(composer().getAttribute('aria-invalid')).toBe('true');
  });

  it('typing: signals while typing; shows when the therapist types; announces a new message', async () => {
    const { transport } = renderChat();
    await screen.findByText('Hoe was je dag?', { selector: '.message__body' });

    fireEvent.change(composer(), { target: { value: 'Ik' } });
    expect(transport.sentTo('/typing')).toEqual([{ typing: true }]);
    expect(transport.typingWatched.get(CONV)).toBe(1);

    act(() => transport.emit({ type: 'typing', payload: { conversationId: CONV, userId: THERAPIST.id, typing: true } }));
    expect(screen.getByText('Dr. Noor Peeters is aan het typen…')).toBeTruthy();

    act(() => transport.emit({ type: 'message', payload: message(3, THERAPIST.id, 'Vertel gerust.') }));
    expect(screen.getByText('Vertel gerust.', { selector: '.message__body' })).toBeTruthy();
    expect(screen.queryByText('Dr. Noor Peeters is aan het typen…')).toBeNull();
    await waitFor(() => expect(screen.getByText('Nieuw bericht van Dr. Noor Peeters: Vertel gerust.')).toBeTruthy());
    // The conversation is on screen: it is marked read.
    await waitFor(() => expect(transport.sentTo('/read')).toEqual([{ seq: 3 }]));
  });

  it('connection lost: banner, messages wait in the outbox, and go out once when back online', async () => {
    const { transport } = renderChat();
    await screen.findByText('Hoe was je dag?', { selector: '.message__body' });
    expect(screen.queryByText('Verbinding verbroken — we proberen opnieuw…')).toBeNull();

    act(() => transport.goOffline());
    expect(screen.getByText('Verbinding verbroken — we proberen opnieuw…')).toBeTruthy();
    for (const text of ['Een', 'Twee']) {
      fireEvent.change(composer(), { target: { value: text } });
      fireEvent.keyDown(composer(), { key: 'Enter' });
    }
    expect(screen.getByText('2 berichten wachten om verstuurd te worden')).toBeTruthy();
    expect(transport.sentTo('/messages')).toEqual([]);

    act(() => transport.goOnline());
    expect(screen.queryByText('Verbinding verbroken — we proberen opnieuw…')).toBeNull();
    expect((transport.sentTo('/messages') as { body: string }[]).map((m) => m.body)).toEqual(['Een', 'Twee']);
  });

  it('a refused message shows why, and "Send again" sends the same clientMessageId', async () => {
    const { transport } = renderChat();
    await screen.findByText('Hoe was je dag?', { selector: '.message__body' });
    fireEvent.change(composer(), { target: { value: 'Snel snel' } });
    fireEvent.keyDown(composer(), { key: 'Enter' });
    const id = (transport.sentTo('/messages')[0] as { clientMessageId: string }).clientMessageId;

    act(() => transport.emit({ type: 'error', payload: { code: 'message.rate-limited', detail: 'slow down', clientMessageId: id, destination: null } }));
    expect(within(bubble('Snel snel')).getByText('Niet verstuurd')).toBeTruthy();
    expect(screen.getByText(/Je stuurt veel berichten kort na elkaar/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Opnieuw versturen' }));
    expect((transport.sentTo('/messages') as { clientMessageId: string }[]).map((m) => m.clientMessageId)).toEqual([id, id]);
    expect(bubble('Snel snel').getAttribute('data-status')).toBe('sending');
  });

  it('a closed conversation (the therapist changed) can be read but has no composer', async () => {
    renderChat({ conversations: [conversation({ closedAt: '2026-11-04T09:00:00Z' })] });
    expect(await screen.findByText('Hoe was je dag?', { selector: '.message__body' })).toBeTruthy();
    expect(document.querySelector('.conversation__closed')?.textContent).toContain('Dit gesprek is afgesloten');
    expect(screen.queryByRole('textbox', { name: 'Bericht aan Dr. Noor Peeters' })).toBeNull();
  });

  it('a send refused because the conversation closed meanwhile fetches the list again and drops the composer', async () => {
    let closed = false;
    const { transport } = renderChat({
      routes: { 'GET /api/conversations': () => ({ body: [conversation({ closedAt: closed ? '2026-11-04T09:00:00Z' : null })] }) },
    });
    await screen.findByText('Hoe was je dag?', { selector: '.message__body' });
    fireEvent.change(composer(), { target: { value: 'Ben je er nog?' } });
    fireEvent.keyDown(composer(), { key: 'Enter' });
    const [sent] = transport.sentTo('/messages') as { clientMessageId: string }[];
    closed = true;

    act(() =>
      transport.emit({ type: 'error', payload: { code: 'conversation.closed', detail: 'closed', clientMessageId: sent!.clientMessageId, destination: null } }),
    );

    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Bericht aan Dr. Noor Peeters' })).toBeNull());
    expect(screen.getByText('Dit gesprek is afgesloten', { exact: false, selector: '.conversation__closed' })).toBeTruthy();
  });

  it('client without a therapist yet: will be linked soon', async () => {
    renderChat({ me: makeMe({ id: ME }), conversations: [] });
    expect(await screen.findByText(/Je wordt binnenkort gekoppeld aan een therapeut/)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Chat' })).toBeTruthy();
  });

  it('therapist: a conversation per client with unread badge, preview and presence; nothing opened yet', async () => {
    const sam = {
      ...conversation({
        id: 'therapy-u-2-t-1',
        participants: [
          { id: 'u-2', pseudonym: 'Sam', role: 'CLIENT', online: false },
          { id: THERAPIST.id, pseudonym: THERAPIST.pseudonym, role: 'THERAPIST', online: true },
        ],
        lastSeq: 5,
        readSeq: 2,
        lastMessage: { seq: 5, senderId: 'u-2', text: 'Kunnen we morgen praten?', at: '2026-11-03T11:00:00Z' },
      }),
    };
    const robin = conversation({ lastMessage: { seq: 2, senderId: THERAPIST.id, text: 'Hoe was je dag?', at: '2026-11-03T10:05:00Z' } });
    renderChat({ me: makeMe({ id: THERAPIST.id, pseudonym: THERAPIST.pseudonym, roles: ['THERAPIST'] }), conversations: [robin, sam] });

    const links = await screen.findAllByRole('link', { name: /Sam|Robin/ });
    expect(links.map((link) => link.textContent?.includes('Sam') ? 'Sam' : 'Robin')).toEqual(['Sam', 'Robin']);
    const samLink = links[0]!;
    expect(samLink.getAttribute('href')).toBe('/chat?c=therapy-u-2-t-1');
    expect(within(samLink).getByText('3 ongelezen berichten')).toBeTruthy();
    expect(within(samLink).getByText('Kunnen we morgen praten?')).toBeTruthy();
    expect(within(samLink).getByText(', offline')).toBeTruthy();
    expect(within(links[1]!).getByText('Jij: Hoe was je dag?')).toBeTruthy();
    expect(within(links[1]!).getByText(', online')).toBeTruthy();
    expect(screen.getByText('Kies een gesprek om het te openen.')).toBeTruthy();
    expect(window.location.search).toBe('');

    fireEvent.click(samLink);
    expect(await screen.findByRole('heading', { level: 1, name: 'Chat met Sam' })).toBeTruthy();
    expect(samLink.getAttribute('aria-current')).toBe('page');
  });

  it('an unknown conversation id says so', async () => {
    renderChat({ path: '/chat?c=nope' });
    expect(await screen.findByText(/Dit gesprek vinden we niet/)).toBeTruthy();
  });
});

describe('ways into the chat from /home', () => {
  it('client home: "Chat met <therapist>" with the unread count', async () => {
    renderChat({ path: '/home', conversations: [conversation({ lastSeq: 4, readSeq: 2 })] });
    const link = await screen.findByRole('link', { name: /^Chat met Dr\. Noor Peeters/ });
    await waitFor(() => expect(link.getAttribute('href')).toBe(`/chat?c=${CONV}`));
    expect(within(link).getByText('2 ongelezen berichten')).toBeTruthy();
  });

  it('therapist home: each caseload row links to the chat with that client', async () => {
    renderChat({
      path: '/home',
      me: makeMe({ id: THERAPIST.id, pseudonym: THERAPIST.pseudonym, roles: ['THERAPIST'] }),
      routes: { 'GET /api/caseload': { body: [{ id: ME, username: 'demo-client', pseudonym: 'Robin', assignedAt: '2026-11-03T09:00:00Z' }] } },
    });
    const link = await screen.findByRole('link', { name: 'Chat met Robin' });
    await waitFor(() => expect(link.getAttribute('href')).toBe(`/chat?c=${CONV}`));
  });
});
