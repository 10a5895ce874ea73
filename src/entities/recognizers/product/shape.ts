import type { Tokens } from '../../refine/tokens.ts';
import { isNameWord, isWeak } from '../event/name-words.ts';
import { isYear, spaceBefore } from '../event/numbers.ts';

/** Edition words that make a capitalised name a product's: "Galaxy Ultra", "Pixel Pro", "Photoshop Elements". */
const EDITIONS = new Set(
  'Pro Max Plus Ultra Mini mini Air Lite SE XL XS XR FE Neo Slim Turbo Premium Professional Enterprise Studio'.split(
    ' ',
  ),
);
/** A version or model number: "11", "3.1", "2024", "X5", "S24", "737-800"; not a bare letter. */
const VERSION = /^(?:\d{1,4}(?:\.\d{1,3}){0,2}|[A-Z]{1,2}\d{1,4}[a-z]?|\d{3}-\d{3})$/;
/** Quarters, halves and fiscal years ("Newcrest Q4", "H1", "FY24") are periods, not models. */
const PERIOD = /^(?:Q[1-4]|H[12]|FY\d{2,4})$/;
/** Heads of numbered things that are not products: "Division 1", "Group B", "Round 16", "Apollo 11". */
const NOT_PRODUCT_HEADS = new Set(
  (
    'Division Group League Round Cup Section Article Chapter Class Grade Level Phase Stage Act Part Volume Vol ' +
    'Apollo Gemini Formula Serie Series Liga Bundesliga Ligue Tier Zone Route Highway Interstate Flight Gate ' +
    'Terminal Platform Room Suite Block Unit Lot Year Day Week Euro Expo World Olympics Games Summit Conference ' +
    'Election Operation Resolution Amendment Bill Law Protocol Agenda Vision Plan Project Mission Task Force ' +
    'FTSE Nikkei DAX CAC Dow Index ISO Standard Proposition Prop District Dist Precinct Ward Region Sector ' +
    'Figure Fig Table Extract Extracts Listing Example Appendix Equation Page Step Question Exercise Lesson ' +
    'Episode Season Verse Psalm Note Item Case Study Experiment Sample Patient Participant Speaker Image Map ' +
    'Chart Box Panel Slide Track Disc Number No Type Test Trial Site Wave Condition Group Session Week Day ' +
    'Rule Rules Factor Opus Licence License'
  ).split(' '),
);

/**
 * Whether a model MISC span reads as a product: one to three capitalised words, then a version or an edition
 * word at its end ("Photoshop 7", "Pixel 8 Pro", "Office 2024"). Events ("Euro 96", "Expo 2020") are
 * classified before this is asked.
 */
export function looksLikeProduct(tokens: Tokens, makers: ReadonlySet<string>): boolean {
  const n = tokens.words.length;
  if (n < 2 || n > 5) return false;
  let names = 0;
  while (names < n - 1 && names < 3 && isProductNameWord(tokens.words[names] as string)) names++;
  // "WATER DISTRICT 1": a capitals-only headline is not a product name.
  if (names === 0 || (names > 1 && tokens.words[0] === (tokens.words[0] as string).toUpperCase()))
    return false;
  for (let i = 0; i < names; i++) if (NOT_PRODUCT_HEADS.has(tokens.words[i] as string)) return false;
  // "Fillmore 1968", "Brieber 2014": a name and a bare year is a citation as often as a product.
  if (names === n - 1 && isYear(tokens.words[names] as string)) return false;
  const first = tokens.words[0] as string;
  if (names === 1 && !makers.has(first) && !brandLike(first, tokens.words.slice(1))) return false;
  for (let i = names; i < n; i++) {
    const w = tokens.words[i] as string;
    if (!spaceBefore(tokens, i) || PERIOD.test(w) || !(VERSION.test(w) || EDITIONS.has(w))) return false;
  }
  return true;
}

const INTEGER = /^\d+$/;
const DIGIT = /\d/;
const TITLE_CASE = /^\p{Lu}[\p{Ll}'’-]*$/u;
const CAPITALS = /^[A-Z]{2,}$/;

/**
 * Whether one name word and its suffix read as a brand's product rather than a numbered common noun
 * ("Rule 37", "Factor 1"), a channel or unit ("BBC 1", "MI 6"), a name ("Martin Max", "Blumenfeld
 * Studio") or a headline ("SENATE S65"): a plain title-case word needs a version with more than digits
 * ("Zorbwrite 3.1"); a capitals word a version with letters; an edition word alone is not enough.
 */
function brandLike(name: string, suffix: readonly string[]): boolean {
  if (!suffix.some((w) => DIGIT.test(w))) return !TITLE_CASE.test(name) && !CAPITALS.test(name);
  if (CAPITALS.test(name)) return name.length <= 3 && suffix.some((w) => DIGIT.test(w) && !INTEGER.test(w));
  return !TITLE_CASE.test(name) || !suffix.every((w) => INTEGER.test(w));
}

function isProductNameWord(word: string): boolean {
  return isNameWord(word) && !/^\d/.test(word) && !isWeak(word) && !EDITIONS.has(word);
}

/** A cheap test before tokenising: the span has a space and ends in a digit or an edition word. */
export function mayLookLikeProduct(text: string, start: number, end: number): boolean {
  const space = text.lastIndexOf(' ', end - 1);
  if (space <= start) return false;
  const c = text.charCodeAt(end - 1);
  return (c >= 48 && c <= 57) || EDITIONS.has(text.slice(space + 1, end));
}
