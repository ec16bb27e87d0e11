import type { Language } from '../i18n/languages';

export const ROLES = ['ADMIN', 'MODERATOR', 'THERAPIST', 'CLIENT'] as const;

/** The roles the app knows, most powerful first (the order in which /home picks one). */
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** `GET /api/me` */
export interface Me {
  id: string;
  username: string;
  pseudonym: string;
  roles: string[];
  locale: Language | string;
  timezone: string;
  createdAt: string;
  therapist: { id: string; pseudonym: string } | null;
}

/** The roles of this user that the app knows, in priority order ADMIN > MODERATOR > THERAPIST > CLIENT. */
export function knownRoles(roles: readonly string[]): Role[] {
  return ROLES.filter((role) => roles.includes(role));
}

/** The role whose home page /home shows first; null when the user has none the app knows. */
export function primaryRole(roles: readonly string[]): Role | null {
  return knownRoles(roles)[0] ?? null;
}
