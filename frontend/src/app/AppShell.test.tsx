import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeAuthClient, makeMe, sessionUser } from '../test/fakes';
import { renderApp } from '../test/renderApp';

function signedIn(path: string, me = makeMe()) {
  const client = new FakeAuthClient(sessionUser());
  const safety = { 'GET /api/caseload/escalations': { body: [] }, 'GET /api/escalations': { body: [] } };
  return renderApp({ path, client, routes: { 'GET /api/me': { body: me }, ...safety } });
}

describe('app shell', () => {
  it("a client's places: chat, programmes, check-in and help, the current one marked", async () => {
    signedIn('/home');
    const nav = await screen.findByRole('navigation', { name: 'Jouw plekken' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['Chat', 'Programma’s', 'Check-in']);
    expect(links.every((link) => link.getAttribute('aria-current') === null)).toBe(true);
    // Help keeps its full name for screen readers, also where a phone shows a short word.
    expect(within(nav).getByRole('button', { name: 'Ik heb nu hulp nodig' })).toBeTruthy();

    fireEvent.click(within(nav).getByRole('link', { name: 'Programma’s' }));
    expect(window.location.pathname).toBe('/programmes');
    expect(within(nav).getByRole('link', { name: 'Programma’s' }).getAttribute('aria-current')).toBe('page');
  });

  it('the account and the language sit in a menu that opens and closes (Escape returns to its button)', async () => {
    signedIn('/home');
    const banner = screen.getByRole('banner');
    const toggle = await within(banner).findByRole('button', { name: 'Menu' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const panel = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    expect(panel).not.toBeNull();
    expect(within(panel!).getByText('Aangemeld als')).toBeTruthy();
    expect(within(panel!).getByRole('link', { name: 'Mijn pagina' })).toBeTruthy();
    expect(within(panel!).getByRole('link', { name: 'Meldingen' }).getAttribute('href')).toBe('/settings/notifications');
    expect(within(panel!).getByRole('button', { name: 'Afmelden' })).toBeTruthy();
    expect(within(panel!).getByRole('group', { name: 'Kies je taal' })).toBeTruthy();

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
  });

  it('quick exit comes first in the bar; no client navigation for staff or signed out', async () => {
    signedIn('/home', makeMe({ pseudonym: 'Dr. Noor Peeters', roles: ['THERAPIST'] }));
    await screen.findByRole('heading', { level: 1, name: 'Hallo Dr. Noor Peeters' });
    const banner = screen.getByRole('banner');
    expect(within(banner).getAllByRole('button')[0]?.textContent).toBe('Snel weg');
    expect(screen.queryByRole('navigation', { name: 'Jouw plekken' })).toBeNull();
  });

  it('the chat page fills the window', async () => {
    signedIn('/chat');
    await screen.findByRole('navigation', { name: 'Jouw plekken' });
    expect(document.querySelector('.app')?.classList.contains('app--full-height')).toBe(true);
    expect(screen.getByRole('link', { name: 'Chat' }).getAttribute('aria-current')).toBe('page');
  });
});
