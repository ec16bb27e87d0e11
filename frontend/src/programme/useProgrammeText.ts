import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type nl from '../i18n/locales/nl.json';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A key under `programme.` in the locale files, e.g. `catalogue.title`. */
export type ProgrammeTextKey = Leaves<(typeof nl)['programme']>;

export type ProgrammeT = (key: ProgrammeTextKey, values?: Record<string, string | number>) => string;

const KNOWN_ERRORS = new Set([
  'answer.out-of-range',
  'answer.unknown-option',
  'answer.no-option',
  'answer.text-missing',
  'answer.text-too-long',
  'answer.items-missing',
  'answer.not-current-step',
  'answer.already-given',
  'enrolment.paused',
  'enrolment.completed',
  'enrolment.left',
  'enrolment.not-found',
  'enrolment.exists',
  'client.not-in-caseload',
  'programme.not-found',
]);

/** Texts of the programme pages (`programme.*` in the locale files) in the current language. */
export function useProgrammeText(): ProgrammeT {
  const { t } = useTranslation();
  return useCallback(
    (key, values) => (t as unknown as (key: string, values?: Record<string, string | number>) => string)(`programme.${key}`, values),
    [t],
  );
}

/** The text key for an error code of the programme API, or null when it has none. */
export function errorKey(code: string | undefined | null): ProgrammeTextKey | null {
  return code && KNOWN_ERRORS.has(code) ? (`errors.${code}` as ProgrammeTextKey) : null;
}
