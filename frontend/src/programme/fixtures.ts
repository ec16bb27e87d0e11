import type { CatalogueEntry, Enrolment } from './types';

/** Test data shaped like the backend's answers. */
export function catalogueEntry(overrides: Partial<CatalogueEntry> = {}): CatalogueEntry {
  return {
    id: 'stress-and-relaxation',
    version: 1,
    title: { nl: 'Stress en ontspanning', en: 'Stress and relaxation' },
    summary: { nl: 'Ontdek wat stress met je doet.', en: 'Find out what stress does to you.' },
    audience: { nl: 'Jongeren', en: 'Young people' },
    estimatedMinutes: 25,
    steps: 15,
    modules: [{ nl: 'Stress in je lijf', en: 'Stress in your body' }],
    ...overrides,
  };
}

export function enrolment(overrides: Partial<Enrolment> = {}): Enrolment {
  return {
    id: 'e-1',
    programmeId: 'stress-and-relaxation',
    version: 1,
    title: { nl: 'Stress en ontspanning', en: 'Stress and relaxation' },
    status: 'ACTIVE',
    conversationId: 'guide-e-1',
    currentStepId: 'stress-level',
    stepsDone: 2,
    stepsTotal: 15,
    run: 1,
    startedAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:05:00Z',
    completedAt: null,
    answers: [],
    scores: [],
    ...overrides,
  };
}
