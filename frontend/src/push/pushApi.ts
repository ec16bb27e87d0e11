/** The server's Web Push API (docs/notifications.md). */
export const pushApi = {
  vapidKey: '/api/push/vapid-public-key',
  subscriptions: '/api/push/subscriptions',
  subscription: (id: string) => `/api/push/subscriptions/${encodeURIComponent(id)}`,
  preferences: '/api/push/preferences',
} as const;

export interface PushPreferences {
  messages: boolean;
  nudges: boolean;
  checkinReminders: boolean;
  devices: number;
}

export type PushKind = 'messages' | 'nudges' | 'checkinReminders';

export function parsePreferences(body: unknown): PushPreferences | null {
  if (typeof body !== 'object' || body === null) return null;
  const value = body as Record<string, unknown>;
  if (typeof value.messages !== 'boolean' || typeof value.nudges !== 'boolean' || typeof value.checkinReminders !== 'boolean') return null;
  return { messages: value.messages, nudges: value.nudges, checkinReminders: value.checkinReminders, devices: typeof value.devices === 'number' ? value.devices : 0 };
}

/** A base64url VAPID key as the bytes `pushManager.subscribe` wants. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
