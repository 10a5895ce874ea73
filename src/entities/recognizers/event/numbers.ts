import type { Tokens } from '../../refine/tokens.ts';

/** A four-digit year 1800-2099. */
export function isYear(word: string): boolean {
  return (
    word.length === 4 &&
    (word.startsWith('19') || word.startsWith('20') || word.startsWith('18')) &&
    /^\d{4}$/.test(word)
  );
}

const ROMAN = /^(?=[MDCLXVI])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$/;

/** A Roman numeral as events number themselves ("Super Bowl LVIII"); a lone "I" is the pronoun. */
export function isRomanNumeral(word: string): boolean {
  return word.length <= 8 && word !== 'I' && ROMAN.test(word);
}

/** Whether token i exists and follows token i-1 after exactly one space. */
export function spaceBefore(tokens: Tokens, i: number): boolean {
  return (
    i > 0 &&
    i < tokens.words.length &&
    tokens.starts[i] === (tokens.ends[i - 1] as number) + 1 &&
    tokens.text[tokens.starts[i]! - 1] === ' '
  );
}
