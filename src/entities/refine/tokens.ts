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

/**
 * Token hashes of a text. A document's (48 characters or more) are its own, kept for the batch; a shorter
 * text's are in buffers reused from call to call: read them before the next call.
 */
export interface TokenHashes {
  readonly text: string;
  readonly count: number;
  readonly hashes: Uint32Array;
  readonly folded: Uint32Array;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** ASCII letters and digits: 1. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;

function isWordChar(text: string, i: number, c: number): boolean {
  if (c < 128) return ASCII_WORD[c] === 1;
  if (c >= 0xd800 && c <= 0xdfff) return false; // astral characters (emoji, rare scripts) split words
  return WORD_CHAR.test(text[i] as string);
}

/** ' ’ . - / : & + */
function isJoiner(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 46 || c === 45 || c === 47 || c === 58 || c === 38 || c === 43;
}

function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
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
    const c0 = text.charCodeAt(i);
    if (!isWordChar(text, i, c0)) {
      i++;
      continue;
    }
    const start = i;
    // hashRange, inlined: the token's units, as they are (h) and with ASCII letters lower-cased (f).
    let h = Math.imul(HASH_SEED ^ c0, HASH_PRIME);
    let f = Math.imul(HASH_SEED ^ fold(c0), HASH_PRIME);
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isWordChar(text, i, c)) {
        h = Math.imul(h ^ c, HASH_PRIME);
        f = Math.imul(f ^ fold(c), HASH_PRIME);
        i++;
        continue;
      }
      if (!isJoiner(c) || i + 1 >= n) break;
      const d = text.charCodeAt(i + 1);
      if (!isWordChar(text, i + 1, d)) break;
      h = Math.imul(Math.imul(h ^ c, HASH_PRIME) ^ d, HASH_PRIME);
      f = Math.imul(Math.imul(f ^ c, HASH_PRIME) ^ fold(d), HASH_PRIME);
      i += 2;
    }
    starts[count] = start;
    ends[count] = i;
    hashes[count] = finish(h);
    folded[count] = finish(f);
    count++;
  }
  return count;
}

/** A copy of the first `count` tokens in the shared buffers. */
function copyOfBuffers(text: string, count: number): Scanned {
  return {
    text,
    count,
    starts: starts.slice(0, count),
    ends: ends.slice(0, count),
    hashes: hashes.slice(0, count),
    folded: folded.slice(0, count),
  };
}

/** The `Tokens` of scanned tokens: their words sliced from the text. */
function withWords(scanned: Scanned): Tokens {
  const { text, count, starts: from, ends: to } = scanned;
  const words: string[] = new Array<string>(count);
  for (let k = 0; k < count; k++) words[k] = text.slice(from[k], to[k]);
  return { text, starts: from, ends: to, words, hashes: scanned.hashes, folded: scanned.folded };
}

export function tokenize(text: string): Tokens {
  recent = undefined; // its hashes live in the buffers this overwrites
  return withWords(copyOfBuffers(text, scanTokens(text)));
}

/** A document's tokens as scanned, words not yet sliced. */
interface Scanned extends TokenHashes {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/**
 * Documents at least this long are cached by text for the batch (below); a shorter text (a span the
 * refiner looks at, a short message) is cheaper to scan again than to keep.
 */
const CACHED_FROM_CHARACTERS = 48;
/** More documents than one model batch (`inference.maxBatchDocuments`, 32 by default) are never cached. */
const CACHED_DOCUMENTS = 64;

/**
 * The scanned tokens of the documents recognised last, by text. The pipeline runs each recogniser over
 * every document of a batch before the next recogniser starts, and four of them (organisation, product,
 * event, landmark) start from these tokens: scanned once per document per batch, not once per
 * recogniser. Cleared when full, so it holds at most a batch or two of documents.
 */
const scannedByText = new Map<string, Scanned>();
/** Their sliced words, made for the recognisers that read them after the prefilter. */
const tokensByText = new Map<string, Tokens>();
/** The last short text's hashes, still in the shared buffers. */
let recent: TokenHashes | undefined;

/** The token hashes of a document: the recognisers' shared prefilter pass. */
export function tokenHashesOf(text: string): TokenHashes {
  if (text.length < CACHED_FROM_CHARACTERS) {
    if (recent?.text !== text) recent = { text, count: scanTokens(text), hashes, folded };
    return recent;
  }
  return scannedOf(text);
}

function scannedOf(text: string): Scanned {
  let scanned = scannedByText.get(text);
  if (!scanned) {
    recent = undefined;
    scanned = copyOfBuffers(text, scanTokens(text));
    if (scannedByText.size >= CACHED_DOCUMENTS) {
      scannedByText.clear();
      tokensByText.clear();
    }
    scannedByText.set(text, scanned);
  }
  return scanned;
}

/** `tokenize`, from the tokens already scanned for the document where it is cached. */
export function tokensOf(text: string): Tokens {
  if (text.length < CACHED_FROM_CHARACTERS) return tokenize(text);
  let tokens = tokensByText.get(text);
  if (!tokens) {
    tokens = withWords(scannedOf(text));
    tokensByText.set(text, tokens);
  }
  return tokens;
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
