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

/** The tags that go with a lower and with a higher mood, each with the largest difference first. */
export interface TagPatterns {
  lower: TagTrend[];
  higher: TagTrend[];
}

/**
 * The tag patterns as the server chose them (`lowMoodTags`, `highMoodTags`: used at least
 * twice, a difference of at least 1), with their numbers.
 */
export function tagPatterns(trends: Pick<Trends, 'tags' | 'lowMoodTags' | 'highMoodTags'>): TagPatterns {
  const named = (names: readonly string[]) => {
    const chosen = new Set(names);
    return trends.tags.filter((tag) => chosen.has(tag.tag) && tag.difference !== null);
  };
  return {
    lower: named(trends.lowMoodTags).sort((a, b) => (a.difference ?? 0) - (b.difference ?? 0)),
    higher: named(trends.highMoodTags).sort((a, b) => (b.difference ?? 0) - (a.difference ?? 0)),
  };
}

/** At most this many dates on the daily chart's axis: about what fits on a phone 360 px wide. */
export const MAX_AXIS_LABELS = 7;

/**
 * The days (indexes into the series) that get their date on the daily chart's axis. Days with
 * a check-in come first, newest first, so a lone check-in is always named; then the other days,
 * newest first, to give the axis its bearings. Labels stay at least `length / max` days apart
 * (rounded up) so they never run into each other; a check-in closer than that to a newer one
 * goes without a label (the tooltip and the table still name it).
 */
export function axisLabelDays(series: Pick<DailySeries, 'mood' | 'stress'>, max = MAX_AXIS_LABELS): Set<number> {
  const length = series.mood.length;
  const gap = Math.max(1, Math.ceil(length / max));
  const newestFirst = [...Array(length).keys()].reverse();
  const hasData = (index: number) => (series.mood[index] ?? null) !== null || (series.stress[index] ?? null) !== null;
  const chosen: number[] = [];
  for (const index of [...newestFirst.filter(hasData), ...newestFirst.filter((index) => !hasData(index))]) {
    if (chosen.length >= max) break;
    if (chosen.every((other) => Math.abs(other - index) >= gap)) chosen.push(index);
  }
  return new Set(chosen);
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

/**
 * A calendar date as the parts of its written form, one per line (`['14', 'nov']`): narrow
 * enough for a date under every day a chart names on a phone.
 */
export function calendarDateLines(date: string, locale: string, options: Intl.DateTimeFormatOptions): string[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return [date];
  const value = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' })
    .formatToParts(value)
    .filter((part) => part.type !== 'literal')
    .map((part) => part.value);
}

/** A mood or stress average with one decimal, in the locale (`6,5` in Dutch). */
export function formatScore(value: number | null, locale: string): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}
