import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { catalogueEntry, enrolment } from '../programme/fixtures';
import type { Enrolment } from '../programme/types';
import { FakeAuthClient, makeMe, problem, sessionUser, type Handler } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import { charts, type RecordedChart } from '../test/fakeChart';
import { scoreSeries } from './chartData';

// jsdom has no canvas: record what would be drawn instead.
vi.mock('chart.js', () => import('../test/fakeChart'));

const CLIENT_ID = 'c-1';

const withAnswers: Enrolment = enrolment({
  stepsDone: 4,
  answers: [
    {
      stepId: 'stress-level',
      kind: 'SCALE',
      run: 1,
      text: { nl: 'Hoe gestrest voel je je?', en: 'How stressed do you feel?' },
      startedAt: '2026-11-20T10:01:00Z',
      answeredAt: '2026-11-20T10:02:00Z',
      answer: { value: 8 },
      comments: [],
    },
    {
      stepId: 'quick-calm',
      kind: 'TIMER',
      run: 1,
      text: { nl: 'Even landen.', en: 'Landing.' },
      startedAt: '2026-11-20T10:02:00Z',
      answeredAt: '2026-11-20T10:03:00Z',
      answer: { completed: false, secondsSpent: 12 },
      comments: [],
    },
    {
      stepId: 'stress-triggers',
      kind: 'FREE_TEXT',
      run: 1,
      text: { nl: 'Wat was er aan de hand?', en: 'What was going on?' },
      startedAt: '2026-11-20T10:03:00Z',
      answeredAt: '2026-11-20T10:04:00Z',
      answer: { text: 'Toetsen op school' },
      comments: [{ therapistId: 't-1', text: 'Herkenbaar.', at: '2026-11-20T11:00:00Z' }],
    },
  ],
  scores: [
    { questionnaire: 'phq-9', at: '2026-11-27T10:00:00Z', score: 8, band: 'mild' },
    { questionnaire: 'phq-9', at: '2026-11-20T10:00:00Z', score: 12, band: 'moderate' },
  ],
});

function renderPage(routes: Record<string, Handler> = {}) {
  return renderApp({
    path: `/therapist/client?id=${CLIENT_ID}`,
    client: new FakeAuthClient(sessionUser()),
    routes: {
      'GET /api/me': { body: makeMe({ id: 't-1', pseudonym: 'Dr. Noor Peeters', roles: ['THERAPIST'] }) },
      'GET /api/conversations': { body: [] },
      'GET /api/caseload': { body: [{ id: CLIENT_ID, username: 'demo-client', pseudonym: 'Robin', assignedAt: '2026-11-01T10:00:00Z' }] },
      'GET /api/caseload/escalations': { body: [] },
      'GET /api/programmes': { body: [catalogueEntry(), catalogueEntry({ id: 'sleeping-better', title: { nl: 'Beter slapen', en: 'Sleeping better' } })] },
      [`GET /api/clients/${CLIENT_ID}/enrolments`]: { body: [withAnswers] },
      ...routes,
    },
  });
}

describe('chart data', () => {
  it('one series per questionnaire, oldest first, with the y maximum', () => {
    const series = scoreSeries([
      withAnswers,
      enrolment({ scores: [{ questionnaire: 'gad-7', at: '2026-11-22T10:00:00Z', score: 4, band: 'minimal' }] }),
    ]);
    expect(series.map((s) => s.questionnaire)).toEqual(['gad-7', 'phq-9']);
    expect(series[1]?.points.map((p) => p.score)).toEqual([12, 8]);
    expect(series[1]?.max).toBe(27);
    expect(series[0]?.max).toBe(21);
    expect(series[0]?.bands).toEqual([]);
    expect(scoreSeries([enrolment()])).toEqual([]);
  });
});

describe('/therapist/client', () => {
  it('shows the programme with progress and each answer readably', async () => {
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Overzicht van Robin' })).toBeTruthy();
    const section = screen.getByRole('article', { name: /^Stress en ontspanning Bezig Gestart op 20 november 2026/ });
    expect(within(section).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('4');
    expect(within(section).getByText('Hoe gestrest voel je je?')).toBeTruthy();
    expect(within(section).getByText('8')).toBeTruthy();
    expect(within(section).getByText('Vroeger gestopt na 0:12')).toBeTruthy();
    expect(within(section).getByText('Toetsen op school')).toBeTruthy();
    expect(within(section).getByText('Herkenbaar.')).toBeTruthy();
  });

  it('a comment is posted with text and run, then the list is loaded again', async () => {
    let loads = 0;
    const { server } = renderPage({
      [`GET /api/clients/${CLIENT_ID}/enrolments`]: () => {
        loads += 1;
        return { body: [withAnswers] };
      },
      'POST /api/enrolments/e-1/steps/stress-triggers/comments': { status: 201, body: { therapistId: 't-1', text: 'x', at: '2026-11-20T12:00:00Z' } },
    });
    const item = (await screen.findByText('Toetsen op school')).closest('li') as HTMLElement;
    fireEvent.click(within(item).getByText('Feedback geven'));
    fireEvent.click(within(item).getByRole('button', { name: 'Feedback versturen' }));
    expect(within(item).getByText('Schrijf eerst je feedback.')).toBeTruthy();
    fireEvent.change(within(item).getByLabelText('Jouw feedback op deze stap'), { target: { value: '  Goed gezien!  ' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Feedback versturen' }));
    expect(await screen.findByText('Je feedback is verstuurd.')).toBeTruthy();
    const post = server.calls.find((call) => call.method === 'POST' && call.path.endsWith('/comments'));
    expect(post?.body).toEqual({ text: 'Goed gezien!', run: 1 });
    await waitFor(() => expect(loads).toBe(2));
  });

  it('after a restart, answers of earlier runs are listed with their run and can be commented on', async () => {
    const firstRun = withAnswers.answers[2];
    if (!firstRun) throw new Error('fixture');
    const restarted = enrolment({
      run: 2,
      stepsDone: 1,
      answers: [
        { ...firstRun, comments: [] },
        { ...firstRun, run: 2, answer: { text: 'Nu gaat het beter' }, answeredAt: '2026-11-25T10:04:00Z' },
      ],
    });
    const { server } = renderPage({
      [`GET /api/clients/${CLIENT_ID}/enrolments`]: { body: [restarted] },
      'POST /api/enrolments/e-1/steps/stress-triggers/comments': { status: 201, body: restarted },
    });
    const earlier = (await screen.findByText('Toetsen op school')).closest('li') as HTMLElement;
    const latest = screen.getByText('Nu gaat het beter').closest('li') as HTMLElement;
    expect(within(latest).getByText(/Ronde 2/)).toBeTruthy();
    expect(within(earlier).getByText(/Ronde 1/)).toBeTruthy();
    fireEvent.click(within(earlier).getByText('Feedback geven'));
    fireEvent.change(within(earlier).getByLabelText('Jouw feedback op deze stap'), { target: { value: 'Kijk eens terug.' } });
    fireEvent.click(within(earlier).getByRole('button', { name: 'Feedback versturen' }));
    expect(await screen.findByText('Je feedback is verstuurd.')).toBeTruthy();
    const post = server.calls.find((call) => call.method === 'POST' && call.path.endsWith('/comments'));
    expect(post?.body).toEqual({ text: 'Kijk eens terug.', run: 1 });
  });

  it('draws a line chart per questionnaire with the band, and the same data as a table', async () => {
    charts.length = 0;
    renderPage();
    const table = await screen.findByRole('table', { name: 'Scores van PHQ-9 over tijd' });
    const rows = within(table).getAllByRole('row').slice(1).map((row) => row.textContent);
    expect(rows).toEqual(['20 november 202612Matig', '27 november 20268Licht']);
    await waitFor(() => expect(charts.length).toBeGreaterThan(0));
    const config = charts[charts.length - 1]?.config;
    expect(config?.type).toBe('line');
    expect(config?.data.labels).toEqual(['20 november 2026', '27 november 2026']);
    expect(config?.data.datasets[0]?.data).toEqual([12, 8]);
    expect(config?.data.datasets[0]?.label).toBe('PHQ-9');
    expect(screen.getByRole('img', { name: 'Scores van PHQ-9 over tijd' })).toBeTruthy();
  });

  it('the score chart tells same-day scores apart, draws the bands behind the line and shows the change', async () => {
    charts.length = 0;
    const gad7 = {
      id: 'gad-7',
      name: 'GAD-7',
      maxScore: 21,
      bands: [
        { id: 'minimal', min: 0, max: 4, label: { nl: 'Minimaal', en: 'Minimal' } },
        { id: 'mild', min: 5, max: 9, label: { nl: 'Licht', en: 'Mild' } },
        { id: 'moderate', min: 10, max: 14, label: { nl: 'Matig', en: 'Moderate' } },
        { id: 'severe', min: 15, max: 21, label: { nl: 'Ernstig', en: 'Severe' } },
      ],
    };
    const repeated = enrolment({
      id: 'e-2',
      programmeId: 'worrying-less',
      title: { nl: 'Minder piekeren' },
      run: 2,
      startedAt: '2026-12-01T12:00:00Z',
      questionnaires: [gad7],
      scores: [
        { questionnaire: 'gad-7', run: 1, at: '2026-12-02T12:00:00Z', score: 12, band: 'moderate' },
        { questionnaire: 'gad-7', run: 2, at: '2026-12-09T11:00:00Z', score: 9, band: 'mild' },
        { questionnaire: 'gad-7', run: 2, at: '2026-12-09T13:30:00Z', score: 6, band: 'mild' },
      ],
    });
    renderPage({ [`GET /api/clients/${CLIENT_ID}/enrolments`]: { body: [repeated] } });

    const table = await screen.findByRole('table', { name: 'Scores van GAD-7 over tijd' });
    await waitFor(() => expect(charts.length).toBeGreaterThan(0));
    const config = charts[charts.length - 1]?.config as RecordedChart['config'] & { plugins?: { id: string; bands?: { min: number; max: number }[] }[] };
    const labels = config.data.labels;
    expect(labels[0]).toBe('2 december 2026');
    expect(labels[1]).not.toBe(labels[2]);
    expect(labels[1]).toMatch(/\d{1,2}:\d{2}/);
    const bands = config.plugins?.find((plugin) => plugin.id === 'scoreBands')?.bands;
    expect(bands?.map((band) => [band.min, band.max])).toEqual([
      [0, 4],
      [5, 9],
      [10, 14],
      [15, 21],
    ]);
    const legend = screen.getByRole('list', { name: 'Niveaus van GAD-7' });
    expect(within(legend).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Minimaal: 0–4', 'Licht: 5–9', 'Matig: 10–14', 'Ernstig: 15–21']);
    const caption = table.closest('figure')?.querySelector('figcaption')?.textContent ?? '';
    expect(caption).toContain(`−3 sinds ${labels[1]}`);
    const rows = within(table).getAllByRole('row').map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows[0]).toEqual(['Datum', 'Score', 'Niveau', 'Ronde']);
    expect(rows.slice(1).map((row) => row[3])).toEqual(['Ronde 1', 'Ronde 2', 'Ronde 2']);
    expect(screen.getByRole('article', { name: /^Minder piekeren Bezig/ }).textContent).toContain('Ronde 2');
  });

  it('assigns a programme that is not open yet', async () => {
    const { server } = renderPage({
      [`POST /api/clients/${CLIENT_ID}/enrolments`]: { status: 201, body: enrolment({ id: 'e-2', programmeId: 'sleeping-better', title: { nl: 'Beter slapen' } }) },
    });
    const select = (await screen.findByRole('combobox', { name: 'Programma' })) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBe(2));
    // The open programme is not offered again.
    expect([...select.options].map((o) => o.textContent)).toEqual(['Kies een programma', 'Beter slapen']);
    fireEvent.change(select, { target: { value: 'sleeping-better' } });
    fireEvent.click(screen.getByRole('button', { name: 'Toewijzen' }));
    expect(await screen.findByText('Beter slapen is toegewezen.')).toBeTruthy();
    expect(server.calls.find((call) => call.method === 'POST' && call.path.endsWith('/enrolments'))?.body).toEqual({ programmeId: 'sleeping-better' });
  });

  it('403 client.not-in-caseload is explained', async () => {
    renderPage({ [`GET /api/clients/${CLIENT_ID}/enrolments`]: problem(403, 'client.not-in-caseload') });
    expect(await screen.findByText('Deze cliënt staat niet in je caseload.')).toBeTruthy();
  });
});
