import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeTransport } from '../test/fakeChat';
import { FakeAuthClient, makeMe, problem, sessionUser, type Handler, type RecordedRequest } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import { resetAudio, SOUND_SETTING_KEY } from './alerts';
import { detail, escalation } from './fixtures';

const ME = { id: 'm-1', pseudonym: 'Moderator Jules' };
const OTHER = { id: 'm-2', pseudonym: 'Moderator Lien' };

afterEach(() => resetAudio());

const QUEUE = [
  escalation({ id: 'e-2', client: { id: 'c-2', pseudonym: 'Sam' }, severity: 'MEDIUM', openedAt: new Date(Date.now() - 5 * 60_000).toISOString(), lastSignal: null }),
  escalation({ id: 'e-1', openedAt: new Date(Date.now() - 42 * 60_000).toISOString(), overdue: true, alerts: 2 }),
];

function renderConsole({ path = '/moderation', routes = {} as Record<string, Handler>, transport = new FakeTransport() } = {}) {
  return renderApp({
    path,
    client: new FakeAuthClient(sessionUser()),
    transport,
    routes: {
      'GET /api/me': { body: makeMe({ ...ME, roles: ['MODERATOR'] }) },
      'GET /api/conversations': { body: [] },
      'GET /api/escalations': { body: QUEUE },
      'GET /api/escalations/e-1': { body: detail({ openedAt: QUEUE[1]!.openedAt, overdue: true, alerts: 2 }) },
      ...routes,
    },
  });
}

async function queueItems() {
  const queue = await screen.findByRole('region', { name: /^Wachtrij/ });
  await within(queue).findAllByRole('listitem');
  return within(queue).getAllByRole('listitem');
}

const callsTo = (calls: RecordedRequest[], method: string, path: string) => calls.filter((call) => call.method === method && call.path === path);

describe('/moderation', () => {
  it('shows the queue as the server sorts it: overdue stands out with a label, ages are shown; the tab title counts', async () => {
    const { server } = renderConsole();
    const items = await queueItems();
    expect(items.map((item) => item.querySelector('.escalation-item__name')?.textContent)).toEqual(['Robin', 'Sam']);
    expect(within(items[0]!).getByText('Te laat')).toBeTruthy();
    expect(items[0]!.querySelector('.escalation-item--overdue')).toBeTruthy();
    expect(within(items[0]!).getByText('42 min geleden geopend')).toBeTruthy();
    expect(within(items[0]!).getByText(/2 keer opnieuw gemeld/)).toBeTruthy();
    expect(items[0]!.querySelector('.escalation-item__text')?.textContent).toBe('“ik wil dood, ik heb pillen verzameld”');
    expect([...items[0]!.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['wil dood', 'pillen']);
    expect(within(items[0]!).getByText('Herkend: voornemen + middel')).toBeTruthy();
    expect(within(items[1]!).queryByText('Te laat')).toBeNull();
    expect(within(items[1]!).getByText('Verhoogd risico')).toBeTruthy();
    // The title is set in an effect, after the list is on screen.
    await waitFor(() => expect(document.title).toBe('(2) Notities'));
    expect(callsTo(server.calls, 'GET', '/api/escalations?status=OPEN').length).toBeGreaterThan(0);
  });

  it('a live escalation appears without reload: banner, highlight, title count; a claim elsewhere updates it', async () => {
    const transport = new FakeTransport();
    renderConsole({ transport });
    await queueItems();
    expect(transport.watching('/topic/escalations')).toBe(1);

    const fresh = escalation({ id: 'e-3', client: { id: 'c-3', pseudonym: 'Noa' }, openedAt: new Date().toISOString() });
    act(() => transport.deliver('/topic/escalations', { type: 'OPENED', escalation: fresh }));

    const banner = screen.getByRole('alert');
    expect(banner.textContent).toContain('Nieuwe melding over Noa');
    const noa = screen.getByText('Noa', { selector: '.escalation-item__name' }).closest('a')!;
    expect(noa.className).toContain('escalation-item--flash');
    expect(within(noa).getByText('Nieuw')).toBeTruthy();
    expect(document.title).toBe('(3) Notities');
    expect((await queueItems()).map((item) => item.querySelector('.escalation-item__name')?.textContent)).toEqual(['Robin', 'Noa', 'Sam']);

    act(() => transport.deliver('/topic/escalations', { type: 'CLAIMED', escalation: { ...fresh, status: 'CLAIMED', claimedBy: OTHER } }));
    expect(within(noa).getByText('Opgenomen door Moderator Lien')).toBeTruthy();
    expect(document.title).toBe('(2) Notities');

    fireEvent.click(within(banner).getByRole('button', { name: 'Gezien' }));
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('beeps for a new escalation only when the sound is turned on, and remembers that', async () => {
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
    const transport = new FakeTransport();
    renderConsole({ transport });
    await queueItems();

    const toggle = screen.getByRole('checkbox', { name: /Geluidssignaal/ }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    act(() => transport.deliver('/topic/escalations', { type: 'OPENED', escalation: escalation({ id: 'e-4' }) }));
    expect(oscillators).toHaveLength(0);

    fireEvent.click(toggle);
    expect(window.localStorage.getItem(SOUND_SETTING_KEY)).toBe('on');
    act(() => transport.deliver('/topic/escalations', { type: 'OVERDUE', escalation: escalation({ id: 'e-4', overdue: true, alerts: 1 }) }));
    expect(oscillators.length).toBeGreaterThan(0);
    const beeps = oscillators.length;
    // A note is no alert.
    act(() => transport.deliver('/topic/escalations', { type: 'NOTE', escalation: escalation({ id: 'e-4', status: 'CLAIMED', overdue: true, alerts: 1 }) }));
    expect(oscillators).toHaveLength(beeps);
  });

  it('filters by severity, overdue only, and asks the server for the resolved ones', async () => {
    const { server } = renderConsole({
      routes: {
        'GET /api/escalations?status=RESOLVED': { body: [escalation({ id: 'r-1', client: { id: 'c-9', pseudonym: 'Lou' }, status: 'RESOLVED', resolvedAt: '2026-11-20T12:00:00Z', outcome: 'FALSE_POSITIVE' })] },
      },
    });
    await queueItems();
    fireEvent.change(screen.getByRole('combobox', { name: 'Ernst' }), { target: { value: 'MEDIUM' } });
    expect((await queueItems()).map((item) => item.querySelector('.escalation-item__name')?.textContent)).toEqual(['Sam']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Alleen meldingen die te laat zijn' }));
    expect(screen.getByText('Geen meldingen met deze filters.')).toBeTruthy();

    fireEvent.change(screen.getByRole('combobox', { name: 'Ernst' }), { target: { value: 'ALL' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Alleen meldingen die te laat zijn' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Toon' }), { target: { value: 'RESOLVED' } });
    expect(await screen.findByText('Lou', { selector: '.escalation-item__name' })).toBeTruthy();
    expect(screen.getByText('Afgehandeld · Vals alarm', { selector: '.escalation-item__status' })).toBeTruthy();
    expect(callsTo(server.calls, 'GET', '/api/escalations?status=RESOLVED')).toHaveLength(1);
  });

  it('the detail: signals, the triggering message in its context, notes', async () => {
    renderConsole({ path: '/moderation?id=e-1' });
    const panel = await screen.findByRole('article', { name: 'Melding over Robin' });
    expect(within(panel).getByRole('heading', { level: 3, name: 'Signalen (1)' })).toBeTruthy();
    expect(panel.querySelector('blockquote')?.textContent).toBe('ik wil dood, ik heb pillen verzameld');
    expect([...panel.querySelector('blockquote')!.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['wil dood', 'pillen']);
    expect(within(panel).getByText('Chatbericht · Zelfdoding', { exact: false })).toBeTruthy();
    const flagged = panel.querySelector('.context-message--signal');
    expect(flagged?.textContent).toContain('ik wil dood');
    expect(within(flagged as HTMLElement).getByText('Signaal')).toBeTruthy();
    expect(within(panel).getByText('Hoe gaat het vandaag?')).toBeTruthy();
    expect(within(panel).getByText('Nog geen notities.')).toBeTruthy();
    expect(within(panel).getByText('Dr. Noor Peeters', { selector: 'dd' })).toBeTruthy();
    // Resolving needs a claim first.
    expect(within(panel).getByText('Neem de melding eerst op om ze af te handelen.')).toBeTruthy();
    // The current item in the queue is marked.
    expect(screen.getByText('Robin', { selector: '.escalation-item__name' }).closest('a')?.getAttribute('aria-current')).toBe('true');
  });

  it('claim that someone else won: says so clearly and loads the escalation and the queue again', async () => {
    let details = 0;
    const { server } = renderConsole({
      path: '/moderation?id=e-1',
      routes: {
        'GET /api/escalations/e-1': () =>
          ++details === 1 ? { body: detail() } : { body: detail({ status: 'CLAIMED', claimedBy: OTHER, claimedAt: new Date().toISOString() }) },
        'POST /api/escalations/e-1/claim': problem(409, 'escalation.already-claimed'),
      },
    });
    const panel = await screen.findByRole('article', { name: 'Melding over Robin' });
    const queueRequests = callsTo(server.calls, 'GET', '/api/escalations?status=OPEN').length;

    fireEvent.click(within(panel).getByRole('button', { name: 'Opnemen' }));

    await waitFor(() => expect(within(panel).getByRole('alert').textContent).toContain('Iemand anders heeft deze melding net opgenomen'));
    expect(await within(panel).findByText('Moderator Lien heeft deze melding opgenomen.')).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Opnemen' })).toBeNull();
    await waitFor(() => expect(callsTo(server.calls, 'GET', '/api/escalations?status=OPEN').length).toBeGreaterThan(queueRequests));
  });

  it('claim, join (then a link to the conversation), add a note, resolve with an outcome', async () => {
    const claimed = detail({ status: 'CLAIMED', claimedBy: ME, claimedAt: new Date().toISOString() });
    const joined = { ...claimed, joinedConversationId: 'therapy-c-1' };
    const noted = { ...joined, notes: [{ id: 'n-1', author: ME, text: 'Robin gebeld, geen gehoor.', at: new Date().toISOString() }] };
    const resolved = { ...noted, status: 'RESOLVED', resolvedAt: new Date().toISOString(), outcome: 'REFERRED_TO_CRISIS_LINE', resolutionNote: 'Doorverwezen naar 1813.' };
    const { server } = renderConsole({
      path: '/moderation?id=e-1',
      routes: {
        'POST /api/escalations/e-1/claim': { body: claimed },
        'POST /api/escalations/e-1/join': { body: joined },
        'POST /api/escalations/e-1/notes': { body: noted },
        'POST /api/escalations/e-1/resolve': { body: resolved },
      },
    });
    const panel = await screen.findByRole('article', { name: 'Melding over Robin' });

    fireEvent.click(within(panel).getByRole('button', { name: 'Opnemen' }));
    expect(await within(panel).findByText('Je hebt deze melding opgenomen.')).toBeTruthy();
    expect(within(panel).getByText('Opgenomen door jou', { selector: 'dd' })).toBeTruthy();
    // The queue shows it as claimed too.
    expect(screen.getByText('Robin', { selector: '.escalation-item__name' }).closest('a')?.textContent).toContain('Opgenomen door jou');

    fireEvent.click(within(panel).getByRole('button', { name: 'Deelnemen aan het gesprek' }));
    const chatLink = await within(panel).findByRole('link', { name: 'Open het gesprek met Robin' });
    expect(chatLink.getAttribute('href')).toBe('/chat?c=therapy-c-1');

    // The note form opens from the actions, with focus in it.
    fireEvent.click(within(panel).getByRole('button', { name: 'Notitie schrijven' }));
    const note = within(panel).getByRole('textbox', { name: 'Nieuwe notitie' });
    expect(document.activeElement).toBe(note);
    fireEvent.click(within(panel).getByRole('button', { name: 'Notitie toevoegen' }));
    expect(within(panel).getByText('Schrijf eerst een notitie.')).toBeTruthy();
    fireEvent.change(note, { target: { value: 'Robin gebeld, geen gehoor.' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Notitie toevoegen' }));
    expect(await within(panel).findByText('Robin gebeld, geen gehoor.', { selector: '.note__text' })).toBeTruthy();
    expect((note as HTMLTextAreaElement).value).toBe('');

    fireEvent.click(within(panel).getByRole('button', { name: 'Afhandelen' }));
    expect(within(panel).getByRole('button', { name: 'Afhandelen' }).getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(within(panel).getByRole('button', { name: 'Melding afhandelen' }));
    expect(within(panel).getByText('Kies hoe het afgelopen is.')).toBeTruthy();
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Uitkomst' }), { target: { value: 'REFERRED_TO_CRISIS_LINE' } });
    fireEvent.change(within(panel).getByRole('textbox', { name: 'Notitie (mag leeg blijven)' }), { target: { value: 'Doorverwezen naar 1813.' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Melding afhandelen' }));
    const done = await within(panel).findByText('De melding is afgehandeld.');
    // Focus goes to the result: the buttons it came from are gone.
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(within(panel).getAllByText(/Doorverwezen naar een hulplijn/).length).toBeGreaterThan(0);

    const posts = server.calls.filter((call) => call.method === 'POST').map((call) => [call.path, call.body]);
    expect(posts).toEqual([
      ['/api/escalations/e-1/claim', {}],
      ['/api/escalations/e-1/join', {}],
      ['/api/escalations/e-1/notes', { text: 'Robin gebeld, geen gehoor.' }],
      ['/api/escalations/e-1/resolve', { outcome: 'REFERRED_TO_CRISIS_LINE', note: 'Doorverwezen naar 1813.' }],
    ]);
    // Resolved: it leaves the open queue.
    expect(screen.queryByText('Robin', { selector: '.escalation-item__name' })).toBeNull();
  });

  it('a live event about the open escalation loads it again', async () => {
    const transport = new FakeTransport();
    let details = 0;
    renderConsole({
      path: '/moderation?id=e-1',
      transport,
      routes: {
        'GET /api/escalations/e-1': () =>
          ++details === 1
            ? { body: detail() }
            : { body: detail({ signalCount: 2, signals: [detail().signals[0]!, { ...detail().signals[0]!, source: 'HELP_BUTTON', text: 'Ik heb nu hulp nodig', seq: null }] }) },
      },
    });
    const panel = await screen.findByRole('article', { name: 'Melding over Robin' });
    act(() => transport.deliver('/topic/escalations', { type: 'SIGNAL', escalation: escalation({ signalCount: 2 }) }));
    expect(await within(panel).findByRole('heading', { level: 3, name: 'Signalen (2)' })).toBeTruthy();
    expect(within(panel).getByText(/Hulpknop/)).toBeTruthy();
  });

  it('is for moderators only', async () => {
    renderApp({ path: '/moderation', client: new FakeAuthClient(sessionUser()), routes: { 'GET /api/me': { body: makeMe() }, 'GET /api/conversations': { body: [] } } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeTruthy();
  });

  it("the moderator's home links to the console and says how many wait", async () => {
    renderConsole({ path: '/home' });
    const link = await screen.findByRole('link', { name: 'Open de meldingen' });
    expect(link.getAttribute('href')).toBe('/moderation');
    expect(await screen.findByText('2 meldingen wachten op iemand.')).toBeTruthy();
  });
});
