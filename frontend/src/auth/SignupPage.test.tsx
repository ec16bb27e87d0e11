import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { problem, TEST_CONFIG, type Handler } from '../test/fakes';
import { renderApp } from '../test/renderApp';

function field(label: string | RegExp) {
  return screen.getByLabelText(label) as HTMLInputElement;
}

function fillValidForm() {
  fireEvent.change(field('Gebruikersnaam'), { target: { value: 'e2e-robin' } });
  fireEvent.change(field('Naam die anderen zien'), { target: { value: '  Robin ' } });
  fireEvent.change(field('Wachtwoord'), { target: { value: 'een lange zin als wachtwoord' } });
  fireEvent.click(field('Ik ben 12 jaar of ouder'));
  fireEvent.click(field('Ik heb de huisregels gelezen en ga ermee akkoord'));
}

async function openSignup(routes: Record<string, Handler> = {}, language?: 'nl' | 'en') {
  const result = renderApp({ path: '/signup', routes, ...(language ? { language } : {}) });
  await screen.findByRole('heading', { level: 1 });
  await screen.findByLabelText(language === 'en' ? 'Username' : 'Gebruikersnaam');
  return result;
}

/** The error text linked to a field with aria-describedby. */
function describedErrors(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids
    .map((id) => document.getElementById(id))
    .filter((element) => element?.classList.contains('field__error'))
    .map((element) => element?.textContent ?? '')
    .join(' ');
}

describe('sign-up page (/signup)', () => {
  it('shows the house rules, the minimum age from the configuration and the password hint', async () => {
    await openSignup({ 'GET /auth/config': { body: { ...TEST_CONFIG, minimumAge: 14 } } });

    expect(screen.getByRole('heading', { level: 2, name: 'Huisregels' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Zelfmoordlijn: bel 1813' }).getAttribute('href')).toBe('tel:1813');
    expect(screen.getByRole('link', { name: 'Awel, voor kinderen en jongeren: bel 102' }).getAttribute('href')).toBe('tel:102');
    expect(screen.getByRole('link', { name: '113 Zelfmoordpreventie: bel 113' })).toBeTruthy();
    expect(field('Ik ben 14 jaar of ouder').type).toBe('checkbox');
    expect(describedHint(field('Wachtwoord'))).toMatch(/Minstens 10 tekens/);
  });

  it('uses the minimum password length the server is configured with', async () => {
    await openSignup({ 'GET /auth/config': { body: { ...TEST_CONFIG, passwordMinLength: 14 } } });
    fireEvent.change(field('Wachtwoord'), { target: { value: 'twelve-chars' } });

    fireEvent.click(screen.getByRole('button', { name: 'Account aanmaken' }));

    expect(describedHint(field('Wachtwoord'))).toMatch(/Minstens 14 tekens/);
    expect(describedErrors(field('Wachtwoord'))).toMatch(/minstens 14 tekens/);
  });

  it('checks the form before sending and puts each message next to its field', async () => {
    const { server } = await openSignup();
    fireEvent.change(field('Gebruikersnaam'), { target: { value: 'Robin!' } });
    fireEvent.change(field('Naam die anderen zien'), { target: { value: 'R' } });
    fireEvent.change(field('Wachtwoord'), { target: { value: 'short' } });

    fireEvent.click(screen.getByRole('button', { name: 'Account aanmaken' }));

    expect(describedErrors(field('Gebruikersnaam'))).toMatch(/3 tot 32 tekens/);
    expect(describedErrors(field('Naam die anderen zien'))).toMatch(/2 tot 40 tekens/);
    expect(describedErrors(field('Wachtwoord'))).toMatch(/minstens 10 tekens/);
    expect(describedErrors(field('Ik ben 12 jaar of ouder'))).toMatch(/oud genoeg/);
    expect(describedErrors(field(/huisregels gelezen/))).toMatch(/akkoord gaat met de huisregels/);
    expect(field('Gebruikersnaam').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/5 velden/);
    await waitFor(() => expect(document.activeElement).toBe(field('Gebruikersnaam')));
    expect(server.calls.some((call) => call.path === '/auth/signup')).toBe(false);
  });

  it.each([
    ['username.invalid', 'username', 'Gebruikersnaam', /3 tot 32 tekens/],
    ['pseudonym.invalid', 'pseudonym', 'Naam die anderen zien', /2 tot 40 tekens/],
    ['password.too-short', 'password', 'Wachtwoord', /minstens 10 tekens/],
    ['password.too-long', 'password', 'Wachtwoord', /te lang/],
    ['password.common', 'password', 'Wachtwoord', /makkelijk te raden/],
    ['password.contains-username', 'password', 'Wachtwoord', /gebruikersnaam niet bevatten/],
    ['age.not-confirmed', 'minimumAgeConfirmed', 'Ik ben 12 jaar of ouder', /oud genoeg/],
    ['house-rules.not-accepted', 'houseRulesAccepted', 'Ik heb de huisregels gelezen en ga ermee akkoord', /akkoord gaat met de huisregels/],
  ])('shows the server error %s next to its field', async (code, fieldName, label, message) => {
    const { client } = await openSignup({ 'POST /auth/signup': problem(400, 'validation', [{ field: fieldName, code, message: 'x' }]) });
    fillValidForm();

    fireEvent.click(screen.getByRole('button', { name: 'Account aanmaken' }));

    await waitFor(() => expect(describedErrors(field(label))).toMatch(message));
    expect(field(label).getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(field(label)));
    expect(client.signinRedirect).not.toHaveBeenCalled();
  });

  it('shows 409 username.taken at the username', async () => {
    await openSignup({ 'POST /auth/signup': problem(409, 'username.taken') });
    fillValidForm();
    fireEvent.click(screen.getByRole('button', { name: 'Account aanmaken' }));
    await waitFor(() => expect(describedErrors(field('Gebruikersnaam'))).toMatch(/al in gebruik/));
  });

  it('shows 429 signup.rate-limited for the whole form', async () => {
    await openSignup({ 'POST /auth/signup': problem(429, 'signup.rate-limited') });
    fillValidForm();
    fireEvent.click(screen.getByRole('button', { name: 'Account aanmaken' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Wacht een paar minuten/);
  });

  it('translates server errors in English too', async () => {
    await openSignup({ 'POST /auth/signup': problem(409, 'username.taken') }, 'en');
    fireEvent.change(field('Username'), { target: { value: 'robin' } });
    fireEvent.change(field('Name others see'), { target: { value: 'Robin' } });
    fireEvent.change(field('Password'), { target: { value: 'a long enough password' } });
    fireEvent.click(field('I am 12 or older'));
    fireEvent.click(field('I have read and accept the house rules'));
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(describedErrors(field('Username'))).toMatch(/already taken/));
  });

  it('sends the account with the CSRF cookie as header, then signs in with signinRedirect', async () => {
    const { server, client } = await openSignup({
      'POST /auth/signup': { status: 201, body: { id: 'u-9', username: 'e2e-robin' } },
    });
    fillValidForm();

    fireEvent.click(screen.getByRole('button', { name: 'Account aanmaken' }));

    await waitFor(() => expect(client.signinRedirect).toHaveBeenCalledTimes(1));
    const paths = server.calls.map((call) => `${call.method} ${call.path}`);
    expect(paths.indexOf('GET /auth/csrf')).toBeLessThan(paths.indexOf('POST /auth/signup'));
    const signup = server.calls.find((call) => call.path === '/auth/signup');
    expect(signup?.headers['x-xsrf-token']).toBe('cookie-token');
    expect(signup?.headers['content-type']).toBe('application/json');
    expect(signup?.body).toEqual({
      username: 'e2e-robin',
      pseudonym: 'Robin',
      password: 'een lange zin als wachtwoord',
      minimumAgeConfirmed: true,
      houseRulesAccepted: true,
      houseRulesVersion: '2026-11',
      locale: 'nl',
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    expect(screen.getByText('Je account is aangemaakt. We melden je nu aan…')).toBeTruthy();
  });

  it('says that accounts come from elsewhere when sign-up is disabled', async () => {
    renderApp({ path: '/signup', routes: { 'GET /auth/config': { body: { ...TEST_CONFIG, signupEnabled: false } } } });
    expect(await screen.findByText(/niet hier aangemaakt/)).toBeTruthy();
    expect(screen.queryByLabelText('Gebruikersnaam')).toBeNull();
  });

  it('does not offer "Create an account" on the start page when sign-up is disabled', async () => {
    renderApp({ path: '/', routes: { 'GET /auth/config': { body: { ...TEST_CONFIG, signupEnabled: false } } } });
    expect(await screen.findByRole('button', { name: 'Aanmelden' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Account aanmaken' })).toBeNull();
  });
});

function describedHint(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}
