import { startsSentence, type Tokens } from '../../refine/tokens.ts';
import { DAY_AND_MONTH_NAMES } from '../../text/calendar-names.ts';

/**
 * Capitalised words that do not name anything on their own: sentence openers, determiners and
 * adjectives that come before event words ("The Conference", "Last War", "Annual Summit").
 */
const WEAK = new Set([
  ...(
    'The A An This That These Those Last Next Every Each Our My Your His Her Their Its In On At For From With ' +
    'After Before During Since Until And But Or If When While As By To Of No Yes Some Any All Many Most Another ' +
    'Other Such What Which Who How Why Where It We I They He She You Big Huge Major Annual Recent Previous ' +
    'Upcoming Deadly Massive Local International National Global Regional General Special Joint Second Third ' +
    'Year Years Day Days Week Month Today Yesterday Tomorrow Tonight ' +
    'Recently Also Then Now Here There Even Only Just Still Anyway However Meanwhile Yet Both Either Neither ' +
    'Did Do Does Was Were Is Are Be Been Had Has Have Will Would Could Should Can Not Please Dear Hi Hello'
  ).split(' '),
  ...DAY_AND_MONTH_NAMES,
]);

/**
 * Lower-case words allowed inside a name before its head ("Coachella Valley Music and Arts Festival"); not
 * "of": "Results of Italian Cup" is a headline, not an event.
 */
const CONNECTORS: ReadonlySet<string> = new Set(['and', 'de', 'du', 'la', 'del', 'di']);
/** Before a meeting's head "in" may join too: "Women in Tech Summit", "Girls in AI Hackathon". */
export const MEETING_CONNECTORS: ReadonlySet<string> = new Set([...CONNECTORS, 'in']);
/** After a title word ("Battle of the Bulge") "of" and "the" may join the name. */
const AFTER_CONNECTORS = new Set(['of', 'and', 'the', 'de', 'du', 'la', 'del', 'di']);

const UPPER = /^\p{Lu}/u;
const POSSESSIVE = /['’]s$/;
/** Words after a possessive that make it a holiday's name: "Mother's Day", "New Year's Eve". */
const HOLIDAY_WORDS: ReadonlySet<string> = new Set(['Day', 'Eve']);

export function isNameWord(word: string): boolean {
  return word.length <= 40 && (UPPER.test(word) || /^[A-Z]*\d+[A-Za-z]*$/.test(word)) && !/^\d+$/.test(word);
}

export function isWeak(word: string): boolean {
  return WEAK.has(word);
}

/**
 * The first token of the name that ends just before token `head` (exclusive), reading back at most
 * `max` tokens over name words and inner connectors; undefined when no strong name word is there.
 * `floor` is the first token the name may use (earlier ones belong to a previous match).
 */
export function nameBefore(
  tokens: Tokens,
  head: number,
  floor: number,
  max = 5,
  connectors: ReadonlySet<string> = CONNECTORS,
  keep?: ReadonlySet<string>,
): number | undefined {
  let first: number | undefined;
  for (let i = head - 1; i >= floor && head - i <= max; i--) {
    const w = tokens.words[i] as string;
    if (tokens.ends[i] !== (tokens.starts[i + 1] as number) - 1) break; // one separator character only
    // An owner is no part of the name ("Apple's Worldwide Developers Conference", "Taylor Swift's Eras
    // Tour"); a holiday's is ("St. Patrick's Day Parade").
    if (POSSESSIVE.test(w) && !HOLIDAY_WORDS.has(tokens.words[i + 1] as string)) break;
    if (isNameWord(w)) first = i;
    else if (!(connectors.has(w) && first !== undefined)) break;
  }
  // Trim leading weak words ("The Coachella Festival" -> "Coachella Festival") and connectors; the
  // adjectives of `keep` stay, before a strong word ("Annual Shareholders Meeting", not "Annual Meeting").
  const trimmed = (w: string): boolean => (isWeak(w) && !keep?.has(w)) || connectors.has(w);
  while (first !== undefined && first < head && trimmed(tokens.words[first] as string)) {
    first = first + 1 < head ? first + 1 : undefined;
  }
  if (keep && first !== undefined && !hasStrongWord(tokens, first, head)) return undefined;
  return first;
}

/** Whether a name word that is not weak lies in tokens [from, to). */
function hasStrongWord(tokens: Tokens, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isWeak(tokens.words[k] as string)) return true;
  return false;
}

/**
 * The last token of a name starting at token `start`: name words and inner connectors, up to `max`; a
 * weak word ends it ("Siege of Savannah on October 9").
 */
export function nameAfter(tokens: Tokens, start: number, max = 4): number | undefined {
  let last: number | undefined;
  for (let i = start; i < tokens.words.length && i - start < max; i++) {
    const w = tokens.words[i] as string;
    if (i > start && tokens.starts[i] !== (tokens.ends[i - 1] as number) + 1) break;
    if (isNameWord(w) && !isWeak(w)) last = i;
    else if (!(AFTER_CONNECTORS.has(w) && last !== undefined) && !(i === start && w === 'the')) break;
  }
  return last;
}

/** Whether token i is a name word right after token i-1 (one space): the name goes on ("Festival Hall"). */
export function nameContinues(tokens: Tokens, i: number): boolean {
  const w = tokens.words[i];
  return (
    w !== undefined &&
    tokens.starts[i] === (tokens.ends[i - 1] as number) + 1 &&
    tokens.text[(tokens.starts[i] as number) - 1] === ' ' &&
    isNameWord(w) &&
    !isWeak(w) &&
    !/^\d+$/.test(w)
  );
}

/** Words that may stand before a one-word name without making it part of another name. */
const GREETINGS = new Set(['Merry', 'Happy', 'Blessed', 'Joyous', 'Annual', 'Microsoft', 'Apple', 'Google']);

/**
 * Whether the one-word name at token i is part of a longer proper name: "Johnnie Christmas", "The
 * Christmas Cottage", "Republic Windows and Doors". A capitalised word joined by one space on either side
 * says so, unless it is a sentence's first word, a weak word or a greeting ("Merry Christmas").
 */
export function insideName(tokens: Tokens, i: number): boolean {
  if (nameContinues(tokens, i + 1)) return true;
  if (i === 0 || !nameContinues(tokens, i)) return false; // token i joined to i-1 by one space
  const before = tokens.words[i - 1] as string;
  return isNameWord(before) && !GREETINGS.has(before) && !isWeak(before) && !startsSentence(tokens, i - 1);
}
