/**
 * Words around a role that belong to it: seniority and domain modifiers before it ("senior vice
 * president", "DevOps engineer", "chief information security officer") and a department after it
 * ("head of marketing", "Secretary of State").
 */
import type { Joins, PhraseIndex } from './phrase-index.ts';
import { DOMAIN_HEADS, OF_HEADS, OF_ONLY_HEADS, PORTFOLIO_HEADS, PORTFOLIOS, PREFIXES } from './rules.ts';
import { isCapitalised } from './text-case.ts';
import { hashWord, type TokenList } from './token-list.ts';

/** How many seniority modifiers may stack before a role ("senior executive vice president"). */
const MAX_PREFIXES = 2;
/** How many words may stand between "chief" and "officer" ("chief information security officer"). */
const MAX_CHIEF_GAP = 3;

export interface Around {
  readonly joins: Joins;
  /** Domain modifiers of technical and business roles ("UX", "machine learning", "customer success"). */
  readonly domains: PhraseIndex;
  /** What may follow "<head> of" ("sales", "the Treasury"). */
  readonly departments: PhraseIndex;
}

/**
 * The first token of the role [first, last] with its modifiers; tokens up to `floor` belong to an
 * earlier candidate. Seniority modifiers keep the case style of the role ("Deputy Mayor", "deputy
 * mayor"); domain modifiers need not ("UX designer", "iOS developer").
 */
export function modifiersBefore(
  tokens: TokenList,
  first: number,
  last: number,
  floor: number,
  around: Around,
): number {
  const { joins } = around;
  // "data engineer", "machine learning engineer": a domain before a one-word technical or business head.
  if (first === last && DOMAIN_HEADS.has(tokens.norm(first))) {
    for (let start = Math.max(floor + 1, first - 2); start < first; start++) {
      if (around.domains.longestAt(tokens, start, joins) === first - 1 && joins(tokens, first - 1)) {
        first = start;
        break;
      }
    }
  }
  // "Finance Minister", "the Home Secretary": a portfolio before a government head.
  if (
    first === last &&
    first - 1 > floor &&
    PORTFOLIO_HEADS.has(tokens.norm(first)) &&
    PORTFOLIOS.has(tokens.norm(first - 1)) &&
    joins(tokens, first - 1)
  )
    first -= 1;
  // "chief information security officer", "chief people officer".
  if (tokens.norm(last) === 'officer' || tokens.norm(last) === 'officers') {
    for (let k = first - 1; k > floor && k >= first - MAX_CHIEF_GAP && joins(tokens, k); k--) {
      if (tokens.norm(k) === 'chief') {
        first = k;
        break;
      }
    }
  }
  // "senior software engineer", "deputy mayor", "senior executive vice president".
  const capitalised = isCapitalised(tokens.surface(first));
  for (let n = 0; n < MAX_PREFIXES && first - 1 > floor; n++) {
    const k = first - 1;
    if (
      !PREFIXES.has(tokens.norm(k)) ||
      !joins(tokens, k) ||
      isCapitalised(tokens.surface(k)) !== capitalised
    ) {
      break;
    }
    first = k;
  }
  return first;
}

/** "vice president of sales", "Secretary of State": the last token with a department after "of", or `last`. */
export function departmentAfter(tokens: TokenList, phrase: string, last: number, around: Around): number {
  if (last + 2 >= tokens.length) return last;
  // "vice president", or a head noun that takes one: "assistant professor", "managing director".
  if (!OF_HEADS.has(phrase) && !OF_HEADS.has(tokens.norm(last))) return last;
  if (tokens.norm(last + 1) !== 'of' || !around.joins(tokens, last) || !around.joins(tokens, last + 1)) {
    return last;
  }
  const dept = around.departments.longestAt(tokens, last + 2, around.joins);
  return dept >= 0 ? dept : last;
}

/** Hashes of the of-only heads: most words are ruled out without making their lower-case string. */
const OF_ONLY_HASHES: readonly number[] = [...OF_ONLY_HEADS].map(hashWord);

/** Whether a word of hash h (`hashWord` of its lower case) may be an of-only head. */
export function mayBeOfOnlyHead(h: number): boolean {
  for (const head of OF_ONLY_HASHES) if (head === h) return true;
  return false;
}

/** "head of marketing", "chief of staff": a word that is a role only with its department. */
export function ofOnlyRole(tokens: TokenList, i: number, around: Around): number {
  if (!mayBeOfOnlyHead(tokens.hashes[i]!) || !OF_ONLY_HEADS.has(tokens.norm(i))) return -1;
  const last = departmentAfter(tokens, tokens.norm(i), i, around);
  return last > i ? last : -1;
}
