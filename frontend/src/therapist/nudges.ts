import { isRecord, num, oneOf, str } from '../app/json';

/**
 * Nudges: short messages a therapist sends a client now or at a planned time (in the CLIENT's
 * local time), templates to write them faster, and the adaptive settings with which Cocon sends
 * or suggests them by itself. REST under /api/clients/{id}/nudges, /api/clients/{id}/nudge-settings
 * and /api/nudge-templates; read defensively.
 */

/** SUPERSEDED: a suggestion left unanswered until a newer one for the same reason replaced it. */
export const NUDGE_STATUSES = ['SCHEDULED', 'SENT', 'SUGGESTED', 'DISMISSED', 'CANCELLED', 'SUPERSEDED'] as const;
export type NudgeStatus = (typeof NUDGE_STATUSES)[number];

export const NUDGE_REASONS = ['STALLED', 'MISSED_CHECKINS', 'INACTIVE'] as const;
export type NudgeReason = (typeof NUDGE_REASONS)[number];

export type NudgeAction = 'cancel' | 'approve' | 'dismiss';

/** The longest nudge and template texts the server accepts (code points). */
export const MAX_NUDGE = 500;
export const MAX_TEMPLATE_TITLE = 80;

export interface Nudge {
  id: string;
  clientId: string;
  text: string;
  status: NudgeStatus;
  origin: 'MANUAL' | 'ADAPTIVE';
  reason: NudgeReason | null;
  sendAt: string;
  /** The client's local time, `YYYY-MM-DDTHH:mm`. */
  localSendAt: string;
  timezone: string;
  createdAt: string;
  sentAt: string | null;
}

export interface Template {
  id: string;
  title: string;
  text: string;
  createdAt: string;
}

export interface AdaptiveSettings {
  enabled: boolean;
  mode: 'SEND' | 'SUGGEST';
  inactiveDays: number;
  stalledDays: number;
  missedCheckinDays: number;
  quietStart: string;
  quietEnd: string;
  minHoursBetween: number;
}

export const SETTINGS_FIELDS = ['inactiveDays', 'stalledDays', 'missedCheckinDays', 'quietStart', 'quietEnd', 'minHoursBetween'] as const;
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

const client = (clientId: string) => `/api/clients/${encodeURIComponent(clientId)}`;

export const nudgeApi = {
  ofClient: (clientId: string) => `${client(clientId)}/nudges`,
  action: (clientId: string, nudgeId: string, action: NudgeAction) => `${client(clientId)}/nudges/${encodeURIComponent(nudgeId)}/${action}`,
  settings: (clientId: string) => `${client(clientId)}/nudge-settings`,
  templates: '/api/nudge-templates',
  template: (templateId: string) => `/api/nudge-templates/${encodeURIComponent(templateId)}`,
} as const;

// ---------------------------------------------------------------- readers

export function parseNudge(value: unknown): Nudge | null {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  const status = oneOf(NUDGE_STATUSES, value.status);
  if (id === null || status === null) return null;
  return {
    id,
    clientId: str(value.clientId) ?? '',
    text: str(value.text) ?? '',
    status,
    origin: value.origin === 'ADAPTIVE' ? 'ADAPTIVE' : 'MANUAL',
    reason: oneOf(NUDGE_REASONS, value.reason),
    sendAt: str(value.sendAt) ?? '',
    localSendAt: str(value.localSendAt) ?? '',
    timezone: str(value.timezone) ?? '',
    createdAt: str(value.createdAt) ?? '',
    sentAt: str(value.sentAt),
  };
}

export function parseNudges(value: unknown): Nudge[] {
  return Array.isArray(value) ? value.map(parseNudge).filter((n): n is Nudge => n !== null) : [];
}

export function parseTemplates(value: unknown): Template[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (!isRecord(item)) return [];
    const id = str(item.id);
    if (id === null) return [];
    return [{ id, title: str(item.title) ?? '', text: str(item.text) ?? '', createdAt: str(item.createdAt) ?? '' }];
  });
}

export function parseSettings(value: unknown): AdaptiveSettings | null {
  if (!isRecord(value)) return null;
  return {
    enabled: value.enabled === true,
    mode: value.mode === 'SEND' ? 'SEND' : 'SUGGEST',
    inactiveDays: num(value.inactiveDays) ?? 7,
    stalledDays: num(value.stalledDays) ?? 5,
    missedCheckinDays: num(value.missedCheckinDays) ?? 3,
    quietStart: str(value.quietStart) ?? '22:00',
    quietEnd: str(value.quietEnd) ?? '08:00',
    minHoursBetween: num(value.minHoursBetween) ?? 48,
  };
}

// ---------------------------------------------------------------- the client's local time

export interface LocalDateTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:mm` */
  time: string;
}

/** Whether the browser knows this IANA time zone. */
export function knownTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date and time in `timeZone` at the instant `now`. */
export function localDateTime(now: Date, timeZone: string): LocalDateTime {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/** A proposal for a planned nudge: the next full hour after now, in the client's time zone. */
export function nextFullHour(now: Date, timeZone: string): LocalDateTime {
  const { date, time } = localDateTime(now, timeZone);
  const [year, month, day] = date.split('-').map(Number);
  const hour = Number(time.slice(0, 2));
  // Plain calendar arithmetic on the wall clock (Date in UTC only as a calculator).
  const next = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, hour + 1, 0));
  return { date: next.toISOString().slice(0, 10), time: next.toISOString().slice(11, 16) };
}

/** `sendAt` as the API wants it: the client's local `YYYY-MM-DDTHH:mm`. */
export function sendAtValue(local: LocalDateTime): string {
  return `${local.date}T${local.time}`;
}

/** Whether a planned local time lies before the current minute in the client's time zone. */
export function isPast(local: LocalDateTime, now: Date, timeZone: string): boolean {
  return sendAtValue(local) < sendAtValue(localDateTime(now, timeZone));
}

/** A local `YYYY-MM-DDTHH:mm` written out in the interface language (no time zone shift). */
export function formatLocal(local: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return local;
  const value = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5])));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(value);
}
