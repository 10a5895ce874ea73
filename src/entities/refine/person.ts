import type { EntityType } from '../taxonomy.ts';
import { normalizeName } from './normalize.ts';
import type { OrganizationIndex } from './organization.ts';
import type { PlaceIndex } from './location.ts';

/** "at the Hyatt": a name after "the" is not a person's. Matched just before the span, any case. */
const THE_BEFORE = /(?:^|[^\p{L}])the\s+$/iu;
/**
 * "born in Jordan", "lives in Georgia": a preposition that takes places, not people, before a major place
 * name ("passed to Jordan" and "a letter from Georgia" may well be people, so not "to" or "from").
 */
const PLACE_BEFORE = /(?:^|[^\p{L}])(?:in|near|across|throughout|visit|visited|visiting)\s+$/iu;
/** How far back the context is read: bounded work per span. */
const CONTEXT = 16;

/**
 * The type of a span the model tagged PER: `Person`, unless the lists say it names a company or hotel
 * after "the" (the model tags "Hyatt" in "a 3-night stay at the Hyatt" as a person), or a major place
 * after "in", "near", "across" or "visit".
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
    const org = orgs.get(key);
    if (org) return org;
  }
  if (PLACE_BEFORE.test(before)) {
    const place = places.get(key);
    if (place?.major) return place.type;
  }
  return 'Person';
}
