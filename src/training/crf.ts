/**
 * Linear-chain CRF loss and gradient for one sentence, in log space. Disallowed transitions and
 * starts/ends (the scheme's constraints, `allowed*` masks) are excluded from the partition function, matching
 * the constrained Viterbi of the server's Decoder.
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

/**
 * Negative log-likelihood of `gold` given `em`; adds the gradient into `grad` (emission gradient is
 * overwritten for the first `len` rows, the transition/start/end gradients are accumulated).
 */
export function crfLoss(
  em: Float32Array,
  len: number,
  gold: Int32Array,
  p: CrfParams,
  grad: CrfGradient,
): number {
  const n = p.labels;
  const trans = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) trans[k] = p.allowedTrans[k] ? p.transitions[k]! : NEG;
  const alpha = new Float64Array(len * n);
  const beta = new Float64Array(len * n);
  const tmp = new Float64Array(n);
  for (let j = 0; j < n; j++) alpha[j] = p.allowedStart[j] ? p.start[j]! + em[j]! : NEG;
  for (let t = 1; t < len; t++) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) tmp[i] = alpha[(t - 1) * n + i]! + trans[i * n + j]!;
      alpha[t * n + j] = logSumExp(tmp, n) + em[t * n + j]!;
    }
  }
  const end = Float64Array.from(p.end, (e, j) => (p.allowedEnd[j] ? e : NEG));
  for (let j = 0; j < n; j++) beta[(len - 1) * n + j] = end[j]!;
  for (let t = len - 2; t >= 0; t--) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) tmp[j] = trans[i * n + j]! + em[(t + 1) * n + j]! + beta[(t + 1) * n + j]!;
      beta[t * n + i] = logSumExp(tmp, n);
    }
  }
  for (let j = 0; j < n; j++) tmp[j] = alpha[(len - 1) * n + j]! + end[j]!;
  const logZ = logSumExp(tmp, n);

  // Score of the gold path.
  let gold0 = gold[0]!;
  let score = p.start[gold0]! + em[gold0]!;
  for (let t = 1; t < len; t++) {
    const g = gold[t]!;
    score += p.transitions[gold0 * n + g]! + em[t * n + g]!;
    gold0 = g;
  }
  score += p.end[gold0]!;

  // Unary marginals minus gold indicators.
  for (let t = 0; t < len; t++) {
    for (let j = 0; j < n; j++)
      grad.emissions[t * n + j] = Math.exp(alpha[t * n + j]! + beta[t * n + j]! - logZ);
    grad.emissions[t * n + gold[t]!]! -= 1;
  }
  for (let j = 0; j < n; j++) {
    grad.start[j]! += Math.exp(alpha[j]! + beta[j]! - logZ) - (gold[0] === j ? 1 : 0);
    grad.end[j]! += Math.exp(alpha[(len - 1) * n + j]! + end[j]! - logZ) - (gold[len - 1] === j ? 1 : 0);
  }
  // Pairwise marginals.
  for (let t = 1; t < len; t++) {
    for (let i = 0; i < n; i++) {
      const a = alpha[(t - 1) * n + i]!;
      if (a <= NEG) continue;
      for (let j = 0; j < n; j++) {
        if (!p.allowedTrans[i * n + j]) continue;
        const m = Math.exp(a + trans[i * n + j]! + em[t * n + j]! + beta[t * n + j]! - logZ);
        grad.transitions[i * n + j]! += m;
      }
    }
    grad.transitions[gold[t - 1]! * n + gold[t]!]! -= 1;
  }
  return logZ - score;
}
