/**
 * Case-insensitive lookup of ASCII words by a hash computed while the scanner walks the text, so
 * ordinary words ("the", "voters") cost one char loop and one Map probe: no slice, no lower-casing.
 */

/** Hash step for one character: ASCII letters fold to lower case; anything else never matches an entry. */
export function hashStep(hash: number, code: number): number {
  return (Math.imul(hash, 31) + (code < 128 ? code | 32 : code + 0x10000)) | 0;
}

const BUCKETS = 4096;
const bucket = (hash: number): number => (hash ^ (hash >>> 12)) & (BUCKETS - 1);

interface Entry<V> {
  readonly word: string;
  readonly value: V;
}

export class WordIndex<V> {
  private readonly byHash = new Map<number, Entry<V>>();
  /** One flag per hash bucket: most words fail here, before the Map is probed. */
  private readonly buckets = new Uint8Array(BUCKETS);
  /** Longest word held: longer runs need no probe. */
  maxLength = 0;

  /** Adds a lower-case ASCII word. Two words with one hash are refused at load time, so lookups need no chain. */
  add(word: string, value: V): this {
    let hash = 0;
    for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
    const held = this.byHash.get(hash);
    if (held && held.word !== word) throw new Error(`WordIndex: "${word}" and "${held.word}" share a hash`);
    this.byHash.set(hash, { word, value });
    this.buckets[bucket(hash)] = 1;
    this.maxLength = Math.max(this.maxLength, word.length);
    return this;
  }

  /** The value of `text[start, end)` read case-insensitively, given that run's `hash` (from `hashStep`). */
  get(text: string, start: number, end: number, hash: number): V | undefined {
    if (end - start > this.maxLength || this.buckets[bucket(hash)] === 0) return undefined;
    const entry = this.byHash.get(hash);
    if (!entry || entry.word.length !== end - start) return undefined;
    const word = entry.word;
    for (let i = 0; i < word.length; i++)
      if ((text.charCodeAt(start + i) | 32) !== word.charCodeAt(i)) return undefined;
    return entry.value;
  }

  /** The value of the ASCII-letter run that starts at `start` and ends at `end`. */
  lookup(text: string, start: number, end: number): V | undefined {
    if (end - start > this.maxLength) return undefined;
    let hash = 0;
    for (let p = start; p < end; p++) hash = hashStep(hash, text.charCodeAt(p));
    return this.get(text, start, end, hash);
  }
}
