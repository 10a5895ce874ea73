/** A tokenised view of the text: words, numbers (with their `:`, `/`, `.`, `-` joints) and punctuation. */
import { isSpaceUnit as isSpace } from '../../text/chars.ts';

/**
 * `word`; `number`: digits only (`2024`); `compound`: digits joined by `:`, `/`, `.` or `-` (`18:30`,
 * `2024-05-21`, `1.5`); `punct`: any other single character, or an over-long digit run.
 */
export type Kind = 'word' | 'number' | 'compound' | 'punct';

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly kind: Kind;
  /** Lower-cased text. */
  readonly lower: string;
  /** Whether the first character is an upper-case letter. */
  readonly capital: boolean;
  /** Words: `wordHash` of the lower-cased word, so that a lookup needs no string; 0 for other kinds. */
  readonly hash: number;
  /** Digits-only tokens of at most six digits: their value, read once; NaN otherwise. */
  readonly value: number;
}

/** Hash of a lower-case ASCII word, built one char at a time (`hashStep(hash, code)` folds upper case). */
export function hashStep(hash: number, code: number): number {
  return (Math.imul(hash, 31) + (code | 32)) | 0;
}

export function wordHash(word: string): number {
  let hash = 0;
  for (let k = 0; k < word.length; k++) hash = hashStep(hash, word.charCodeAt(k));
  return hash;
}

/** A token whose text is sliced (and lower-cased) only when a rule reads it: most words are only hashed. */
class TextToken implements Token {
  private text: string | undefined;

  constructor(
    private readonly source: string,
    readonly start: number,
    readonly end: number,
    readonly kind: Kind,
    readonly capital: boolean,
    private readonly upper: boolean,
    readonly hash: number,
    readonly value: number,
  ) {}

  get lower(): string {
    if (this.text === undefined) {
      const raw = this.source.slice(this.start, this.end);
      this.text = this.upper ? raw.toLowerCase() : raw;
    }
    return this.text;
  }
}

/** Longest numeric token worth parsing; longer runs (10,000 digits) become one inert token. */
const MAX_NUMBER_LENGTH = 24;

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The end of a number written with thousands separators at `start` ("5,000", "1,500,000": one to three
 * digits, then groups of a comma and three digits, up to a billion), or 0. "5,000 years ago" is one
 * count; "9,2024" and "1,5" are not grouped.
 */
function groupedEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && i - start < 4 && isDigit(text.charCodeAt(i))) i++;
  if (i - start > 3) return 0;
  let groups = 0;
  while (
    groups < 3 &&
    text.charCodeAt(i) === 44 &&
    isDigit(text.charCodeAt(i + 1)) &&
    isDigit(text.charCodeAt(i + 2)) &&
    isDigit(text.charCodeAt(i + 3)) &&
    !isDigit(text.charCodeAt(i + 4))
  ) {
    i += 4;
    groups++;
  }
  // A comma then more digits still ("1,000,0000", "9,999,999,999"): not a grouped number.
  if (groups === 0 || (text.charCodeAt(i) === 44 && isDigit(text.charCodeAt(i + 1)))) return 0;
  return i;
}

/** The end of a URL starting at `i` ("http://", "https://", "www." and at least one more character), or -1. */
function urlEnd(text: string, i: number): number {
  let j: number;
  if (text.startsWith('www.', i)) j = i + 4;
  else if (text.startsWith('http://', i)) j = i + 7;
  else if (text.startsWith('https://', i)) j = i + 8;
  else return -1;
  const from = j;
  while (j < text.length && !isSpace(text.charCodeAt(j))) j++;
  return j > from ? j : -1;
}

function isWordChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95;
}

/** One char-code pass; URLs and @handles are single inert tokens so that their digits and words stay out of dates. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    let kind: Kind = 'punct';
    let upper = false;
    let hash = 0;
    let grouped = 0;
    if ((c === 104 || c === 119) && (i = urlEnd(text, start)) > 0) {
      // URL: inert.
    } else if (c === 64 && start + 1 < n && isWordChar(text.charCodeAt(start + 1))) {
      i = start + 2;
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
    } else if (isLetter(c)) {
      kind = 'word';
      i = start;
      let d = c;
      do {
        if (d <= 90) upper = true;
        hash = hashStep(hash, d);
        i++;
      } while (i < n && isLetter((d = text.charCodeAt(i))));
    } else if (isDigit(c)) {
      i = start + 1;
      let joined = false;
      let clock = false;
      grouped = groupedEnd(text, start);
      if (grouped > 0) i = grouped;
      else
        for (;;) {
          while (i < n && isDigit(text.charCodeAt(i))) i++;
          const j = text.charCodeAt(i);
          // A hyphen after a clock time joins the next one as a range: "9:00-17:00" is three tokens.
          if (
            (j === 58 || j === 47 || j === 46 || (j === 45 && !clock)) &&
            i + 1 < n &&
            isDigit(text.charCodeAt(i + 1))
          ) {
            joined = true;
            if (j === 58) clock = true;
            i++;
          } else break;
        }
      kind = i - start > MAX_NUMBER_LENGTH ? 'punct' : joined ? 'compound' : 'number';
    } else i = start + 1;
    let value = NaN;
    if (kind === 'number' && (i - start <= 6 || grouped > 0)) {
      value = 0;
      for (let k = start; k < i; k++)
        if (text.charCodeAt(k) !== 44) value = value * 10 + (text.charCodeAt(k) - 48);
    }
    out.push(new TextToken(text, start, i, kind, c >= 65 && c <= 90, upper, hash, value));
  }
  return out;
}
