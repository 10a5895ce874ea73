/**
 * "wore a Rolex", "rides a Harley-Davidson", "bought an iPhone": a maker's name after "a" or "an" that
 * ends its noun phrase names a thing it makes, not the maker ("a Google engineer" is the company's).
 */

import { GOODS_NOUNS } from '../recognizers/product/model-suffix.ts';
import { wordAfter } from './person.ts';

/** "a" or "an" right before a name. */
const INDEFINITE_BEFORE = /(?:^|[^\p{L}])an? $/iu;
/** "at a McDonalds", "outside a Starbucks": one of a company's premises, not a thing it makes. */
const AT_PREMISES = /\b(?:at|outside|near|behind)\s+an?\s+$/i;
/** What ends a noun phrase right after a name: punctuation, a conjunction or a preposition. */
const PHRASE_ENDS = /^(?:[,.;:!?)]|$| (?:and|or|for|with|on|in|at|to|from|but)\b)/;

/** Whether text[start, end), a maker's name, stands for a thing it makes. */
export function namesAThingMade(text: string, start: number, end: number): boolean {
  return (
    INDEFINITE_BEFORE.test(text.slice(Math.max(0, start - 4), start)) &&
    !AT_PREMISES.test(text.slice(Math.max(0, start - 12), start)) &&
    PHRASE_ENDS.test(text.slice(end, end + 6))
  );
}

/** Food and drink sold by brand, beside GOODS_NOUNS: "Heinz ketchup", "Starbucks coffee". */
const FOODS =
  'ketchup mustard mayo coffee tea beer wine chocolate cereal soup sauce juice soda cola cookies chips'.split(
    ' ',
  );
const GOODS_AFTER = new RegExp(`(?:${[...GOODS_NOUNS, ...FOODS].join('|')})(?![\\p{L}\\d])`, 'uy');

/** Whether a goods noun follows text[..., end) after one space: "Bose speakers", "Heinz ketchup". */
export function beforeGoods(text: string, end: number): boolean {
  return wordAfter(text, end, GOODS_AFTER);
}

/** Whether a name's last word is a goods noun: "LG OLED TV", "Samsung Galaxy phone". */
export function endsWithGoodsNoun(name: string): boolean {
  return GOODS_NOUNS.has(name.slice(name.lastIndexOf(' ') + 1));
}
