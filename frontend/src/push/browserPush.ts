/**
 * What the settings panel needs from the browser, behind one small interface so tests can
 * stand in for it. The service worker itself is registered by the PWA code (src/pwa).
 */
export interface BrowserPush {
  /** `unsupported`: this browser has no Web Push; `no-worker`: the app's worker is not running. */
  support(): Promise<'ok' | 'unsupported' | 'no-worker'>;
  permission(): NotificationPermission;
  /** Asks for permission; call only from a click. */
  requestPermission(): Promise<NotificationPermission>;
  /** This browser's current subscription, as JSON for the server, or null. */
  current(): Promise<PushSubscriptionJSON | null>;
  subscribe(applicationServerKey: Uint8Array<ArrayBuffer>): Promise<PushSubscriptionJSON>;
  /** Ends this browser's subscription at the push service. */
  unsubscribe(): Promise<void>;
}

async function registration(): Promise<ServiceWorkerRegistration | undefined> {
  return navigator.serviceWorker.getRegistration();
}

export const realBrowserPush: BrowserPush = {
  async support() {
    if (typeof window === 'undefined' || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return 'unsupported';
    const found = await registration();
    return found?.pushManager ? 'ok' : 'no-worker';
  },
  permission: () => Notification.permission,
  requestPermission: () => Notification.requestPermission(),
  async current() {
    const subscription = await (await registration())?.pushManager.getSubscription();
    return subscription ? subscription.toJSON() : null;
  },
  async subscribe(applicationServerKey) {
    const found = await registration();
    if (!found) throw new Error('No service worker');
    const subscription = await found.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
    return subscription.toJSON();
  },
  async unsubscribe() {
    const subscription = await (await registration())?.pushManager.getSubscription();
    await subscription?.unsubscribe();
  },
};
