import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CRISIS_CARD } from '../moderation/fixtures';
import { charts, lastChart, xAxisLabels, type RecordedChart } from '../test/fakeChart';
import { FakeAuthClient, makeMe, problem, sessionUser, type Handler, type RecordedRequest } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import { checkIn, oneCheckInTrends, TAGS, trends } from './fixtures';

vi.mock('chart.js', () => import('../test/fakeChart'));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function renderCheckin(routes: Record<string, Handler> = {}) {
  return renderApp({
    path: '/checkin',
    client: new FakeAuthClient(sessionUser()),
    routes: {
      'GET /api/me': { body: makeMe({ therapist: { id: 't-1', pseudonym: 'Dr. Noor Peeters' } }) },
      'GET /api/conversations': { body: [] },
      'GET /api/checkins/tags': { body: [...TAGS, 'gaming'] },
      'GET /api/checkins/trends': { body: trends() },
      'GET /api/checkins/reminder': { body: { enabled: false, time: '19:00', timezone: 'Europe/Brussels' } },
      ...routes,
    },
  });
}

/** Whether every point of a line chart can be drawn whole at the plot's edge (not clipped to half). */
function pointsHaveRoom(chart: RecordedChart): boolean {
  const options = chart.config.options as { scales?: { x?: { offset?: boolean } }; layout?: { padding?: { top?: number; right?: number } } };
  const datasets = chart.config.data.datasets as unknown as { clip?: number; pointHoverRadius: number }[];
  const room = Math.max(...datasets.map((dataset) => dataset.pointHoverRadius + 1));
  return (
    options.scales?.x?.offset === true &&
    (options.layout?.padding?.top ?? 0) >= room &&
    (options.layout?.padding?.right ?? 0) >= room &&
    datasets.every((dataset) => (dataset.clip ?? 0) >= room)
  );
}

const posts = (calls: RecordedRequest[]) => calls.filter((call) => call.method === 'POST' && call.path === '/api/checkins');

async function form() {
  return screen.findByRole('region', { name: 'Hoe gaat het nu?' });
}

function choose(region: HTMLElement, group: string, value: string) {
  fireEvent.click(within(within(region).getByRole('group', { name: group })).getByRole('radio', { name: new RegExp(`^${value}\\b`) }));
}

describe('/checkin: the form', () => {
  it('mood and stress are radio groups from 1 to 10 with the meaning of both ends; tags use their labels or, unknown, their id', async () => {
    renderCheckin();
    const region = await form();
    const mood = within(region).getByRole('group', { name: 'Hoe voel je je?' });
    const radios = within(mood).getAllByRole('radio');
    expect(radios).toHaveLength(10);
    expect(radios[0]?.getAttribute('name')).toBe('mood');
    expect(within(mood).getByRole('radio', { name: '1 (heel slecht)' })).toBeTruthy();
    expect(within(mood).getByRole('radio', { name: '10 (heel goed)' })).toBeTruthy();
    expect(within(region).getByRole('group', { name: 'Hoeveel stress voel je?' })).toBeTruthy();
    const tags = within(region).getByRole('group', { name: 'Wat speelt er mee? (mag leeg blijven)' });
    expect(await within(tags).findByRole('checkbox', { name: 'Slaap' })).toBeTruthy();
    expect(within(tags).getByRole('checkbox', { name: 'Alleen zijn' })).toBeTruthy();
    expect(within(tags).getByRole('checkbox', { name: 'gaming' })).toBeTruthy();
  });

  it('says what is missing before sending anything', async () => {
    const { server } = renderCheckin();
    const region = await form();
    fireEvent.click(within(region).getByRole('button', { name: 'Check-in bewaren' }));
    expect(screen.getByText('Kijk nog even naar 2 velden hieronder.')).toBeTruthy();
    expect(within(region).getAllByText('Kies een getal van 1 tot 10.')).toHaveLength(2);
    const moodRadio = within(within(region).getByRole('group', { name: 'Hoe voel je je?' })).getAllByRole('radio')[0];
    expect(moodRadio?.getAttribute('aria-invalid')).toBe('true');
    expect(posts(server.calls)).toHaveLength(0);

    // Choosing a mood clears its error (stress stays).
    choose(region, 'Hoe voel je je?', '7');
    expect(within(region).getAllByText('Kies een getal van 1 tot 10.')).toHaveLength(1);
  });

  it('no more than six tags, and a note of at most 500 characters (with a counter)', async () => {
    const { server } = renderCheckin();
    const region = await form();
    choose(region, 'Hoe voel je je?', '5');
    choose(region, 'Hoeveel stress voel je?', '5');
    for (const name of ['Slaap', 'School', 'Vrienden', 'Familie', 'Gezondheid', 'Sport', 'Schermen']) {
      fireEvent.click(await within(region).findByRole('checkbox', { name }));
    }
    const note = within(region).getByRole('textbox', { name: /Wil je er iets bij schrijven/ });
    fireEvent.change(note, { target: { value: 'x'.repeat(501) } });
    expect(within(region).getByText('501 / 500 tekens')).toBeTruthy();
    fireEvent.click(within(region).getByRole('button', { name: 'Check-in bewaren' }));
    expect(within(region).getByText('Kies hoogstens 6 onderwerpen.')).toBeTruthy();
    expect(within(region).getByText('Je notitie is te lang: hoogstens 500 tekens.')).toBeTruthy();
    expect(posts(server.calls)).toHaveLength(0);
  });

  it('sends mood, stress, tags and the trimmed note with an id made here; thanks, clears the form and loads the trends again', async () => {
    const { server } = renderCheckin({
      'POST /api/checkins': (request) => ({ status: 201, body: { checkIn: checkIn({ id: (request.body as { id: string }).id }), crisis: null } }),
    });
    const region = await form();
    choose(region, 'Hoe voel je je?', '7');
    choose(region, 'Hoeveel stress voel je?', '3');
    fireEvent.click(await within(region).findByRole('checkbox', { name: 'School' }));
    fireEvent.click(within(region).getByRole('checkbox', { name: 'Vrienden' }));
    fireEvent.change(within(region).getByRole('textbox', { name: /Wil je er iets bij schrijven/ }), { target: { value: '  Toets ging goed  ' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Check-in bewaren' }));

    expect(await screen.findByText('Bedankt! Je check-in is bewaard.')).toBeTruthy();
    const [post] = posts(server.calls);
    expect(post?.body).toMatchObject({ mood: 7, stress: 3, tags: ['school', 'friends'], note: 'Toets ging goed' });
    expect((post?.body as { id: string }).id).toMatch(UUID);
    expect((within(within(region).getByRole('group', { name: 'Hoe voel je je?' })).getByRole('radio', { name: '7' }) as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByRole('region', { name: 'Hulp als het nu zwaar is' })).toBeNull();
    await waitFor(() => expect(server.calls.filter((call) => call.path.startsWith('/api/checkins/trends')).length).toBe(2));
  });

  it('a crisis in the answer shows the crisis card at once, with focus on it', async () => {
    renderCheckin({ 'POST /api/checkins': { status: 201, body: { checkIn: checkIn({ note: 'ik wil er niet meer zijn' }), crisis: CRISIS_CARD } } });
    const region = await form();
    choose(region, 'Hoe voel je je?', '1');
    choose(region, 'Hoeveel stress voel je?', '10');
    fireEvent.change(within(region).getByRole('textbox', { name: /Wil je er iets bij schrijven/ }), { target: { value: 'ik wil er niet meer zijn' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Check-in bewaren' }));

    const card = await screen.findByRole('region', { name: 'Hulp als het nu zwaar is' });
    expect(within(card).getByRole('link', { name: 'Bel 1813 (Zelfmoordlijn 1813)' }).getAttribute('href')).toBe('tel:1813');
    expect(within(card).getByRole('link', { name: /^Bel 112/ }).getAttribute('href')).toBe('tel:112');
    expect(document.activeElement?.contains(card)).toBe(true);
    expect(screen.getByText(/Wat je schreef, klinkt zwaar/)).toBeTruthy();
  });

  it('after a failure the same id is sent again, so the check-in is never stored twice', async () => {
    let attempt = 0;
    const { server } = renderCheckin({
      'POST /api/checkins': () => {
        attempt += 1;
        return attempt === 1 ? problem(503, 'server.unavailable') : { status: 201, body: { checkIn: checkIn(), crisis: null } };
      },
    });
    const region = await form();
    choose(region, 'Hoe voel je je?', '6');
    choose(region, 'Hoeveel stress voel je?', '4');
    fireEvent.click(within(region).getByRole('button', { name: 'Check-in bewaren' }));
    expect(await screen.findByText(/Er ging iets mis aan onze kant/)).toBeTruthy();
    // The answers stay; send again.
    expect((within(within(region).getByRole('group', { name: 'Hoe voel je je?' })).getByRole('radio', { name: '6' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(region).getByRole('button', { name: 'Check-in bewaren' }));
    expect(await screen.findByText('Bedankt! Je check-in is bewaard.')).toBeTruthy();
    const [first, second] = posts(server.calls);
    expect((second?.body as { id: string }).id).toBe((first?.body as { id: string }).id);

    // A next check-in is a new one.
    choose(region, 'Hoe voel je je?', '8');
    choose(region, 'Hoeveel stress voel je?', '2');
    fireEvent.click(within(region).getByRole('button', { name: 'Check-in bewaren' }));
    await waitFor(() => expect(posts(server.calls)).toHaveLength(3));
    expect((posts(server.calls)[2]?.body as { id: string }).id).not.toBe((first?.body as { id: string }).id);
  });

  it('field errors from the server (problem details) are shown at their field', async () => {
    renderCheckin({
      'POST /api/checkins': problem(400, 'checkin.invalid', [
        { field: 'note', code: 'note.control-characters', message: 'A note cannot contain control characters.' },
        { field: 'tags', code: 'tags.unknown', message: 'Unknown tag' },
      ]),
    });
    const region = await form();
    choose(region, 'Hoe voel je je?', '6');
    choose(region, 'Hoeveel stress voel je?', '4');
    fireEvent.click(within(region).getByRole('button', { name: 'Check-in bewaren' }));
    expect(await within(region).findByText('Je notitie bevat tekens die we niet kunnen bewaren.')).toBeTruthy();
    expect(within(region).getByText(/Een van de gekozen onderwerpen kennen we niet/)).toBeTruthy();
    expect(within(region).getByRole('textbox', { name: /Wil je er iets bij schrijven/ }).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Kijk nog even naar 2 velden hieronder.')).toBeTruthy();
  });
});

describe('/checkin: the trends', () => {
  it('draws mood and stress per day (gaps where there was no check-in), with the same numbers as a table', async () => {
    charts.length = 0;
    renderCheckin();
    const table = await screen.findByRole('table', { name: 'Stemming en stress per dag, laatste 30 dagen' });
    const rows = within(table).getAllByRole('row').slice(1).map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['za 14 november', '5', '6'],
      ['ma 16 november', '4,5', '7'],
      ['vr 20 november', '7', '3'],
    ]);
    await waitFor(() => expect(lastChart('line')).toBeTruthy());
    const line = lastChart('line')!.config;
    expect(line.data.labels).toEqual(['14 nov', '15 nov', '16 nov', '17 nov', '18 nov', '19 nov', '20 nov']);
    expect(xAxisLabels(lastChart('line')!)).toEqual(['14 nov', '15 nov', '16 nov', '17 nov', '18 nov', '19 nov', '20 nov']);
    expect(line.data.datasets.map((d) => d.label)).toEqual(['Stemming', 'Stress']);
    expect(line.data.datasets[0]?.data).toEqual([5, null, 4.5, null, null, null, 7]);
    expect(line.data.datasets[1]?.data).toEqual([6, null, 7, null, null, null, 3]);
    expect(screen.getByRole('img', { name: 'Stemming en stress per dag, laatste 30 dagen' })).toBeTruthy();
    const bars = lastChart('bar')!.config;
    expect(bars.data.datasets[0]?.data).toEqual([4.5, null, null, null, 7, 5, null]);
  });

  it('a single check-in in 30 days is named on the axis, and its point has room at the edge of the chart', async () => {
    charts.length = 0;
    renderCheckin({ 'GET /api/checkins/trends': { body: oneCheckInTrends(30, 0, 7, 3) } });
    await waitFor(() => expect(lastChart('line')).toBeTruthy());
    const line = lastChart('line')!;
    expect(line.config.data.datasets[0]?.data.at(-1)).toBe(7);
    const axis = xAxisLabels(line);
    expect(axis?.at(-1)).toBe('20 nov');
    // The other dates give the axis its bearings, far enough apart not to overlap at 360 px.
    expect(axis?.filter((label) => label !== null)).toEqual(['26 okt', '31 okt', '5 nov', '10 nov', '15 nov', '20 nov']);
    expect(pointsHaveRoom(line)).toBe(true);
  });

  it('averages, direction with an arrow and a word, weekday pattern and tag patterns both ways in words', async () => {
    renderCheckin();
    const trendsRegion = await screen.findByRole('region', { name: 'Jouw verloop' });
    await within(trendsRegion).findByText('Laatste 7 dagen');
    expect(within(trendsRegion).getByText('Stemming 5,3 · stress 5,8 (4 check-ins)')).toBeTruthy();
    expect(within(trendsRegion).getByText('Stemming 5,8 · stress 5 (7 check-ins)')).toBeTruthy();
    const direction = within(trendsRegion).getByText('Dalend');
    expect(direction.querySelector('svg')).toBeTruthy();
    expect(within(trendsRegion).getByText('(van 6,5 naar 5,3)')).toBeTruthy();
    expect(within(trendsRegion).getByText('Gemiddeld is vrijdag de beste dag (stemming 7) en maandag de zwaarste (stemming 4,5).')).toBeTruthy();
    const tags = within(trendsRegion).getByRole('region', { name: 'Wat gaat samen met je stemming?' });
    const items = (name: string) => within(within(tags).getByRole('list', { name })).getAllByRole('listitem').map((li) => li.textContent);
    expect(items('Samen met een lagere stemming')).toEqual(['School: stemming gemiddeld 2,3 lager (3 check-ins)']);
    expect(items('Samen met een betere stemming')).toEqual(['Vrienden: stemming gemiddeld 2 hoger (2 check-ins)']);
    expect(within(tags).getByText(/niet zeggen dat het ene het andere veroorzaakt/)).toBeTruthy();
  });

  it('only the direction that has a pattern gets a list', async () => {
    renderCheckin({ 'GET /api/checkins/trends': { body: trends({ lowMoodTags: [] }) } });
    const tags = await screen.findByRole('region', { name: 'Wat gaat samen met je stemming?' });
    expect(within(tags).queryByRole('list', { name: 'Samen met een lagere stemming' })).toBeNull();
    expect(within(tags).getByRole('list', { name: 'Samen met een betere stemming' })).toBeTruthy();
  });

  it('without tag patterns one line says there are none yet', async () => {
    renderCheckin({ 'GET /api/checkins/trends': { body: trends({ lowMoodTags: [], highMoodTags: [] }) } });
    const tags = await screen.findByRole('region', { name: 'Wat gaat samen met je stemming?' });
    expect(within(tags).getByText('Nog geen onderwerp dat duidelijk samengaat met een lagere of een betere stemming.')).toBeTruthy();
    expect(within(tags).queryByRole('list')).toBeNull();
  });

  it('7, 30 or 90 days: the choice is a pressed button and asks the server for that period', async () => {
    const { server } = renderCheckin();
    const group = await screen.findByRole('group', { name: 'Periode' });
    expect(within(group).getByRole('button', { name: '30 dagen' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(within(group).getByRole('button', { name: '7 dagen' }));
    expect(within(group).getByRole('button', { name: '7 dagen' }).getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(server.calls.some((call) => call.path === '/api/checkins/trends?days=7')).toBe(true));
    fireEvent.click(within(group).getByRole('button', { name: '90 dagen' }));
    await waitFor(() => expect(server.calls.some((call) => call.path === '/api/checkins/trends?days=90')).toBe(true));
  });

  it('with check-ins on one weekday only it says there are too few, and draws no weekday chart', async () => {
    charts.length = 0;
    renderCheckin({ 'GET /api/checkins/trends': { body: oneCheckInTrends(30, 0, 7, 3) } });
    expect(await screen.findByText('Nog te weinig check-ins om weekdagen te vergelijken.')).toBeTruthy();
    await waitFor(() => expect(lastChart('line')).toBeTruthy());
    expect(lastChart('bar')).toBeUndefined();
  });

  it('without check-ins there is a friendly empty state and no chart', async () => {
    charts.length = 0;
    const empty = trends({ days: trends().days.map((d) => ({ ...d, mood: null, stress: null, count: 0 })), direction: null });
    renderCheckin({ 'GET /api/checkins/trends': { body: empty } });
    expect(await screen.findByText('Nog geen check-ins in de laatste 30 dagen.')).toBeTruthy();
    expect(lastChart('line')).toBeUndefined();
  });
});

describe('/checkin: the daily reminder', () => {
  it('switches it on at a time in the client’s time zone', async () => {
    const { server } = renderCheckin({
      'PUT /api/checkins/reminder': (request) => ({ body: { ...(request.body as object), timezone: 'Europe/Brussels' } }),
    });
    const toggle = await screen.findByRole('checkbox', { name: 'Stuur me elke dag een herinnering' });
    fireEvent.click(toggle);
    const time = screen.getByLabelText('Om hoe laat?');
    expect(screen.getByText('In jouw tijdzone (Europe/Brussels).')).toBeTruthy();
    fireEvent.change(time, { target: { value: '20:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Herinnering bewaren' }));
    expect(await screen.findByText('Bewaard. Je krijgt elke dag om 20:30 een herinnering in de chat.')).toBeTruthy();
    expect(server.calls.find((call) => call.method === 'PUT')?.body).toEqual({ enabled: true, time: '20:30' });
  });

  it('a refused time is shown at the field', async () => {
    renderCheckin({ 'PUT /api/checkins/reminder': problem(400, 'checkin.invalid', [{ field: 'time', code: 'time.invalid' }]) });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Stuur me elke dag een herinnering' }));
    fireEvent.click(screen.getByRole('button', { name: 'Herinnering bewaren' }));
    expect(await screen.findByText('Vul een uur in, bijvoorbeeld 19:30.')).toBeTruthy();
    expect(screen.getByLabelText('Om hoe laat?').getAttribute('aria-invalid')).toBe('true');
  });
});
