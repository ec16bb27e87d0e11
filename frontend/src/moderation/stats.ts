import { isRecord, list, num, str } from '../app/json';
import { CATEGORIES, SIGNAL_SOURCES, SEVERITIES, type Category, type Outcome, type Severity, type SignalSource } from '../safety/types';

/*
 * The safety figures for staff (`GET /api/safety/stats?days=N`): counts per day, severity,
 * category and source, what became of review items and escalations, and how fast they were
 * claimed and resolved. Read defensively: a missing count is 0, a missing time is "no data".
 */

/** The periods a moderator can choose, in days. */
export const STATS_PERIODS = [7, 30, 90] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];
export const DEFAULT_PERIOD: StatsPeriod = 30;

export function periodOf(value: string | null): StatsPeriod {
  return STATS_PERIODS.find((days) => String(days) === value) ?? DEFAULT_PERIOD;
}

/** Categories as the figures count them: a signal without one is UNKNOWN. */
export const STATS_CATEGORIES = [...CATEGORIES, 'UNKNOWN'] as const;
export type StatsCategory = Category | 'UNKNOWN';

export const STATS_OUTCOMES = ['CONTACTED', 'REFERRED_TO_CRISIS_LINE', 'EMERGENCY_SERVICES', 'FALSE_POSITIVE', 'DISMISSED', 'CLIENT_DELETED'] as const satisfies readonly Outcome[];

export interface StatsDay {
  /** `2026-12-07`, in the figures' time zone. */
  date: string;
  high: number;
  medium: number;
  review: number;
}

export interface Timing {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface SafetyStats {
  from: string;
  to: string;
  zone: string;
  days: StatsDay[];
  bySeverity: Record<Severity, number>;
  byCategory: Record<StatsCategory, number>;
  bySource: Record<SignalSource, number>;
  reviews: { opened: number; dismissed: number; escalated: number; open: number };
  outcomes: Record<Outcome, number>;
  timeToClaim: Timing;
  timeToResolve: Timing;
}

function count(value: unknown): number {
  const n = num(value);
  return n !== null && n > 0 ? n : 0;
}

function counts<K extends string>(keys: readonly K[], value: unknown): Record<K, number> {
  const record = isRecord(value) ? value : {};
  return Object.fromEntries(keys.map((key) => [key, count(record[key])])) as Record<K, number>;
}

function parseDay(value: unknown): StatsDay | null {
  if (!isRecord(value)) return null;
  const date = str(value.date);
  return date === null ? null : { date, high: count(value.high), medium: count(value.medium), review: count(value.review) };
}

function parseTiming(value: unknown): Timing {
  const record = isRecord(value) ? value : {};
  const seconds = (v: unknown) => {
    const n = num(v);
    return n !== null && n >= 0 ? n : null;
  };
  const n = count(record.count);
  return { count: n, medianSeconds: n > 0 ? seconds(record.medianSeconds) : null, p90Seconds: n > 0 ? seconds(record.p90Seconds) : null };
}

export function parseSafetyStats(value: unknown): SafetyStats | null {
  if (!isRecord(value)) return null;
  const days = list(value.days, parseDay);
  const reviews = counts(['opened', 'dismissed', 'escalated', 'open'] as const, value.reviews);
  return {
    from: str(value.from) ?? days[0]?.date ?? '',
    to: str(value.to) ?? days[days.length - 1]?.date ?? '',
    zone: str(value.zone) ?? '',
    days,
    bySeverity: counts(SEVERITIES, value.bySeverity),
    byCategory: counts(STATS_CATEGORIES, value.byCategory),
    bySource: counts(SIGNAL_SOURCES, value.bySource),
    reviews,
    outcomes: counts(STATS_OUTCOMES, value.outcomes),
    timeToClaim: parseTiming(value.timeToClaim),
    timeToResolve: parseTiming(value.timeToResolve),
  };
}

const UNITS = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
] as const;

/**
 * A duration as people say it, in at most two units next to each other: "40 seconden",
 * "1 minuut 35 seconden", "2 uur 5 minuten", "1 dag 3 uur". Null for no value.
 */
export function formatDuration(seconds: number | null, locale: string): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  const rounded = Math.round(seconds);
  const say = (unit: string, amount: number) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
  const index = UNITS.findIndex(([, size]) => rounded >= size);
  const big = UNITS[index];
  const next = UNITS[index + 1];
  if (!big || !next) return say('second', rounded);
  let amount = Math.floor(rounded / big[1]);
  let rest = Math.round((rounded - amount * big[1]) / next[1]);
  if (rest * next[1] >= big[1]) {
    amount += 1;
    rest = 0;
  }
  return rest > 0 ? `${say(big[0], amount)} ${say(next[0], rest)}` : say(big[0], amount);
}

/** The sum of the counts of a record. */
export function total(record: Readonly<Record<string, number>>): number {
  return Object.values(record).reduce((sum, n) => sum + n, 0);
}
