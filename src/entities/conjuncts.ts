/**
 * Two names joined by "and", "or" or a comma are most often of one kind. Where the tagger was sure of one
 * and unsure of the other, the unsure one takes the sure one's kind:
 *  - "between Iga Swiatek and Jasmine Paolini": a name the tagger read as a place, unsure, that no list
 *    knows (a bare `Location`), beside a person, is a person;
 *  - "flooded parts of St. Louis and Memphis", "in Oxford and Reading": a town the tagger read, unsure,
 *    as an organisation, which the refiner made its club (CoNLL's convention), beside a city or a state
 *    it read as a place, is a place of that type;
 *  - "integrates with Stripe, PayPal and QuickBooks": a name the tagger read, unsure, as a person, listed
 *    (by a comma too) with one it read as a company with at least that doubt, is a company.
 */
import type { EntityType } from './taxonomy.ts';
import type { Candidate } from './types.ts';

/** Below this the tagger was unsure of its label; at or above `SURE` it was sure. */
const UNSURE = 0.5;
const SURE = 0.8;
/**
 * A town's club is unsure below this: CoNLL's convention (a club by its town's name is ORG) makes the
 * tagger read a town as its club fairly often ("in Oxford and Reading": Reading, ORG at 0.63).
 */
const UNSURE_CLUB = 0.7;
const JOINT = /^(?: and | or |, and |, or |, )$/;
const PLACE_TYPES: ReadonlySet<EntityType> = new Set<EntityType>(['City', 'State']);

/** The type `unsure` takes beside `sure`, or undefined when it keeps its own. */
function conjunctType(unsure: Candidate, sure: Candidate): EntityType | undefined {
  if (unsure.source !== 'model' || sure.source !== 'model') return undefined;
  if (
    unsure.type === 'Location' &&
    unsure.modelLabel === 'LOC' &&
    unsure.confidence < UNSURE &&
    sure.type === 'Person' &&
    sure.confidence >= SURE
  )
    return 'Person';
  // "integrates with Stripe, PayPal and QuickBooks": an unsure person listed with a company is one too.
  if (
    unsure.type === 'Person' &&
    unsure.modelLabel === 'PER' &&
    unsure.confidence < UNSURE &&
    sure.modelLabel === 'ORG' &&
    sure.type === 'Organization' &&
    sure.confidence >= UNSURE
  )
    return 'Organization';
  if (
    unsure.type === 'OrganizationSports' &&
    unsure.modelLabel === 'ORG' &&
    unsure.confidence < UNSURE_CLUB &&
    sure.modelLabel === 'LOC' &&
    PLACE_TYPES.has(sure.type) &&
    sure.confidence >= SURE
  )
    return sure.type;
  return undefined;
}

/** `candidates`, sorted by start, with each unsure name of a pair joined by "and", "or" or a comma re-typed. */
export function typeLikeConjuncts(text: string, candidates: Candidate[]): Candidate[] {
  let out: Candidate[] | undefined;
  for (let i = 0; i + 1 < candidates.length; i++) {
    const a = candidates[i]!;
    const b = candidates[i + 1]!;
    if (b.start <= a.end || !JOINT.test(text.slice(a.end, b.start))) continue;
    const aType = conjunctType(a, b);
    const bType = aType ? undefined : conjunctType(b, a);
    if (!aType && !bType) continue;
    out ??= [...candidates];
    if (aType) out[i] = { ...a, type: aType };
    else out[i + 1] = { ...b, type: bType! };
  }
  return out ?? candidates;
}
