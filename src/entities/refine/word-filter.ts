/**
 * A set of word hashes as a 2^18-bit bitmap: a word whose hash is not in it is certainly not in the
 * word list it was built from, so a recogniser can skip a document (or a token) without slicing strings
 * or probing a Map. False positives (about 1 token in 250 for ~1,000 words) only cost the exact lookup.
 *
 * The bitmaps of up to 32 filters are stored hash-major, in one table of 32-bit entries: entry h holds
 * bit k of filter k for hash h. A recogniser probes its filters for every token of a document, and the
 * pipeline's ~30 filters are probed for the same token hashes; one bitmap per filter put each probe on a
 * cache line of its own, cold after the model's batch (~100 ns each), where this layout puts all of a
 * hash's bits on one line, loaded once per document. The memory is the same: 1 MiB per 32 filters.
 */
export class WordFilter {
  private readonly table: Uint32Array;
  private readonly bit: number;

  constructor() {
    if (lastTable === undefined || nextBit === 32) {
      lastTable = new Uint32Array(HASH_SIZE);
      nextBit = 0;
    }
    this.table = lastTable;
    this.bit = 1 << nextBit++;
  }

  /** Adds a word, matched exactly. */
  add(word: string): void {
    this.addHash(hashRange(word, 0, word.length, false));
  }

  /** Adds a hash as it is (`pairHash` values). */
  addHash(hash: number): void {
    this.table[hash] = (this.table[hash] as number) | this.bit;
  }

  /** Adds every word of `other`. */
  addAll(other: WordFilter): void {
    for (let h = 0; h < HASH_SIZE; h++) if (other.mayHave(h)) this.addHash(h);
  }

  /** Whether the word whose hash is `hash` may be in the list. */
  mayHave(hash: number): boolean {
    return ((this.table[hash] as number) & this.bit) !== 0;
  }

  /** Whether any of the first `count` hashes may be in the list. */
  mayHaveAny(hashes: Uint32Array, count: number): boolean {
    for (let i = 0; i < count; i++) if (this.mayHave(hashes[i] as number)) return true;
    return false;
  }
}

/** The table new filters take their bit in, and the next free bit (32: full). */
let lastTable: Uint32Array | undefined;
let nextBit = 32;

export const HASH_BITS = 18;
const HASH_SIZE = 1 << HASH_BITS;
export const HASH_MASK = HASH_SIZE - 1;
export const HASH_SEED = 0x811c9dc5;
export const HASH_PRIME = 16777619;

/** FNV-1a over the UTF-16 units of text[start, end), ASCII letters lower-cased if `fold`, in HASH_BITS bits. */
export function hashRange(text: string, start: number, end: number, fold: boolean): number {
  let h = HASH_SEED;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    h = Math.imul(h ^ (fold && c >= 65 && c <= 90 ? c + 32 : c), HASH_PRIME);
  }
  return finish(h);
}

export function finish(h: number): number {
  return (h ^ (h >>> 15)) & HASH_MASK;
}

/** The hash of a first word's exact hash and the next word's folded hash. */
export function pairHash(first: number, second: number): number {
  return finish(Math.imul(first ^ Math.imul(second, 0x9e3779b1), 0x85ebca6b));
}

/** Whether a word's case folds as `hashRange` folds it (ASCII only). */
export function foldsLikeHash(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 127) return false;
  return true;
}
