import type { Unit } from './types.ts';

const UPPER = /\p{Lu}/u;
const SPACE = /^\s+$/;
/** A capitalised word of up to three letters before a period is likely an abbreviation: "Dr . Cox", "U . S". */
const SHORT_CAPITALISED = /^\p{Lu}\p{L}{0,2}$/u;

/**
 * Units no entity may continue into: a sentence's end mark standing alone (".", "!", "?") and the word
 * after it, when that word follows a space and starts with a capital ("drove to Sedona. Hurricane Milton
 * hit": a tagger once read "Sedona. Hurricane Milton" as one person). An abbreviation the tokenizer
 * keeps whole ("Inc.", "U.S.") is one unit and no break; "Co . said" (lower case after it) is none,
 * and a period after a short capitalised word ("Dr . Cox", pre-tokenised text) is none either.
 */
export function sentenceBreaks(text: string, units: readonly Unit[]): number[] {
  const closed: number[] = [];
  for (let k = 0; k + 1 < units.length; k++) {
    const u = units[k]!;
    if (u.end - u.start !== 1) continue;
    const c = text.charCodeAt(u.start);
    if (c !== 46 && c !== 33 && c !== 63) continue; // . ! ?
    const before = k > 0 ? text.slice(units[k - 1]!.start, units[k - 1]!.end) : '';
    if (c === 46 && SHORT_CAPITALISED.test(before)) continue;
    const next = units[k + 1]!;
    if (!SPACE.test(text.slice(u.end, next.start)) || !UPPER.test(text[next.start] ?? '')) continue;
    closed.push(k, k + 1);
  }
  return closed;
}
