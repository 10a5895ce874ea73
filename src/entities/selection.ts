import { applyOverlapPolicy, type OverlapPolicy } from './overlap.ts';
import { matchesFilter } from './taxonomy.ts';
import type { RecognizedEntity } from './types.ts';

/**
 * Which of a document's entities a caller gets: Azure's `inclusionList` / `exclusionList` (any tag
 * level) and `overlapPolicy`, and whether it wants their resolved `metadata`. The API decides it; the
 * inference worker applies it where the entities are found, so what the caller will not get (a
 * number inside an amount under matchLongest: about half of a rich document's candidates) is never
 * copied to the main thread.
 */
export interface EntitySelection {
  readonly overlapPolicy: OverlapPolicy;
  readonly inclusionList?: readonly string[];
  readonly exclusionList?: readonly string[];
  /** Resolved metadata is wanted; without it, metadata stays in the worker. */
  readonly metadata: boolean;
}

/** The names an entity answers to in the filters: its type's whole hierarchy, or its category. */
function matches(e: RecognizedEntity, name: string): boolean {
  return e.type ? matchesFilter(e.type, name) : e.category === name;
}

/** Azure applies inclusionList first, then exclusionList, then the overlap policy. */
export function selectEntities(
  found: readonly RecognizedEntity[],
  selection: EntitySelection,
): RecognizedEntity[] {
  const { inclusionList, exclusionList } = selection;
  const filtered =
    inclusionList || exclusionList
      ? found.filter(
          (e) =>
            (!inclusionList || inclusionList.some((n) => matches(e, n))) &&
            !exclusionList?.some((n) => matches(e, n)),
        )
      : found;
  return applyOverlapPolicy(filtered, selection.overlapPolicy);
}
