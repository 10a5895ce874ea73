/**
 * Landmarks and natural features by name, where the tagger misses them ("took us up the Space
 * Needle", "across the Golden Gate Bridge", "sailed the Adriatic Sea"): the names of several words in
 * models/entities/places.tsv typed Structural or Geological, written exactly as listed (so "the
 * great wall of the garden" is no landmark). Names of one word ("Broadway", "Brown", "Capitol") are
 * too ambiguous without the model, and universities and colleges are Organizations to Azure. A listed
 * three-letter airport code is an Airport after a travel word ("departs SFO", "from JFK to LAX", "landed
 * at LAX"). A major city, state or country written in lower case (or in text of one case) is its place
 * after a word that leads to one ("weather in denver"), where the tagger found nothing. A name that opens a
 * sentence and is defined as a place is that place ("Troutdale is a city in Multnomah County"); one
 * defined as an organisation, that organisation ("Radiohead are an English rock band").
 */
import { isPolitical, type LocationType } from '../../refine/location.ts';
import { readList } from '../../refine/lists.ts';
import { PhraseLexicon, type PhraseEntry } from '../../refine/phrase-lexicon.ts';
import { definedOrganizationType } from '../../refine/organization-definition.ts';
import { definedPlaceType } from '../../refine/place-definition.ts';
import { gapIs, startsSentence, tokenHashesOf, tokensOf, type Tokens } from '../../refine/tokens.ts';
import { WordFilter } from '../../refine/word-filter.ts';
import type { Candidate, Recognizer } from '../../types.ts';
import { isWeak } from '../event/name-words.ts';
import { writtenInOneCase } from '../person-type/text-case.ts';
import { readCompanyNames } from '../organization/index.ts';

type LandmarkType = Extract<LocationType, 'Structural' | 'Geological'>;
type PlaceType = Extract<LocationType, 'City' | 'State' | 'CountryRegion' | 'Continent' | 'GPE'>;

/** Words before a place's name: "landed in nyc", "flying to denver", "from tokyo". */
const PLACE_LEADS: ReadonlySet<string> = new Set(
  'in to from near into via visit visiting visited around across leaving outside'.split(' '),
);
/** Major places whose names are English words too ("interested in reading", "sent to us"). */
const WORD_PLACES: ReadonlySet<string> = new Set(['nice', 'queens', 'reading', 'sale', 'us', 'van']);

const LANDMARK_TYPES: ReadonlySet<string> = new Set<LandmarkType>(['Structural', 'Geological']);
/** Academic institutions the place lists hold as buildings: Azure returns them as Organization. */
const INSTITUTION = /\b(?:University|College|School|Institute|Academy)\b/;
const MAX_LANDMARKS = 64;
/** Below the tagger's typical span confidence: a model span over the same words keeps its own type. */
const LIST_CONFIDENCE = 0.75;
/** A one-word natural feature after "the": below any name the tagger proposes for the same word. */
const NATURAL_CONFIDENCE = 0.5;

/** The text's words are the listed name letter for letter (the lexicon folds all but the first word). */
function writtenAsListed(entry: PhraseEntry<LandmarkType>, tokens: Tokens, i: number): boolean {
  const start = tokens.starts[i] as number;
  return tokens.text.startsWith(entry.name, start);
}

/** Words after which a listed three-letter airport code is the airport: "departs SFO", "from JFK to LAX". */
export const TRAVEL_WORDS: ReadonlySet<string> = new Set([
  'from',
  'to',
  'via',
  'into',
  'departs',
  'depart',
  'departing',
  'leaves',
  'leaving',
  'arrives',
  'arrive',
  'arriving',
  'lands',
  'landing',
  'landed',
]);
const AIRPORT_CODE = /^[A-Z]{3}$/;
/** Words before "at" or "in" and an airport code: "landed at LAX", "a layover in ORD". */
const ARRIVAL_WORDS: ReadonlySet<string> = new Set(
  'landed land lands landing arrived arrive arrives arriving layover stopover connecting connection'.split(
    ' ',
  ),
);

/** Rivers named like what people are ("the Canadian dollar", "the Republican said") or wear. */
const NOT_NATURAL_AFTER_THE: ReadonlySet<string> = new Set(['Canadian', 'Republican', 'Bikini']);

export function loadLandmarkRecognizer(dir: string): Recognizer {
  const lexicon = new PhraseLexicon<LandmarkType>();
  // One-word natural features after "the" ("the Nile flows", "the Alps"): none that a company, an
  // organisation or a person bears too ("the Amazon", "the Don").
  const companies = readCompanyNames(dir);
  const organizations = new Set(readList(dir, 'orgs.tsv').map((r) => r.name));
  const natural = new Set<string>();
  const majorPlaces = new PhraseLexicon<PlaceType>({ caseless: true });
  const airportCodes = new Set<string>();
  for (const row of readList(dir, 'places.tsv')) {
    if (row.type === 'Airport' && AIRPORT_CODE.test(row.name)) airportCodes.add(row.name);
    if (
      row.flags.includes('p') &&
      isPolitical(row.type as LocationType) &&
      !WORD_PLACES.has(row.name.toLowerCase())
    )
      majorPlaces.add(row.name, row.type as PlaceType);
    if (
      row.type === 'Geological' &&
      /^\p{Lu}\p{Ll}/u.test(row.name) &&
      !/[ \d]/.test(row.name) &&
      !row.flags.includes('h') &&
      !companies.has(row.name) &&
      !organizations.has(row.name) &&
      !NOT_NATURAL_AFTER_THE.has(row.name)
    )
      natural.add(row.name);
    if (!LANDMARK_TYPES.has(row.type) || !row.name.includes(' ') || INSTITUTION.test(row.name)) continue;
    lexicon.add(row.name, row.type as LandmarkType);
  }
  // Lower-case words, so their hashes are the folded hashes of the text's "in", "In", "IN".
  const placeLeads = new WordFilter();
  for (const lead of PLACE_LEADS) placeLeads.add(lead);
  const codeTriggers = new WordFilter();
  for (const code of airportCodes) codeTriggers.add(code);
  for (const code of LOWER_CASE_CODES) codeTriggers.add(code);
  const naturalWords = new WordFilter();
  for (const name of natural) naturalWords.add(name);
  return (text) => {
    const hashed = tokenHashesOf(text);
    const names = lexicon.mayStartAnywhere(hashed, hashed.count);
    const codes = codeTriggers.mayHaveAny(hashed.hashes, hashed.count);
    // Written in lower case, or in text of one case, the tagger misses places it finds written with
    // capitals ("landed in nyc", "weather in denver").
    const oneCase = writtenInOneCase(text);
    const caseless = majorPlaces.mayStartCaselessAfter(hashed, hashed.count, placeLeads, !oneCase);
    const definitions = !oneCase && MAY_DEFINE.test(text);
    const naturals = !oneCase && naturalWords.mayHaveAny(hashed.hashes, hashed.count);
    if (!names && !codes && !caseless && !definitions && !naturals) return [];
    const tokens = tokensOf(text);
    const out: Candidate[] = [];
    if (definitions) definedNames(tokens, out);
    if (naturals) naturalFeaturesAfterThe(tokens, natural, out);
    if (codes) airportsByCode(tokens, airportCodes, oneCase, out);
    if (caseless) placesAfterLeads(tokens, majorPlaces, oneCase, out);
    if (!names) return out.sort((a, b) => a.start - b.start);
    for (let i = 0; i < tokens.words.length && out.length < MAX_LANDMARKS; i++) {
      const entry = lexicon.matchAt(tokens, i, writtenAsListed);
      if (!entry) continue;
      const start = tokens.starts[i] as number;
      out.push({
        start,
        end: start + entry.name.length,
        type: entry.value,
        confidence: LIST_CONFIDENCE,
        source: 'rule',
      });
      i += entry.length - 1;
    }
    return out.sort((a, b) => a.start - b.start);
  };
}

/**
 * Major places (GeoNames cities of 15,000 people or more flagged major, states, countries) written in
 * lower case, or in text of one case, after a word that leads to a place ("in denver", "TO DENVER"): the
 * tagger misses some, and the lead keeps "reading" and other words out. Only where the tagger found
 * nothing: its organisation or person for the same words wins.
 */
function placesAfterLeads(
  tokens: Tokens,
  places: PhraseLexicon<PlaceType>,
  oneCase: boolean,
  out: Candidate[],
): void {
  for (let i = 1; i < tokens.words.length && out.length < MAX_LANDMARKS; i++) {
    if (!PLACE_LEADS.has((tokens.words[i - 1] as string).toLowerCase())) continue;
    const entry = places.matchCaselessAt(tokens, i);
    if (!entry) continue;
    const last = i + entry.length - 1;
    // A capitalised name is the tagger's to read, unless the whole text is in capitals.
    if (!oneCase && !isLowerCase(tokens, i, last)) continue;
    out.push({
      start: tokens.starts[i] as number,
      end: tokens.ends[last] as number,
      type: entry.value,
      confidence: LIST_CONFIDENCE,
      source: 'rule',
      // Only where the tagger found nothing: its organisation for the same word (a club) wins.
      tagger: 'yields',
    });
    i = last;
  }
}

/**
 * A listed natural feature of one word right after "the", ending its name ("the Nile flows north",
 * "crossed the Alps"; not "the Thames Valley"), where the tagger may find nothing; its organisation or
 * person for the same word wins.
 */
function naturalFeaturesAfterThe(tokens: Tokens, natural: ReadonlySet<string>, out: Candidate[]): void {
  for (let i = 1; i < tokens.words.length && out.length < MAX_LANDMARKS; i++) {
    const word = tokens.words[i] as string;
    if (!natural.has(word) || !gapIs(tokens, i, ' ')) continue;
    const before = tokens.words[i - 1] as string;
    if (before !== 'the' && before !== 'The') continue;
    const next = tokens.words[i + 1];
    if (next !== undefined && /^\p{Lu}/u.test(next) && gapIs(tokens, i + 1, ' ')) continue;
    out.push({
      start: tokens.starts[i] as number,
      end: tokens.ends[i] as number,
      type: 'Geological',
      // Lower still: the tagger's name of any label for the same word wins ("the Arctic island": MISC).
      confidence: NATURAL_CONFIDENCE,
      source: 'rule',
      tagger: 'yields',
    });
  }
}

/**
 * What every place's or organisation's definition holds (definedPlaceType and definedOrganizationType
 * read the rest).
 */
const MAY_DEFINE = / (?:is|was|are|were) (?:a|an|the|in|located|situated) /;
const CAPITALISED = /^\p{Lu}[\p{L}'’-]*$/u;

/**
 * A name of one to three capitalised words that starts a sentence and is defined as a place right after
 * ("Troutdale is a city in Multnomah County"), or as an organisation ("Radiohead are an English rock band
 * formed in Abingdon"), where the tagger may find nothing. Its type by the definition's noun; the tagger's
 * organisation or person for the same words wins (and the refiner reads the same definitions after the
 * tagger's names).
 */
function definedNames(tokens: Tokens, out: Candidate[]): void {
  for (let i = 0; i < tokens.words.length && out.length < MAX_LANDMARKS; i++) {
    const word = tokens.words[i] as string;
    // "It is a small town in Kent": no pronoun or determiner names the place.
    if (!CAPITALISED.test(word) || isWeak(word) || !startsSentence(tokens, i)) continue;
    let last = i;
    while (last < i + 2 && CAPITALISED.test(tokens.words[last + 1] ?? '') && gapIs(tokens, last + 1, ' '))
      last++;
    const end = tokens.ends[last] as number;
    const type = definedPlaceType(tokens.text, end) ?? definedOrganizationType(tokens.text, end);
    if (!type) continue;
    out.push({
      start: tokens.starts[i] as number,
      end: tokens.ends[last] as number,
      type,
      confidence: LIST_CONFIDENCE,
      source: 'rule',
      tagger: 'yields',
    });
    i = last;
  }
}

/** Whether tokens first..last have no capital letter. */
function isLowerCase(tokens: Tokens, first: number, last: number): boolean {
  for (let k = first; k <= last; k++) if (/\p{Lu}/u.test(tokens.words[k] as string)) return false;
  return true;
}

/** Whether the words before token `i` lead to a place one travels to or from. */
function afterTravelWord(tokens: Tokens, i: number): boolean {
  const prev = (tokens.words[i - 1] as string).toLowerCase();
  if (TRAVEL_WORDS.has(prev)) return true;
  return (
    (prev === 'at' || prev === 'in') &&
    i > 1 &&
    ARRIVAL_WORDS.has((tokens.words[i - 2] as string).toLowerCase())
  );
}

/**
 * Codes of busy airports that are no English word, which chat writes in lower case ("get to jfk", "flying
 * into lax"); a listed code written so may be a word ("to the": THE is Teresina's).
 */
const LOWER_CASE_CODES: ReadonlySet<string> = new Set(
  `jfk lax sfo ord atl dfw lhr cdg ewr iad dca phx msp dtw clt iah yyz yvr hnd nrt dxb hkg icn lga mco slc pdx
  bwi fll tpa sjc lgw stn fco bcn muc zrh yul`.split(/\s+/),
);

/**
 * Listed airport codes after a travel word ("departs SFO"): alone, "SFO" is as often something else. In
 * text written in one case, a busy airport's code in lower case too.
 */
function airportsByCode(
  tokens: Tokens,
  codes: ReadonlySet<string>,
  oneCase: boolean,
  out: Candidate[],
): void {
  for (let i = 1; i < tokens.words.length && out.length < MAX_LANDMARKS; i++) {
    const word = tokens.words[i] as string;
    const listed =
      codes.has(word) || (oneCase && LOWER_CASE_CODES.has(word) && codes.has(word.toUpperCase()));
    if (!listed || !afterTravelWord(tokens, i)) continue;
    const start = tokens.starts[i] as number;
    out.push({
      start,
      end: start + word.length,
      type: 'Airport',
      confidence: LIST_CONFIDENCE,
      source: 'rule',
    });
  }
}
