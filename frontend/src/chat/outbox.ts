/**
 * Own messages the server has not acknowledged yet, kept in sessionStorage (`cocon.outbox`)
 * so they survive a lost connection and a reload of the tab. They are sent again with the
 * SAME clientMessageId, so the server stores each once. Quick exit and signing out clear
 * sessionStorage, and with it the outbox.
 */

export const OUTBOX_KEY = 'cocon.outbox';

export interface OutboxItem {
  /** Whose message (a later sign-in in the same tab must not send it). */
  userId: string;
  conversationId: string;
  clientMessageId: string;
  body: string;
  createdAt: string;
  /** The error code when the server refused it (kept so the retry button survives a reload). */
  failed: string | null;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

function isItem(value: unknown): value is OutboxItem {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return (
    typeof item.userId === 'string' &&
    typeof item.conversationId === 'string' &&
    typeof item.clientMessageId === 'string' &&
    typeof item.body === 'string' &&
    typeof item.createdAt === 'string' &&
    (item.failed === null || typeof item.failed === 'string')
  );
}

/** All stored items (of every user); [] when nothing (readable) is stored. */
export function readOutbox(storage: Storage | null): OutboxItem[] {
  if (!storage) return [];
  try {
    const raw = storage.getItem(OUTBOX_KEY);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isItem) : [];
  } catch {
    return [];
  }
}

export function writeOutbox(storage: Storage | null, items: readonly OutboxItem[]): void {
  if (!storage) return;
  try {
    if (items.length === 0) storage.removeItem(OUTBOX_KEY);
    else storage.setItem(OUTBOX_KEY, JSON.stringify(items));
  } catch {
    // Storage full or blocked: the messages still wait in memory for this page's lifetime.
  }
}

/** sessionStorage, or null where it cannot be used. */
export function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
