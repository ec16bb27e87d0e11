import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { charts, lastChart } from '../test/fakeChart';
import { FakeAuthClient, makeMe, problem, sessionUser, type Handler } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import { STATS } from './fixtures';
import { formatDuration, parseSafetyStats, periodOf } from './stats';

vi.mock('chart.js', () => import('../test/fakeChart'));

beforeEach(() => {
  charts.length = 0;
});

function renderStats({ roles = ['MODERATOR'], path = '/moderation/stats', routes = {} as Record<string, Handler>, language = 'nl' as 'nl' | 'en' } = {}) {
  return renderApp({
    path,
    language,
    client: new FakeAuthClient(sessionUser()),
    routes: {
      'GET /api/me': { body: makeMe({ id: 'm-1', pseudonym: 'Moderator Jules', roles, locale: language }) },
      'GET /api/conversations': { body: [] },
      'GET /api/escalations': { body: [] },
      'GET /api/safety/stats': { body: STATS },
      ...routes,
    },
  });
}

const tableRows = (region: HTMLElement) =>
  within(region)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.children].map((cell) => cell.textContent));

describe('/moderation/stats', () => {
  it('shows the figures of the last 30 days: counts, reviews, human durations', async () => {
    const { server } = renderStats();
    expect(await screen.findByRole('heading', { level: 1, name: 'Cijfers over meldingen' })).toBeTruthy();
    const overview = await screen.findByRole('region', { name: 'Overzicht' });
    expect(server.calls.some((call) => call.path === '/api/safety/stats?days=30')).toBe(true);
    expect(within(screen.getByRole('group', { name: 'Periode' })).getByRole('button', { name: '30 dagen' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('Van 8 november 2026 tot en met 7 december 2026')).toBeTruthy();

    const tiles = within(overview).getAllByRole('listitem').map((tile) => tile.textContent);
    expect(tiles).toEqual([
      'Meldingen3Hoog risico: 1 · Verhoogd risico: 2',
      'Twijfelgevallen31 niet zorgwekkend · 1 geëscaleerd · 1 open',
      'Tijd tot opnemenmeestal 40 seconden9 op 10 binnen 1 minuut 35 seconden (2 meldingen)',
      'Tijd tot afhandelenmeestal 10 minuten9 op 10 binnen 15 minuten (2 meldingen)',
    ]);

    expect(tableRows(screen.getByRole('region', { name: 'Per bron' }))).toEqual([
      ['Chatbericht', '4'],
      ['Antwoord in oefenprogramma', '0'],
      ['Vragenlijst', '0'],
      ['Notitie bij een check-in', '0'],
      ['Hulpknop', '2'],
      ['Door de therapeut gemeld', '0'],
    ]);
    expect(tableRows(screen.getByRole('region', { name: 'Twijfelgevallen' }))).toEqual([
      ['Binnengekomen', '3'],
      ['Niet zorgwekkend', '1'],
      ['Geëscaleerd', '1'],
      ['Nog te bekijken', '1'],
    ]);
    expect(tableRows(screen.getByRole('region', { name: 'Uitkomsten' }))).toContainEqual(['Niet zorgwekkend', '1']);
  });

  it('draws a stacked daily chart of HIGH, MEDIUM and REVIEW and a chart per category, each with a table', async () => {
    renderStats();
    await screen.findByRole('region', { name: 'Overzicht' });
    // The charts are drawn in an effect after the page renders: wait for both.
    await waitFor(() => expect(lastChart('bar', 'Aantal')).toBeTruthy());
    const daily = lastChart('bar', 'Hoog risico')!;
    expect(daily.config.data.labels).toEqual(['5 dec', '6 dec', '7 dec']);
    expect(daily.config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Hoog risico', [0, 0, 1]],
      ['Verhoogd risico', [1, 1, 0]],
      ['Te bekijken', [0, 1, 2]],
    ]);
    expect(daily.config.options).toMatchObject({ scales: { x: { stacked: true }, y: { stacked: true } } });
    const perCategory = lastChart('bar', 'Aantal')!;
    expect(perCategory.config.data.labels).toEqual(['Zelfdoding', 'Zelfverwonding', 'Misbruik', 'Geweld', 'Onduidelijk']);
    expect(perCategory.config.data.datasets[0]?.data).toEqual([2, 1, 0, 0, 3]);
    // Lying down, so every category's name stays readable on a phone.
    expect(perCategory.config.options).toMatchObject({ indexAxis: 'y' });
    expect(screen.getByRole('img', { name: 'Nieuwe meldingen en twijfelgevallen per dag, naar ernst' })).toBeTruthy();
    const dailyTable = screen.getByRole('region', { name: 'Nieuwe meldingen en twijfelgevallen per dag, naar ernst' });
    expect(tableRows(dailyTable)[2]).toEqual(['ma 7 december', '1', '0', '2']);
  });

  it('loads another period when one is chosen', async () => {
    const { server } = renderStats({ routes: { 'GET /api/safety/stats?days=7': { body: { ...STATS, bySeverity: { HIGH: 5, MEDIUM: 0, REVIEW: 0 } } } } });
    await screen.findByRole('region', { name: 'Overzicht' });
    fireEvent.click(screen.getByRole('button', { name: '7 dagen' }));
    await waitFor(() => expect(server.calls.some((call) => call.path === '/api/safety/stats?days=7')).toBe(true));
    expect(window.location.search).toBe('?days=7');
    expect(screen.getByRole('button', { name: '7 dagen' }).getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(screen.getByRole('region', { name: 'Overzicht' }).textContent).toContain('Hoog risico: 5'));
  });

  it('says when it cannot load the figures, and tries again', async () => {
    let calls = 0;
    renderStats({ routes: { 'GET /api/safety/stats': () => (++calls === 1 ? problem(500, 'server.error') : { body: STATS }) } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Opnieuw proberen');
    fireEvent.click(within(alert).getByRole('button', { name: 'Opnieuw proberen' }));
    expect(await screen.findByRole('region', { name: 'Overzicht' })).toBeTruthy();
  });

  it('shows "no data yet" for times without escalations, in English too', async () => {
    renderStats({ language: 'en', routes: { 'GET /api/safety/stats': { body: { ...STATS, timeToClaim: { count: 0, medianSeconds: null, p90Seconds: null } } } } });
    const overview = await screen.findByRole('region', { name: 'Overview' });
    expect(within(overview).getAllByRole('listitem')[2]?.textContent).toBe('Time to claimno data yet');
    expect(within(overview).getAllByRole('listitem')[3]?.textContent).toBe('Time to resolveusually 10 minutes9 in 10 within 15 minutes (2 escalations)');
  });

  it('is for moderators and admins; an admin gets there from their home', async () => {
    renderStats({ roles: ['ADMIN'], path: '/home' });
    fireEvent.click(await screen.findByRole('link', { name: 'Cijfers over meldingen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Cijfers over meldingen' })).toBeTruthy();
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Mijn pagina' }).getAttribute('href')).toBe('/home');
  });

  it('is not for clients or therapists', async () => {
    renderStats({ roles: ['THERAPIST'] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeTruthy();
  });

  it('is linked from the moderation console', async () => {
    renderStats({ path: '/moderation' });
    const link = await screen.findByRole('link', { name: 'Cijfers over meldingen' });
    expect(link.getAttribute('href')).toBe('/moderation/stats');
  });
});

describe('reading and saying the figures', () => {
  it('reads the contract and fills in what is missing with zeros', () => {
    const stats = parseSafetyStats({ days: [{ date: '2026-12-07', high: 1 }], bySeverity: { HIGH: 1, REVIEW: -3 }, reviews: null });
    expect(stats?.days).toEqual([{ date: '2026-12-07', high: 1, medium: 0, review: 0 }]);
    expect(stats?.bySeverity).toEqual({ HIGH: 1, MEDIUM: 0, REVIEW: 0 });
    expect(stats?.reviews).toEqual({ opened: 0, dismissed: 0, escalated: 0, open: 0 });
    expect(stats?.timeToClaim).toEqual({ count: 0, medianSeconds: null, p90Seconds: null });
    expect(stats?.from).toBe('2026-12-07');
    expect(parseSafetyStats('nonsense')).toBeNull();
    expect(periodOf('7')).toBe(7);
    expect(periodOf('365')).toBe(30);
    expect(periodOf(null)).toBe(30);
  });

  it('says durations in at most two neighbouring units', () => {
    expect(formatDuration(40, 'nl-BE')).toBe('40 seconden');
    expect(formatDuration(0.4, 'nl-BE')).toBe('0 seconden');
    expect(formatDuration(95, 'nl-BE')).toBe('1 minuut 35 seconden');
    expect(formatDuration(600, 'nl-BE')).toBe('10 minuten');
    expect(formatDuration(7_512, 'nl-BE')).toBe('2 uur 5 minuten');
    expect(formatDuration(3_599.7, 'en-GB')).toBe('1 hour');
    expect(formatDuration(97_200, 'en-GB')).toBe('1 day 3 hours');
    expect(formatDuration(null, 'en-GB')).toBeNull();
    expect(formatDuration(-5, 'en-GB')).toBeNull();
  });
});
