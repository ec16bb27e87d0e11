import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeAuthClient, makeMe, problem, sessionUser, type Handler } from '../test/fakes';
import { renderApp } from '../test/renderApp';

const NOOR = { pseudonym: 'Dr. Noor Peeters', role: 'THERAPIST' };

function item(id: string, at: string, action: string, actor = NOOR, basis = 'therapist') {
  return { id, at, action, actor, basis };
}

function open(routes: Record<string, Handler>, path = '/privacy/audit', language: 'nl' | 'en' = 'nl') {
  return renderApp({
    path,
    language,
    client: new FakeAuthClient(sessionUser()),
    routes: { 'GET /api/me': { body: makeMe({ locale: language }) }, ...routes },
  });
}

describe('/privacy/audit: who looked at my file', () => {
  it('lists who did what, when and why, in plain words by day', async () => {
    open({
      'GET /api/me/audit': {
        body: {
          items: [
            item('e3', '2026-11-23T12:30:00Z', 'conversation.read'),
            item('e2', '2026-11-23T12:10:00Z', 'conversation.read'),
            item('e1', '2026-11-20T12:00:00Z', 'escalation.view', { pseudonym: 'Jules', role: 'MODERATOR' }, 'moderator'),
            item('e0', '2026-11-19T12:00:00Z', 'admin.assign', { pseudonym: null, role: 'ADMIN' } as never, 'admin'),
          ],
          next: null,
        },
      },
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Wie keek in mijn dossier' })).toBeTruthy();
    const list = await screen.findByRole('region', { name: 'Wie keek in je dossier, nieuwste eerst' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    expect(within(rows[0]!).getByText('Dr. Noor Peeters')).toBeTruthy();
    expect(within(rows[0]!).getByText('je therapeut')).toBeTruthy();
    expect(within(rows[0]!).getByText('las je gesprek')).toBeTruthy();
    expect(within(rows[0]!).getByText(/^2 keer, tussen/)).toBeTruthy();
    expect(within(rows[1]!).getByText('een moderator die een veiligheidsmelding behandelt')).toBeTruthy();
    expect(within(rows[1]!).getByText('bekeek een melding over jou')).toBeTruthy();
    expect(within(rows[2]!).getByText('Iemand die hier niet meer werkt')).toBeTruthy();
    expect(within(rows[2]!).getByText('koppelde je aan een therapeut')).toBeTruthy();
    expect(within(list).getAllByRole('heading', { level: 2 })).toHaveLength(3);
    expect(screen.getByText('Dat is alles.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Oudere tonen' })).toBeNull();
  });

  it('loads older entries on request with the cursor', async () => {
    const { server } = open({
      'GET /api/me/audit?limit=20': { body: { items: [item('new', '2026-11-23T12:00:00Z', 'checkin.view')], next: 'new' } },
      'GET /api/me/audit?limit=20&before=new': { body: { items: [item('old', '2026-11-01T12:00:00Z', 'programme.view')], next: null } },
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Oudere tonen' }));

    expect(await screen.findByText('bekeek je programma’s en je antwoorden')).toBeTruthy();
    expect(screen.getByText('bekeek je check-ins')).toBeTruthy();
    expect(screen.getByText('Dat is alles.')).toBeTruthy();
    expect(server.calls.map((call) => call.path)).toContain('/api/me/audit?limit=20&before=new');
  });

  it('keeps what it has when older entries fail, and tries again', async () => {
    let calls = 0;
    open({
      'GET /api/me/audit?limit=20': { body: { items: [item('new', '2026-11-23T12:00:00Z', 'checkin.view')], next: 'new' } },
      'GET /api/me/audit?limit=20&before=new': () =>
        ++calls === 1 ? problem(500, 'boom') : { body: { items: [item('old', '2026-11-01T12:00:00Z', 'nudge.create')], next: null } },
    });

    fireEvent.click(await screen.findByRole('button', { name: 'Oudere tonen' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Opnieuw proberen' }));

    expect(await screen.findByText('maakte een aanmoediging voor je')).toBeTruthy();
    expect(screen.getByText('bekeek je check-ins')).toBeTruthy();
  });

  it('says so when nobody looked yet', async () => {
    open({ 'GET /api/me/audit': { body: { items: [], next: null } } });
    expect(await screen.findByText('Nog niemand van Cocon heeft je gegevens bekeken.')).toBeTruthy();
  });

  it('shows an error with a retry when the list cannot be loaded', async () => {
    let calls = 0;
    open({ 'GET /api/me/audit': () => (++calls === 1 ? problem(503, 'down') : { body: { items: [], next: null } }) });

    fireEvent.click(await screen.findByRole('button', { name: 'Opnieuw proberen' }));

    expect(await screen.findByText('Nog niemand van Cocon heeft je gegevens bekeken.')).toBeTruthy();
  });

  it('speaks English too', async () => {
    open(
      { 'GET /api/me/audit': { body: { items: [item('e1', '2026-11-23T12:00:00Z', 'conversation.read', NOOR, 'former-therapist')], next: null } } },
      '/privacy/audit',
      'en',
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Who looked at my file' })).toBeTruthy();
    expect(await screen.findByText('your former therapist, in the conversation you had then')).toBeTruthy();
    expect(screen.getByText('read your conversation')).toBeTruthy();
  });

  it('is linked from the client’s own page', async () => {
    open({ 'GET /api/me/audit': { body: { items: [], next: null } } }, '/home');
    const link = await screen.findByRole('link', { name: 'Wie keek in mijn dossier' });
    expect(link.getAttribute('href')).toBe('/privacy/audit');
    fireEvent.click(link);
    await waitFor(() => expect(window.location.pathname).toBe('/privacy/audit'));
    expect(await screen.findByText('Nog niemand van Cocon heeft je gegevens bekeken.')).toBeTruthy();
  });
});
