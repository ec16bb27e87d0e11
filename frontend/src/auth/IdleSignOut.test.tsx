import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeAuthClient, makeMe, TEST_CONFIG, sessionUser } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import type { Me } from './me';

const IDLE = { clientSeconds: 120, staffSeconds: 600, warningSeconds: 60 };

function signedIn(me: Me = makeMe()) {
  const client = new FakeAuthClient(sessionUser());
  const rendered = renderApp({
    path: '/privacy/audit',
    client,
    routes: {
      'GET /auth/config': { body: { ...TEST_CONFIG, idleSignOut: IDLE } },
      'GET /api/me': { body: me },
      'GET /api/me/audit': { body: { items: [], next: null } },
      'GET /api/caseload': { body: [] },
      'GET /api/caseload/escalations': { body: [] },
    },
  });
  return { ...rendered, client };
}

/** Lets React run the effects of what it rendered (the watch starts in one). */
async function settle() {
  await act(async () => {
    await Promise.resolve();
  });
}

function pass(seconds: number) {
  act(() => {
    vi.advanceTimersByTime(seconds * 1000);
  });
}

describe('idle sign-out in the app', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('warns a client, counts down, and signs out at the server with a neutral landing', async () => {
    const { client } = signedIn();
    await screen.findByText('Nog niemand van Cocon heeft je gegevens bekeken.');
    await settle();

    pass(60);
    const dialog = await screen.findByRole('dialog', { name: 'Ben je er nog?' });
    expect(dialog.textContent).toMatch(/Over 60 s meld je je af/);
    pass(10);
    expect(dialog.textContent).toMatch(/Over 50 s meld je je af/);
    expect(document.title).toBe('Notities');

    pass(50);
    await waitFor(() => expect(client.signoutRedirect).toHaveBeenCalledWith({ id_token_hint: 'id-token-1', state: 'idle' }));
    expect(client.removeUser).toHaveBeenCalled();
  });

  it('"stay signed in" starts the time again; a key press before the warning does too', async () => {
    const { client } = signedIn();
    await screen.findByText('Nog niemand van Cocon heeft je gegevens bekeken.');
    await settle();

    pass(70);
    fireEvent.click(await screen.findByRole('button', { name: 'Aangemeld blijven' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    pass(50);
    fireEvent.keyDown(window, { key: 'a' });
    pass(50);
    fireEvent.pointerDown(document.body);
    pass(50);

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(client.signoutRedirect).not.toHaveBeenCalled();
  });

  it('gives staff their own, longer idle time', async () => {
    const { client } = signedIn(makeMe({ roles: ['THERAPIST'], pseudonym: 'Dr. Noor Peeters' }));
    await screen.findByText(/Dr\. Noor Peeters/);
    await settle();

    pass(130);
    expect(screen.queryByRole('dialog')).toBeNull();
    pass(420);
    expect(await screen.findByRole('dialog', { name: 'Ben je er nog?' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Nu afmelden' }));
    await waitFor(() => expect(client.signoutRedirect).toHaveBeenCalledWith({ id_token_hint: 'id-token-1', state: 'idle' }));
  });
});

describe('after an idle sign-out', () => {
  it('the landing page only says that the session ended', async () => {
    renderApp({ path: '/?reason=idle' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Je bent afgemeld' })).toBeTruthy();
    expect(screen.queryByText('Welkom bij Cocon')).toBeNull();
    expect(await screen.findByRole('button', { name: 'Opnieuw aanmelden' })).toBeTruthy();
  });

  it('back from the server’s sign-out, an idle sign-out lands there', async () => {
    const client = new FakeAuthClient();
    client.signoutRedirectCallback.mockResolvedValue({ userState: 'idle' });
    renderApp({ path: '/?state=abc', client });
    expect(await screen.findByRole('heading', { level: 1, name: 'Je bent afgemeld' })).toBeTruthy();
    expect(window.location.search).toBe('?reason=idle');
  });
});
