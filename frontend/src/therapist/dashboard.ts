/**
 * The therapist's dashboard (`GET /api/caseload/overview`): one row per client of the caseload,
 * read defensively, and how the table sorts.
 */
import { isRecord, num, str } from '../app/json';
import { parseDirection, type Direction } from '../checkin/types';
import type { Severity } from '../safety/types';

export const REASONS = ['ESCALATION', 'MOOD_FALLING', 'STALLED', 'INACTIVE'] as const;
export type Reason = (typeof REASONS)[number];

export interface ProgrammeRow {
  enrolmentId: string;
  programmeId: string;
  title: Record<string, string>;
  stepsDone: number;
  stepsTotal: number;
  paused: boolean;
  stalledDays: number;
}

export interface OverviewRow {
  client: { id: string; pseudonym: string };
  lastActivityAt: string | null;
  programme: ProgrammeRow | null;
  stepsThisWeek: number;
  moodTrend: Direction | null;
  mood7: number | null;
  unread: number;
  escalation: { id: string; severity: Severity; claimed: boolean } | null;
  needsAttention: boolean;
  reasons: Reason[];
}

export const overviewPath = '/api/caseload/overview';

function parseProgramme(value: unknown): ProgrammeRow | null {
  if (!isRecord(value)) return null;
  const title: Record<string, string> = {};
  if (isRecord(value.title)) {
    for (const [language, text] of Object.entries(value.title)) if (typeof text === 'string') title[language] = text;
  }
  return {
    enrolmentId: str(value.enrolmentId) ?? '',
    programmeId: str(value.programmeId) ?? '',
    title,
    stepsDone: num(value.stepsDone) ?? 0,
    stepsTotal: num(value.stepsTotal) ?? 0,
    paused: value.paused === true,
    stalledDays: num(value.stalledDays) ?? 0,
  };
}

function parseEscalation(value: unknown): OverviewRow['escalation'] {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  if (id === null) return null;
  return { id, severity: value.severity === 'MEDIUM' ? 'MEDIUM' : 'HIGH', claimed: value.claimed === true };
}

export function parseRow(value: unknown): OverviewRow | null {
  if (!isRecord(value) || !isRecord(value.client)) return null;
  const id = str(value.client.id);
  if (id === null) return null;
  const reasons = Array.isArray(value.reasons)
    ? value.reasons.filter((reason): reason is Reason => typeof reason === 'string' && (REASONS as readonly string[]).includes(reason))
    : [];
  return {
    client: { id, pseudonym: str(value.client.pseudonym) ?? '?' },
    lastActivityAt: str(value.lastActivityAt),
    programme: parseProgramme(value.programme),
    stepsThisWeek: num(value.stepsThisWeek) ?? 0,
    moodTrend: parseDirection(value.moodTrend),
    mood7: num(value.mood7),
    unread: num(value.unread) ?? 0,
    escalation: parseEscalation(value.escalation),
    needsAttention: value.needsAttention === true,
    reasons,
  };
}

export function parseOverview(value: unknown): OverviewRow[] {
  return Array.isArray(value) ? value.map(parseRow).filter((row): row is OverviewRow => row !== null) : [];
}

// ---------------------------------------------------------------- sorting

export const SORT_KEYS = ['attention', 'client', 'lastActivity', 'programme', 'steps', 'mood', 'unread', 'escalation'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

/** As the server sends it: who needs attention first, then by name. */
export const DEFAULT_SORT: Sort = { key: 'attention', direction: 'descending' };

/** The direction a column starts in when it is chosen: "most" first for counts and dates, A–Z for names. */
export function firstDirection(key: SortKey): SortDirection {
  return key === 'client' ? 'ascending' : 'descending';
}

/** A click on a column header: that column, or the same column the other way round. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key !== key) return { key, direction: firstDirection(key) };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

// Therapists never see review items (REVIEW); the rank is there for completeness.
const SEVERITY_RANK: Record<Severity, number> = { REVIEW: 0, MEDIUM: 1, HIGH: 2 };

/** The value a row is sorted by in a column; null = no value (always last). */
function sortValue(row: OverviewRow, key: SortKey): number | string | null {
  switch (key) {
    case 'attention':
      return row.needsAttention ? row.reasons.length || 1 : 0;
    case 'client':
      return row.client.pseudonym;
    case 'lastActivity': {
      const time = row.lastActivityAt ? Date.parse(row.lastActivityAt) : Number.NaN;
      return Number.isNaN(time) ? null : time;
    }
    case 'programme':
      return row.programme && row.programme.stepsTotal > 0 ? row.programme.stepsDone / row.programme.stepsTotal : null;
    case 'steps':
      return row.stepsThisWeek;
    case 'mood':
      return row.mood7;
    case 'unread':
      return row.unread;
    case 'escalation':
      return row.escalation ? SEVERITY_RANK[row.escalation.severity] * 2 + (row.escalation.claimed ? 0 : 1) : 0;
  }
}

const byName = (a: OverviewRow, b: OverviewRow) => a.client.pseudonym.localeCompare(b.client.pseudonym, undefined, { sensitivity: 'base' });

/** The rows in the chosen order; rows without a value come last either way, ties by name. */
export function sortRows(rows: readonly OverviewRow[], sort: Sort): OverviewRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x === null && y === null) return byName(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y, undefined, { sensitivity: 'base' }) : Number(x) - Number(y);
    return order !== 0 ? sign * order : byName(a, b);
  });
}
