/*
 * Which messages of a long context are shown at first: the latest few, every flagged message and
 * the one just before it (what it answered). What is left out is shown as a gap with a count.
 */

export type ContextEntry<T> = { kind: 'message'; message: T; index: number } | { kind: 'gap'; count: number; index: number };

/** How many of the newest messages are always shown. */
export const LATEST_SHOWN = 3;

export function contextWindow<T>(messages: readonly T[], flagged: (message: T) => boolean, latest = LATEST_SHOWN): ContextEntry<T>[] {
  const shown = new Set<number>();
  messages.forEach((message, index) => {
    if (index >= messages.length - latest) shown.add(index);
    if (flagged(message)) {
      shown.add(index);
      if (index > 0) shown.add(index - 1);
    }
  });
  const entries: ContextEntry<T>[] = [];
  let hidden = 0;
  messages.forEach((message, index) => {
    if (shown.has(index)) {
      if (hidden > 0) entries.push({ kind: 'gap', count: hidden, index: index - hidden });
      hidden = 0;
      entries.push({ kind: 'message', message, index });
    } else {
      hidden += 1;
    }
  });
  if (hidden > 0) entries.push({ kind: 'gap', count: hidden, index: messages.length - hidden });
  return entries;
}

/** Whether the window leaves anything out. */
export function hasHidden<T>(entries: readonly ContextEntry<T>[]): boolean {
  return entries.some((entry) => entry.kind === 'gap');
}
