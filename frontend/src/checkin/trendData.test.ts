import { describe, expect, it } from 'vitest';
import { oneCheckInTrends, trends } from './fixtures';
import { axisLabelDays, bestAndHardestWeekday, calendarDateLines, dailySeries, formatCalendarDate, formatScore, tagPatterns, weekdayName, weekdaySeries } from './trendData';
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

  it('the tag patterns are the ones the server chose, in both directions, the largest difference first', () => {
    const data = trends({
      tags: [...trends().tags, { tag: 'sport', count: 4, moodWith: 8, moodWithout: 5, difference: 3 }],
      lowMoodTags: ['sleep', 'school'],
      highMoodTags: ['friends', 'sport'],
    });
    const patterns = tagPatterns(data);
    expect(patterns.lower.map((t) => t.tag)).toEqual(['school', 'sleep']);
    expect(patterns.higher.map((t) => t.tag)).toEqual(['sport', 'friends']);
    expect(tagPatterns(trends({ lowMoodTags: [], highMoodTags: [] }))).toEqual({ lower: [], higher: [] });
  });

  it('a lone check-in always has its date on the axis, wherever it is in the period', () => {
    for (const length of [7, 30, 90]) {
      for (const daysAgo of [0, 1, Math.floor(length / 2), length - 1]) {
        const series = dailySeries(oneCheckInTrends(length, daysAgo).days);
        expect(axisLabelDays(series).has(length - 1 - daysAgo), `${length} days, ${daysAgo} ago`).toBe(true);
      }
    }
  });

  it('axis dates: at most 7, never closer than the period over 7, every day of a week', () => {
    expect([...axisLabelDays(dailySeries(trends().days))].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const month = [...axisLabelDays(dailySeries(oneCheckInTrends(30, 0).days))].sort((a, b) => a - b);
    expect(month).toEqual([4, 9, 14, 19, 24, 29]);
    // Check-ins on the last three days of 90: the newest is named, the two before are too close to it.
    const days = oneCheckInTrends(90, 0).days.map((day, index) => (index >= 87 ? { ...day, mood: 5, stress: 5, count: 1 } : day));
    const labelled = [...axisLabelDays(dailySeries(days))].sort((a, b) => a - b);
    expect(labelled).toContain(89);
    expect(labelled).not.toContain(88);
    expect(labelled.length).toBeLessThanOrEqual(7);
    labelled.slice(1).forEach((index, i) => expect(index - (labelled[i] ?? 0)).toBeGreaterThanOrEqual(13));
  });

  it('dates and numbers in the reader’s language, without a time zone shift', () => {
    expect(formatCalendarDate('2026-11-16', 'nl-BE', { weekday: 'long', day: 'numeric', month: 'long' })).toBe('maandag 16 november');
    expect(calendarDateLines('2026-11-16', 'nl-BE', { day: 'numeric', month: 'short' })).toEqual(['16', 'nov']);
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
