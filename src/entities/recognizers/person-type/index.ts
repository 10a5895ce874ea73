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
import { parseList, PhraseIndex, regexTokenizer, type Token } from './phrase-index.ts';
import { pluralOf } from './plural.ts';
import { CONTEXT_ROLES, DEPARTMENTS, DETERMINERS, FOLLOWERS, OF_HEADS, PREFIXES, TITLES } from './rules.ts';
import { isAcronym, isCapitalised, isSentenceStart } from './text-case.ts';

export const PERSON_TYPE_FILE = 'person-type.txt';
const CONFIDENCE = 0.85;
const CONTEXT_CONFIDENCE = 0.75;
/** Bounds the output on pathological input (a document of 5,120 characters holds far fewer roles). */
const MAX_CANDIDATES = 256;

/** Words, hyphenated compounds kept whole ("co-founder"); apostrophes split ("owner's" → owner, s). */
const tokenize = regexTokenizer(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu);

/** The given phrases and their plurals. */
function withPlurals(phrases: readonly string[]): string[] {
  return phrases.flatMap((p) => [p, pluralOf(p)]);
}

export function loadPersonTypes(dir: string): Recognizer {
  const entries = parseList(readFileSync(join(dir, PERSON_TYPE_FILE), 'utf8'));
  const roles = new PhraseIndex(withPlurals(entries), tokenize);
  const titles = new Set(TITLES); // singular: "Queens Park" is a name, "Queen Elizabeth" a title
  const departments = new PhraseIndex(DEPARTMENTS, tokenize);
  const contextRoles = new PhraseIndex(CONTEXT_ROLES, tokenize);
  return (text) => findPersonTypes(text, { roles, titles, departments, contextRoles });
}

interface Lists {
  readonly roles: PhraseIndex;
  readonly titles: ReadonlySet<string>;
  readonly departments: PhraseIndex;
  readonly contextRoles: PhraseIndex;
}

function findPersonTypes(text: string, lists: Lists): Candidate[] {
  const tokens = tokenize(text);
  // Words of one phrase are separated by a space or two (or a line break), never by punctuation.
  const joins = (a: number): boolean => {
    const gap = tokens[a + 1]!.start - tokens[a]!.end;
    return gap >= 1 && gap <= 2 && /^\s+$/.test(text.slice(tokens[a]!.end, tokens[a + 1]!.start));
  };
  const surface = (t: Token): string => text.slice(t.start, t.end);
  const out: Candidate[] = [];
  let lastEnd = -1; // last token index of the previous candidate

  for (let i = 0; i < tokens.length && out.length < MAX_CANDIDATES; i++) {
    let last = lists.roles.longestAt(tokens, i, joins);
    let confidence = CONFIDENCE;
    if (last < 0) {
      last = contextRole(tokens, i, joins, lists.contextRoles);
      confidence = CONTEXT_CONFIDENCE;
    }
    if (last < 0) continue;
    const phrase = tokens
      .slice(i, last + 1)
      .map((t) => t.norm)
      .join(' ');
    const isTitle = lists.titles.has(phrase) || lists.titles.has(phrase.split(' of ')[0]!);
    if (!caseAllows(text, tokens, i, last, isTitle, surface)) {
      i = last;
      continue;
    }
    let first = i;
    // "senior software engineer", "deputy mayor": a modifier before the role, in the same case style.
    const prev = tokens[i - 1];
    if (prev && i - 1 > lastEnd && PREFIXES.has(prev.norm) && joins(i - 1)) {
      if (isCapitalised(surface(prev)) === isCapitalised(surface(tokens[i]!))) first = i - 1;
    }
    // "vice president of sales", "Secretary of State".
    if (OF_HEADS.has(phrase) && tokens[last + 1]?.norm === 'of' && joins(last)) {
      const dept = lists.departments.longestAt(tokens, last + 2, joins);
      if (dept >= 0 && joins(last + 1)) last = dept;
    }
    out.push({
      start: tokens[first]!.start,
      end: tokens[last]!.end,
      type: 'PersonType',
      confidence,
      source: 'rule',
    });
    lastEnd = last;
    i = last;
  }
  return out;
}

/** "the cook said": an ambiguous role word between a determiner and a verb or function word. */
function contextRole(
  tokens: readonly Token[],
  i: number,
  joins: (a: number) => boolean,
  contextRoles: PhraseIndex,
): number {
  const last = contextRoles.longestAt(tokens, i, joins);
  if (last < 0 || i === 0 || !DETERMINERS.has(tokens[i - 1]!.norm) || !joins(i - 1)) return -1;
  const next = tokens[last + 1];
  if (next && joins(last) && !FOLLOWERS.has(next.norm)) return -1;
  return last;
}

/**
 * Lower-case roles and acronyms always count. A capitalised role counts when it is a title (before a
 * name or not), or when it stands apart from other capitalised words; a single capitalised word in
 * mid-sentence is more often a surname ("Mason", "Porter") than a role.
 */
function caseAllows(
  text: string,
  tokens: readonly Token[],
  first: number,
  last: number,
  isTitle: boolean,
  surface: (t: Token) => string,
): boolean {
  const head = surface(tokens[first]!);
  if (!isCapitalised(head)) return true;
  // "CEO", "CEOs", "VP"; but "VPS" (virtual private servers) is no plural of "VP".
  if (first === last && isAcronym(head)) return !/^\p{Lu}{1,3}S$/u.test(head);
  // A headline in capitals ("ENGLISH PREMIER LEAGUE"): no case evidence either way, so nothing.
  const shouting = (t: Token | undefined): boolean => !!t && /^\p{Lu}{2,}$/u.test(surface(t));
  if (shouting(tokens[first]) && (shouting(tokens[first - 1]) || shouting(tokens[last + 1]))) return false;
  const next = tokens[last + 1];
  const nextCapitalised =
    !!next && isCapitalised(surface(next)) && /^\s+$/.test(text.slice(tokens[last]!.end, next.start));
  const atStart = isSentenceStart(text, tokens[first]!.start);
  const prev = tokens[first - 1];
  // A capitalised modifier ("Deputy Mayor") belongs to the role, not to a name before it.
  const prevCapitalised = !atStart && !!prev && isCapitalised(surface(prev)) && !PREFIXES.has(prev.norm);
  // "President Biden", "the President said"; but "Stephen King said" ends a name.
  if (isTitle) return nextCapitalised || !prevCapitalised;
  if (nextCapitalised) return false;
  if (atStart) return true;
  return first !== last && !prevCapitalised;
}
