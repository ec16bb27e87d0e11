/**
 * The service worker's Web Push handlers. `src/sw.ts` (the PWA's worker) calls
 * `installPushHandlers(self)`. The server sends only neutral text (never a message's content);
 * this code shows what arrives and opens the app where the notification points.
 *
 * The types below are the small part of the worker's API these handlers use, so this file
 * compiles with the app's DOM typings; a real `ServiceWorkerGlobalScope` fits them.
 */

export interface PushPayload {
  title: string;
  body: string;
  /** The in-app path to open, e.g. `/chat`. */
  url: string;
  /** Notifications of one kind replace each other instead of piling up. */
  tag: string;
}

interface ExtendableEventLike {
  waitUntil(promise: Promise<unknown>): void;
}

interface PushEventLike extends ExtendableEventLike {
  data: { json(): unknown; text(): string } | null;
}

interface NotificationEventLike extends ExtendableEventLike {
  notification: { data?: unknown; close(): void };
}

interface WindowClientLike {
  url: string;
  focus(): Promise<unknown>;
  navigate?(url: string): Promise<unknown>;
}

export interface PushWorkerScope {
  location: { origin: string };
  registration: { showNotification(title: string, options?: NotificationOptions): Promise<void> };
  clients: {
    matchAll(options?: { type?: 'window'; includeUncontrolled?: boolean }): Promise<readonly unknown[]>;
    openWindow(url: string): Promise<unknown>;
  };
  addEventListener(type: 'push', listener: (event: PushEventLike) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationEventLike) => void): void;
}

const FALLBACK: PushPayload = { title: 'Cocon', body: '', url: '/home', tag: 'cocon' };

/** Reads a payload defensively: anything unexpected falls back to a plain "Cocon" notice. */
export function parsePushPayload(data: PushEventLike['data']): PushPayload {
  if (!data) return FALLBACK;
  let raw: unknown;
  try {
    raw = data.json();
  } catch {
    return FALLBACK;
  }
  if (typeof raw !== 'object' || raw === null) return FALLBACK;
  const value = raw as Record<string, unknown>;
  const text = (key: string, fallback: string) => (typeof value[key] === 'string' && value[key] !== '' ? (value[key] as string) : fallback);
  const url = text('url', FALLBACK.url);
  return {
    title: text('title', FALLBACK.title),
    body: text('body', FALLBACK.body),
    // only paths inside the app: a payload can never send someone elsewhere
    url: url.startsWith('/') && !url.startsWith('//') ? url : FALLBACK.url,
    tag: text('tag', FALLBACK.tag),
  };
}

export function installPushHandlers(sw: PushWorkerScope): void {
  sw.addEventListener('push', (event) => {
    const payload = parsePushPayload(event.data);
    event.waitUntil(
      sw.registration.showNotification(payload.title, {
        body: payload.body,
        tag: payload.tag,
        // the app's own neutral mark, the same as on the home screen
        icon: '/icons/icon-192.png',
        data: { url: payload.url },
      }),
    );
  });

  sw.addEventListener('notificationclick', (event) => {
    event.notification.close();
    const data = event.notification.data as { url?: unknown } | undefined;
    const path = typeof data?.url === 'string' && data.url.startsWith('/') && !data.url.startsWith('//') ? data.url : '/home';
    event.waitUntil(openApp(sw, new URL(path, sw.location.origin).href));
  });
}

/** Focuses an open Cocon window (moving it to the page) or opens a new one. */
async function openApp(sw: PushWorkerScope, href: string): Promise<void> {
  const windows = (await sw.clients.matchAll({ type: 'window', includeUncontrolled: true })) as WindowClientLike[];
  const open = windows.find((client) => new URL(client.url).origin === sw.location.origin);
  if (open) {
    if (open.url !== href && open.navigate) await open.navigate(href);
    await open.focus();
    return;
  }
  await sw.clients.openWindow(href);
}
