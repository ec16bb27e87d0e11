import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeAuthClient, makeMe, problem, sessionUser, type Handler, type RecordedRequest } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import type { Account } from './adminApi';

const ADMIN = makeMe({ id: 'admin-1', username: 'demo-admin', pseudonym: 'Beheer', roles: ['ADMIN'] });

function account(n: number, overrides: Partial<Account> = {}): Account {
  return {
    id: `a-${n}`,
    username: `user-${n}`,
    pseudonym: `Persoon ${n}`,
    roles: ['CLIENT'],
    createdAt: '2026-11-01T08:00:00Z',
    disabledAt: null,
    therapistId: null,
    origin: 'signup',
    ...overrides,
  };
}

/** 45 accounts, served 20 per page like the real API. */
function pagedAccounts(request: RecordedRequest) {
  const params = new URL(request.path, 'http://x').searchParams;
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  const all = Array.from({ length: 45 }, (_, i) => account(i + 1));
  return { body: { items: all.slice(page * size, page * size + size), page, size, total: all.length } };
}

function openAccounts(routes: Record<string, Handler> = {}) {
  const client = new FakeAuthClient(sessionUser());
  return renderApp({
    path: '/admin/accounts',
    client,
    routes: { 'GET /api/me': { body: ADMIN }, 'GET /api/admin/accounts': pagedAccounts, ...routes },
  });
}

function accountCalls(calls: RecordedRequest[]) {
  return calls.filter((call) => call.method === 'GET' && call.path.startsWith('/api/admin/accounts'));
}

describe('/admin/accounts', () => {
  it('pages through the accounts: "x–y of total", previous and next', async () => {
    const { server } = openAccounts();

    expect(await screen.findByText('1–20 van 45')).toBeTruthy();
    const pager = screen.getByRole('navigation', { name: "Pagina's" });
    const previous = within(pager).getByRole('button', { name: 'Vorige' }) as HTMLButtonElement;
    const next = within(pager).getByRole('button', { name: 'Volgende' }) as HTMLButtonElement;
    expect(previous.disabled).toBe(true);
    expect(accountCalls(server.calls).at(-1)?.path).toBe('/api/admin/accounts?page=0&size=20');

    fireEvent.click(next);
    expect(await screen.findByText('21–40 van 45')).toBeTruthy();
    expect(accountCalls(server.calls).at(-1)?.path).toBe('/api/admin/accounts?page=1&size=20');

    fireEvent.click(next);
    expect(await screen.findByText('41–45 van 45')).toBeTruthy();
    expect(next.disabled).toBe(true);
    expect(screen.getAllByRole('row')).toHaveLength(1 + 5);

    fireEvent.click(previous);
    expect(await screen.findByText('21–40 van 45')).toBeTruthy();
  });

  it('filters by role and text, starting again at the first page', async () => {
    const { server } = openAccounts();
    await screen.findByText('1–20 van 45');
    fireEvent.click(screen.getByRole('button', { name: 'Volgende' }));
    await screen.findByText('21–40 van 45');

    const search = screen.getByRole('search');
    fireEvent.change(within(search).getByLabelText('Rol'), { target: { value: 'THERAPIST' } });
    fireEvent.change(within(search).getByLabelText('Zoek op gebruikersnaam of naam'), { target: { value: ' noor ' } });
    fireEvent.click(within(search).getByRole('button', { name: 'Zoeken' }));

    await waitFor(() =>
      expect(accountCalls(server.calls).at(-1)?.path).toBe('/api/admin/accounts?role=THERAPIST&q=noor&page=0&size=20'),
    );
  });

  it('shows an empty state', async () => {
    openAccounts({ 'GET /api/admin/accounts': { body: { items: [], page: 0, size: 20, total: 0 } } });
    expect(await screen.findByText('Geen accounts gevonden.')).toBeTruthy();
  });

  it('disables an account only after confirming, and announces it', async () => {
    const disabled = { ...account(2), disabledAt: '2026-11-20T10:00:00Z' };
    const { server } = openAccounts({
      'GET /api/admin/accounts': { body: { items: [account(1), account(2)], page: 0, size: 20, total: 2 } },
      'POST /api/admin/accounts/a-2/disable': { body: disabled },
    });
    const row = (await screen.findByText('user-2', { selector: '.account__username' })).closest('tr') as HTMLElement;

    fireEvent.click(within(row).getByRole('button', { name: 'Zet uit user-2' }));
    expect(server.calls.some((call) => call.method === 'POST')).toBe(false);
    const confirm = within(row).getByRole('group', { name: 'Bevestig: user-2 uitzetten' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Ja, zet uit' }));

    expect(await screen.findByText('user-2 staat nu uit.')).toBeTruthy();
    expect(within(row).getByText('Uit sinds 20 november 2026')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Zet aan user-2' })).toBeTruthy();
  });

  it('does not offer to disable your own account', async () => {
    openAccounts({
      'GET /api/admin/accounts': { body: { items: [account(1, { id: 'admin-1', username: 'demo-admin', roles: ['ADMIN'] })], page: 0, size: 20, total: 1 } },
    });
    const row = (await screen.findByText('demo-admin', { selector: '.account__username' })).closest('tr') as HTMLElement;
    expect(within(row).queryByRole('button')).toBeNull();
    expect(within(row).getByText('Dit ben jij')).toBeTruthy();
  });

  describe('create staff account', () => {
    function fill() {
      const form = screen.getByRole('heading', { name: 'Nieuw account voor een medewerker' }).closest('section') as HTMLElement;
      fireEvent.change(within(form).getByLabelText('Gebruikersnaam'), { target: { value: 'dr-an' } });
      fireEvent.change(within(form).getByLabelText('Naam die anderen zien'), { target: { value: 'Dr. An Janssens' } });
      fireEvent.change(within(form).getByLabelText('Eerste wachtwoord'), { target: { value: 'een-goed-wachtwoord' } });
      fireEvent.change(within(form).getByLabelText('Rol'), { target: { value: 'MODERATOR' } });
      return form;
    }

    function errorOf(input: HTMLElement) {
      const id = (input.getAttribute('aria-describedby') ?? '').split(' ').find((part) => part.endsWith('-error'));
      return id ? (document.getElementById(id)?.textContent ?? '') : '';
    }

    it('posts the account and announces it', async () => {
      const { server } = openAccounts({
        'POST /api/admin/accounts': { status: 201, body: account(99, { username: 'dr-an', roles: ['MODERATOR'] }) },
      });
      await screen.findByText('1–20 van 45');
      const form = fill();
      fireEvent.click(within(form).getByRole('button', { name: 'Account aanmaken' }));

      expect(await screen.findByText('Account dr-an is aangemaakt.')).toBeTruthy();
      expect(server.calls.find((call) => call.method === 'POST')?.body).toEqual({
        username: 'dr-an',
        pseudonym: 'Dr. An Janssens',
        password: 'een-goed-wachtwoord',
        role: 'MODERATOR',
        locale: 'nl',
      });
      expect((within(form).getByLabelText('Gebruikersnaam') as HTMLInputElement).value).toBe('');
    });

    it.each([
      [problem(400, 'validation', [{ field: 'password', code: 'password.common' }]), 'Eerste wachtwoord', /makkelijk te raden/],
      [problem(400, 'validation', [{ field: 'password', code: 'password.contains-username' }]), 'Eerste wachtwoord', /gebruikersnaam niet bevatten/],
      [problem(400, 'validation', [{ field: 'pseudonym', code: 'pseudonym.invalid' }]), 'Naam die anderen zien', /2 tot 40 tekens/],
      [problem(409, 'username.taken'), 'Gebruikersnaam', /al in gebruik/],
    ])('maps server errors to their field (%#)', async (reply, label, message) => {
      openAccounts({ 'POST /api/admin/accounts': reply });
      await screen.findByText('1–20 van 45');
      const form = fill();
      fireEvent.click(within(form).getByRole('button', { name: 'Account aanmaken' }));

      const input = within(form).getByLabelText(label);
      await waitFor(() => expect(errorOf(input)).toMatch(message));
      expect(input.getAttribute('aria-invalid')).toBe('true');
    });

    it('checks the fields before sending', async () => {
      const { server } = openAccounts();
      await screen.findByText('1–20 van 45');
      const form = screen.getByRole('heading', { name: 'Nieuw account voor een medewerker' }).closest('section') as HTMLElement;
      fireEvent.click(within(form).getByRole('button', { name: 'Account aanmaken' }));

      expect(errorOf(within(form).getByLabelText('Gebruikersnaam'))).toMatch(/3 tot 32 tekens/);
      expect(errorOf(within(form).getByLabelText('Eerste wachtwoord'))).toMatch(/minstens 10 tekens/);
      expect(server.calls.some((call) => call.method === 'POST')).toBe(false);
    });

    it('shows a 403 as "not allowed"', async () => {
      openAccounts({ 'POST /api/admin/accounts': problem(403, 'forbidden') });
      await screen.findByText('1–20 van 45');
      const form = fill();
      fireEvent.click(within(form).getByRole('button', { name: 'Account aanmaken' }));
      expect((await within(form).findByRole('alert')).textContent).toMatch(/niet doen of bekijken/);
    });
  });
});
