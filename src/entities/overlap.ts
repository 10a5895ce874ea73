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
  const kept: T[] = [];
  for (const e of ranked) {
    const conflict = kept.some(
      (k) =>
        k.start < e.end &&
        e.start < k.end &&
        // An exact tie (same characters, same confidence) is kept beside the one already chosen.
        !(k.start === e.start && k.end === e.end && k.confidence === e.confidence),
    );
    if (!conflict) kept.push(e);
  }
  return kept.sort(byPosition);
}
