import { describe, expect, it } from 'vitest';
import { titleWithCount } from '../moderation/alerts';

// The app's own source files (not the tests), as text.
const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../test/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/**
 * What shows outside the page (the tab title, system notifications, the app badge) can be
 * read by anyone near the screen or in the task bar: it never carries content.
 */
describe('discretion outside the page', () => {
  it('reads the sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
  });

  it('shows system notifications only as Web Push, whose neutral text the server writes, and sets no app badge', () => {
    const found = Object.entries(sources)
      .filter(([, text]) => /\bnew Notification\(|Notification\.requestPermission|showNotification\(|setAppBadge\(/.test(text))
      .map(([file]) => file)
      .sort();
    // browserPush asks permission (on a click, in the settings); swPush shows what the server
    // sent ("Je hebt een nieuw bericht", never content: docs/notifications.md)
    expect(found).toEqual(['../push/browserPush.ts', '../push/swPush.ts']);
    expect(sources['../push/swPush.ts']).not.toMatch(/setAppBadge|new Notification\(/);
  });

  it('writes the tab title only as the neutral title, at most with a count', () => {
    const writers = Object.entries(sources)
      .filter(([, text]) => /document\.title\s*=/.test(text))
      .map(([file]) => file)
      .sort();
    expect(writers).toEqual(['../i18n/i18n.ts', '../moderation/ModerationPage.tsx']);
    expect(sources['../i18n/i18n.ts']).toMatch(/document\.title = instance\.t\('meta\.tabTitle'\)/);
    expect(sources['../moderation/ModerationPage.tsx']).toMatch(/document\.title = titleWithCount\(i18n\.t\('meta\.tabTitle'\), waiting\)/);
    expect(titleWithCount('Notities', 3)).toBe('(3) Notities');
  });
});
