import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ConversationSummary, MessageEvent } from '../chat/types';
import { FakeTransport } from '../test/fakeChat';
import { FakeAuthClient, makeMe, sessionUser } from '../test/fakes';
import { renderApp } from '../test/renderApp';

vi.mock('chart.js', () => import('../test/fakeChart'));

const ME = 'u-1';
const THERAPIST = { id: 't-1', pseudonym: 'Dr. Noor Peeters' };
const THERAPY = 'therapy-u-1-t-1';
const CHECKIN = 'checkin-u-1';

const therapy: ConversationSummary = {
  id: THERAPY,
  kind: 'THERAPY',
  participants: [
    { id: ME, pseudonym: 'Robin', role: 'CLIENT', online: true },
    { id: THERAPIST.id, pseudonym: THERAPIST.pseudonym, role: 'THERAPIST', online: false },
  ],
  lastSeq: 2,
  lastMessage: { seq: 2, senderId: THERAPIST.id, text: 'Hoi Robin!', at: '2026-11-20T10:02:00Z' },
  unread: 1,
  readSeq: 1,
  othersReadSeq: 1,
};

const checkinConversation: ConversationSummary = {
  id: CHECKIN,
  kind: 'CHECKIN',
  participants: [
    { id: ME, pseudonym: 'Robin', role: 'CLIENT', online: true },
    { id: 'guide', pseudonym: 'Cocon', role: 'GUIDE', online: false },
  ],
  lastSeq: 1,
  lastMessage: { seq: 1, senderId: 'guide', text: 'Hoe gaat het vandaag?', at: '2026-11-20T19:00:00Z' },
  unread: 1,
  readSeq: 0,
  othersReadSeq: 0,
};

function message(conversationId: string, seq: number, senderId: string, body: string, overrides: Partial<MessageEvent> = {}): MessageEvent {
  return { id: `${conversationId}:${seq}`, conversationId, seq, senderId, clientMessageId: null, body, createdAt: `2026-11-20T10:0${seq}:00Z`, ...overrides };
}

function renderChat(path: string) {
  const transport = new FakeTransport();
  const rendered = renderApp({
    path,
    client: new FakeAuthClient(sessionUser()),
    transport,
    routes: {
      'GET /api/me': { body: makeMe({ id: ME, therapist: THERAPIST }) },
      'GET /api/conversations': { body: [therapy, checkinConversation] },
      [`GET /api/conversations/${THERAPY}/messages`]: { body: { messages: [message(THERAPY, 1, ME, 'Hallo')], lastSeq: 1, hasOlder: false } },
      [`GET /api/conversations/${CHECKIN}/messages`]: {
        body: {
          messages: [
            message(CHECKIN, 1, 'guide', 'Hoe gaat het vandaag? Neem even tijd voor je check-in.', {
              kind: 'NOTICE',
              data: { notice: 'checkin-reminder', date: '2026-11-20' },
            }),
          ],
          lastSeq: 1,
          hasOlder: false,
        },
      },
    },
  });
  return { ...rendered, transport };
}

describe('check-ins and nudges in the chat', () => {
  it('a nudge from the therapist arrives live and is marked as one, with the therapist’s name', async () => {
    const { transport } = renderChat(`/chat?c=${THERAPY}`);
    await screen.findByText('Hallo', { selector: '.message__body' });
    act(() =>
      transport.emit({
        type: 'message',
        payload: message(THERAPY, 2, THERAPIST.id, 'Denk aan je ademhaling vandaag!', { kind: 'NUDGE', data: { nudgeId: 'n-1', origin: 'MANUAL' } }),
      }),
    );
    const body = await screen.findByText('Denk aan je ademhaling vandaag!', { selector: '.message__body' });
    const item = body.closest('li') as HTMLElement;
    expect(item.classList.contains('message--nudge')).toBe(true);
    expect(within(item).getByText('Aanmoediging van Dr. Noor Peeters')).toBeTruthy();
    // An ordinary message is not marked.
    const hallo = screen.getByText('Hallo', { selector: '.message__body' }).closest('li') as HTMLElement;
    expect(hallo.classList.contains('message--nudge')).toBe(false);
  });

  it('the check-in conversation is called "Check-in", shows the reminder with a link to the check-in, and has no composer', async () => {
    renderChat(`/chat?c=${CHECKIN}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Check-in' })).toBeTruthy();
    const reminder = await screen.findByText(/Neem even tijd voor je check-in/);
    const link = within(reminder.closest('li') as HTMLElement).getByRole('link', { name: 'Naar je check-in' });
    expect(link.getAttribute('href')).toBe('/checkin');
    expect(screen.queryByRole('textbox', { name: /^Bericht aan/ })).toBeNull();
    expect(screen.getByText(/Hier krijg je je dagelijkse herinnering/)).toBeTruthy();
    const list = screen.getByRole('region', { name: 'Gesprekken' });
    expect(within(list).getByText('Check-in', { selector: '.conversation-item__name' })).toBeTruthy();

    fireEvent.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: 'Check-in' })).toBeTruthy();
    expect(window.location.pathname).toBe('/checkin');
  });

  it('a client with a therapist and check-in reminders gets the conversation with the therapist opened on /chat', async () => {
    renderChat('/chat');
    expect(await screen.findByRole('heading', { level: 1, name: 'Chat met Dr. Noor Peeters' })).toBeTruthy();
    expect(new URLSearchParams(window.location.search).get('c')).toBe(THERAPY);
  });

  it('the client’s home leads to the check-in, and to the reminders with their unread count', async () => {
    renderChat('/home');
    const card = await screen.findByRole('region', { name: 'Check-in' });
    expect(within(card).getByRole('link', { name: 'Naar je check-in' }).getAttribute('href')).toBe('/checkin');
    const reminders = await within(card).findByRole('link', { name: /^Herinneringen/ });
    expect(reminders.getAttribute('href')).toBe(`/chat?c=${CHECKIN}`);
    expect(reminders.textContent).toContain('1 ongelezen bericht');
    // The chat with the therapist keeps its own unread count.
    expect(screen.getByRole('link', { name: /^Chat met Dr\. Noor Peeters/ }).textContent).toContain('1 ongelezen bericht');
  });
});
