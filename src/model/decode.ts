import type { TokenClassifier } from './types.ts';

/** An entity over units [startUnit, endUnit) of one document. */
export interface DecodedSpan {
  readonly startUnit: number;
  readonly endUnit: number;
  /** Entity type from the tag (PER in B-PER). */
  readonly type: string;
  /** Mean probability of the chosen tags over the span (CRF marginals or softmax), 0..1. */
  readonly confidence: number;
}

export type DecoderModel = Pick<
  TokenClassifier,
  'labels' | 'scheme' | 'transitions' | 'startScores' | 'endScores'
>;

interface Tag {
  readonly prefix: 'O' | 'B' | 'I' | 'E' | 'S';
  readonly type: string;
}

const NEG = -1e30;

function parseTag(label: string): Tag {
  if (label === 'O') return { prefix: 'O', type: '' };
  const m = /^([BIES])[-_](.+)$/.exec(label);
  if (!m) return { prefix: 'O', type: '' };
  return { prefix: m[1] as Tag['prefix'], type: m[2] as string };
}

/** Compiled decoding tables for one label set; build once per model. */
export class Decoder {
  private readonly tags: Tag[];
  private readonly n: number;
  /** Transition score + structural constraint (NEG where the scheme forbids it). */
  private readonly trans: Float32Array;
  private readonly start: Float32Array;
  private readonly end: Float32Array;
  private readonly crf: boolean;
  /** exp() of trans/start/end, for the forward-backward pass. */
  private readonly expTrans: Float64Array;
  private readonly expStart: Float64Array;
  private readonly expEnd: Float64Array;

  constructor(model: DecoderModel) {
    this.tags = model.labels.map(parseTag);
    const n = (this.n = model.labels.length);
    this.crf = model.transitions !== undefined;
    this.trans = new Float32Array(n * n);
    this.start = new Float32Array(n);
    this.end = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      this.start[i] = (model.startScores?.[i] ?? 0) + (this.allowedFirst(i) ? 0 : NEG);
      this.end[i] = (model.endScores?.[i] ?? 0) + (this.allowedLast(i) ? 0 : NEG);
      for (let j = 0; j < n; j++) {
        this.trans[i * n + j] = (model.transitions?.[i * n + j] ?? 0) + (this.allowed(i, j) ? 0 : NEG);
      }
    }
    // Scores of trained CRFs sit far below the ~700 where exp() would overflow a float64.
    this.expTrans = Float64Array.from(this.trans, Math.exp);
    this.expStart = Float64Array.from(this.start, Math.exp);
    this.expEnd = Float64Array.from(this.end, Math.exp);
  }

  private allowedFirst(j: number): boolean {
    const p = this.tags[j]!.prefix;
    return p === 'O' || p === 'B' || p === 'S';
  }

  private allowedLast(i: number): boolean {
    if (!this.bioes) return true; // in BIO any tag may end a sequence
    const p = this.tags[i]!.prefix;
    return p === 'O' || p === 'E' || p === 'S';
  }

  private get bioes(): boolean {
    return this.tags.some((t) => t.prefix === 'E' || t.prefix === 'S');
  }

  private allowed(i: number, j: number): boolean {
    const a = this.tags[i]!;
    const b = this.tags[j]!;
    const inside = b.prefix === 'I' || b.prefix === 'E';
    if (!this.bioes) return !inside || ((a.prefix === 'B' || a.prefix === 'I') && a.type === b.type);
    const open = a.prefix === 'B' || a.prefix === 'I';
    if (open) return inside && a.type === b.type;
    return !inside;
  }

  /**
   * Decodes `len` units of emissions (row-major, len x labels) into entity spans.
   * Softmax taggers get their rows log-normalised first, so raw logits are fine too. No entity continues
   * into a unit of `closed` (a sentence's end mark and the first word after it: see sentence-breaks.ts).
   */
  decode(emissions: Float32Array, len: number, closed: readonly number[] = []): DecodedSpan[] {
    const n = this.n;
    if (len === 0) return [];
    let unary = this.crf ? emissions : logSoftmaxRows(emissions, len, n);
    if (closed.length > 0) unary = this.withoutInside(unary, closed);
    const path = this.viterbi(unary, len);
    const marg = this.marginals(unary, len);
    const spans: DecodedSpan[] = [];
    let open: { start: number; type: string; sum: number } | undefined;
    const close = (endUnit: number): void => {
      if (open) {
        spans.push({
          startUnit: open.start,
          endUnit,
          type: open.type,
          confidence: Math.min(1, Math.max(0, open.sum / (endUnit - open.start))),
        });
      }
      open = undefined;
    };
    for (let t = 0; t < len; t++) {
      const tag = this.tags[path[t]!]!;
      const p = marg[t * n + path[t]!]!;
      if (tag.prefix === 'O') {
        close(t);
      } else if (tag.prefix === 'B' || tag.prefix === 'S' || !open || open.type !== tag.type) {
        close(t);
        open = { start: t, type: tag.type, sum: p };
        if (tag.prefix === 'S') close(t + 1);
      } else {
        open.sum += p;
        if (tag.prefix === 'E') close(t + 1);
      }
    }
    close(len);
    return spans;
  }

  /** A copy of `unary` where the units in `closed` cannot continue an entity (their I-/E- tags forbidden). */
  private withoutInside(unary: Float32Array, closed: readonly number[]): Float32Array {
    const n = this.n;
    const out = unary.slice();
    for (const t of closed) {
      for (let j = 0; j < n; j++) {
        const p = this.tags[j]!.prefix;
        if (p === 'I' || p === 'E') out[t * n + j] = NEG;
      }
    }
    return out;
  }

  private viterbi(unary: Float32Array, len: number): Int32Array {
    const n = this.n;
    const score = new Float64Array(len * n);
    const back = new Int32Array(len * n);
    for (let j = 0; j < n; j++) score[j] = this.start[j]! + unary[j]!;
    for (let t = 1; t < len; t++) {
      for (let j = 0; j < n; j++) {
        let best = -Infinity;
        let arg = 0;
        for (let i = 0; i < n; i++) {
          const s = score[(t - 1) * n + i]! + this.trans[i * n + j]!;
          if (s > best) {
            best = s;
            arg = i;
          }
        }
        score[t * n + j] = best + unary[t * n + j]!;
        back[t * n + j] = arg;
      }
    }
    let best = -Infinity;
    let arg = 0;
    for (let j = 0; j < n; j++) {
      const s = score[(len - 1) * n + j]! + this.end[j]!;
      if (s > best) {
        best = s;
        arg = j;
      }
    }
    const path = new Int32Array(len);
    path[len - 1] = arg;
    for (let t = len - 1; t > 0; t--) path[t - 1] = back[t * n + path[t]!]!;
    return path;
  }

  /** Per-unit tag probabilities: forward-backward for a CRF, the softmax rows otherwise. */
  private marginals(unary: Float32Array, len: number): Float64Array {
    const n = this.n;
    const out = new Float64Array(len * n);
    if (!this.crf) {
      for (let k = 0; k < len * n; k++) out[k] = Math.exp(unary[k]!);
      return out;
    }
    // Forward-backward in probability space with per-step normalisation (the scaled form): n exps per
    // unit instead of 2n^2 in log space. Emissions are shifted by their row maximum before exp, and
    // forbidden transitions (NEG) become exact zeros.
    const expTrans = this.expTrans;
    const emit = new Float64Array(len * n);
    for (let t = 0; t < len; t++) {
      let max = -Infinity;
      for (let j = 0; j < n; j++) max = Math.max(max, unary[t * n + j]!);
      for (let j = 0; j < n; j++) emit[t * n + j] = Math.exp(unary[t * n + j]! - max);
    }
    const alpha = new Float64Array(len * n);
    const beta = new Float64Array(len * n);
    let sum = 0;
    for (let j = 0; j < n; j++) sum += alpha[j] = this.expStart[j]! * emit[j]!;
    normalise(alpha, 0, n, sum);
    for (let t = 1; t < len; t++) {
      sum = 0;
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let i = 0; i < n; i++) acc += alpha[(t - 1) * n + i]! * expTrans[i * n + j]!;
        sum += alpha[t * n + j] = acc * emit[t * n + j]!;
      }
      normalise(alpha, t * n, n, sum);
    }
    sum = 0;
    for (let j = 0; j < n; j++) sum += beta[(len - 1) * n + j] = this.expEnd[j]!;
    normalise(beta, (len - 1) * n, n, sum);
    for (let t = len - 2; t >= 0; t--) {
      sum = 0;
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < n; j++)
          acc += expTrans[i * n + j]! * emit[(t + 1) * n + j]! * beta[(t + 1) * n + j]!;
        sum += beta[t * n + i] = acc;
      }
      normalise(beta, t * n, n, sum);
    }
    // With both passes scaled, alpha_t * beta_t is proportional to the marginal at t: normalise per unit.
    for (let t = 0; t < len; t++) {
      let z = 0;
      for (let j = 0; j < n; j++) z += out[t * n + j] = alpha[t * n + j]! * beta[t * n + j]!;
      if (z > 0) for (let j = 0; j < n; j++) out[t * n + j] = out[t * n + j]! / z;
    }
    return out;
  }
}

function normalise(xs: Float64Array, from: number, n: number, sum: number): void {
  if (sum > 0) for (let k = from; k < from + n; k++) xs[k] = xs[k]! / sum;
}

function logSoftmaxRows(x: Float32Array, len: number, n: number): Float32Array {
  const out = new Float32Array(len * n);
  for (let t = 0; t < len; t++) {
    let max = -Infinity;
    for (let j = 0; j < n; j++) max = Math.max(max, x[t * n + j]!);
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.exp(x[t * n + j]! - max);
    const lse = max + Math.log(sum);
    for (let j = 0; j < n; j++) out[t * n + j] = x[t * n + j]! - lse;
  }
  return out;
}
