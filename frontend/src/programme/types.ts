import { isRecord } from '../app/json';

/**
 * The programme contract (docs/programmes.md, docs/openapi.json): catalogue entries,
 * enrolments with answers and scores, and the `data` of guide chat messages.
 */

export type Localised = Partial<Record<'nl' | 'en', string>> & Record<string, string | undefined>;

export interface CatalogueEntry {
  id: string;
  version: number;
  title: Localised;
  summary: Localised;
  audience: Localised;
  estimatedMinutes: number;
  steps: number;
  modules: Localised[];
}

export type EnrolmentStatus = 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'LEFT';

export interface Comment {
  therapistId: string;
  text: string;
  at: string;
}

export interface AnsweredStep {
  stepId: string;
  kind: StepKind | string;
  run: number;
  text: Localised;
  startedAt: string | null;
  answeredAt: string | null;
  answer: Record<string, unknown>;
  /** Labels of a choice step's options by id (answers store ids); absent on older servers. */
  optionLabels?: Record<string, Localised>;
  comments: Comment[];
}

export interface Score {
  questionnaire: string;
  /** The run of the enrolment the score was given in (absent from older servers: run 1). */
  run?: number;
  at: string;
  score: number;
  band: string;
}

/** A score band of a questionnaire: totals `min` to `max`, both included. */
export interface ScoreBand {
  id: string;
  min: number;
  max: number;
  label: Localised;
}

/** A questionnaire as the enrolment's programme version uses it, for charts. */
export interface QuestionnaireInfo {
  id: string;
  name: string;
  maxScore: number;
  /** Lowest first. */
  bands: ScoreBand[];
}

export interface Enrolment {
  id: string;
  programmeId: string;
  version: number;
  title: Localised;
  status: EnrolmentStatus | string;
  conversationId: string;
  currentStepId: string | null;
  stepsDone: number;
  stepsTotal: number;
  run: number;
  startedAt: string | null;
  updatedAt: string | null;
  completedAt: string | null;
  answers: AnsweredStep[];
  scores: Score[];
  /** The questionnaires of the programme version (absent from older servers). */
  questionnaires?: QuestionnaireInfo[];
}

export const STEP_KINDS = [
  'INFO',
  'FREE_TEXT',
  'JOURNAL',
  'SINGLE_CHOICE',
  'MULTIPLE_CHOICE',
  'SCALE',
  'MOOD',
  'TIMER',
  'QUESTIONNAIRE',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export interface StepOption {
  id: string;
  label: string;
}

export interface StepScale {
  min: number;
  max: number;
  minLabel: string;
  maxLabel: string;
}

export interface StepQuestionnaire {
  id: string;
  name: string;
  instructions: string;
  items: { id: string; text: string }[];
  options: { value: number; label: string }[];
}

/** The `data` of a STEP message: what the browser needs to draw the step. */
export interface StepData {
  enrolmentId: string;
  programmeId: string;
  stepId: string;
  kind: StepKind;
  module: string;
  position: number;
  total: number;
  options?: StepOption[];
  scale?: StepScale;
  timer?: { seconds: number; instructions: string };
  questionnaire?: StepQuestionnaire;
}

/** What is sent as `answer`, by step kind. */
export type StepAnswer =
  | Record<string, never>
  | { text: string }
  | { option: string }
  | { options: string[] }
  | { value: number }
  | { completed: boolean; secondsSpent: number }
  | { items: number[] };

export const MAX_FREE_TEXT = 2000;
export const MAX_JOURNAL = 4000;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown, fallback = 0): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);

export function isStepKind(value: unknown): value is StepKind {
  return typeof value === 'string' && (STEP_KINDS as readonly string[]).includes(value);
}

/** Reads the `data` of a STEP message; null when it is not a step we can draw. */
export function parseStepData(data: unknown): StepData | null {
  if (!isRecord(data) || !isStepKind(data.kind) || typeof data.stepId !== 'string' || typeof data.enrolmentId !== 'string') return null;
  const step: StepData = {
    enrolmentId: data.enrolmentId,
    programmeId: str(data.programmeId),
    stepId: data.stepId,
    kind: data.kind,
    module: str(data.module),
    position: num(data.position, 1),
    total: num(data.total, 1),
  };
  if (Array.isArray(data.options)) {
    step.options = data.options.filter(isRecord).map((o) => ({ id: str(o.id), label: str(o.label) }));
  }
  if (isRecord(data.scale)) {
    const s = data.scale;
    step.scale = { min: num(s.min, 0), max: num(s.max, 10), minLabel: str(s.minLabel), maxLabel: str(s.maxLabel) };
  }
  if (isRecord(data.timer)) step.timer = { seconds: num(data.timer.seconds, 60), instructions: str(data.timer.instructions) };
  if (isRecord(data.questionnaire)) {
    const q = data.questionnaire;
    step.questionnaire = {
      id: str(q.id),
      name: str(q.name),
      instructions: str(q.instructions),
      items: Array.isArray(q.items) ? q.items.filter(isRecord).map((i) => ({ id: str(i.id), text: str(i.text) })) : [],
      options: Array.isArray(q.options) ? q.options.filter(isRecord).map((o) => ({ value: num(o.value), label: str(o.label) })) : [],
    };
  }
  return step;
}

/** The text in the current language (Dutch, then anything, as fallback). */
export function localised(text: Localised | null | undefined, language: string | undefined): string {
  if (!text) return '';
  const lang = language === 'en' ? 'en' : 'nl';
  return text[lang] ?? text.nl ?? text.en ?? Object.values(text).find((v) => typeof v === 'string') ?? '';
}

/** Open enrolments can be continued; completed and left ones cannot. */
export function isOpen(enrolment: Pick<Enrolment, 'status'>): boolean {
  return enrolment.status === 'ACTIVE' || enrolment.status === 'PAUSED';
}

/** `m:ss` for the timer. */
export function formatSeconds(total: number): string {
  const seconds = Math.max(0, Math.round(total));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export const programmeApi = {
  catalogue: '/api/programmes',
  mine: '/api/enrolments',
  enrol: '/api/enrolments',
  action: (id: string, action: 'pause' | 'resume' | 'restart' | 'leave') => `/api/enrolments/${encodeURIComponent(id)}/${action}`,
  answers: (id: string) => `/api/enrolments/${encodeURIComponent(id)}/answers`,
  comments: (id: string, stepId: string) => `/api/enrolments/${encodeURIComponent(id)}/steps/${encodeURIComponent(stepId)}/comments`,
  ofClient: (clientId: string) => `/api/clients/${encodeURIComponent(clientId)}/enrolments`,
};
