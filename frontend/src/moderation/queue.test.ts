import { describe, expect, it } from 'vitest';
import { parseEscalationEvent } from '../safety/types';
import { escalation, reviewItem } from './fixtures';
import {
  applyFilter,
  DEFAULT_FILTER,
  initialQueue,
  isAlert,
  mergeEvent,
  minutesSince,
  queueReducer,
  reviewCount,
  sortQueue,
  unclaimedCount,
  type QueueState,
} from './queue';

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('the moderators queue', () => {
  it('sorts unresolved escalations as the server does: overdue first, then HIGH before MEDIUM, then oldest first', () => {
    const items = [
      escalation({ id: 'medium-old', severity: 'MEDIUM', openedAt: '2026-11-20T08:00:00Z' }),
      escalation({ id: 'high-new', severity: 'HIGH', openedAt: '2026-11-20T10:00:00Z' }),
      escalation({ id: 'high-old', severity: 'HIGH', openedAt: '2026-11-20T09:00:00Z' }),
      escalation({ id: 'medium-overdue', severity: 'MEDIUM', overdue: true, openedAt: '2026-11-20T09:30:00Z' }),
    ];
    expect(ids(sortQueue(items, 'OPEN'))).toEqual(['medium-overdue', 'high-old', 'high-new', 'medium-old']);
  });

  it('sorts resolved escalations newest first and keeps the last 100', () => {
    const items = Array.from({ length: 105 }, (_, i) =>
      escalation({ id: `r-${i}`, status: 'RESOLVED', resolvedAt: new Date(Date.UTC(2026, 10, 20, 0, i)).toISOString() }),
    );
    const sorted = sortQueue(items, 'RESOLVED');
    expect(sorted).toHaveLength(100);
    expect(sorted[0]?.id).toBe('r-104');
  });

  it('adds a new escalation from a live event in its place', () => {
    const items = sortQueue([escalation({ id: 'a', severity: 'MEDIUM' }), escalation({ id: 'b', openedAt: '2026-11-20T09:00:00Z' })], 'OPEN');
    const merged = mergeEvent(items, { type: 'OPENED', escalation: escalation({ id: 'c', openedAt: '2026-11-20T09:30:00Z' }) }, 'OPEN');
    expect(ids(merged)).toEqual(['b', 'c', 'a']);
  });

  it('replaces a known escalation (claimed, overdue) without duplicating it, and moves it', () => {
    const items = sortQueue([escalation({ id: 'a', openedAt: '2026-11-20T08:00:00Z' }), escalation({ id: 'b', openedAt: '2026-11-20T09:00:00Z' })], 'OPEN');
    const overdue = mergeEvent(items, { type: 'OVERDUE', escalation: escalation({ id: 'b', openedAt: '2026-11-20T09:00:00Z', overdue: true, alerts: 1 }) }, 'OPEN');
    expect(ids(overdue)).toEqual(['b', 'a']);
    const claimed = mergeEvent(overdue, { type: 'CLAIMED', escalation: escalation({ id: 'a', status: 'CLAIMED', claimedBy: { id: 'm-1', pseudonym: 'Jules' } }) }, 'OPEN');
    expect(ids(claimed)).toEqual(['b', 'a']);
    expect(claimed.find((e) => e.id === 'a')?.claimedBy?.pseudonym).toBe('Jules');
  });

  it('removes a resolved escalation from the open list, and adds it to the resolved list', () => {
    const resolved = escalation({ id: 'a', status: 'RESOLVED', resolvedAt: '2026-11-20T11:00:00Z', outcome: 'CONTACTED' });
    expect(mergeEvent([escalation({ id: 'a' }), escalation({ id: 'b' })], { type: 'RESOLVED', escalation: resolved }, 'OPEN').map((e) => e.id)).toEqual(['b']);
    expect(ids(mergeEvent([], { type: 'RESOLVED', escalation: resolved }, 'RESOLVED'))).toEqual(['a']);
    // A claim is no news for the resolved list.
    expect(mergeEvent([], { type: 'CLAIMED', escalation: escalation({ id: 'x', status: 'CLAIMED' }) }, 'RESOLVED')).toEqual([]);
  });

  it('ignores stale events: no way back from CLAIMED to OPEN, no fewer signals', () => {
    const claimed = escalation({ id: 'a', status: 'CLAIMED', signalCount: 2 });
    expect(mergeEvent([claimed], { type: 'SIGNAL', escalation: escalation({ id: 'a', status: 'OPEN', signalCount: 3 }) }, 'OPEN')[0]?.status).toBe('CLAIMED');
    expect(mergeEvent([claimed], { type: 'NOTE', escalation: escalation({ id: 'a', status: 'CLAIMED', signalCount: 1 }) }, 'OPEN')[0]?.signalCount).toBe(2);
    expect(mergeEvent([claimed], { type: 'SIGNAL', escalation: escalation({ id: 'a', status: 'CLAIMED', signalCount: 3 }) }, 'OPEN')[0]?.signalCount).toBe(3);
  });

  it('puts review items after HIGH and MEDIUM, as the server does', () => {
    const items = [
      reviewItem({ id: 'review-old', openedAt: '2026-11-20T07:00:00Z' }),
      escalation({ id: 'medium', severity: 'MEDIUM', openedAt: '2026-11-20T10:00:00Z' }),
      escalation({ id: 'high', openedAt: '2026-11-20T11:00:00Z' }),
    ];
    expect(ids(sortQueue(items, 'OPEN'))).toEqual(['high', 'medium', 'review-old']);
  });

  it('review items never alert and are not counted as waiting; raised to HIGH they alert like any escalation', () => {
    const review = reviewItem();
    expect(isAlert({ type: 'OPENED', escalation: review })).toBe(false);
    expect(isAlert({ type: 'SIGNAL', escalation: review })).toBe(false);
    expect(isAlert({ type: 'ESCALATED', escalation: { ...review, severity: 'HIGH', escalatedFromReview: true } })).toBe(true);
    expect(isAlert({ type: 'DISMISSED', escalation: { ...review, status: 'RESOLVED', outcome: 'DISMISSED' } })).toBe(false);
    expect(unclaimedCount([review, escalation()])).toBe(1);
    expect(reviewCount([review, escalation(), { ...review, id: 'gone', status: 'RESOLVED' }])).toBe(1);
  });

  it('a review item raised to HIGH stays HIGH when an older event arrives late; dismissed, it leaves the open list', () => {
    const raised = { ...reviewItem(), severity: 'HIGH' as const, escalatedFromReview: true };
    expect(mergeEvent([raised], { type: 'OPENED', escalation: reviewItem() }, 'OPEN')[0]?.severity).toBe('HIGH');
    expect(mergeEvent([reviewItem()], { type: 'ESCALATED', escalation: raised }, 'OPEN')[0]?.severity).toBe('HIGH');
    const dismissed = { ...reviewItem(), status: 'RESOLVED' as const, outcome: 'DISMISSED' as const, dismissReason: 'HYPERBOLE' as const };
    expect(mergeEvent([reviewItem(), escalation()], { type: 'DISMISSED', escalation: dismissed }, 'OPEN').map((e) => e.id)).toEqual(['e-1']);
  });

  it('filters by severity and overdue', () => {
    const items = [escalation({ id: 'h' }), escalation({ id: 'm', severity: 'MEDIUM', overdue: true })];
    expect(ids(applyFilter(items, DEFAULT_FILTER))).toEqual(['h', 'm']);
    expect(ids(applyFilter(items, { ...DEFAULT_FILTER, severity: 'HIGH' }))).toEqual(['h']);
    expect(ids(applyFilter(items, { ...DEFAULT_FILTER, overdueOnly: true }))).toEqual(['m']);
  });

  it('alerts on new, worse and overdue escalations only', () => {
    expect(isAlert({ type: 'OPENED', escalation: escalation() })).toBe(true);
    expect(isAlert({ type: 'SIGNAL', escalation: escalation() })).toBe(true);
    expect(isAlert({ type: 'OVERDUE', escalation: escalation({ overdue: true }) })).toBe(true);
    expect(isAlert({ type: 'CLAIMED', escalation: escalation({ status: 'CLAIMED' }) })).toBe(false);
    expect(isAlert({ type: 'NOTE', escalation: escalation({ status: 'CLAIMED' }) })).toBe(false);
    expect(unclaimedCount([escalation(), escalation({ id: 'b', status: 'CLAIMED' })])).toBe(1);
  });

  it('counts whole minutes since opening', () => {
    const opened = '2026-11-20T10:00:00Z';
    expect(minutesSince(opened, Date.parse('2026-11-20T10:00:59Z'))).toBe(0);
    expect(minutesSince(opened, Date.parse('2026-11-20T11:05:00Z'))).toBe(65);
    expect(minutesSince('nonsense', Date.parse('2026-11-20T11:05:00Z'))).toBe(0);
  });

  it('reads the live events of the contract, skipping unreadable ones', () => {
    expect(parseEscalationEvent({ type: 'OPENED', escalation: escalation() })?.escalation.client.pseudonym).toBe('Robin');
    expect(parseEscalationEvent({ type: 'EXPLODED', escalation: escalation() })).toBeNull();
    expect(parseEscalationEvent({ type: 'DISMISSED', escalation: { ...reviewItem(), status: 'RESOLVED', outcome: 'DISMISSED', dismissReason: 'NOT_RISK' } })?.escalation.dismissReason).toBe('NOT_RISK');
    const raised = parseEscalationEvent({ type: 'ESCALATED', escalation: { ...reviewItem(), severity: 'MEDIUM', escalatedFromReview: true } });
    expect(raised?.type).toBe('ESCALATED');
    expect(raised?.escalation.escalatedFromReview).toBe(true);
    expect(parseEscalationEvent({ type: 'OPENED', escalation: { id: 'x' } })).toBeNull();
  });
});

describe('the queue state', () => {
  const loaded = (state: QueueState, request: number, items = [escalation({ id: 'a' })]) => queueReducer(state, { type: 'loaded', request, items });

  it('applies events that arrived during a list request again to its (older) answer', () => {
    let state = queueReducer(initialQueue('OPEN'), { type: 'request', status: 'OPEN', request: 1 });
    state = queueReducer(state, { type: 'event', event: { type: 'OPENED', escalation: escalation({ id: 'new' }) } });
    expect(ids(state.items)).toEqual(['new']);
    // The answer was made before "new" existed: it must not make it disappear.
    state = loaded(state, 1);
    expect(ids(state.items).sort()).toEqual(['a', 'new']);
    expect(state.load).toBe('ready');
    expect(state.buffered).toEqual([]);
  });

  it('ignores the answer of an older request', () => {
    let state = queueReducer(initialQueue('OPEN'), { type: 'request', status: 'OPEN', request: 1 });
    state = queueReducer(state, { type: 'request', status: 'RESOLVED', request: 2 });
    state = loaded(state, 1);
    expect(state.items).toEqual([]);
    expect(state.load).toBe('loading');
    state = loaded(state, 2, [escalation({ id: 'r', status: 'RESOLVED' })]);
    expect(ids(state.items)).toEqual(['r']);
  });

  it('keeps the list when a reload fails', () => {
    let state = loaded(queueReducer(initialQueue('OPEN'), { type: 'request', status: 'OPEN', request: 1 }), 1);
    state = queueReducer(state, { type: 'request', status: 'OPEN', request: 2 });
    state = queueReducer(state, { type: 'failed', request: 2, error: new Error('offline') });
    expect(state.load).toBe('error');
    expect(ids(state.items)).toEqual(['a']);
  });
});

describe('reading the v2 signal fields', () => {
  it('reads reasons, highlights, the questionnaire and contextUsed, and tolerates what is odd or missing', () => {
    const read = parseEscalationEvent({
      type: 'OPENED',
      escalation: {
        ...escalation(),
        lastSignal: {
          source: 'QUESTIONNAIRE',
          severity: 'HIGH',
          text: 'phq-9:phq9-9 = 2',
          reasons: ['plan', 7, 'timing'],
          highlights: [{ start: 1, end: 4 }, { start: 'x', end: 2 }, null],
          questionnaire: { name: 'PHQ-9', item: 9, value: 2, max: 3 },
          contextUsed: true,
        },
      },
    })?.escalation.lastSignal;
    expect(read?.reasons).toEqual(['plan', 'timing']);
    expect(read?.highlights).toEqual([{ start: 1, end: 4 }]);
    expect(read?.questionnaire).toEqual({ name: 'PHQ-9', item: 9, value: 2, max: 3 });
    expect(read?.contextUsed).toBe(true);

    const old = parseEscalationEvent({ type: 'OPENED', escalation: { ...escalation(), lastSignal: { source: 'CHAT_MESSAGE', text: 'x', questionnaire: { name: 'PHQ-9' } } } })
      ?.escalation;
    expect(old?.lastSignal).toMatchObject({ reasons: [], highlights: [], questionnaire: null, contextUsed: false });
    expect(old?.dismissReason).toBeNull();
    expect(old?.escalatedFromReview).toBe(false);
  });
});
