/**
 * A place's definition after its name, the opening of countless encyclopaedia articles: "Coron is a
 * municipality in Palawan", "Troutdale is a city in Multnomah County", "Kinsale is a historic port town
 * in County Cork", "X is located in", "X is in the province of". People are "a town planner in Leeds"
 * or "in London": the noun must be followed by where the place is, and "is in" by an administrative unit.
 */
import type { EntityType } from '../taxonomy.ts';

const PLACE_DEFINITION =
  /,? (?:is|was) (?:(?:located|situated) (?:in|on|near)\b|an? (?:(?:small|large|coastal|historic|rural|major|port|market|mountain|seaside) ){0,2}(town|city|village|municipality|hamlet|suburb|borough|island|country|province|region|county|district)(?: in| on| near| of|,)|in the (?:province|state|region|county|district|municipality) of\b)/y;

/** The type of a place no list knows, by its definition's noun. */
const DEFINED_PLACES: Readonly<Record<string, EntityType>> = {
  town: 'City',
  city: 'City',
  village: 'City',
  municipality: 'City',
  hamlet: 'City',
  suburb: 'City',
  borough: 'City',
  island: 'Geological',
  country: 'CountryRegion',
  province: 'GPE',
  region: 'GPE',
  county: 'GPE',
  district: 'GPE',
};

/**
 * The type a place's definition right after `end` gives the name before it ("Location" where it names
 * no kind of place: "is located in"), or undefined when no definition follows.
 */
export function definedPlaceType(text: string, end: number): EntityType | undefined {
  PLACE_DEFINITION.lastIndex = end;
  const defined = PLACE_DEFINITION.exec(text);
  if (!defined) return undefined;
  return DEFINED_PLACES[defined[1] ?? ''] ?? 'Location';
}
