import { describe, expect, it } from 'vitest';
import {
  addPending,
  applyAck,
  applyFailure,
  applyRead,
  applySummary,
  emptyConversation,
  markRetrying,
  mergeMessages,
  newestFromOthers,
  ownStatus,
  unreadCount,
} from './conversation';
import type { MessageEvent } from './types';

const ME = 'me';
const THEM = 'them';

function event(seq: number, overrides: Partial<MessageEvent> = {}): MessageEvent {
  return {
    id: `c-1:${String(seq).padStart(12, '0')}`,
    conversationId: 'c-1',
    seq,
    senderId: THEM,
    clientMessageId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    body: `message ${seq}`,
    createdAt: `2026-11-03T10:00:${String(seq).padStart(2, '0')}Z`,
    ...overrides,
  };
}

const CMID = '11111111-2222-4333-8444-555555555555';

describe('conversation state', () => {
  it('keeps messages sorted by seq and shows every seq once, whichever way it arrives', () => {
    let c = emptyConversation('c-1');
    c = mergeMessages(c, [event(3), event(1)]);
    c = mergeMessages(c, [event(2), event(3)]);
    c = mergeMessages(c, [event(1)]);
    expect(c.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(c.seenSeq).toBe(3);
    expect(c.lastSeq).toBe(3);
    expect(c.lastMessage?.text).toBe('message 3');
  });

  it('resumes from the highest seq with no gap below it, not the highest seq seen', () => {
    let c = applySummary(undefined, { id: 'c-1', kind: 'THERAPY', participants: [], lastSeq: 4, lastMessage: null, unread: 0, readSeq: 4, othersReadSeq: 0 });
    // two senders: 6 is delivered before 5
    c = mergeMessages(c, [event(6)]);
    expect(c.seenSeq).toBe(4);
    expect(c.lastSeq).toBe(6);
    c = mergeMessages(c, [event(5)]);
    expect(c.seenSeq).toBe(6);
    c = mergeMessages(c, [event(8)]);
    expect(c.seenSeq).toBe(6);
  });

  it('a resume page settles the seqs it covers, also one that was never stored', () => {
    let c = applySummary(undefined, { id: 'c-1', kind: 'THERAPY', participants: [], lastSeq: 2, lastMessage: null, unread: 0, readSeq: 2, othersReadSeq: 0 });
    c = mergeMessages(c, [event(5)]);
    expect(c.seenSeq).toBe(2);
    // ?after=2 gives 3 and 5: 4 was handed out but never stored
    c = mergeMessages(c, [event(3), event(5)], 3);
    expect(c.seenSeq).toBe(5);
    // a page that starts above the resume point says nothing about the seqs before it
    c = mergeMessages(c, [event(9), event(10)], 9);
    expect(c.seenSeq).toBe(5);
    expect(c.messages.map((m) => m.seq)).toEqual([3, 5, 9, 10]);
  });

  it('ignores messages of other conversations', () => {
    const c = mergeMessages(emptyConversation('c-1'), [event(1, { conversationId: 'c-2' })]);
    expect(c.messages).toEqual([]);
  });

  it('an own message shown as sending becomes the stored one (matched by clientMessageId)', () => {
    let c = addPending(emptyConversation('c-1'), { clientMessageId: CMID, senderId: ME, body: 'hoi', createdAt: '2026-11-03T10:01:00Z' });
    c = mergeMessages(c, [event(1)]);
    expect(c.messages.map((m) => m.seq)).toEqual([1, null]);
    expect(ownStatus(c.messages[1]!, c)).toBe('sending');

    c = mergeMessages(c, [event(2, { senderId: ME, clientMessageId: CMID, body: 'hoi' })]);
    expect(c.messages).toHaveLength(2);
    expect(c.messages[1]).toMatchObject({ seq: 2, key: CMID, body: 'hoi' });
    expect(ownStatus(c.messages[1]!, c)).toBe('sent');
  });

  it('the same clientMessageId from someone else is another message', () => {
    let c = addPending(emptyConversation('c-1'), { clientMessageId: CMID, senderId: ME, body: 'mine', createdAt: '' });
    c = mergeMessages(c, [event(1, { clientMessageId: CMID, body: 'theirs' })]);
    expect(c.messages.map((m) => m.body)).toEqual(['theirs', 'mine']);
  });

  it('ack → sent with its seq; the other side reading up to it → read', () => {
    let c = addPending(emptyConversation('c-1'), { clientMessageId: CMID, senderId: ME, body: 'hoi', createdAt: '' });
    c = applyAck(c, { clientMessageId: CMID, id: 'c-1:7', conversationId: 'c-1', seq: 7, createdAt: '2026-11-03T10:00:00Z', duplicate: false }, ME);
    expect(c.messages[0]).toMatchObject({ seq: 7, failed: null });
    expect(ownStatus(c.messages[0]!, c)).toBe('sent');
    // Sending moves the own read marker.
    expect(c.readSeq).toBe(7);

    c = applyRead(c, THEM, 6, ME);
    expect(ownStatus(c.messages[0]!, c)).toBe('sent');
    c = applyRead(c, THEM, 7, ME);
    expect(ownStatus(c.messages[0]!, c)).toBe('read');
    // Markers never move back.
    c = applyRead(c, THEM, 3, ME);
    expect(c.othersReadSeq).toBe(7);
  });

  it('a duplicate ack after the live message changes nothing', () => {
    let c = addPending(emptyConversation('c-1'), { clientMessageId: CMID, senderId: ME, body: 'hoi', createdAt: '' });
    c = mergeMessages(c, [event(4, { senderId: ME, clientMessageId: CMID, body: 'hoi' })]);
    const ack = { clientMessageId: CMID, id: 'c-1:4', conversationId: 'c-1', seq: 4, createdAt: '', duplicate: true };
    c = applyAck(c, ack, ME);
    c = applyAck(c, ack, ME);
    expect(c.messages).toHaveLength(1);
    expect(c.messages[0]?.seq).toBe(4);
  });

  it('the read marker from the conversation list also makes own messages read', () => {
    let c = mergeMessages(emptyConversation('c-1'), [event(1, { senderId: ME })]);
    c = applySummary(c, { id: 'c-1', kind: 'THERAPY', participants: [], lastSeq: 1, lastMessage: null, unread: 0, readSeq: 1, othersReadSeq: 1 });
    expect(ownStatus(c.messages[0]!, c)).toBe('read');
  });

  it('a refused message is failed with its code; retrying keeps the clientMessageId', () => {
    let c = addPending(emptyConversation('c-1'), { clientMessageId: CMID, senderId: ME, body: 'hoi', createdAt: '' });
    c = applyFailure(c, CMID, 'message.rate-limited');
    expect(c.messages[0]).toMatchObject({ failed: 'message.rate-limited', clientMessageId: CMID });
    expect(ownStatus(c.messages[0]!, c)).toBe('failed');
    c = markRetrying(c, CMID);
    expect(c.messages[0]).toMatchObject({ failed: null, clientMessageId: CMID, seq: null });
    expect(ownStatus(c.messages[0]!, c)).toBe('sending');
  });

  it('unread = last seq − own read marker; the newest message from the other person', () => {
    let c = applySummary(undefined, {
      id: 'c-1',
      kind: 'THERAPY',
      participants: [],
      lastSeq: 5,
      lastMessage: null,
      unread: 2,
      readSeq: 3,
      othersReadSeq: 0,
    });
    expect(unreadCount(c)).toBe(2);
    // A conversation first seen in the list resumes after the list's lastSeq.
    expect(c.seenSeq).toBe(5);
    c = mergeMessages(c, [event(6)]);
    expect(unreadCount(c)).toBe(3);
    expect(newestFromOthers(c, ME)?.seq).toBe(6);
    c = mergeMessages(c, [event(7, { senderId: ME })]);
    expect(newestFromOthers(c, ME)).toBeNull();
  });
});
