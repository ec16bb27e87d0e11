import { describe, expect, it } from 'vitest';
import { knownRoles, primaryRole } from './me';

describe('role selection for /home', () => {
  it.each([
    [['CLIENT'], 'CLIENT'],
    [['THERAPIST'], 'THERAPIST'],
    [['CLIENT', 'THERAPIST'], 'THERAPIST'],
    [['THERAPIST', 'MODERATOR'], 'MODERATOR'],
    [['CLIENT', 'ADMIN', 'MODERATOR'], 'ADMIN'],
    [['SOMETHING_NEW', 'CLIENT'], 'CLIENT'],
    [[], null],
    [['SOMETHING_NEW'], null],
  ])('%j → %s', (roles, expected) => {
    expect(primaryRole(roles)).toBe(expected);
  });

  it('lists known roles in priority order, ignoring unknown ones', () => {
    expect(knownRoles(['CLIENT', 'X', 'ADMIN', 'THERAPIST'])).toEqual(['ADMIN', 'THERAPIST', 'CLIENT']);
  });
});
