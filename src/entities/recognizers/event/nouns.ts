/**
 * Common nouns Azure returns as Event, kept apart from the name recogniser: the evidence is one noun in
 * Azure's docs, and CoNLL-style scoring counts every such noun as a false MISC (three on CoNLL-2003 dev),
 * so whether to run it is the caller's choice.
 */
import type { Candidate, Recognizer } from '../../types.ts';
import { tokensOf, type Tokens } from '../../refine/tokens.ts';
import { spaceBefore } from './numbers.ts';
import type { TokenMatch } from './patterns.ts';

const CONFIDENCE = 0.7;
const MAX_EVENTS = 64;

/** Words before "trip" that make it a noun: "a trip", "our trip", "a wonderful trip". */
const TRIP_DETERMINERS = new Set(
  'a an the our my your his her their this that its every each one next last first'.split(' '),
);

/**
 * "a wonderful trip to Seattle", "our trip to Seattle": Azure returns the common noun "trip" as an Event
 * (its NER quickstart and the v3 how-to show exactly this, confidence 0.74 and 0.78). Only the shape its
 * docs show: a determiner (and at most one word) before, "to" after; "trip the breaker" is a verb.
 */
export function tripAt(tokens: Tokens, i: number, floor: number): TokenMatch | undefined {
  if (tokens.words[i + 1] !== 'to' || !spaceBefore(tokens, i + 1) || !spaceBefore(tokens, i))
    return undefined;
  for (let k = 1; k <= 2 && i - k >= floor; k++) {
    const w = tokens.words[i - k] as string;
    if (TRIP_DETERMINERS.has(w.toLowerCase())) return { first: i, last: i, type: 'Event' };
    if (k === 2 || !/^[a-z]+$/.test(w) || !spaceBefore(tokens, i - k)) return undefined;
  }
  return undefined;
}

/** Event nouns in `text` ("a wonderful trip to Seattle" -> "trip"), sorted by start. */
export const findEventNouns: Recognizer = (text) => {
  if (!text.includes('trip ')) return [];
  const tokens = tokensOf(text);
  const out: Candidate[] = [];
  let floor = 0;
  for (let i = 0; i < tokens.words.length && out.length < MAX_EVENTS; i++) {
    if (tokens.words[i] !== 'trip') continue;
    const m = tripAt(tokens, i, floor);
    if (!m) continue;
    out.push({
      start: tokens.starts[m.first] as number,
      end: tokens.ends[m.last] as number,
      type: m.type,
      confidence: CONFIDENCE,
      source: 'rule',
    });
    floor = m.last + 1;
  }
  return out;
};
