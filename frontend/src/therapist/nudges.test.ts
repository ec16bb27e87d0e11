import { describe, expect, it } from 'vitest';
import { formatLocal, isPast, knownTimeZone, localDateTime, nextFullHour, parseNudge, sendAtValue } from './nudges';

describe('the client’s local time', () => {
  const instant = new Date('2026-11-24T17:05:30Z');

  it('is the wall clock in the client’s time zone, not the browser’s', () => {
    expect(localDateTime(instant, 'Europe/Brussels')).toEqual({ date: '2026-11-24', time: '18:05' });
    expect(localDateTime(instant, 'America/New_York')).toEqual({ date: '2026-11-24', time: '12:05' });
    expect(localDateTime(new Date('2026-11-24T23:30:00Z'), 'Asia/Tokyo')).toEqual({ date: '2026-11-25', time: '08:30' });
  });

  it('proposes the next full hour there, also across midnight', () => {
    expect(nextFullHour(instant, 'Europe/Brussels')).toEqual({ date: '2026-11-24', time: '19:00' });
    expect(nextFullHour(new Date('2026-12-31T22:59:00Z'), 'Europe/Brussels')).toEqual({ date: '2027-01-01', time: '00:00' });
  });

  it('a moment before the current minute there has passed; the current minute has not', () => {
    expect(isPast({ date: '2026-11-24', time: '18:04' }, instant, 'Europe/Brussels')).toBe(true);
    expect(isPast({ date: '2026-11-24', time: '18:05' }, instant, 'Europe/Brussels')).toBe(false);
    // 18:04 in New York is still to come.
    expect(isPast({ date: '2026-11-24', time: '18:04' }, instant, 'America/New_York')).toBe(false);
  });

  it('is sent as YYYY-MM-DDTHH:mm and shown without a time zone shift', () => {
    expect(sendAtValue({ date: '2026-11-24', time: '18:06' })).toBe('2026-11-24T18:06');
    expect(formatLocal('2026-11-24T18:06', 'nl-BE')).toBe('24 nov 2026, 18:06');
    expect(formatLocal('not a time', 'nl-BE')).toBe('not a time');
  });

  it('knows which time zones the browser can use', () => {
    expect(knownTimeZone('Europe/Brussels')).toBe(true);
    expect(knownTimeZone('Mars/Olympus')).toBe(false);
    expect(knownTimeZone('')).toBe(false);
  });
});

describe('nudges from the server', () => {
  it('are read defensively', () => {
    expect(parseNudge({ id: 'n-1', status: 'WAITING' })).toBeNull();
    expect(parseNudge({ id: 'n-1', status: 'SENT', origin: 'ROBOT', reason: 'BORED', text: 'Hoi' })).toMatchObject({
      id: 'n-1',
      status: 'SENT',
      origin: 'MANUAL',
      reason: null,
      text: 'Hoi',
      sentAt: null,
    });
  });

  it('keep a suggestion a newer one replaced, as SUPERSEDED', () => {
    expect(parseNudge({ id: 'n-2', status: 'SUPERSEDED', origin: 'ADAPTIVE', reason: 'INACTIVE', text: 'Hoi' })).toMatchObject({
      id: 'n-2',
      status: 'SUPERSEDED',
    });
  });
});
