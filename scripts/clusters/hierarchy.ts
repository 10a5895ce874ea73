import { Rng } from '../../src/training/rng.ts';
import { sphericalKMeans, type UnitRows } from './kmeans.ts';

/**
 * How many of `total` children each parent gets: proportional to its size (largest remainder), at
 * least 1 and at most its size, so the level has exactly `total` clusters when the rows allow it.
 */
export function allocate(sizes: readonly number[], total: number): number[] {
  const n = sizes.reduce((a, b) => a + b, 0);
  const quota = sizes.map((s) => (total * s) / n);
  const share = quota.map((q, i) => Math.min(sizes[i]!, Math.max(1, Math.floor(q))));
  let left = total - share.reduce((a, b) => a + b, 0);
  const order = sizes
    .map((_, i) => i)
    .sort((a, b) => quota[b]! - Math.floor(quota[b]!) - (quota[a]! - Math.floor(quota[a]!)) || a - b);
  for (let pass = 0; left > 0 && pass < total; pass++) {
    for (const i of order) {
      if (left === 0) break;
      if (share[i]! < sizes[i]!) {
        share[i]!++;
        left--;
      }
    }
  }
  // Too many parents for `total` (each needs 1): take from the largest shares.
  while (left < 0) {
    const i = share.indexOf(Math.max(...share));
    if (share[i]! <= 1) break;
    share[i]!--;
    left++;
  }
  return share;
}

/**
 * Nested clusters, coarse to fine, like Brown clusters' bit-string prefixes: level 0 is k-means with
 * `levels[0]` clusters; each next level splits every cluster of the previous one, with
 * `levels[l]` clusters in all shared out by size. A fine cluster lies inside one coarse cluster, and the
 * children of one parent have consecutive ids. Returns, per level, each row's cluster id.
 */
export function nestedClusters(m: UnitRows, levels: readonly number[], seed: number): Int32Array[] {
  const rng = new Rng(seed);
  const out: Int32Array[] = [];
  let parents: Int32Array[] = [Int32Array.from({ length: m.rows }, (_, i) => i)];
  for (const total of levels) {
    const ids = new Int32Array(m.rows);
    const children: Int32Array[] = [];
    const shares = allocate(
      parents.map((p) => p.length),
      total,
    );
    parents.forEach((members, p) => {
      const assign = sphericalKMeans(m, members, shares[p]!, rng);
      const groups = Array.from({ length: Math.max(...assign) + 1 }, () => [] as number[]);
      assign.forEach((c, i) => groups[c]!.push(members[i]!));
      for (const group of groups.filter((g) => g.length > 0)) {
        for (const row of group) ids[row] = children.length;
        children.push(Int32Array.from(group));
      }
    });
    out.push(ids);
    parents = children;
  }
  return out;
}
