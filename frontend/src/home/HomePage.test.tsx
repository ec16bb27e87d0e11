import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeAuthClient, makeMe, problem, sessionUser } from '../test/fakes';
import { renderApp } from '../test/renderApp';

function signedIn(me = makeMe(), routes = {}) {
  const client = new FakeAuthClient(sessionUser());
  const safety = { 'GET /api/caseload/escalations': { body: [] }, 'GET /api/escalations': { body: [] } };
  return renderApp({ path: '/home', client, routes: { 'GET /api/me': { body: me }, ...safety, ...routes } });
}

describe('/home by role', () => {
  it('client: greeting with pseudonym, therapist, profile, house rules, sign out', async () => {
    const { server } = signedIn(makeMe({ therapist: { id: 't-1', pseudonym: 'Dr. Noor Peeters' } }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Hoi Robin' })).toBeTruthy();
    expect(screen.getByText('Je therapeut is Dr. Noor Peeters.')).toBeTruthy();
    expect(screen.getByText('robin')).toBeTruthy();
    expect(screen.getByText('2 november 2026')).toBeTruthy();
    expect(screen.getByText('Lees de huisregels')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Afmelden' }).length).toBeGreaterThan(0);
    // The header shows who is signed in.
    expect(within(screen.getByRole('banner')).getByText('Robin')).toBeTruthy();
    // The access token is sent as a bearer token.
    expect(server.calls.find((call) => call.path === '/api/me')?.headers.authorization).toBe('Bearer token-1');
  });

  it('client without therapist: will be linked soon', async () => {
    signedIn();
    expect(await screen.findByText(/binnenkort gekoppeld aan een therapeut/)).toBeTruthy();
  });

  it('therapist: the caseload table', async () => {
    signedIn(makeMe({ pseudonym: 'Dr. Noor Peeters', roles: ['THERAPIST'] }), {
      'GET /api/caseload': { body: [{ id: 'c-1', username: 'demo-client', pseudonym: 'Robin', assignedAt: '2026-11-03T09:00:00Z' }] },
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Hallo Dr. Noor Peeters' })).toBeTruthy();
    const table = await screen.findByRole('table');
    const row = within(table).getByRole('row', { name: /Robin/ });
    expect(within(row).getByText('demo-client')).toBeTruthy();
    expect(within(row).getByText('3 november 2026')).toBeTruthy();
  });

  it('therapist: an empty caseload says so', async () => {
    signedIn(makeMe({ roles: ['THERAPIST'] }), { 'GET /api/caseload': { body: [] } });
    expect(await screen.findByText(/nog geen cliënten aan jou gekoppeld/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('therapist: a failing caseload shows an error with a retry', async () => {
    let calls = 0;
    signedIn(makeMe({ roles: ['THERAPIST'] }), {
      'GET /api/caseload': () => (++calls === 1 ? problem(500, 'boom') : { body: [] }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Opnieuw proberen' }));
    expect(await screen.findByText(/nog geen cliënten aan jou gekoppeld/)).toBeTruthy();
  });

  it('moderator: what the role does, no data', async () => {
    signedIn(makeMe({ roles: ['MODERATOR'] }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Wat je als moderator doet' })).toBeTruthy();
  });

  it('admin wins over other roles; a person with several roles can switch', async () => {
    signedIn(makeMe({ pseudonym: 'Beheer', roles: ['THERAPIST', 'ADMIN'] }), { 'GET /api/caseload': { body: [] } });

    const accounts = await screen.findByRole('link', { name: 'Accounts' });
    expect(accounts.getAttribute('href')).toBe('/admin/accounts');
    expect(screen.getByRole('link', { name: 'Caseloads' }).getAttribute('href')).toBe('/admin/caseloads');

    const switcher = screen.getByRole('group', { name: 'Bekijk als' });
    expect(within(switcher).getByRole('button', { name: 'Beheerder' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(within(switcher).getByRole('button', { name: 'Therapeut' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Mijn caseload' })).toBeTruthy();
  });

  it('without a session: goes to the start page, which asks to sign in', async () => {
    renderApp({ path: '/home' });
    expect(await screen.findByText('Meld je aan om verder te gaan.')).toBeTruthy();
    expect(window.location.pathname + window.location.search).toBe('/?reason=signin');
    expect(screen.getByRole('button', { name: 'Aanmelden' })).toBeTruthy();
  });

  it('401: renews silently once and repeats the call with the new token', async () => {
    const client = new FakeAuthClient(sessionUser('old'));
    client.signinSilent.mockImplementation(async () => {
      client.user = sessionUser('new');
      return client.user;
    });
    const { server } = renderApp({
      path: '/home',
      client,
      routes: {
        'GET /api/me': (request) => (request.headers.authorization === 'Bearer new' ? { body: makeMe() } : problem(401, 'token.expired')),
      },
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Hoi Robin' })).toBeTruthy();
    expect(client.signinSilent).toHaveBeenCalledTimes(1);
    expect(server.calls.filter((call) => call.path === '/api/me').map((call) => call.headers.authorization)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('401 that renewal cannot fix: please sign in again', async () => {
    const client = new FakeAuthClient(sessionUser('old'));
    renderApp({ path: '/home', client, routes: { 'GET /api/me': problem(401, 'token.expired') } });

    expect(await screen.findByText('Je sessie is afgelopen. Meld je opnieuw aan.')).toBeTruthy();
    expect(client.signinSilent).toHaveBeenCalledTimes(1);
    expect(client.removeUser).toHaveBeenCalled();
    expect(window.location.search).toBe('?reason=expired');
  });

  it('403 on an admin page: not allowed', async () => {
    const client = new FakeAuthClient(sessionUser());
    renderApp({ path: '/admin/accounts', client, routes: { 'GET /api/me': { body: makeMe() } } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Geen toegang' })).toBeTruthy();
  });

  it('signing out clears the session storage and asks the server to end its session', async () => {
    const { client } = signedIn();
    await screen.findByRole('heading', { level: 1, name: 'Hoi Robin' });
    window.sessionStorage.setItem('something', 'private');
    fireEvent.click(within(screen.getByRole('banner')).getByRole('button', { name: 'Afmelden' }));

    await waitFor(() => expect(client.signoutRedirect).toHaveBeenCalledWith({ id_token_hint: 'id-token-1' }));
    expect(client.removeUser).toHaveBeenCalled();
    expect(window.sessionStorage.getItem('something')).toBeNull();
    // While the browser leaves for the server's sign-out, the page does not jump to "please sign in".
    expect(screen.getAllByText('Bezig met afmelden…').length).toBeGreaterThan(0);
    expect(window.location.pathname).toBe('/home');
  });

  it('switching language while signed in saves it to the account', async () => {
    const { server } = signedIn(makeMe(), { 'PATCH /api/me': { body: makeMe({ locale: 'en' }) } });
    await screen.findByRole('heading', { level: 1, name: 'Hoi Robin' });

    fireEvent.click(screen.getByRole('button', { name: 'English' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Hi Robin' })).toBeTruthy();
    await waitFor(() => expect(server.calls.find((call) => call.method === 'PATCH')?.body).toEqual({ locale: 'en' }));
  });

  it('uses the account language when this device has no choice of its own', async () => {
    signedIn(makeMe({ locale: 'en' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Hi Robin' })).toBeTruthy();
  });
});

describe('/auth/callback', () => {
  it('finishes sign-in, then shows /home in the same history entry', async () => {
    const client = new FakeAuthClient(null);
    const lengthBefore = window.history.length;
    renderApp({ path: '/auth/callback?code=abc&state=xyz', client, routes: { 'GET /api/me': { body: makeMe() } } });

    expect(await screen.findByRole('heading', { level: 1, name: 'Hoi Robin' })).toBeTruthy();
    expect(client.signinRedirectCallback).toHaveBeenCalledTimes(1);
    expect(client.signinRedirectCallback).toHaveBeenCalledWith('http://localhost:3000/auth/callback?code=abc&state=xyz');
    expect(window.location.pathname).toBe('/home');
    expect(window.history.length).toBe(lengthBefore);
  });

  it('offers to try again when the callback fails', async () => {
    const client = new FakeAuthClient(null);
    client.signinRedirectCallback.mockRejectedValue(new Error('No matching state'));
    renderApp({ path: '/auth/callback?code=abc&state=old', client });

    expect(await screen.findByRole('heading', { level: 1, name: 'Aanmelden is niet gelukt' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Opnieuw aanmelden' }));
    expect(client.signinRedirect).toHaveBeenCalled();
  });
});

describe('start page', () => {
  it('back from the server sign-out (/?state=...): finishes it and says you are signed out', async () => {
    const { client } = renderApp({ path: '/?state=signout-state' });
    expect(await screen.findByText('Je bent afgemeld. Tot een volgende keer.')).toBeTruthy();
    expect(client.signoutRedirectCallback).toHaveBeenCalledWith('http://localhost:3000/?state=signout-state');
    expect(window.location.search).toBe('?reason=signedout');
  });

  it('"Sign in" starts the OpenID sign-in', async () => {
    const { client } = renderApp({ path: '/' });
    fireEvent.click(await screen.findByRole('button', { name: 'Aanmelden' }));
    expect(client.signinRedirect).toHaveBeenCalledTimes(1);
  });

  it('without the backend, says that signing in is not possible right now', async () => {
    renderApp({ path: '/', routes: { 'GET /auth/config': { status: 200, body: '<!doctype html>', contentType: 'text/html' } } });
    expect(await screen.findByText(/Aanmelden lukt nu even niet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Aanmelden' })).toBeNull();
  });
});
