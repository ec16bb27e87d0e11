import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { detail, escalation } from '../moderation/fixtures';
import { FakeAuthClient, makeMe, sessionUser } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import { isDeletedClient } from './deletedClient';

describe('a deleted client in staff views', () => {
  it('is recognised by the replacement id', () => {
    expect(isDeletedClient('deleted-7f3a')).toBe(true);
    expect(isDeletedClient('c-1')).toBe(false);
    expect(isDeletedClient(null)).toBe(false);
  });

  it('is called "deleted client" in the moderators\' console, and removed words say so', async () => {
    const gone = { id: 'deleted-7f3a', pseudonym: '?' };
    const resolved = escalation({ id: 'deleted-7f3a-1', client: gone, status: 'RESOLVED', outcome: 'CLIENT_DELETED', resolvedAt: new Date().toISOString() });
    renderApp({
      path: '/moderation?status=RESOLVED&id=deleted-7f3a-1',
      client: new FakeAuthClient(sessionUser()),
      routes: {
        'GET /api/me': { body: makeMe({ id: 'm-1', pseudonym: 'Moderator Jules', roles: ['MODERATOR'] }) },
        'GET /api/conversations': { body: [] },
        'GET /api/escalations': { body: [resolved] },
        'GET /api/escalations/deleted-7f3a-1': {
          body: detail({
            id: 'deleted-7f3a-1',
            client: gone,
            status: 'RESOLVED',
            outcome: 'CLIENT_DELETED',
            resolvedAt: resolved.resolvedAt,
            signals: [{ ...detail().signals[0]!, text: '', highlights: [] }],
            notes: [],
            context: [],
          }),
        },
      },
    });

    expect(await screen.findByRole('heading', { level: 2, name: /verwijderde cliënt/ })).toBeTruthy();
    expect(screen.getByText('Gewist toen de cliënt het account verwijderde.')).toBeTruthy();
    expect(screen.queryByText('?')).toBeNull();
  });
});
