/**
 * A degree or a licence after a person's name and a comma is no place: "Sarah Lee, MD, PhD", "Tom Reyes,
 * PhD, PA" (the tagger and the lists read Maryland and Pennsylvania there; "Baltimore, MD" stays the
 * state, after a city). Such a place is dropped.
 */
import { typeInfo } from './taxonomy.ts';
import type { Candidate } from './types.ts';

/** Degrees and licences written like a US state's code. */
const DEGREES_LIKE_STATES: ReadonlySet<string> = new Set(['MD', 'PA']);
/** From a name's end to a degree: a comma, and maybe other degrees each before a comma ("PhD, "). */
const BETWEEN_NAME_AND_DEGREE = /^,[ \t]*(?:[A-Z][A-Za-z.]{0,5}-?[A-Z]?,[ \t]*){0,3}$/;

export function dropDegreesAfterNames(text: string, candidates: Candidate[]): Candidate[] {
  let out: Candidate[] | undefined;
  for (const c of candidates) {
    // Each degree is two letters: most places are let pass without slicing their text.
    if (c.end - c.start !== 2 || typeInfo(c.type).category !== 'Location') continue;
    if (!DEGREES_LIKE_STATES.has(text.slice(c.start, c.end))) continue;
    const afterName = candidates.some(
      (p) =>
        p.type === 'Person' && p.end < c.start && BETWEEN_NAME_AND_DEGREE.test(text.slice(p.end, c.start)),
    );
    if (afterName) out = (out ?? candidates).filter((x) => x !== c);
  }
  return out ?? candidates;
}
