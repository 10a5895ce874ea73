/**
 * Edits to a tagger's span before it is typed (refine/index.ts): words the tagger took in that are
 * no part of the name, and spans that name nothing.
 */
import { DEPARTMENTS, DOMAINS, SALUTATIONS } from '../recognizers/person-type/rules.ts';
import { isPolitical, type PlaceIndex } from './location.ts';
import { normalizeName } from './normalize.ts';
import { PEOPLE_NOUNS } from './peoples.ts';
import { wordAfter } from './person.ts';
import type { ModelSpan } from './types.ts';

/** A team's noun after a name: "the Finance team", "the Legal department". */
const TEAM_AFTER = /(?:teams?|department|dept|group|org|squad|unit|division)\b/y;
/** Words of a company's departments and fields: "Finance", "Platform Engineering", "Customer Success". */
const DEPARTMENT_WORDS: ReadonlySet<string> = new Set(
  [...DEPARTMENTS, ...DOMAINS, 'legal', 'ops', 'procurement', 'platform', 'facilities', 'payroll', 'it']
    .flatMap((phrase) => phrase.split(' '))
    .filter((word) => word !== 'the'),
);

/** Where the name in text[start, end) ends once its trailing department words are left out. */
function beforeDepartment(text: string, start: number, end: number): number {
  let cut = end;
  for (;;) {
    const space = text.lastIndexOf(' ', cut - 1);
    const from = space < start ? start : space + 1;
    if (!DEPARTMENT_WORDS.has(text.slice(from, cut).toLowerCase())) return cut;
    if (from === start) return start;
    cut = space;
  }
}

/**
 * "the Finance team", "our Platform Engineering team": a department, no organisation's name (undefined);
 * "the Contoso Procurement team": the company's name before it. Other spans as they are.
 */
export function withoutDepartment(text: string, tagged: ModelSpan): ModelSpan | undefined {
  if (tagged.label !== 'ORG' || !wordAfter(text, tagged.end, TEAM_AFTER)) return tagged;
  const end = beforeDepartment(text, tagged.start, tagged.end);
  return end === tagged.start ? undefined : { ...tagged, end };
}

/** A place's "-based" before a company's name: "St. Louis-based ", "Mo.-based ". */
const BASED_IN = /^(\p{Lu}[\p{L}.' ]{0,30})-based\s+(?=\p{Lu})/u;

/**
 * "St. Louis-based Mercantile Bancorp Inc.": where a company is based is no part of its name. The place
 * is listed, or a state's abbreviation ("Mo.", "Wash."): not "Cloud-based Solutions Ltd".
 */
export function withoutBasedIn(text: string, tagged: ModelSpan, places: PlaceIndex): ModelSpan {
  if (tagged.label !== 'ORG') return tagged;
  const based = BASED_IN.exec(text.slice(tagged.start, tagged.end));
  if (!based || !(based[1]!.endsWith('.') || places.get(normalizeName(based[1]!)))) return tagged;
  return { ...tagged, start: tagged.start + based[0].length };
}

/** A possessive determiner, capitalised, before a name: "Our Munich office", "My London flat". */
const OWNER = /^(?:Our|My|Your|Their)\s+(?=\p{Lu})/u;

/**
 * "Our Munich office" read as one organisation: the owner is no part of the name, and what is left is
 * a listed town, state or country, so the place ("Munich"). Names that start so stay whole ("Our Lady of
 * Lourdes", "My Chemical Romance"): the rest of those is no listed place.
 */
export function withoutOwner(text: string, tagged: ModelSpan, places: PlaceIndex): ModelSpan {
  if (tagged.label !== 'ORG' && tagged.label !== 'MISC') return tagged;
  const owner = OWNER.exec(text.slice(tagged.start, tagged.end));
  if (!owner) return tagged;
  const start = tagged.start + owner[0].length;
  const place = places.get(normalizeName(text.slice(start, tagged.end)));
  return place && isPolitical(place.type) ? { ...tagged, start, label: 'LOC' } : tagged;
}

/** A name and a "-based" kind of suffix, the whole span: "Seattle-based", "Microsoft-backed", "Paris-born". */
const NAME_BASED =
  /^(\p{Lu}[\p{L}.'&]*(?: \p{Lu}[\p{L}.'&]*){0,3})-(?:based|born|bred|backed|owned|headquartered|listed|registered|funded)$/u;

/**
 * "Seattle-based", "Microsoft-backed": the tagger reads a name and its suffix as one miscellaneous
 * name (CoNLL's convention); Azure returns the place or the company in it. The span of the name, or
 * undefined when the span is no such word.
 */
export function nameBeforeSuffix(text: string, tagged: ModelSpan): ModelSpan | undefined {
  if (tagged.label !== 'MISC') return undefined;
  const m = NAME_BASED.exec(text.slice(tagged.start, tagged.end));
  return m ? { ...tagged, end: tagged.start + m[1]!.length } : undefined;
}

/**
 * A degree and "in" at the start of a span: "B.Sc. in", "MSc in", "MBA in", "Ph.D. in", "Bachelor of
 * Science in", "Master of Arts in", "Associate Degree in".
 */
const DEGREE_IN =
  /^(?:(?:B\.?\s?Sc|M\.?\s?Sc|B\.?\s?A|M\.?\s?A|MBA|Ph\.?\s?D|B\.?\s?S|M\.?\s?S|B\.?\s?Eng|M\.?\s?Eng|LL\.?\s?[BM])\.?|(?:Bachelor|Master|Doctor|Associate)(?:['’]?s)?(?: (?:of|Degree of) (?:Science|Arts|Engineering|Business Administration|Fine Arts|Laws|Philosophy|Education|Applied Science))?|(?:Bachelor|Master|Associate)['’]?s? Degree)\s+in\s/;

/** "B.Sc. in Computer Science", "MBA in Finance", "Bachelor of Science in Biology": a degree is no name (the field may be a Skill). */
export function isDegreeIn(text: string, tagged: ModelSpan): boolean {
  return DEGREE_IN.test(text.slice(tagged.start, tagged.end));
}

/** A capitalised word and a space at the start of a name, before a capital: maybe a letter's greeting. */
const FIRST_WORD = /^(\p{Lu}\p{Ll}+)\s+(?=\p{Lu})/u;

/**
 * An honorific before a person's name: "Dr. Smith", "Mr John Smith", "Prof. Lee", "Sir Cliff Richard".
 * Azure leaves it out ("Dr. Smith has a very modern medical office": Person "Smith"), and so do
 * CoNLL-2003 and this project's evaluation set. "Miss" stays: CoNLL-2003 once marks it inside the name,
 * and "Miss Universe" names no one.
 */
const HONORIFIC = /^(?:Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Sir|Dame)(?: ?\.)? +(?=\p{Lu})/u;
/** Offices addressed with an honorific, no name: "Mr. President", "Mr. Speaker". */
const ADDRESSED_OFFICES: ReadonlySet<string> = new Set([
  'President',
  'Speaker',
  'Chairman',
  'Secretary',
  'Mayor',
]);

/** A tagger's person without the honorific before the name (above). */
export function withoutHonorific(text: string, span: ModelSpan): ModelSpan {
  if (span.label !== 'PER') return span;
  const name = text.slice(span.start, span.end);
  const m = HONORIFIC.exec(name);
  if (!m || ADDRESSED_OFFICES.has(name.slice(m[0].length))) return span;
  return { ...span, start: span.start + m[0].length };
}

/** A quantifier opening a sentence, then a people's name: "Many Americans" (read by the tagger as one name). */
const QUANTIFIER = /^(?:Many|Most|Some|Several|Few|All|Both|Other|Fellow) (?=\p{Lu})/u;

/** A tagger's name without a quantifier before a people's name ("Many Americans": "Americans"). */
export function withoutQuantifier(text: string, span: ModelSpan): ModelSpan {
  if (span.label === 'LOC' || span.label === 'ORG') return span;
  const name = text.slice(span.start, span.end);
  const m = QUANTIFIER.exec(name);
  return m && PEOPLE_NOUNS.has(name.slice(m[0].length)) ? { ...span, start: span.start + m[0].length } : span;
}

/**
 * "Dear Mr. Johnson" tagged as one PER, "Dear Hiring Committee" as one ORG: the name without the
 * greeting (the person-type recogniser's `SALUTATIONS`: "Dear", "Hi", "Hello", "Hey").
 */
export function withoutSalutation(text: string, span: ModelSpan): ModelSpan {
  const m = FIRST_WORD.exec(text.slice(span.start, span.end));
  return m && SALUTATIONS.has(m[1]!.toLowerCase()) ? { ...span, start: span.start + m[0].length } : span;
}
