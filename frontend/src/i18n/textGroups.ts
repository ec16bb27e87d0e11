/**
 * The locale files are split in parts when built (vite.config.ts, `?texts=` imports), so a
 * phone loads only the texts of the pages it opens. The JSON files themselves stay whole.
 * - "core": the shell, the chat, programmes, check-in, errors; loaded before the first render;
 * - "start": the signed-out pages (landing, sign-in, return from sign-in);
 * - "pages": the homes, staff pages, sign-up and the audit log.
 * A page that needs "start" or "pages" loads it first (App.tsx, PageTexts.tsx).
 */
export type TextPart = 'core' | 'start' | 'pages';

export const TEXT_PARTS: readonly TextPart[] = ['core', 'start', 'pages'];

/** Top-level groups outside "core", by part. */
const GROUPS: Record<Exclude<TextPart, 'core'>, readonly string[]> = {
  start: ['welcome', 'login', 'callback'],
  pages: ['moderation', 'escalation', 'nudge', 'admin', 'stats', 'dashboard', 'clientDetail', 'audit', 'houseRules', 'signup', 'home', 'privacy', 'push'],
};

export function partOf(group: string): TextPart {
  if (GROUPS.start.includes(group)) return 'start';
  if (GROUPS.pages.includes(group)) return 'pages';
  return 'core';
}

/** One top-level group of `part`: present in a language's resources once that part is loaded. */
export function markerOf(part: Exclude<TextPart, 'core'>): string {
  return GROUPS[part][0] ?? '';
}

/** The top-level groups of `texts` that belong to `part`. */
export function pickTexts<T extends Record<string, unknown>>(texts: T, part: TextPart): Partial<T> {
  return Object.fromEntries(Object.entries(texts).filter(([group]) => partOf(group) === part)) as Partial<T>;
}
