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
