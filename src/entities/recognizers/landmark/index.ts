/**
 * Landmarks and natural features by name, where the tagger misses them ("took us up the Space
 * Needle", "across the Golden Gate Bridge", "sailed the Adriatic Sea"): the names of several words in
 * models/entities/places.tsv typed Structural or Geological, written exactly as listed (so "the
 * great wall of the garden" is no landmark). Names of one word ("Broadway", "Brown", "Capitol") are
 * too ambiguous without the model, and universities and colleges are Organizations to Azure. A listed
 * three-letter airport code is an Airport after a travel word ("departs SFO", "from JFK to LAX").
 */
import type { LocationType } from '../../refine/location.ts';
import { readList } from '../../refine/lists.ts';
import { PhraseLexicon, type PhraseEntry } from '../../refine/phrase-lexicon.ts';
import { tokenHashesOf, tokensOf, type Tokens } from '../../refine/tokens.ts';
import { WordFilter } from '../../refine/word-filter.ts';
import type { Candidate, Recognizer } from '../../types.ts';

type LandmarkType = Extract<LocationType, 'Structural' | 'Geological'>;

const LANDMARK_TYPES: ReadonlySet<string> = new Set<LandmarkType>(['Structural', 'Geological']);
/** Academic institutions the place lists hold as buildings: Azure returns them as Organization. */
const INSTITUTION = /\b(?:University|College|School|Institute|Academy)\b/;
const MAX_LANDMARKS = 64;
/** Below the tagger's typical span confidence: a model span over the same words keeps its own type. */
const LIST_CONFIDENCE = 0.75;

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

export function loadLandmarkRecognizer(dir: string): Recognizer {
  const lexicon = new PhraseLexicon<LandmarkType>();
  const airportCodes = new Set<string>();
  for (const row of readList(dir, 'places.tsv')) {
    if (row.type === 'Airport' && AIRPORT_CODE.test(row.name)) airportCodes.add(row.name);
    if (!LANDMARK_TYPES.has(row.type) || !row.name.includes(' ') || INSTITUTION.test(row.name)) continue;
    lexicon.add(row.name, row.type as LandmarkType);
  }
  const codeTriggers = new WordFilter();
  for (const code of airportCodes) codeTriggers.add(code);
  return (text) => {
    const hashed = tokenHashesOf(text);
    const names = lexicon.mayStartAnywhere(hashed, hashed.count);
    const codes = codeTriggers.mayHaveAny(hashed.hashes, hashed.count);
    if (!names && !codes) return [];
    const tokens = tokensOf(text);
    const out: Candidate[] = [];
    if (codes) airportsByCode(tokens, airportCodes, out);
    if (!names) return out;
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

/** Listed airport codes after a travel word ("departs SFO"): alone, "SFO" is as often something else. */
function airportsByCode(tokens: Tokens, codes: ReadonlySet<string>, out: Candidate[]): void {
  for (let i = 1; i < tokens.words.length && out.length < MAX_LANDMARKS; i++) {
    const word = tokens.words[i] as string;
    if (!codes.has(word) || !TRAVEL_WORDS.has((tokens.words[i - 1] as string).toLowerCase())) continue;
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
