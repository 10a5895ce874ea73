import { isNameWord, isWeak } from '../event/name-words.ts';
import { startsSentence, type Tokens } from '../../refine/tokens.ts';

/** Legal-form words that end a company name; `true`: an abbreviation that takes its full stop ("Inc."). */
export const LEGAL_SUFFIXES: ReadonlyMap<string, boolean> = new Map([
  ['Inc', true],
  ['Incorporated', false],
  ['Ltd', true],
  ['Limited', false],
  ['LLC', false],
  ['L.L.C', true],
  ['LLP', false],
  ['GmbH', false],
  ['Corp', true],
  ['Corporation', false],
  ['Co', true],
  ['PLC', false],
  ['Plc', false],
  ['plc', false],
  ['AG', false],
  ['S.A', true],
  ['N.V', true],
  ['B.V', true],
  ['S.p.A', true],
  ['SpA', false],
  ['Pty', true],
]);

/**
 * Lower-case words allowed inside a company name: "Bank of America Corp.". Not "and": "Continental and
 * Louis Dreyfus Corp" is two companies ("Procter & Gamble Co." is written with "&").
 */
const CONNECTORS = new Set(['of', 'for', 'the', 'de', 'la', 'du', 'von', 'van']);
/** Capitalised function words end a name read back ("... AND Bizexpress Limited" in a contract). */
const FUNCTION_WORDS = new Set(['and', 'or', 'of', 'for', 'the', 'to', 'by', 'with', 'between', 'among']);
/** Imperatives that open a sentence before a company name: "Contact Acme Inc.", "Thank Fabrikam Ltd". */
const OPENING_VERBS = new Set(
  'Contact Call Email Ask Thank Thanks Visit Join Welcome Congratulations Send Tell Invite Pay Choose Try'.split(
    ' ',
  ),
);
const HYPHEN_LOWER = /-\p{Ll}/u;
/** Words a name may have before "of" or "for": "Bank of America Corp.", not "Shares of Hwa Kay Thai Ltd". */
const OF_HEADS = new Set(
  (
    'Bank Bancorp Trust University College Institute Society Association Council Board Federation Union ' +
    'League Church Museum Academy School Office Department Ministry Government Commission Authority Agency ' +
    'Foundation Fund Corporation Company Group Republic Kingdom Federal Royal Port City State Mutual Insurance'
  ).split(' '),
);
/**
 * Capitalised nouns that open a field or a clause before a company, not its name: "Company Name Fabrikam
 * Inc", "Borrower Airland International Limited", "Chairman Contoso Ltd".
 */
const LABELS = new Set(
  (
    'Company Name Shares Stock Client Customer Vendor Supplier Buyer Seller Party Parties Lender Borrower ' +
    'Tenant Landlord Employer Employee Contractor Licensor Licensee Guarantor Subject Re Attention Attn From To ' +
    'Cc Chairman Director President Manager Officer Partner Signed Signature Sincerely Regards'
  ).split(' '),
);
/** Name tokens read back from the suffix at most. */
const MAX_NAME_WORDS = 6;

/** The text between tokens i-1 and i. */
function gap(tokens: Tokens, i: number): string {
  return tokens.text.slice(tokens.ends[i - 1], tokens.starts[i]);
}

/**
 * The first token of the company name that the legal suffix at token `i` ends, or undefined: capitalised
 * words (and inner connectors) back from it, leading weak words ("The", "Our") dropped. `floor` is the
 * first token the name may use.
 */
export function companyNameBefore(tokens: Tokens, i: number, floor: number): number | undefined {
  const before = i > floor ? gap(tokens, i) : '';
  const word = tokens.words[i] as string;
  // "Fabrikam, Inc.", "Goldman Sachs & Co."; "Co" after a comma is too often Colorado or a county.
  if (before !== ' ' && !(before === ', ' && word !== 'Co') && !(before === ' & ' && word === 'Co'))
    return undefined;
  let first: number | undefined;
  for (let k = i - 1; k >= floor && i - k <= MAX_NAME_WORDS; k--) {
    const w = tokens.words[k] as string;
    // "Los Angeles-based Miss Universe Inc.": a word with a lower-case part is a modifier, not the name.
    if ((FUNCTION_WORDS.has(w.toLowerCase()) && !CONNECTORS.has(w)) || HYPHEN_LOWER.test(w)) break;
    if (isNameWord(w) && !LEGAL_SUFFIXES.has(w)) first = k;
    else if (!(CONNECTORS.has(w) && first !== undefined)) break;
    else if ((w === 'of' || w === 'for') && !OF_HEADS.has(tokens.words[k - 1] ?? '')) break;
    const g = k > floor ? gap(tokens, k) : '';
    if (g !== ' ' && g !== ' & ') break;
  }
  while (first !== undefined && first < i) {
    const w = tokens.words[first] as string;
    if (
      !isWeak(w) &&
      !CONNECTORS.has(w) &&
      !LABELS.has(w) &&
      !(OPENING_VERBS.has(w) && startsSentence(tokens, first))
    )
      break;
    first = first + 1 < i ? first + 1 : undefined;
  }
  // A bare "Co" after one word is as often a county ("Grange Co", "Co Wicklow") as a company.
  if (
    first === i - 1 &&
    word === 'Co' &&
    before === ' ' &&
    tokens.text.charCodeAt(tokens.ends[i] as number) !== 46
  )
    return undefined;
  return first;
}

/** How many legal suffixes follow token i, each after one space: "Tokyo Soir Co Ltd", "News Corp Ltd". */
export function moreSuffixes(tokens: Tokens, i: number): number {
  let k = 0;
  while (k < 2 && LEGAL_SUFFIXES.has(tokens.words[i + k + 1] ?? '') && gap(tokens, i + k + 1) === ' ') k++;
  return k;
}
