import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConversationSummary, MessageEvent } from '../chat/types';
import { CRISIS_CARD } from '../moderation/fixtures';
import { FakeTransport } from '../test/fakeChat';
import { FakeAuthClient, makeMe, sessionUser, type Handler } from '../test/fakes';
import { renderApp } from '../test/renderApp';

const ME = 'u-1';
const THERAPIST = { id: 't-1', pseudonym: 'Dr. Noor Peeters' };
const MODERATOR = { id: 'm-1', pseudonym: 'Moderator Jules' };
const CONV = 'therapy-u-1-t-1';

function participants(withModerator: boolean) {
  return [
    { id: ME, pseudonym: 'Robin', role: 'CLIENT', online: true },
    { id: THERAPIST.id, pseudonym: THERAPIST.pseudonym, role: 'THERAPIST', online: true },
    ...(withModerator ? [{ id: MODERATOR.id, pseudonym: MODERATOR.pseudonym, role: 'MODERATOR', online: true }] : []),
  ];
}

function conversation(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return { id: CONV, kind: 'THERAPY', participants: participants(false), lastSeq: 1, lastMessage: null, unread: 0, readSeq: 1, othersReadSeq: 1, ...overrides };
}

function message(seq: number, senderId: string, body: string, overrides: Partial<MessageEvent> = {}): MessageEvent {
  return { id: `${CONV}:${seq}`, conversationId: CONV, seq, senderId, clientMessageId: null, body, createdAt: `2026-11-20T10:0${seq}:00Z`, ...overrides };
}

function renderChat({ conversations = [conversation()], messages = [message(1, ME, 'Hallo')], routes = {} as Record<string, Handler> } = {}) {
  const transport = new FakeTransport();
  const rendered = renderApp({
    path: `/chat?c=${CONV}`,
    client: new FakeAuthClient(sessionUser()),
    transport,
    routes: {
      'GET /api/me': { body: makeMe({ id: ME, therapist: THERAPIST }) },
      'GET /api/conversations': { body: conversations },
      [`GET /api/conversations/${CONV}/messages`]: { body: { messages, lastSeq: messages.length, hasOlder: false } },
      ...routes,
    },
  });
  return { ...rendered, transport };
}

describe('safety in the chat', () => {
  it('a crisis notice that arrives live is shown at once as the crisis card, with tap-to-call links', async () => {
    const { transport } = renderChat();
    await screen.findByText('Hallo', { selector: '.message__body' });

    act(() =>
      transport.emit({
        type: 'message',
        payload: message(2, 'guide', CRISIS_CARD.intro, { kind: 'NOTICE', data: { notice: 'crisis', crisis: CRISIS_CARD } }),
      }),
    );

    const card = await screen.findByRole('region', { name: /^Hulp als het nu zwaar is, / });
    expect(card.closest('li')?.classList.contains('safety-notice--crisis')).toBe(true);
    expect(within(card).getByRole('link', { name: 'Bel 1813 (Zelfmoordlijn 1813)' }).getAttribute('href')).toBe('tel:1813');
    expect(within(card).getByRole('link', { name: /^Bel 112/ }).getAttribute('href')).toBe('tel:112');
    // Not a plain bubble.
    expect(screen.queryByText(CRISIS_CARD.intro, { selector: '.message__body' })).toBeNull();
  });

  it('a crisis notice from the history is a crisis card too; without a readable card it still offers 112', async () => {
    renderChat({
      messages: [
        message(1, 'guide', CRISIS_CARD.intro, { kind: 'NOTICE', data: { notice: 'crisis', crisis: CRISIS_CARD } }),
        message(2, 'guide', 'Praat er met iemand over.', { kind: 'NOTICE', data: { notice: 'crisis', crisis: { resources: [] } } }),
      ],
    });
    expect(await screen.findByRole('region', { name: /^Hulp als het nu zwaar is, / })).toBeTruthy();
    const fallback = screen.getByText(/Praat er met iemand over\./, { selector: '.system-line' }).closest('li');
    expect(within(fallback!).getByRole('link', { name: 'In nood? Bel 112.' }).getAttribute('href')).toBe('tel:112');
  });

  it('"moderator joined/left" are short system lines naming the moderator; the list is loaded again', async () => {
    let lists = 0;
    const { transport } = renderChat({
      routes: {
        'GET /api/conversations': () => ({ body: [conversation({ participants: participants(++lists > 1) })] }),
      },
    });
    await screen.findByText('Hallo', { selector: '.message__body' });
    const before = lists;

    act(() =>
      transport.emit({
        type: 'message',
        payload: message(2, 'guide', 'Moderator Jules doet mee.', { kind: 'NOTICE', data: { notice: 'moderator-joined', moderator: MODERATOR.pseudonym } }),
      }),
    );
    expect(await screen.findByText('Moderator Jules van het Cocon-team doet mee in dit gesprek.', { selector: '.system-line' })).toBeTruthy();
    // A screen reader hears the notice as a notice, not as a message from the therapist.
    const announced = document.querySelector('.messages + [aria-live="polite"]');
    expect(announced?.textContent).toBe('Moderator Jules van het Cocon-team doet mee in dit gesprek.');
    await waitFor(() => expect(lists).toBeGreaterThan(before));
    // The moderator who joined does not rename the conversation.
    expect(screen.getByRole('heading', { level: 1, name: 'Chat met Dr. Noor Peeters' })).toBeTruthy();

    act(() =>
      transport.emit({
        type: 'message',
        payload: message(3, 'guide', 'Moderator Jules is weg.', { kind: 'NOTICE', data: { notice: 'moderator-left', moderator: MODERATOR.pseudonym } }),
      }),
    );
    expect(
      await screen.findByText('Moderator Jules van het Cocon-team heeft het gesprek verlaten. Heb je opnieuw hulp nodig? Druk dan op ‘Ik heb nu hulp nodig’.', {
        selector: '.system-line',
      }),
    ).toBeTruthy();
  });

  it("a moderator's message has a Moderator badge next to the name", async () => {
    const offlineTherapist = participants(true).map((p) => (p.id === THERAPIST.id ? { ...p, online: false } : p));
    const { transport } = renderChat({ conversations: [conversation({ participants: offlineTherapist })] });
    await screen.findByText('Hallo', { selector: '.message__body' });
    // The moderator being online does not make the therapist look online.
    expect(screen.getByText('Dr. Noor Peeters is offline')).toBeTruthy();

    act(() => {
      transport.emit({ type: 'message', payload: message(2, MODERATOR.id, 'Hoi Robin, ik ben Jules van het Cocon-team.', { data: { senderRole: 'MODERATOR' } }) });
      transport.emit({ type: 'message', payload: message(3, THERAPIST.id, 'Ik lees mee.') });
    });

    const fromModerator = (await screen.findByText('Hoi Robin, ik ben Jules van het Cocon-team.', { selector: '.message__body' })).closest('li')!;
    expect(within(fromModerator).getByText('Moderator', { selector: '.moderator-badge' })).toBeTruthy();
    expect(within(fromModerator).getByText('Moderator Jules')).toBeTruthy();
    const fromTherapist = screen.getByText('Ik lees mee.', { selector: '.message__body' }).closest('li')!;
    expect(within(fromTherapist).queryByText('Moderator', { selector: '.moderator-badge' })).toBeNull();
    // Three people in the conversation: every message says who wrote it.
    expect(within(fromTherapist).getByText('Dr. Noor Peeters')).toBeTruthy();
  });

  it('a SUPPORT conversation is called "Ondersteuning"', async () => {
    const support = 'support-u-1';
    renderApp({
      path: `/chat?c=${support}`,
      client: new FakeAuthClient(sessionUser()),
      routes: {
        'GET /api/me': { body: makeMe({ id: ME }) },
        'GET /api/conversations': {
          body: [
            conversation({
              id: support,
              kind: 'SUPPORT',
              participants: [
                { id: ME, pseudonym: 'Robin', role: 'CLIENT', online: true },
                { id: MODERATOR.id, pseudonym: MODERATOR.pseudonym, role: 'MODERATOR', online: true },
              ],
            }),
          ],
        },
        [`GET /api/conversations/${support}/messages`]: { body: { messages: [], lastSeq: 0, hasOlder: false } },
      },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Ondersteuning' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /^Ondersteuning/ })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Bericht aan Moderator Jules' })).toBeTruthy();
  });
});
