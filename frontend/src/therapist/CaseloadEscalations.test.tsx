import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { escalation } from '../moderation/fixtures';
import { FakeTransport } from '../test/fakeChat';
import { FakeAuthClient, makeMe, problem, sessionUser, type Handler } from '../test/fakes';
import { renderApp } from '../test/renderApp';

// jsdom has no canvas; the client page does not need to draw here.
vi.mock('chart.js', () => import('../test/fakeChart'));

const THERAPIST = makeMe({ id: 't-1', pseudonym: 'Dr. Noor Peeters', roles: ['THERAPIST'] });
const ROBIN = { id: 'c-1', username: 'demo-client', pseudonym: 'Robin', assignedAt: '2026-11-01T10:00:00Z' };
const SAM = { id: 'c-2', username: 'demo-client-2', pseudonym: 'Sam', assignedAt: '2026-11-01T10:00:00Z' };

function render(path: string, routes: Record<string, Handler> = {}, transport = new FakeTransport()) {
  return renderApp({
    path,
    client: new FakeAuthClient(sessionUser()),
    transport,
    routes: {
      'GET /api/me': { body: THERAPIST },
      'GET /api/conversations': { body: [] },
      'GET /api/caseload': { body: [ROBIN, SAM] },
      'GET /api/caseload/escalations': { body: [] },
      'GET /api/programmes': { body: [] },
      'GET /api/clients/c-1/enrolments': { body: [] },
      ...routes,
    },
  });
}

describe('escalations for therapists', () => {
  it('home: the open escalations of the caseload stand out, with a way to the client', async () => {
    render('/home', {
      'GET /api/caseload/escalations': { body: [escalation({ status: 'CLAIMED', claimedBy: { id: 'm-1', pseudonym: 'Moderator Jules' } })] },
    });
    const alert = await screen.findByRole('region', { name: 'Open meldingen in je caseload' });
    expect(within(alert).getByText('Robin')).toBeTruthy();
    expect(within(alert).getByText('Hoog risico')).toBeTruthy();
    expect(within(alert).getByText(/Opgenomen door Moderator Jules/)).toBeTruthy();
    expect(within(alert).getByRole('link', { name: 'Bekijk Robin' }).getAttribute('href')).toBe('/therapist/client?id=c-1');
  });

  it('home: nothing when there are none; a live escalation appears and is announced; resolved ones go', async () => {
    const transport = new FakeTransport();
    render('/home', {}, transport);
    await screen.findByRole('table');
    expect(screen.queryByRole('region', { name: 'Open meldingen in je caseload' })).toBeNull();
    expect(transport.watching('/user/queue/escalations')).toBe(1);

    act(() => transport.deliver('/user/queue/escalations', { type: 'OPENED', escalation: escalation({ id: 'e-9', client: { id: 'c-2', pseudonym: 'Sam' } }) }));
    const alert = await screen.findByRole('region', { name: 'Open meldingen in je caseload' });
    expect(within(alert).getByText('Sam')).toBeTruthy();
    expect(screen.getByText('Nieuwe melding over Sam')).toBeTruthy();

    act(() => transport.deliver('/user/queue/escalations', { type: 'RESOLVED', escalation: escalation({ id: 'e-9', client: { id: 'c-2', pseudonym: 'Sam' }, status: 'RESOLVED' }) }));
    expect(screen.queryByRole('region', { name: 'Open meldingen in je caseload' })).toBeNull();
  });

  it("client page: only this client's escalation is shown", async () => {
    render('/therapist/client?id=c-1', {
      'GET /api/caseload/escalations': { body: [escalation(), escalation({ id: 'e-2', client: { id: 'c-2', pseudonym: 'Sam' } })] },
    });
    const alert = await screen.findByRole('region', { name: 'Open melding over Robin' });
    expect(within(alert).getAllByRole('listitem')).toHaveLength(1);
    expect(within(alert).queryByText('Sam')).toBeNull();
  });

  it('client page: escalate to moderators with a reason and how urgent', async () => {
    const { server } = render('/therapist/client?id=c-1', {
      'POST /api/clients/c-1/escalations': { status: 201, body: escalation({ id: 'e-5', severity: 'MEDIUM', lastSignal: null }) },
    });
    const section = await screen.findByRole('region', { name: 'Escaleren naar de moderatoren' });
    fireEvent.click(within(section).getByRole('button', { name: 'Escaleren naar moderatoren' }));
    const reason = within(section).getByRole('textbox', { name: 'Waarom maak je je zorgen?' });
    await waitFor(() => expect(document.activeElement).toBe(reason));

    fireEvent.click(within(section).getByRole('button', { name: 'Verwittig de moderatoren' }));
    expect(within(section).getByText('Schrijf kort waarom je je zorgen maakt.')).toBeTruthy();
    expect(server.calls.some((call) => call.method === 'POST')).toBe(false);

    fireEvent.change(reason, { target: { value: '  Robin mist al twee sessies en stuurde een afscheidsbericht.  ' } });
    fireEvent.change(within(section).getByRole('combobox', { name: 'Hoe dringend is het?' }), { target: { value: 'MEDIUM' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Verwittig de moderatoren' }));

    expect(await within(section).findByText('De moderatoren zijn verwittigd.')).toBeTruthy();
    expect(server.calls.find((call) => call.method === 'POST')?.body).toEqual({
      reason: 'Robin mist al twee sessies en stuurde een afscheidsbericht.',
      severity: 'MEDIUM',
    });
    const alert = await screen.findByRole('region', { name: 'Open melding over Robin' });
    expect(within(alert).getByText('Verhoogd risico')).toBeTruthy();
    // The form closed; the button is back.
    expect(within(section).getByRole('button', { name: 'Escaleren naar moderatoren' })).toBeTruthy();
  });

  it('client page: a refusal is explained', async () => {
    render('/therapist/client?id=c-1', { 'POST /api/clients/c-1/escalations': problem(403, 'client.not-in-caseload') });
    const section = await screen.findByRole('region', { name: 'Escaleren naar de moderatoren' });
    fireEvent.click(within(section).getByRole('button', { name: 'Escaleren naar moderatoren' }));
    fireEvent.change(within(section).getByRole('textbox', { name: 'Waarom maak je je zorgen?' }), { target: { value: 'Zorgen.' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Verwittig de moderatoren' }));
    await waitFor(() => expect(within(section).getByRole('alert').textContent).toBe('Het escaleren is niet gelukt. Deze cliënt staat niet in je caseload.'));
  });
});
