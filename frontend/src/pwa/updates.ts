import { useSyncExternalStore } from 'react';

/**
 * Whether a new version of the app is installed and waiting, and how to switch to it. The
 * service worker registration (registerServiceWorker.ts) sets it; UpdateBanner shows it.
 */
type Activate = () => void;

let waiting: Activate | null = null;
const listeners = new Set<() => void>();

export function announceUpdate(activate: Activate | null): void {
  waiting = activate;
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The function that activates the waiting version, or null while there is none. */
export function useWaitingUpdate(): Activate | null {
  return useSyncExternalStore(
    subscribe,
    () => waiting,
    () => waiting,
  );
}
