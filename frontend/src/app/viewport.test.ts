import { describe, expect, it } from 'vitest';
import { keyboardInset } from './viewport';

describe('keyboardInset', () => {
  it('is what the visual viewport lacks at the bottom of the layout viewport', () => {
    expect(keyboardInset(844, { height: 500, offsetTop: 0, scale: 1 })).toBe(344);
    // Safari scrolls the visual viewport down while typing: the part above does not count.
    expect(keyboardInset(844, { height: 500, offsetTop: 44, scale: 1 })).toBe(300);
  });

  it('is 0 without a keyboard, when the layout viewport shrinks itself, and while zoomed in', () => {
    expect(keyboardInset(844, { height: 844, offsetTop: 0, scale: 1 })).toBe(0);
    expect(keyboardInset(500, { height: 500, offsetTop: 0, scale: 1 })).toBe(0);
    expect(keyboardInset(844, { height: 422, offsetTop: 100, scale: 2 })).toBe(0);
    expect(keyboardInset(844, null)).toBe(0);
  });
});
