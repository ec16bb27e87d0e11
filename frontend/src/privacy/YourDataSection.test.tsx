import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeAuthClient, makeMe, problem, sessionUser, type Handler } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import type { Language } from '../i18n/languages';

function signedIn(routes: Record<string, Handler> = {}, language?: Language) {
  const me = makeMe(language ? { locale: language } : {});
  const client = new FakeAuthClient(sessionUser());
  const rendered = renderApp({
    path: '/home',
    client,
    ...(language ? { language } : {}),
    routes: {
      'GET /api/me': { body: me },
      'GET /api/caseload/escalations': { body: [] },
      'GET /api/conversations': { body: [] },
      ...routes,
    },
  });
  return { ...rendered, client };
}

const saved: { name: string; href: string }[] = [];

beforeEach(() => {
  saved.length = 0;
  URL.createObjectURL = vi.fn(() => 'blob:export-1');
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, href: this.href });
  });
});

afterEach(() => vi.restoreAllMocks());

const page = () => new Response('<!doctype html><html lang="nl"></html>', { status: 200, headers: { 'Content-Type': 'text/html;charset=UTF-8' } });

async function openDialog() {
  fireEvent.click(await screen.findByRole('button', { name: 'Mijn account verwijderen…' }));
  return screen.getByRole('dialog', { name: 'Je account verwijderen?' });
}

describe('Your data on the client page', () => {
  it('downloads the readable page in the app language under a name that does not say Cocon', async () => {
    const { server } = signedIn({ 'GET /api/me/export/html': page() });

    expect(await screen.findByRole('heading', { level: 2, name: 'Jouw gegevens' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Download als leesbare pagina' }));

    expect(await screen.findByText(/Je download is begonnen/)).toBeTruthy();
    const call = server.calls.find((request) => request.path.startsWith('/api/me/export'));
    expect(call?.path).toBe('/api/me/export/html?lang=nl');
    expect(call?.headers.authorization).toBe('Bearer token-1');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toMatch(/^notes-\d{4}-\d{2}-\d{2}\.html$/);
    expect(saved[0]!.href).toBe('blob:export-1');
  });

  it('downloads the data file', async () => {
    const { server } = signedIn({ 'GET /api/me/export': { body: { sections: {} } } });

    fireEvent.click(await screen.findByRole('button', { name: 'Download als gegevensbestand (JSON)' }));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toMatch(/^notes-.*\.json$/);
    expect(server.calls.some((request) => request.path === '/api/me/export')).toBe(true);
  });

  it('says so when the download fails', async () => {
    signedIn({ 'GET /api/me/export': problem(500, 'boom') });

    fireEvent.click(await screen.findByRole('button', { name: 'Download als gegevensbestand (JSON)' }));

    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(saved).toHaveLength(0);
  });

  it('is in English for an English reader', async () => {
    signedIn({}, 'en');
    expect(await screen.findByRole('heading', { level: 2, name: 'Your data' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete my account…' })).toBeTruthy();
  });
});

describe('Deleting the account', () => {
  it('opens a dialog that says what happens, starts at its title and gives focus back on Escape', async () => {
    signedIn();
    const dialog = await openDialog();

    expect(within(dialog).getByText(/voorgoed gewist/)).toBeTruthy();
    expect(within(dialog).getByText(/ziet je therapeut jou en je gesprekken niet meer/)).toBeTruthy();
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Je account verwijderen?');
    fireEvent.keyDown(dialog, { key: 'Escape' });

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Mijn account verwijderen…' }));
  });

  it('asks for the password before sending anything', async () => {
    const { server } = signedIn();
    const dialog = await openDialog();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Mijn account voorgoed verwijderen' }));

    expect(await within(dialog).findByText('Vul je wachtwoord in.')).toBeTruthy();
    expect(server.calls.some((request) => request.path === '/api/me/erasure')).toBe(false);
  });

  it('shows a wrong password at the field and keeps the account', async () => {
    signedIn({ 'POST /api/me/erasure': problem(400, 'password.wrong', [{ field: 'password', code: 'password.wrong' }]) });
    const dialog = await openDialog();
    const password = within(dialog).getByLabelText('Je wachtwoord, om te bevestigen dat jij het bent');

    fireEvent.change(password, { target: { value: 'not-it' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Mijn account voorgoed verwijderen' }));

    expect(await within(dialog).findByText('Dat is niet je wachtwoord. Probeer het opnieuw.')).toBeTruthy();
    expect(password.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(password));
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('explains why it cannot happen while a moderator still has to act', async () => {
    signedIn({ 'POST /api/me/erasure': problem(409, 'erasure.open-escalation') });
    const dialog = await openDialog();

    fireEvent.change(within(dialog).getByLabelText(/Je wachtwoord/), { target: { value: 'my-password-1' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Mijn account voorgoed verwijderen' }));

    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/Een moderator moet nog kijken/);
  });

  it('erases the account, forgets the session and says goodbye', async () => {
    const { server, client } = signedIn({
      'POST /api/me/erasure': { status: 204 },
      'POST /auth/session/end': { status: 204 },
    });
    const dialog = await openDialog();

    fireEvent.change(within(dialog).getByLabelText(/Je wachtwoord/), { target: { value: 'my-password-1' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Mijn account voorgoed verwijderen' }));

    expect(await screen.findByText('Je account en je gegevens zijn verwijderd. Zorg goed voor jezelf.')).toBeTruthy();
    const erasure = server.calls.find((request) => request.path === '/api/me/erasure');
    expect(erasure?.method).toBe('POST');
    expect(erasure?.body).toEqual({ password: 'my-password-1' });
    expect(client.removeUser).toHaveBeenCalled();
    expect(server.calls.some((request) => request.path === '/auth/session/end')).toBe(true);
    expect(window.location.pathname).toBe('/');
  });
});
