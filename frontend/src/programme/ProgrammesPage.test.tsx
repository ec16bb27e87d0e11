import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeAuthClient, makeMe, problem, sessionUser, type Handler } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import { catalogueEntry, enrolment } from './fixtures';
import type { Enrolment } from './types';

function renderProgrammes(routes: Record<string, Handler> = {}, language: 'nl' | 'en' = 'nl') {
  return renderApp({
    path: '/programmes',
    client: new FakeAuthClient(sessionUser()),
    language,
    routes: {
      'GET /api/me': { body: makeMe({ locale: language }) },
      'GET /api/conversations': { body: [] },
      'GET /api/programmes': {
        body: [
          catalogueEntry(),
          catalogueEntry({ id: 'sleeping-better', title: { nl: 'Beter slapen', en: 'Sleeping better' }, estimatedMinutes: 30, steps: 14 }),
        ],
      },
      'GET /api/enrolments': { body: [] },
      ...routes,
    },
  });
}

describe('/programmes', () => {
  it('shows the catalogue in the current language with duration and steps', async () => {
    renderProgrammes();
    expect(await screen.findByRole('heading', { level: 1, name: 'Programma’s' })).toBeTruthy();
    const card = (await screen.findByRole('heading', { level: 3, name: 'Beter slapen' })).closest('article') as HTMLElement;
    expect(within(card).getByText('ongeveer 30 minuten')).toBeTruthy();
    expect(within(card).getByText('14 stappen')).toBeTruthy();
    expect(await screen.findByText('Je bent nog geen programma begonnen.')).toBeTruthy();
  });

  it('English', async () => {
    renderProgrammes({}, 'en');
    expect(await screen.findByRole('heading', { level: 3, name: 'Sleeping better' })).toBeTruthy();
    expect(screen.getAllByText('Find out what stress does to you.').length).toBe(2);
    expect(screen.getAllByText('about 25 minutes').length).toBe(1);
  });

  it('Start enrols and opens the guide conversation in the chat', async () => {
    const { server } = renderProgrammes({
      'POST /api/enrolments': { status: 201, body: enrolment({ stepsDone: 0, conversationId: 'guide-e-9', id: 'e-9' }) },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Start Stress en ontspanning' }));
    await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/chat?c=guide-e-9'));
    const post = server.calls.find((call) => call.method === 'POST' && call.path === '/api/enrolments');
    expect(post?.body).toEqual({ programmeId: 'stress-and-relaxation' });
    expect(post?.headers.authorization).toBe('Bearer token-1');
  });

  it('an open enrolment: progress bar and "Continue" to the guide chat instead of Start', async () => {
    renderProgrammes({ 'GET /api/enrolments': { body: [enrolment({ stepsDone: 6 })] } });
    const bar = (await screen.findAllByRole('progressbar', { name: 'Voortgang van Stress en ontspanning' }))[0] as HTMLElement;
    expect(bar.getAttribute('aria-valuenow')).toBe('6');
    expect(bar.getAttribute('aria-valuemax')).toBe('15');
    expect(bar.getAttribute('aria-valuetext')).toBe('6 van 15 stappen');
    const links = screen.getAllByRole('link', { name: 'Verder met Stress en ontspanning' });
    expect(links.length).toBe(2);
    for (const link of links) expect(link.getAttribute('href')).toBe('/chat?c=guide-e-1');
    expect(screen.queryByRole('button', { name: 'Start Stress en ontspanning' })).toBeNull();
    fireEvent.click(links[0] as HTMLElement);
    expect(window.location.pathname + window.location.search).toBe('/chat?c=guide-e-1');
  });

  it('pause, and leave only after confirming', async () => {
    let current: Enrolment = enrolment();
    const { server } = renderProgrammes({
      'GET /api/enrolments': () => ({ body: [current] }),
      'POST /api/enrolments/e-1/pause': () => {
        current = { ...current, status: 'PAUSED' };
        return { body: current };
      },
      'POST /api/enrolments/e-1/leave': () => {
        current = { ...current, status: 'LEFT' };
        return { body: current };
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Pauzeren' }));
    expect(await screen.findByRole('button', { name: 'Hervatten' })).toBeTruthy();
    expect(screen.getByText('Gepauzeerd')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Stoppen' }));
    expect(server.calls.some((call) => call.path.endsWith('/leave'))).toBe(false);
    expect(screen.getByText(/Wil je echt stoppen met Stress en ontspanning\?/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Nee, terug' }));
    fireEvent.click(screen.getByRole('button', { name: 'Stoppen' }));
    fireEvent.click(screen.getByRole('button', { name: 'Ja, doe maar' }));
    await waitFor(() => expect(server.calls.some((call) => call.method === 'POST' && call.path === '/api/enrolments/e-1/leave')).toBe(true));
    // Left: no longer among "my programmes", Start is offered again.
    expect(await screen.findByRole('button', { name: 'Start Stress en ontspanning' })).toBeTruthy();
  });

  it('a completed programme shows a summary with band labels, never raw scores', async () => {
    renderProgrammes({
      'GET /api/enrolments': {
        body: [
          enrolment({
            status: 'COMPLETED',
            stepsDone: 14,
            stepsTotal: 14,
            completedAt: '2026-11-21T18:00:00Z',
            scores: [{ questionnaire: 'phq-9', at: '2026-11-20T10:00:00Z', score: 17, band: 'moderately-severe' }],
          }),
        ],
      },
    });
    expect(await screen.findByText('Afgerond op 21 november 2026')).toBeTruthy();
    // The steps are counted once, by the progress bar.
    const card = screen.getByText('Afgerond op 21 november 2026').closest('article') as HTMLElement;
    expect(card.textContent?.match(/14 van 14 stappen/g)).toHaveLength(1);
    expect(screen.getByText(/PHQ-9: Matig ernstig/)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/\b17\b/);
  });

  it('a completed programme offers "Opnieuw doen": its next run in the same guide conversation', async () => {
    const done = enrolment({ status: 'COMPLETED', stepsDone: 15, stepsTotal: 15, completedAt: '2026-11-21T18:00:00Z', currentStepId: null });
    const { server } = renderProgrammes({
      'GET /api/enrolments': { body: [done] },
      'POST /api/enrolments/e-1/restart': { body: { ...done, status: 'ACTIVE', run: 2, stepsDone: 0, completedAt: null, currentStepId: 'welcome' } },
    });
    const mine = (await screen.findByRole('heading', { level: 2, name: 'Mijn programma’s' })).closest('section') as HTMLElement;
    const card = (await within(mine).findByRole('heading', { level: 3, name: 'Stress en ontspanning' })).closest('article') as HTMLElement;
    expect(within(card).getByRole('link', { name: 'Gesprek teruglezen' }).getAttribute('href')).toBe('/chat?c=guide-e-1');

    fireEvent.click(within(card).getByRole('button', { name: 'Stress en ontspanning opnieuw doen' }));

    await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/chat?c=guide-e-1'));
    expect(server.calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual(['/api/enrolments/e-1/restart']);
  });

  it('the catalogue offers a completed programme again; the server starts its next run', async () => {
    const done = enrolment({ status: 'COMPLETED', stepsDone: 15, stepsTotal: 15, completedAt: '2026-11-21T18:00:00Z', currentStepId: null });
    const { server } = renderProgrammes({
      'GET /api/enrolments': { body: [done] },
      'POST /api/enrolments': { status: 200, body: { ...done, status: 'ACTIVE', run: 2, stepsDone: 0, completedAt: null } },
    });
    const catalogue = (await screen.findByRole('heading', { level: 2, name: 'Alle programma’s' })).closest('section') as HTMLElement;
    await waitFor(() => expect(within(catalogue).getByRole('button', { name: 'Stress en ontspanning opnieuw doen' })).toBeTruthy());
    expect(within(catalogue).getByRole('button', { name: 'Stress en ontspanning opnieuw doen' }).textContent).toBe('Opnieuw doen');
    expect(within(catalogue).getByRole('button', { name: 'Start Beter slapen' })).toBeTruthy();

    fireEvent.click(within(catalogue).getByRole('button', { name: 'Stress en ontspanning opnieuw doen' }));

    await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/chat?c=guide-e-1'));
    expect(server.calls.find((call) => call.method === 'POST')?.body).toEqual({ programmeId: 'stress-and-relaxation' });
  });

  it('a repeated programme is one card named "Ronde 2", with the scores of each run', async () => {
    renderProgrammes({
      'GET /api/enrolments': {
        body: [
          enrolment({
            status: 'COMPLETED',
            run: 2,
            stepsDone: 14,
            stepsTotal: 14,
            completedAt: '2026-12-09T18:00:00Z',
            scores: [
              { questionnaire: 'phq-9', run: 1, at: '2026-12-02T10:00:00Z', score: 12, band: 'moderate' },
              { questionnaire: 'phq-9', run: 2, at: '2026-12-09T10:00:00Z', score: 6, band: 'mild' },
            ],
          }),
        ],
      },
    });
    const mine = (await screen.findByRole('heading', { level: 2, name: 'Mijn programma’s' })).closest('section') as HTMLElement;
    await waitFor(() => expect(within(mine).getAllByRole('article').length).toBe(1));
    expect(within(mine).getByText('Ronde 2')).toBeTruthy();
    const results = within(mine).getAllByRole('listitem').map((item) => item.textContent);
    expect(results).toContain('PHQ-9: Matig (Ronde 1, 2 december 2026)');
    expect(results).toContain('PHQ-9: Licht (Ronde 2, 9 december 2026)');
  });

  it('an open programme offers no "Opnieuw doen"', async () => {
    renderProgrammes({ 'GET /api/enrolments': { body: [enrolment({ stepsDone: 6 })] } });
    await screen.findAllByRole('link', { name: 'Verder met Stress en ontspanning' });
    expect(screen.queryByRole('button', { name: 'Stress en ontspanning opnieuw doen' })).toBeNull();
  });

  it('409 enrolment.exists is explained', async () => {
    renderProgrammes({ 'POST /api/enrolments': problem(409, 'enrolment.exists') });
    fireEvent.click(await screen.findByRole('button', { name: 'Start Beter slapen' }));
    expect((await screen.findByText('Je bent al met dit programma bezig.')).closest('[role="alert"]')).toBeTruthy();
  });

  it('a failing list shows an error with a retry', async () => {
    renderProgrammes({ 'GET /api/programmes': problem(500, 'server.error') });
    expect(await screen.findByRole('button', { name: 'Opnieuw proberen' })).toBeTruthy();
  });
});
