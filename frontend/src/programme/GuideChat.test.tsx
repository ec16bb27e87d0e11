import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ConversationSummary, MessageEvent } from '../chat/types';
import { FakeTransport } from '../test/fakeChat';
import { FakeAuthClient, makeMe, problem, sessionUser, type Handler } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import { enrolment } from './fixtures';

const ME = 'u-1';
const CONV = 'guide-e-1';

const guideConversation: ConversationSummary = {
  id: CONV,
  kind: 'GUIDE',
  participants: [
    { id: ME, pseudonym: 'Robin', role: 'CLIENT', online: true },
    { id: 'guide', pseudonym: 'Cocon', role: 'GUIDE', online: true },
  ],
  lastSeq: 5,
  lastMessage: null,
  unread: 0,
  readSeq: 5,
  othersReadSeq: 0,
};

function msg(seq: number, senderId: string, kind: string, body: string, data: Record<string, unknown> | null): MessageEvent {
  return { id: `${CONV}:${seq}`, conversationId: CONV, seq, senderId, clientMessageId: `m-${seq}`, body, createdAt: `2026-11-20T10:0${seq}:00Z`, kind, data };
}

const stepData = (stepId: string, kind: string, position: number, extra: Record<string, unknown> = {}) => ({
  enrolmentId: 'e-1',
  programmeId: 'stress-and-relaxation',
  stepId,
  kind,
  module: 'Stress in je lijf',
  position,
  total: 15,
  ...extra,
});

const HISTORY = [
  msg(1, 'guide', 'STEP', 'Welkom bij dit programma.', stepData('welcome', 'INFO', 1)),
  msg(2, ME, 'ANSWER', 'Verder', { enrolmentId: 'e-1', stepId: 'welcome', answer: {} }),
  msg(3, 't-1', 'FEEDBACK', 'Fijn dat je begint!', { enrolmentId: 'e-1', stepId: 'welcome', run: 1, module: 'Wat is stress?' }),
  msg(4, 'guide', 'NOTICE', 'Je programma staat weer aan.', { enrolmentId: 'e-1', notice: 'resumed' }),
  msg(5, 'guide', 'STEP', 'Hoe gestrest voel je je?', stepData('stress-level', 'SCALE', 3, { scale: { min: 0, max: 10, minLabel: 'rustig', maxLabel: 'heel gestrest' } })),
];

function renderGuide(routes: Record<string, Handler> = {}, transport = new FakeTransport()) {
  return renderApp({
    path: `/chat?c=${CONV}`,
    client: new FakeAuthClient(sessionUser()),
    transport,
    routes: {
      'GET /api/me': { body: makeMe({ id: ME }) },
      'GET /api/conversations': { body: [guideConversation] },
      [`GET /api/conversations/${CONV}/messages`]: { body: { messages: HISTORY, lastSeq: 5, hasOlder: false } },
      'GET /api/enrolments': { body: [enrolment({ stepsDone: 1 })] },
      ...routes,
    },
  });
}

describe('guide conversation', () => {
  it('draws steps, the answer, the feedback and the notice; only the newest step can be answered', async () => {
    renderGuide();
    const current = (await screen.findByRole('slider', { name: 'Je antwoord' })).closest('article') as HTMLElement;
    expect(within(current).getByText('Stap 3 van 15')).toBeTruthy();
    expect(screen.getByText('Welkom bij dit programma.')).toBeTruthy();
    // The older INFO step is read-only.
    expect(screen.queryByRole('button', { name: 'Verder' })).toBeNull();
    // "Verder" after an information step is a way on, not a message the client wrote: no bubble.
    expect(screen.queryByText('Verder')).toBeNull();
    // Feedback is labelled, the notice is centred.
    const feedback = screen.getByText('Fijn dat je begint!').closest('li') as HTMLElement;
    expect(within(feedback).getByText('Feedback van je therapeut over “Wat is stress?”')).toBeTruthy();
    expect(screen.getByText('Je programma staat weer aan.').closest('.guide-notice')).toBeTruthy();
    // The guide is no person to be online.
    expect(screen.queryByText(/is online|is offline/)).toBeNull();
    // No free-text composer in a guide conversation.
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByText(/In dit gesprek beantwoord je de stappen/)).toBeTruthy();
  });

  it('a completion notice with a summary is drawn as the summary card', async () => {
    const transport = new FakeTransport();
    renderGuide({}, transport);
    await screen.findByRole('slider', { name: 'Je antwoord' });
    const summary = { stepsDone: 12, exerciseSeconds: 60, startedAt: '2026-11-20T10:00:00Z', completedAt: '2026-11-20T10:30:00Z', scores: [] };
    act(() =>
      transport.emit({
        type: 'message',
        payload: msg(6, 'guide', 'NOTICE', 'Goed gedaan!', { enrolmentId: 'e-1', notice: 'completed', title: 'Stress en ontspanning', summary }),
      }),
    );
    const card = await screen.findByRole('region', { name: 'Afgerond: Stress en ontspanning' });
    expect(within(card).getByText('Goed gedaan!')).toBeTruthy();
    expect(within(card).getByText('Stappen gedaan').nextElementSibling?.textContent).toBe('12');
  });

  it('progress bar from GET /api/enrolments, refreshed when the next answer arrives', async () => {
    let done = 1;
    const transport = new FakeTransport();
    renderGuide({ 'GET /api/enrolments': () => ({ body: [enrolment({ stepsDone: done })] }) }, transport);
    const bar = await screen.findByRole('progressbar', { name: 'Voortgang van Stress en ontspanning' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('1'));
    done = 2;
    act(() => transport.emit({ type: 'message', payload: msg(6, ME, 'ANSWER', '7 / 10', { enrolmentId: 'e-1', stepId: 'stress-level', answer: { value: 7 } }) }));
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('2'));
    // Answered: the step is no longer interactive.
    expect(screen.queryByRole('slider')).toBeNull();
  });

  it('answers over REST with {stepId, answer}; a refusal shows the translated code', async () => {
    let calls = 0;
    const { server } = renderGuide({
      'POST /api/enrolments/e-1/answers': () => (++calls === 1 ? problem(409, 'enrolment.paused') : { body: enrolment({ stepsDone: 2 }) }),
    });
    const slider = await screen.findByRole('slider', { name: 'Je antwoord' });
    fireEvent.change(slider, { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    expect(await screen.findByText('Dit programma staat op pauze. Hervat het eerst.')).toBeTruthy();
    expect((screen.getByRole('slider') as HTMLInputElement).value).toBe('7');
    fireEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    await waitFor(() => expect(calls).toBe(2));
    const post = server.calls.filter((call) => call.path === '/api/enrolments/e-1/answers');
    expect(post[1]?.body).toEqual({ stepId: 'stress-level', answer: { value: 7 } });
  });
});
