import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeAuthClient, makeMe, sessionUser, type Handler, type RecordedRequest } from '../test/fakes';
import { renderApp } from '../test/renderApp';
import type { BrowserPush } from './browserPush';

const SUBSCRIPTION: PushSubscriptionJSON = { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys: { p256dh: 'BPub', auth: 'sec' } };

function fakeBrowser(overrides: Partial<BrowserPush> = {}): BrowserPush & { subscribedWith: Uint8Array[] } {
  let current: PushSubscriptionJSON | null = null;
  const subscribedWith: Uint8Array[] = [];
  return {
    subscribedWith,
    support: async () => 'ok',
    permission: () => 'default',
    requestPermission: vi.fn(async () => 'granted' as NotificationPermission),
    current: async () => current,
    subscribe: async (key) => {
      subscribedWith.push(key);
      current = SUBSCRIPTION;
      return SUBSCRIPTION;
    },
    unsubscribe: async () => {
      current = null;
    },
    ...overrides,
  };
}

let browser: BrowserPush | undefined;
vi.mock('./browserPush', () => ({
  get realBrowserPush() {
    return browser;
  },
}));

function open(routes: Record<string, Handler>, roles = ['CLIENT'], language: 'nl' | 'en' = 'nl') {
  return renderApp({
    path: '/settings/notifications',
    language,
    client: new FakeAuthClient(sessionUser()),
    routes: { 'GET /api/me': { body: makeMe({ locale: language, roles }) }, ...routes },
  });
}

const prefs = (over: Partial<Record<string, unknown>> = {}) => ({ messages: false, nudges: false, checkinReminders: false, devices: 0, ...over });

afterEach(() => {
  browser = undefined;
  localStorage.clear();
});

describe('/settings/notifications', () => {
  it('asks permission only when the button is pressed, then registers this browser with the VAPID key', async () => {
    const fake = fakeBrowser();
    browser = fake;
    const { server } = open({
      'GET /api/push/preferences': { body: prefs() },
      'GET /api/push/vapid-public-key': { body: { publicKey: 'AQID' } },
      'PUT /api/push/subscriptions': { body: { id: 'device-1' } },
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Meldingen' })).toBeTruthy();
    expect(await screen.findByText(/Je ziet nooit de inhoud/)).toBeTruthy();
    expect(fake.requestPermission).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Meldingen op dit toestel aanzetten' }));

    expect(await screen.findByText('Meldingen staan aan op dit toestel.')).toBeTruthy();
    expect(fake.requestPermission).toHaveBeenCalledTimes(1);
    expect(Array.from(fake.subscribedWith[0]!)).toEqual([1, 2, 3]);
    const put = server.calls.find((call: RecordedRequest) => call.method === 'PUT' && call.path === '/api/push/subscriptions');
    expect(put?.body).toEqual(SUBSCRIPTION);
    expect(localStorage.getItem('cocon.push.device')).toBe('device-1');
    expect(screen.getByRole('button', { name: 'Meldingen op dit toestel uitzetten' })).toBeTruthy();
  });

  it('switches one kind at a time, all off until chosen', async () => {
    browser = fakeBrowser();
    const { server } = open({
      'GET /api/push/preferences': { body: prefs({ devices: 1 }) },
      'PUT /api/push/preferences': { body: prefs({ devices: 1, nudges: true }) },
    });

    const nudges = (await screen.findByRole('checkbox', { name: 'Een aanmoediging van je therapeut' })) as HTMLInputElement;
    expect(nudges.checked).toBe(false);
    expect((screen.getByRole('checkbox', { name: 'Nieuwe berichten' }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(nudges);

    expect(await screen.findByText('Opgeslagen.')).toBeTruthy();
    await waitFor(() => expect((screen.getByRole('checkbox', { name: 'Een aanmoediging van je therapeut' }) as HTMLInputElement).checked).toBe(true));
    expect(server.calls.find((call) => call.method === 'PUT' && call.path === '/api/push/preferences')?.body).toEqual({ nudges: true });
  });

  it('offers staff only message notifications', async () => {
    browser = fakeBrowser();
    open({ 'GET /api/push/preferences': { body: prefs() } }, ['THERAPIST'], 'en');

    expect(await screen.findByRole('checkbox', { name: 'New messages' })).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: 'Encouragement from your therapist' })).toBeNull();
  });

  it('explains a browser without Web Push and a blocked permission', async () => {
    browser = fakeBrowser({ support: async () => 'unsupported' });
    const first = open({ 'GET /api/push/preferences': { body: prefs() } });
    expect(await screen.findByText(/Deze browser kan geen meldingen tonen/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Meldingen op dit toestel aanzetten' })).toBeNull();
    first.unmount();

    browser = fakeBrowser({ permission: () => 'denied' });
    open({ 'GET /api/push/preferences': { body: prefs() } });
    expect(await screen.findByText(/Je browser blokkeert meldingen van Cocon/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Meldingen op dit toestel aanzetten' })).toBeNull();
  });

  it('says so when permission is refused at the question, and sends nothing to the server', async () => {
    browser = fakeBrowser({ requestPermission: async () => 'denied' });
    const { server } = open({ 'GET /api/push/preferences': { body: prefs() } });

    fireEvent.click(await screen.findByRole('button', { name: 'Meldingen op dit toestel aanzetten' }));

    expect(await screen.findByText(/Je browser blokkeert meldingen van Cocon/)).toBeTruthy();
    expect(server.calls.some((call) => call.path === '/api/push/subscriptions')).toBe(false);
  });
});
