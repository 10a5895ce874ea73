/**
 * Skill: abilities and technologies as Azure returns them: programming languages ("Python", "C#"),
 * disciplines ("machine learning", "project management", "data analysis"), methods and frameworks
 * ("Scrum", "Kubernetes"). A gazetteer (models/entities/skill.txt) matched case-insensitively, longest
 * first; names that are common words ("Go", "R", "Rust", "Swift", "Java", "Ruby") only as written
 * and in technical context. Tools and platforms (`!` entries: "Excel", "AutoCAD", "Salesforce") are
 * products or companies elsewhere; named as something a person knows ("proficient in AutoCAD") they
 * are Skills, over the tagger's or the product list's reading of the same characters. The unlisted
 * items of a list of skills, in lower case, are skills too ("Skills: customer service, cash handling").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Candidate, Recognizer } from '../../types.ts';
import { parseList, PhraseIndex } from '../person-type/phrase-index.ts';
import { isSpaceUnit } from '../../text/chars.ts';
import { phraseWords, TokenList } from '../person-type/token-list.ts';
import { hasCue, listed } from './context.ts';
import { tokenizeSkillWords } from './tokenize.ts';

export const SKILL_FILE = 'skill.txt';
const CONFIDENCE = 0.85;
const CONTEXT_CONFIDENCE = 0.8;
const MAX_CANDIDATES = 256;
/** "has been forecasting", "is marketing": a skill's -ing word after a form of "be" is a verb. */
const BE: ReadonlySet<string> = new Set(['am', 'is', 'are', 'was', 'were', 'be', 'been', 'being']);

export function loadSkills(dir: string): Recognizer {
  const entries = parseList(readFileSync(join(dir, SKILL_FILE), 'utf8'));
  /** Lower-case phrase → how it must be written, for the names that need context. */
  const ambiguous = new Map<string, string>();
  /** Lower-case phrases of proper names, which the text must write with a capital ("CLIPS", not "clips"). */
  const proper = new Set<string>();
  /** Lower-case phrases of tools, a Skill only in context (and then over other readings). */
  const tools = new Set<string>();
  for (const e of entries) {
    if (e.startsWith('?') || e.startsWith('!')) ambiguous.set(normalise(e.slice(1)), e.slice(1));
    if (e.startsWith('!')) tools.add(normalise(e.slice(1)));
    if (e.startsWith('=')) proper.add(normalise(e.slice(1)));
  }
  const index = PhraseIndex.of(entries.map((e) => phraseWords(e.replace(/^[?=!]/, ''), tokenizeSkillWords)));
  const phrases = new Set(entries.map((e) => normalise(e.replace(/^[?=!]/, ''))));
  const tokens = new TokenList();
  return (text) => {
    tokenizeSkillWords(text, tokens);
    return findSkills(tokens, { index, ambiguous, proper, tools, phrases });
  };
}

/** Tokens joined by single spaces: the key both for list entries and for text spans. */
function normalise(phrase: string): string {
  return phraseWords(phrase, tokenizeSkillWords).join(' ');
}

/** Words a and a + 1 belong to one phrase: one or two white-space characters, or a slash ("CI/CD"), between. */
function joinsSkill(tokens: TokenList, a: number): boolean {
  const from = tokens.ends[a]!;
  const gap = tokens.starts[a + 1]! - from;
  const text = tokens.text;
  if (gap === 1) return text.charCodeAt(from) === 47 || isSpaceUnit(text.charCodeAt(from));
  return gap === 2 && isSpaceUnit(text.charCodeAt(from)) && isSpaceUnit(text.charCodeAt(from + 1));
}

interface Found {
  readonly start: number;
  readonly end: number;
  /** The name as it must be written if it needs context, else undefined. */
  readonly needs?: string;
  readonly tool: boolean;
}

interface Lists {
  readonly index: PhraseIndex;
  readonly ambiguous: ReadonlyMap<string, string>;
  readonly proper: ReadonlySet<string>;
  readonly tools: ReadonlySet<string>;
  /** Every listed phrase, lower-case, its words joined by single spaces. */
  readonly phrases: ReadonlySet<string>;
}

function findSkills(tokens: TokenList, lists: Lists): Candidate[] {
  const { index, ambiguous, proper, tools, phrases } = lists;
  const text = tokens.text;
  const found: Found[] = [];
  for (const m of index.findAll(tokens, joinsSkill)) {
    if (found.length >= MAX_CANDIDATES) break;
    let key = tokens.norm(m.first);
    for (let k = m.first + 1; k <= m.last; k++) key += ` ${tokens.norm(k)}`;
    const needs = ambiguous.get(key);
    const start = tokens.starts[m.first]!;
    const end = tokens.ends[m.last]!;
    if (needs !== undefined && text.slice(start, end).replace(/\s+/g, ' ') !== needs) continue;
    if (proper.has(key) && !/\p{Lu}/u.test(text.slice(start, end))) continue;
    if (m.first > 0 && m.first === m.last && key.endsWith('ing') && BE.has(tokens.norm(m.first - 1)))
      continue;
    if (m.first !== m.last && !tools.has(key) && unitAfter(tokens, m.last)) continue;
    const tool = tools.has(key);
    found.push(needs === undefined ? { start, end, tool } : { start, end, needs, tool });
  }
  if (found.length === 0) return [];
  const cued = found.map((f) => f.needs !== undefined && hasCue(text, f.start, f.end));
  const accepted = found.map((f, k) => f.needs === undefined || cued[k]!);
  // "Python, Go and Rust": a list with an accepted skill confirms its neighbours, in both directions.
  const inList = found.map(() => false);
  for (let changed = true, pass = 0; changed && pass < 4; pass++) {
    changed = false;
    for (let k = 0; k < found.length; k++) {
      if (inList[k]) continue;
      const prev = found[k - 1];
      const next = found[k + 1];
      const byPrev = prev && accepted[k - 1] && listed(text.slice(prev.end, found[k]!.start));
      const byNext = next && accepted[k + 1] && listed(text.slice(found[k]!.end, next.start));
      if (!byPrev && !byNext) continue;
      inList[k] = true;
      if (!accepted[k]) accepted[k] = changed = true;
    }
  }
  const skills = found.filter((_, k) => accepted[k]);
  // Tools, and a name that needs context in a list of skills with a cue before it ("Familiar with
  // Jenkins, Terraform and Ansible"): what the words around say beats the tagger's person.
  const overrides = new Set(found.filter((f, k) => accepted[k] && (f.tool || (inList[k] && cued[k]))));
  const named = skills.concat(listNeighbours(text, skills, phrases));
  return named
    .concat(sharingGenericHead(tokens, lists, named))
    .sort((a, b) => a.start - b.start)
    .map((f): Candidate => ({
      start: f.start,
      end: f.end,
      type: 'Skill',
      confidence: f.needs === undefined ? CONFIDENCE : CONTEXT_CONFIDENCE,
      source: 'rule',
      ...(overrides.has(f) ? { tagger: 'overrides' as const } : {}),
    }));
}

/**
 * Nouns after a skill of several words that make it the name of a team or a post, not a skill: "our
 * customer service team", "the data entry clerk", "a customer support line".
 */
const UNIT_NOUNS = new Set(
  `team teams department departments dept desk center centre centers centres line hotline office
  representative representatives rep reps agent agents staff clerk clerks manager managers specialist
  specialists`.split(/\s+/),
);

/** Whether the word after token `last` is one of `UNIT_NOUNS`. */
function unitAfter(tokens: TokenList, last: number): boolean {
  return last + 1 < tokens.length && UNIT_NOUNS.has(tokens.norm(last + 1));
}

/** Heads that name no ability of their own: the words sharing them do ("communication skills"). */
const GENERIC_HEADS: ReadonlySet<string> = new Set(['skills', 'abilities']);

/**
 * The words before a generic head that share it: "communication" and "leadership" in "strong
 * communication, leadership and interpersonal skills" (each listed with the head, or alone). One word
 * each, joined by commas and one "and" or "or"; an unlisted one ends the walk.
 */
function sharingGenericHead(
  tokens: TokenList,
  { phrases, ambiguous }: Lists,
  skills: readonly Found[],
): Found[] {
  const text = tokens.text;
  const out: Found[] = [];
  const gap = (a: number): string => text.slice(tokens.ends[a]!, tokens.starts[a + 1]!);
  for (let i = 3; i < tokens.length && out.length < MAX_ITEMS; i++) {
    const head = tokens.norm(i);
    if (!GENERIC_HEADS.has(head) || gap(i - 1) !== ' ') continue;
    // The last item's word (i - 1) belongs to the head; the one before "and"/"or" is the first to share it.
    let k = i - 2;
    const joint = tokens.norm(k);
    if ((joint !== 'and' && joint !== 'or') || gap(k) !== ' ' || !/^,? $/.test(gap(k - 1))) continue;
    for (k--; k >= 0 && out.length < MAX_ITEMS; k--) {
      const start = tokens.starts[k]!;
      const end = tokens.ends[k]!;
      const word = tokens.norm(k);
      const needs = ambiguous.get(word);
      const alone = phrases.has(word) && (needs === undefined || text.slice(start, end) === needs);
      if (!alone && !phrases.has(`${word} ${head}`)) break;
      if (!skills.some((f) => f.start < end && start < f.end)) out.push({ start, end, tool: false });
      if (k === 0 || gap(k - 1) !== ', ') break;
    }
  }
  return out;
}

/** An item of a list of skills that no list names: one to three lower-case words ("cash handling"). */
const ITEM = '[a-z][a-z-]+(?: [a-z][a-z-]+){0,2}';
/** List punctuation, then an item, then the end of the item (the next list mark, the sentence's end or "skills"). */
const NEXT_ITEM = new RegExp(
  `^(?:\\s*,\\s*(?:(?:and|or)\\s+)?|\\s+(?:and|or)\\s+)(${ITEM})(?=\\s*(?:[,.;:]|$)|\\s+(?:and|or|skills?)\\b)`,
);
const PREVIOUS_ITEM = new RegExp(
  `(?:^|[:,;]\\s*|\\b(?:and|or|in|with|of)\\s+)(${ITEM})(?:\\s*,\\s*(?:(?:and|or)\\s+)?|\\s+(?:and|or)\\s+)$`,
);
/** Words no skill's name holds: "a valid license", "at least", "our team". */
const NOT_IN_SKILLS = new Set(
  `the a an our your their his her its my this that these those at in on with for from by to of is are be
  have has must should will can we you they he she it i least more other others etc also well`.split(/\s+/),
);
const MAX_ITEMS = 16;
/** Words praising a skill, not naming it: "strong communication", "excellent written English". */
const PRAISE = new Set(
  `strong excellent good great solid proven advanced basic exceptional outstanding effective superb
  demonstrated sound`.split(/\s+/),
);

function isSkillItem(item: string): boolean {
  return item.split(' ').every((w) => !NOT_IN_SKILLS.has(w));
}

/** How many characters of an item's start praise the skill (`PRAISE`), 0 when its first word names it. */
function praiseLength(item: string): number {
  const space = item.indexOf(' ');
  return space > 0 && PRAISE.has(item.slice(0, space)) ? space + 1 : 0;
}

/**
 * Whether the item `m` before " and " or " or " shares the head of the skill of several words after it:
 * its last word of praise-free words plus the skill's last word is a listed skill ("written" and
 * "verbal communication": "written communication").
 */
function elidedHead(m: RegExpExecArray, skill: string, phrases: ReadonlySet<string>): boolean {
  if (!/\s(?:and|or)\s+$/.test(m[0]) || !/\s/.test(skill)) return false;
  const words = m[1]!.split(' ');
  const head = skill.slice(skill.lastIndexOf(' ') + 1).toLowerCase();
  return phrases.has(`${words[words.length - 1]!} ${head}`);
}

/**
 * Items of a list with a named skill that no list names, in lower case: "customer service, cash handling,
 * inventory management" takes "cash handling"; "proficiency in statistics, SQL" takes "statistics".
 * Walks from each skill listed beside another, or named where skills are asked for, to its neighbours
 * and on.
 */
function listNeighbours(text: string, skills: readonly Found[], phrases: ReadonlySet<string>): Found[] {
  const out: Found[] = [];
  const taken = (start: number, end: number): boolean =>
    skills.some((f) => f.start < end && start < f.end) || out.some((f) => f.start < end && start < f.end);
  // Only from a skill listed beside another, or named where skills are asked for ("Skills: ...",
  // "experience with ..."): "I like Python, cats and long walks" is no list of skills.
  const seeds = skills.filter(
    (f, k) =>
      (k > 0 && listed(text.slice(skills[k - 1]!.end, f.start))) ||
      (k + 1 < skills.length && listed(text.slice(f.end, skills[k + 1]!.start))) ||
      hasCue(text, f.start, f.end),
  );
  for (const skill of seeds) {
    for (let end = skill.end, n = 0; n < MAX_ITEMS; n++) {
      const m = NEXT_ITEM.exec(text.slice(end, end + 48));
      if (!m || !isSkillItem(m[1]!)) break;
      const start = end + m[0].length - m[1]!.length;
      end = start + m[1]!.length;
      const named = start + praiseLength(m[1]!);
      if (!taken(named, end)) out.push({ start: named, end, tool: false });
    }
    // The item or skill right after the one the walk looks for, which an elided head would be shared with.
    let following = text.slice(skill.start, skill.end);
    for (let start = skill.start, n = 0; n < MAX_ITEMS; n++) {
      const before = text.slice(Math.max(0, start - 48), start);
      const m = PREVIOUS_ITEM.exec(before);
      if (!m || !isSkillItem(m[1]!)) break;
      const at = before.length - m[0].length + m[0].indexOf(m[1]!);
      // "written and verbal communication": the word before "and" shares the skill's last word ("written
      // communication" is listed), an adjective alone, no skill.
      if (elidedHead(m, following, phrases)) break;
      following = m[1]!;
      start = start - before.length + at;
      const end = start + m[1]!.length;
      const named = start + praiseLength(m[1]!);
      if (!taken(named, end)) out.push({ start: named, end, tool: false });
    }
  }
  return out;
}
