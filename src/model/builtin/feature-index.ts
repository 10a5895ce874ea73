import { fingerprint } from './hash.ts';

/**
 * Maps feature strings to rows of the model's weight tables. The model keeps only features seen in
 * training; they are stored as a sorted list of 32-bit fingerprints and row = position + 1, so row 0
 * is the all-zero padding row and unknown features are simply dropped.
 *
 * Lookups go through an open-addressing table in typed arrays rather than a Map: it is the hottest
 * call of inference (some 60 lookups per word), and a Map with 32-bit keys above 2^31 boxes every key.
 */
export class FeatureIndex {
  /** Slot s holds [fingerprint, row] at [2s, 2s + 1]; row 0 marks an empty slot (rows start at 1).
   * Key and row share a cache line, so a lookup usually touches one line of a table too big for L2. */
  private readonly table: Uint32Array;
  private readonly mask: number;

  constructor(readonly fingerprints: Uint32Array) {
    let capacity = 16;
    while (capacity < fingerprints.length * 2) capacity *= 2; // load factor <= 0.5
    this.table = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
    for (let i = 0; i < fingerprints.length; i++) {
      const key = fingerprints[i]!;
      let slot = mix(key) & this.mask;
      while (this.table[2 * slot + 1] !== 0 && this.table[2 * slot] !== key) slot = (slot + 1) & this.mask;
      if (this.table[2 * slot + 1] === 0) {
        this.table[2 * slot] = key;
        this.table[2 * slot + 1] = i + 1;
      }
    }
  }

  /** Rows of the weight tables, padding row included. */
  get size(): number {
    return this.fingerprints.length + 1;
  }

  row(feature: string): number {
    return this.rowOf(fingerprint(feature));
  }

  /** Row of a feature given by its fingerprint (0 if the model does not know it). */
  rowOf(key: number): number {
    let slot = mix(key) & this.mask;
    for (;;) {
      const row = this.table[2 * slot + 1]!;
      if (row === 0 || this.table[2 * slot] === key) return row;
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * Row ids of every unit's known features, `width` per unit, zero-padded (extra features dropped).
   * Written into `out` at `offset` units, so a batch can share one buffer.
   */
  encode(features: readonly (readonly string[])[], width: number, out: Int32Array, offset = 0): void {
    features.forEach((list, u) => {
      let k = 0;
      const base = (offset + u) * width;
      for (const f of list) {
        if (k === width) break;
        const r = this.row(f);
        if (r !== 0) out[base + k++] = r;
      }
      out.fill(0, base + k, base + width);
    });
  }

  static fromBytes(bytes: Uint8Array): FeatureIndex {
    const copy = new Uint8Array(bytes); // aligned
    return new FeatureIndex(new Uint32Array(copy.buffer, 0, copy.byteLength >>> 2));
  }

  toBytes(): Uint8Array {
    return new Uint8Array(
      this.fingerprints.buffer,
      this.fingerprints.byteOffset,
      this.fingerprints.byteLength,
    );
  }
}

/** Spreads the bits of an FNV fingerprint so that its low bits index the table well (murmur3 finaliser). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
