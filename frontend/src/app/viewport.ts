import { useEffect, useState, type RefObject } from 'react';

/** The part of `window.visualViewport` the keyboard inset needs. */
export interface VisualViewportLike {
  height: number;
  offsetTop: number;
  scale: number;
}

/**
 * How many pixels at the bottom of the layout viewport the on-screen keyboard hides.
 *
 * Chromium honours `interactive-widget=resizes-content` (see index.html): the layout viewport
 * shrinks with the keyboard, so this is 0 there. Safari keeps the layout viewport and only
 * shrinks the visual one; the difference is the keyboard. While the reader zooms in, the
 * visual viewport is small for another reason, so nothing is reported then.
 */
export function keyboardInset(layoutHeight: number, visual: VisualViewportLike | null | undefined): number {
  if (!visual || Math.abs(visual.scale - 1) > 0.01) return 0;
  return Math.max(0, Math.round(layoutHeight - visual.height - visual.offsetTop));
}

/**
 * Keeps the CSS variable `--keyboard-inset` on <html> up to date, so full-height views (the
 * chat) end above the on-screen keyboard and the composer stays in sight.
 */
export function useKeyboardInset(): void {
  useEffect(() => {
    const visual = window.visualViewport;
    if (!visual) return undefined;
    const root = document.documentElement;
    const update = () => root.style.setProperty('--keyboard-inset', `${keyboardInset(window.innerHeight, visual)}px`);
    update();
    visual.addEventListener('resize', update);
    visual.addEventListener('scroll', update);
    return () => {
      visual.removeEventListener('resize', update);
      visual.removeEventListener('scroll', update);
      root.style.removeProperty('--keyboard-inset');
    };
  }, []);
}

/** Whether a CSS media query matches now; follows changes. */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof window.matchMedia === 'function' && window.matchMedia(query).matches);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return undefined;
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}

/**
 * Whether the device has a precise pointer that can hover (a mouse or trackpad), which in
 * practice goes with a physical keyboard: keyboard tips are only shown there, not on phones.
 */
export const FINE_POINTER_QUERY = '(hover: hover) and (pointer: fine)';

/**
 * Keeps the CSS variable `--app-header-height` on <html> equal to the height of the sticky top
 * bar, so dialogs open below it (its quick-exit button stays usable) and jumps end under it.
 */
export function useHeaderHeight(header: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = header.current;
    if (!element || typeof ResizeObserver !== 'function') return undefined;
    const root = document.documentElement;
    const update = () => root.style.setProperty('--app-header-height', `${Math.round(element.getBoundingClientRect().height)}px`);
    const observer = new ResizeObserver(update);
    observer.observe(element);
    update();
    return () => {
      observer.disconnect();
      root.style.removeProperty('--app-header-height');
    };
  }, [header]);
}
