/** Word tables: month, weekday, number and unit names, all lower-case. */
import { NUMBER_WORDS as CARDINALS, ORDINAL_WORDS as ORDINALS } from '../quantity/number-words.ts';

export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1],
  ['jan', 1],
  ['february', 2],
  ['feb', 2],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['may', 5],
  ['june', 6],
  ['jun', 6],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sep', 9],
  ['sept', 9],
  ['october', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
]);

/** Month names that are also common words: alone they count only when capitalised (and "May" not at all). */
export const AMBIGUOUS_MONTHS: ReadonlySet<string> = new Set([
  'may',
  'march',
  'mar',
  'jan',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'feb',
  'apr',
]);

/** ISO weekday numbers (Monday 1). */
export const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ['monday', 1],
  ['mon', 1],
  ['tuesday', 2],
  ['tue', 2],
  ['tues', 2],
  ['wednesday', 3],
  ['wed', 3],
  ['thursday', 4],
  ['thu', 4],
  ['thur', 4],
  ['thurs', 4],
  ['friday', 5],
  ['fri', 5],
  ['saturday', 6],
  ['sat', 6],
  ['sunday', 7],
  ['sun', 7],
]);

/** Weekday abbreviations that are also words ("sun", "sat", "wed"): only with a full stop or a date after. */
export const WEAK_WEEKDAYS: ReadonlySet<string> = new Set([
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
]);

/** Number words up to "hundred" (shared with the Quantity recogniser; "zero" starts no date or duration). */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ...[...CARDINALS].filter(([, n]) => n > 0),
  ['hundred', 100],
]);

/** Ordinal words a day of the month can be ("first" to "thirty-first" as written words). */
export const ORDINAL_WORDS: ReadonlyMap<string, number> = new Map([...ORDINALS].filter(([, n]) => n <= 31));

/** Suffixes of numeric ordinals: 1st, 2nd, 3rd, 4th. */
export const ORDINAL_SUFFIXES: ReadonlySet<string> = new Set(['st', 'nd', 'rd', 'th']);

/** A duration unit: timex letter, whether it is a time (PT...) unit, how many of the letter one unit is, seconds. */
export interface Unit {
  readonly letter: 'Y' | 'M' | 'W' | 'D' | 'BD' | 'H' | 'S';
  readonly time: boolean;
  readonly factor: number;
  readonly seconds: number;
}

const unit = (letter: Unit['letter'], time: boolean, factor: number, seconds: number): Unit => ({
  letter,
  time,
  factor,
  seconds,
});
const YEAR = unit('Y', false, 1, 31_536_000);
const MONTH = unit('M', false, 1, 2_592_000);
const WEEK = unit('W', false, 1, 604_800);
const DAY = unit('D', false, 1, 86_400);
const HOUR = unit('H', true, 1, 3600);
const MINUTE = unit('M', true, 1, 60);
const SECOND = unit('S', true, 1, 1);

export const UNITS: ReadonlyMap<string, Unit> = new Map([
  ['year', YEAR],
  ['years', YEAR],
  ['yr', YEAR],
  ['yrs', YEAR],
  ['decade', unit('Y', false, 10, 315_360_000)],
  ['decades', unit('Y', false, 10, 315_360_000)],
  ['century', unit('Y', false, 100, 3_153_600_000)],
  ['centuries', unit('Y', false, 100, 3_153_600_000)],
  ['month', MONTH],
  ['months', MONTH],
  ['week', WEEK],
  ['weeks', WEEK],
  // Recognizers-Text resolves "a fortnight" to the timex "P12" (its value, 1209600 s, is right): P2W here.
  ['fortnight', unit('W', false, 2, 604_800)],
  ['fortnights', unit('W', false, 2, 604_800)],
  ['day', DAY],
  ['days', DAY],
  ['hour', HOUR],
  ['hours', HOUR],
  ['hrs', HOUR],
  ['hr', HOUR],
  ['h', HOUR],
  ['minute', MINUTE],
  ['minutes', MINUTE],
  ['min', MINUTE],
  ['mins', MINUTE],
  ['second', SECOND],
  ['seconds', SECOND],
  ['night', DAY],
  ['nights', DAY],
  ['sec', SECOND],
  ['secs', SECOND],
]);

/** "3 business days": the .NET engine's timex `P3BD`, a day of 86,400 s (its value is not a calendar date). */
export const BUSINESS_DAY: Unit = unit('BD', false, 1, 86_400);

/** Units only in hyphenated compounds: a "3-night" stay is three days. */
export const COMPOUND_UNITS: ReadonlyMap<string, Unit> = new Map([['night', DAY]]);

/** Parts of the day: timex suffix and clock range. */
export interface DayPart {
  readonly timex: 'MO' | 'AF' | 'EV' | 'NI';
  readonly start: string;
  readonly end: string;
}

export const DAY_PARTS: ReadonlyMap<string, DayPart> = new Map([
  ['morning', { timex: 'MO', start: '08:00:00', end: '12:00:00' }],
  ['afternoon', { timex: 'AF', start: '12:00:00', end: '16:00:00' }],
  ['evening', { timex: 'EV', start: '16:00:00', end: '20:00:00' }],
  ['night', { timex: 'NI', start: '20:00:00', end: '23:59:59' }],
]);

/** Seasons' timex codes. */
export const SEASONS: ReadonlyMap<string, string> = new Map([
  ['spring', 'SP'],
  ['summer', 'SU'],
  ['fall', 'FA'],
  ['autumn', 'FA'],
  ['winter', 'WI'],
]);

/** Recurrence adverbs: "daily" is `P1D`. */
export const SET_ADVERBS: ReadonlyMap<string, string> = new Map([
  ['daily', 'P1D'],
  ['everyday', 'P1D'],
  ['weekly', 'P1W'],
  ['monthly', 'P1M'],
  ['yearly', 'P1Y'],
  ['annually', 'P1Y'],
  ['annual', 'P1Y'],
  ['quarterly', 'P3M'],
  ['hourly', 'PT1H'],
  ['nightly', 'P1D'],
  ['biweekly', 'P2W'],
  ['bimonthly', 'P2M'],
  ['biannual', 'P6M'],
  ['semiannual', 'P6M'],
  ['semiannually', 'P6M'],
]);

/** What joins the two ends of a range: "Monday to Friday", "26-30 June" ("and" too after "between"). */
export const RANGE_JOINTS: ReadonlySet<string> = new Set([
  'to',
  'until',
  'till',
  'through',
  'thru',
  '-',
  '\u2013',
]);

/** Whether `joint` joins a range's two ends, "and" only after "between". */
export function joinsRange(joint: string, between: boolean): boolean {
  return RANGE_JOINTS.has(joint) || (between && joint === 'and');
}
