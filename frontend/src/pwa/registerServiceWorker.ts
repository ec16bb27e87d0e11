import { announceUpdate } from './updates';

/**
 * Registers /sw.js once the page has loaded (so installing it, which downloads every page
 * of the app for offline use, never competes with the first page on a weak connection).
 * workbox-window itself is fetched only then, not with the first page.
 *
 * When a newer version is installed while the app is open, it waits; UpdateBanner asks the
 * person to reload, and only then does the new version take over (a reload in the middle of
 * typing a message would lose it; the outbox keeps sent ones).
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  const register = () => void start().catch(() => undefined);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

async function start(): Promise<void> {
  const { Workbox } = await import('workbox-window');
  const workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => {
    announceUpdate(() => {
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    });
  });
  await workbox.register();
}
