import { Fragment } from 'react';
import type { Highlight } from '../safety/types';

/*
 * The words that carried a finding, marked in the text. The ranges come from the server and are
 * read defensively: out of range, reversed, overlapping or half a surrogate pair never breaks the
 * text, and the text is only ever cut into slices (React escapes them; no HTML is built).
 */

export interface TextPart {
  text: string;
  marked: boolean;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Moves an offset that falls inside a surrogate pair (an emoji) to the start of that pair. */
function snapBack(text: string, offset: number): number {
  return offset > 0 && offset < text.length && isLow(text.charCodeAt(offset)) && isHigh(text.charCodeAt(offset - 1)) ? offset - 1 : offset;
}

/** Moves an offset that falls inside a surrogate pair to the end of that pair. */
function snapForward(text: string, offset: number): number {
  return offset > 0 && offset < text.length && isLow(text.charCodeAt(offset)) && isHigh(text.charCodeAt(offset - 1)) ? offset + 1 : offset;
}

/** The usable ranges: inside the text, not empty, sorted, overlapping and touching ones joined. */
export function normaliseRanges(text: string, ranges: readonly Highlight[]): Highlight[] {
  const clamp = (value: number) => Math.min(text.length, Math.max(0, Math.floor(value)));
  const usable = ranges
    .filter((range) => Number.isFinite(range.start) && Number.isFinite(range.end))
    .map((range) => ({ start: snapBack(text, clamp(range.start)), end: snapForward(text, clamp(range.end)) }))
    .filter((range) => range.start < range.end)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Highlight[] = [];
  for (const range of usable) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** The text cut into plain and marked parts, in order; joined they give the text back. */
export function highlightParts(text: string, ranges: readonly Highlight[]): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const range of normaliseRanges(text, ranges)) {
    if (range.start > at) parts.push({ text: text.slice(at, range.start), marked: false });
    parts.push({ text: text.slice(range.start, range.end), marked: true });
    at = range.end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), marked: false });
  return parts;
}

/**
 * At most `max` UTF-16 units of a long text for the queue, with its highlights moved along: the
 * excerpt starts a little before the first highlight when that would otherwise be cut off.
 */
export function excerpt(text: string, ranges: readonly Highlight[], max = 140): { text: string; highlights: Highlight[] } {
  if (text.length <= max) return { text, highlights: [...ranges] };
  const first = normaliseRanges(text, ranges)[0];
  const lead = 30;
  let from = first && first.end > max - 1 ? snapBack(text, Math.max(0, first.start - lead)) : 0;
  if (from >= text.length) from = 0;
  const prefix = from > 0 ? '…' : '';
  let to = snapBack(text, Math.min(text.length, from + max - 1 - prefix.length));
  if (to <= from) to = text.length;
  const suffix = to < text.length ? '…' : '';
  const shift = prefix.length - from;
  return {
    text: `${prefix}${text.slice(from, to)}${suffix}`,
    highlights: normaliseRanges(text, ranges)
      .map((range) => ({ start: Math.max(range.start, from) + shift, end: Math.min(range.end, to) + shift }))
      .filter((range) => range.start < range.end),
  };
}

/** The text with its highlights in <mark>. */
export function HighlightedText({ text, highlights }: { text: string; highlights: readonly Highlight[] }) {
  return (
    <>
      {highlightParts(text, highlights).map((part, index) =>
        part.marked ? <mark key={index}>{part.text}</mark> : <Fragment key={index}>{part.text}</Fragment>,
      )}
    </>
  );
}
