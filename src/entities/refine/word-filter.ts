/**
 * A set of word hashes as a 2^18-bit bitmap: a word whose hash is not in it is certainly not in the
 * word list it was built from, so a recogniser can skip a document (or a token) without slicing strings
 * or probing a Map. False positives (about 1 token in 250 for ~1,000 words) only cost the exact lookup.
 */
export class WordFilter {
  private readonly bits = new Int32Array(HASH_SIZE >>> 5);

  /** Adds a word, matched exactly. */
  add(word: string): void {
    this.addHash(hashRange(word, 0, word.length, false));
  }

  /** Adds a hash as it is (`pairHash` values). */
  addHash(hash: number): void {
    const k = hash >>> 5;
    this.bits[k] = (this.bits[k] as number) | (1 << (hash & 31));
  }

  /** Adds every word of `other`. */
  addAll(other: WordFilter): void {
    for (let k = 0; k < this.bits.length; k++)
      this.bits[k] = (this.bits[k] as number) | (other.bits[k] as number);
  }

  /** Whether the word whose hash is `hash` may be in the list. */
  mayHave(hash: number): boolean {
    return ((this.bits[hash >>> 5] as number) & (1 << (hash & 31))) !== 0;
  }

  /** Whether any of the first `count` hashes may be in the list. */
  mayHaveAny(hashes: Uint32Array, count: number): boolean {
    for (let i = 0; i < count; i++) if (this.mayHave(hashes[i] as number)) return true;
    return false;
  }
}

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
