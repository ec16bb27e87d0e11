import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en.json';
import nl from '../i18n/locales/nl.json';
import { actionKey, auditPagePath, BASES, groupByDay, KNOWN_ACTIONS, parseAuditPage, type AuditEntry } from './audit';

function entry(id: string, at: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { id, at, action: 'conversation.read', pseudonym: 'Dr. Noor Peeters', role: 'THERAPIST', basis: 'therapist', ...overrides };
}

describe('audit entries', () => {
  it('reads a page and leaves odd entries out', () => {
    const page = parseAuditPage({
      items: [
        { id: 'a', at: '2026-11-23T10:00:00Z', action: 'programme.view', actor: { pseudonym: 'Noor', role: 'THERAPIST' }, basis: 'therapist' },
        { id: 'b', at: 'not a time', action: 'programme.view' },
        { id: 'c', at: '2026-11-23T09:00:00Z', action: 'escalation.view', actor: { pseudonym: null, role: 'SOMETHING' }, basis: 'new' },
        'junk',
      ],
      next: 'cursor-1',
    });

    expect(page.items.map((item) => item.id)).toEqual(['a', 'c']);
    expect(page.items[1]).toMatchObject({ pseudonym: null, role: 'STAFF', basis: 'staff' });
    expect(page.next).toBe('cursor-1');
    expect(parseAuditPage('<html>')).toEqual({ items: [], next: null });
  });

  it('asks for a page with a limit and, for older ones, the cursor', () => {
    expect(auditPagePath(null)).toBe('/api/me/audit?limit=20');
    expect(auditPagePath('123-abc', 5)).toBe('/api/me/audit?limit=5&before=123-abc');
  });

  it('groups by day and folds repeats of the same thing into one row', () => {
    const days = groupByDay([
      entry('1', '2026-11-23T12:30:00Z'),
      entry('2', '2026-11-23T12:20:00Z'),
      entry('3', '2026-11-23T12:10:00Z', { action: 'checkin.view' }),
      entry('4', '2026-11-23T12:00:00Z'),
      entry('5', '2026-11-20T12:00:00Z', { pseudonym: 'Jules', role: 'MODERATOR', basis: 'moderator' }),
    ]);

    expect(days).toHaveLength(2);
    expect(days[0]?.rows.map((row) => [row.first.id, row.count, row.from])).toEqual([
      ['1', 2, '2026-11-23T12:20:00Z'],
      ['3', 1, '2026-11-23T12:10:00Z'],
      ['4', 1, '2026-11-23T12:00:00Z'],
    ]);
    expect(days[1]?.rows).toHaveLength(1);
  });

  it('has plain words for every action and reason, in Dutch and English', () => {
    for (const action of KNOWN_ACTIONS) {
      const key = actionKey(action) as keyof typeof nl.audit.action;
      expect(nl.audit.action[key], action).toBeTruthy();
      expect(en.audit.action[key], action).toBeTruthy();
    }
    expect(actionKey('something.new')).toBe('other');
    for (const basis of BASES) {
      const key = basis.replace('-', '_') as keyof typeof nl.audit.basis;
      expect(nl.audit.basis[key], basis).toBeTruthy();
      expect(en.audit.basis[key], basis).toBeTruthy();
    }
  });
});
