/**
 * Names the tagger cut short, taken whole: a company named with its own "'s" ("McDonald's"), a
 * university with its campus ("University of Texas at Austin"), a court with its district ("U.S.
 * District Court for the Southern District of New York"), a venue named after a person ("the Richard
 * Rodgers Theatre").
 */
import type { Candidate } from '../types.ts';
import { modelCandidate, type ModelSpan } from './types.ts';

/** A place's name, then "Children" (before "'s"): a children's hospital ("Seattle Children's"). */
const CHILDRENS = /^\p{Lu}[\p{L}.' -]* Children$/u;

/**
 * "McDonald's", "Macy's": a company whose name ends in "'s", which the tagger reads as a possessive
 * ("McDonald" + "'s"): the listed name whole, as Organization. "Seattle Children's", "Boston Children's":
 * a children's hospital named so, as OrganizationMedical.
 */
export function withOwnS(
  text: string,
  span: ModelSpan,
  companies: ReadonlySet<string>,
): Candidate | undefined {
  if (span.label === 'MISC' || !/^['’]s\b/.test(text.slice(span.end, span.end + 3))) return undefined;
  const written = text.slice(span.start, span.end);
  const hospital = CHILDRENS.test(written);
  if (!hospital && !companies.has(`${written}'s`)) return undefined;
  return modelCandidate(span, hospital ? 'OrganizationMedical' : 'Organization', span.end + 2);
}

const UNIVERSITY = /^(?:University of \p{Lu}[\p{L}'. -]*|[\p{Lu}][\p{L}&'. -]* University)$/u;
/** " at " and a campus's place of one to three capitalised words: " at Austin", " at Urbana-Champaign". */
const AT_CAMPUS = / at \p{Lu}[\p{L}'.]*(?:[ -]\p{Lu}[\p{L}'.]*){0,2}(?![\p{L}\d])/uy;

/** Capitalised times after " at ", no campus: "at Stanford University at Christmas", "at Noon". */
const NOT_A_CAMPUS =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|Easter|Thanksgiving|Halloween|Noon|Midnight)\b/;

/**
 * "University of Texas at Austin", "Texas A&M University at Galveston": a university's campus named by
 * " at " and its place is one organisation, where the tagger stops before the place.
 */
export function universityCampus(text: string, span: ModelSpan): Candidate | undefined {
  if (span.label !== 'ORG' || !UNIVERSITY.test(text.slice(span.start, span.end))) return undefined;
  AT_CAMPUS.lastIndex = span.end;
  if (!AT_CAMPUS.test(text) || NOT_A_CAMPUS.test(text.slice(span.end + 4, AT_CAMPUS.lastIndex)))
    return undefined;
  let end = AT_CAMPUS.lastIndex;
  while (text[end - 1] === '.') end--; // a sentence's full stop, not "St." of "at St. Louis"
  return modelCandidate(span, 'Organization', end);
}

const COURT = /\bCourt(?: of (?:Appeals|Appeal|Justice))?$/;
/**
 * " for the " and a district or circuit, with its place: " for the Southern District of New York",
 * " for the Ninth Circuit", " for the District of Columbia".
 */
const FOR_DISTRICT =
  / for the (?:\p{Lu}[\p{L}]* ){0,2}(?:District|Circuit)(?: of (?:the )?\p{Lu}[\p{L}'-]*(?: \p{Lu}[\p{L}'-]*){0,3})?(?: Circuit)?(?![\p{L}\d])/uy;

/**
 * "U.S. District Court for the Southern District of New York", "Court of Appeals for the Ninth
 * Circuit": a court named with its district or circuit is one organisation, where the tagger stops at
 * "Court" and reads the district and its place as names of their own.
 */
export function courtOfDistrict(text: string, span: ModelSpan): Candidate | undefined {
  if (span.label !== 'ORG' || !COURT.test(text.slice(span.start, span.end))) return undefined;
  FOR_DISTRICT.lastIndex = span.end;
  if (!FOR_DISTRICT.test(text)) return undefined;
  return modelCandidate(span, 'Organization', FOR_DISTRICT.lastIndex);
}

/**
 * A venue's head word right after a name: " Theatre", " Center". Only words that end a building's name,
 * never a person's (not "Hall", "Tower" or "Church", which are surnames too).
 */
const VENUE_AFTER =
  / (?:Theatre|Theater|Center|Centre|Auditorium|Amphitheatre|Amphitheater|Pavilion|Stadium|Arena|Museum|Library|Planetarium|Observatory|Coliseum|Fieldhouse)(?![\p{L}\d])/uy;

/**
 * "the Richard Rodgers Theatre", "the Paul Allen Center": a venue named after a person is the building,
 * where the tagger reads the person and stops before the venue's head word.
 */
export function venueOfName(text: string, span: ModelSpan): Candidate | undefined {
  if (span.label !== 'PER') return undefined;
  VENUE_AFTER.lastIndex = span.end;
  if (!VENUE_AFTER.test(text)) return undefined;
  return modelCandidate(span, 'Structural', VENUE_AFTER.lastIndex);
}

/** " of " (any case) and one or two capitalised words: " of America", " OF AMERICA", " of the Congo". */
const OF_NAME = / (?:of|OF|Of) (?:(?:the|THE) )?\p{Lu}[\p{L}'-]*(?: \p{Lu}[\p{L}'-]*)?/uy;

/**
 * "the United States of America", "the UNITED STATES OF AMERICA": a listed place the tagger cut before
 * " of ", read as two places. The end of the whole listed name (the longest), or undefined.
 */
export function placeOfPlace(
  text: string,
  span: ModelSpan,
  listed: (name: string) => boolean,
): number | undefined {
  if (span.label !== 'LOC') return undefined;
  OF_NAME.lastIndex = span.end;
  if (!OF_NAME.test(text)) return undefined;
  // The longest listed name first: "of the Congo" before "of the".
  for (let end = OF_NAME.lastIndex; end > span.end; end = text.lastIndexOf(' ', end - 1)) {
    if (listed(text.slice(span.start, end))) return end;
  }
  return undefined;
}
