/**
 * AdaGrad with parameter averaging for one flat parameter table. `sum` tracks step x update so the
 * average of the parameters since the last `restart` is `value + (value - sum) / steps` without a
 * copy per step (derivation: sum starts as the parameters at the restart, then gains
 * (step - base) * delta per update).
 */
export class AveragedAdaGrad {
  readonly value: Float32Array;
  private readonly g2: Float32Array;
  private readonly sum: Float32Array;
  private base = 0;

  constructor(
    size: number,
    private readonly lr: number,
    init?: Float32Array,
  ) {
    this.value = init ?? new Float32Array(size);
    this.g2 = new Float32Array(size).fill(1e-6);
    this.sum = Float32Array.from(this.value);
  }

  /** Applies gradient `g` to parameter `k` at global step `step` (1-based, > the restart step). */
  update(k: number, g: number, step: number): void {
    const g2 = (this.g2[k]! += g * g);
    const delta = (-this.lr * g) / Math.sqrt(g2);
    this.value[k]! += delta;
    this.sum[k]! += (step - this.base) * delta;
  }

  /** Starts a new averaging window after step `step`. */
  restart(step: number): void {
    this.base = step;
    this.sum.set(this.value);
  }

  /** The parameters averaged over the steps since the last restart, at step `step`. */
  averaged(step: number): Float32Array {
    const n = step - this.base;
    if (n <= 0) return Float32Array.from(this.value);
    const out = new Float32Array(this.value.length);
    for (let k = 0; k < out.length; k++) out[k] = this.value[k]! + (this.value[k]! - this.sum[k]!) / n;
    return out;
  }
}
