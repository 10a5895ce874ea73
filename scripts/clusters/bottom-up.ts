import { Rng } from '../../src/training/rng.ts';
import { sphericalKMeans, type UnitRows } from './kmeans.ts';

/** Unit-length mean of each cluster's rows: the centres of `assign` (cluster ids 0..k-1). */
function centresOf(m: UnitRows, assign: Int32Array, k: number): UnitRows {
  const data = new Float32Array(k * m.dim);
  const sums = new Float64Array(k * m.dim);
  assign.forEach((c, r) => {
    for (let d = 0; d < m.dim; d++) sums[c * m.dim + d]! += m.data[r * m.dim + d]!;
  });
  for (let c = 0; c < k; c++) {
    let norm = 0;
    for (let d = 0; d < m.dim; d++) norm += sums[c * m.dim + d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < m.dim; d++) data[c * m.dim + d] = sums[c * m.dim + d]! / norm;
  }
  return { data, dim: m.dim, rows: k };
}

/**
 * Nested clusters built bottom-up: flat spherical k-means with the finest level's k over all rows,
 * then the centres of each level clustered into the next coarser one. Every fine cluster is as good
 * as flat k-means makes it, and still lies inside one cluster of each coarser level. Ids are renumbered
 * so that the children of one parent are consecutive. Returns, per level (coarse first), each row's id.
 */
export function bottomUpClusters(m: UnitRows, levels: readonly number[], seed: number): Int32Array[] {
  const rng = new Rng(seed);
  const all = Int32Array.from({ length: m.rows }, (_, i) => i);
  // parentOf[l][c]: the cluster of level l that cluster c of level l+1 lies in.
  const finest = sphericalKMeans(m, all, levels.at(-1)!, rng, 20);
  const parentOf: Int32Array[] = [];
  let current = finest;
  let rows: UnitRows = m;
  let k = Math.max(...finest) + 1;
  for (let l = levels.length - 2; l >= 0; l--) {
    const centres = centresOf(rows, current, k);
    const up = sphericalKMeans(
      centres,
      Int32Array.from({ length: k }, (_, i) => i),
      levels[l]!,
      rng,
      50,
    );
    parentOf.unshift(up);
    current = up;
    rows = centres;
    k = Math.max(...up) + 1;
  }
  // Renumber top-down: a parent's children get consecutive ids, in order of their old ids.
  const renumbered: Int32Array[] = [];
  let names = Int32Array.from({ length: k }, (_, i) => i); // level 0 keeps its ids
  for (let l = 0; l < parentOf.length; l++) {
    const up = parentOf[l]!;
    const order = Array.from(up.keys()).sort((a, b) => names[up[a]!]! - names[up[b]!]! || a - b);
    const next = new Int32Array(up.length);
    order.forEach((c, i) => (next[c] = i));
    renumbered.push(names);
    names = next;
  }
  renumbered.push(names);
  // Row ids per level: follow each row's finest cluster up the parents.
  return levels.map((_, l) =>
    finest.map((c) => {
      let cluster = c;
      for (let up = parentOf.length - 1; up >= l; up--) cluster = parentOf[up]![cluster]!;
      return renumbered[l]![cluster]!;
    }),
  );
}
