/**
 * The safety contract with the backend: crisis cards, the help button and escalations
 * (REST under /api/help, /api/escalations, /api/caseload/escalations, /api/clients/{id}/escalations;
 * STOMP on /topic/escalations and /user/queue/escalations). Everything the server sends is read
 * defensively: an unreadable entry is skipped instead of breaking the page.
 */

import { isRecord, list, num, oneOf, str } from '../app/json';

export interface CrisisResource {
  id: string;
  name: string;
  description: string;
  /** Dialable, e.g. `1813` or `08000113`. */
  phone: string | null;
  /** As shown, e.g. `0800-0113`. */
  phoneLabel: string | null;
  chatUrl: string | null;
  website: string | null;
  /** Localised, e.g. "24/7". */
  hours: string;
  /** Localised, e.g. "for young people". */
  audience: string | null;
  /** 112 */
  emergency: boolean;
}

export interface CrisisCard {
  country: string;
  language: string;
  intro: string;
  resources: CrisisResource[];
}

/** HIGH and MEDIUM are escalations (crisis card, alerts); REVIEW is a quiet item for a moderator to look at. */
export const SEVERITIES = ['HIGH', 'MEDIUM', 'REVIEW'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The severities a person chooses when escalating (a therapist, or a moderator raising a review item). */
export const ESCALATION_SEVERITIES = ['HIGH', 'MEDIUM'] as const;
export type EscalationSeverity = (typeof ESCALATION_SEVERITIES)[number];

export const CATEGORIES = ['SUICIDE', 'SELF_HARM', 'ABUSE', 'VIOLENCE'] as const;
export type Category = (typeof CATEGORIES)[number];

export const ESCALATION_STATUSES = ['OPEN', 'CLAIMED', 'RESOLVED'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** CLIENT_DELETED: closed by the platform when the client deleted their account. */
export const OUTCOMES = ['CONTACTED', 'REFERRED_TO_CRISIS_LINE', 'EMERGENCY_SERVICES', 'FALSE_POSITIVE', 'DISMISSED', 'CLIENT_DELETED'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The outcomes a moderator chooses when resolving (DISMISSED is what dismissing a review item gives). */
export const RESOLVE_OUTCOMES = ['CONTACTED', 'REFERRED_TO_CRISIS_LINE', 'EMERGENCY_SERVICES', 'FALSE_POSITIVE'] as const;
export type ResolveOutcome = (typeof RESOLVE_OUTCOMES)[number];

/** Why a moderator found a review item not worrying; OTHER needs a note. */
export const DISMISS_REASONS = ['NOT_RISK', 'HYPERBOLE', 'ABOUT_SOMEONE_ELSE', 'PAST_AND_RECOVERED', 'OTHER'] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];

export const SIGNAL_SOURCES = ['CHAT_MESSAGE', 'PROGRAMME_ANSWER', 'QUESTIONNAIRE', 'CHECKIN_NOTE', 'HELP_BUTTON', 'THERAPIST'] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

/** What the detector read in a text, as stable codes (translated under `escalation.reason`). */
export const REASONS = [
  'intent',
  'method',
  'plan',
  'timing',
  'place',
  'farewell',
  'burden',
  'hopelessness',
  'passive-wish',
  'self-harm',
  'abuse',
  'sexual-abuse',
  'threat-to-others',
  'weapon',
  'threatened',
  'context',
  'uncertain',
] as const;
export type Reason = (typeof REASONS)[number];

export const EVENT_TYPES = ['OPENED', 'SIGNAL', 'CLAIMED', 'JOINED', 'NOTE', 'RESOLVED', 'OVERDUE', 'DISMISSED', 'ESCALATED'] as const;
export type EscalationEventType = (typeof EVENT_TYPES)[number];

export interface Person {
  id: string;
  pseudonym: string;
}

/** A stretch `[start, end)` of a signal's text, in UTF-16 offsets (as JavaScript strings count). */
export interface Highlight {
  start: number;
  end: number;
}

/** A questionnaire answer that raised a signal, e.g. PHQ-9 item 9 answered 2 of 3. */
export interface QuestionnaireAnswer {
  name: string;
  item: number;
  value: number;
  max: number;
}

export interface Signal {
  source: SignalSource | string;
  category: Category | null;
  severity: Severity;
  text: string;
  conversationId: string | null;
  seq: number | null;
  at: string;
  byId: string;
  /** Codes of what the detector read (see REASONS); unknown codes are kept as they are. */
  reasons: string[];
  highlights: Highlight[];
  questionnaire: QuestionnaireAnswer | null;
  /** The finding needed the earlier messages of the conversation. */
  contextUsed: boolean;
}

export interface EscalationSummary {
  id: string;
  client: Person;
  therapist: Person | null;
  status: EscalationStatus;
  severity: Severity;
  category: Category | null;
  openedAt: string;
  overdue: boolean;
  /** Times re-alerted while unclaimed. */
  alerts: number;
  claimedBy: Person | null;
  claimedAt: string | null;
  resolvedAt: string | null;
  outcome: Outcome | null;
  signalCount: number;
  lastSignal: Signal | null;
  dismissReason: DismissReason | null;
  /** A review item a moderator raised to HIGH or MEDIUM. */
  escalatedFromReview: boolean;
}

export interface Note {
  id: string;
  author: Person;
  text: string;
  at: string;
}

export interface ContextMessage {
  seq: number;
  senderId: string;
  sender: string;
  kind: string;
  body: string;
  at: string;
}

export interface ContextConversation {
  conversationId: string;
  kind: string;
  messages: ContextMessage[];
}

export interface EscalationDetail extends EscalationSummary {
  signals: Signal[];
  notes: Note[];
  context: ContextConversation[];
  joinedConversationId: string | null;
  resolutionNote: string | null;
}

export interface EscalationEvent {
  type: EscalationEventType;
  escalation: EscalationSummary;
}

/** `POST /api/help` */
export interface HelpResponse {
  escalationId: string;
  status: EscalationStatus;
  crisis: CrisisCard | null;
}

export const safetyApi = {
  help: '/api/help',
  crisisResources: '/api/crisis-resources',
  escalations: (status: 'OPEN' | 'RESOLVED' = 'OPEN') => `/api/escalations?status=${status}`,
  escalation: (id: string) => `/api/escalations/${encodeURIComponent(id)}`,
  claim: (id: string) => `/api/escalations/${encodeURIComponent(id)}/claim`,
  join: (id: string) => `/api/escalations/${encodeURIComponent(id)}/join`,
  notes: (id: string) => `/api/escalations/${encodeURIComponent(id)}/notes`,
  resolve: (id: string) => `/api/escalations/${encodeURIComponent(id)}/resolve`,
  dismiss: (id: string) => `/api/escalations/${encodeURIComponent(id)}/dismiss`,
  escalate: (id: string) => `/api/escalations/${encodeURIComponent(id)}/escalate`,
  stats: (days: number) => `/api/safety/stats?days=${days}`,
  caseload: '/api/caseload/escalations',
  ofClient: (clientId: string) => `/api/clients/${encodeURIComponent(clientId)}/escalations`,
} as const;

export const ESCALATION_TOPIC = '/topic/escalations';
export const ESCALATION_QUEUE = '/user/queue/escalations';

/** The longest texts the server accepts (help text and therapist reason; notes). */
export const MAX_REASON = 2000;
export const MAX_NOTE = 4000;
/** The longest note with a dismissal or an escalation of a review item. */
export const MAX_REVIEW_NOTE = 1000;

// ---------------------------------------------------------------- readers

export function parseCrisisResource(value: unknown): CrisisResource | null {
  if (!isRecord(value)) return null;
  const name = str(value.name);
  if (name === null) return null;
  const phone = str(value.phone);
  return {
    id: str(value.id) ?? name,
    name,
    description: str(value.description) ?? '',
    phone,
    phoneLabel: str(value.phoneLabel) ?? phone,
    chatUrl: str(value.chatUrl),
    website: str(value.website),
    hours: str(value.hours) ?? '',
    audience: str(value.audience),
    emergency: value.emergency === true,
  };
}

export function parseCrisisCard(value: unknown): CrisisCard | null {
  if (!isRecord(value)) return null;
  const resources = list(value.resources, parseCrisisResource);
  if (resources.length === 0) return null;
  return {
    country: str(value.country) ?? '',
    language: str(value.language) ?? '',
    intro: str(value.intro) ?? '',
    resources,
  };
}

function parsePerson(value: unknown): Person | null {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  if (id === null) return null;
  return { id, pseudonym: str(value.pseudonym) ?? '?' };
}

function parseHighlight(value: unknown): Highlight | null {
  if (!isRecord(value)) return null;
  const start = num(value.start);
  const end = num(value.end);
  return start !== null && end !== null ? { start, end } : null;
}

function parseQuestionnaire(value: unknown): QuestionnaireAnswer | null {
  if (!isRecord(value)) return null;
  const name = str(value.name);
  const item = num(value.item);
  const answer = num(value.value);
  const max = num(value.max);
  return name !== null && item !== null && answer !== null && max !== null ? { name, item, value: answer, max } : null;
}

export function parseSignal(value: unknown): Signal | null {
  if (!isRecord(value)) return null;
  return {
    source: str(value.source) ?? 'CHAT_MESSAGE',
    category: oneOf(CATEGORIES, value.category),
    severity: oneOf(SEVERITIES, value.severity) ?? 'HIGH',
    text: str(value.text) ?? '',
    conversationId: str(value.conversationId),
    seq: num(value.seq),
    at: str(value.at) ?? '',
    byId: str(value.byId) ?? '',
    reasons: list(value.reasons, str),
    highlights: list(value.highlights, parseHighlight),
    questionnaire: parseQuestionnaire(value.questionnaire),
    contextUsed: value.contextUsed === true,
  };
}

export function parseEscalation(value: unknown): EscalationSummary | null {
  if (!isRecord(value)) return null;
  const id = str(value.id);
  const client = parsePerson(value.client);
  const status = oneOf(ESCALATION_STATUSES, value.status);
  if (id === null || client === null || status === null) return null;
  return {
    id,
    client,
    therapist: parsePerson(value.therapist),
    status,
    severity: oneOf(SEVERITIES, value.severity) ?? 'HIGH',
    category: oneOf(CATEGORIES, value.category),
    openedAt: str(value.openedAt) ?? '',
    overdue: value.overdue === true,
    alerts: num(value.alerts) ?? 0,
    claimedBy: parsePerson(value.claimedBy),
    claimedAt: str(value.claimedAt),
    resolvedAt: str(value.resolvedAt),
    outcome: oneOf(OUTCOMES, value.outcome),
    signalCount: num(value.signalCount) ?? 0,
    lastSignal: parseSignal(value.lastSignal),
    dismissReason: oneOf(DISMISS_REASONS, value.dismissReason),
    escalatedFromReview: value.escalatedFromReview === true,
  };
}

export function parseEscalations(value: unknown): EscalationSummary[] {
  return list(value, parseEscalation);
}

function parseNote(value: unknown): Note | null {
  if (!isRecord(value)) return null;
  const author = parsePerson(value.author);
  if (author === null) return null;
  return { id: str(value.id) ?? `${author.id}:${str(value.at) ?? ''}`, author, text: str(value.text) ?? '', at: str(value.at) ?? '' };
}

function parseContextMessage(value: unknown): ContextMessage | null {
  if (!isRecord(value)) return null;
  const seq = num(value.seq);
  if (seq === null) return null;
  return {
    seq,
    senderId: str(value.senderId) ?? '',
    sender: str(value.sender) ?? '?',
    kind: str(value.kind) ?? 'TEXT',
    body: str(value.body) ?? '',
    at: str(value.at) ?? '',
  };
}

function parseContext(value: unknown): ContextConversation | null {
  if (!isRecord(value)) return null;
  const conversationId = str(value.conversationId);
  if (conversationId === null) return null;
  return { conversationId, kind: str(value.kind) ?? 'THERAPY', messages: list(value.messages, parseContextMessage) };
}

export function parseEscalationDetail(value: unknown): EscalationDetail | null {
  const summary = parseEscalation(value);
  if (!summary || !isRecord(value)) return null;
  return {
    ...summary,
    signals: list(value.signals, parseSignal),
    notes: list(value.notes, parseNote),
    context: list(value.context, parseContext),
    joinedConversationId: str(value.joinedConversationId),
    resolutionNote: str(value.resolutionNote),
  };
}

export function parseEscalationEvent(value: unknown): EscalationEvent | null {
  if (!isRecord(value)) return null;
  const type = oneOf(EVENT_TYPES, value.type);
  const escalation = parseEscalation(value.escalation);
  return type && escalation ? { type, escalation } : null;
}

export function parseHelpResponse(value: unknown): HelpResponse | null {
  if (!isRecord(value)) return null;
  const escalationId = str(value.escalationId);
  if (escalationId === null) return null;
  return { escalationId, status: oneOf(ESCALATION_STATUSES, value.status) ?? 'OPEN', crisis: parseCrisisCard(value.crisis) };
}

// ---------------------------------------------------------------- chat notices

/** `data.notice` of the safety NOTICE messages in a conversation. */
export type SafetyNotice =
  | { notice: 'crisis'; crisis: CrisisCard | null }
  | { notice: 'moderator-joined' | 'moderator-left'; moderator: string };

/** Reads the data of a chat message as a safety notice (null for every other message). */
export function safetyNotice(kind: string | undefined, data: Record<string, unknown> | null | undefined): SafetyNotice | null {
  if (kind !== 'NOTICE' || !data) return null;
  if (data.notice === 'crisis') return { notice: 'crisis', crisis: parseCrisisCard(data.crisis) };
  if (data.notice === 'moderator-joined' || data.notice === 'moderator-left') {
    return { notice: data.notice, moderator: str(data.moderator) ?? '?' };
  }
  return null;
}

/** A TEXT message written by a moderator (`data.senderRole`). */
export function isModeratorMessage(data: Record<string, unknown> | null | undefined): boolean {
  return data?.senderRole === 'MODERATOR';
}
