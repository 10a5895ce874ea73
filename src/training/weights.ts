/**
 * Parameters of the builtin tagger as exported. Emissions = linear path + convolutional path:
 *   linear: a weight row per sparse feature and label, plus a label bias;
 *   deep:   atom embeddings summed per unit -> Conv1d over `kernel` units -> ReLU -> per-unit linear.
 * Row 0 of every table is padding and stays zero. CRF transition/start/end scores go to the Decoder.
 */
export interface DeepWeights {
  readonly rows: number;
  readonly dim: number;
  readonly hidden: number;
  /** Conv1d width (odd); the convolution sees (kernel - 1) / 2 units on each side. */
  readonly kernel: number;
  /** rows x dim */
  readonly embed: Float32Array;
  /** kernel x hidden x dim (training layout; ONNX wants hidden x dim x kernel) */
  readonly conv: Float32Array;
  readonly convBias: Float32Array;
  /** labels x hidden */
  readonly out: Float32Array;
  readonly outBias: Float32Array;
}

export interface TaggerWeights {
  readonly labels: number;
  /** Number of sparse feature rows (padding row included). */
  readonly rows: number;
  /** rows x labels */
  readonly linear: Float32Array;
  readonly bias: Float32Array;
  readonly deep?: DeepWeights;
  readonly transitions: Float32Array;
  readonly start: Float32Array;
  readonly end: Float32Array;
}

/** Feature rows of one sentence: `width` sparse ids and `atomWidth` atom ids per unit. */
export interface SentenceInput {
  readonly length: number;
  readonly ids: Int32Array;
  readonly atoms: Int32Array;
}

/** Activations the backward pass needs. */
export interface DeepCache {
  x: Float32Array;
  z: Float32Array;
  h: Float32Array;
}

/** Linear path: adds bias + summed feature rows (times `scale`, for dropout) into `out`. */
export function linearForward(
  w: TaggerWeights,
  ids: Int32Array,
  len: number,
  width: number,
  out: Float32Array,
  scale = 1,
): void {
  const n = w.labels;
  for (let t = 0; t < len; t++) {
    const o = t * n;
    for (let y = 0; y < n; y++) out[o + y]! += w.bias[y]!;
    for (let k = 0; k < width; k++) {
      const id = ids[t * width + k]!;
      if (id === 0) continue;
      const r = id * n;
      for (let y = 0; y < n; y++) out[o + y]! += w.linear[r + y]! * scale;
    }
  }
}

/**
 * Convolutional path: adds its scores into `out`. `atomScale` and `hiddenMask` implement dropout in
 * training (mask entries are 0 or 1/keep); `cache` receives the activations for backprop.
 */
export function deepForward(
  d: DeepWeights,
  labels: number,
  atoms: Int32Array,
  len: number,
  atomWidth: number,
  out: Float32Array,
  atomScale = 1,
  hiddenMask?: Float32Array,
  cache?: DeepCache,
): void {
  const { dim: D, hidden: H, kernel: K } = d;
  const P = (K - 1) >> 1;
  const x = cache?.x.length === len * D ? cache.x.fill(0) : new Float32Array(len * D);
  for (let t = 0; t < len; t++) {
    const xo = t * D;
    for (let a = 0; a < atomWidth; a++) {
      const id = atoms[t * atomWidth + a]!;
      if (id === 0) continue;
      const r = id * D;
      for (let j = 0; j < D; j++) x[xo + j]! += d.embed[r + j]! * atomScale;
    }
  }
  const z = new Float32Array(len * H);
  const h = new Float32Array(len * H);
  for (let t = 0; t < len; t++) {
    const zo = t * H;
    for (let u = 0; u < H; u++) z[zo + u] = d.convBias[u]!;
    for (let k = 0; k < K; k++) {
      const src = t + k - P;
      if (src < 0 || src >= len) continue;
      const xo = src * D;
      const wk = k * H * D;
      for (let u = 0; u < H; u++) {
        const wo = wk + u * D;
        let acc = 0;
        for (let j = 0; j < D; j++) acc += d.conv[wo + j]! * x[xo + j]!;
        z[zo + u]! += acc;
      }
    }
    for (let u = 0; u < H; u++) {
      const v = z[zo + u]!;
      h[zo + u] = v > 0 ? (hiddenMask ? v * hiddenMask[zo + u]! : v) : 0;
    }
    const o = t * labels;
    for (let y = 0; y < labels; y++) {
      const wo = y * H;
      let acc = d.outBias[y]!;
      for (let u = 0; u < H; u++) acc += d.out[wo + u]! * h[zo + u]!;
      out[o + y]! += acc;
    }
  }
  if (cache) {
    cache.x = x;
    cache.z = z;
    cache.h = h;
  }
}

/** The training-time forward pass: emissions (len x labels) of one sentence. */
export function forwardEmissions(
  w: TaggerWeights,
  s: SentenceInput,
  width: number,
  atomWidth: number,
): Float32Array {
  const out = new Float32Array(s.length * w.labels);
  linearForward(w, s.ids, s.length, width, out);
  if (w.deep) deepForward(w.deep, w.labels, s.atoms, s.length, atomWidth, out);
  return out;
}
