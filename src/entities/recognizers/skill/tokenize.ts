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

export function tokenizeSkillWords(text: string, into: TokenList): void {
  into.reset(text);
  const n = text.length;
  let p = 0;
  while (p < n) {
    const dotted = text.charCodeAt(p) === DOT && p + 1 < n && isWordAt(text, p + 1);
    if (!(dotted || isWordAt(text, p)) || isWordBefore(text, p)) {
      p += unitsAt(text, p);
      continue;
    }
    const start = p;
    if (dotted) p++;
    for (;;) {
      while (p < n && isWordAt(text, p)) p += unitsAt(text, p);
      if (p + 1 < n && isInnerJoiner(text.charCodeAt(p)) && isWordAt(text, p + 1)) p++;
      else break;
    }
    while (p < n && (text.charCodeAt(p) === 43 || text.charCodeAt(p) === 35)) p++; // + #
    into.push(start, p);
  }
}
