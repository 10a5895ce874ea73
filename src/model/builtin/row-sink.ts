import type { FeatureIndex } from './feature-index.ts';
import { FEATURE_SLOTS, type FeatureSink } from './features.ts';
import { FNV_BASIS, fnvFold } from './hash.ts';
import { perWord } from './per-word.ts';

/** Where one path's row ids go: `width` slots per unit, starting at unit `offset` of `out`. */
export interface RowTarget {
  readonly index: FeatureIndex;
  readonly width: number;
  readonly out: Int32Array;
  readonly offset: number;
}

/** One word's rows per FeatureSlot (-1: not looked up yet), for the linear path and the atoms. */
interface WordRows {
  readonly sparse: Int32Array;
  readonly atoms: Int32Array | undefined;
}

/**
 * Rows of the features that depend on one word only (FeatureSink.known), remembered per window
 * prefix and word across windows: one model's (its feature indexes), shared by its RowSinks. Most of
 * a unit's features are of this kind, and words repeat, so most features then cost an array read
 * instead of hashing their parts and probing an index too large for the CPU's caches. Bounded: a
 * prefix's words are forgotten all at once when it holds `maxWords`.
 */
export class RowCache {
  private readonly byPrefix = new Map<string, Map<string, WordRows>>();
  private readonly pads = new Map<string, WordRows>();

  constructor(
    private readonly withAtoms: boolean,
    private readonly maxWords = 50_000,
  ) {}

  /** The rows of each word, in order, for windows with this prefix. */
  rowsOf(prefix: string, words: readonly string[]): WordRows[] {
    let known = this.byPrefix.get(prefix);
    if (!known) this.byPrefix.set(prefix, (known = new Map()));
    return perWord(known, words, this.maxWords, () => this.fresh());
  }

  /** The rows of the padding word beyond a window's ends. */
  padOf(prefix: string): WordRows {
    let rows = this.pads.get(prefix);
    if (!rows) this.pads.set(prefix, (rows = this.fresh()));
    return rows;
  }

  private fresh(): WordRows {
    return {
      sparse: new Int32Array(FEATURE_SLOTS).fill(-1),
      atoms: this.withAtoms ? new Int32Array(FEATURE_SLOTS).fill(-1) : undefined,
    };
  }
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
  private prefix = '';
  /** With a cache: the rows of the window's words, by unit, and of the padding word. */
  private wordRows: WordRows[] | undefined;
  private padRows: WordRows | undefined;
  /** The unit index of the window's first unit (a sink may write several windows in a row). */
  private firstUnit = 0;
  /** A word's slot that `known` did not know yet: the next `add` fills it in. */
  private pending: WordRows | undefined;
  private pendingSlot = 0;

  /** `cache`: the model's RowCache (its rows must come from these targets' indexes). */
  constructor(
    private readonly sparse: RowTarget,
    private readonly atoms?: RowTarget,
    private readonly cache?: RowCache,
  ) {}

  window(prefix: string): void {
    this.base = fnvFold(FNV_BASIS, prefix);
    this.prefix = prefix;
  }

  words(words: readonly string[]): void {
    if (!this.cache) return;
    this.wordRows = this.cache.rowsOf(this.prefix, words);
    this.padRows = this.cache.padOf(this.prefix);
    this.firstUnit = this.unitIndex + 1;
  }

  known(offset: number, slot: number): boolean {
    const words = this.wordRows;
    if (!words) return false;
    const k = this.unitIndex - this.firstUnit + offset;
    const rows = k >= 0 && k < words.length ? words[k]! : this.padRows!;
    const row = rows.sparse[slot]!;
    if (row < 0) {
      this.pending = rows;
      this.pendingSlot = slot;
      return false;
    }
    // A slot of a feature that is not an atom holds atom row 0.
    this.put(row, rows.atoms ? rows.atoms[slot]! : 0);
    return true;
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
    const pending = this.pending;
    const wantAtom = atom && this.atoms !== undefined && this.atomsFilled < this.atoms.width;
    if (!pending && this.filled >= this.sparse.width && !wantAtom) return;
    let state = fnvFold(this.base, a);
    if (b !== undefined) state = fnvFold(state, b);
    if (c !== undefined) state = fnvFold(state, c);
    if (d !== undefined) state = fnvFold(state, d);
    if (e !== undefined) state = fnvFold(state, e);
    if (f !== undefined) state = fnvFold(state, f);
    if (g !== undefined) state = fnvFold(state, g);
    if (h !== undefined) state = fnvFold(state, h);
    const key = state >>> 0;
    const row = this.filled < this.sparse.width || pending ? this.sparse.index.rowOf(key) : 0;
    const atomRow = atom && this.atoms && (wantAtom || pending) ? this.atoms.index.rowOf(key) : 0;
    if (pending) {
      pending.sparse[this.pendingSlot] = row;
      if (pending.atoms) pending.atoms[this.pendingSlot] = atomRow;
      this.pending = undefined;
    }
    this.put(row, atomRow);
  }

  /** Writes a feature's rows into the unit's next free slots, where the model knows it and there is room. */
  private put(row: number, atomRow: number): void {
    const sparse = this.sparse;
    if (row !== 0 && this.filled < sparse.width) {
      sparse.out[(sparse.offset + this.unitIndex) * sparse.width + this.filled++] = row;
    }
    const atoms = this.atoms;
    if (atoms && atomRow !== 0 && this.atomsFilled < atoms.width) {
      atoms.out[(atoms.offset + this.unitIndex) * atoms.width + this.atomsFilled++] = atomRow;
    }
  }
}
