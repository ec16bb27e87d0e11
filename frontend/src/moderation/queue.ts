import type { EscalationEvent, EscalationStatus, EscalationSummary, Severity } from '../safety/types';

/*
 * The moderators' queue as pure functions: the order the server uses, merging live events into
 * the list without ever going back in time, and the filters of the console.
 */

/** Which list the console shows: unresolved (OPEN and CLAIMED) or the last resolved ones. */
export type QueueStatus = 'OPEN' | 'RESOLVED';

export interface QueueFilter {
  status: QueueStatus;
  severity: Severity | 'ALL';
  overdueOnly: boolean;
}

export const DEFAULT_FILTER: QueueFilter = { status: 'OPEN', severity: 'ALL', overdueOnly: false };

/** The server keeps the last 100 resolved escalations; so does the console. */
export const RESOLVED_LIMIT = 100;

const SEVERITY_RANK: Record<Severity, number> = { HIGH: 0, MEDIUM: 1, REVIEW: 2 };
const STATUS_RANK: Record<EscalationStatus, number> = { OPEN: 0, CLAIMED: 1, RESOLVED: 2 };

function time(iso: string | null): number {
  const value = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(value) ? 0 : value;
}

/** Unresolved: overdue first, then HIGH, MEDIUM, review items, then the oldest first (as the server sorts). */
export function compareOpen(a: EscalationSummary, b: EscalationSummary): number {
  return (
    Number(b.overdue) - Number(a.overdue) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    time(a.openedAt) - time(b.openedAt) ||
    a.id.localeCompare(b.id)
  );
}

/** Resolved: the most recently resolved first. */
export function compareResolved(a: EscalationSummary, b: EscalationSummary): number {
  return time(b.resolvedAt) - time(a.resolvedAt) || a.id.localeCompare(b.id);
}

export function sortQueue(items: readonly EscalationSummary[], status: QueueStatus): EscalationSummary[] {
  const sorted = [...items].sort(status === 'OPEN' ? compareOpen : compareResolved);
  return status === 'RESOLVED' ? sorted.slice(0, RESOLVED_LIMIT) : sorted;
}

/**
 * Whether `incoming` is older news than `known` (an event overtaken by a list request, or two
 * events out of order): an escalation never goes back to an earlier status, never loses signals
 * or re-alerts, never becomes less severe (a review item raised to HIGH stays HIGH), and an
 * overdue one stays overdue until it is claimed.
 */
export function isStale(incoming: EscalationSummary, known: EscalationSummary): boolean {
  const byStatus = STATUS_RANK[incoming.status] - STATUS_RANK[known.status];
  if (byStatus !== 0) return byStatus < 0;
  return (
    incoming.signalCount < known.signalCount ||
    incoming.alerts < known.alerts ||
    SEVERITY_RANK[incoming.severity] > SEVERITY_RANK[known.severity] ||
    (known.overdue && !incoming.overdue && incoming.status === 'OPEN')
  );
}

/** A review item: an uncertain signal a moderator looks at quietly (no card, no alarm). */
export function isReview(escalation: EscalationSummary): boolean {
  return escalation.severity === 'REVIEW';
}

/** Whether an escalation belongs in the list shown (unresolved or resolved). */
export function belongsTo(escalation: EscalationSummary, status: QueueStatus): boolean {
  return status === 'OPEN' ? escalation.status !== 'RESOLVED' : escalation.status === 'RESOLVED';
}

/**
 * One live event into the list: a new escalation is added, a known one replaced (unless the
 * event is stale), one that no longer belongs (resolved, while showing the unresolved) removed.
 */
export function mergeEvent(items: readonly EscalationSummary[], event: EscalationEvent, status: QueueStatus): EscalationSummary[] {
  const incoming = event.escalation;
  const known = items.find((item) => item.id === incoming.id);
  if (known && isStale(incoming, known)) return [...items];
  const others = items.filter((item) => item.id !== incoming.id);
  return sortQueue(belongsTo(incoming, status) ? [...others, incoming] : others, status);
}

/** What the filters let through (status is chosen by the list request itself). */
export function applyFilter(items: readonly EscalationSummary[], filter: QueueFilter): EscalationSummary[] {
  return items.filter(
    (item) => belongsTo(item, filter.status) && (filter.severity === 'ALL' || item.severity === filter.severity) && (!filter.overdueOnly || item.overdue),
  );
}

const ALERT_EVENTS: readonly EscalationEvent['type'][] = ['OPENED', 'SIGNAL', 'OVERDUE', 'ESCALATED'];

/**
 * Events that need a moderator's attention (a banner, a beep): new, worse, raised from a review
 * item, or still waiting. Review items never alert: they wait quietly in their own list.
 */
export function isAlert(event: EscalationEvent): boolean {
  return ALERT_EVENTS.includes(event.type) && event.escalation.status !== 'RESOLVED' && !isReview(event.escalation);
}

/** Escalations nobody has claimed yet (review items are not counted: they are no emergency). */
export function unclaimedCount(items: readonly EscalationSummary[]): number {
  return items.filter((item) => item.status === 'OPEN' && !isReview(item)).length;
}

/** Open review items. */
export function reviewCount(items: readonly EscalationSummary[]): number {
  return items.filter((item) => item.status !== 'RESOLVED' && isReview(item)).length;
}

/** Whole minutes since `iso` (0 for a moment ago, or when unreadable). */
export function minutesSince(iso: string, now: number): number {
  const at = time(iso);
  return at === 0 ? 0 : Math.max(0, Math.floor((now - at) / 60_000));
}

// ---------------------------------------------------------------- the list as state

export interface QueueState {
  status: QueueStatus;
  items: EscalationSummary[];
  load: 'loading' | 'ready' | 'error';
  error: unknown;
  /** Number of the newest list request; older answers are ignored. */
  request: number;
  /** Live events that arrived while the newest list request was under way. */
  buffered: EscalationEvent[];
}

export type QueueAction =
  | { type: 'request'; status: QueueStatus; request: number }
  | { type: 'loaded'; request: number; items: EscalationSummary[] }
  | { type: 'failed'; request: number; error: unknown }
  | { type: 'event'; event: EscalationEvent }
  | { type: 'replace'; escalation: EscalationSummary };

export function initialQueue(status: QueueStatus): QueueState {
  return { status, items: [], load: 'loading', error: null, request: 0, buffered: [] };
}

/**
 * The queue as a reducer: a list request, its answer, and live events. Events shown while a
 * request is under way are applied again to its answer, so the answer cannot undo them.
 */
export function queueReducer(state: QueueState, action: QueueAction): QueueState {
  switch (action.type) {
    case 'request': {
      const changed = action.status !== state.status;
      return { ...state, status: action.status, items: changed ? [] : state.items, load: 'loading', request: action.request, buffered: [] };
    }
    case 'loaded': {
      if (action.request !== state.request) return state;
      const items = state.buffered.reduce((list, event) => mergeEvent(list, event, state.status), sortQueue(action.items, state.status));
      return { ...state, items, load: 'ready', error: null, buffered: [] };
    }
    case 'failed':
      if (action.request !== state.request) return state;
      return { ...state, load: 'error', error: action.error, buffered: [] };
    case 'event':
      return {
        ...state,
        items: mergeEvent(state.items, action.event, state.status),
        buffered: state.load === 'loading' ? [...state.buffered, action.event] : state.buffered,
      };
    case 'replace':
      return { ...state, items: mergeEvent(state.items, { type: 'SIGNAL', escalation: action.escalation }, state.status) };
  }
}
