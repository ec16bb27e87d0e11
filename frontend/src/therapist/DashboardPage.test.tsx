import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeAuthClient, makeMe, problem, sessionUser, type Handler } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import { DEFAULT_SORT, nextSort, parseOverview, sortRows, type OverviewRow } from './dashboard';

const NOW = Date.now();
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

function row(overrides: Partial<OverviewRow> & { id: string; pseudonym: string }): OverviewRow {
  const { id, pseudonym, ...rest } = overrides;
  return {
    client: { id, pseudonym },
    lastActivityAt: null,
    programme: null,
    stepsThisWeek: 0,
    moodTrend: null,
    mood7: null,
    unread: 0,
    escalation: null,
    needsAttention: false,
    reasons: [],
    ...rest,
  };
}

// As the server sorts them: needs attention first, then by pseudonym.
const ROWS: OverviewRow[] = [
  row({
    id: 'c-1',
    pseudonym: 'Robin',
    lastActivityAt: ago(3 * 24 * 60),
    programme: { enrolmentId: 'e-1', programmeId: 'stress', title: { nl: 'Stress en ontspanning', en: 'Stress and relaxation' }, stepsDone: 3, stepsTotal: 12, paused: false, stalledDays: 6 },
    stepsThisWeek: 0,
    moodTrend: 'DOWN',
    mood7: 4.2,
    unread: 2,
    escalation: { id: 'x-1', severity: 'HIGH', claimed: false },
    needsAttention: true,
    reasons: ['ESCALATION', 'MOOD_FALLING', 'STALLED'],
  }),
  row({ id: 'c-3', pseudonym: 'Zoë', lastActivityAt: ago(40 * 24 * 60), needsAttention: true, reasons: ['INACTIVE'] }),
  row({
    id: 'c-2',
    pseudonym: 'Ali',
    lastActivityAt: ago(5),
    programme: { enrolmentId: 'e-2', programmeId: 'sleep', title: { nl: 'Beter slapen', en: 'Sleeping better' }, stepsDone: 8, stepsTotal: 10, paused: true, stalledDays: 0 },
    stepsThisWeek: 4,
    moodTrend: 'UP',
    mood7: 7.5,
    unread: 0,
  }),
  row({ id: 'c-4', pseudonym: 'bo', lastActivityAt: ago(60 * 26), stepsThisWeek: 1, moodTrend: 'FLAT', mood7: 6, unread: 5, escalation: { id: 'x-2', severity: 'MEDIUM', claimed: true } }),
];

const names = (rows: OverviewRow[]) => rows.map((r) => r.client.pseudonym);

describe('dashboard sorting', () => {
  it('keeps the server’s order by default; a column starts "most" first (names A–Z) and turns round on a second click', () => {
    expect(names(sortRows(ROWS, DEFAULT_SORT))).toEqual(['Robin', 'Zoë', 'Ali', 'bo']);
    const mood = nextSort(DEFAULT_SORT, 'mood');
    expect(mood).toEqual({ key: 'mood', direction: 'descending' });
    expect(names(sortRows(ROWS, mood))).toEqual(['Ali', 'bo', 'Robin', 'Zoë']);
    expect(names(sortRows(ROWS, nextSort(mood, 'mood')))).toEqual(['Robin', 'bo', 'Ali', 'Zoë']);
    expect(names(sortRows(ROWS, nextSort(DEFAULT_SORT, 'client')))).toEqual(['Ali', 'bo', 'Robin', 'Zoë']);
  });

  it('rows without a value come last either way', () => {
    expect(names(sortRows(ROWS, { key: 'programme', direction: 'descending' }))).toEqual(['Ali', 'Robin', 'bo', 'Zoë']);
    expect(names(sortRows(ROWS, { key: 'programme', direction: 'ascending' }))).toEqual(['Robin', 'Ali', 'bo', 'Zoë']);
    expect(names(sortRows(ROWS, { key: 'lastActivity', direction: 'descending' }))).toEqual(['Ali', 'bo', 'Robin', 'Zoë']);
    expect(names(sortRows(ROWS, { key: 'unread', direction: 'descending' }))).toEqual(['bo', 'Robin', 'Ali', 'Zoë']);
    expect(names(sortRows(ROWS, { key: 'escalation', direction: 'descending' }))).toEqual(['Robin', 'bo', 'Ali', 'Zoë']);
  });

  it('reads rows defensively', () => {
    const parsed = parseOverview([{ client: { id: 'c-9' }, reasons: ['INACTIVE', 'BORED'], moodTrend: 'SIDEWAYS', escalation: { severity: 'HIGH' } }, 'junk', { client: {} }]);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({ client: { id: 'c-9', pseudonym: '?' }, reasons: ['INACTIVE'], moodTrend: null, escalation: null, unread: 0 });
  });
});

function renderDashboard(routes: Record<string, Handler> = {}) {
  return renderApp({
    path: '/therapist/dashboard',
    client: new FakeAuthClient(sessionUser()),
    routes: {
      'GET /api/me': { body: makeMe({ id: 't-1', pseudonym: 'Dr. Noor Peeters', roles: ['THERAPIST'] }) },
      'GET /api/conversations': { body: [] },
      'GET /api/caseload/escalations': { body: [] },
      'GET /api/caseload/overview': { body: ROWS },
      ...routes,
    },
  });
}

async function table() {
  return screen.findByRole('table', { name: /^Je caseload/ });
}

const rowNames = (element: HTMLElement) => within(element).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('rowheader')[0]?.textContent);

describe('/therapist/dashboard', () => {
  it('shows every client with a link to their page, what needs attention in words, and mood by arrow and word', async () => {
    renderDashboard();
    const grid = await table();
    expect(rowNames(grid)).toEqual(['Robin', 'Zoë', 'Ali', 'bo']);
    expect(within(grid).getByRole('link', { name: 'Robin' }).getAttribute('href')).toBe('/therapist/client?id=c-1');
    const robin = within(grid).getAllByRole('row')[1]!;
    expect(within(robin).getByText('Aandacht nodig')).toBeTruthy();
    expect(within(robin).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Open melding bij de moderatoren',
      'Stemming daalt',
      'Programma ligt al 6 dagen stil',
    ]);
    expect(within(robin).getByText('3 dagen geleden')).toBeTruthy();
    expect(within(robin).getByRole('progressbar').getAttribute('aria-valuetext')).toBe('3 van 12 stappen');
    expect(within(robin).getByText('Dalend').querySelector('svg')).toBeTruthy();
    expect(within(robin).getByText('Gemiddeld 4,2')).toBeTruthy();
    expect(within(robin).getByText('Hoog risico')).toBeTruthy();
    expect(within(robin).getByText('Nog niet opgenomen')).toBeTruthy();
    const zoe = within(grid).getAllByRole('row')[2]!;
    expect(within(zoe).getByText('Al een tijd niet actief')).toBeTruthy();
    expect(within(zoe).getByText('Geen programma')).toBeTruthy();
    expect(within(zoe).getByText('Nog onbekend')).toBeTruthy();
    const ali = within(grid).getAllByRole('row')[3]!;
    expect(within(ali).getByText('Geen signalen')).toBeTruthy();
    expect(within(ali).getByText('Gepauzeerd')).toBeTruthy();
    expect(within(ali).getByText('Stijgend')).toBeTruthy();
    expect(screen.getByText('2 cliënten hebben aandacht nodig.')).toBeTruthy();
  });

  it('column headers are buttons; aria-sort follows the chosen column and direction', async () => {
    renderDashboard();
    const grid = await table();
    const header = (name: string) => within(grid).getByRole('columnheader', { name: new RegExp(`^${name}`) });
    expect(header('Aandacht').getAttribute('aria-sort')).toBe('descending');
    expect(header('Cliënt').getAttribute('aria-sort')).toBeNull();

    fireEvent.click(within(header('Stemming \\(7 dagen\\)')).getByRole('button'));
    expect(header('Stemming \\(7 dagen\\)').getAttribute('aria-sort')).toBe('descending');
    expect(header('Aandacht').getAttribute('aria-sort')).toBeNull();
    expect(rowNames(grid)).toEqual(['Ali', 'bo', 'Robin', 'Zoë']);
    expect(screen.getByText('Gesorteerd op Stemming (7 dagen), aflopend.')).toBeTruthy();

    fireEvent.click(within(header('Stemming \\(7 dagen\\)')).getByRole('button'));
    expect(header('Stemming \\(7 dagen\\)').getAttribute('aria-sort')).toBe('ascending');
    expect(rowNames(grid)).toEqual(['Robin', 'bo', 'Ali', 'Zoë']);

    fireEvent.click(within(header('Cliënt')).getByRole('button'));
    expect(header('Cliënt').getAttribute('aria-sort')).toBe('ascending');
    expect(rowNames(grid)).toEqual(['Ali', 'bo', 'Robin', 'Zoë']);
  });

  it('empty caseload and a failed load are explained', async () => {
    renderDashboard({ 'GET /api/caseload/overview': { body: [] } });
    expect(await screen.findByText('Er zijn nog geen cliënten aan jou gekoppeld.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('a failed load can be tried again', async () => {
    let calls = 0;
    renderDashboard({
      'GET /api/caseload/overview': () => {
        calls += 1;
        return calls === 1 ? problem(500, 'server.error') : { body: ROWS };
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Er ging iets mis aan onze kant');
    fireEvent.click(within(alert).getByRole('button', { name: 'Opnieuw proberen' }));
    expect(rowNames(await table())).toEqual(['Robin', 'Zoë', 'Ali', 'bo']);
  });

  it('is linked from the therapist’s home', async () => {
    renderApp({
      path: '/home',
      client: new FakeAuthClient(sessionUser()),
      routes: {
        'GET /api/me': { body: makeMe({ id: 't-1', pseudonym: 'Dr. Noor Peeters', roles: ['THERAPIST'] }) },
        'GET /api/conversations': { body: [] },
        'GET /api/caseload': { body: [] },
        'GET /api/caseload/escalations': { body: [] },
      },
    });
    expect((await screen.findByRole('link', { name: 'Open het dashboard' })).getAttribute('href')).toBe('/therapist/dashboard');
  });
});
