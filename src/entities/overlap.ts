/** A span the overlap policy can arbitrate. */
export interface Scored {
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
}

export type OverlapPolicy = 'matchLongest' | 'allowOverlap';

/**
 * Azure's overlap policies (2024-11-01 `overlapPolicy`; matchLongest is also what older api-versions do).
 * matchLongest: among overlapping entities the longest wins; for the same characters the higher
 * confidence wins; entities still tied are all kept. allowOverlap: everything, as found.
 * Returns a new array sorted by start, then end.
 */
export function applyOverlapPolicy<T extends Scored>(entities: readonly T[], policy: OverlapPolicy): T[] {
  const byPosition = (a: T, b: T): number => a.start - b.start || a.end - b.end;
  if (policy === 'allowOverlap') return [...entities].sort(byPosition);
  const ranked = [...entities].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.confidence - a.confidence || a.start - b.start,
  );
  // Kept entities never overlap (but for exact ties), so sorted by start their ends are sorted too:
  // the ones a candidate could overlap are found by binary search, not by scanning all of them.
  const kept: T[] = [];
  for (const e of ranked) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.end <= e.start) lo = mid + 1;
      else hi = mid;
    }
    let at = lo;
    let conflict = false;
    for (; at < kept.length && kept[at]!.start < e.end; at++) {
      const other = kept[at]!;
      // An exact tie (same characters, same confidence) is kept beside the one already chosen.
      if (!(other.start === e.start && other.end === e.end && other.confidence === e.confidence)) {
        conflict = true;
        break;
      }
    }
    if (!conflict) kept.splice(at, 0, e);
  }
  return kept.sort(byPosition);
}
