import type { TFunction } from 'i18next';
import type { ApiError } from './problem';

/**
 * Minimum password length when the server does not say (`/auth/config` tells the configured
 * one; the server checks it again).
 */
export const DEFAULT_PASSWORD_MIN_LENGTH = 10;

/** Username rule: 3–32 characters, lowercase letters, digits, `.`, `_`, `-`; starts with a letter or digit. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,31}$/;

export const PSEUDONYM_MIN = 2;
export const PSEUDONYM_MAX = 40;

/** Error codes from the server that the app has a translated text for. */
export const KNOWN_CODES = [
  'username.invalid',
  'username.taken',
  'pseudonym.invalid',
  'password.too-short',
  'password.too-long',
  'password.common',
  'password.contains-username',
  'age.not-confirmed',
  'house-rules.not-accepted',
  'signup.rate-limited',
] as const;

export type KnownCode = (typeof KNOWN_CODES)[number];

export function isKnownCode(code: unknown): code is KnownCode {
  return typeof code === 'string' && (KNOWN_CODES as readonly string[]).includes(code);
}

/** The form fields that server errors can point at. */
export type FormField = 'username' | 'pseudonym' | 'password' | 'minimumAgeConfirmed' | 'houseRulesAccepted' | 'role' | 'locale';

const FIELD_BY_CODE_PREFIX: Record<string, FormField> = {
  username: 'username',
  pseudonym: 'pseudonym',
  password: 'password',
  age: 'minimumAgeConfirmed',
  'house-rules': 'houseRulesAccepted',
  role: 'role',
  locale: 'locale',
};

const FORM_FIELDS: readonly FormField[] = ['username', 'pseudonym', 'password', 'minimumAgeConfirmed', 'houseRulesAccepted', 'role', 'locale'];

/** Which field an error belongs to: by its code (the contract), else by the field name the server gave. */
export function fieldForError(code: string, field?: string): FormField | null {
  const byCode = FIELD_BY_CODE_PREFIX[code.split('.')[0] ?? ''];
  if (byCode) return byCode;
  return field && (FORM_FIELDS as readonly string[]).includes(field) ? (field as FormField) : null;
}

/** The translated text for an error code (a neutral text for codes the app does not know). */
export function messageForCode(t: TFunction, code: string | undefined, passwordMinLength = DEFAULT_PASSWORD_MIN_LENGTH): string {
  if (code === 'password.too-short') return t('problems.password.too-short', { min: passwordMinLength });
  if (isKnownCode(code)) return t(`problems.${code}`);
  return t('problems.fieldGeneric');
}

export type FieldErrors = Partial<Record<FormField, string>>;

/**
 * Splits a server error into messages per field plus one message for the whole form.
 * 409 `username.taken` and 429 `signup.rate-limited` carry their code at the top level.
 */
export function errorsFromApi(t: TFunction, error: ApiError): { fields: FieldErrors; form: string | null } {
  const fields: FieldErrors = {};
  let form: string | null = null;
  for (const problem of error.fieldErrors) {
    const field = fieldForError(problem.code, problem.field);
    const message = messageForCode(t, problem.code);
    if (field && !fields[field]) fields[field] = message;
    else if (!field) form = message;
  }
  const code = error.code;
  if (code && Object.keys(fields).length === 0) {
    const field = fieldForError(code);
    if (field && isKnownCode(code)) fields[field] = messageForCode(t, code);
    else if (isKnownCode(code)) form = messageForCode(t, code);
  }
  return { fields, form };
}
