/**
 * "a Bahraini village", "the Philippine government", "a Kenyan town": a listed place's demonym, an
 * adjective before a lower-case noun, which the tagger reads as the place. Azure returns no
 * nationalities, so it is no entity.
 */
import { normalizeName } from './normalize.ts';
import type { PlaceIndex } from './location.ts';

/** A capitalised word with a demonym's ending. */
const DEMONYM = /^\p{Lu}\p{Ll}+(?:i|an|ese|ine)$/u;
const LOWER_CASE_NEXT = /\s+\p{Ll}/uy;

/**
 * The place names a demonym may be made from: "Bahraini" → Bahrain, "Kenyan" → Kenya, "Philippine" →
 * Philippines.
 */
function stemsOf(word: string): string[] {
  if (word.endsWith('ese')) return [word.slice(0, -3)];
  if (word.endsWith('i')) return [word.slice(0, -1)];
  if (word.endsWith('an')) return [word.slice(0, -1), `${word}s`];
  return [`${word}s`];
}

/** Whether text[start, end) is a listed place's demonym before a lower-case noun. */
export function demonymBeforeNoun(text: string, start: number, end: number, places: PlaceIndex): boolean {
  const word = text.slice(start, end);
  if (!DEMONYM.test(word)) return false;
  LOWER_CASE_NEXT.lastIndex = end;
  if (!LOWER_CASE_NEXT.test(text)) return false;
  return stemsOf(word).some((stem) => places.has(normalizeName(stem)));
}
