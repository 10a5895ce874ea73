/**
 * Landmarks and natural features by name, where the tagger misses them ("took us up the Space
 * Needle", "across the Golden Gate Bridge", "sailed the Adriatic Sea"): the names of several words in
 * models/entities/places.tsv typed Structural or Geological, written exactly as listed (so "the
 * great wall of the garden" is no landmark). Names of one word ("Broadway", "Brown", "Capitol") are
 * too ambiguous without the model, and universities and colleges are Organizations to Azure.
 */
import type { LocationType } from '../../refine/location.ts';
import { readList } from '../../refine/lists.ts';
import { PhraseLexicon, type PhraseEntry } from '../../refine/phrase-lexicon.ts';
import { tokenHashesOf, tokensOf, type Tokens } from '../../refine/tokens.ts';
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

export function loadLandmarkRecognizer(dir: string): Recognizer {
  const lexicon = new PhraseLexicon<LandmarkType>();
  for (const row of readList(dir, 'places.tsv')) {
    if (!LANDMARK_TYPES.has(row.type) || !row.name.includes(' ') || INSTITUTION.test(row.name)) continue;
    lexicon.add(row.name, row.type as LandmarkType);
  }
  return (text) => {
    const hashed = tokenHashesOf(text);
    if (!lexicon.mayStartAnywhere(hashed, hashed.count)) return [];
    const tokens = tokensOf(text);
    const out: Candidate[] = [];
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
    return out;
  };
}
