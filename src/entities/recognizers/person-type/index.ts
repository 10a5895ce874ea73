/**
 * PersonType: job titles and roles ("CEO", "chief cook", "software engineer", "owner", "students"),
 * as Azure returns them: the role noun phrase without determiners. A gazetteer (models/entities/
 * person-type.txt, ESCO occupations plus hand-written roles) matched case-insensitively, longest first,
 * singular and plural, with case rules that keep names out ("General Motors", "Mr Baker") and let
 * titles before names in ("President Biden" → "President").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Candidate, Recognizer } from '../../types.ts';
import { type Expand, type Joins, parseList, type PhraseGroups, PhraseIndex } from './phrase-index.ts';
import { pluralOf } from './plural.ts';
import { type Around, departmentAfter, mayBeOfOnlyHead, modifiersBefore, ofOnlyRole } from './extend.ts';
import {
  CONTEXT_ROLES,
  COUNT_WORDS,
  CONTEXT_TITLES,
  DEPARTMENTS,
  DETERMINERS,
  DOMAINS,
  FOLLOWERS,
  NAME_TITLES,
  PREFIXES,
  NATIONALITIES,
  SALUTATIONS,
  TITLES,
} from './rules.ts';
import { isAcronym, isCapitalised, isSentenceStart } from './text-case.ts';
import { phraseWords, spacedWords, TokenList } from './token-list.ts';
import { tokenizeWords } from './tokenize.ts';

export const PERSON_TYPE_FILE = 'person-type.txt';
const CONFIDENCE = 0.85;
const CONTEXT_CONFIDENCE = 0.75;
/** Bounds the output on pathological input (a document of 5,120 characters holds far fewer roles). */
const MAX_CANDIDATES = 256;

/** A list line the tokeniser would split at its spaces only (nearly all of them): no need to run it. */
const PLAIN_PHRASE = /^[a-z]+(?:[ -][a-z]+)*$/;

/** The lower-case words of a phrase. */
function words(phrase: string): string[] {
  return PLAIN_PHRASE.test(phrase) ? phrase.split(' ') : phraseWords(phrase, tokenizeWords);
}

/**
 * The roles grouped by first word, singular and plural. Only one-word roles change their first word in
 * the plural; the plurals of longer ones are made when their group is first needed (see PhraseIndex),
 * which keeps a worker's start-up to reading the file.
 */
function roleGroups(entries: readonly string[]): PhraseGroups {
  const groups = new Map<string, string[]>();
  const add = (first: string, rest: string): void => {
    const group = groups.get(first);
    if (group) group.push(rest);
    else groups.set(first, [rest]);
  };
  for (const entry of entries) {
    const phrase = PLAIN_PHRASE.test(entry) ? entry : words(entry).join(' ');
    const space = phrase.indexOf(' ');
    if (space < 0) {
      add(phrase, '');
      add(pluralOf(phrase), '');
    } else {
      add(phrase.slice(0, space), phrase.slice(space + 1));
    }
  }
  return groups;
}

/** A role's rest and its plural (only the last word inflects): "cook" → [cook], [cooks]. */
const withPlural: Expand = (rest) => (rest === '' ? [[]] : [rest.split(' '), pluralOf(rest).split(' ')]);

/** Titles of two words that text often joins with a hyphen: "Governor-General", "vice-chancellor". */
const HYPHENATED_TITLE = /^(?:(?:vice|lieutenant) [a-z]+|[a-z]+ general)$/;

/** `entries` and, for each title of `HYPHENATED_TITLE`, its hyphenated spelling when the list lacks it. */
function withHyphenatedTitles(entries: readonly string[]): string[] {
  const listed = new Set(entries);
  const out = [...entries];
  for (const entry of entries) {
    const hyphenated = entry.replace(' ', '-');
    if (HYPHENATED_TITLE.test(entry) && !listed.has(hyphenated)) out.push(hyphenated);
  }
  return out;
}

export function loadPersonTypes(dir: string): Recognizer {
  const entries = withHyphenatedTitles(parseList(readFileSync(join(dir, PERSON_TYPE_FILE), 'utf8')));
  const lists: Lists = {
    roles: new PhraseIndex(roleGroups(entries), withPlural),
    titles: new Set([...TITLES, ...CONTEXT_TITLES]), // singular: "Queens Park" is a name, "Queen Elizabeth" a title
    contextRoles: PhraseIndex.of([...CONTEXT_ROLES].map(words)),
    around: {
      joins,
      domains: PhraseIndex.of(DOMAINS.map(words)),
      departments: PhraseIndex.of(DEPARTMENTS.map(words)),
    },
  };
  const tokens = new TokenList();
  return (text) => {
    tokenizeWords(text, tokens);
    return findPersonTypes(tokens, lists);
  };
}

/** Words of one phrase are separated by a space or two (or a line break), never by punctuation. */
const joins: Joins = spacedWords;

interface Lists {
  readonly roles: PhraseIndex;
  readonly titles: ReadonlySet<string>;
  readonly contextRoles: PhraseIndex;
  readonly around: Around;
}

function findPersonTypes(tokens: TokenList, lists: Lists): Candidate[] {
  const out: Candidate[] = [];
  let lastEnd = -1; // last token index of the previous candidate

  for (let i = 0; i < tokens.length && out.length < MAX_CANDIDATES; i++) {
    // Most words start nothing: one hash test each rules them out before any lookup.
    const h = tokens.hashes[i]!;
    if (!lists.roles.mayStartHash(h) && !lists.contextRoles.mayStartHash(h) && !mayBeOfOnlyHead(h)) continue;
    let last = lists.roles.longestAt(tokens, i, joins);
    let confidence = CONFIDENCE;
    if (last < 0) last = ofOnlyRole(tokens, i, lists.around);
    if (last < 0) {
      last = contextRole(tokens, i, lists.contextRoles);
      confidence = CONTEXT_CONFIDENCE;
    }
    if (
      last < 0 ||
      namesADocument(tokens, last) ||
      modifiesNoun(tokens, last) ||
      inHandle(tokens, i, last) ||
      namesAThing(tokens, i, last)
    )
      continue;
    let phrase = tokens.norm(i);
    for (let k = i + 1; k <= last; k++) phrase += ` ${tokens.norm(k)}`;
    const isTitle =
      lists.titles.has(phrase) ||
      lists.titles.has(phrase.split(' of ')[0]!) ||
      (NAME_TITLES.has(phrase) && fullNameAfter(tokens, last));
    const withDepartment = departmentAfter(tokens, phrase, last, lists.around);
    // The case rules read the role alone, or with its modifiers: "Senior Engineer" and "Account
    // Manager" are roles of two words, where "Engineer" or "Manager" alone in capitals could be a surname.
    const first = modifiersBefore(tokens, i, last, lastEnd, lists.around);
    // "Director of Engineering": a department after the role is a title's, whatever the case says.
    if (
      withDepartment === last &&
      !caseAllows(tokens, i, last, isTitle) &&
      (first === i || !caseAllows(tokens, first, last, isTitle))
    ) {
      i = last;
      continue;
    }
    last = withDepartment;
    out.push({
      start: tokens.starts[first]!,
      end: tokens.ends[last]!,
      type: 'PersonType',
      confidence,
      source: 'rule',
    });
    lastEnd = last;
    i = last;
  }
  return out;
}

/** Whether the role is part of a user name: "@King_AlahDah", "@ceo_jane", "sales_manager". */
function inHandle(tokens: TokenList, i: number, last: number): boolean {
  const before = tokens.text.charCodeAt(tokens.starts[i]! - 1);
  return before === 64 || before === 95 || tokens.text.charCodeAt(tokens.ends[last]!) === 95; // @ _ _
}

/** What a role's possessive names that is no person: "a driver's license", "a bachelor's degree". */
const DOCUMENTS_OF_ROLES: ReadonlySet<string> = new Set(
  'license licence licenses licences permit permits degree degrees'.split(' '),
);

/** Whether the role ending at token `last` is the possessive of a document: "driver's license". */
function namesADocument(tokens: TokenList, last: number): boolean {
  if (last + 2 >= tokens.length || tokens.norm(last + 1) !== 's') return false;
  const apostrophe = tokens.text.slice(tokens.ends[last]!, tokens.starts[last + 1]!);
  return (apostrophe === "'" || apostrophe === '’') && DOCUMENTS_OF_ROLES.has(tokens.norm(last + 2));
}

/**
 * Nouns a role word modifies, naming no person: "the customer success team", "customer service", "a
 * patient portal", "student loans", "the user guide", "its parent company", "my sophomore year".
 */
const NOUNS_AFTER_ROLES: ReadonlySet<string> = new Set(
  `service services support success care experience base satisfaction feedback review reviews portal
  account accounts data journey interface guide manual handbook loan loans id number numbers record records
  information info app agreement agreements onboarding retention churn assessment assessments safety
  education outcomes complaints complaint benefits engagement housing visa visas bridge bridges crossing
  crossings zone zones walkway walkways precinct traffic company companies firm firms organization
  organizations organisation organisations group groups funds funding dollars money year years class
  classes orientation dorm dorms`.split(/\s+/),
);

/** Nouns a role word in the singular modifies: "a shareholder meeting", "passenger cars", "a hire car". */
const SINGULAR_ROLE_NOUNS: ReadonlySet<string> = new Set(['meeting', 'meetings', 'car', 'cars']);

/**
 * Whether the role ending at token `last` modifies a noun after it (see NOUNS_AFTER_ROLES), or is an
 * adjective between "as" and "as" ("as pedestrian as a ham sandwich").
 */
function modifiesNoun(tokens: TokenList, last: number): boolean {
  if (last + 1 >= tokens.length || !joins(tokens, last)) return false;
  const next = tokens.norm(last + 1);
  // "a shareholder meeting", "passenger cars" (kinds of meeting and car); "a shareholders meeting",
  // "defence ministers meeting", chat's "my dads car" name the people.
  if (SINGULAR_ROLE_NOUNS.has(next) && !tokens.norm(last).endsWith('s')) return true;
  return NOUNS_AFTER_ROLES.has(next) || (next === 'as' && last > 0 && tokens.norm(last - 1) === 'as');
}

/** Software words before "client" or "driver" that make it the program: "the VPN client", "usb drivers". */
const SOFTWARE_KINDS: readonly string[] =
  `vpn ssh ftp sftp imap smtp rdp dns dhcp http api sql nfs smb vnc git email mail desktop torrent sync
  backup printer graphics usb bluetooth audio network database jdbc odbc`.split(/\s+/);

/** One-word roles, and the words right before them that make them no person's. */
const NOT_PEOPLE_AFTER: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ...['client', 'clients', 'driver', 'drivers'].map((role): [string, ReadonlySet<string>] => [
    role,
    new Set(SOFTWARE_KINDS),
  ]),
  // "an equal opportunity employer": the company.
  ['employer', new Set(['opportunity'])],
]);

/**
 * "the VPN client", "a printer driver", "an equal opportunity employer": a one-word role that the word
 * before makes a thing's or a company's name ("a UPS driver" is a person).
 */
function namesAThing(tokens: TokenList, first: number, last: number): boolean {
  if (first !== last || first === 0 || !joins(tokens, first - 1)) return false;
  return NOT_PEOPLE_AFTER.get(tokens.norm(first))?.has(tokens.norm(first - 1)) ?? false;
}

/**
 * "the cook said": an ambiguous role word between a determiner and a verb or function word; or "Judge
 * Sarah Miller": a title in front of a name (`CONTEXT_TITLES`; not "Cook Islands").
 */
function contextRole(tokens: TokenList, i: number, contextRoles: PhraseIndex): number {
  const last = contextRoles.longestAt(tokens, i, joins);
  if (last < 0) return -1;
  if (
    last === i &&
    CONTEXT_TITLES.has(tokens.norm(i)) &&
    isCapitalised(tokens.surface(i)) &&
    last + 1 < tokens.length &&
    joins(tokens, last) &&
    /^\p{Lu}\p{Ll}/u.test(tokens.surface(last + 1))
  )
    return last;
  if (i === 0 || !joins(tokens, i - 1)) return -1;
  const before = tokens.norm(i - 1);
  // "the judge", "a cook"; a plural after a count too: "arrested two suspects", "several witnesses".
  if (!DETERMINERS.has(before) && !(COUNT_WORDS.has(before) && tokens.norm(last).endsWith('s'))) return -1;
  if (last + 1 < tokens.length && joins(tokens, last) && !FOLLOWERS.has(tokens.norm(last + 1))) return -1;
  return last;
}

/**
 * Lower-case roles and acronyms always count. A capitalised role counts when it is a title (before a
 * name or not), or when it stands apart from other capitalised words; a single capitalised word in
 * mid-sentence is more often a surname ("Mason", "Porter") than a role.
 */
function caseAllows(tokens: TokenList, first: number, last: number, isTitle: boolean): boolean {
  const head = tokens.surface(first);
  if (!isCapitalised(head)) return true;
  // A headline in capitals ("ENGLISH PREMIER LEAGUE"): no case evidence either way, so nothing.
  const shouting = (k: number): boolean =>
    k >= 0 && k < tokens.length && /^\p{Lu}{2,}$/u.test(tokens.surface(k));
  // "CEO", "CEOs", "VP"; but "VPS" (virtual private servers) is no plural of "VP". Among words in
  // capitals, a role word of four letters or more is a word, not an acronym: "DEAN SAUNDERS" is a name.
  if (first === last && isAcronym(head)) {
    if (/^\p{Lu}{1,3}S$/u.test(head)) return false;
    if (isTitle || head.length <= 3 || !(shouting(first - 1) || shouting(last + 1))) return true;
  }
  if (shouting(first) && (shouting(first - 1) || shouting(last + 1))) return false;
  const text = tokens.text;
  const hasNext = last + 1 < tokens.length;
  const nextCapitalised =
    hasNext &&
    isCapitalised(tokens.surface(last + 1)) &&
    /^\s+$/.test(text.slice(tokens.ends[last]!, tokens.starts[last + 1]!));
  const atStart = isSentenceStart(text, tokens.starts[first]!);
  // A capitalised modifier ("Deputy Mayor") belongs to the role, not to a name before it. Only a word
  // joined to the role by spaces counts: after a comma or a bracket a role is a title of its own
  // ("Anna Schmidt, Senior Account Manager", "Marco (Logistics Manager)"); nor does a determiner
  // ("The Senior Engineer said") or a salutation ("Dear Hiring Manager").
  const prevCapitalised =
    !atStart &&
    first > 0 &&
    isCapitalised(tokens.surface(first - 1)) &&
    /^\s+$/.test(text.slice(tokens.ends[first - 1]!, tokens.starts[first]!)) &&
    !PREFIXES.has(tokens.norm(first - 1)) &&
    !DETERMINERS.has(tokens.norm(first - 1)) &&
    !SALUTATIONS.has(tokens.norm(first - 1)) &&
    !NATIONALITIES.has(tokens.norm(first - 1));
  // "President Biden", "the President said"; but "Stephen King said" ends a name.
  if (isTitle) return nextCapitalised || !prevCapitalised;
  // "Nurse practitioner Jane Doe", "Software engineer Priya Nair": a role of several words whose words
  // after the first are in lower case is written as a role, not as part of a name, before the name.
  if (nextCapitalised) return first !== last && !prevCapitalised && lowerCaseAfterFirst(tokens, first, last);
  if (atStart) return true;
  if (first === last && definedTerm(tokens, first)) return true;
  // A role of two words or more stands apart from a name; so does one joined by hyphens
  // ("Secretary-General", "Editor-in-Chief"), which no surname is a role word of.
  return (first !== last || head.includes('-')) && !prevCapitalised;
}

/** Whether two capitalised words follow token `last`, after spaces only: "Nurse Jane Doe" ("Nurse Jackie" is a show). */
function fullNameAfter(tokens: TokenList, last: number): boolean {
  for (let k = last + 1; k <= last + 2; k++) {
    if (k >= tokens.length || !/^\p{Lu}\p{Ll}/u.test(tokens.surface(k))) return false;
    if (!/^\s+$/.test(tokens.text.slice(tokens.ends[k - 1]!, tokens.starts[k]!))) return false;
  }
  return true;
}

/** Whether the words of tokens first+1..last are all in lower case. */
function lowerCaseAfterFirst(tokens: TokenList, first: number, last: number): boolean {
  for (let k = first + 1; k <= last; k++) if (/\p{Lu}/u.test(tokens.surface(k))) return false;
  return true;
}

/**
 * A contract's defined party: a capitalised role after a determiner and before a verb, a function word
 * or punctuation ("the Tenant shall", "pay the Licensor."); "the Baker family" is a surname's.
 */
function definedTerm(tokens: TokenList, i: number): boolean {
  if (i === 0 || !DETERMINERS.has(tokens.norm(i - 1)) || !joins(tokens, i - 1)) return false;
  if (i + 1 >= tokens.length) return true;
  const gap = tokens.text.slice(tokens.ends[i]!, tokens.starts[i + 1]!);
  const next = tokens.norm(i + 1);
  return (
    gap.trim() !== '' ||
    FOLLOWERS.has(next) ||
    PARTY_FOLLOWERS.has(next) ||
    !/^\p{L}/u.test(tokens.surface(i + 1))
  );
}

/**
 * More words a contract's party stands before: prepositions and a contract's verbs ("deliver the Goods to
 * the Buyer within 30 days", "indemnify the Executive against", "pay the Broker no additional"). A
 * surname takes no article, so after one these are the role's; a noun after it is not ("the Baker family").
 */
const PARTY_FOLLOWERS: ReadonlySet<string> = new Set(
  `to for from with within against under by upon on if that as hereunder hereby agree agrees acknowledges
  represents warrants covenants pays no not any`.split(/\s+/),
);
