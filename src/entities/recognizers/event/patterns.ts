import type { EntityType } from '../../taxonomy.ts';
import type { Tokens } from '../../refine/tokens.ts';
import {
  isNameWord,
  isWeak,
  MEETING_CONNECTORS,
  nameAfter,
  nameBefore,
  nameContinues,
} from './name-words.ts';
import { isYear, spaceBefore } from './numbers.ts';

export type EventType = Extract<EntityType, 'Event' | 'CulturalEvent' | 'SportsEvent' | 'NaturalEvent'>;

/** A pattern match in tokens: [first, last] inclusive. */
export interface TokenMatch {
  readonly first: number;
  readonly last: number;
  readonly type: EventType;
}

/** A rule fired by one trigger word at token `i`; `floor` is the first token it may use. */
type Rule = (tokens: Tokens, i: number, floor: number) => TokenMatch | undefined;

/** Titles that look like events ("Star Wars" is a film). Keyed by the name's first word and the head. */
const NOT_EVENTS = new Set(['Star Wars', 'Clone Wars', 'Console Wars', 'Storage Wars', 'Cold Case']);

interface HeadOptions {
  readonly yearAfter?: boolean;
  readonly minWords?: number;
  readonly connectors?: ReadonlySet<string>;
  /** Capitalised adjectives that stay in the name before a strong word (`nameBefore`). */
  readonly keep?: ReadonlySet<string>;
  /** Words of name read back from the head at most (default 5). */
  readonly maxWords?: number;
}

/** "<Name> earthquake", "<Name> War", "<Name> Festival": a name before the head word, and maybe a year. */
function headRule(type: EventType, opts: HeadOptions = {}): Rule {
  return (tokens, i, floor) => {
    // "Metro Toronto Convention Centre": the head word is inside a longer name, not its end.
    if (nameContinues(tokens, i + 1)) return undefined;
    const first = nameBefore(tokens, i, floor, opts.maxWords ?? 5, opts.connectors, opts.keep);
    if (first === undefined || i - first < (opts.minWords ?? 1)) return undefined;
    if (NOT_EVENTS.has(`${tokens.words[first]} ${tokens.words[i]}`)) return undefined;
    const start =
      first - 1 >= floor && isYear(tokens.words[first - 1] as string) && spaceBefore(tokens, first)
        ? first - 1
        : first;
    const last =
      opts.yearAfter && isYear(tokens.words[i + 1] ?? '') && spaceBefore(tokens, i + 1) ? i + 1 : i;
    return { first: start, last, type };
  };
}

/** Words after "Hurricane" that are not a storm's name ("National Hurricane Center", "Hurricane Season"). */
const NOT_STORM_NAMES = new Set(
  'Center Centre Season Seasons Warning Watch Alley Hunters Relief Fund Force Category Party Lamp Deck'.split(
    ' ',
  ),
);

/**
 * Words after "Storm" that are not a named storm's name: "Storm Shadow missiles", "Storm Prediction
 * Center", and a date ("Raw Illest and Storm April 14th", a band in WNUT17 train).
 */
const NOT_NAMED_STORMS = new Set(
  (
    'Shadow Shadows Surge Troopers Trooper Chasers Chaser Prediction Drain Drains Water Damage Door Doors ' +
    'Cloud Clouds Front Cellar Area Team Lake January February March April May June July August September ' +
    'October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday'
  ).split(' '),
);

/**
 * "Hurricane Katrina", "Typhoon Haiyan", "Storm Ciarán" (the UK's and Ireland's named storms): a title
 * word and the storm's one-word name.
 */
function stormRule(words: number): Rule {
  return (tokens, i) => {
    const name = i + words;
    const w = tokens.words[name];
    if (
      w === undefined ||
      !spaceBefore(tokens, name) ||
      !isNameWord(w) ||
      isWeak(w) ||
      /\d/.test(w) ||
      NOT_STORM_NAMES.has(w) ||
      (tokens.words[i] === 'Storm' && NOT_NAMED_STORMS.has(w))
    )
      return undefined;
    if (words === 2 && tokens.words[i + 1] !== 'Storm' && tokens.words[i + 1] !== 'Typhoon') return undefined;
    return { first: i, last: name, type: 'NaturalEvent' };
  };
}

/** "Battle of Hastings", "Siege of Leningrad", "Festival of Lights". */
function ofRule(type: EventType): Rule {
  return (tokens, i) => {
    if (tokens.words[i + 1] !== 'of' || !spaceBefore(tokens, i + 1) || !spaceBefore(tokens, i + 2))
      return undefined;
    const last = nameAfter(tokens, i + 2, 4);
    return last === undefined ? undefined : { first: i, last, type };
  };
}

const ELECTION_ADJECTIVES =
  /^(presidential|general|midterm|parliamentary|federal|local|mayoral|gubernatorial|legislative|national|state|snap|European|U\.S|US|Senate|House)$/;

/**
 * "the 2024 presidential election", "the 2020 United States presidential election": a year, then up
 * to four words that are election adjectives or the country's name, then election(s).
 */
const electionRule: Rule = (tokens, i, floor) => {
  for (let k = 1; k <= 5 && i - k >= floor; k++) {
    const w = tokens.words[i - k] as string;
    if (!spaceBefore(tokens, i - k + 1)) return undefined;
    if (isYear(w)) return { first: i - k, last: i, type: 'Event' };
    if (!ELECTION_ADJECTIVES.test(w) && !(isNameWord(w) && !isWeak(w))) return undefined;
  }
  return undefined;
};

/** Words that end a meeting's name ("Ignite Summit", "Sales Kickoff"); the product recogniser reads them too. */
export const MEETING_HEADS: readonly string[] = [
  'Conference',
  'Summit',
  'Expo',
  'Hackathon',
  'Symposium',
  'Con',
  'Convention',
  'Fest',
  'Webinar',
  'Meetup',
  'Gala',
  'Bootcamp',
  'Kickoff',
  'Workshop',
];

/**
 * Heads of a meeting's name too common alone ("Board Meeting", "Shark Week", "The Late Show"): they
 * need two words of name before them ("Annual Shareholders Meeting", "Tokyo Game Show", "London
 * Fashion Week").
 */
const LONG_MEETING_HEADS: readonly string[] = ['Meeting', 'Show', 'Week'];
/** Heads that take their subject after "on": "International Conference on Machine Learning". */
const TOPIC_HEADS: ReadonlySet<string> = new Set(['Conference', 'Symposium', 'Workshop', 'Summit']);
/** Capitalised adjectives that belong to a meeting's name: "Annual Shareholders Meeting". */
const MEETING_ADJECTIVES: ReadonlySet<string> = new Set(
  'Annual International National Global Regional General Special Joint'.split(' '),
);

const natural = headRule('NaturalEvent');

/** Words near "<Name> Fire" that make it a wildfire, not a club ("Chicago Fire") or a company. */
const WILDFIRE_CONTEXT =
  /^(burn(s|ed|t|ing)?|acres|hectares|evacuat\w*|firefighters?|blaze|contain(ed|ment)|wildfires?|spread|destroy(ed|ing)?|scorched|smoke|flames|ignited|charred)$/;

/** Whether a sentence ends between tokens k and k + 1 (an end mark or a line break between them). */
function sentenceEndsAfter(tokens: Tokens, k: number): boolean {
  const gap = tokens.text.slice(tokens.ends[k] as number, tokens.starts[k + 1] as number);
  return /[.!?\n]/.test(gap);
}

/** A word of `context` within ten tokens of [first, last], in the same sentence. */
function nearWord(tokens: Tokens, first: number, last: number, context: RegExp): boolean {
  for (let k = first - 1; k >= 0 && first - k <= 10 && !sentenceEndsAfter(tokens, k); k--)
    if (context.test(tokens.words[k] as string)) return true;
  for (let k = last + 1; k < tokens.words.length && k - last <= 10 && !sentenceEndsAfter(tokens, k - 1); k++)
    if (context.test(tokens.words[k] as string)) return true;
  return false;
}

/** "the Palisades Fire burned 23,000 acres": a named fire, with a fire's words near it. */
const wildfire: Rule = (tokens, i, floor) => {
  const match = natural(tokens, i, floor);
  return match && nearWord(tokens, match.first, match.last, WILDFIRE_CONTEXT) ? match : undefined;
};
const sports = headRule('SportsEvent', { yearAfter: true });
const meetingOptions = { yearAfter: true, connectors: MEETING_CONNECTORS, keep: MEETING_ADJECTIVES };
const namedMeeting = headRule('Event', meetingOptions);
// Three words of name at most: a headline in title case runs on ("Another Successful New York Fashion Week").
const longMeetingName = headRule('Event', { ...meetingOptions, minWords: 2, maxWords: 3 });
/** How often a meeting recurs, which names a routine, not an event: "Weekly Team Meeting". */
const RECURRENCE = /^(?:Daily|Weekly|Biweekly|Bi-weekly|Fortnightly|Monthly|Quarterly|Yearly)$/;
/** Not a routine, nor a date ("Videos This Week", "NBC Today Show": a weak word before the head). */
const longMeeting: Rule = (tokens, i, floor) => {
  if (isWeak(tokens.words[i - 1] ?? 'The')) return undefined;
  const match = longMeetingName(tokens, i, floor);
  return match && !RECURRENCE.test(tokens.words[match.first] as string) ? match : undefined;
};

/** The last token of a meeting's subject after its head: "Conference on Machine Learning" ("on" at i + 1). */
function topicAfter(tokens: Tokens, i: number): number | undefined {
  if (!TOPIC_HEADS.has(tokens.words[i] as string) || tokens.words[i + 1] !== 'on') return undefined;
  if (!spaceBefore(tokens, i + 1) || !spaceBefore(tokens, i + 2)) return undefined;
  return nameAfter(tokens, i + 2, 4);
}

/**
 * "Ignite Summit 2025", "Sales Kickoff"; with its subject, "International Conference on Machine
 * Learning", where the name before the head may be adjectives alone.
 */
const meeting: Rule = (tokens, i, floor) => {
  const topic = topicAfter(tokens, i);
  if (topic === undefined) return namedMeeting(tokens, i, floor);
  let first = i;
  while (
    first - 1 >= floor &&
    MEETING_ADJECTIVES.has(tokens.words[first - 1] as string) &&
    spaceBefore(tokens, first)
  )
    first--;
  return {
    first: nameBefore(tokens, i, floor, 5, MEETING_CONNECTORS, MEETING_ADJECTIVES) ?? first,
    last: topic,
    type: 'Event',
  };
};
const cultural = headRule('CulturalEvent', { yearAfter: true });
const conflict = headRule('Event');

/**
 * First words of a name before "Tour" that make it no concert tour: a kind of visit ("Guided Tour",
 * "Grand Tour") or a golf or tennis circuit, an organisation ("PGA Tour", "European Tour").
 */
const NOT_CONCERT_TOURS = new Set(
  'Grand Walking Guided City Bus Virtual Magical Mystery Factory PGA LPGA ATP WTA European Asian Champions'.split(
    ' ',
  ),
);

/** "the Eras Tour", "Renaissance World Tour": a concert tour. */
const concertTour: Rule = (tokens, i, floor) => {
  const match = cultural(tokens, i, floor);
  return match && !NOT_CONCERT_TOURS.has(tokens.words[match.first] as string) ? match : undefined;
};

/** Trigger word -> rule. Looked up once per token, so the scan stays linear. */
export const EVENT_RULES: ReadonlyMap<string, Rule> = new Map<string, Rule>([
  ['Hurricane', stormRule(1)],
  ['Typhoon', stormRule(1)],
  ['Cyclone', stormRule(1)],
  ['Storm', stormRule(1)],
  ['Tropical', stormRule(2)],
  ['Super', stormRule(2)],
  ['Battle', ofRule('Event')],
  ['Siege', ofRule('Event')],
  ['War', conflict],
  ['Wars', conflict],
  ['Revolution', conflict],
  ['Uprising', conflict],
  ...[
    'earthquake',
    'Earthquake',
    'tsunami',
    'Tsunami',
    'eruption',
    'Eruption',
    'floods',
    'Floods',
    'flood',
    'Flood',
  ]
    .concat([
      'wildfire',
      'wildfires',
      'Wildfire',
      'Wildfires',
      'bushfires',
      'Bushfires',
      'heatwave',
      'Heatwave',
    ])
    .concat(['blizzard', 'Blizzard', 'landslide', 'mudslide', 'drought', 'Drought'])
    .map((w): [string, Rule] => [w, natural]),
  ['Fire', wildfire],
  ['Festival', (t, i, f) => ofRule('CulturalEvent')(t, i, f) ?? cultural(t, i, f)],
  ['Biennale', cultural],
  ['Biennial', cultural],
  ['Triennale', cultural],
  ['Triennial', cultural],
  ['Awards', cultural],
  ['Carnival', cultural],
  ['Parade', cultural],
  ['Tour', concertTour],
  ...[
    'Cup',
    'Championship',
    'Championships',
    'Marathon',
    'Tournament',
    'Derby',
    'Regatta',
    'Olympiad',
    'Invitational',
    'Olympics',
    'Paralympics',
  ].map((w): [string, Rule] => [w, sports]),
  ['Prix', (t, i, f) => (t.words[i - 1] === 'Grand' ? sports(t, i, f) : undefined)],
  ...MEETING_HEADS.map((w): [string, Rule] => [w, meeting]),
  ...LONG_MEETING_HEADS.map((w): [string, Rule] => [w, longMeeting]),
  ['election', electionRule],
  ['elections', electionRule],
  ['Election', electionRule],
]);

/**
 * Heads too common to trust in running text but safe inside a span the model already tagged MISC:
 * "Canadian Open", "Atlanta Games", "Toshiba Classic", "Tour of Switzerland", "Grand Slam".
 */
export const SPAN_RULES: ReadonlyMap<string, Rule> = new Map<string, Rule>([
  ...[
    'Open',
    'Classic',
    'Games',
    'Olympics',
    'Rally',
    'Masters',
    'Series',
    'Stakes',
    'Trophy',
    'Slam',
    'Challenge',
  ].map((w): [string, Rule] => [w, sports]),
  ['Tour', ofRule('SportsEvent')],
]);
