/**
 * The Skill tokeniser: words with inner dots, apostrophes and hyphens, a leading dot and trailing `+`
 * or `#` (".NET", "Node.js", "C++", "C#"): the matches of the regex
 * `(?<![\p{L}\p{N}])\.?[\p{L}\p{N}]+(?:[.'-][\p{L}\p{N}]+)*[+#]*`, scanned by code unit without a
 * match object per word.
 */
import { isWordAt, isWordBefore, unitsAt, type TokenList } from '../person-type/token-list.ts';

const DOT = 46;

/** `.`, `'` or `-`: joins two runs of letters and digits into one word. */
function isInnerJoiner(c: number): boolean {
  return c === DOT || c === 39 || c === 45;
}

/** ASCII letters and digits. */
function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** Whether the code point at `p` is a letter or digit: ASCII inline (read from src), the rest by `isWordAt`. */
function wordAt(src: string, text: string, p: number): boolean {
  const c = src.charCodeAt(p);
  return c < 0x80 ? isAsciiWord(c) : isWordAt(text, p);
}

/**
 * Scans the lower-cased text where it keeps offsets (it is flat and ASCII stays ASCII there, with the
 * same word characters), else the text itself; code points beyond ASCII are read from the text.
 */
export function tokenizeSkillWords(text: string, into: TokenList): void {
  into.reset(text);
  const src = into.aligned ? into.lower : text;
  const n = text.length;
  let p = 0;
  while (p < n) {
    const c = src.charCodeAt(p);
    let dotted = false;
    if (c < 0x80) {
      if (!isAsciiWord(c)) {
        dotted = c === DOT && p + 1 < n && wordAt(src, text, p + 1);
        if (!dotted) {
          p++;
          continue;
        }
      }
      // Only a word character can stand just before: the scan stops at none inside a word.
      if (
        p > 0 &&
        (src.charCodeAt(p - 1) < 0x80 ? isAsciiWord(src.charCodeAt(p - 1)) : isWordBefore(text, p))
      ) {
        p++;
        continue;
      }
    } else if (!isWordAt(text, p) || isWordBefore(text, p)) {
      p += unitsAt(text, p);
      continue;
    }
    const start = p;
    if (dotted) p++;
    for (;;) {
      while (p < n) {
        const d = src.charCodeAt(p);
        if (d < 0x80) {
          if (!isAsciiWord(d)) break;
          p++;
        } else {
          if (!isWordAt(text, p)) break;
          p += unitsAt(text, p);
        }
      }
      if (p + 1 < n && isInnerJoiner(src.charCodeAt(p)) && wordAt(src, text, p + 1)) p++;
      else break;
    }
    while (p < n && (src.charCodeAt(p) === 43 || src.charCodeAt(p) === 35)) p++; // + #
    into.push(start, p);
  }
}
