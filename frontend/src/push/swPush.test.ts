import { describe, expect, it, vi } from 'vitest';
import { installPushHandlers, parsePushPayload, type PushWorkerScope } from './swPush';

type Listener = (event: unknown) => void;

function fakeWorker(windows: { url: string; focus: () => Promise<unknown>; navigate?: (url: string) => Promise<unknown> }[] = []) {
  const listeners = new Map<string, Listener>();
  const shown: { title: string; options?: NotificationOptions }[] = [];
  const opened: string[] = [];
  const scope = {
    location: { origin: 'https://cocon.example' },
    registration: {
      showNotification: vi.fn(async (title: string, options?: NotificationOptions) => {
        shown.push({ title, ...(options ? { options } : {}) });
      }),
    },
    clients: {
      matchAll: vi.fn(async () => windows),
      openWindow: vi.fn(async (url: string) => {
        opened.push(url);
        return null;
      }),
    },
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
  } as unknown as PushWorkerScope;
  installPushHandlers(scope);
  const fire = async (type: string, event: Record<string, unknown>) => {
    const pending: Promise<unknown>[] = [];
    listeners.get(type)!({ ...event, waitUntil: (promise: Promise<unknown>) => pending.push(promise) });
    await Promise.all(pending);
  };
  return { fire, shown, opened };
}

const data = (value: unknown) => ({ json: () => value, text: () => JSON.stringify(value) });

describe('the service worker push handlers', () => {
  it('shows the neutral title and text with a tag per kind, and keeps the path to open', async () => {
    const worker = fakeWorker();

    await worker.fire('push', { data: data({ title: 'Cocon', body: 'Je hebt een nieuw bericht', url: '/chat', tag: 'messages' }) });

    expect(worker.shown).toEqual([{ title: 'Cocon', options: { body: 'Je hebt een nieuw bericht', tag: 'messages', icon: '/icons/icon-192.png', data: { url: '/chat' } } }]);
  });

  it('shows a plain notice for a payload it cannot read, and never a link to another site', () => {
    expect(parsePushPayload(null)).toEqual({ title: 'Cocon', body: '', url: '/home', tag: 'cocon' });
    expect(parsePushPayload({ json: () => { throw new SyntaxError('no json'); }, text: () => 'x' }).title).toBe('Cocon');
    expect(parsePushPayload(data({ title: 'Cocon', body: 'x', url: 'https://evil.example/' })).url).toBe('/home');
    expect(parsePushPayload(data({ url: '//evil.example/' })).url).toBe('/home');
  });

  it('focuses an open Cocon window on the notification page, or opens one', async () => {
    const focus = vi.fn(async () => undefined);
    const navigate = vi.fn(async () => undefined);
    const withWindow = fakeWorker([{ url: 'https://cocon.example/home', focus, navigate }]);
    const close = vi.fn();

    await withWindow.fire('notificationclick', { notification: { data: { url: '/chat' }, close } });

    expect(close).toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith('https://cocon.example/chat');
    expect(focus).toHaveBeenCalled();
    expect(withWindow.opened).toEqual([]);

    const withoutWindow = fakeWorker();
    await withoutWindow.fire('notificationclick', { notification: { data: { url: '/checkin' }, close } });
    expect(withoutWindow.opened).toEqual(['https://cocon.example/checkin']);
  });
});
