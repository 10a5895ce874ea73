/**
 * Word tokens for the list matchers: runs of letters and digits, joined by one of ' ’ . - / : & + when
 * a letter or digit follows ("Valentine's", "re:Invent", "I/O", "F-150", "8.1"). One linear pass.
 */
import { finish, HASH_PRIME, HASH_SEED } from './word-filter.ts';

export interface Tokens {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly words: string[];
  /** `hashRange` of each word, exact and ASCII-case-folded, for `WordFilter` checks before any lookup. */
  readonly hashes: Uint32Array;
  readonly folded: Uint32Array;
}

/** Token hashes of a document, in buffers reused from call to call: read them before the next call. */
export interface TokenHashes {
  readonly text: string;
  readonly count: number;
  readonly hashes: Uint32Array;
  readonly folded: Uint32Array;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xd800 && c <= 0xdfff) return false; // astral characters (emoji, rare scripts) split words
  return WORD_CHAR.test(text[i] as string);
}

/** ' ’ . - / : & + */
function isJoiner(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 46 || c === 45 || c === 47 || c === 58 || c === 38 || c === 43;
}

let starts = new Int32Array(256);
let ends = new Int32Array(256);
let hashes = new Uint32Array(256);
let folded = new Uint32Array(256);

/** Fills the shared buffers with the tokens of text and their hashes; returns how many there are. */
function scanTokens(text: string): number {
  const n = text.length;
  // Tokens are separated by at least one character: at most ceil(n / 2) of them.
  if (starts.length < (n >> 1) + 1) {
    const size = (n >> 1) + 256;
    starts = new Int32Array(size);
    ends = new Int32Array(size);
    hashes = new Uint32Array(size);
    folded = new Uint32Array(size);
  }
  let count = 0;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    const start = i;
    // hashRange, inlined: the token's units, as they are (h) and with ASCII letters lower-cased (f).
    let h = HASH_SEED;
    let f = HASH_SEED;
    while (i < n) {
      let c = text.charCodeAt(i);
      if (isWordChar(text, i)) i++;
      else if (isJoiner(c) && i + 1 < n && isWordChar(text, i + 1)) {
        h = Math.imul(h ^ c, HASH_PRIME);
        f = Math.imul(f ^ c, HASH_PRIME);
        c = text.charCodeAt(i + 1);
        i += 2;
      } else break;
      h = Math.imul(h ^ c, HASH_PRIME);
      f = Math.imul(f ^ (c >= 65 && c <= 90 ? c + 32 : c), HASH_PRIME);
    }
    starts[count] = start;
    ends[count] = i;
    hashes[count] = finish(h);
    folded[count] = finish(f);
    count++;
  }
  return count;
}

export function tokenize(text: string): Tokens {
  lastHashed = undefined; // its hashes live in the buffers this overwrites
  const count = scanTokens(text);
  const words: string[] = new Array<string>(count);
  for (let k = 0; k < count; k++) words[k] = text.slice(starts[k], ends[k]);
  return {
    text,
    starts: starts.slice(0, count),
    ends: ends.slice(0, count),
    words,
    hashes: hashes.slice(0, count),
    folded: folded.slice(0, count),
  };
}

let lastHashed: TokenHashes | undefined;

/** The token hashes of a document, cached for one document: the recognisers' shared prefilter pass. */
export function tokenHashesOf(text: string): TokenHashes {
  if (lastHashed?.text !== text) {
    lastTokens = undefined;
    lastHashed = { text, count: scanTokens(text), hashes, folded };
  }
  return lastHashed;
}

let lastTokens: Tokens | undefined;

/** `tokenize` with a one-document cache: the event and product recognisers share one pass. */
export function tokensOf(text: string): Tokens {
  if (lastTokens?.text !== text) {
    const hashed = lastHashed?.text === text ? lastHashed : undefined;
    lastTokens = tokenize(text);
    lastHashed = hashed; // tokenize wrote the same text's hashes back into the buffers
  }
  return lastTokens;
}

/** Whether token `i` starts a sentence (nothing but spaces since the text start or a . ! ? : ; or quote). */
export function startsSentence(tokens: Tokens, i: number): boolean {
  const { text } = tokens;
  for (let p = (tokens.starts[i] as number) - 1; p >= 0; p--) {
    const ch = text[p] as string;
    if (ch === ' ' || ch === '\t' || ch === '(' || ch === '"' || ch === '“' || ch === '‘' || ch === "'")
      continue;
    return ch === '.' || ch === '!' || ch === '?' || ch === '\n' || ch === ':' || ch === ';' || ch === '•';
  }
  return true;
}

/** Whether the text between tokens i-1 and i, white-space runs taken as one space, is `gap`. */
export function gapIs(tokens: Tokens, i: number, gap: string): boolean {
  const from = tokens.ends[i - 1] as number;
  const to = tokens.starts[i] as number;
  if (gap === ' ' && to - from === 1) return tokens.text.charCodeAt(from) === 32;
  return gapBefore(tokens, i) === gap;
}

/** The text between tokens i-1 and i with runs of white space as one space. */
export function gapBefore(tokens: Tokens, i: number): string {
  const gap = tokens.text.slice(tokens.ends[i - 1], tokens.starts[i]);
  return gap === ' ' ? gap : gap.replace(/\s+/g, ' ');
}
