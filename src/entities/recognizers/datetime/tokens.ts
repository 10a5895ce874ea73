/** A tokenised view of the text: words, numbers (with their `:`, `/`, `.`, `-` joints) and punctuation. */

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
}

/** Longest numeric token worth parsing; longer runs (10,000 digits) become one inert token. */
const MAX_NUMBER_LENGTH = 24;

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
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
    if ((c === 104 || c === 119) && (i = urlEnd(text, start)) > 0) {
      // URL: inert.
    } else if (c === 64 && start + 1 < n && isWordChar(text.charCodeAt(start + 1))) {
      i = start + 2;
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
    } else if (isLetter(c)) {
      kind = 'word';
      i = start;
      do {
        const d = text.charCodeAt(i);
        if (d <= 90) upper = true;
        i++;
      } while (i < n && isLetter(text.charCodeAt(i)));
    } else if (isDigit(c)) {
      i = start + 1;
      let joined = false;
      for (;;) {
        while (i < n && isDigit(text.charCodeAt(i))) i++;
        const j = text.charCodeAt(i);
        if ((j === 58 || j === 47 || j === 46 || j === 45) && i + 1 < n && isDigit(text.charCodeAt(i + 1))) {
          joined = true;
          i++;
        } else break;
      }
      kind = i - start > MAX_NUMBER_LENGTH ? 'punct' : joined ? 'compound' : 'number';
    } else i = start + 1;
    const raw = text.slice(start, i);
    out.push({
      start,
      end: i,
      kind,
      lower: upper ? raw.toLowerCase() : raw,
      capital: c >= 65 && c <= 90,
    });
  }
  return out;
}
