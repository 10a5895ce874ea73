import type { NumberMatch } from './numbers.ts';
import { ORDINAL_WORDS } from './number-words.ts';
import { isDigit, isWordChar, nextWord } from './text-scan.ts';
import { hashStep, WordIndex } from './word-index.ts';

export interface OrdinalMatch {
  readonly start: number;
  readonly end: number;
  /** Position from `relativeTo`, as Azure writes it: "1", "0", "-1". */
  readonly offset: string;
  readonly relativeTo: 'Current' | 'End' | 'Start';
  /** The arithmetic the ordinal denotes: "3", "end", "end-1", "current+1". */
  readonly value: string;
}

/** Words that start an ordinal: the ordinal words, and the relative "last", "next", "previous", "current". */
const STARTERS = new WordIndex<string>();
/** The last two letters of every starter ("st", "th", "xt", ...) as `first * 32 + second`: other runs skip the hash. */
const ENDINGS = new Uint8Array(32 * 32);
for (const w of [...ORDINAL_WORDS.keys(), 'last', 'next', 'previous', 'current']) {
  STARTERS.add(w, w);
  ENDINGS[(w.charCodeAt(w.length - 2) & 31) * 32 + (w.charCodeAt(w.length - 1) & 31)] = 1;
}

/** Whether the ASCII-letter run ending at `end` (at least two letters long) may be a starter, by its ending. */
function startersEnding(text: string, end: number): boolean {
  const a = text.charCodeAt(end - 2);
  const b = text.charCodeAt(end - 1);
  return a < 128 && b < 128 && ENDINGS[(a & 31) * 32 + (b & 31)] === 1;
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

/** Letters the case-insensitive Unicode pattern this scanner replaces read as ASCII: long s, Kelvin sign. */
const isRunLetter = (c: number): boolean =>
  ((c | 32) >= 97 && (c | 32) <= 122) || c === 0x17f || c === 0x212a;

/** Whether a comma and three digits, then no digit, start at `p`: ",500" of "3,500th". */
function thousandsGroupAt(text: string, p: number): boolean {
  return (
    text.charCodeAt(p) === 44 &&
    isDigit(text.charCodeAt(p + 1)) &&
    isDigit(text.charCodeAt(p + 2)) &&
    isDigit(text.charCodeAt(p + 3)) &&
    !isDigit(text.charCodeAt(p + 4))
  );
}

/** Whether "st", "nd", "rd" or "th" (any case) starts at `p`. */
function ordinalSuffixAt(text: string, p: number): boolean {
  const a = text.charCodeAt(p) | 32;
  const b = text.charCodeAt(p + 1) | 32;
  return (
    (a === 115 && b === 116) ||
    (a === 110 && b === 100) ||
    (a === 114 && b === 100) ||
    (a === 116 && b === 104)
  );
}

/** Nothing letter-, number- or underscore-like at `p` (a Unicode letter or number, not only ASCII). */
function breakAt(text: string, p: number): boolean {
  if (p >= text.length) return true;
  const c = text.charCodeAt(p);
  if (c < 128) return !isWordChar(c);
  return !LETTER_OR_NUMBER.test(String.fromCodePoint(text.codePointAt(p)!));
}

const start = (s: number, e: number, n: number): OrdinalMatch => ({
  start: s,
  end: e,
  offset: String(n),
  relativeTo: 'Start',
  value: String(n),
});

/**
 * Ordinals: "1st", "21st", "third", "twenty-first", "one hundredth", and the relative ones "last",
 * "last but one", "second to last", "next to last", "next (one)", "previous (one)", "current". `numbers` are the text's spelled
 * numbers, which may start a compound ordinal.
 */
export function scanOrdinals(text: string, numbers: readonly NumberMatch[], limit: number): OrdinalMatch[] {
  let endsAt: Map<number, NumberMatch> | undefined;
  const out: OrdinalMatch[] = [];
  const length = text.length;
  for (let p = 0; p < length && out.length < limit;) {
    const code = text.charCodeAt(p);
    const at = p;
    if (isDigit(code)) {
      // "21st", "3,500th": at most 15 digits (thousands grouped by commas) after a break, a suffix, then
      // a break.
      let e = p + 1;
      while (e < length && isDigit(text.charCodeAt(e))) e++;
      let groups = 0;
      if (e - at <= 3) for (; thousandsGroupAt(text, e); groups++) e += 4;
      p = e;
      if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
      if (e - at - groups <= 15 && ordinalSuffixAt(text, e) && breakAt(text, e + 2)) {
        out.push(start(at, e + 2, Number(text.slice(at, e).replaceAll(',', ''))));
        p = e + 2;
      }
      continue;
    }
    if (!isRunLetter(code)) {
      p++;
      continue;
    }
    let end = p + 1;
    while (end < length && isRunLetter(text.charCodeAt(end))) end++;
    p = end;
    if (end - at < 2 || end - at > STARTERS.maxLength || !startersEnding(text, end)) continue;
    if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
    let hash = 0;
    for (let k = at; k < end; k++) hash = hashStep(hash, text.charCodeAt(k));
    const lower = STARTERS.get(text, at, end, hash);
    if (lower === undefined) continue;
    if (lower === 'last') {
      const but = nextWord(text, end, false);
      const one = but && but.lower === 'but' ? nextWord(text, but.end, false) : undefined;
      if (one && one.lower === 'one') {
        out.push({ start: at, end: one.end, offset: '-1', relativeTo: 'End', value: 'end-1' });
      } else {
        out.push({ start: at, end, offset: '0', relativeTo: 'End', value: 'end' });
      }
      continue;
    }
    if (lower === 'next' || lower === 'previous' || lower === 'current') {
      const after = nextWord(text, end, false);
      if (lower === 'next' && after?.lower === 'to') {
        const last = nextWord(text, after.end, false);
        if (last?.lower === 'last') {
          out.push({ start: at, end: last.end, offset: '-1', relativeTo: 'End', value: 'end-1' });
          p = last.end;
          continue;
        }
      }
      // "next to the bank", "next door": a preposition and an adverb, no position (Recognizers-Text
      // returns them; a reader does not).
      if (lower === 'next' && (after?.lower === 'to' || after?.lower === 'door')) continue;
      // "next", "next one", "previous", "current": positions relative to the current one.
      const n = lower === 'next' ? 1 : lower === 'previous' ? -1 : 0;
      const value = n > 0 ? 'current+1' : n < 0 ? 'current-1' : 'current';
      out.push({
        start: at,
        end: after?.lower === 'one' ? after.end : end,
        offset: String(n),
        relativeTo: 'Current',
        value,
      });
      continue;
    }
    const value = ORDINAL_WORDS.get(lower);
    if (value === undefined) continue;
    // "second to last", "third to last".
    const to = nextWord(text, end, false);
    const last = to && to.lower === 'to' ? nextWord(text, to.end, false) : undefined;
    if (last && last.lower === 'last' && value <= 10) {
      const n = 1 - value;
      out.push({ start: at, end: last.end, offset: String(n), relativeTo: 'End', value: `end${n}` });
      p = last.end;
      continue;
    }
    endsAt ??= spelledNumberEnds(text, numbers);
    const compound = compoundPrefix(text, at, value, endsAt);
    out.push(compound ? start(compound.start, end, compound.value) : start(at, end, value));
  }
  return out;
}

/** The spelled numbers (no digit in them) by their end. */
function spelledNumberEnds(text: string, numbers: readonly NumberMatch[]): Map<number, NumberMatch> {
  const endsAt = new Map<number, NumberMatch>();
  for (const n of numbers) {
    let digit = false;
    for (let p = n.start; p < n.end && !digit; p++) digit = isDigit(text.charCodeAt(p));
    if (!digit) endsAt.set(n.end, n);
  }
  return endsAt;
}

/** The spelled number that a compound ordinal starts with: "twenty-" first, "one hundred and" first. */
function compoundPrefix(
  text: string,
  at: number,
  value: number,
  endsAt: ReadonlyMap<number, NumberMatch>,
): { start: number; value: number } | undefined {
  const sep = text.charCodeAt(at - 1);
  let n = sep === 32 || sep === 45 ? endsAt.get(at - 1) : undefined;
  let joinedByAnd = false;
  if (!n && text.slice(at - 5, at).toLowerCase() === ' and ') {
    n = endsAt.get(at - 5);
    joinedByAnd = true;
  }
  if (!n || n.kind !== 'Integer' || n.value <= 0) return undefined;
  if (value >= 100) return joinedByAnd ? undefined : { start: n.start, value: n.value * value };
  if (n.value % 100 === 0 || (value < 10 && n.value % 10 === 0 && n.value % 100 >= 20 && !joinedByAnd)) {
    return { start: n.start, value: n.value + value };
  }
  return undefined;
}
