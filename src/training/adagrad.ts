/**
 * AdaGrad with parameter averaging for one flat parameter table. `sum` accumulates step x update so
 * the average of the parameters over steps 1..T is `value + (value - sum) / T` (no copy per step),
 * which is what is exported. Parameters start at zero.
 */
export class AveragedAdaGrad {
  readonly value: Float32Array;
  private readonly g2: Float32Array;
  private readonly sum: Float32Array;

  constructor(
    size: number,
    private readonly lr: number,
  ) {
    this.value = new Float32Array(size);
    this.g2 = new Float32Array(size).fill(1e-6);
    this.sum = new Float32Array(size);
  }

  /** Applies gradient `g` to parameter `k` at global step `step` (1-based). */
  update(k: number, g: number, step: number): void {
    const g2 = (this.g2[k]! += g * g);
    const delta = (-this.lr * g) / Math.sqrt(g2);
    this.value[k]! += delta;
    this.sum[k]! += step * delta;
  }

  /** The averaged parameters after `step` steps. */
  averaged(step: number): Float32Array {
    const out = new Float32Array(this.value.length);
    for (let k = 0; k < out.length; k++) out[k] = this.value[k]! + (this.value[k]! - this.sum[k]!) / step;
    return out;
  }
}
