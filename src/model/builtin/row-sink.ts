import type { FeatureIndex } from './feature-index.ts';
import type { FeatureSink } from './features.ts';
import { FNV_BASIS, fnvFold } from './hash.ts';

/** Where one path's row ids go: `width` slots per unit, starting at unit `offset` of `out`. */
export interface RowTarget {
  readonly index: FeatureIndex;
  readonly width: number;
  readonly out: Int32Array;
  readonly offset: number;
}

/**
 * Writes model row ids straight from feature parts: each feature is fingerprinted part by part
 * (FNV-1a continues across parts), so inference never builds the feature strings. Rows match
 * `FeatureIndex.encode` of the strings exactly: per unit, the first `width` known features in order;
 * `out` must be zero-filled (fresh typed arrays are).
 */
export class RowSink implements FeatureSink {
  private base = FNV_BASIS;
  private unitIndex = -1;
  private filled = 0;
  private atomsFilled = 0;

  constructor(
    private readonly sparse: RowTarget,
    private readonly atoms?: RowTarget,
  ) {}

  window(prefix: string): void {
    this.base = fnvFold(FNV_BASIS, prefix);
  }

  unit(): void {
    this.unitIndex++;
    this.filled = 0;
    this.atomsFilled = 0;
  }

  add(
    atom: boolean,
    a: string,
    b?: string,
    c?: string,
    d?: string,
    e?: string,
    f?: string,
    g?: string,
    h?: string,
  ): void {
    const wantSparse = this.filled < this.sparse.width;
    const wantAtom = atom && this.atoms !== undefined && this.atomsFilled < this.atoms.width;
    if (!wantSparse && !wantAtom) return;
    let state = fnvFold(this.base, a);
    if (b !== undefined) state = fnvFold(state, b);
    if (c !== undefined) state = fnvFold(state, c);
    if (d !== undefined) state = fnvFold(state, d);
    if (e !== undefined) state = fnvFold(state, e);
    if (f !== undefined) state = fnvFold(state, f);
    if (g !== undefined) state = fnvFold(state, g);
    if (h !== undefined) state = fnvFold(state, h);
    const key = state >>> 0;
    if (wantSparse) this.filled = place(this.sparse, this.unitIndex, this.filled, key);
    if (wantAtom) this.atomsFilled = place(this.atoms!, this.unitIndex, this.atomsFilled, key);
  }
}

/** Writes the row of `key` into the unit's next free slot if the model knows it; returns slots used. */
function place(target: RowTarget, unit: number, filled: number, key: number): number {
  const row = target.index.rowOf(key);
  if (row === 0) return filled;
  target.out[(target.offset + unit) * target.width + filled] = row;
  return filled + 1;
}
