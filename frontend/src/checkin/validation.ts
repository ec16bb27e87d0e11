import { ApiError } from '../auth/problem';
import { characterCount } from '../chat/chatStore';
import { MAX_NOTE, MAX_TAGS, SCALE_MAX, SCALE_MIN } from './types';

/** What the check-in form holds before it is sent. */
export interface CheckInDraft {
  mood: number | null;
  stress: number | null;
  tags: string[];
  note: string;
}

export type CheckInField = 'mood' | 'stress' | 'tags' | 'note';

/** Error codes per field, as the server names them (`checkin.invalid` → errors[].code). */
export type CheckInErrors = Partial<Record<CheckInField, string>>;

const FIELDS: readonly CheckInField[] = ['mood', 'stress', 'tags', 'note'];

function onScale(value: number | null): boolean {
  return value !== null && Number.isInteger(value) && value >= SCALE_MIN && value <= SCALE_MAX;
}

/** The note as the server stores it: line ends as \n, trimmed. */
export function normaliseNote(note: string): string {
  return note.replace(/\r\n?/g, '\n').trim();
}

/** The same checks the server makes, so most mistakes are explained before sending. */
export function validateCheckIn(draft: CheckInDraft): CheckInErrors {
  const errors: CheckInErrors = {};
  if (draft.mood === null) errors.mood = 'mood.required';
  else if (!onScale(draft.mood)) errors.mood = 'mood.out-of-range';
  if (draft.stress === null) errors.stress = 'stress.required';
  else if (!onScale(draft.stress)) errors.stress = 'stress.out-of-range';
  if (draft.tags.length > MAX_TAGS) errors.tags = 'tags.too-many';
  if (characterCount(normaliseNote(draft.note)) > MAX_NOTE) errors.note = 'note.too-long';
  return errors;
}

/** The body of `POST /api/checkins`. */
export function checkInBody(id: string, draft: CheckInDraft) {
  const note = normaliseNote(draft.note);
  return { id, mood: draft.mood, stress: draft.stress, tags: draft.tags, ...(note ? { note } : {}) };
}

/**
 * Splits a refused check-in into errors per field and whether something else was wrong
 * (an error without a field of the form, e.g. the id).
 */
export function errorsFromProblem(error: unknown): { fields: CheckInErrors; other: boolean } {
  const fields: CheckInErrors = {};
  if (!(error instanceof ApiError) || error.status !== 400) return { fields, other: true };
  let other = false;
  for (const problem of error.fieldErrors) {
    const field = FIELDS.find((f) => f === problem.field || problem.code.startsWith(`${f}.`));
    if (field && !fields[field]) fields[field] = problem.code;
    else if (!field) other = true;
  }
  if (error.fieldErrors.length === 0) other = true;
  return { fields, other };
}
