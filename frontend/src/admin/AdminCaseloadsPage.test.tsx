import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeAuthClient, makeMe, problem, sessionUser, type Handler } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import type { Account } from './adminApi';

const ADMIN = makeMe({ id: 'admin-1', username: 'demo-admin', pseudonym: 'Beheer', roles: ['ADMIN'] });

const base = { createdAt: '2026-11-01T08:00:00Z', disabledAt: null, origin: 'seed' };
const robin: Account = { ...base, id: 'c-1', username: 'demo-client', pseudonym: 'Robin', roles: ['CLIENT'], therapistId: 't-1' };
const sam: Account = { ...base, id: 'c-2', username: 'demo-client-2', pseudonym: 'Sam', roles: ['CLIENT'], therapistId: null };
const noor: Account = { ...base, id: 't-1', username: 'demo-therapist', pseudonym: 'Dr. Noor Peeters', roles: ['THERAPIST'], therapistId: null };
const jan: Account = { ...base, id: 't-2', username: 'dr-jan', pseudonym: 'Dr. Jan', roles: ['THERAPIST'], therapistId: null };

function page(items: Account[], { number = 0, size = 100, total = items.length } = {}) {
  return { body: { items, page: number, size, total } };
}

function openCaseloads(routes: Record<string, Handler> = {}) {
  return renderApp({
    path: '/admin/caseloads',
    client: new FakeAuthClient(sessionUser()),
    routes: {
      'GET /api/me': { body: ADMIN },
      'GET /api/admin/accounts?role=CLIENT&page=0&size=20': page([robin, sam], { size: 20 }),
      'GET /api/admin/accounts?role=THERAPIST&page=0&size=100': page([noor, jan]),
      ...routes,
    },
  });
}

async function clientItem(username: string) {
  await screen.findByText(username, { selector: '.account__username' });
  return document.querySelector(`li[data-username="${username}"]`) as HTMLElement;
}

describe('/admin/caseloads', () => {
  it('lists clients with their current therapist', async () => {
    openCaseloads();
    const robinItem = await clientItem('demo-client');
    expect(within(robinItem).getByText('Dr. Noor Peeters')).toBeTruthy();
    const samItem = await clientItem('demo-client-2');
    expect(within(samItem).getByText('nog niemand')).toBeTruthy();
  });

  it('assigns a therapist: PUT, announces success, shows the therapist in the row', async () => {
    const { server } = openCaseloads({
      'PUT /api/admin/clients/c-2/therapist': { body: { ...sam, therapistId: 't-1' } },
    });
    const samItem = await clientItem('demo-client-2');
    const select = within(samItem).getByLabelText(/Koppel aan/);
    expect(select.textContent).toContain('Dr. Noor Peeters (demo-therapist)');

    fireEvent.change(select, { target: { value: 't-1' } });
    fireEvent.click(within(samItem).getByRole('button', { name: 'Koppelen Sam' }));

    const status = await screen.findByText('Sam is nu gekoppeld aan Dr. Noor Peeters.');
    expect(status.closest('[role="status"]')).not.toBeNull();
    expect(within(samItem).getByText('Dr. Noor Peeters', { selector: 'strong' })).toBeTruthy();
    expect(server.calls.find((call) => call.method === 'PUT')?.body).toEqual({ therapistId: 't-1' });
  });

  it('unassigns', async () => {
    const { server } = openCaseloads({
      'DELETE /api/admin/clients/c-1/therapist': { body: { ...robin, therapistId: null } },
    });
    const robinItem = await clientItem('demo-client');
    fireEvent.click(within(robinItem).getByRole('button', { name: 'Ontkoppelen Robin' }));

    expect(await screen.findByText('Robin is niet meer gekoppeld aan een therapeut.')).toBeTruthy();
    expect(within(robinItem).getByText('nog niemand')).toBeTruthy();
    expect(server.calls.some((call) => call.method === 'DELETE' && call.path === '/api/admin/clients/c-1/therapist')).toBe(true);
  });

  it('announces a failed assignment as an alert', async () => {
    openCaseloads({ 'PUT /api/admin/clients/c-2/therapist': problem(500, 'boom') });
    const samItem = await clientItem('demo-client-2');
    fireEvent.change(within(samItem).getByLabelText(/Koppel aan/), { target: { value: 't-2' } });
    fireEvent.click(within(samItem).getByRole('button', { name: 'Koppelen Sam' }));

    const message = await screen.findByText(/Koppelen van Sam is niet gelukt/);
    expect(message.closest('[role="alert"]')).not.toBeNull();
  });

  it('shows the assignment history', async () => {
    openCaseloads({
      'GET /api/admin/clients/c-1/assignments': {
        body: [
          { therapistId: 't-2', therapistPseudonym: 'Dr. Jan', startedAt: '2026-11-01T09:00:00Z', endedAt: '2026-11-05T09:00:00Z', assignedBy: 'demo-admin', endedBy: 'demo-admin' },
          { therapistId: 't-1', therapistPseudonym: 'Dr. Noor Peeters', startedAt: '2026-11-05T09:00:00Z', endedAt: null, assignedBy: 'demo-admin', endedBy: null },
        ],
      },
    });
    const robinItem = await clientItem('demo-client');
    const toggle = within(robinItem).getByRole('button', { name: 'Geschiedenis Robin' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);

    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await waitFor(() => expect(within(robinItem).getAllByRole('listitem')).toHaveLength(2));
    expect(within(robinItem).getByText(/sinds/).textContent).toMatch(/5 nov/);
  });

  it('shows loading errors with a retry', async () => {
    let fail = true;
    openCaseloads({ 'GET /api/admin/accounts?role=CLIENT&page=0&size=20': () => (fail ? problem(503, 'down') : page([sam], { size: 20 })) });
    const retry = await screen.findByRole('button', { name: 'Opnieuw proberen' });
    fail = false;
    fireEvent.click(retry);
    expect(await clientItem('demo-client-2')).toBeTruthy();
  });

  it('finds a client by name: the query goes to the server, paging starts again at the first page', async () => {
    const { server } = openCaseloads({
      'GET /api/admin/accounts?role=CLIENT&q=sam&page=0&size=20': page([sam], { size: 20 }),
    });
    await clientItem('demo-client');
    fireEvent.change(screen.getByLabelText('Zoek een cliënt op gebruikersnaam of naam'), { target: { value: '  sam ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Zoeken' }));

    await waitFor(() => expect(document.querySelector('li[data-username="demo-client"]')).toBeNull());
    expect(await clientItem('demo-client-2')).toBeTruthy();
    expect(server.calls.some((call) => call.path === '/api/admin/accounts?role=CLIENT&q=sam&page=0&size=20')).toBe(true);
  });

  it('says so when no client matches', async () => {
    openCaseloads({ 'GET /api/admin/accounts?role=CLIENT&q=nobody&page=0&size=20': page([], { size: 20 }) });
    await clientItem('demo-client');
    fireEvent.change(screen.getByLabelText('Zoek een cliënt op gebruikersnaam of naam'), { target: { value: 'nobody' } });
    fireEvent.click(screen.getByRole('button', { name: 'Zoeken' }));

    expect(await screen.findByText('Geen cliënt gevonden voor "nobody".')).toBeTruthy();
  });

  it('pages through many clients', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ ...sam, id: `c-${i + 10}`, username: `client-${i + 10}`, pseudonym: `Client ${i + 10}` }));
    openCaseloads({
      'GET /api/admin/accounts?role=CLIENT&page=0&size=20': page(many, { size: 20, total: 22 }),
      'GET /api/admin/accounts?role=CLIENT&page=1&size=20': page([robin, sam], { number: 1, size: 20, total: 22 }),
    });
    await clientItem('client-10');
    expect(screen.getByText('1–20 van 22')).toBeTruthy();
    const previous = screen.getByRole('button', { name: 'Vorige' }) as HTMLButtonElement;
    expect(previous.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Volgende' }));

    expect(await clientItem('demo-client-2')).toBeTruthy();
    expect(screen.getByText('21–22 van 22')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Volgende' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
