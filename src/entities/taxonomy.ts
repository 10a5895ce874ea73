/**
 * Azure's entity taxonomy: every finest type (api-version 2024-11-01+ `type`) with the category and
 * subcategory older api-versions return and the tag hierarchy newer ones return. Sources: Azure's
 * "named entity categories", "GA/preview mapping" and the 2025-11-01 `EntityCategory` enum (whose
 * names are what `inclusionList`/`exclusionList` accept).
 */

interface TypeInfo {
  /** 2022-05-01/2023-04-01 `category`. */
  readonly category: string;
  /** 2022-05-01/2023-04-01 `subcategory`, where Azure has one. */
  readonly subcategory?: string;
  /** 2024-11-01+ `tags`, broadest first, ending with the type itself. */
  readonly tags: readonly string[];
}

const info = (category: string, subcategory: string | undefined, ...tags: string[]): TypeInfo =>
  subcategory ? { category, subcategory, tags } : { category, tags };

export const TAXONOMY = {
  // Person and roles.
  Person: info('Person', undefined, 'Person'),
  PersonType: info('PersonType', undefined, 'PersonType'),
  // Locations.
  Location: info('Location', undefined, 'Location'),
  GPE: info('Location', 'GPE', 'Location', 'GPE'),
  City: info('Location', 'GPE', 'Location', 'GPE', 'City'),
  State: info('Location', 'GPE', 'Location', 'GPE', 'State'),
  CountryRegion: info('Location', 'GPE', 'Location', 'GPE', 'CountryRegion'),
  Continent: info('Location', 'GPE', 'Location', 'GPE', 'Continent'),
  Structural: info('Location', 'Structural', 'Location', 'Structural'),
  Airport: info('Location', 'Structural', 'Location', 'Structural', 'Airport'),
  Geological: info('Location', 'Geographical', 'Location', 'Geological'),
  Address: info('Address', undefined, 'Address'),
  // Organizations.
  Organization: info('Organization', undefined, 'Organization'),
  OrganizationMedical: info('Organization', 'Medical', 'Organization', 'OrganizationMedical'),
  OrganizationStockExchange: info(
    'Organization',
    'Stock exchange',
    'Organization',
    'OrganizationStockExchange',
  ),
  OrganizationSports: info('Organization', 'Sports', 'Organization', 'OrganizationSports'),
  // Events, products, skills.
  Event: info('Event', undefined, 'Event'),
  CulturalEvent: info('Event', 'Cultural', 'Event', 'CulturalEvent'),
  NaturalEvent: info('Event', 'Natural', 'Event', 'NaturalEvent'),
  SportsEvent: info('Event', 'Sports', 'Event', 'SportsEvent'),
  Product: info('Product', undefined, 'Product'),
  ComputingProduct: info('Product', 'ComputingProducts', 'Product', 'ComputingProduct'),
  Skill: info('Skill', undefined, 'Skill'),
  // Patterns.
  Email: info('Email', undefined, 'Email'),
  URL: info('URL', undefined, 'URL'),
  IP: info('IP', undefined, 'IP'),
  PhoneNumber: info('PhoneNumber', undefined, 'PhoneNumber'),
  // DateTime.
  Date: info('DateTime', 'Date', 'DateTime', 'Date'),
  Time: info('DateTime', 'Time', 'DateTime', 'Time'),
  DateTime: info('DateTime', undefined, 'DateTime'),
  DateRange: info('DateTime', 'DateRange', 'DateTime', 'DateRange'),
  TimeRange: info('DateTime', 'TimeRange', 'DateTime', 'TimeRange'),
  DateTimeRange: info('DateTime', 'DateTimeRange', 'DateTime', 'DateTimeRange'),
  Duration: info('DateTime', 'Duration', 'DateTime', 'Duration'),
  SetTemporal: info('DateTime', 'Set', 'DateTime', 'SetTemporal'),
  // Quantity.
  Number: info('Quantity', 'Number', 'Numeric', 'Quantity', 'Number'),
  NumberRange: info('Quantity', 'Number', 'Numeric', 'Quantity', 'NumberRange'),
  Percentage: info('Quantity', 'Percentage', 'Numeric', 'Quantity', 'Percentage'),
  Ordinal: info('Quantity', 'Ordinal', 'Numeric', 'Ordinal'),
  Age: info('Quantity', 'Age', 'Numeric', 'Quantity', 'Age'),
  Currency: info('Quantity', 'Currency', 'Numeric', 'Quantity', 'Currency'),
  Temperature: info('Quantity', 'Temperature', 'Numeric', 'Quantity', 'Temperature'),
  Dimension: info('Quantity', 'Dimension', 'Numeric', 'Quantity', 'Dimension'),
  Length: info('Quantity', 'Dimension', 'Numeric', 'Quantity', 'Dimension', 'Length'),
  Height: info('Quantity', 'Dimension', 'Numeric', 'Quantity', 'Dimension', 'Height'),
  Weight: info('Quantity', 'Dimension', 'Numeric', 'Quantity', 'Dimension', 'Weight'),
  Volume: info('Quantity', 'Dimension', 'Numeric', 'Quantity', 'Dimension', 'Volume'),
  Area: info('Quantity', 'Dimension', 'Numeric', 'Quantity', 'Dimension', 'Area'),
  Speed: info('Quantity', 'Dimension', 'Numeric', 'Quantity', 'Dimension', 'Speed'),
  Information: info('Quantity', 'Dimension', 'Numeric', 'Quantity', 'Dimension', 'Information'),
  // Not Azure's: CoNLL MISC names that no evidence re-categorised; off by default (entities.miscellaneous).
  Miscellaneous: info('Miscellaneous', undefined, 'Miscellaneous'),
} as const satisfies Record<string, TypeInfo>;

export type EntityType = keyof typeof TAXONOMY;

export function isEntityType(name: string): name is EntityType {
  return Object.hasOwn(TAXONOMY, name);
}

/**
 * The same entries in a Map: the pipeline asks for a candidate's type several times, and a keyed
 * load of ~50 different names from the object is megamorphic (17 ns against 7 ns, measured).
 */
const INFO: ReadonlyMap<string, TypeInfo> = new Map(Object.entries(TAXONOMY));

export function typeInfo(type: EntityType): TypeInfo {
  return INFO.get(type)!;
}

/**
 * Tag names a caller may filter on (`inclusionList`/`exclusionList`): Azure's `EntityCategory` enum
 * (2025-11-01) plus the older category names, so `Quantity` or `DateTime` filters work as well.
 */
const ALIASES: Readonly<Record<string, string>> = { Temporal: 'DateTime' };

export const FILTER_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(TAXONOMY).flatMap((t) => [t.category, ...t.tags]),
  ...Object.keys(ALIASES),
]);

/** Whether an entity of `type` matches a filter name at any level of its hierarchy. */
export function matchesFilter(type: EntityType, name: string): boolean {
  const t = typeInfo(type);
  const wanted = ALIASES[name] ?? name;
  return t.category === wanted || t.tags.includes(wanted);
}
