import { describe, expect, it } from 'vitest';
import { trends } from './fixtures';
import { bestAndHardestWeekday, dailySeries, formatCalendarDate, formatScore, lowMoodTagTrends, weekdayName, weekdaySeries } from './trendData';
import { parseTrends } from './types';

describe('trend data for the charts', () => {
  it('one point per day, oldest first, null where there was no check-in', () => {
    const shuffled = [...trends().days].reverse();
    const series = dailySeries(shuffled);
    expect(series.dates).toEqual(['2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']);
    expect(series.mood).toEqual([5, null, 4.5, null, null, null, 7]);
    expect(series.stress).toEqual([6, null, 7, null, null, null, 3]);
    expect(series.daysWithData).toBe(3);
  });

  it('a day without check-ins draws nothing even if the server sent a number', () => {
    expect(dailySeries([{ date: '2026-11-01', mood: 0, stress: 0, count: 0 }]).mood).toEqual([null]);
  });

  it('weekdays Monday to Sunday, also when the server leaves one out', () => {
    const series = weekdaySeries(trends().weekdays.filter((w) => w.weekday !== 5));
    expect(series.weekdays).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(series.mood).toEqual([4.5, null, null, null, null, 5, null]);
  });

  it('names the best and the hardest weekday, only with two weekdays to compare', () => {
    const extremes = bestAndHardestWeekday(trends().weekdays);
    expect(extremes?.best.weekday).toBe(5);
    expect(extremes?.hardest.weekday).toBe(1);
    expect(bestAndHardestWeekday(trends().weekdays.map((w) => (w.weekday === 1 ? w : { ...w, count: 0, mood: null })))).toBeNull();
  });

  it('the tags that go with a lower mood are the ones the server chose, lowest first', () => {
    const data = trends({ lowMoodTags: ['sleep', 'school'] });
    expect(lowMoodTagTrends(data).map((t) => t.tag)).toEqual(['school', 'sleep']);
    expect(lowMoodTagTrends(trends({ lowMoodTags: [] }))).toEqual([]);
  });

  it('dates and numbers in the reader’s language, without a time zone shift', () => {
    expect(formatCalendarDate('2026-11-16', 'nl-BE', { weekday: 'long', day: 'numeric', month: 'long' })).toBe('maandag 16 november');
    expect(weekdayName(1, 'nl-BE')).toBe('maandag');
    expect(weekdayName(7, 'en-GB')).toBe('Sunday');
    expect(formatScore(6.5, 'nl-BE')).toBe('6,5');
    expect(formatScore(null, 'nl-BE')).toBe('–');
  });

  it('reads trends defensively', () => {
    const parsed = parseTrends({ ...trends(), direction: 'SIDEWAYS', days: [{ date: '2026-11-20', mood: 'x', count: 1 }, 'junk'], weekdays: [{ weekday: 9 }] });
    expect(parsed?.direction).toBeNull();
    expect(parsed?.days).toEqual([{ date: '2026-11-20', mood: null, stress: null, count: 1 }]);
    expect(parsed?.weekdays).toEqual([]);
    expect(parseTrends('nope')).toBeNull();
  });
});
