/**
 * Parameters of the builtin tagger as exported: a weight row per feature and label (linear path),
 * a label bias, and the CRF's transition/start/end scores. Row 0 is padding and stays zero.
 */
export interface TaggerWeights {
  readonly labels: number;
  /** Number of feature rows (padding row included). */
  readonly rows: number;
  /** rows x labels */
  readonly linear: Float32Array;
  readonly bias: Float32Array;
  readonly transitions: Float32Array;
  readonly start: Float32Array;
  readonly end: Float32Array;
}

/** The training-time forward pass: emissions (len x labels) of one sentence's feature rows. */
export function forwardEmissions(
  w: TaggerWeights,
  ids: Int32Array,
  len: number,
  width: number,
): Float32Array {
  const n = w.labels;
  const out = new Float32Array(len * n);
  for (let t = 0; t < len; t++) {
    const o = t * n;
    for (let y = 0; y < n; y++) out[o + y] = w.bias[y]!;
    for (let k = 0; k < width; k++) {
      const id = ids[t * width + k]!;
      if (id === 0) continue;
      const r = id * n;
      for (let y = 0; y < n; y++) out[o + y]! += w.linear[r + y]!;
    }
  }
  return out;
}
