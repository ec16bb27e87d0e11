import { ApiError } from '../auth/problem';
import { formatSeconds, MAX_FREE_TEXT, MAX_JOURNAL, type AnsweredStep, type StepKind } from './types';
import type { ProgrammeT } from './useProgrammeText';
import type { ProgrammeTextKey } from './useProgrammeText';

/** Length as the server counts it (code points). */
export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

export function maxTextLength(kind: StepKind): number {
  return kind === 'JOURNAL' ? MAX_JOURNAL : MAX_FREE_TEXT;
}

/** Why a text answer cannot be sent yet (a text key), or null when it can. */
export function textProblem(kind: StepKind, text: string): ProgrammeTextKey | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'step.writeSomething';
  if (codePoints(trimmed) > maxTextLength(kind)) return 'step.tooLong';
  return null;
}

/** The error code of a refused answer or action (problem detail or ErrorEvent). */
export function errorCode(error: unknown): string | null {
  if (error instanceof ApiError) return error.code ?? null;
  if (typeof error === 'object' && error !== null && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    return (error as { code: string }).code;
  }
  return null;
}

function humanise(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * An answer as a short readable text for the therapist. Choice answers store option ids; the
 * option labels come with the answered step, and an id without a label is shown as words.
 */
export function describeAnswer(
  step: Pick<AnsweredStep, 'kind' | 'answer' | 'optionLabels'>,
  p: ProgrammeT,
  lang?: string,
): string {
  const a = step.answer ?? {};
  const label = (id: string): string => {
    const known = step.optionLabels?.[id];
    if (!known) return humanise(id);
    return (lang === 'en' ? known.en : known.nl) ?? humanise(id);
  };
  switch (step.kind) {
    case 'INFO':
      return p('answer.done');
    case 'FREE_TEXT':
    case 'JOURNAL':
      return typeof a.text === 'string' ? a.text : '';
    case 'SINGLE_CHOICE':
      return typeof a.option === 'string' ? label(a.option) : '';
    case 'MULTIPLE_CHOICE':
      return Array.isArray(a.options) ? a.options.map((o) => label(String(o))).join(', ') : '';
    case 'SCALE':
    case 'MOOD':
      return typeof a.value === 'number' ? String(a.value) : '';
    case 'TIMER': {
      const time = formatSeconds(typeof a.secondsSpent === 'number' ? a.secondsSpent : 0);
      return a.completed === true ? p('answer.timerCompleted', { time }) : p('answer.timerStopped', { time });
    }
    case 'QUESTIONNAIRE': {
      const band = bandText(typeof a.band === 'string' ? a.band : 'unknown', p);
      return typeof a.score === 'number' ? `${p('answer.score', { band })} (${a.score})` : p('answer.score', { band });
    }
    default:
      return JSON.stringify(a);
  }
}

const BANDS = ['minimal', 'mild', 'moderate', 'moderately-severe', 'severe'] as const;

/** A questionnaire band as a word (never the raw score). */
export function bandText(band: string, p: ProgrammeT): string {
  return (BANDS as readonly string[]).includes(band) ? p(`band.${band}` as ProgrammeTextKey) : p('band.unknown');
}
