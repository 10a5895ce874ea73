/**
 * "a fintech startup called Ramp", "a band named Wet Leg": the capitalised name after a kind of
 * organisation and "called" or "named" is that organisation, whatever the tagger read it as (it reads
 * an unknown one-word name as a person). Azure's Organization covers companies, groups, musical bands
 * and public bodies alike.
 */
import type { Tokens } from '../../refine/tokens.ts';

/** Kinds of organisation a name may follow ("a startup called", "an agency named"). */
const ORGANIZATION_KINDS: ReadonlySet<string> = new Set(
  (
    'startup start-up company firm business brand agency bank retailer chain charity nonprofit non-profit ' +
    'organization organisation group band label publisher studio consultancy manufacturer maker airline ' +
    'carrier insurer lender fund fintech'
  ).split(' '),
);

/** Words that say what is named: "called", "named". */
export const NAMING_WORDS: readonly string[] = ['called', 'named'];

/** Name words at most; a longer capitalised run is a title or a headline, not a name. */
const MAX_NAME_WORDS = 3;

/** A word of a name: capitalised or a capital and digits ("Ramp", "X", "3M"), not a determiner. */
const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{N}&'’-]*|\p{N}+\p{Lu}[\p{L}\p{N}]*)$/u;
const NOT_NAME_WORDS: ReadonlySet<string> = new Set(['The', 'A', 'An', 'This', 'That', 'I', 'It']);

/**
 * The name after "called" or "named" at token `i`, as token indexes [first, last], when a kind of
 * organisation comes right before it; undefined otherwise.
 */
export function nameCalled(tokens: Tokens, i: number): readonly [number, number] | undefined {
  const kind = tokens.words[i - 1]?.toLowerCase();
  if (kind === undefined || !ORGANIZATION_KINDS.has(kind)) return undefined;
  let last = i;
  for (let k = i + 1; k <= i + MAX_NAME_WORDS && k < tokens.words.length; k++) {
    const word = tokens.words[k] as string;
    // "a company called The Browser Company": "The" only opens a name of more words.
    const opensName = word === 'The' && k === i + 1 && NAME_WORD.test(tokens.words[k + 1] ?? '');
    if (!NAME_WORD.test(word) || (NOT_NAME_WORDS.has(word) && !opensName)) break;
    // One name: its words are separated by one space, no punctuation between them.
    if (k > i + 1 && tokens.starts[k] !== (tokens.ends[k - 1] as number) + 1) break;
    last = k;
  }
  if (last === i) return undefined;
  // Capitalised words running on past the longest name: a title or a headline.
  const next = tokens.words[last + 1];
  if (last === i + MAX_NAME_WORDS && next !== undefined && NAME_WORD.test(next)) return undefined;
  return [i + 1, last];
}
