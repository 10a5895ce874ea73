/**
 * The PersonType tokeniser: words of letters and digits, hyphenated compounds kept whole
 * ("co-founder"), apostrophes splitting ("owner's" → owner, s): the matches of the regex
 * `[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*`, scanned by code unit without a match object per word.
 */
import { FNV_OFFSET, FNV_PRIME, isWordAt, unitsAt, type TokenList } from './token-list.ts';

const HYPHEN = 45;

export function tokenizeWords(text: string, into: TokenList): void {
  into.reset(text);
  if (into.aligned) scanLowerCase(into);
  else scanAnyCase(into);
}

/** ASCII letters and digits of lower-case text. */
function isLowerAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/**
 * The fast path: walks the lower-cased text, where a-z and 0-9 are the only ASCII word characters
 * (lower-casing keeps letters letters and offsets in place), hashing each word as it goes.
 */
function scanLowerCase(into: TokenList): void {
  const lower = into.lower;
  const n = lower.length;
  let p = 0;
  while (p < n) {
    const c0 = lower.charCodeAt(p);
    if (c0 < 0x80 ? !isLowerAsciiWord(c0) : !isWordAt(lower, p)) {
      p += c0 < 0x80 ? 1 : unitsAt(lower, p);
      continue;
    }
    const start = p;
    let h = FNV_OFFSET;
    for (;;) {
      while (p < n) {
        const c = lower.charCodeAt(p);
        if (c < 0x80) {
          if (!isLowerAsciiWord(c)) break;
          h = Math.imul(h ^ c, FNV_PRIME);
          p++;
        } else {
          if (!isWordAt(lower, p)) break;
          h = Math.imul(h ^ c, FNV_PRIME);
          if (unitsAt(lower, p) === 2) h = Math.imul(h ^ lower.charCodeAt(++p), FNV_PRIME);
          p++;
        }
      }
      if (p + 1 < n && lower.charCodeAt(p) === HYPHEN && isWordAt(lower, p + 1)) {
        h = Math.imul(h ^ HYPHEN, FNV_PRIME);
        p++;
      } else break;
    }
    into.pushHashed(start, p, h >>> 0);
  }
}

/** The general path, for text whose lower-case form moves offsets: hashes each word's own lower case. */
function scanAnyCase(into: TokenList): void {
  const text = into.text;
  const n = text.length;
  let p = 0;
  while (p < n) {
    if (!isWordAt(text, p)) {
      p += unitsAt(text, p);
      continue;
    }
    const start = p;
    for (;;) {
      while (p < n && isWordAt(text, p)) p += unitsAt(text, p);
      if (p + 1 < n && text.charCodeAt(p) === HYPHEN && isWordAt(text, p + 1)) p++;
      else break;
    }
    into.push(start, p);
  }
}
