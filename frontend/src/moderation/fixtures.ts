import type { EscalationDetail, EscalationSummary, Signal } from '../safety/types';

/** Test data in the shapes of the safety contract. */

export function signal(overrides: Partial<Signal> = {}): Signal {
  return {
    source: 'CHAT_MESSAGE',
    category: 'SUICIDE',
    severity: 'HIGH',
    text: 'ik wil dood, ik heb pillen verzameld',
    conversationId: 'therapy-c-1',
    seq: 7,
    at: '2026-11-20T10:00:00Z',
    byId: 'c-1',
    reasons: ['intent', 'method'],
    highlights: [
      { start: 3, end: 11 },
      { start: 20, end: 26 },
    ],
    questionnaire: null,
    contextUsed: false,
    ...overrides,
  };
}

export function escalation(overrides: Partial<EscalationSummary> = {}): EscalationSummary {
  return {
    id: 'e-1',
    client: { id: 'c-1', pseudonym: 'Robin' },
    therapist: { id: 't-1', pseudonym: 'Dr. Noor Peeters' },
    status: 'OPEN',
    severity: 'HIGH',
    category: 'SUICIDE',
    openedAt: '2026-11-20T10:00:00Z',
    overdue: false,
    alerts: 0,
    claimedBy: null,
    claimedAt: null,
    resolvedAt: null,
    outcome: null,
    signalCount: 1,
    lastSignal: signal(),
    dismissReason: null,
    escalatedFromReview: false,
    ...overrides,
  };
}

export function detail(overrides: Partial<EscalationDetail> = {}): EscalationDetail {
  return {
    ...escalation(),
    signals: [signal()],
    notes: [],
    context: [
      {
        conversationId: 'therapy-c-1',
        kind: 'THERAPY',
        messages: [
          { seq: 6, senderId: 't-1', sender: 'Dr. Noor Peeters', kind: 'TEXT', body: 'Hoe gaat het vandaag?', at: '2026-11-20T09:58:00Z' },
          { seq: 7, senderId: 'c-1', sender: 'Robin', kind: 'TEXT', body: 'ik wil dood, ik heb pillen verzameld', at: '2026-11-20T10:00:00Z' },
        ],
      },
      { conversationId: 'guide-c-1', kind: 'GUIDE', messages: [] },
    ],
    joinedConversationId: null,
    resolutionNote: null,
    ...overrides,
  };
}

/** The guaranteed review phrase of the contract, as a signal. */
export const REVIEW_TEXT = 'ik wil gewoon weg van alles';

export function reviewSignal(overrides: Partial<Signal> = {}): Signal {
  return signal({
    category: null,
    severity: 'REVIEW',
    text: REVIEW_TEXT,
    seq: 9,
    reasons: ['uncertain', 'passive-wish'],
    highlights: [{ start: 3, end: 27 }],
    ...overrides,
  });
}

/** An open review item about Sam. */
export function reviewItem(overrides: Partial<EscalationSummary> = {}): EscalationSummary {
  return escalation({
    id: 'r-1',
    client: { id: 'c-2', pseudonym: 'Sam' },
    therapist: { id: 't-1', pseudonym: 'Dr. Noor Peeters' },
    severity: 'REVIEW',
    category: null,
    lastSignal: reviewSignal({ conversationId: 'therapy-c-2', byId: 'c-2' }),
    ...overrides,
  });
}

export function reviewDetail(overrides: Partial<EscalationDetail> = {}): EscalationDetail {
  const item = reviewItem();
  return {
    ...item,
    signals: [item.lastSignal!],
    notes: [],
    context: [
      {
        conversationId: 'therapy-c-2',
        kind: 'THERAPY',
        messages: [
          { seq: 8, senderId: 't-1', sender: 'Dr. Noor Peeters', kind: 'TEXT', body: 'Hoe was je week?', at: '2026-11-20T09:58:00Z' },
          { seq: 9, senderId: 'c-2', sender: 'Sam', kind: 'TEXT', body: REVIEW_TEXT, at: '2026-11-20T10:00:00Z' },
        ],
      },
    ],
    joinedConversationId: null,
    resolutionNote: null,
    ...overrides,
  };
}

/** `GET /api/safety/stats?days=30` as in the contract. */
export const STATS = {
  from: '2026-11-08',
  to: '2026-12-07',
  zone: 'Europe/Brussels',
  days: [
    { date: '2026-12-05', high: 0, medium: 1, review: 0 },
    { date: '2026-12-06', high: 0, medium: 1, review: 1 },
    { date: '2026-12-07', high: 1, medium: 0, review: 2 },
  ],
  bySeverity: { HIGH: 1, MEDIUM: 2, REVIEW: 3 },
  byCategory: { SUICIDE: 2, SELF_HARM: 1, ABUSE: 0, VIOLENCE: 0, UNKNOWN: 3 },
  bySource: { CHAT_MESSAGE: 4, PROGRAMME_ANSWER: 0, QUESTIONNAIRE: 0, CHECKIN_NOTE: 0, HELP_BUTTON: 2, THERAPIST: 0 },
  reviews: { opened: 3, dismissed: 1, escalated: 1, open: 1 },
  outcomes: { CONTACTED: 1, REFERRED_TO_CRISIS_LINE: 0, EMERGENCY_SERVICES: 0, FALSE_POSITIVE: 0, DISMISSED: 1 },
  timeToClaim: { count: 2, medianSeconds: 40.0, p90Seconds: 95.0 },
  timeToResolve: { count: 2, medianSeconds: 600.0, p90Seconds: 900.0 },
};

export const CRISIS_CARD = {
  country: 'BE',
  language: 'nl',
  intro: 'Je hoeft dit niet alleen te dragen. Praat er nu over met iemand.',
  resources: [
    {
      id: 'zelfmoordlijn',
      name: 'Zelfmoordlijn 1813',
      description: 'Anoniem praten over zelfmoordgedachten.',
      phone: '1813',
      phoneLabel: '1813',
      chatUrl: 'https://www.zelfmoord1813.be/chat',
      website: 'https://www.zelfmoord1813.be',
      hours: '24/7',
      audience: null,
      emergency: false,
    },
    {
      id: 'awel',
      name: 'Awel',
      description: 'Voor kinderen en jongeren met een vraag of verhaal.',
      phone: '102',
      phoneLabel: '102',
      chatUrl: null,
      website: 'https://www.awel.be',
      hours: 'elke dag 16:00–22:00',
      audience: 'voor jongeren',
      emergency: false,
    },
    {
      id: 'emergency',
      name: 'Noodnummer',
      description: 'Bij direct gevaar.',
      phone: '112',
      phoneLabel: '112',
      chatUrl: null,
      website: null,
      hours: '24/7',
      audience: null,
      emergency: true,
    },
  ],
};
