/**
 * Names the tagger read as one thing that the context makes a place (refine/index.ts): a company's
 * place of incorporation or site, a town after "in", a listed structure or airport, a town on a route
 * (also one read as a person), and a place after "the State of".
 */
import type { Candidate } from '../types.ts';
import type { EntityType } from '../taxonomy.ts';
import { TRAVEL_WORDS } from '../recognizers/landmark/index.ts';
import { isPolitical, locationType, type PlaceIndex } from './location.ts';
import { normalizeName } from './normalize.ts';
import { townBeforeSite, wordBefore } from './person.ts';
import { modelCandidate, type ModelSpan } from './types.ts';

/** "the State of", "the Commonwealth of" right before a place, as a contract writes a state. */
const STATE_OF = /\b(?:State|STATE|Commonwealth|COMMONWEALTH) (?:of|OF) $/;

export function afterStateOf(text: string, start: number): boolean {
  return STATE_OF.test(text.slice(Math.max(0, start - 16), start));
}

/**
 * "the laws of the State of New York": the tagger tags "New York" (as CoNLL does; the span stays), and
 * it names the state, not the city ("the State of Israel": the country).
 */
export function stateType(text: string, span: ModelSpan, places: PlaceIndex): EntityType {
  const country = places.get(normalizeName(text.slice(span.start, span.end)))?.type === 'CountryRegion';
  return country ? 'CountryRegion' : 'State';
}

/**
 * A place, then a lower-case legal form ("a Delaware corporation", "a Texas limited liability company")
 * or a word for one of a company's sites, in any case ("the New York office", "THE LONDON BRANCH").
 */
const INCORPORATED =
  /^(\p{Lu}[\p{L}.' -]*?)\s+(?:corporation|company|limited liability company|partnership|limited partnership|statutory trust|banking corporation|(?:[Oo]ffices?|OFFICES?|[Bb]ranch|BRANCH|[Cc]ampus|CAMPUS|[Hh]eadquarters|HEADQUARTERS))$/u;

/** Towns named like a political party, whose offices a text more often means: "Liberal hq". */
const PARTY_WORDS: ReadonlySet<string> = new Set(
  `Liberal Labour Conservative Republican Democrat Democratic Green Independent Independence Progressive
  Reform Union Unity National`.split(/\s+/),
);

/**
 * A place the tagger read as an organisation:
 *  - "Orlando International Airport", "the Oakland Bay Bridge": an airport or a structure by its name's end;
 *  - "a Delaware corporation": a contract's place of incorporation, read with its legal form as one ORG
 *    (the company is named elsewhere); "the New York office": the place of one of its sites;
 *  - "formed in Liverpool", "headquartered in Toyota City": a town after "in", "near", "across" or
 *    "throughout", which CoNLL's convention (a club by its town's name is ORG) makes the tagger read as
 *    a club;
 *  - "its Cupertino headquarters", "the Redmond campus": a listed town just before a site's noun, unless
 *    an organisation or a party bears its name too (`isOrganization`: "the Nokia office", "the Toyota
 *    plant"; "Liberal hq").
 */
export function orgAsPlace(
  text: string,
  span: ModelSpan,
  places: PlaceIndex,
  isOrganization: (name: string) => boolean,
): Candidate | undefined {
  const name = text.slice(span.start, span.end);
  if (!isOrganization(name) && !PARTY_WORDS.has(name)) {
    const site = townBeforeSite(text, name, span.end, places);
    if (site) return modelCandidate(span, site, span.end);
  }
  const m = INCORPORATED.exec(name);
  let end = span.end;
  let type: EntityType | undefined;
  if (m) {
    const place = places.get(normalizeName(m[1]!));
    if (place && isPolitical(place.type)) [end, type] = [span.start + m[1]!.length, place.type];
  } else if (AIRPORT_TAIL.test(name)) {
    type = 'Airport'; // "Orlando International Airport"
  } else if (STRUCTURE_TAIL.test(name)) {
    type = 'Structural'; // "Oakland Bay Bridge", "Transbay Tube"
  } else if (name.includes(' ') && places.get(normalizeName(name))?.type === 'Structural') {
    type = 'Structural'; // "the Statue of Liberty", a listed structure of several words
  } else if (places.get(normalizeName(name))?.region) {
    type = 'Location'; // "the Baltics", "APAC": a listed region
  } else {
    const before = wordBefore(text, span.start) ?? '';
    if (TOWN_WORDS.has(before) && !POSSESSIVE.test(text.slice(span.end, span.end + 3))) {
      const place = locationType(name, places);
      if (isPolitical(place)) type = place;
    } else if (TRAVEL_WORDS.has(before) && places.get(normalizeName(name))?.type === 'Airport') {
      type = 'Airport'; // "from JFK to LAX"
    } else type = townOnARoute(text, span, before, places); // "the train from Paris to Lyon"
  }
  return type && modelCandidate(span, type, end);
}

/**
 * A place the tagger read as a person: a listed town at one end of a route ("we flew from Atlanta to
 * Denver", "drove from Charlotte to Raleigh"), where a town named like a person is the town.
 */
export function personAsPlace(text: string, span: ModelSpan, places: PlaceIndex): Candidate | undefined {
  const type = townOnARoute(text, span, wordBefore(text, span.start) ?? '', places);
  return type && modelCandidate(span, type, span.end);
}

/** The type of a listed political place right after "from" or "to" (`before`) on a route, or undefined. */
function townOnARoute(
  text: string,
  span: ModelSpan,
  before: string,
  places: PlaceIndex,
): EntityType | undefined {
  if ((before !== 'from' && before !== 'to') || !onARoute(text, span, before)) return undefined;
  const place = locationType(text.slice(span.start, span.end), places);
  return isPolitical(place) ? place : undefined;
}

/**
 * "The train from Paris to Lyon", "we flew from Lyon to Madrid": a town at one end of a "from ... to
 * ..." route that a word of travel comes before. CoNLL names clubs by their towns ("his move from Lyon
 * to Chelsea"), so the route alone is not enough: the travel word is.
 */
function onARoute(text: string, span: ModelSpan, before: 'from' | 'to'): boolean {
  const reach = Math.max(0, span.start - ROUTE_REACH);
  if (before === 'from') {
    if (!TO_NEXT.test(text.slice(span.end, span.end + 4))) return false;
    return TRAVEL_BEFORE_FROM.test(text.slice(reach, span.start));
  }
  // The route's "from " (where FROM_BEFORE_TO matched, its 5 characters kept) ends what is read for travel.
  const m = FROM_BEFORE_TO.exec(text.slice(reach, span.start));
  return m !== null && TRAVEL_BEFORE_FROM.test(text.slice(reach, reach + m.index + 5));
}

/** How far back a route's travel word is looked for. */
const ROUTE_REACH = 80;
const TO_NEXT = /^ to /;
/** "from Paris to " right before the name after "to". */
const FROM_BEFORE_TO = /\bfrom \p{Lu}[\p{L}.'’ -]{0,40} to $/u;
/** A word of travel, then within a few words "from " (the route's start) at the end. */
const TRAVEL_BEFORE_FROM =
  /\b(?:trains?|flights?|flew|fly|flies|flying|drove|drive|drives|driving|bus|buses|coach|ferry|ferries|trip|trips|journey|route|routes|road|roads|commute|travell?(?:ed|ing)?|travels|rail|railway|highway|cruise|sailed|sail|shipped|shipping|shipment|delivery|deliveries|ride|rode|walked|hiked|cycled|connection)\b(?:\s+\S+){0,4}\s+from $/i;

/**
 * Head words of a structure's name, never an organisation's (CoNLL train and dev: clubs end in "Palace"
 * and "Park", so those are not here).
 */
const STRUCTURE_TAIL = / (?:Bridge|Tunnel|Tube|Stadium|Arena|Station|Cathedral)$/;
/** An airport's name, which the tagger may read as its operator: "Orlando International Airport". */
const AIRPORT_TAIL = / (?:Airport|AIRPORT)$/;
/** Before these a town is the place, even one CoNLL names clubs by ("visiting Liverpool" is the club). */
const TOWN_WORDS: ReadonlySet<string> = new Set([
  'in',
  'near',
  'across',
  'throughout',
  'downtown',
  'uptown',
  'midtown',
]);
/** "in Liverpool's win": a club's possessive after "in" stays the club. */
const POSSESSIVE = /^['’]s?\b/;
