import type { Metadata } from '../../types.ts';
import { PhraseTrie } from './phrase-trie.ts';
import { isSpace, isWordChar, skipSpaces } from './text-scan.ts';
import { endsWord, wordFollows } from './units.ts';
import { CURRENCY_ISO, CURRENCY_PREFIXES, CURRENCY_SUFFIXES } from './unit-lists.ts';

export interface CurrencyUnit {
  /** The reference's currency name: "Euro", "Egyptian pound", "Dollar". */
  readonly unit: string;
  readonly iso4217?: string;
}

/**
 * Codes for the reference's bare "Dollar" and "Pound" ("$200", "£20", "5 dollars"), which it leaves
 * without one: the United States dollar and the pound sterling are by far the likeliest readings.
 */
const DEFAULT_ISO: Readonly<Record<string, string>> = { Dollar: 'USD', Pound: 'GBP' };

function currency(unit: string): CurrencyUnit {
  const iso4217 = CURRENCY_ISO[unit] ?? DEFAULT_ISO[unit];
  return iso4217 ? { unit, iso4217 } : { unit };
}

/** "ft" after a number is feet far more often than Hungarian forints. */
const SUFFIX_LEFT_OUT = new Set(['ft']);
/** The reference drops these codes when a word or digit follows them ("5 all the", "10 pen and"). */
const CODES_BEFORE_WORDS = new Set([
  'all',
  'bob',
  'pen',
  'cad',
  'cup',
  'cop',
  'sos',
  'ron',
  'mad',
  'mop',
  'zar',
  'gel',
]);

/**
 * One capitalised word before another capitalised word begins a name, not a currency: "+7 Satoshi
 * Higashi", "Strasbourg 1 Le Havre 0", "10 Rand Corporation".
 */
const NAME_WORD = /^\p{Lu}\p{Ll}+$/u;
const CAPITAL_NEXT = /^ \p{Lu}/u;

const SUFFIXES = new PhraseTrie<CurrencyUnit>(false);
for (const [phrase, name] of CURRENCY_SUFFIXES)
  if (!SUFFIX_LEFT_OUT.has(phrase)) SUFFIXES.add(phrase, currency(name));

const PREFIXES = new PhraseTrie<CurrencyUnit>(true);
for (const [phrase, name] of CURRENCY_PREFIXES) PREFIXES.add(phrase, currency(name));
/** Upper-case ISO codes before an amount ("USD 5,000", "EUR 20"); the reference knows them only after one. */
const CODE_PREFIX = new Map<string, CurrencyUnit>();
for (const [name, code] of Object.entries(CURRENCY_ISO)) CODE_PREFIX.set(code, { unit: name, iso4217: code });

/** The currency right after an amount ending at `end` ("30 Egyptian pounds", "200 yen"). */
export function currencyAfter(
  text: string,
  end: number,
): { readonly end: number; readonly currency: CurrencyUnit } | undefined {
  const from = skipSpaces(text, end, 2);
  const m = SUFFIXES.match(text, from, endsWord);
  if (!m) return undefined;
  const written = text.slice(from, m.edge);
  if (CODES_BEFORE_WORDS.has(written.toLowerCase()) && wordFollows(text, m.edge)) return undefined;
  if (NAME_WORD.test(written) && CAPITAL_NEXT.test(text.slice(m.edge, m.edge + 3))) return undefined;
  return { end: m.edge, currency: m.values[0]! };
}

const isUpper = (c: number): boolean => c >= 65 && c <= 90;

/** "(", "[", and straight or curly opening quotes: "($2,000,000)", "“$60”". */
const OPENING = new Set([40, 91, 34, 0x201c, 39, 0x2018]);

/** A currency prefix starts the text or follows a space, an opening bracket or an opening quote. */
const startsAfterSpace = (text: string, s: number): boolean =>
  s === 0 || isSpace(text.charCodeAt(s - 1)) || OPENING.has(text.charCodeAt(s - 1));

/** Or a range's dash: the second end of "$50-$60". */
const startsAfterSpaceOrDash = (text: string, s: number): boolean =>
  startsAfterSpace(text, s) || text.charCodeAt(s - 1) === 45 || text.charCodeAt(s - 1) === 0x2013;

/**
 * "us $" in lower case is the pronoun before a dollar amount ("quoted us $350", "owes us $20"), which the
 * reference reads as "US $" whatever the case; the amount starts at the "$".
 */
const pronounUs = (text: string, s: number): boolean => text.startsWith('us ', s);
const prefixStartsAfterSpace = (text: string, s: number): boolean =>
  startsAfterSpace(text, s) && !pronounUs(text, s);
const prefixStartsAfterSpaceOrDash = (text: string, s: number): boolean =>
  startsAfterSpaceOrDash(text, s) && !pronounUs(text, s);

/**
 * The currency right before an amount starting at `start` ("$200", "US$ 50", "€1.5 million", "USD 5,000").
 * `afterDash`: the prefix may follow a dash, as a range's second end does ("$50-$60"); alone the reference
 * reads no amount there.
 */
export function currencyBefore(
  text: string,
  start: number,
  afterDash = false,
): { readonly start: number; readonly currency: CurrencyUnit } | undefined {
  let to = start;
  if (to > 0 && text.charCodeAt(to - 1) === 32) to--;
  // A prefix starts the text or follows a space, a bracket or a quote: "Two Million Dollars ($2,000,000)"
  // (the reference takes only the first and the second, and reads no amount in "($45)").
  const m = PREFIXES.match(text, to, afterDash ? prefixStartsAfterSpaceOrDash : prefixStartsAfterSpace);
  if (m) return { start: m.edge, currency: m.values[0]! };
  if (to === start - 1 && to >= 3 && isUpper(text.charCodeAt(to - 1)) && isUpper(text.charCodeAt(to - 3))) {
    const code = CODE_PREFIX.get(text.slice(to - 3, to));
    if (code && (to === 3 || !isWordChar(text.charCodeAt(to - 4)))) return { start: to - 3, currency: code };
  }
  return undefined;
}

export function currencyMetadata(c: CurrencyUnit, value: number): Metadata {
  return c.iso4217
    ? { metadataKind: 'CurrencyMetadata', value, unit: c.unit, iso4217: c.iso4217 }
    : { metadataKind: 'CurrencyMetadata', value, unit: c.unit };
}
