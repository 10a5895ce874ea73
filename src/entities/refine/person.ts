import type { EntityType } from '../taxonomy.ts';
import { normalizeName } from './normalize.ts';
import { definedPlaceType } from './place-definition.ts';
import { LEGISLATURES, organizationType, type OrganizationIndex } from './organization.ts';
import { isPolitical, locationType, type LocationType, type PlaceIndex } from './location.ts';

/** "at the Hyatt": a name after "the" is not a person's. Matched just before the span, any case. */
const THE = 'the';
/**
 * "born in Jordan", "lives in Georgia", "a bar in downtown Denver": a word that takes places, not people,
 * before a major place name ("passed to Jordan" and "a letter from Georgia" may well be people, so not
 * "to" or "from").
 */
const PLACE_WORDS: ReadonlySet<string> = new Set([
  'in',
  'downtown',
  'uptown',
  'midtown',
  'near',
  'across',
  'throughout',
  'visit',
  'visited',
  'visiting',
]);
/** How far back the context is read: bounded work per span. */
const CONTEXT = 16;
/** Capitalised head words that end an institution's name, never a person's. */
const INSTITUTION_HEADS: ReadonlySet<string> = new Set([
  'Clinic',
  'Hospital',
  'Infirmary',
  'University',
  'College',
  'Institute',
  'Foundation',
  'Bank',
  'Corporation',
  'Inc',
  'Ltd',
  'LLC',
  'Ministry',
  'Council',
  'Committee',
  'Association',
]);
/**
 * Capitalised head words that end a building's name, never a person's ("Fushimi Inari Shrine"); not
 * "Tower", "Church", "Hall" or "Temple", which are surnames too.
 */
const BUILDING_HEADS: ReadonlySet<string> = new Set([
  'Shrine',
  'Cathedral',
  'Basilica',
  'Mosque',
  'Synagogue',
  'Pagoda',
  'Monastery',
  'Abbey',
  'Stadium',
  'Arena',
  'Museum',
  'Lighthouse',
  'Theatre',
  'Theater',
  'Center',
  'Centre',
  'Auditorium',
  'Amphitheatre',
  'Amphitheater',
  'Pavilion',
  'Library',
  'Planetarium',
  'Observatory',
  'Coliseum',
]);
/** Capitalised head words that end a region's name, never a person's: "Aichi Prefecture", "Orange County". */
const REGION_HEADS: ReadonlySet<string> = new Set(
  'County Province Prefecture District Oblast Governorate Borough Township Municipality Territory Canton Emirate Krai Voivodeship'.split(
    ' ',
  ),
);
const LAST_WORD = /\p{L}+$/u;
/** A mountain's title word, then its name: "Mount Rainier", "Mt. Fuji", "Mont Blanc", "Monte Rosa". */
const MOUNTAIN_TITLE = /^(?:Mount|Mt\.?|Mont|Monte) \p{Lu}/u;
/** Where one eats or shops, just before a name: "ate at", "lunch at", "ordered from", "a table for 6 at". */
const AT_A_BUSINESS =
  /\b(?:(?:ate|eat|eating|dined|dine|dining|dinner|lunch|breakfast|brunch|shopped|shop|shopping)\s+at|ordered\s+from|table(?:\s+for\s+\w+)?\s+at|reservations?\s+at)\s+$/i;
const OWN_S = /^['’]s/;

/**
 * "ate at Olive Garden", "ordered from Domino", "shopping at Target": where one eats or shops, just
 * before the name at [start, end), makes it a restaurant or a shop, not someone's home ("Sam's").
 */
export function atABusiness(text: string, start: number, end: number): boolean {
  return (
    AT_A_BUSINESS.test(text.slice(Math.max(0, start - 2 * CONTEXT), start)) &&
    !OWN_S.test(text.slice(end, end + 2))
  );
}
/** A company's site after a place's name: "Redmond campus", "Austin office". */
const SITE_AFTER =
  /(?:campus|office(?! hours)|offices|headquarters|hq|HQ|branch|plant|factory|warehouse|site|facility|store|clinic|data center|datacenter)\b/y;
/** A capital after two lower-case letters or more, not a Scottish or Irish surname's ("McCarthy", "MacKay"). */
const INNER_CAPITAL = /^(?!Mc|Mac)\p{Lu}\p{Ll}{2,}\p{Lu}/u;
/**
 * A building number (one to three digits, not a year or a day of a date: "8, 1880, Norton") or a
 * capitalised word, then a comma, just before a name: "Building 92, ", "Dallas, ".
 */
const ADDRESS_PART = /(?:(?<![\d,]\s?)\b(\d{1,3})|(\p{Lu}[\p{L}.'-]*))\s*,\s+$/u;

/**
 * "Building 92, Redmond", "Dallas, Texas": a name after a building number or a known place and a comma
 * may be the next part of an address ("Smith, Jordan" is left alone: Smith is not a place).
 */
function afterAddressPart(text: string, start: number, places: PlaceIndex): 'number' | 'place' | undefined {
  const m = ADDRESS_PART.exec(text.slice(Math.max(0, start - 2 * CONTEXT), start));
  if (!m) return undefined;
  if (m[1] !== undefined) return 'number';
  return places.has(normalizeName(m[2]!)) ? 'place' : undefined;
}

const WHITE_SPACE = /\s/;
const LETTER = /\p{L}/u;

function isSpace(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return WHITE_SPACE.test(text[i] as string);
}

function isLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(text[i] as string);
}

/**
 * The word (letters) that ends, after white space, just before `start`, within the CONTEXT characters
 * before it, lower-cased; undefined if there is none or no white space before `start`.
 */
export function wordBefore(text: string, start: number): string | undefined {
  const floor = Math.max(0, start - CONTEXT);
  let p = start - 1;
  if (p < floor || !isSpace(text, p)) return undefined;
  while (p >= floor && isSpace(text, p)) p--;
  const end = p + 1;
  while (p >= floor && isLetter(text, p)) p--;
  // The word must begin the context or follow a non-letter (a word cut by the context counts as whole).
  return end > p + 1 ? text.slice(p + 1, end).toLowerCase() : undefined;
}

/**
 * "our Redmond campus", "the Austin office": the type of `name`, ending at `end`, where it is a listed
 * political place before a company's site; undefined otherwise.
 */
export function townBeforeSite(
  text: string,
  name: string,
  end: number,
  places: PlaceIndex,
): LocationType | undefined {
  if (!wordAfter(text, end, SITE_AFTER)) return undefined;
  const place = places.get(normalizeName(name));
  return place && isPolitical(place.type) ? place.type : undefined;
}

/** Whether the word after one space at `end` matches `sticky` (a sticky regex): no string is cut out. */
export function wordAfter(text: string, end: number, sticky: RegExp): boolean {
  if (text.charCodeAt(end) !== 32) return false;
  sticky.lastIndex = end + 1;
  return sticky.test(text);
}

/**
 * The type of a span the model tagged PER: `Person`, unless it ends with an institution's head word
 * ("Mayo Clinic") or a building's ("Fushimi Inari Shrine"), is a listed organisation of several words ("Kaiser Permanente"), the lists say it
 * names a company, hotel or place after "the" (the model tags "Hyatt" in
 * "a 3-night stay at the Hyatt" as a person), or a major place after "in", "near", "across" or "visit".
 */
export function personType(
  text: string,
  start: number,
  end: number,
  orgs: OrganizationIndex,
  places: PlaceIndex,
): EntityType {
  // "Mayo Clinic", "Stanford University": a name with an institution's head word is not a person's.
  const name = text.slice(start, end);
  const last = LAST_WORD.exec(name)?.[0];
  if ((last && INSTITUTION_HEADS.has(last)) || LEGISLATURES.has(name))
    return organizationType(name, orgs, places);
  if (last && name !== last && BUILDING_HEADS.has(last)) return 'Structural';
  if (last && name !== last && REGION_HEADS.has(last)) return locationType(name, places);
  // "Mont Blanc", "Mount Rainier": a mountain's title word opens no person's name.
  if (MOUNTAIN_TITLE.test(name)) return 'Geological';
  // "Kaiser Permanente", "Northwind Traders": a listed organisation of several words (the hand lists;
  // one listed word, "Dell", "Ford", is as often a surname).
  // One listed word written with a capital inside ("PayPal", "LinkedIn") is no surname ("McCarthy" may be).
  if (name.includes(' ') || INNER_CAPITAL.test(name)) {
    const org = orgs.get(normalizeName(name));
    if (org) return org === 'Organization' ? organizationType(name, orgs, places) : org;
  }
  const site = townBeforeSite(text, name, end, places);
  if (site) return site;
  // "Tbilisi is the capital": a major place that is no one's name is the place, whatever the tagger says.
  if (!name.includes(' ')) {
    const place = places.get(normalizeName(name));
    if (place?.major && !place.personName && isPolitical(place.type)) return place.type;
  }
  // "Coron is a municipality in Palawan", "Troutdale is located in Oregon": a definition of a place.
  const defined = definedPlaceType(text, end);
  if (defined) return places.get(normalizeName(name))?.type ?? defined;
  const addressPart = afterAddressPart(text, start, places);
  if (addressPart) {
    // After a building number any town; after a place only a major one ("England, Norton" is a man).
    const place = places.get(normalizeName(text.slice(start, end)));
    if (place && isPolitical(place.type) && (addressPart === 'number' || place.major)) return place.type;
  }
  if (atABusiness(text, start, end)) return 'Organization';
  const before = wordBefore(text, start);
  if (before === undefined) return 'Person';
  const isThe = before === THE;
  if (!isThe && !PLACE_WORDS.has(before)) return 'Person';
  const key = normalizeName(name);
  if (isThe) {
    // "the Hyatt", "the Nile": a listed organisation, or a river, mountain or building (which take "the";
    // towns do not, and many share a surname: "the Dole campaign").
    const org = orgs.get(key);
    if (org) return org;
    const place = places.get(key)?.type;
    if (place === 'Geological' || place === 'Structural') return place;
    // "the Carolinas", "the Philippines": a listed place named in the plural takes "the" too.
    return place && key.endsWith('s') && isPolitical(place) ? place : 'Person';
  }
  const place = places.get(key);
  if (place?.major) return place.type;
  return 'Person';
}
