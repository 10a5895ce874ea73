import type { Unit } from './types.ts';

const UPPER = /\p{Lu}/u;
/** Lines this long or longer may be hard-wrapped prose, which runs on over the line break. */
const WRAPPED_LINE = 60;

/** Whether unit `u` is a sentence's end mark standing alone: ".", "!" or "?". */
export function isEndMark(text: string, u: Unit): boolean {
  if (u.end - u.start !== 1) return false;
  const c = text.charCodeAt(u.start);
  return c === 46 || c === 33 || c === 63;
}
const SPACE = /^\s+$/;
/** A capitalised word of up to three letters before a period is likely an abbreviation: "Dr . Cox", "U . S". */
const SHORT_CAPITALISED = /^\p{Lu}\p{L}{0,2}$/u;

/**
 * Units no entity may continue into: a sentence's end mark standing alone (".", "!", "?") and the word
 * after it, when that word follows a space and starts with a capital ("drove to Sedona. Hurricane Milton
 * hit": a tagger once read "Sedona. Hurricane Milton" as one person). An abbreviation the tokenizer
 * keeps whole ("Inc.", "U.S.") is one unit and no break; "Co . said" (lower case after it) is none,
 * and a period after a short capitalised word ("Dr . Cox", pre-tokenised text) is none either. With
 * `lines`, the first word of every line too: no name runs over a line break ("Modern Olympic
 * Games\nAthens hosted", "Netherlands\nLotte Wilms"), whatever headings, signatures and address blocks
 * put there (for the general model; a Custom NER label may run over lines, an address's say).
 */
export function sentenceBreaks(text: string, units: readonly Unit[], lines = false): number[] {
  const closed: number[] = [];
  for (let k = 0; k + 1 < units.length; k++) {
    const u = units[k]!;
    const next = units[k + 1]!;
    const endMark = isEndMark(text, u);
    if (!endMark) {
      if (lines && text.lastIndexOf('\n', next.start - 1) >= u.end) closed.push(k + 1);
      continue;
    }
    const before = k > 0 ? text.slice(units[k - 1]!.start, units[k - 1]!.end) : '';
    if (text.charCodeAt(u.start) === 46 && SHORT_CAPITALISED.test(before)) continue;
    if (!SPACE.test(text.slice(u.end, next.start)) || !UPPER.test(text[next.start] ?? '')) continue;
    closed.push(k, k + 1);
  }
  return closed;
}

/**
 * The units of `closed` (sentenceBreaks) that start a sentence, where a tagger trained on sentences
 * alone starts a window: the word after an end mark, and the first word of a line after a short line
 * (a heading, a list item: under WRAPPED_LINE characters) or a blank line; not the first word of a line
 * of hard-wrapped prose, whose sentence runs on.
 */
export function sentenceStarts(text: string, units: readonly Unit[], closed: readonly number[]): number[] {
  const starts: number[] = [];
  for (const k of closed) {
    const prev = units[k - 1];
    if (!prev || isEndMark(text, units[k]!)) continue;
    if (!isEndMark(text, prev)) {
      const lineStart = text.lastIndexOf('\n', prev.start) + 1;
      const blank = /\n\s*\n/.test(text.slice(prev.end, units[k]!.start));
      if (prev.end - lineStart >= WRAPPED_LINE && !blank) continue;
    }
    starts.push(k);
  }
  return starts;
}
