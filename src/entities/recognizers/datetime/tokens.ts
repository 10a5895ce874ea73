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
/** URLs and @handles come first so that their digits and words stay out of dates. */
const TOKEN = /(?:https?:\/\/|www\.)[^\s]+|@\w+|[A-Za-z]+|\d+(?:[:/.-]\d+)*|[^\sA-Za-z\d]/g;
const DIGITS_ONLY = /^\d+$/;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const raw = m[0];
    const c = raw.charCodeAt(0);
    let kind: Kind;
    if (c >= 48 && c <= 57) {
      kind = raw.length > MAX_NUMBER_LENGTH ? 'punct' : DIGITS_ONLY.test(raw) ? 'number' : 'compound';
    } else if (raw.length > 1 && !/^[A-Za-z]+$/.test(raw)) kind = 'punct';
    else kind = (c | 32) >= 97 && (c | 32) <= 122 ? 'word' : 'punct';
    out.push({
      start: m.index,
      end: m.index + raw.length,
      kind,
      lower: kind === 'word' ? raw.toLowerCase() : raw,
      capital: c >= 65 && c <= 90,
    });
  }
  return out;
}
