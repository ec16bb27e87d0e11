import { isRecord, list, oneOf, str } from '../app/json';

/** `GET /api/me/audit`: who looked at the signed-in person's file, newest first. */
export const AUDIT_PATH = '/api/me/audit';

/** How many entries one "load more" asks for. */
export const AUDIT_PAGE_SIZE = 20;

export const STAFF_ROLES = ['THERAPIST', 'MODERATOR', 'ADMIN', 'STAFF'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Why the staff member could: the relationship the server names. */
export const BASES = ['therapist', 'former-therapist', 'moderator', 'admin', 'staff'] as const;
export type Basis = (typeof BASES)[number];

/**
 * The action codes the server records (see docs/privacy.md). A code not listed here is
 * shown with a general sentence, so a new code never breaks the page.
 */
export const KNOWN_ACTIONS = [
  'caseload.view',
  'dashboard.view',
  'conversation.list',
  'conversation.read',
  'conversation.write',
  'programme.view',
  'programme.assign',
  'programme.comment',
  'checkin.view',
  'nudge.view',
  'nudge.create',
  'nudge.cancel',
  'nudge.approve',
  'nudge.dismiss',
  'nudge.settings-view',
  'nudge.settings',
  'escalation.manual',
  'escalation.caseload-view',
  'escalation.queue',
  'escalation.view',
  'escalation.claim',
  'escalation.join',
  'escalation.note',
  'escalation.resolve',
  'escalation.review-dismiss',
  'escalation.review-escalate',
  'admin.accounts-view',
  'admin.account-disable',
  'admin.account-enable',
  'admin.assign',
  'admin.unassign',
  'admin.assignments-view',
  'admin.audit-view',
] as const;
export type KnownAction = (typeof KNOWN_ACTIONS)[number];

export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  /** Null when the staff member's account no longer exists. */
  pseudonym: string | null;
  role: StaffRole;
  basis: Basis;
}

export interface AuditPage {
  items: AuditEntry[];
  /** The cursor for older entries, or null when there are none. */
  next: string | null;
}

function readEntry(value: unknown): AuditEntry | null {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  const at = str(value.at);
  const action = str(value.action);
  if (!id || !at || !action || Number.isNaN(Date.parse(at))) return null;
  const actor = isRecord(value.actor) ? value.actor : {};
  return {
    id,
    at,
    action,
    pseudonym: str(actor.pseudonym),
    role: oneOf(STAFF_ROLES, actor.role) ?? 'STAFF',
    basis: oneOf(BASES, value.basis) ?? 'staff',
  };
}

/** Reads a page the server sent; odd entries are left out rather than breaking the page. */
export function parseAuditPage(body: unknown): AuditPage {
  if (!isRecord(body)) return { items: [], next: null };
  return { items: list(body.items, readEntry), next: str(body.next) };
}

export function auditPagePath(before: string | null, limit = AUDIT_PAGE_SIZE): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (before) query.set('before', before);
  return `${AUDIT_PATH}?${query.toString()}`;
}

export function isKnownAction(action: string): action is KnownAction {
  return (KNOWN_ACTIONS as readonly string[]).includes(action);
}

/** The locale key of an action code: `conversation.read` → `conversation_read`. */
export function actionKey(action: string): string {
  return isKnownAction(action) ? action.replace(/[.-]/g, '_') : 'other';
}

/** Consecutive entries that say the same thing, shown as one line ("3 times"). */
export interface AuditRow {
  key: string;
  first: AuditEntry;
  /** The oldest time in the row (entries are newest first). */
  from: string;
  count: number;
}

/** A day with its rows, in the reader's own time zone. */
export interface AuditDay {
  day: string;
  rows: AuditRow[];
}

function sameThing(a: AuditEntry, b: AuditEntry): boolean {
  return a.action === b.action && a.pseudonym === b.pseudonym && a.role === b.role && a.basis === b.basis;
}

/** The calendar day of a time in the browser's time zone, as `yyyy-mm-dd`. */
export function localDay(iso: string): string {
  const date = new Date(iso);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/**
 * Groups entries (newest first) by day, and within a day folds consecutive entries that
 * say the same thing (same person, role, reason and action) into one row with a count, so
 * a therapist who opens the conversation five times in an hour reads as one line.
 */
export function groupByDay(entries: readonly AuditEntry[]): AuditDay[] {
  const days: AuditDay[] = [];
  for (const entry of entries) {
    const day = localDay(entry.at);
    let current = days[days.length - 1];
    if (!current || current.day !== day) {
      current = { day, rows: [] };
      days.push(current);
    }
    const last = current.rows[current.rows.length - 1];
    if (last && sameThing(last.first, entry)) {
      last.count += 1;
      last.from = entry.at;
    } else {
      current.rows.push({ key: entry.id, first: entry, from: entry.at, count: 1 });
    }
  }
  return days;
}
