/**
 * Request latencies of a load run, kept sorted so that runs can be pooled: a row's p99 is the 99th
 * percentile of every request of its runs, not the worst of the runs' own p99s.
 */

/** The value at percentile `p` (0-100) of ascending `sorted` (nearest rank; 0 for no values). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Two ascending lists as one. */
export function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
