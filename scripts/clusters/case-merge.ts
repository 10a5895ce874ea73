import type { UnitRows } from './kmeans.ts';

/**
 * Caseless vectors: the vector of a lower-cased key is the count-weighted mean of the unit vectors of
 * its case variants ("paris" <- 0.97 "Paris" + 0.03 "paris"), so all-lower and all-upper text can be
 * read with the clusters its words have in ordinary text. `rows` must be unit length.
 */
export function mergeCase(
  words: readonly string[],
  rows: UnitRows,
  counts: ReadonlyMap<string, number>,
): { words: string[]; rows: UnitRows; counts: Map<string, number> } {
  const { dim } = rows;
  const index = new Map<string, number>();
  const keys: string[] = [];
  const sums: Float64Array[] = [];
  const merged = new Map<string, number>();
  words.forEach((word, r) => {
    const key = word.toLowerCase();
    let k = index.get(key);
    if (k === undefined) {
      k = keys.length;
      index.set(key, k);
      keys.push(key);
      sums.push(new Float64Array(dim));
    }
    const n = counts.get(word) ?? 1;
    merged.set(key, (merged.get(key) ?? 0) + n);
    const sum = sums[k]!;
    for (let d = 0; d < dim; d++) sum[d]! += n * rows.data[r * dim + d]!;
  });
  const data = new Float32Array(keys.length * dim);
  sums.forEach((sum, k) => data.set(sum, k * dim));
  return { words: keys, rows: { data, dim, rows: keys.length }, counts: merged };
}
