/**
 * Named events the tagger misses: list names ("Wimbledon", "Christmas", "World War II"), optionally
 * with a year or numeral ("the 2022 World Cup", "Super Bowl LVIII", "Build 2024"), and patterns
 * ("Hurricane Katrina", "the 2011 Tōhoku earthquake", "Battle of X", "X Festival", "X Summit 2025"), and
 * local TED events ("TEDxBoston").
 *
 * Holidays are `CulturalEvent` here: Azure's categories put "cultural events and holidays" under
 * Event/Cultural. The DateTime recogniser (Recognizers-Text) also reads "Christmas" as a date; both
 * candidates are kept for the overlap policy. After a temporal preposition ("on Christmas", "until
 * Easter") the holiday is used as a date, so its confidence drops to 0.6, below a DateTime's.
 */
import type { Candidate, Recognizer } from '../../types.ts';
import { readList } from '../../refine/lists.ts';
import { PhraseLexicon, type PhraseEntry } from '../../refine/phrase-lexicon.ts';
import { startsSentence, tokenHashesOf, tokensOf, type Tokens } from '../../refine/tokens.ts';
import { WordFilter } from '../../refine/word-filter.ts';
import { isRomanNumeral, isYear, spaceBefore } from './numbers.ts';
import { writtenInOneCase } from '../person-type/text-case.ts';
import { insideName, isWeak } from './name-words.ts';
import { TEMPORAL_PREPOSITIONS } from '../../text/temporal-preposition.ts';
import { EVENT_RULES, SPAN_RULES, type EventType, type TokenMatch } from './patterns.ts';

export type { EventType } from './patterns.ts';

/** Adjectives the patterns trim from a name in running text, part of it inside a tagger's span. */
const NAME_ADJECTIVES: ReadonlySet<string> = new Set(
  'Global International National Regional Annual Local Joint Special General Major'.split(' '),
);

/**
 * Nouns after a conference's name that say it is one, where its name alone is an ordinary word or
 * needs a year ("the Build conference", "at the Black Hat briefings"); the noun stays outside the name.
 */
const MEETING_NOUNS: ReadonlySet<string> = new Set([
  'conference',
  'conferences',
  'summit',
  'convention',
  'expo',
  'keynote',
  'keynotes',
  'briefings',
  'show',
  'event',
]);

/**
 * Words after which a listed event that names a place or an organisation too is the event, whatever
 * the tagger says ("Thousands attended Coachella", "to headline Glastonbury").
 */
const ATTENDANCE_BEFORE: ReadonlySet<string> = new Set(
  'attend attends attended attending headline headlines headlined headlining'.split(' '),
);
/** Candidates per document at most: a flood of matches cannot blow up the response. */
const MAX_EVENTS = 64;
const LIST_CONFIDENCE = 0.85;
const PATTERN_CONFIDENCE = 0.7;
/** "on Christmas", "until Easter": a holiday used as a date, where the DateTime candidate should win. */
const DATE_LIKE_CONFIDENCE = 0.6;
/** A holiday (a cultural list name that takes no year) right after a temporal preposition. */
function isHolidayAsDate(tokens: Tokens, m: TokenMatch, entry: PhraseEntry<EventType> | undefined): boolean {
  if (!entry || m.type !== 'CulturalEvent' || entry.flags.includes('y')) return false;
  const before = tokens.words[m.first - 1];
  return (
    before !== undefined && TEMPORAL_PREPOSITIONS.has(before.toLowerCase()) && spaceBefore(tokens, m.first)
  );
}

export interface EventMatcher {
  /** Event candidates in `text`, sorted by start. */
  find(text: string): Candidate[];
  /** The event type of the whole of text[start, end) (a model span), if it names an event. */
  classify(text: string, start: number, end: number): EventType | undefined;
}

/** "TEDxBoston", "TEDxYouth@Paris": a local TED event, named by its city or its theme. */
const TEDX = /\bTEDx\p{Lu}[\p{L}\p{N}]*(?:@\p{Lu}[\p{L}\p{N}]*)?/gu;

function tedxEvents(text: string): Candidate[] {
  const out: Candidate[] = [];
  TEDX.lastIndex = 0;
  for (let m = TEDX.exec(text); m && out.length < MAX_EVENTS; m = TEDX.exec(text))
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      type: 'CulturalEvent',
      confidence: LIST_CONFIDENCE,
      source: 'rule',
    });
  return out;
}

const cache = new Map<string, EventMatcher>();

/** The matcher over models/entities/events.tsv in `dir`, loaded once per directory. */
export function loadEventMatcher(dir: string): EventMatcher {
  let matcher = cache.get(dir);
  if (!matcher) {
    const lexicon = new PhraseLexicon<EventType>();
    // The names to find in text written in one case as well (flag `a`: "lollapalooza", "happy diwali").
    const anyCase = new PhraseLexicon<EventType>({ caseless: true });
    for (const row of readList(dir, 'events.tsv')) {
      lexicon.add(row.name, row.type as EventType, row.flags);
      if (row.flags.includes('a')) anyCase.add(row.name, row.type as EventType, row.flags);
    }
    matcher = createMatcher(lexicon, anyCase);
    cache.set(dir, matcher);
  }
  return matcher;
}

export function loadEventRecognizer(dir: string): Recognizer {
  const matcher = loadEventMatcher(dir);
  return (text) => matcher.find(text);
}

interface Scored extends TokenMatch {
  readonly confidence: number;
  /** `yields` for a list name that is also a place's or a club's (flag `n`). */
  readonly tagger?: 'yields';
}

/** Whether a list name at token i counts: outside a model span, not a capitalised word opening a sentence. */
function acceptInText(e: PhraseEntry<EventType>, tokens: Tokens, i: number, inSpan: boolean): boolean {
  return (
    inSpan ||
    ((!e.flags.includes('c') || !startsSentence(tokens, i)) && !(e.length === 1 && insideName(tokens, i)))
  );
}

function createMatcher(lexicon: PhraseLexicon<EventType>, anyCase: PhraseLexicon<EventType>): EventMatcher {
  // Rule trigger words: with the lexicon's own filter, a token that starts nothing costs two bit tests.
  const textTriggers = new WordFilter();
  for (const word of EVENT_RULES.keys()) textTriggers.add(word);
  const spanTriggers = new WordFilter();
  spanTriggers.addAll(textTriggers);
  for (const word of SPAN_RULES.keys()) spanTriggers.add(word);

  /** Every match in tokens, left to right, none overlapping; `caseless`: names to match in any case too. */
  function scan(
    tokens: Tokens,
    inSpan: boolean,
    limit: number,
    caseless?: PhraseLexicon<EventType>,
  ): Scored[] {
    const out: Scored[] = [];
    const triggers = inSpan ? spanTriggers : textTriggers;
    let floor = 0;
    const n = tokens.words.length;
    for (let i = 0; i < n && out.length < limit; i++) {
      if (!triggers.mayHave(tokens.hashes[i] as number) && !lexicon.mayStartAt(tokens, i, n) && !caseless)
        continue;
      const entry = lexicon.matchAt(tokens, i, acceptInText, inSpan) ?? caseless?.matchCaselessAt(tokens, i);
      const m = entry ? extend(tokens, i, entry, floor, inSpan) : undefined;
      const word = tokens.words[i] as string;
      // A word may trigger both: "Tour" ends a concert tour in text, and starts "Tour of Switzerland" in a span.
      const found =
        m ??
        EVENT_RULES.get(word)?.(tokens, i, floor) ??
        (inSpan ? SPAN_RULES.get(word)?.(tokens, i, floor) : undefined);
      if (!found) continue;
      const confidence = !m
        ? PATTERN_CONFIDENCE
        : isHolidayAsDate(tokens, found, entry)
          ? DATE_LIKE_CONFIDENCE
          : LIST_CONFIDENCE;
      const yields =
        m !== undefined &&
        entry!.flags.includes('n') &&
        !ATTENDANCE_BEFORE.has((tokens.words[found.first - 1] ?? '').toLowerCase());
      out.push(yields ? { ...found, confidence, tagger: 'yields' } : { ...found, confidence });
      i = found.last;
      floor = i + 1;
    }
    return out;
  }

  return {
    find(text) {
      const hashed = tokenHashesOf(text);
      const { hashes, count } = hashed;
      const caseless =
        writtenInOneCase(text) && anyCase.mayStartCaselessAnywhere(hashed, count) ? anyCase : undefined;
      const tedx = text.includes('TEDx') ? tedxEvents(text) : [];
      if (!textTriggers.mayHaveAny(hashes, count) && !lexicon.mayStartAnywhere(hashed, count) && !caseless)
        return tedx;
      const tokens = tokensOf(text);
      const found = scan(tokens, false, MAX_EVENTS, caseless).map((m): Candidate => ({
        start: tokens.starts[m.first] as number,
        end: tokens.ends[m.last] as number,
        type: m.type,
        confidence: m.confidence,
        source: 'rule',
        ...(m.tagger ? { tagger: m.tagger } : {}),
      }));
      return tedx.length === 0 ? found : [...found, ...tedx].sort((a, b) => a.start - b.start);
    },
    classify(text, start, end) {
      // The span on its own: its first token starts a text. The caches serve both matchers.
      const span = text.slice(start, end);
      const hashed = tokenHashesOf(span);
      if (
        !spanTriggers.mayHaveAny(hashed.hashes, hashed.count) &&
        !lexicon.mayStartAnywhere(hashed, hashed.count)
      )
        return undefined;
      const tokens = tokensOf(span);
      const [m] = scan(tokens, true, 1);
      if (!m || m.last !== tokens.words.length - 1) return undefined;
      // "Global Azure Bootcamp": in the tagger's name, an adjective the patterns trim belongs to it.
      for (let k = 0; k < m.first; k++) if (!NAME_ADJECTIVES.has(tokens.words[k] as string)) return undefined;
      return m.type;
    },
  };
}

/**
 * A list name at token i widened by its flags: a year before or after (`y`), a numeral after (`y`),
 * or undefined when a needed year is missing (`Y`). In a model span two-digit years count ("Euro 96"),
 * and a conference (`e`) takes the place of its edition ("KubeCon Europe", "Web Summit Lisbon").
 */
function extend(
  tokens: Tokens,
  i: number,
  e: PhraseEntry<EventType>,
  floor: number,
  inSpan: boolean,
): TokenMatch | undefined {
  let first = i;
  let last = i + e.length - 1;
  const yearly = e.flags.includes('y') || e.flags.includes('Y');
  if (yearly) {
    const next = tokens.words[last + 1] ?? '';
    const nextIsYear = isYear(next) || (inSpan && /^\d\d$/.test(next));
    if (spaceBefore(tokens, last + 1) && (nextIsYear || (e.flags.includes('y') && isRomanNumeral(next))))
      last++;
    else if (e.flags.includes('Y') && !(e.flags.includes('e') && MEETING_NOUNS.has(next))) return undefined;
    if (first - 1 >= floor && isYear(tokens.words[first - 1] as string) && spaceBefore(tokens, first))
      first--;
  }
  if (
    inSpan &&
    e.flags.includes('e') &&
    last + 1 === tokens.words.length - 1 &&
    editionPlace(tokens, last + 1)
  )
    last++;
  return { first, last, type: e.value };
}

/** Token i is one capitalised word after a space: the place of a conference's edition, in a tagger's name. */
function editionPlace(tokens: Tokens, i: number): boolean {
  const w = tokens.words[i] as string;
  return spaceBefore(tokens, i) && /^\p{Lu}\p{Ll}+$/u.test(w) && !isWeak(w);
}
