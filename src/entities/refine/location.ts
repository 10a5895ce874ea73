import type { EntityType } from '../taxonomy.ts';
import type { ListRow } from './lists.ts';
import { Endings, Openings, phrases } from './affixes.ts';
import { normalizeName } from './normalize.ts';

export type LocationType = Extract<
  EntityType,
  | 'Location'
  | 'GPE'
  | 'City'
  | 'State'
  | 'CountryRegion'
  | 'Continent'
  | 'Structural'
  | 'Airport'
  | 'Geological'
>;

export interface Place {
  readonly type: LocationType;
  /** A country, state, continent or big city: strong enough to re-type a model PER span. */
  readonly major: boolean;
  /** Listed in capitals ("UK", "NY"): an acronym in the text may name it. */
  readonly capitals: boolean;
  /** A name people bear too ("Georgia", "Jordan"). */
  readonly personName: boolean;
  /** A region of the world or of a country ("Middle East", "APAC"), after which no company or club is named. */
  readonly region: boolean;
}

/** Two or three capitals: an acronym ("UN", "EU"), or a listed place's own capitals ("UK"). */
const ACRONYM = /^[A-Z]{2,3}$/;

/** Place names keyed by `normalizeName`. */
export type PlaceIndex = ReadonlyMap<string, Place>;

export function indexPlaces(rows: readonly ListRow[]): PlaceIndex {
  const index = new Map<string, Place>();
  for (const r of rows)
    index.set(normalizeName(r.name), {
      type: r.type as LocationType,
      major: r.flags.includes('p'),
      capitals: ACRONYM.test(r.name),
      personName: r.flags.includes('h'),
      region: r.flags.includes('r'),
    });
  // "St Louis", "ST LOUIS", "Ft Worth": a listed name with its abbreviations' full stops left out, where
  // no other name takes that key.
  for (const [key, place] of [...index]) {
    const bare = key.includes('.') ? key.replace(/\./g, '') : key;
    if (bare !== key && !index.has(bare)) index.set(bare, place);
  }
  return index;
}

// Phrases over the normalised (lower-case) name, each at one end of it.
const AIRPORT = new Endings(phrases('airport|airfield|aerodrome|intl|intl.'), 'word');
const GEOLOGICAL_HEAD = new Openings(
  phrases('mount|mt|mt.|lake|cape|loch|isle of|gulf of|bay of|sea of|strait of|straits of|river'),
);
const GEOLOGICAL_TAIL = new Endings(
  phrases(
    'river|mountain|mountains|range|lake|sea|ocean|bay|gulf|strait|straits|island|islands|isle|isles|peninsula|' +
      'valley|canyon|desert|falls|glacier|hills|peak|volcano|creek|forest|rainforest|reef|coast|delta|basin|' +
      'plateau|sound|channel|lagoon|fjord|woods|highlands|plain|plains|archipelago|atoll|cliffs|gorge|marsh|swamp|' +
      'national park|state park|nature reserve|wildlife refuge',
  ),
  'space',
);
const STRUCTURAL = new Endings(
  phrases(
    'bridge|stadium|arena|tower|towers|building|center|centre|hall|palace|castle|cathedral|church|chapel|mosque|' +
      'temple|synagogue|abbey|museum|library|station|terminal|dam|canal|hotel|mall|plaza|square|monument|' +
      'memorial|theatre|theater|opera house|hospital|university|school|college|prison|pier|lighthouse|tunnel|' +
      'gate|fort|observatory|complex|headquarters|campus|field|ballpark|coliseum|dome|skyscraper|mansion|manor|' +
      'motel|resort|cemetery|zoo|aquarium|golf course|garden|gardens',
  ),
  'space',
);
const CITY_TAIL = new Endings(['city'], 'space');
const STATE_TAIL = new Endings(['state'], 'space');
const STATE_TITLE = /^(?:state|commonwealth) of /;
const GPE_TAIL = new Endings(
  phrases(
    'county|province|prefecture|district|oblast|governorate|borough|township|parish|municipality|region|' +
      'territory|territories|canton|department|emirate|republic|kingdom|commonwealth|shire|krai|voivodeship',
  ),
  'space',
);
/**
 * A building named for what it holds or honours: "the Metropolitan Museum of Art", "Church of the Holy
 * Sepulchre".
 */
const STRUCTURE_OF =
  /^(?:\S+ )*(?:museum|palace|cathedral|church|basilica|temple|tower|castle|abbey|chapel|monument|memorial|gallery|shrine|mosque) of /;
const GPE_HEAD = new Openings(
  phrases(
    'city|republic|kingdom|state|province|county|commonwealth|emirate|sultanate|principality|duchy|grand duchy|' +
      'federation|union',
  ).map((p) => `${p} of`),
);
const DIRECTION = new Openings(
  phrases(
    'north|south|east|west|northern|southern|eastern|western|central|upper|lower|greater|inner|outer|northeast|' +
      'northwest|southeast|southwest|northeastern|northwestern|southeastern|southwestern|mid|downtown|midtown|' +
      'rural|coastal',
  ),
);

/** The finest Location type of a place name the model found; a name in `towns` that nothing else types is a City. */
export function locationType(name: string, places: PlaceIndex, towns?: ReadonlySet<string>): LocationType {
  const key = normalizeName(name);
  const known = places.get(key);
  // "a UN envoy" is no visit to Un, the Indian town: an acronym names only a place listed in capitals.
  if (known && (known.capitals || !ACRONYM.test(name))) return known.type;
  if (AIRPORT.test(key)) return 'Airport';
  if (CITY_TAIL.test(key)) return 'City';
  if (STATE_TAIL.test(key)) return 'State';
  // "State of New York", "Commonwealth of Massachusetts": a listed state (or a city named like its
  // state); "State of Israel", "Commonwealth of Australia": the country.
  const titled = STATE_TITLE.exec(key);
  const titledPlace = titled ? places.get(key.slice(titled[0].length)) : undefined;
  if (titledPlace?.major) return titledPlace.type === 'CountryRegion' ? 'CountryRegion' : 'State';
  if (GPE_TAIL.test(key) || GPE_HEAD.match(key) > 0) return 'GPE';
  // Structures first: "Mount Zion Baptist Church" is a church.
  if (STRUCTURAL.test(key) || STRUCTURE_OF.test(key)) return 'Structural';
  if (GEOLOGICAL_HEAD.match(key) > 0 || GEOLOGICAL_TAIL.test(key)) return 'Geological';
  const direction = DIRECTION.match(key);
  if (direction > 0) {
    // "Southern California", "Eastern Europe": part of a known political place, not the place itself.
    const rest = places.get(key.slice(direction));
    if (rest) return rest.type === 'Continent' ? 'Location' : isPolitical(rest.type) ? 'GPE' : rest.type;
  }
  return towns?.has(key) ? 'City' : 'Location';
}

export function isPolitical(type: LocationType): boolean {
  return (
    type === 'City' || type === 'State' || type === 'CountryRegion' || type === 'Continent' || type === 'GPE'
  );
}
