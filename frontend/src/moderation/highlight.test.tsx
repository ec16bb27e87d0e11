import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { contextWindow, hasHidden } from './contextWindow';
import { excerpt, highlightParts, HighlightedText, normaliseRanges } from './highlight';

const marked = (text: string, ranges: { start: number; end: number }[]) =>
  highlightParts(text, ranges)
    .filter((part) => part.marked)
    .map((part) => part.text);

describe('highlighting the words that carried a finding', () => {
  const text = 'ik heb de pillen klaargelegd voor vannacht';

  it('cuts the text into plain and marked parts that join back into the text', () => {
    const parts = highlightParts(text, [
      { start: 10, end: 16 },
      { start: 34, end: 42 },
    ]);
    expect(parts).toEqual([
      { text: 'ik heb de ', marked: false },
      { text: 'pillen', marked: true },
      { text: ' klaargelegd voor ', marked: false },
      { text: 'vannacht', marked: true },
    ]);
    expect(parts.map((part) => part.text).join('')).toBe(text);
  });

  it('joins overlapping and touching ranges, in any order', () => {
    expect(marked(text, [{ start: 17, end: 28 }, { start: 10, end: 20 }])).toEqual(['pillen klaargelegd']);
    expect(marked(text, [{ start: 16, end: 17 }, { start: 10, end: 16 }])).toEqual(['pillen ']);
    expect(normaliseRanges(text, [{ start: 12, end: 14 }, { start: 10, end: 16 }])).toEqual([{ start: 10, end: 16 }]);
  });

  it('ignores ranges that are empty, reversed or not numbers, and clamps those out of range', () => {
    expect(marked(text, [{ start: 5, end: 5 }, { start: 9, end: 3 }, { start: Number.NaN, end: 4 }])).toEqual([]);
    expect(marked(text, [{ start: -4, end: 2 }])).toEqual(['ik']);
    expect(marked(text, [{ start: 34, end: 400 }])).toEqual(['vannacht']);
    expect(marked(text, [{ start: 100, end: 120 }])).toEqual([]);
    expect(highlightParts('', [{ start: 0, end: 3 }])).toEqual([{ text: '', marked: false }]);
  });

  it('never splits an emoji (a surrogate pair) in half', () => {
    const laughing = 'ik ga dood 😂 echt';
    // 11 is the first half of the emoji, 12 its second half.
    expect(marked(laughing, [{ start: 12, end: 13 }])).toEqual(['😂']);
    expect(marked(laughing, [{ start: 6, end: 12 }])).toEqual(['dood 😂']);
  });

  it('renders marks as elements and the text as text, never as HTML', () => {
    const { container } = render(<HighlightedText text={'<b>weg</b> van alles'} highlights={[{ start: 3, end: 6 }]} />);
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<b>weg</b> van alles');
    expect(container.querySelector('mark')?.textContent).toBe('weg');
  });

  it('shortens a long text for the queue around its first highlight, and moves the highlights along', () => {
    const long = `${'bla '.repeat(50)}ik wil gewoon weg van alles ${'bla '.repeat(20)}`;
    const start = long.indexOf('weg');
    const short = excerpt(long, [{ start, end: start + 3 }], 80);
    expect(short.text.length).toBeLessThanOrEqual(80);
    expect(short.text.startsWith('…')).toBe(true);
    expect(short.text.endsWith('…')).toBe(true);
    expect(marked(short.text, short.highlights)).toEqual(['weg']);
    // Short texts stay as they are.
    expect(excerpt('weg', [{ start: 0, end: 3 }])).toEqual({ text: 'weg', highlights: [{ start: 0, end: 3 }] });
    // A highlight near the start: cut at the end only.
    const early = excerpt(`weg ${'bla '.repeat(60)}`, [{ start: 0, end: 3 }], 40);
    expect(early.text.startsWith('weg')).toBe(true);
    expect(marked(early.text, early.highlights)).toEqual(['weg']);
  });
});

describe('the context window', () => {
  const messages = Array.from({ length: 12 }, (_, i) => ({ seq: i + 1 }));
  const shape = (entries: ReturnType<typeof contextWindow<{ seq: number }>>) =>
    entries.map((entry) => (entry.kind === 'gap' ? `…${entry.count}` : String(entry.message.seq)));

  it('shows the latest three, and the rest as one gap', () => {
    const entries = contextWindow(messages, () => false);
    expect(shape(entries)).toEqual(['…9', '10', '11', '12']);
    expect(hasHidden(entries)).toBe(true);
  });

  it('also shows a flagged message and the one before it, with gaps between', () => {
    expect(shape(contextWindow(messages, (m) => m.seq === 5))).toEqual(['…3', '4', '5', '…4', '10', '11', '12']);
    expect(shape(contextWindow(messages, (m) => m.seq === 1))).toEqual(['1', '…8', '10', '11', '12']);
  });

  it('hides nothing in a short conversation', () => {
    const entries = contextWindow(messages.slice(0, 3), (m) => m.seq === 2);
    expect(shape(entries)).toEqual(['1', '2', '3']);
    expect(hasHidden(entries)).toBe(false);
  });
});
