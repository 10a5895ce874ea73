import { FeatureIndex } from '../model/builtin/feature-index.ts';
import { fingerprint } from '../model/builtin/hash.ts';

/**
 * Index of the features that occur at least `minCount` times in the (training) lists and pass
 * `keep`; any other feature maps to the padding row, i.e. is ignored, in training and serving alike.
 */
export function buildIndex(
  lists: Iterable<readonly (readonly string[])[]>,
  minCount: number,
  keep: (feature: string) => boolean = () => true,
): FeatureIndex {
  const counts = new Map<number, number>();
  for (const units of lists) {
    for (const list of units) {
      for (const f of list) {
        if (!keep(f)) continue;
        const fp = fingerprint(f);
        counts.set(fp, (counts.get(fp) ?? 0) + 1);
      }
    }
  }
  const kept = [...counts].filter(([, c]) => c >= minCount).map(([fp]) => fp);
  return new FeatureIndex(Uint32Array.from(kept).sort());
}

/** Most features any unit has (the encoded width must hold them all). */
export function maxPerUnit(lists: Iterable<readonly (readonly string[])[]>): number {
  let max = 0;
  for (const units of lists) for (const list of units) max = Math.max(max, list.length);
  return max;
}
