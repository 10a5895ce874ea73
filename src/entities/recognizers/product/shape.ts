import type { Tokens } from '../../refine/tokens.ts';
import { isNameWord, isWeak } from '../event/name-words.ts';
import { spaceBefore } from '../event/numbers.ts';

/** Edition words that make a capitalised name a product's: "Galaxy Ultra", "Pixel Pro", "Photoshop Elements". */
const EDITIONS = new Set(
  'Pro Max Plus Ultra Mini mini Air Lite SE XL XS XR FE Neo Slim Turbo Premium Professional Enterprise Studio'.split(
    ' ',
  ),
);
/** A version or model number: "11", "3.1", "2024", "X5", "S24", "737-800"; not a bare letter. */
const VERSION = /^(?:\d{1,4}(?:\.\d{1,3}){0,2}|[A-Z]{1,2}\d{1,4}[a-z]?|\d{3}-\d{3})$/;
/** Heads of numbered things that are not products: "Division 1", "Group B", "Round 16", "Apollo 11". */
const NOT_PRODUCT_HEADS = new Set(
  (
    'Division Group League Round Cup Section Article Chapter Class Grade Level Phase Stage Act Part Volume Vol ' +
    'Apollo Gemini Formula Serie Series Liga Bundesliga Ligue Tier Zone Route Highway Interstate Flight Gate ' +
    'Terminal Platform Room Suite Block Unit Lot Year Day Week Euro Expo World Olympics Games Summit Conference ' +
    'Election Operation Resolution Amendment Bill Law Protocol Agenda Vision Plan Project Mission Task Force ' +
    'FTSE Nikkei DAX CAC Dow Index ISO Standard Proposition Prop District Dist Precinct Ward Region Sector'
  ).split(' '),
);

/**
 * Whether a model MISC span reads as a product: one to three capitalised words, then a version or an edition
 * word at its end ("Photoshop 7", "Pixel 8 Pro", "Office 2024"). Events ("Euro 96", "Expo 2020") are
 * classified before this is asked.
 */
export function looksLikeProduct(tokens: Tokens): boolean {
  const n = tokens.words.length;
  if (n < 2 || n > 5) return false;
  let names = 0;
  while (names < n - 1 && names < 3 && isProductNameWord(tokens.words[names] as string)) names++;
  // "WATER DISTRICT 1": a capitals-only headline is not a product name.
  if (names === 0 || (names > 1 && tokens.words[0] === (tokens.words[0] as string).toUpperCase()))
    return false;
  for (let i = 0; i < names; i++) if (NOT_PRODUCT_HEADS.has(tokens.words[i] as string)) return false;
  for (let i = names; i < n; i++) {
    const w = tokens.words[i] as string;
    if (!spaceBefore(tokens, i) || !(VERSION.test(w) || EDITIONS.has(w))) return false;
  }
  return true;
}

function isProductNameWord(word: string): boolean {
  return isNameWord(word) && !/^\d/.test(word) && !isWeak(word) && !EDITIONS.has(word);
}
