/**
 * Organisations the CoNLL tagger misses or mis-types in mail, ticket and contract text:
 *  - a capitalised name ended by a legal form: "Fabrikam Inc.", "Contoso Ltd", "Northwind Traders, LLC",
 *    "Siemens AG", "Goldman Sachs & Co.";
 *  - a well-known company name alone (models/entities/orgs-companies.txt): "Pinterest", "Accenture",
 *    "Deloitte's", unless it is part of a longer name ("Samsung Galaxy", "Volkswagen Golf").
 * Azure's Organization type only; the refiner gives finer types to the tagger's own ORG spans.
 */
import type { Candidate, Recognizer } from '../../types.ts';
import { readNames } from '../../refine/lists.ts';
import { tokenHashesOf, tokensOf, type Tokens } from '../../refine/tokens.ts';
import { WordFilter } from '../../refine/word-filter.ts';
import { insideName } from '../event/name-words.ts';
import { companyNameBefore, LEGAL_SUFFIXES, moreSuffixes } from './legal-suffix.ts';

const MAX_ORGANIZATIONS = 64;
const SUFFIX_CONFIDENCE = 0.8;
const LIST_CONFIDENCE = 0.7;

interface Match {
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
}

export function loadOrganizationRecognizer(dir: string): Recognizer {
  const companies = new Set(readNames(dir, 'orgs-companies.txt'));
  const suffixWords = new WordFilter();
  for (const word of LEGAL_SUFFIXES.keys()) suffixWords.add(word);
  const triggers = new WordFilter();
  triggers.addAll(suffixWords);
  for (const name of companies) {
    triggers.add(name);
    triggers.add(`${name}'s`);
    triggers.add(`${name}’s`);
  }

  /** "Fabrikam Inc." and the like, left to right. */
  function suffixMatches(tokens: Tokens, out: Match[]): void {
    let floor = 0;
    for (let i = 1; i < tokens.words.length && out.length < MAX_ORGANIZATIONS; i++) {
      if (!suffixWords.mayHave(tokens.hashes[i] as number)) continue;
      if (!LEGAL_SUFFIXES.has(tokens.words[i] as string)) continue;
      const first = companyNameBefore(tokens, i, floor);
      if (first === undefined) continue;
      i += moreSuffixes(tokens, i);
      const abbreviation = LEGAL_SUFFIXES.get(tokens.words[i] as string);
      let end = tokens.ends[i] as number;
      if (abbreviation && tokens.text.charCodeAt(end) === 46) end++; // "Inc."
      out.push({ start: tokens.starts[first] as number, end, confidence: SUFFIX_CONFIDENCE });
      floor = i + 1;
    }
  }

  /** Known company names outside the suffix matches. */
  function listMatches(tokens: Tokens, taken: readonly Match[], out: Match[]): void {
    for (let i = 0; i < tokens.words.length && out.length < MAX_ORGANIZATIONS; i++) {
      if (!triggers.mayHave(tokens.hashes[i] as number)) continue;
      const word = tokens.words[i] as string;
      const possessive = word.endsWith("'s") || word.endsWith('’s');
      if (!companies.has(possessive ? word.slice(0, -2) : word) || insideName(tokens, i)) continue;
      const start = tokens.starts[i] as number;
      if (taken.some((m) => m.start <= start && start < m.end)) continue;
      out.push({
        start,
        end: (tokens.ends[i] as number) - (possessive ? 2 : 0),
        confidence: LIST_CONFIDENCE,
      });
    }
  }

  return (text) => {
    const hashed = tokenHashesOf(text);
    if (!triggers.mayHaveAny(hashed.hashes, hashed.count)) return [];
    const tokens = tokensOf(text);
    const suffixed: Match[] = [];
    suffixMatches(tokens, suffixed);
    const all = [...suffixed];
    listMatches(tokens, suffixed, all);
    all.sort((a, b) => a.start - b.start);
    return all.map((m): Candidate => ({
      start: m.start,
      end: m.end,
      type: 'Organization',
      confidence: m.confidence,
      source: 'rule',
    }));
  };
}
