import { announceUpdate } from './updates';

/**
 * Registers /sw.js once the page has loaded, so installing it (which downloads every page of
 * the app for offline use) never competes with the first page on a weak connection.
 *
 * When a newer version is installed while the app is open, it waits: UpdateBanner asks the
 * person to reload, and only then does the new version take over (a reload in the middle of
 * typing would lose the text; the outbox keeps messages already sent).
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  const register = () => void start().catch(() => undefined);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

async function start(): Promise<void> {
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  // A first install has no controller yet: nothing to announce, the worker just takes over.
  const hadController = navigator.serviceWorker.controller !== null;
  if (registration.waiting && hadController) offer(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && navigator.serviceWorker.controller) offer(installing);
    });
  });
}

function offer(worker: ServiceWorker): void {
  announceUpdate(() => {
    navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
    worker.postMessage({ type: 'SKIP_WAITING' });
  });
}
