import { AveragedAdaGrad } from './adagrad.ts';
import type { Rng } from './rng.ts';
import { deepForward, type DeepCache, type DeepWeights } from './weights.ts';

export interface DeepOptions {
  readonly dim: number;
  readonly hidden: number;
  readonly kernel: number;
  readonly learningRate: number;
  /** Dropout on the hidden ReLU units. */
  readonly hiddenDropout: number;
}

function uniform(size: number, scale: number, rng: Rng): Float32Array {
  const a = new Float32Array(size);
  for (let i = 0; i < size; i++) a[i] = (rng.next() * 2 - 1) * scale;
  return a;
}

/**
 * Trainable convolutional path (see DeepWeights): forward with dropout, backprop of the emission
 * gradient, AdaGrad updates (sparse for the embedding rows, per sentence for the dense layers).
 */
export class DeepPath {
  private readonly embed: AveragedAdaGrad;
  private readonly conv: AveragedAdaGrad;
  private readonly convBias: AveragedAdaGrad;
  private readonly out: AveragedAdaGrad;
  private readonly outBias: AveragedAdaGrad;
  private readonly cache: DeepCache = {
    x: new Float32Array(0),
    z: new Float32Array(0),
    h: new Float32Array(0),
  };
  private mask = new Float32Array(0);
  private readonly gConv: Float32Array;
  private readonly gConvBias: Float32Array;
  private readonly gOut: Float32Array;
  private readonly gOutBias: Float32Array;

  constructor(
    private readonly rows: number,
    private readonly labels: number,
    private readonly opts: DeepOptions,
    rng: Rng,
  ) {
    const { dim: D, hidden: H, kernel: K, learningRate: lr } = opts;
    this.embed = new AveragedAdaGrad(rows * D, lr, uniform(rows * D, 0.1, rng).fill(0, 0, D));
    this.conv = new AveragedAdaGrad(K * H * D, lr, uniform(K * H * D, Math.sqrt(6 / (K * D)), rng));
    this.convBias = new AveragedAdaGrad(H, lr);
    this.out = new AveragedAdaGrad(labels * H, lr, uniform(labels * H, Math.sqrt(6 / (H + labels)), rng));
    this.outBias = new AveragedAdaGrad(labels, lr);
    this.gConv = new Float32Array(K * H * D);
    this.gConvBias = new Float32Array(H);
    this.gOut = new Float32Array(labels * H);
    this.gOutBias = new Float32Array(labels);
  }

  private snapshot(pick: (p: AveragedAdaGrad) => Float32Array): DeepWeights {
    const { dim, hidden, kernel } = this.opts;
    return {
      rows: this.rows,
      dim,
      hidden,
      kernel,
      embed: pick(this.embed),
      conv: pick(this.conv),
      convBias: pick(this.convBias),
      out: pick(this.out),
      outBias: pick(this.outBias),
    };
  }

  current(): DeepWeights {
    return this.snapshot((p) => p.value);
  }

  averaged(step: number): DeepWeights {
    return this.snapshot((p) => p.averaged(step));
  }

  restartAverage(step: number): void {
    for (const p of [this.embed, this.conv, this.convBias, this.out, this.outBias]) p.restart(step);
  }

  /** Adds this path's scores for a training sentence into `em`, with dropout. */
  forward(
    atoms: Int32Array,
    len: number,
    atomWidth: number,
    atomScale: number,
    em: Float32Array,
    rng: Rng,
  ): void {
    const H = this.opts.hidden;
    const keep = 1 - this.opts.hiddenDropout;
    this.mask = new Float32Array(len * H);
    for (let i = 0; i < this.mask.length; i++) this.mask[i] = rng.next() < keep ? 1 / keep : 0;
    deepForward(this.current(), this.labels, atoms, len, atomWidth, em, atomScale, this.mask, this.cache);
  }

  /** Backprop of d loss / d emissions through the last `forward`, then one update at `step`. */
  backward(
    gEm: Float32Array,
    atoms: Int32Array,
    len: number,
    atomWidth: number,
    atomScale: number,
    step: number,
  ): void {
    const { dim: D, hidden: H, kernel: K } = this.opts;
    const P = (K - 1) >> 1;
    const L = this.labels;
    const { x, z, h } = this.cache;
    const conv = this.conv.value;
    const out = this.out.value;
    this.gConv.fill(0);
    this.gConvBias.fill(0);
    this.gOut.fill(0);
    this.gOutBias.fill(0);
    const dz = new Float32Array(H);
    const dx = new Float32Array(len * D);
    for (let t = 0; t < len; t++) {
      const ho = t * H;
      dz.fill(0);
      for (let y = 0; y < L; y++) {
        const g = gEm[t * L + y]!;
        if (g === 0) continue;
        this.gOutBias[y]! += g;
        const wo = y * H;
        for (let u = 0; u < H; u++) {
          this.gOut[wo + u]! += g * h[ho + u]!;
          dz[u]! += g * out[wo + u]!;
        }
      }
      for (let u = 0; u < H; u++) dz[u] = z[ho + u]! > 0 ? dz[u]! * this.mask[ho + u]! : 0;
      for (let u = 0; u < H; u++) this.gConvBias[u]! += dz[u]!;
      for (let k = 0; k < K; k++) {
        const src = t + k - P;
        if (src < 0 || src >= len) continue;
        const xo = src * D;
        const wk = k * H * D;
        for (let u = 0; u < H; u++) {
          const g = dz[u]!;
          if (g === 0) continue;
          const wo = wk + u * D;
          for (let j = 0; j < D; j++) {
            this.gConv[wo + j]! += g * x[xo + j]!;
            dx[xo + j]! += g * conv[wo + j]!;
          }
        }
      }
    }
    for (let t = 0; t < len; t++) {
      for (let a = 0; a < atomWidth; a++) {
        const id = atoms[t * atomWidth + a]!;
        if (id === 0) continue;
        for (let j = 0; j < D; j++) this.embed.update(id * D + j, dx[t * D + j]! * atomScale, step);
      }
    }
    for (let k = 0; k < this.gConv.length; k++) this.conv.update(k, this.gConv[k]!, step);
    for (let k = 0; k < H; k++) this.convBias.update(k, this.gConvBias[k]!, step);
    for (let k = 0; k < this.gOut.length; k++) this.out.update(k, this.gOut[k]!, step);
    for (let k = 0; k < L; k++) this.outBias.update(k, this.gOutBias[k]!, step);
  }
}
