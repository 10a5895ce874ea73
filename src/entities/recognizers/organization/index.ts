/**
 * Organisations the CoNLL tagger misses or mis-types in mail, ticket and contract text:
 *  - a capitalised name ended by a legal form: "Fabrikam Inc.", "Contoso Ltd", "Northwind Traders, LLC",
 *    "Siemens AG", "Goldman Sachs & Co." (not in text written in one case, where no capital tells the name);
 *  - a well-known company name alone (models/entities/orgs-companies.txt): "Pinterest", "Accenture",
 *    "Deloitte's", unless it is part of a longer name ("Samsung Galaxy", "Volkswagen Golf"); one that
 *    people bear as a name too ("Ingram") yields to the tagger's person for the same word, and one the
 *    tagger reads as a person or a place with no context ("Bosch", "Nokia") beats that reading;
 *  - a listed name of several words (orgs.tsv), written as the list writes it, every word capitalised:
 *    "Doctors Without Borders", "Real Madrid", "New York Stock Exchange"; in text written in one case,
 *    in that case ("goldman sachs", "REAL MADRID"), and so a listed team's one-word name that no English
 *    word spells (orgs.tsv flag `a`: "the knicks game");
 *  - the name after a kind of organisation and "called" or "named" ("a startup called Ramp", called.ts),
 *    which beats the tagger's person or place for it;
 *  - a name before what only companies do (business-context.ts): its officers after its possessive
 *    ("Snowflake's CEO", which beats the tagger's person), money raised, a valuation, a listing ("Linear
 *    raised $35 million", "Chime filed for an IPO"), after one of its officers or its kind ("the CFO of
 *    Stripe", "its parent company ByteDance").
 * Azure's Organization type, or the finer type orgs.tsv gives the name ("Pfizer": OrganizationMedical), as
 * the refiner gives the tagger's own ORG spans.
 */
import type { EntityType } from '../../taxonomy.ts';
import type { Candidate, Recognizer } from '../../types.ts';
import { readList, readNames } from '../../refine/lists.ts';
import { namesAThingMade } from '../../refine/made-thing.ts';
import { PhraseLexicon, type PhraseEntry } from '../../refine/phrase-lexicon.ts';
import { tokenHashesOf, tokensOf, type Tokens } from '../../refine/tokens.ts';
import { WordFilter } from '../../refine/word-filter.ts';
import { insideName } from '../event/name-words.ts';
import { employerBefore } from '../../text/employer-context.ts';
import { writtenInOneCase } from '../person-type/text-case.ts';
import { companyNameBefore, LEGAL_SUFFIXES, moreSuffixes } from './legal-suffix.ts';
import { nameCalled, NAMING_WORDS } from './called.ts';
import { namesInBusinessContext } from './business-context.ts';

const MAX_ORGANIZATIONS = 64;
const SUFFIX_CONFIDENCE = 0.8;
const LIST_CONFIDENCE = 0.7;
const PHRASE_CONFIDENCE = 0.8;
const CALLED_CONFIDENCE = 0.75;
/** Below the tagger's usual confidence: its own name for the same words wins. */
const BUSINESS_CONFIDENCE = 0.6;

interface Match {
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
  readonly type: EntityType;
  /** How a listed company stands against the tagger's name for the same word. */
  readonly trust?: CompanyTrust;
}

/** How a listed company's name stands against the tagger's name for the same word (`Candidate.tagger`). */
export type CompanyTrust = 'alone' | 'yields' | 'overridesPersonOrPlace';

/**
 * orgs-companies.txt: each company name and how far it is trusted: `Name`, alone; `?Name`, also a
 * person's name ("?Ingram", "?Marriott"), where the tagger's reading of the context decides; `!Name`, a
 * well-known company the tagger reads as a person or a place ("!Bosch", "!Nokia"), which beats that reading.
 */
export function readCompanyNames(dir: string): ReadonlyMap<string, CompanyTrust> {
  return new Map(
    readNames(dir, 'orgs-companies.txt').map((line): [string, CompanyTrust] =>
      line.startsWith('?')
        ? [line.slice(1), 'yields']
        : line.startsWith('!')
          ? [line.slice(1), 'overridesPersonOrPlace']
          : [line, 'alone'],
    ),
  );
}

/** Roles whose "of" names an employer: "the CEO of Tesla", "a co-founder of Stripe", "shares of Tesla". */
export const EMPLOYER_ROLES: ReadonlySet<string> = new Set([
  'ceo',
  'cfo',
  'cto',
  'coo',
  'founder',
  'co-founder',
  'cofounder',
  'chairman',
  'chairwoman',
  'chair',
  'president',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'employees',
  'employee',
  'shareholders',
  'owner',
  'boss',
  'executive',
  'director',
  'head',
  'shares',
]);
/**
 * Whether the words before token `i` name it an employer: "<role> of", "works at", "engineer for",
 * "joined". Read only for listed organisations too ambiguous to trust alone ("Tesla" is also a unit and a
 * surname).
 */
function employerContext(tokens: Tokens, i: number): boolean {
  const prev = tokens.words[i - 1]?.toLowerCase();
  if (prev === 'joined') return true;
  const before = tokens.words[i - 2]?.toLowerCase();
  if (before === undefined) return false;
  if (prev === 'of') return EMPLOYER_ROLES.has(before);
  return employerBefore(tokens.text, tokens.starts[i]!);
}

/** Words after an organisation's acronym that speak of its people: "WHO chief Tedros", "WHO officials". */
const ACRONYM_PEOPLE: ReadonlySet<string> = new Set([...EMPLOYER_ROLES, 'chief', 'official', 'officials']);

/**
 * Whether a listed acronym that spells a word ("WHO", "MIT") names the organisation at token `i`: in
 * capitals in text written in cases, after "the", with "'s", or before its people ("the WHO declared",
 * "WHO's guidance", "WHO officials"); "Who knows?" and "THE WHO" in a headline are no evidence.
 */
function acronymAsName(tokens: Tokens, i: number, possessive: boolean, caseless: boolean): boolean {
  if (caseless) return false;
  if (possessive) return true;
  const prev = tokens.words[i - 1];
  if (prev === 'the' || prev === 'The') return true;
  const next = tokens.words[i + 1];
  return next !== undefined && ACRONYM_PEOPLE.has(next.toLowerCase());
}

/**
 * In text written in one case, a listed name that begins with "The" ("The Economist", "The Times") is
 * not told apart from the words ("the economist said"): only its capital names it (orgs-hand.ts
 * NEWS_MEDIA).
 */
function withoutThe(e: PhraseEntry<EntityType>): boolean {
  return !e.name.startsWith('The ');
}

/**
 * Words that join a name's capitalised words: "Doctors of the World", "Banco de España", "Transport for
 * London".
 */
const JOINING_WORDS: ReadonlySet<string> = new Set([
  'of',
  'for',
  'de',
  'del',
  'la',
  'and',
  '&',
  'the',
  'für',
  'du',
]);

/** A listed name of three to six capitals and digits: "NFL", "OPEC", "UNESCO". */
const LISTED_ACRONYM = /^[A-Z][A-Z0-9&]{2,5}$/;
/** Listed acronyms that spell a word, or nearly ("who", "consol", "reflex", "mit"). */
const ACRONYM_WORDS: ReadonlySet<string> = new Set(['WHO', 'CONSOL', 'REFLEX', 'MIT']);

/** Every word of a listed name as written: capitalised, or no letters ("Motel 6"), or a joining "of"/"de". */
function writtenAsName(e: PhraseEntry<EntityType>, tokens: Tokens, i: number): boolean {
  for (let k = 0; k < e.length; k++) {
    const word = tokens.words[i + k] as string;
    if (/^\p{Ll}/u.test(word) && !JOINING_WORDS.has(word)) return false;
  }
  return true;
}

function toCandidate(m: Match): Candidate {
  return {
    start: m.start,
    end: m.end,
    type: m.type,
    confidence: m.confidence,
    source: 'rule',
    ...(m.trust && m.trust !== 'alone' ? { tagger: m.trust } : {}),
  };
}

/**
 * "Snowflake's CEO", "Linear raised $35 million" (business-context.ts): a possessive before a company's
 * officers, or a name before a subscription, beats the tagger's person; the rest yield to whatever name
 * the tagger read there.
 */
function businessMatches(text: string): Match[] {
  return namesInBusinessContext(text, MAX_ORGANIZATIONS).map((n) => ({
    start: n.start,
    end: n.end,
    confidence: BUSINESS_CONFIDENCE,
    type: 'Organization',
    ...(n.sure ? { trust: 'overridesPersonOrPlace' as const } : {}),
  }));
}

export function loadOrganizationRecognizer(dir: string): Recognizer {
  const companies = readCompanyNames(dir);
  // Every listed organisation name of one word (the refiner's list) and its type: trusted alone only
  // in employer context, and the type of a listed company too.
  const rows = readList(dir, 'orgs.tsv');
  const listed = new Map(
    rows.filter((r) => !r.name.includes(' ')).map((r) => [r.name, r.type as EntityType]),
  );
  const phrases = new PhraseLexicon<EntityType>({ caseless: true });
  // Listed acronyms ("NFL", "NATO", "OPEC"), matched in text written in one case only ("watching the nfl"),
  // where the tagger has no capitals to go by; not those that spell a word ("WHO", "UN").
  const acronyms = new PhraseLexicon<EntityType>({ caseless: true });
  for (const r of rows) {
    if (r.name.includes(' ')) phrases.add(r.name, (r.type || 'Organization') as EntityType);
    else if (LISTED_ACRONYM.test(r.name) && !ACRONYM_WORDS.has(r.name))
      acronyms.add(r.name, (r.type || 'Organization') as EntityType);
  }
  const suffixWords = new WordFilter();
  for (const word of LEGAL_SUFFIXES.keys()) suffixWords.add(word);
  // "Macys", "mcdonalds": a listed name that ends in "'s", written without the apostrophe, as chat and
  // quick mail write it.
  const withoutApostrophe = (name: string): string => `${name.slice(0, -2)}s`;
  const aliases = new Map<string, string>();
  for (const name of companies.keys()) if (name.endsWith("'s")) aliases.set(withoutApostrophe(name), name);
  const triggers = new WordFilter();
  triggers.addAll(suffixWords);
  for (const bare of aliases.keys()) triggers.add(bare);
  for (const word of NAMING_WORDS) triggers.add(word);
  for (const name of [...companies.keys(), ...listed.keys()]) {
    triggers.add(name);
    triggers.add(`${name}'s`);
    triggers.add(`${name}’s`);
  }
  // In text written in one case, a listed company's name in that case ("coffee from starbucks"; in
  // capitals, alone among capitalised words): not one that is also a person's name (`?`), an acronym, or
  // of four letters or fewer.
  const caselessNames = new Map<string, string>();
  const caselessTriggers = new WordFilter();
  /** `written` in any case names `name`. */
  const addCaseless = (written: string, name = written): void => {
    const lower = written.toLowerCase();
    caselessNames.set(lower, name);
    caselessTriggers.add(lower);
  };
  for (const [name, trust] of companies) {
    if (trust === 'yields' || name.length < 5 || /^\p{Lu}+$/u.test(name)) continue;
    addCaseless(name);
    if (name.endsWith("'s")) addCaseless(withoutApostrophe(name), name);
  }
  // And a team's one-word name that no English word spells (flag `a`: "watching the knicks game").
  const caselessTeams = new Set<string>();
  for (const r of rows) {
    if (!r.flags.includes('a') || r.name.includes(' ')) continue;
    caselessTeams.add(r.name);
    addCaseless(r.name);
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
      out.push({
        start: tokens.starts[first] as number,
        end,
        confidence: SUFFIX_CONFIDENCE,
        type: 'Organization',
      });
      floor = i + 1;
    }
  }

  /** "a startup called Ramp": names outside the matches so far. */
  function calledMatches(tokens: Tokens, taken: readonly Match[], out: Match[]): void {
    for (let i = 1; i < tokens.words.length && out.length < MAX_ORGANIZATIONS; i++) {
      const word = tokens.words[i] as string;
      if (!NAMING_WORDS.includes(word)) continue;
      const name = nameCalled(tokens, i);
      if (!name) continue;
      const start = tokens.starts[name[0]] as number;
      const end = tokens.ends[name[1]] as number;
      i = name[1];
      if (taken.some((m) => m.start < end && start < m.end)) continue;
      out.push({
        start,
        end,
        confidence: CALLED_CONFIDENCE,
        type: 'Organization',
        trust: 'overridesPersonOrPlace',
      });
    }
  }

  /** Known company names outside the suffix matches. */
  function listMatches(tokens: Tokens, caseless: boolean, taken: readonly Match[], out: Match[]): void {
    for (let i = 0; i < tokens.words.length && out.length < MAX_ORGANIZATIONS; i++) {
      const inCase = triggers.mayHave(tokens.hashes[i] as number);
      if (!inCase && !(caseless && caselessTriggers.mayHave(tokens.folded[i] as number))) continue;
      const word = tokens.words[i] as string;
      const possessive = word.endsWith("'s") || word.endsWith('’s');
      const written = possessive ? word.slice(0, -2) : word;
      const name = inCase
        ? (aliases.get(written) ?? written)
        : (caselessNames.get(written.toLowerCase()) ?? written);
      const trusted =
        companies.has(name) ||
        (listed.has(name) &&
          ((!inCase && caselessTeams.has(name)) ||
            employerContext(tokens, i) ||
            // "the 49ers", "the 76ers": a team named with digits, which no word is.
            /\d/.test(name) ||
            (ACRONYM_WORDS.has(name) && acronymAsName(tokens, i, possessive, caseless))));
      // "the Kansai region": a company named after its region, here the region.
      if (!trusted || insideName(tokens, i) || tokens.words[i + 1] === 'region') continue;
      const start = tokens.starts[i] as number;
      if (taken.some((m) => m.start <= start && start < m.end)) continue;
      const end = (tokens.ends[i] as number) - (possessive ? 2 : 0);
      out.push({
        start,
        end,
        confidence: LIST_CONFIDENCE,
        // "rides a Harley-Davidson": the company's name for a thing it makes.
        type:
          !possessive && namesAThingMade(tokens.text, start, end)
            ? 'Product'
            : (listed.get(name) ?? 'Organization'),
        trust: companies.get(name),
      });
    }
  }

  /**
   * Listed names of several words outside the suffix matches ("Northwind Traders, LLC"), left to right;
   * in text written in one case, in that case ("goldman sachs", "REAL MADRID").
   */
  function phraseMatches(tokens: Tokens, caseless: boolean, out: Match[]): void {
    const suffixed = out.length;
    for (let i = 0; i < tokens.words.length && out.length < MAX_ORGANIZATIONS; i++) {
      const e = caseless
        ? (phrases.matchCaselessAt(tokens, i, withoutThe) ?? acronyms.matchCaselessAt(tokens, i))
        : phrases.matchAt(tokens, i, writtenAsName);
      if (!e) continue;
      const last = i + e.length - 1;
      // "The Economist": listed with the capital that names it, found without the determiner.
      const start = tokens.starts[e.name.startsWith('The ') ? i + 1 : i] as number;
      if (out.some((m, k) => k < suffixed && m.start <= start && start < m.end)) continue;
      out.push({
        start,
        end: tokens.ends[last] as number,
        confidence: PHRASE_CONFIDENCE,
        type: e.value,
      });
      i = last;
    }
  }

  return (text) => {
    const hashed = tokenHashesOf(text);
    const caseless = writtenInOneCase(text);
    const business = caseless ? [] : businessMatches(text);
    const byPhrase = caseless
      ? phrases.mayStartCaselessAnywhere(hashed, hashed.count) ||
        acronyms.mayStartCaselessAnywhere(hashed, hashed.count)
      : phrases.mayStartAnywhere(hashed, hashed.count);
    if (
      !byPhrase &&
      !triggers.mayHaveAny(hashed.hashes, hashed.count) &&
      !(caseless && caselessTriggers.mayHaveAny(hashed.folded, hashed.count))
    )
      return business.map(toCandidate);
    const tokens = tokensOf(text);
    const suffixed: Match[] = [];
    // Read back from a legal suffix, a name is its capitalised words; text in one case has none to tell
    // the name from the words before it ("SHARES OF PRINTED PACKAGING COMPANY COFINEC S.A.").
    if (!caseless) suffixMatches(tokens, suffixed);
    if (byPhrase) phraseMatches(tokens, caseless, suffixed);
    const all = [...suffixed];
    listMatches(tokens, caseless, suffixed, all);
    if (!caseless) calledMatches(tokens, [...all], all);
    for (const m of business) if (!all.some((a) => a.start < m.end && m.start < a.end)) all.push(m);
    all.sort((a, b) => a.start - b.start);
    return all.map(toCandidate);
  };
}
