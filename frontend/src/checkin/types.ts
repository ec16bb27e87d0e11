/**
 * The check-in contract with the backend (REST under /api/checkins for the client,
 * /api/clients/{id}/checkins for their therapist). Everything the server sends is read
 * defensively: an unreadable entry is skipped instead of breaking the page.
 */
import { isRecord, list, num, str } from '../app/json';
import { parseCrisisCard, type CrisisCard } from '../safety/types';

/** Mood and stress are whole numbers on this scale. */
export const SCALE_MIN = 1;
export const SCALE_MAX = 10;
/** The longest note the server accepts, in characters (code points, after trimming). */
export const MAX_NOTE = 500;
/** From here on the note field shows how many characters are left. */
export const NOTE_COUNTER_FROM = 400;
export const MAX_TAGS = 6;

/** The periods the trend view offers. */
export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = 30;

export const DIRECTIONS = ['UP', 'FLAT', 'DOWN'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface CheckIn {
  id: string;
  at: string;
  /** The client's local date, `YYYY-MM-DD`. */
  date: string;
  mood: number;
  stress: number;
  tags: string[];
  note: string | null;
}

export interface Average {
  mood: number | null;
  stress: number | null;
  count: number;
}

export interface TrendDay {
  date: string;
  mood: number | null;
  stress: number | null;
  count: number;
}

export interface WeekdayTrend {
  /** ISO weekday, Monday = 1. */
  weekday: number;
  mood: number | null;
  stress: number | null;
  count: number;
}

export interface TagTrend {
  tag: string;
  count: number;
  moodWith: number;
  moodWithout: number | null;
  difference: number | null;
}

export interface Trends {
  from: string;
  to: string;
  timezone: string;
  /** One per calendar day, oldest first. */
  days: TrendDay[];
  average7: Average;
  previous7: Average;
  average30: Average;
  direction: Direction | null;
  /** Always 7, Monday first. */
  weekdays: WeekdayTrend[];
  tags: TagTrend[];
  /** Tags used at least twice with a mood at least 1 lower than without (the server's rule). */
  lowMoodTags: string[];
  /** Tags used at least twice with a mood at least 1 higher than without. */
  highMoodTags: string[];
}

/** `POST /api/checkins` */
export interface Posted {
  checkIn: CheckIn | null;
  crisis: CrisisCard | null;
}

export interface Reminder {
  enabled: boolean;
  /** Local time `HH:mm`. */
  time: string;
  /** The account's time zone (read-only). */
  timezone: string;
}

export const checkinApi = {
  mine: (days = 30) => `/api/checkins?days=${days}`,
  post: '/api/checkins',
  trends: (days: number) => `/api/checkins/trends?days=${days}`,
  tags: '/api/checkins/tags',
  reminder: '/api/checkins/reminder',
  ofClient: (clientId: string, days = 30) => `/api/clients/${encodeURIComponent(clientId)}/checkins?days=${days}`,
  trendsOfClient: (clientId: string, days: number) => `/api/clients/${encodeURIComponent(clientId)}/checkins/trends?days=${days}`,
} as const;

/** `data.notice` of the guide's daily check-in reminder in the CHECKIN conversation. */
export const REMINDER_NOTICE = 'checkin-reminder';

/** A fresh id for a check-in (the server stores a check-in once per id, so a retry is safe). */
export function newCheckInId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Outside a secure context randomUUID is missing: build a version 4 UUID by hand.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------- readers

function strings(value: unknown): string[] {
  return list(value, str);
}

export function parseCheckIn(value: unknown): CheckIn | null {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  const mood = num(value.mood);
  const stress = num(value.stress);
  if (id === null || mood === null || stress === null) return null;
  const at = str(value.at) ?? '';
  return { id, at, date: str(value.date) ?? at.slice(0, 10), mood, stress, tags: strings(value.tags), note: str(value.note) };
}

export function parseCheckIns(value: unknown): CheckIn[] {
  return list(value, parseCheckIn);
}

function parseAverage(value: unknown): Average {
  if (!isRecord(value)) return { mood: null, stress: null, count: 0 };
  return { mood: num(value.mood), stress: num(value.stress), count: num(value.count) ?? 0 };
}

function parseDay(value: unknown): TrendDay | null {
  if (!isRecord(value)) return null;
  const date = str(value.date);
  if (date === null) return null;
  return { date, mood: num(value.mood), stress: num(value.stress), count: num(value.count) ?? 0 };
}

function parseWeekday(value: unknown): WeekdayTrend | null {
  if (!isRecord(value)) return null;
  const weekday = num(value.weekday);
  if (weekday === null || weekday < 1 || weekday > 7) return null;
  return { weekday, mood: num(value.mood), stress: num(value.stress), count: num(value.count) ?? 0 };
}

function parseTag(value: unknown): TagTrend | null {
  if (!isRecord(value)) return null;
  const tag = str(value.tag);
  const moodWith = num(value.moodWith);
  if (tag === null || moodWith === null) return null;
  return { tag, count: num(value.count) ?? 0, moodWith, moodWithout: num(value.moodWithout), difference: num(value.difference) };
}

function direction(value: unknown): Direction | null {
  return typeof value === 'string' && (DIRECTIONS as readonly string[]).includes(value) ? (value as Direction) : null;
}

export function parseTrends(value: unknown): Trends | null {
  if (!isRecord(value)) return null;
  return {
    from: str(value.from) ?? '',
    to: str(value.to) ?? '',
    timezone: str(value.timezone) ?? '',
    days: list(value.days, parseDay),
    average7: parseAverage(value.average7),
    previous7: parseAverage(value.previous7),
    average30: parseAverage(value.average30),
    direction: direction(value.direction),
    weekdays: list(value.weekdays, parseWeekday).sort((a, b) => a.weekday - b.weekday),
    tags: list(value.tags, parseTag),
    lowMoodTags: strings(value.lowMoodTags),
    highMoodTags: strings(value.highMoodTags),
  };
}

export function parsePosted(value: unknown): Posted {
  if (!isRecord(value)) return { checkIn: null, crisis: null };
  return { checkIn: parseCheckIn(value.checkIn), crisis: parseCrisisCard(value.crisis) };
}

export function parseReminder(value: unknown): Reminder | null {
  if (!isRecord(value)) return null;
  return { enabled: value.enabled === true, time: str(value.time) ?? '19:00', timezone: str(value.timezone) ?? '' };
}

export function parseDirection(value: unknown): Direction | null {
  return direction(value);
}
