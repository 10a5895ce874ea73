/** Character-level helpers shared by the quantity scanners. All positions are UTF-16 offsets. */

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

const NON_ASCII_LETTER = /\p{L}/u;

export function isLetter(code: number): boolean {
  const lower = code | 32;
  if (lower >= 97 && lower <= 122) return true;
  return code > 127 && NON_ASCII_LETTER.test(String.fromCharCode(code));
}

/** A letter, digit or underscore: what may not touch a number or unit on either side. */
export function isWordChar(code: number): boolean {
  return isDigit(code) || isLetter(code) || code === 95;
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 160 || code === 10 || code === 13;
}

/** Position after the spaces (at most `max`) that start at `pos`. */
export function skipSpaces(text: string, pos: number, max = 3): number {
  let p = pos;
  while (p < text.length && p - pos < max && isSpace(text.charCodeAt(p))) p++;
  return p;
}

export interface Word {
  readonly start: number;
  readonly end: number;
  /** Lower-cased text of the word. */
  readonly lower: string;
}

/** Longest word a scanner looks at ("seventeenth"); longer runs are read but never match. */
const MAX_WORD = 12;

/** The run of ASCII letters at `pos`, or undefined when there is none. */
export function wordAt(text: string, pos: number): Word | undefined {
  let p = pos;
  while (p < text.length) {
    const lower = text.charCodeAt(p) | 32;
    if (lower < 97 || lower > 122) break;
    p++;
  }
  if (p === pos) return undefined;
  return { start: pos, end: p, lower: p - pos <= MAX_WORD ? text.slice(pos, p).toLowerCase() : '' };
}

/**
 * The word after `pos` when only a single space or hyphen separates them ("twenty-one", "three
 * hundred"), and that word is not glued to a digit ("one 2nd").
 */
export function nextWord(text: string, pos: number, hyphen = true): Word | undefined {
  const c = text.charCodeAt(pos);
  if (!(c === 32 || (hyphen && c === 45))) return undefined;
  const w = wordAt(text, pos + 1);
  if (!w || (w.end < text.length && isWordChar(text.charCodeAt(w.end)))) return undefined;
  return w;
}
