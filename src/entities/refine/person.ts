import type { EntityType } from '../taxonomy.ts';
import { normalizeName } from './normalize.ts';
import type { OrganizationIndex } from './organization.ts';
import type { PlaceIndex } from './location.ts';

/** "at the Hyatt": a name after "the" is not a person's. Matched just before the span, any case. */
const THE_BEFORE = /(?:^|[^\p{L}])the\s+$/iu;
/** "flew to Georgia", "born in Jordan": a preposition of place before a major place name. */
const PLACE_BEFORE = /(?:^|[^\p{L}])(?:in|to|from|near|across|visit|visited|visiting|toward|towards)\s+$/iu;
/** How far back the context is read: bounded work per span. */
const CONTEXT = 16;

/**
 * The type of a span the model tagged PER: `Person`, unless the lists say it names a company or hotel
 * after "the" (the model tags "Hyatt" in "a 3-night stay at the Hyatt" as a person), or a major place
 * after a preposition of place.
 */
export function personType(
  text: string,
  start: number,
  end: number,
  orgs: OrganizationIndex,
  places: PlaceIndex,
): EntityType {
  const before = text.slice(Math.max(0, start - CONTEXT), start);
  if (before.length === 0 || !/\s$/.test(before)) return 'Person';
  const key = normalizeName(text.slice(start, end));
  if (THE_BEFORE.test(before)) {
    const org = orgs.get(key) ?? orgs.get(key.split(' ', 1)[0] as string);
    if (org) return org;
  }
  if (PLACE_BEFORE.test(before)) {
    const place = places.get(key);
    if (place?.major) return place.type;
  }
  return 'Person';
}
