import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { problem } from '../test/fakes';
import { renderApp } from '../test/renderApp';

async function loginForm() {
  const username = await screen.findByLabelText('Gebruikersnaam');
  const form = username.closest('form');
  if (!form) throw new Error('no form');
  return form;
}

/** The OpenID client's state entry, as while a sign-in the app started is under way. */
function signInUnderway() {
  window.sessionStorage.setItem('oidc.0f1e2d', '{}');
}

describe('login page (/login)', () => {
  it('opened on its own (a bookmark) starts the sign-in instead of showing a form that leads nowhere', async () => {
    const { client } = renderApp({ path: '/login' });
    await waitFor(() => expect(client.signinRedirect).toHaveBeenCalledTimes(1));
    expect(screen.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeTruthy();
    expect(screen.getByText('Aanmelden wordt gestart…')).toBeTruthy();
    expect(screen.queryByLabelText('Gebruikersnaam')).toBeNull();
  });

  it('shows the form while a sign-in is under way (the provider sent the browser here)', async () => {
    signInUnderway();
    const { client } = renderApp({ path: '/login' });
    await loginForm();
    expect(client.signinRedirect).not.toHaveBeenCalled();
  });

  it.each([
    ['credentials', /horen niet bij elkaar/],
    ['locked', /Te veel pogingen.*over een paar minuten/],
    ['disabled', /account staat uit/],
    ['something-else', /Aanmelden is niet gelukt/],
  ])('shows the translated message for ?error=%s', async (error, message) => {
    renderApp({ path: `/login?error=${error}` });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(message);
    expect(screen.getByRole('heading', { level: 1, name: 'Aanmelden' })).toBeTruthy();
    // The message is focused, so it is read out first.
    expect(document.activeElement).toBe(alert);
  });

  it('shows the locked message in English too', async () => {
    renderApp({ path: '/login?error=locked', language: 'en' });
    expect((await screen.findByRole('alert')).textContent).toMatch(/Too many attempts.*few minutes/);
  });

  it('says so after signing out (?logout) and shows no error', async () => {
    renderApp({ path: '/login?logout' });
    expect(await screen.findByText('Je bent afgemeld. Tot een volgende keer.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('is a real HTML form POST to /login with username, password and the CSRF token as _csrf', async () => {
    signInUnderway();
    const { server } = renderApp({ path: '/login' });
    const form = await loginForm();

    expect(form.getAttribute('method')).toBe('post');
    expect(form.getAttribute('action')).toBe('/login');
    await waitFor(() => expect(form.querySelector('input[type="hidden"]')).not.toBeNull());
    const hidden = form.querySelector<HTMLInputElement>('input[type="hidden"]');
    expect(hidden?.name).toBe('_csrf');
    expect(hidden?.value).toBe('masked-token');
    expect(server.calls.some((call) => call.path === '/auth/csrf')).toBe(true);

    const username = screen.getByLabelText('Gebruikersnaam') as HTMLInputElement;
    const password = screen.getByLabelText('Wachtwoord') as HTMLInputElement;
    expect(username.name).toBe('username');
    expect(username.autocomplete).toBe('username');
    expect(password.name).toBe('password');
    expect(password.type).toBe('password');

    fireEvent.change(username, { target: { value: 'demo-client' } });
    fireEvent.change(password, { target: { value: 'secret-secret' } });
    // Not prevented: the browser submits the form itself (no fetch to /login).
    expect(fireEvent.submit(form)).toBe(true);
    expect(server.calls.some((call) => call.path.startsWith('/login'))).toBe(false);
  });

  it('does not submit empty fields, and says what is missing', async () => {
    signInUnderway();
    renderApp({ path: '/login' });
    const form = await loginForm();
    await waitFor(() => expect(form.querySelector('input[type="hidden"]')).not.toBeNull());

    expect(fireEvent.submit(form)).toBe(false);
    expect(screen.getByText('Vul je gebruikersnaam in.')).toBeTruthy();
    expect(screen.getByText('Vul je wachtwoord in.')).toBeTruthy();
    const username = screen.getByLabelText('Gebruikersnaam');
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(username);
  });

  it('waits for the CSRF token and offers a retry when it cannot be fetched', async () => {
    let fail = true;
    signInUnderway();
    renderApp({
      path: '/login',
      routes: {
        'GET /auth/csrf': () => (fail ? problem(503, 'unavailable') : { body: { token: 't2', headerName: 'X-XSRF-TOKEN', parameterName: '_csrf' } }),
      },
    });
    const retry = await screen.findByRole('button', { name: 'Opnieuw proberen' });
    expect((screen.getByRole('button', { name: 'Aanmelden' }) as HTMLButtonElement).disabled).toBe(true);

    fail = false;
    fireEvent.click(retry);
    await waitFor(() => expect((screen.getByRole('button', { name: 'Aanmelden' }) as HTMLButtonElement).disabled).toBe(false));
  });

  it('shows and hides the password', async () => {
    signInUnderway();
    renderApp({ path: '/login' });
    const password = (await screen.findByLabelText('Wachtwoord')) as HTMLInputElement;
    const toggle = screen.getByRole('button', { name: 'Toon wachtwoord' });
    expect(toggle.getAttribute('aria-controls')).toBe(password.id);

    fireEvent.click(toggle);
    expect(password.type).toBe('text');
    fireEvent.click(screen.getByRole('button', { name: 'Verberg wachtwoord' }));
    expect(password.type).toBe('password');
  });

  it('links to sign-up when sign-up is enabled', async () => {
    signInUnderway();
    renderApp({ path: '/login' });
    expect((await screen.findByRole('link', { name: 'Maak er een aan' })).getAttribute('href')).toBe('/signup');
  });
});
