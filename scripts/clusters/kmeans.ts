import type { Rng } from '../../src/training/rng.ts';

/** Row-major matrix of unit-length vectors (one row per word). */
export interface UnitRows {
  readonly data: Float32Array;
  readonly dim: number;
  readonly rows: number;
}

const dot = (a: Float32Array, i: number, b: Float32Array, j: number, dim: number): number => {
  let s = 0;
  for (let d = 0; d < dim; d++) s += a[i + d]! * b[j + d]!;
  return s;
};

/** Scales each row to unit length in place (cosine similarity becomes a dot product). */
export function normalizeRows(m: UnitRows): void {
  for (let r = 0; r < m.rows; r++) {
    const o = r * m.dim;
    const norm = Math.sqrt(dot(m.data, o, m.data, o, m.dim)) || 1;
    for (let d = 0; d < m.dim; d++) m.data[o + d]! /= norm;
  }
}

/** k-means++ seeding: each next centre is drawn with probability proportional to its distance. */
function seedCentres(m: UnitRows, members: Int32Array, k: number, rng: Rng): Float32Array {
  const { data, dim } = m;
  const centres = new Float32Array(k * dim);
  const far = new Float64Array(members.length).fill(Infinity); // 1 - cos to the nearest centre so far
  let pick = Math.floor(rng.next() * members.length);
  for (let c = 0; c < k; c++) {
    centres.set(data.subarray(members[pick]! * dim, (members[pick]! + 1) * dim), c * dim);
    let total = 0;
    for (let i = 0; i < members.length; i++) {
      const d = Math.max(0, 1 - dot(data, members[i]! * dim, centres, c * dim, dim));
      if (d < far[i]!) far[i] = d;
      total += far[i]!;
    }
    let target = rng.next() * total;
    pick = members.length - 1;
    for (let i = 0; i < members.length; i++) {
      target -= far[i]!;
      if (target < 0) {
        pick = i;
        break;
      }
    }
  }
  return centres;
}

/**
 * Spherical k-means (cosine) over the rows `members` of `m`: k-means++ seeding from `rng`, then Lloyd
 * iterations until no row moves or `maxIter`. Returns each member's cluster, 0..k-1. Deterministic for
 * a given seed. With k >= members every member is a cluster of its own.
 */
export function sphericalKMeans(
  m: UnitRows,
  members: Int32Array,
  k: number,
  rng: Rng,
  maxIter = 30,
): Int32Array {
  const n = members.length;
  const assign = new Int32Array(n).fill(-1);
  if (k >= n) return assign.map((_, i) => i);
  if (k <= 1) return assign.fill(0);
  const { data, dim } = m;
  const centres = seedCentres(m, members, k, rng);
  for (let iter = 0; iter < maxIter; iter++) {
    let moved = 0;
    const fit = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestSim = -Infinity;
      for (let c = 0; c < k; c++) {
        const sim = dot(data, members[i]! * dim, centres, c * dim, dim);
        if (sim > bestSim) {
          bestSim = sim;
          best = c;
        }
      }
      fit[i] = bestSim;
      if (assign[i] !== best) moved++;
      assign[i] = best;
    }
    if (moved === 0) break;
    const sums = new Float64Array(k * dim);
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = assign[i]!;
      sizes[c]!++;
      for (let d = 0, o = members[i]! * dim; d < dim; d++) sums[c * dim + d]! += data[o + d]!;
    }
    for (let c = 0; c < k; c++) {
      if (sizes[c] === 0) {
        // An empty cluster takes the member that fits its own centre worst.
        let worst = 0;
        for (let i = 1; i < n; i++) if (fit[i]! < fit[worst]!) worst = i;
        fit[worst] = Infinity;
        centres.set(data.subarray(members[worst]! * dim, (members[worst]! + 1) * dim), c * dim);
        continue;
      }
      let norm = 0;
      for (let d = 0; d < dim; d++) norm += sums[c * dim + d]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dim; d++) centres[c * dim + d] = sums[c * dim + d]! / norm;
    }
  }
  return assign;
}
