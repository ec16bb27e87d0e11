import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CRISIS_CARD } from '../moderation/fixtures';
import { FakeAuthClient, makeMe, problem, sessionUser, type Handler } from '../test/fakes';
import { renderApp } from '../test/renderApp';

function signedIn(roles = ['CLIENT'], routes: Record<string, Handler> = {}, path = '/home') {
  return renderApp({
    path,
    client: new FakeAuthClient(sessionUser()),
    routes: {
      'GET /api/me': { body: makeMe({ roles }) },
      'GET /api/conversations': { body: [] },
      'GET /api/caseload': { body: [] },
      'GET /api/caseload/escalations': { body: [] },
      'GET /api/escalations': { body: [] },
      ...routes,
    },
  });
}

async function openDialog() {
  const button = await screen.findByRole('button', { name: 'Ik heb nu hulp nodig' });
  fireEvent.click(button);
  return { button, dialog: screen.getByRole('dialog', { name: 'Hulp vragen' }) };
}

describe('the help button', () => {
  it('is in the header for clients (home and chat), apart from the quick exit; not for other roles', async () => {
    signedIn();
    const banner = screen.getByRole('banner');
    const help = await within(banner).findByRole('button', { name: 'Ik heb nu hulp nodig' });
    const exit = within(banner).getByRole('button', { name: 'Snel weg' });
    expect(help).not.toBe(exit);
    expect(help.className).not.toContain('quick-exit');
  });

  it('is there on the chat page too', async () => {
    signedIn(['CLIENT'], {}, '/chat');
    expect(await screen.findByRole('button', { name: 'Ik heb nu hulp nodig' })).toBeTruthy();
  });

  it('is not shown to therapists or moderators', async () => {
    signedIn(['THERAPIST']);
    await screen.findByRole('heading', { level: 1, name: 'Hallo Robin' });
    expect(screen.queryByRole('button', { name: 'Ik heb nu hulp nodig' })).toBeNull();
  });

  it('asks first; nothing is sent until confirmed; Escape closes and gives focus back', async () => {
    const { server } = signedIn();
    const { button, dialog } = await openDialog();

    expect(dialog.getAttribute('aria-modal')).toBe('true');
    // Focus moved into the dialog, to its title.
    expect(document.activeElement).toBe(within(dialog).getByRole('heading', { name: 'Hulp vragen' }));
    expect(within(dialog).getByRole('link', { name: 'Bel 112' }).getAttribute('href')).toBe('tel:112');
    expect(server.calls.some((call) => call.path === '/api/help')).toBe(false);

    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(server.calls.some((call) => call.path === '/api/help')).toBe(false);
  });

  it('keeps Tab inside the dialog', async () => {
    signedIn();
    const { dialog } = await openDialog();
    const cancel = within(dialog).getByRole('button', { name: 'Annuleren' });
    cancel.focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox'));
  });

  it('confirmed: alerts the team, says so, and shows the crisis card', async () => {
    const { server } = signedIn(['CLIENT'], {
      'POST /api/help': { body: { escalationId: 'e-1', status: 'OPEN', crisis: CRISIS_CARD } },
    });
    const { dialog } = await openDialog();
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Wil je er iets bij vertellen/ }), { target: { value: '  Het gaat echt niet.  ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Ja, vraag hulp' }));

    expect(await within(dialog).findByText('Een teamlid is verwittigd. We nemen zo snel mogelijk contact met je op in de chat.')).toBeTruthy();
    expect(within(dialog).getByRole('status').textContent).toContain('Een teamlid is verwittigd');
    const card = within(dialog).getByRole('region', { name: 'Hulp als het nu zwaar is' });
    expect(within(card).getByRole('link', { name: 'Bel 1813 (Zelfmoordlijn 1813)' }).getAttribute('href')).toBe('tel:1813');
    expect(server.calls.filter((call) => call.path === '/api/help').map((call) => [call.method, call.body])).toEqual([
      ['POST', { text: 'Het gaat echt niet.' }],
    ]);
    expect(screen.getByRole('dialog', { name: 'Je hulpvraag is verstuurd' })).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Sluiten' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('without a text, sends an empty body; already claimed says someone is on it', async () => {
    const { server } = signedIn(['CLIENT'], {
      'POST /api/help': { body: { escalationId: 'e-1', status: 'CLAIMED', crisis: CRISIS_CARD } },
    });
    const { dialog } = await openDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Ja, vraag hulp' }));
    expect(await within(dialog).findByText(/Iemand van het team is al met je bezig/)).toBeTruthy();
    expect(server.calls.find((call) => call.path === '/api/help')?.body).toEqual({});
  });

  it('a failure is clear, keeps 112 at hand, and can be tried again', async () => {
    let attempts = 0;
    signedIn(['CLIENT'], {
      'POST /api/help': () => (++attempts === 1 ? problem(503, 'server.unavailable') : { body: { escalationId: 'e-1', status: 'OPEN', crisis: CRISIS_CARD } }),
    });
    const { dialog } = await openDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Ja, vraag hulp' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Er ging iets mis aan onze kant');
    expect(alert.textContent).toContain('req-1');
    expect(within(dialog).getByText(/Je hulpvraag is niet verstuurd/)).toBeTruthy();
    expect(within(dialog).getByRole('link', { name: 'Bel 112' })).toBeTruthy();
    expect(within(dialog).queryByText(/Een teamlid is verwittigd/)).toBeNull();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Opnieuw proberen' }));
    await waitFor(() => expect(within(dialog).getByText(/Een teamlid is verwittigd/)).toBeTruthy());
    expect(attempts).toBe(2);
  });
});
