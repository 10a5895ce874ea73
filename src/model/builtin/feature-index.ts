import { fingerprint } from './hash.ts';

/**
 * Maps feature strings to rows of the model's weight tables. The model keeps only features seen in
 * training; they are stored as a sorted list of 32-bit fingerprints and row = position + 1, so row 0
 * is the all-zero padding row and unknown features are simply dropped.
 */
export class FeatureIndex {
  private readonly rows = new Map<number, number>();

  constructor(readonly fingerprints: Uint32Array) {
    for (let i = 0; i < fingerprints.length; i++) this.rows.set(fingerprints[i]!, i + 1);
  }

  /** Rows of the weight tables, padding row included. */
  get size(): number {
    return this.fingerprints.length + 1;
  }

  row(feature: string): number {
    return this.rows.get(fingerprint(feature)) ?? 0;
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
