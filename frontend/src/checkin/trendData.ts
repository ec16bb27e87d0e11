import type { Average, TagTrend, TrendDay, Trends, WeekdayTrend } from './types';

/** What the line chart of mood and stress draws: one point per day, null where there was no check-in. */
export interface DailySeries {
  /** `YYYY-MM-DD`, oldest first. */
  dates: string[];
  mood: (number | null)[];
  stress: (number | null)[];
  /** Days with at least one check-in. */
  daysWithData: number;
}

export function dailySeries(days: readonly TrendDay[]): DailySeries {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  return {
    dates: sorted.map((day) => day.date),
    mood: sorted.map((day) => (day.count > 0 ? day.mood : null)),
    stress: sorted.map((day) => (day.count > 0 ? day.stress : null)),
    daysWithData: sorted.filter((day) => day.count > 0 && (day.mood !== null || day.stress !== null)).length,
  };
}

/** The bar chart of the weekday pattern: Monday to Sunday, null for weekdays without check-ins. */
export interface WeekdaySeries {
  weekdays: number[];
  mood: (number | null)[];
  stress: (number | null)[];
}

export function weekdaySeries(weekdays: readonly WeekdayTrend[]): WeekdaySeries {
  const byDay = new Map(weekdays.map((w) => [w.weekday, w] as const));
  const all = [1, 2, 3, 4, 5, 6, 7];
  return {
    weekdays: all,
    mood: all.map((day) => (byDay.get(day)?.count ? (byDay.get(day)?.mood ?? null) : null)),
    stress: all.map((day) => (byDay.get(day)?.count ? (byDay.get(day)?.stress ?? null) : null)),
  };
}

/** The weekdays with the highest and the lowest average mood (null with fewer than two weekdays to compare). */
export function bestAndHardestWeekday(weekdays: readonly WeekdayTrend[]): { best: WeekdayTrend; hardest: WeekdayTrend } | null {
  const known = weekdays.filter((w) => w.count > 0 && w.mood !== null);
  if (known.length < 2) return null;
  const sorted = [...known].sort((a, b) => (b.mood ?? 0) - (a.mood ?? 0) || a.weekday - b.weekday);
  const best = sorted[0];
  const hardest = sorted[sorted.length - 1];
  if (!best || !hardest || best.mood === hardest.mood) return null;
  return { best, hardest };
}

/**
 * The tags that go with a lower mood, as the server chose them (`lowMoodTags`), with their
 * numbers; lowest first.
 */
export function lowMoodTagTrends(trends: Pick<Trends, 'tags' | 'lowMoodTags'>): TagTrend[] {
  const chosen = new Set(trends.lowMoodTags);
  return trends.tags
    .filter((tag) => chosen.has(tag.tag) && tag.difference !== null)
    .sort((a, b) => (a.difference ?? 0) - (b.difference ?? 0));
}

/** Whether a period has anything to show. */
export function hasCheckIns(average: Average): boolean {
  return average.count > 0;
}

/** ISO weekday (Monday = 1) as a name in the given locale. */
export function weekdayName(weekday: number, locale: string, style: 'long' | 'short' = 'long'): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
}

/** A calendar date `YYYY-MM-DD` as written in the locale (not shifted by the browser's time zone). */
export function formatCalendarDate(date: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const value = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(value);
}

/** A mood or stress average with one decimal, in the locale (`6,5` in Dutch). */
export function formatScore(value: number | null, locale: string): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}
