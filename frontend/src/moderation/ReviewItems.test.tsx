import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeTransport } from '../test/fakeChat';
import { FakeAuthClient, makeMe, problem, sessionUser, type Handler } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import { resetAudio } from './alerts';
import { detail, escalation, REVIEW_TEXT, reviewDetail, reviewItem } from './fixtures';

const ME = { id: 'm-1', pseudonym: 'Moderator Jules' };

afterEach(() => resetAudio());

function renderConsole({ path = '/moderation', routes = {} as Record<string, Handler>, transport = new FakeTransport() } = {}) {
  return renderApp({
    path,
    client: new FakeAuthClient(sessionUser()),
    transport,
    routes: {
      'GET /api/me': { body: makeMe({ ...ME, roles: ['MODERATOR'] }) },
      'GET /api/conversations': { body: [] },
      'GET /api/escalations': { body: [escalation(), reviewItem()] },
      'GET /api/escalations/r-1': { body: reviewDetail() },
      ...routes,
    },
  });
}

const names = (region: HTMLElement) => [...region.querySelectorAll('.escalation-item__name')].map((name) => name.textContent);

async function reviewPanel() {
  return screen.findByRole('article', { name: 'Te bekijken: Sam' });
}

describe('review items in the moderation console', () => {
  it('are listed apart, quietly, with their text, highlights and reasons; not counted in the tab title', async () => {
    renderConsole();
    const queue = await screen.findByRole('region', { name: /^Wachtrij/ });
    const reviews = await screen.findByRole('region', { name: /^Te bekijken/ });
    await waitFor(() => expect(names(reviews)).toEqual(['Sam']));
    expect(names(queue)).toEqual(['Robin']);

    const item = reviews.querySelector('.escalation-item')!;
    expect(item.className).toContain('escalation-item--REVIEW');
    expect(item.className).not.toContain('escalation-item--waiting');
    expect(within(item as HTMLElement).getByText('Te bekijken', { selector: '.severity-badge' })).toBeTruthy();
    expect(item.querySelector('.escalation-item__text')?.textContent).toBe(`“${REVIEW_TEXT}”`);
    expect(item.querySelector('mark')?.textContent).toBe('wil gewoon weg van alles');
    expect(within(item as HTMLElement).getByText('Herkend: twijfel + passieve doodswens')).toBeTruthy();
    expect(within(item as HTMLElement).getByText(/^Nog onduidelijk · Chatbericht/)).toBeTruthy();
    expect(item.querySelector('.escalation-item__status')?.textContent).toBe('Wacht op een beslissing');
    // Only Robin's escalation waits for someone.
    await waitFor(() => expect(document.title).toBe('(1) Notities'));
  });

  it('a new review item arrives without banner, flash or beep', async () => {
    const oscillators: number[] = [];
    class FakeAudioContext {
      currentTime = 0;
      destination = {};
      state = 'running';
      resume = async () => undefined;
      createOscillator() {
        oscillators.push(1);
        return { type: '', frequency: { value: 0 }, connect() {}, start() {}, stop() {} };
      }
      createGain() {
        return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect() {} };
      }
    }
    vi.stubGlobal('AudioContext', FakeAudioContext);
    window.localStorage.setItem('cocon.moderation.sound', 'on');
    const transport = new FakeTransport();
    renderConsole({ transport, routes: { 'GET /api/escalations': { body: [escalation()] } } });
    const reviews = await screen.findByRole('region', { name: /^Te bekijken/ });
    expect(await within(reviews).findByText('Niets te bekijken.')).toBeTruthy();

    act(() => transport.deliver('/topic/escalations', { type: 'OPENED', escalation: reviewItem({ id: 'r-9', client: { id: 'c-9', pseudonym: 'Noa' } }) }));

    expect(names(reviews)).toEqual(['Noa']);
    expect(screen.getByRole('alert').textContent).toBe('');
    expect(oscillators).toHaveLength(0);
    const item = reviews.querySelector('.escalation-item')!;
    expect(item.className).not.toContain('escalation-item--flash');
    expect(within(item as HTMLElement).getByText('Nieuw')).toBeTruthy();
    expect(document.title).toBe('(1) Notities');
  });

  it('the detail says what a review item is and offers to dismiss or escalate it, not to claim it', async () => {
    renderConsole({ path: '/moderation?id=r-1' });
    const panel = await reviewPanel();
    expect(within(panel).getByText(/Sam kreeg geen crisiskaart en de therapeut is niet verwittigd/)).toBeTruthy();
    const actions = within(panel).getByRole('region', { name: 'Wat je kunt doen' });
    expect(within(actions).getByRole('button', { name: 'Niet zorgwekkend' })).toBeTruthy();
    expect(within(actions).getByRole('button', { name: 'Escaleren' })).toBeTruthy();
    expect(within(actions).queryByRole('button', { name: 'Opnemen' })).toBeNull();
    expect(panel.querySelector('.signal__text mark')?.textContent).toBe('wil gewoon weg van alles');
    expect(panel.querySelector('.context-message--signal mark')?.textContent).toBe('wil gewoon weg van alles');
  });

  it('dismiss: a reason is required, a note too for "something else"; then it leaves the list', async () => {
    const dismissed = reviewDetail({ status: 'RESOLVED', outcome: 'DISMISSED', dismissReason: 'OTHER', resolvedAt: new Date().toISOString(), resolutionNote: 'Songtekst.' });
    const { server } = renderConsole({ path: '/moderation?id=r-1', routes: { 'POST /api/escalations/r-1/dismiss': { body: dismissed } } });
    const panel = await reviewPanel();

    fireEvent.click(within(panel).getByRole('button', { name: 'Niet zorgwekkend' }));
    const reasons = within(panel).getByRole('radiogroup', { name: 'Waarom is het niet zorgwekkend?' });
    expect(within(reasons).getAllByRole('radio').map((radio) => radio.parentElement?.textContent)).toEqual([
      'Geen risico',
      'Overdreven uitgedrukt',
      'Gaat over iemand anders',
      'Voorbij en hersteld',
      'Iets anders',
    ]);
    expect(document.activeElement).toBe(within(reasons).getByRole('radio', { name: 'Geen risico' }));

    fireEvent.click(within(panel).getByRole('button', { name: 'Bevestig: niet zorgwekkend' }));
    expect(within(panel).getByText('Kies een reden.')).toBeTruthy();
    fireEvent.click(within(reasons).getByRole('radio', { name: 'Iets anders' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Bevestig: niet zorgwekkend' }));
    expect(within(panel).getByText('Schrijf kort waarom het niet zorgwekkend is.')).toBeTruthy();
    fireEvent.change(within(panel).getByRole('textbox', { name: 'Toelichting (nodig bij ‘iets anders’)' }), { target: { value: ' Songtekst. ' } });
    expect(server.calls.filter((call) => call.method === 'POST')).toEqual([]);
    fireEvent.click(within(panel).getByRole('button', { name: 'Bevestig: niet zorgwekkend' }));

    expect(await within(panel).findByText('Gemarkeerd als niet zorgwekkend.')).toBeTruthy();
    expect(server.calls.filter((call) => call.method === 'POST').map((call) => [call.path, call.body])).toEqual([
      ['/api/escalations/r-1/dismiss', { reason: 'OTHER', note: 'Songtekst.' }],
    ]);
    expect(within(panel).getAllByText('Niet zorgwekkend: Iets anders', { exact: false }).length).toBeGreaterThan(0);
    expect(within(panel).queryByRole('button', { name: 'Escaleren' })).toBeNull();
    const reviews = screen.getByRole('region', { name: /^Te bekijken/ });
    expect(names(reviews)).toEqual([]);
  });

  it('escalate: a severity is required; the item moves to the queue and says so, without a banner for the one who did it', async () => {
    const transport = new FakeTransport();
    const raised = reviewDetail({ severity: 'HIGH', escalatedFromReview: true });
    const { server } = renderConsole({
      path: '/moderation?id=r-1',
      transport,
      routes: { 'POST /api/escalations/r-1/escalate': { body: raised } },
    });
    const panel = await reviewPanel();

    fireEvent.click(within(panel).getByRole('button', { name: 'Escaleren' }));
    expect(within(panel).getByText(/ziet Sam de crisiskaart en wordt de therapeut verwittigd/)).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: 'Bevestig de escalatie' }));
    expect(within(panel).getByText('Kies hoe dringend het is.')).toBeTruthy();
    fireEvent.click(within(panel).getByRole('radio', { name: 'Hoog risico' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Bevestig de escalatie' }));

    const escalated = await screen.findByRole('article', { name: 'Melding over Sam' });
    expect(await within(escalated).findByText('Geëscaleerd: het is nu een gewone melding.')).toBeTruthy();
    expect(within(escalated).getByText('Was een twijfelgeval')).toBeTruthy();
    expect(within(escalated).getByRole('button', { name: 'Opnemen' })).toBeTruthy();
    expect(server.calls.filter((call) => call.method === 'POST').map((call) => [call.path, call.body])).toEqual([
      ['/api/escalations/r-1/escalate', { severity: 'HIGH' }],
    ]);
    const queue = screen.getByRole('region', { name: /^Wachtrij/ });
    expect(names(queue)).toEqual(['Robin', 'Sam']);
    expect(names(screen.getByRole('region', { name: /^Te bekijken/ }))).toEqual([]);

    // The live event of this escalation: no banner for the moderator who has it open.
    act(() => transport.deliver('/topic/escalations', { type: 'ESCALATED', escalation: { ...reviewItem(), severity: 'HIGH', escalatedFromReview: true } }));
    expect(screen.getAllByRole('alert').every((region) => !region.textContent?.includes('geëscaleerd'))).toBe(true);
  });

  it('another moderator escalating or dismissing shows up live: a banner for the escalation, the list changes', async () => {
    const transport = new FakeTransport();
    renderConsole({ transport });
    const reviews = await screen.findByRole('region', { name: /^Te bekijken/ });
    await waitFor(() => expect(names(reviews)).toEqual(['Sam']));

    act(() => transport.deliver('/topic/escalations', { type: 'ESCALATED', escalation: { ...reviewItem(), severity: 'MEDIUM', escalatedFromReview: true } }));
    expect(screen.getByRole('alert').textContent).toContain('Twijfelgeval over Sam is geëscaleerd');
    expect(names(screen.getByRole('region', { name: /^Wachtrij/ }))).toEqual(['Robin', 'Sam']);
    expect(names(reviews)).toEqual([]);

    act(() => transport.deliver('/topic/escalations', { type: 'OPENED', escalation: reviewItem({ id: 'r-2', client: { id: 'c-5', pseudonym: 'Lou' } }) }));
    expect(names(reviews)).toEqual(['Lou']);
    act(() =>
      transport.deliver('/topic/escalations', {
        type: 'DISMISSED',
        escalation: reviewItem({ id: 'r-2', client: { id: 'c-5', pseudonym: 'Lou' }, status: 'RESOLVED', outcome: 'DISMISSED', dismissReason: 'NOT_RISK' }),
      }),
    );
    expect(names(reviews)).toEqual([]);
  });

  it('says clearly when the item is no review item any more, or already resolved, and loads it again', async () => {
    let details = 0;
    const { server } = renderConsole({
      path: '/moderation?id=r-1',
      routes: {
        'GET /api/escalations/r-1': () => (++details === 1 ? { body: reviewDetail() } : { body: reviewDetail({ severity: 'HIGH' }) }),
        'POST /api/escalations/r-1/dismiss': problem(409, 'escalation.not-review'),
      },
    });
    const panel = await reviewPanel();
    const queueLoads = server.calls.filter((call) => call.path === '/api/escalations?status=OPEN').length;
    fireEvent.click(within(panel).getByRole('button', { name: 'Niet zorgwekkend' }));
    fireEvent.click(within(panel).getByRole('radio', { name: 'Overdreven uitgedrukt' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Bevestig: niet zorgwekkend' }));

    const escalated = await screen.findByRole('article', { name: 'Melding over Sam' });
    await waitFor(() => expect(within(escalated).getByRole('alert').textContent).toContain('Dit is geen twijfelgeval meer'));
    expect(within(escalated).queryByRole('radiogroup')).toBeNull();
    await waitFor(() => expect(server.calls.filter((call) => call.path === '/api/escalations?status=OPEN').length).toBeGreaterThan(queueLoads));
  });

  it('an escalation that was resolved meanwhile: the error is shown', async () => {
    renderConsole({
      path: '/moderation?id=r-1',
      routes: { 'POST /api/escalations/r-1/escalate': problem(409, 'escalation.resolved') },
    });
    const panel = await reviewPanel();
    fireEvent.click(within(panel).getByRole('button', { name: 'Escaleren' }));
    fireEvent.click(within(panel).getByRole('radio', { name: 'Verhoogd risico' }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Bevestig de escalatie' }));
    await waitFor(() => expect(within(panel).getByRole('alert').textContent).toBe('Deze melding is intussen al afgehandeld.'));
  });

  it('shows a questionnaire answer in words, the help button as a request for help, and folds long context', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      seq: i + 1,
      senderId: i % 2 ? 'c-1' : 't-1',
      sender: i % 2 ? 'Robin' : 'Dr. Noor Peeters',
      kind: 'TEXT',
      body: `bericht ${i + 1}`,
      at: '2026-11-20T09:00:00Z',
    }));
    const signals = [
      { ...detail().signals[0]!, source: 'QUESTIONNAIRE', text: 'phq-9:phq9-9 = 2', questionnaire: { name: 'PHQ-9', item: 9, value: 2, max: 3 }, conversationId: null, seq: null, reasons: [], highlights: [] },
      { ...detail().signals[0]!, source: 'HELP_BUTTON', category: null, text: '', conversationId: null, seq: null, reasons: [], highlights: [] },
    ];
    renderConsole({
      path: '/moderation?id=e-1',
      routes: { 'GET /api/escalations/e-1': { body: detail({ category: null, signals, signalCount: 2, context: [{ conversationId: 'therapy-c-1', kind: 'THERAPY', messages: many }] }) } },
    });
    const panel = await screen.findByRole('article', { name: 'Melding over Robin' });
    expect(within(panel).getByText('PHQ-9, vraag 9: 2 van 3', { selector: 'blockquote' })).toBeTruthy();
    expect(within(panel).queryByText(/phq9-9/)).toBeNull();
    expect(within(panel).getByText(/Hulpknop · Hulpvraag/)).toBeTruthy();
    expect(within(panel).queryByText(/Soort onbekend/)).toBeNull();

    const context = panel.querySelector('.context')!;
    expect([...context.querySelectorAll('.context-message__body')].map((body) => body.textContent)).toEqual(['bericht 10', 'bericht 11', 'bericht 12']);
    expect(within(context as HTMLElement).getByText('9 eerdere berichten niet getoond')).toBeTruthy();
    const more = within(context as HTMLElement).getByRole('button', { name: 'Toon alle 12 berichten' });
    fireEvent.click(more);
    expect(context.querySelectorAll('.context-message__body')).toHaveLength(12);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(more.textContent).toBe('Toon minder');
  });

  it("the moderator's home counts review items apart from the escalations that wait, and links to the figures", async () => {
    renderConsole({ path: '/home' });
    expect(await screen.findByText('1 melding wacht op iemand.')).toBeTruthy();
    expect(screen.getByText('1 twijfelgeval om rustig te bekijken.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Bekijk de cijfers' }).getAttribute('href')).toBe('/moderation/stats');
  });
});
