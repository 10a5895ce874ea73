/**
 * Linear-chain CRF loss and gradient for one sentence, in log space. Disallowed transitions and
 * starts/ends (the scheme's constraints, `allowed*` masks) are excluded from the partition function, matching
 * the constrained Viterbi of the server's Decoder.
 *
 * Partial labels: where a corpus cannot say a token's label (BTC has no MISC, so its `O` tokens may be
 * MISC names), the sentence gives a mask of the labels each token may have, and the loss is
 * -log P(any path within the mask) = log Z - log Z(mask) (Tsuboi et al. 2008). A mask with one label per
 * token is the ordinary gold-path loss, which is computed directly.
 */
export interface CrfParams {
  readonly labels: number;
  readonly transitions: Float32Array;
  readonly start: Float32Array;
  readonly end: Float32Array;
  readonly allowedTrans: Uint8Array;
  readonly allowedStart: Uint8Array;
  readonly allowedEnd: Uint8Array;
}

export interface CrfGradient {
  /** d loss / d emissions, len x labels. */
  readonly emissions: Float32Array;
  readonly transitions: Float64Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
}

const NEG = -1e30;

function logSumExp(xs: Float64Array, n: number): number {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (xs[i]! > max) max = xs[i]!;
  if (max <= NEG) return NEG;
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(xs[i]! - max);
  return max + Math.log(s);
}

/** Forward-backward over the paths the scheme (and `mask`, len x labels, 1 = allowed) permits. */
interface Lattice {
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
  /** Emissions with masked labels at NEG. */
  readonly em: Float64Array;
  readonly logZ: number;
}

function lattice(
  emissions: Float32Array,
  len: number,
  p: CrfParams,
  trans: Float64Array,
  end: Float64Array,
  mask?: Uint8Array,
): Lattice {
  const n = p.labels;
  const em = new Float64Array(len * n);
  for (let k = 0; k < len * n; k++) em[k] = !mask || mask[k] ? emissions[k]! : NEG;
  const alpha = new Float64Array(len * n);
  const beta = new Float64Array(len * n);
  const tmp = new Float64Array(n);
  for (let j = 0; j < n; j++) alpha[j] = p.allowedStart[j] ? p.start[j]! + em[j]! : NEG;
  for (let t = 1; t < len; t++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) tmp[i] = alpha[(t - 1) * n + i]! + trans[i * n + j]!;
      alpha[t * n + j] = Math.max(NEG, logSumExp(tmp, n) + em[t * n + j]!);
    }
  }
  for (let j = 0; j < n; j++) beta[(len - 1) * n + j] = end[j]!;
  for (let t = len - 2; t >= 0; t--) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) tmp[j] = trans[i * n + j]! + em[(t + 1) * n + j]! + beta[(t + 1) * n + j]!;
      beta[t * n + i] = Math.max(NEG, logSumExp(tmp, n));
    }
  }
  for (let j = 0; j < n; j++) tmp[j] = alpha[(len - 1) * n + j]! + end[j]!;
  return { alpha, beta, em, logZ: logSumExp(tmp, n) };
}

/** Adds `sign` x the lattice's expected counts to the gradient (emissions are accumulated too). */
function addMarginals(
  l: Lattice,
  len: number,
  p: CrfParams,
  trans: Float64Array,
  end: Float64Array,
  sign: number,
  grad: CrfGradient,
): void {
  const n = p.labels;
  const { alpha, beta, em, logZ } = l;
  for (let t = 0; t < len; t++) {
    for (let j = 0; j < n; j++)
      grad.emissions[t * n + j]! += sign * Math.exp(alpha[t * n + j]! + beta[t * n + j]! - logZ);
  }
  for (let j = 0; j < n; j++) {
    grad.start[j]! += sign * Math.exp(alpha[j]! + beta[j]! - logZ);
    grad.end[j]! += sign * Math.exp(alpha[(len - 1) * n + j]! + end[j]! - logZ);
  }
  for (let t = 1; t < len; t++) {
    for (let i = 0; i < n; i++) {
      const a = alpha[(t - 1) * n + i]!;
      if (a <= NEG) continue;
      for (let j = 0; j < n; j++) {
        if (!p.allowedTrans[i * n + j]) continue;
        const m = Math.exp(a + trans[i * n + j]! + em[t * n + j]! + beta[t * n + j]! - logZ);
        grad.transitions[i * n + j]! += sign * m;
      }
    }
  }
}

/**
 * Negative log-likelihood of `gold` (or, with `mask`, of every path within the mask) given `em`; adds
 * the gradient into `grad` (emission gradient is overwritten for the first `len` rows, the
 * transition/start/end gradients are accumulated).
 */
export function crfLoss(
  em: Float32Array,
  len: number,
  gold: Int32Array,
  p: CrfParams,
  grad: CrfGradient,
  mask?: Uint8Array,
): number {
  const n = p.labels;
  const trans = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) trans[k] = p.allowedTrans[k] ? p.transitions[k]! : NEG;
  const end = Float64Array.from(p.end, (e, j) => (p.allowedEnd[j] ? e : NEG));
  grad.emissions.fill(0, 0, len * n);
  const full = lattice(em, len, p, trans, end);
  addMarginals(full, len, p, trans, end, 1, grad);
  if (mask) {
    const within = lattice(em, len, p, trans, end, mask);
    addMarginals(within, len, p, trans, end, -1, grad);
    return full.logZ - within.logZ;
  }
  // Score of the gold path, and its indicator counts.
  let prev = gold[0]!;
  let score = p.start[prev]! + em[prev]!;
  grad.emissions[prev]! -= 1;
  grad.start[prev]! -= 1;
  for (let t = 1; t < len; t++) {
    const g = gold[t]!;
    score += p.transitions[prev * n + g]! + em[t * n + g]!;
    grad.emissions[t * n + g]! -= 1;
    grad.transitions[prev * n + g]! -= 1;
    prev = g;
  }
  score += p.end[prev]!;
  grad.end[prev]! -= 1;
  return full.logZ - score;
}
