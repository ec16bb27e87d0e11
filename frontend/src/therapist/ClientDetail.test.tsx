import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkIn, oneCheckInTrends, trends } from '../checkin/fixtures';
import { enrolment } from '../programme/fixtures';
import { charts, lastChart, xAxisLabels } from '../test/fakeChart';
import { FakeAuthClient, makeMe, problem, sessionUser, type Handler, type RecordedRequest } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import type { Nudge } from './nudges';

vi.mock('chart.js', () => import('../test/fakeChart'));

const CLIENT = 'c-1';
const CONVERSATION = `therapy-${CLIENT}-t-1`;
// 17:05:30 UTC = 12:05 in New York, where this client lives (the browser's own zone does not matter).
const NOW = new Date('2026-11-24T17:05:30Z');
const ZONE = 'America/New_York';

function nudge(overrides: Partial<Nudge> = {}): Nudge {
  return {
    id: 'n-1',
    clientId: CLIENT,
    text: 'Hoi Robin, hoe ging de toets?',
    status: 'SENT',
    origin: 'MANUAL',
    reason: null,
    sendAt: '2026-11-23T15:00:00Z',
    localSendAt: '2026-11-23T10:00',
    timezone: ZONE,
    createdAt: '2026-11-23T15:00:00Z',
    sentAt: '2026-11-23T15:00:00Z',
    ...overrides,
  };
}

const SUGGESTED = nudge({
  id: 'n-2',
  text: 'Even geleden dat we je zagen. Zin in een korte check-in?',
  status: 'SUGGESTED',
  origin: 'ADAPTIVE',
  reason: 'MISSED_CHECKINS',
  sentAt: null,
  localSendAt: '2026-11-24T12:00',
});
const SCHEDULED = nudge({ id: 'n-3', text: 'Succes morgen!', status: 'SCHEDULED', sentAt: null, localSendAt: '2026-11-24T19:00' });

const SETTINGS = { enabled: false, mode: 'SUGGEST', inactiveDays: 7, stalledDays: 5, missedCheckinDays: 3, quietStart: '22:00', quietEnd: '08:00', minHoursBetween: 48 };

function renderClient(routes: Record<string, Handler> = {}) {
  return renderApp({
    path: `/therapist/client?id=${CLIENT}`,
    client: new FakeAuthClient(sessionUser()),
    routes: {
      'GET /api/me': { body: makeMe({ id: 't-1', pseudonym: 'Dr. Noor Peeters', roles: ['THERAPIST'] }) },
      'GET /api/conversations': { body: [] },
      'GET /api/caseload': { body: [{ id: CLIENT, username: 'demo-client', pseudonym: 'Robin', assignedAt: '2026-11-01T10:00:00Z' }] },
      'GET /api/caseload/escalations': { body: [] },
      'GET /api/programmes': { body: [] },
      [`GET /api/clients/${CLIENT}/enrolments`]: { body: [enrolment()] },
      [`GET /api/clients/${CLIENT}/checkins/trends`]: { body: trends({ timezone: ZONE }) },
      [`GET /api/clients/${CLIENT}/checkins`]: { body: [checkIn({ note: 'Toets was zwaar', tags: ['school', 'sleep'] })] },
      [`GET /api/clients/${CLIENT}/nudges`]: { body: [SCHEDULED, SUGGESTED, nudge()] },
      [`GET /api/clients/${CLIENT}/nudge-settings`]: { body: SETTINGS },
      'GET /api/nudge-templates': { body: [{ id: 'tp-1', therapistId: 't-1', title: 'Toets', text: 'Veel succes met je toets!', createdAt: '2026-11-01T10:00:00Z' }] },
      [`GET /api/conversations/${CONVERSATION}/messages`]: {
        body: {
          messages: [
            { id: 'm-1', conversationId: CONVERSATION, seq: 1, senderId: CLIENT, clientMessageId: null, body: 'Ik ben zenuwachtig', createdAt: '2026-11-23T14:00:00Z', kind: 'TEXT', data: null },
            { id: 'm-2', conversationId: CONVERSATION, seq: 2, senderId: 't-1', clientMessageId: null, body: 'Hoi Robin, hoe ging de toets?', createdAt: '2026-11-23T15:00:00Z', kind: 'NUDGE', data: { nudgeId: 'n-1', origin: 'MANUAL' } },
          ],
          lastSeq: 2,
          hasOlder: false,
        },
      },
      ...routes,
    },
  });
}

const calls = (all: RecordedRequest[], method: string, path: string) => all.filter((call) => call.method === method && call.path === path);

async function nudges() {
  const region = await screen.findByRole('region', { name: 'Aanmoedigingen' });
  await within(region).findByText('Succes morgen!');
  return region;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('/therapist/client: mood and messages', () => {
  it('draws the client’s mood chart and lists their latest check-ins with tags and note', async () => {
    charts.length = 0;
    const { server } = renderClient();
    const mood = await screen.findByRole('region', { name: 'Stemming en stress' });
    expect(await within(mood).findByRole('img', { name: 'Stemming en stress per dag, laatste 30 dagen' })).toBeTruthy();
    await waitFor(() => expect(lastChart('line', 'Stemming')).toBeTruthy());
    expect(lastChart('line', 'Stemming')?.config.data.datasets[0]?.data).toEqual([5, null, 4.5, null, null, null, 7]);
    expect(calls(server.calls, 'GET', `/api/clients/${CLIENT}/checkins/trends?days=30`)).toHaveLength(1);
    const recent = within(mood).getByRole('region', { name: 'Laatste check-ins' });
    expect(await within(recent).findByText('Toets was zwaar')).toBeTruthy();
    expect(within(recent).getByText('School · Slaap')).toBeTruthy();
    expect(within(recent).getByText('Stemming 6 · stress 4')).toBeTruthy();
  });

  it('a client with one check-in: its day is named on the axis of the mood chart, the point not on the edge', async () => {
    charts.length = 0;
    renderClient({ [`GET /api/clients/${CLIENT}/checkins/trends`]: { body: { ...oneCheckInTrends(30, 0, 3, 8), timezone: ZONE } } });
    const mood = await screen.findByRole('region', { name: 'Stemming en stress' });
    await within(mood).findByRole('img', { name: 'Stemming en stress per dag, laatste 30 dagen' });
    await waitFor(() => expect(lastChart('line', 'Stemming')).toBeTruthy());
    const line = lastChart('line', 'Stemming')!;
    expect(line.config.data.datasets[0]?.data.at(-1)).toBe(3);
    expect(xAxisLabels(line)?.at(-1)).toBe('20 nov');
    expect((line.config.options.scales as { x?: { offset?: boolean } }).x?.offset).toBe(true);
    // Therapist and client see the same tag patterns, both ways.
    const tags = within(mood).getByRole('region', { name: 'Wat gaat samen met je stemming?' });
    expect(within(tags).getByText('Nog geen onderwerp dat duidelijk samengaat met een lagere of een betere stemming.')).toBeTruthy();
  });

  it('a check-in in the middle of the period is named too, and the therapist sees the better-mood tags', async () => {
    charts.length = 0;
    renderClient({ [`GET /api/clients/${CLIENT}/checkins/trends`]: { body: { ...oneCheckInTrends(30, 12, 8, 2), highMoodTags: ['friends'], tags: trends().tags, timezone: ZONE } } });
    const mood = await screen.findByRole('region', { name: 'Stemming en stress' });
    await waitFor(() => expect(lastChart('line', 'Stemming')).toBeTruthy());
    expect(xAxisLabels(lastChart('line', 'Stemming')!)?.[17]).toBe('8 nov');
    const better = await within(mood).findByRole('list', { name: 'Samen met een betere stemming' });
    expect(within(better).getByText('Vrienden: stemming gemiddeld 2 hoger (2 check-ins)')).toBeTruthy();
  });

  it('shows the latest messages read-only, the nudge marked as one, with the way to the chat', async () => {
    renderClient();
    const thread = await screen.findByRole('region', { name: 'Berichten' });
    const list = await within(thread).findByRole('list', { name: 'Laatste berichten met Robin' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('Ik ben zenuwachtig');
    expect(items[1]?.textContent).toContain('Aanmoediging');
    expect(within(thread).getByRole('link', { name: 'Naar het gesprek met Robin' }).getAttribute('href')).toBe(`/chat?c=${CONVERSATION}`);
    expect(within(thread).queryByRole('textbox')).toBeNull();
  });
});

describe('/therapist/client: nudges', () => {
  it('sends a nudge now: no sendAt; the list and the thread are loaded again', async () => {
    const { server } = renderClient({
      [`POST /api/clients/${CLIENT}/nudges`]: (request) => ({ status: 201, body: nudge({ id: 'n-9', text: (request.body as { text: string }).text }) }),
    });
    const region = await nudges();
    fireEvent.change(within(region).getByRole('textbox', { name: 'Je bericht aan Robin' }), { target: { value: '  Denk aan je ademhaling  ' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Versturen' }));
    expect(await within(region).findByText('Je aanmoediging is naar Robin verstuurd.')).toBeTruthy();
    expect(calls(server.calls, 'POST', `/api/clients/${CLIENT}/nudges`)[0]?.body).toEqual({ text: 'Denk aan je ademhaling' });
    await waitFor(() => expect(calls(server.calls, 'GET', `/api/clients/${CLIENT}/nudges`)).toHaveLength(2));
    await waitFor(() => expect(server.calls.filter((c) => c.path.startsWith(`/api/conversations/${CONVERSATION}/messages`))).toHaveLength(2));
  });

  it('schedules in the client’s local time: proposes their next full hour, refuses a past moment, sends YYYY-MM-DDTHH:mm', async () => {
    const { server } = renderClient({
      [`POST /api/clients/${CLIENT}/nudges`]: (request) => {
        const body = request.body as { text: string; sendAt: string };
        return { status: 201, body: nudge({ id: 'n-9', status: 'SCHEDULED', text: body.text, localSendAt: body.sendAt, sentAt: null }) };
      },
    });
    const region = await nudges();
    fireEvent.change(within(region).getByRole('textbox', { name: 'Je bericht aan Robin' }), { target: { value: 'Tot straks!' } });
    fireEvent.click(within(region).getByRole('radio', { name: 'Op een gekozen moment' }));
    expect(within(region).getByText('Datum en uur in de tijd van Robin (tijdzone America/New_York).')).toBeTruthy();
    const date = within(region).getByLabelText('Datum (tijd van Robin)') as HTMLInputElement;
    const time = within(region).getByLabelText('Uur (tijd van Robin)') as HTMLInputElement;
    expect([date.value, time.value]).toEqual(['2026-11-24', '13:00']);

    fireEvent.change(time, { target: { value: '11:59' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Inplannen' }));
    expect(within(region).getByText('Dat moment is al voorbij in de tijd van Robin.')).toBeTruthy();
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(calls(server.calls, 'POST', `/api/clients/${CLIENT}/nudges`)).toHaveLength(0);

    fireEvent.change(time, { target: { value: '12:06' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Inplannen' }));
    expect(await within(region).findByText('Ingepland voor 24 nov 2026, 12:06 (America/New_York).')).toBeTruthy();
    expect(calls(server.calls, 'POST', `/api/clients/${CLIENT}/nudges`)[0]?.body).toEqual({ text: 'Tot straks!', sendAt: '2026-11-24T12:06' });
    // Back to "now" for the next one.
    expect((within(region).getByRole('radio', { name: 'Nu' }) as HTMLInputElement).checked).toBe(true);
  });

  it('the server’s refusal of a moment is shown at the date and time', async () => {
    renderClient({ [`POST /api/clients/${CLIENT}/nudges`]: problem(400, 'nudge.too-far-ahead', [{ field: 'sendAt', code: 'nudge.too-far-ahead' }]) });
    const region = await nudges();
    fireEvent.change(within(region).getByRole('textbox', { name: 'Je bericht aan Robin' }), { target: { value: 'Later' } });
    fireEvent.click(within(region).getByRole('radio', { name: 'Op een gekozen moment' }));
    fireEvent.change(within(region).getByLabelText('Datum (tijd van Robin)'), { target: { value: '2027-06-01' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Inplannen' }));
    expect(await within(region).findByText('Je kunt hoogstens 90 dagen vooruit plannen.')).toBeTruthy();
    expect(document.activeElement).toBe(within(region).getByLabelText('Datum (tijd van Robin)'));
  });

  it('an empty text is not sent', async () => {
    const { server } = renderClient();
    const region = await nudges();
    fireEvent.click(within(region).getByRole('button', { name: 'Versturen' }));
    expect(within(region).getByText('Schrijf eerst je bericht.')).toBeTruthy();
    expect(calls(server.calls, 'POST', `/api/clients/${CLIENT}/nudges`)).toHaveLength(0);
  });

  it('lists nudges with their status in words; a suggestion can be approved or dismissed, a scheduled one cancelled', async () => {
    const { server } = renderClient({
      [`POST /api/clients/${CLIENT}/nudges/n-2/approve`]: { body: { ...SUGGESTED, status: 'SENT', sentAt: '2026-11-24T17:05:00Z' } },
      [`POST /api/clients/${CLIENT}/nudges/n-2/dismiss`]: { body: { ...SUGGESTED, status: 'DISMISSED' } },
      [`POST /api/clients/${CLIENT}/nudges/n-3/cancel`]: { body: { ...SCHEDULED, status: 'CANCELLED' } },
    });
    const region = await nudges();
    const item = (id: string) => region.querySelector(`[data-nudge="${id}"]`) as HTMLElement;
    expect(within(item('n-3')).getByText('Gepland')).toBeTruthy();
    expect(within(item('n-3')).getByText('Voor 24 nov 2026, 19:00, tijd van de cliënt (America/New_York)')).toBeTruthy();
    expect(within(item('n-2')).getByText('Voorstel')).toBeTruthy();
    expect(within(item('n-2')).getByText('Automatisch: check-ins gemist')).toBeTruthy();
    expect(within(item('n-1')).getByText('Verstuurd')).toBeTruthy();
    expect(within(item('n-1')).queryByRole('button')).toBeNull();

    fireEvent.click(within(item('n-2')).getByRole('button', { name: 'Goedkeuren' }));
    expect(await within(region).findByText('Goedgekeurd. De aanmoediging gaat meteen weg, of na de stille uren.')).toBeTruthy();
    expect(calls(server.calls, 'POST', `/api/clients/${CLIENT}/nudges/n-2/approve`)).toHaveLength(1);
    await waitFor(() => expect(item('n-2').getAttribute('data-status')).toBe('SENT'));

    fireEvent.click(within(item('n-3')).getByRole('button', { name: 'Annuleren' }));
    expect(await within(region).findByText('De geplande aanmoediging is geannuleerd.')).toBeTruthy();
    expect(calls(server.calls, 'POST', `/api/clients/${CLIENT}/nudges/n-3/cancel`)).toHaveLength(1);
  });

  it('dismisses a suggestion; one that changed meanwhile (409) is explained and the list reloaded', async () => {
    let loads = 0;
    const { server } = renderClient({
      [`GET /api/clients/${CLIENT}/nudges`]: () => {
        loads += 1;
        return { body: [SCHEDULED, SUGGESTED, nudge()] };
      },
      [`POST /api/clients/${CLIENT}/nudges/n-2/dismiss`]: { body: { ...SUGGESTED, status: 'DISMISSED' } },
      [`POST /api/clients/${CLIENT}/nudges/n-3/cancel`]: problem(409, 'nudge.not-scheduled'),
    });
    const region = await nudges();
    const item = (id: string) => region.querySelector(`[data-nudge="${id}"]`) as HTMLElement;
    fireEvent.click(within(item('n-2')).getByRole('button', { name: 'Afwijzen' }));
    expect(await within(region).findByText('Het voorstel is afgewezen.')).toBeTruthy();
    expect(calls(server.calls, 'POST', `/api/clients/${CLIENT}/nudges/n-2/dismiss`)).toHaveLength(1);
    const before = loads;
    fireEvent.click(within(item('n-3')).getByRole('button', { name: 'Annuleren' }));
    expect(await within(region).findByText('Deze aanmoediging is intussen veranderd. De lijst is bijgewerkt.')).toBeTruthy();
    await waitFor(() => expect(loads).toBeGreaterThan(before));
  });

  it('a template fills the text; templates can be added and deleted', async () => {
    const { server } = renderClient({
      'POST /api/nudge-templates': { status: 201, body: { id: 'tp-2', therapistId: 't-1', title: 'Slapen', text: 'Slaap lekker!', createdAt: '2026-11-24T17:00:00Z' } },
      'DELETE /api/nudge-templates/tp-1': { status: 204 },
    });
    const region = await nudges();
    fireEvent.change(within(region).getByRole('combobox', { name: 'Sjabloon gebruiken' }), { target: { value: 'tp-1' } });
    expect((within(region).getByRole('textbox', { name: 'Je bericht aan Robin' }) as HTMLTextAreaElement).value).toBe('Veel succes met je toets!');

    fireEvent.click(within(region).getByText('Sjablonen beheren (1)'));
    fireEvent.click(within(region).getByRole('button', { name: 'Sjabloon bewaren' }));
    expect(within(region).getByText('Een titel van 1 tot 80 tekens.')).toBeTruthy();
    fireEvent.change(within(region).getByRole('textbox', { name: 'Titel' }), { target: { value: 'Slapen' } });
    fireEvent.change(within(region).getByRole('textbox', { name: 'Tekst' }), { target: { value: 'Slaap lekker!' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Sjabloon bewaren' }));
    expect(await within(region).findByText('Het sjabloon is bewaard.')).toBeTruthy();
    expect(calls(server.calls, 'POST', '/api/nudge-templates')[0]?.body).toEqual({ title: 'Slapen', text: 'Slaap lekker!' });

    fireEvent.click(within(region).getByRole('button', { name: 'Verwijderen Toets' }));
    expect(await within(region).findByText('Toets is verwijderd.')).toBeTruthy();
    expect(calls(server.calls, 'DELETE', '/api/nudge-templates/tp-1')).toHaveLength(1);
  });
});

describe('/therapist/client: adaptive nudge settings', () => {
  it('saves the settings as numbers and times', async () => {
    const { server } = renderClient({ [`PUT /api/clients/${CLIENT}/nudge-settings`]: (request) => ({ body: request.body }) });
    const region = await screen.findByRole('region', { name: 'Automatische aanmoedigingen' });
    fireEvent.click(await within(region).findByRole('checkbox', { name: 'Automatische aanmoedigingen voor Robin' }));
    fireEvent.click(within(region).getByRole('radio', { name: 'Meteen versturen' }));
    fireEvent.change(within(region).getByRole('spinbutton', { name: 'Na hoeveel dagen zonder check-in?' }), { target: { value: '2' } });
    fireEvent.change(within(region).getByLabelText('Stille uren vanaf'), { target: { value: '21:30' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Instellingen bewaren' }));
    expect(await within(region).findByText('De instellingen zijn bewaard.')).toBeTruthy();
    expect(calls(server.calls, 'PUT', `/api/clients/${CLIENT}/nudge-settings`)[0]?.body).toEqual({
      ...SETTINGS,
      enabled: true,
      mode: 'SEND',
      missedCheckinDays: 2,
      quietStart: '21:30',
    });
  });

  it('the fields the server refuses are marked with what is allowed', async () => {
    renderClient({
      [`PUT /api/clients/${CLIENT}/nudge-settings`]: problem(400, 'nudge.invalid-settings', [{ field: 'stalledDays', code: 'nudge.invalid-settings', message: '1 to 30' }]),
    });
    const region = await screen.findByRole('region', { name: 'Automatische aanmoedigingen' });
    const stalled = await within(region).findByRole('spinbutton', { name: 'Na hoeveel dagen stilstand in een programma?' });
    fireEvent.change(stalled, { target: { value: '45' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Instellingen bewaren' }));
    expect(await within(region).findByText('Kies een aantal dagen van 1 tot 30.')).toBeTruthy();
    expect(stalled.getAttribute('aria-invalid')).toBe('true');
    expect(within(region).getByText('Kijk nog even naar 1 veld hieronder.')).toBeTruthy();
    expect(within(region).getByRole('spinbutton', { name: 'Na hoeveel dagen zonder activiteit?' }).getAttribute('aria-invalid')).toBeNull();

    // Changing the field takes the mark away.
    fireEvent.change(stalled, { target: { value: '10' } });
    expect(stalled.getAttribute('aria-invalid')).toBeNull();
  });
});
