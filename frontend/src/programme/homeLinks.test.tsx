import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeAuthClient, makeMe, sessionUser } from '../test/fakes';
import { renderApp } from '../test/renderApp';

describe('links to the programmes', () => {
  it('client home links to /programmes', async () => {
    renderApp({ path: '/home', client: new FakeAuthClient(sessionUser()), routes: { 'GET /api/me': { body: makeMe() } } });
    const link = await screen.findByRole('link', { name: 'Bekijk de programma’s' });
    expect(link.getAttribute('href')).toBe('/programmes');
  });

  it('each caseload row links to the client view of the therapist', async () => {
    renderApp({
      path: '/home',
      client: new FakeAuthClient(sessionUser()),
      routes: {
        'GET /api/me': { body: makeMe({ pseudonym: 'Dr. Noor Peeters', roles: ['THERAPIST'] }) },
        'GET /api/caseload': { body: [{ id: 'c 1', username: 'demo-client', pseudonym: 'Robin', assignedAt: '2026-11-03T09:00:00Z' }] },
      },
    });
    const row = within(await screen.findByRole('table')).getByRole('row', { name: /Robin/ });
    expect(within(row).getByRole('link', { name: 'Programma’s van Robin' }).getAttribute('href')).toBe('/therapist/client?id=c%201');
  });
});
