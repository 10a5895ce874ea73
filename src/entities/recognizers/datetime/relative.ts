/**
 * Dates relative to the reference moment: "today", "tomorrow", "now", "last week", "this year", "next Monday",
 * "3 days ago", "in 3 days", "the past five years", "the weekend", "earlier this month".
 */
import { addDays, addMonths, dayOf, formatDay, isoWeek, mondayOf, pad, type Day } from './calendar.ts';
import { cardinal, raw, tight, vagueCount, word } from './cursor.ts';
import { BUSINESS_DAY, NUMBER_WORDS, UNITS, WEEKDAYS, WEAK_WEEKDAYS, type Unit } from './lexicon.ts';
import type { Resolution, Rule, Scan, StartRule, Temporal } from './temporal.ts';
import { dateOf, dayRange, durationTimex, monthRange, temporal, weekdayOfWeek, yearRange } from './values.ts';

const SINGLE_DAYS: ReadonlyMap<string, number> = new Map([
  ['today', 0],
  ['tomorrow', 1],
  ['yesterday', -1],
  ['tonite', 0],
  // Chat's "tmr" and "tmrw" (the reference reads "tmrw" as today, we as what it means).
  ['tmr', 1],
  ['tmrw', 1],
]);

/** Words for the reference moment itself (`PRESENT_REF`) or the recent past (`PAST_REF`). */
const NOW_WORDS: ReadonlyMap<string, string> = new Map([
  ['now', 'PRESENT_REF'],
  ['recently', 'PAST_REF'],
  ['previously', 'PAST_REF'],
  ['lately', 'PAST_REF'],
  ['formerly', 'PAST_REF'],
]);

/** last/next/this and their synonyms, as week offsets. */
const SHIFTS: ReadonlyMap<string, number> = new Map([
  ['last', -1],
  ['past', -1],
  ['previous', -1],
  ['next', 1],
  ['coming', 1],
  ['following', 1],
  ['this', 0],
  ['current', 0],
]);

function day(s: Scan, i0: number, i1: number, d: Day): Temporal {
  return dateOf(i0, i1, { timex: formatDay(d), days: [d] });
}

/** The calendar unit (week, month, quarter, year, weekend) around `today` shifted by `n` units. */
function unitPeriod(today: Day, unit: string, n: number): Resolution | undefined {
  switch (unit) {
    case 'week': {
      const mon = addDays(mondayOf(today), 7 * n);
      return dayRange(isoWeek(mon), mon, addDays(mon, 7));
    }
    case 'weekend': {
      const sat = addDays(mondayOf(today), 5 + 7 * n);
      return dayRange(`${isoWeek(sat)}-WE`, sat, addDays(sat, 2));
    }
    case 'month': {
      const first = addMonths({ y: today.y, m: today.m, d: 1 }, n);
      return monthRange(`${pad(first.y, 4)}-${pad(first.m)}`, first.y, first.m);
    }
    case 'quarter': {
      // Quarters counted from year 0, so shifting across a year boundary is one division.
      const q = today.y * 4 + Math.floor((today.m - 1) / 3) + n;
      const first = { y: Math.floor(q / 4), m: (q % 4) * 3 + 1, d: 1 };
      const end = addMonths(first, 3);
      return dayRange(`(${formatDay(first)},${formatDay(end)},P3M)`, first, end);
    }
    case 'year':
      return yearRange(today.y + n);
    case 'decade': {
      // "the past decade": the calendar decade before this one, as the .NET engine (Azure's) reads it;
      // the JS port finds the span and leaves it unresolved.
      const from = { y: Math.floor(today.y / 10) * 10 + 10 * n, m: 1, d: 1 };
      const to = { y: from.y + 10, m: 1, d: 1 };
      return dayRange(`(${formatDay(from)},${formatDay(to)},P10Y)`, from, to);
    }
    default:
      return undefined;
  }
}

/** "today", "yesterday", "tomorrow", "the day after tomorrow", "the day before yesterday". */
const singleDay: Rule = (s, i) => {
  const w = word(s, i);
  const n = SINGLE_DAYS.get(w);
  if (n !== undefined && w !== 'tonite') return day(s, i, i + 1, addDays(s.today, n));
  // "to this day", "on this day": today, as the reference reads it.
  if (w === 'this' && word(s, i + 1) === 'day') return day(s, i, i + 2, s.today);
  if (w === 'the' && word(s, i + 1) === 'day') {
    const rel = word(s, i + 2);
    const anchor = SINGLE_DAYS.get(word(s, i + 3));
    if (rel === 'after' && anchor === 1) return day(s, i, i + 4, addDays(s.today, 2));
    if (rel === 'before' && anchor === -1) return day(s, i, i + 4, addDays(s.today, -2));
    if (rel === 'before') return day(s, i, i + 3, addDays(s.today, -1));
  }
  if (
    w === 'the' &&
    (word(s, i + 1) === 'next' || word(s, i + 1) === 'following') &&
    word(s, i + 2) === 'day'
  ) {
    return day(s, i, i + 3, addDays(s.today, 1));
  }
  if (w === 'the' && word(s, i + 1) === 'previous' && word(s, i + 2) === 'day') {
    return day(s, i, i + 3, addDays(s.today, -1));
  }
  return undefined;
};

/**
 * "the week after next" (the week two weeks on), "the month before last", "the weekend after next": the
 * calendar unit two away. (The JS reference finds the span and resolves it to the current month, whatever
 * the unit; this is the value the words mean.)
 */
const twoAway: Rule = (s, i) => {
  if (word(s, i) !== 'the') return undefined;
  const unit = word(s, i + 1);
  const rel = word(s, i + 2);
  const anchor = word(s, i + 3);
  const n = rel === 'after' && anchor === 'next' ? 2 : rel === 'before' && anchor === 'last' ? -2 : 0;
  if (n === 0 || unit === 'quarter' || unit === 'decade') return undefined;
  const period = unitPeriod(s.today, unit, n);
  return period && temporal(i, i + 4, 'DateRange', [period]);
};

/** "for now", "every now and again", "Now, ..." and "now that" are not the moment itself. */
function nowIsTime(s: Scan, i: number): boolean {
  const before = word(s, i - 1);
  const after = raw(s, i + 1);
  if (before === 'for' || before === 'every' || before === 'until' || before === 'till' || before === 'from')
    return false;
  if (after === 'and') return false;
  return !(after === ',' && (i === 0 || /^[.!?"“]$/.test(raw(s, i - 1))));
}

/** "now", "right now", "at the moment", "recently". */
const nowWord: Rule = (s, i) => {
  const w = word(s, i);
  let ref = NOW_WORDS.get(w);
  let i1 = i + 1;
  if (w === 'right' && word(s, i + 1) === 'now') {
    ref = 'PRESENT_REF';
    i1 = i + 2;
  } else if (w === 'at' && word(s, i + 1) === 'the' && word(s, i + 2) === 'moment') {
    ref = 'PRESENT_REF';
    i1 = i + 3;
  } else if (w === 'as' && word(s, i + 1) === 'of' && word(s, i + 2) === 'now') {
    ref = 'PRESENT_REF';
    i1 = i + 3;
  } else if (w === 'at' && word(s, i + 1) === 'present') {
    ref = 'PRESENT_REF';
    i1 = i + 2;
  } else if (w === 'at' && word(s, i + 1) === 'this' && word(s, i + 2) === 'time') {
    ref = 'PRESENT_REF';
    i1 = i + 3;
  }
  if (ref === undefined) return undefined;
  if (w === 'now' && !nowIsTime(s, i)) return undefined;
  return temporal(i, i1, 'DateTime', [{ timex: ref, value: s.now }]);
};

/** Units in the plural after last/next: "the last months", "the coming weeks". */
const PLURAL_UNITS: ReadonlyMap<string, Unit['letter']> = new Map([
  ['days', 'D'],
  ['weeks', 'W'],
  ['months', 'M'],
  ['years', 'Y'],
]);

/**
 * "the last months", "the past weeks": one unit back to today; "the coming weeks", "the next months": one
 * unit on from tomorrow, as Recognizers-Text resolves them (`(2026-04-03,2026-05-03,P1M)`).
 */
function unitsAround(
  s: Scan,
  i0: number,
  i1: number,
  shift: number,
  letter: Unit['letter'],
): Temporal | undefined {
  const from = shift < 0 ? shiftedBy(s.today, -1, letter) : addDays(s.today, 1);
  const to = shift < 0 ? s.today : from && shiftedBy(from, 1, letter);
  if (!from || !to) return undefined;
  const timex = `(${formatDay(from)},${formatDay(to)},P1${letter})`;
  return temporal(i0, i1, 'DateRange', [dayRange(timex, from, to)]);
}

/**
 * "last week", "this year", "next month", "last quarter", "the weekend", "last Friday", "earlier this year",
 * "earlier in the year", "the coming weeks".
 */
const shifted: Rule = (s, i) => {
  let j = i;
  const lead = word(s, j);
  // earlier this year: January 1st up to today; later this year: July to the end.
  let part: 'earlier' | 'later' | undefined;
  if (lead === 'earlier' || lead === 'later') {
    part = lead;
    j++;
  }
  // "earlier in the year", "later in the month": as "earlier this year", "later this month".
  const inThe = part !== undefined && word(s, j) === 'in' && word(s, j + 1) === 'the' ? 1 : 0;
  const shift = inThe ? 0 : SHIFTS.get(word(s, j));
  j += inThe;
  if (shift === undefined) {
    if (part === undefined && lead === 'the' && word(s, i + 1) === 'weekend') {
      return temporal(i, i + 2, 'DateRange', [unitPeriod(s.today, 'weekend', 0)!]);
    }
    return undefined;
  }
  // Recognizers-Text reads "earlier this quarter" as "this quarter" alone.
  if (part !== undefined && (shift !== 0 || word(s, j + 1) === 'quarter')) return undefined;
  const unit = word(s, j + 1);
  const plural = part === undefined && shift !== 0 ? PLURAL_UNITS.get(unit) : undefined;
  if (plural) return unitsAround(s, i, j + 2, shift, plural);
  const wd = WEEKDAYS.get(unit);
  if (wd !== undefined && part === undefined && !WEAK_WEEKDAYS.has(unit) && word(s, j) !== 'past') {
    const d = weekdayOfWeek(s.today, wd, shift);
    return day(s, i, j + 2, d);
  }
  const unitName = unit === 'weekend' ? 'weekend' : unit === 'fortnight' ? '' : unit;
  const period = unitPeriod(s.today, unitName, shift);
  if (!period) return undefined;
  if (part === 'earlier' && unitName !== 'weekend') {
    return temporal(i, j + 2, 'DateRange', [
      { timex: period.timex, start: period.start, end: formatDay(s.today) },
    ]);
  }
  if (part === 'later' && unitName === 'year') {
    return temporal(i, j + 2, 'DateRange', [
      dayRange(period.timex, { y: s.today.y, m: 7, d: 1 }, { y: s.today.y + 1, m: 1, d: 1 }),
    ]);
  }
  // "later this week": tomorrow (today, on a Sunday) to the week's end; "later this month": its second half.
  if (part === 'later' && unitName === 'week') {
    const tomorrow = formatDay(addDays(s.today, 1));
    const start = tomorrow < period.end! ? tomorrow : formatDay(s.today);
    return temporal(i, j + 2, 'DateRange', [{ timex: period.timex, start, end: period.end }]);
  }
  if (part === 'later' && unitName === 'month') {
    return temporal(i, j + 2, 'DateRange', [
      { timex: period.timex, start: formatDay({ y: s.today.y, m: s.today.m, d: 16 }), end: period.end },
    ]);
  }
  if (part !== undefined) return undefined;
  return temporal(i, j + 2, 'DateRange', [period]);
};

export interface CountedUnit {
  readonly n: number;
  readonly unit: Unit;
  /** The token after the unit. */
  readonly next: number;
}

/** Several rules read a count at the same token in turn: the last answer is kept for the next asker. */
let countedScan: Scan | undefined;
let countedAt = -1;
let counted: CountedUnit | undefined;

/** A count and a calendar unit: "3 days", "two weeks", "a year", "a few hours"; the unit token index is returned. */
export function countedUnit(s: Scan, i: number): CountedUnit | undefined {
  if (countedScan !== s || countedAt !== i) {
    counted = readCountedUnit(s, i);
    countedScan = s;
    countedAt = i;
  }
  return counted;
}

function readCountedUnit(s: Scan, i: number): CountedUnit | undefined {
  const w = word(s, i);
  let n: number;
  let j: number;
  const vague = vagueCount(s, i);
  if (vague) {
    n = vague.n;
    j = vague.next;
  } else if (w === 'a' || w === 'an' || (w === 'another' && UNITS.has(word(s, i + 1)))) {
    // "another year" counts one, as the reference reads it; "another two years" is "two years".
    n = 1;
    j = i + 1;
  } else {
    const c = cardinal(s, i);
    if (!c) return undefined;
    n = c.value;
    j = i + c.len;
  }
  const at = unitAt(s, j);
  return at ? { n, unit: at.unit, next: at.next } : undefined;
}

/**
 * The calendar unit at token `j` and the token after it: "days", "hrs", "business days" (`P3BD`, as the
 * .NET engine writes it); "10h" and "5 h" are hours, but "2h30" is a time of day, as the reference reads it.
 * `plural`: whether the unit's last word is written in the plural.
 */
export function unitAt(s: Scan, j: number): { unit: Unit; next: number; plural: boolean } | undefined {
  const name = word(s, j);
  if (name === 'business' && (word(s, j + 1) === 'days' || word(s, j + 1) === 'day')) {
    return { unit: BUSINESS_DAY, next: j + 2, plural: word(s, j + 1) === 'days' };
  }
  if (name === 'h' && s.toks[j + 1]?.kind === 'number' && tight(s, j + 1)) return undefined;
  const unit = UNITS.get(name);
  return unit ? { unit, next: j + 1, plural: name.endsWith('s') } : undefined;
}

/** The day `n` units from today, within the calendar's years 1-9999 ("5,000 years ago" has no date). */
function shiftDay(today: Day, n: number, unit: Unit): Day | undefined {
  if (unit.time) return undefined;
  const k = n * unit.factor;
  if (!Number.isInteger(k)) return undefined;
  const day = shiftedBy(today, k, unit.letter);
  return day && day.y >= 1 && day.y <= 9999 ? day : undefined;
}

function shiftedBy(today: Day, k: number, letter: Unit['letter']): Day | undefined {
  switch (letter) {
    case 'D':
      return addDays(today, k);
    case 'W':
      return addDays(today, 7 * k);
    case 'M':
      return addMonths(today, k);
    case 'Y':
      return addMonths(today, 12 * k);
    default:
      return undefined;
  }
}

/** The reference moment shifted by `seconds`: timex `2026-05-03T09:00:00`, value `2026-05-03 09:00:00`. */
function moment(s: Scan, seconds: number): { timex: string; value: string } | undefined {
  const ms = Date.parse(`${s.now.replace(' ', 'T')}Z`) + seconds * 1000;
  if (!Number.isFinite(ms) || Math.abs(seconds) > 3e10) return undefined;
  const at = new Date(ms).toISOString();
  return { timex: `${at.slice(0, 10)}T${at.slice(11, 19)}`, value: `${at.slice(0, 10)} ${at.slice(11, 19)}` };
}

/** Whether tokens j..j+2 read "and a half" ("two and a half hours", "an hour and a half"). */
export function andAHalfAt(s: Scan, j: number): boolean {
  return word(s, j) === 'and' && word(s, j + 1) === 'a' && word(s, j + 2) === 'half';
}

/** "six and a half months ago": the count and its unit, the half left out, as the reference reads it. */
function countedUnitAndAHalf(s: Scan, i: number): CountedUnit | undefined {
  const c = cardinal(s, i);
  if (!c || !andAHalfAt(s, i + c.len)) return undefined;
  const at = unitAt(s, i + c.len + 3);
  return at ? { n: c.value, unit: at.unit, next: at.next } : undefined;
}

/** The days a count of days, weeks, months or years runs from: "10 days from today", "a week from tomorrow". */
const FROM_DAYS: ReadonlyMap<string, number> = new Map([
  ['today', 0],
  ['tomorrow', 1],
  ['yesterday', -1],
]);

/**
 * "3 days ago", "two weeks later", "two weeks from now", "in 3 days", "six and a half months ago", "10 days
 * from today", "in an hour and a half" (the reference's span; it leaves the half hour out of the value).
 * From tomorrow or yesterday the count runs from that day, and a year from today is the same day next
 * year: the JS reference resolves days so ("three days from tomorrow") but not weeks or years ("two
 * weeks from tomorrow" is 13 days on there, "a year from today" tomorrow).
 */
const offsetDay: Rule = (s, i) => {
  const lead = word(s, i);
  const inForm = lead === 'in';
  const c = countedUnit(s, inForm ? i + 1 : i) ?? (inForm ? undefined : countedUnitAndAHalf(s, i));
  if (!c) return undefined;
  let sign = 0;
  let from = 0;
  let i1 = c.next;
  let n = c.n;
  if (inForm) {
    sign = 1;
    // "in an hour and a half": the half hour counts (a moment, so hours and minutes only).
    if (c.unit.time && andAHalfAt(s, c.next)) {
      n += 0.5;
      i1 += 3;
    }
  } else if (word(s, c.next) === 'ago' || word(s, c.next) === 'earlier') {
    sign = -1;
    i1++;
  } else if (word(s, c.next) === 'later' || word(s, c.next) === 'hence') {
    sign = 1;
    i1++;
  } else if (word(s, c.next) === 'from' && word(s, c.next + 1) === 'now') {
    sign = 1;
    i1 += 2;
  } else if (word(s, c.next) === 'from' && FROM_DAYS.has(word(s, c.next + 1)) && !c.unit.time) {
    sign = 1;
    from = FROM_DAYS.get(word(s, c.next + 1))!;
    i1 += 2;
  }
  if (sign === 0) return undefined;
  // A count with a half in it is a moment (hours or minutes), never a day.
  const d = n === c.n ? shiftDay(from === 0 ? s.today : addDays(s.today, from), sign * n, c.unit) : undefined;
  if (!d) {
    if (!c.unit.time) return undefined;
    // "3 hours ago", "in 43 hours": a moment.
    const at = moment(s, sign * n * c.unit.seconds * c.unit.factor);
    return at ? temporal(i, i1, 'DateTime', [{ timex: at.timex, value: at.value }]) : undefined;
  }
  if (inForm && c.unit.letter !== 'D') {
    // "in 3 weeks" is a duration in Recognizers-Text; only days resolve to a date.
    return undefined;
  }
  return day(s, i, i1, d);
};

/** "the past five years", "last three months", "next two weeks" (span without "the"). */
const lastN: Rule = (s, i) => {
  const shift = SHIFTS.get(word(s, i));
  if (shift === undefined || shift === 0) return undefined;
  const c = countedUnit(s, i + 1);
  if (!c || word(s, i + 1) === 'a' || word(s, i + 1) === 'an') return undefined;
  const timexDur = durationTimex(c.n * c.unit.factor, c.unit.letter, c.unit.time);
  if (c.unit.time) {
    // "the last 24 hours": from the moment that long ago (or now) to now (or that long ahead).
    const far = moment(s, shift * c.n * c.unit.seconds * c.unit.factor);
    const here = moment(s, 0);
    if (!far || !here) return undefined;
    const [a, b] = shift < 0 ? [far, here] : [here, far];
    const timex = `(${a.timex},${b.timex},${timexDur})`;
    return temporal(i, c.next, 'DateTimeRange', [{ timex, start: a.value, end: b.value }]);
  }
  // "the past two decades": whole calendar decades, as the .NET engine (Azure's) reads them: the last
  // two before this one, or from the next one on.
  if (c.unit.letter === 'Y' && c.unit.factor === 10) {
    const thisDecade = Math.floor(s.today.y / 10) * 10;
    const from = { y: shift < 0 ? thisDecade - 10 * c.n : thisDecade + 10, m: 1, d: 1 };
    const to = { y: from.y + 10 * c.n, m: 1, d: 1 };
    return temporal(i, c.next, 'DateRange', [
      dayRange(`(${formatDay(from)},${formatDay(to)},${timexDur})`, from, to),
    ]);
  }
  const far = shiftDay(s.today, shift * c.n, c.unit);
  if (!far) return undefined;
  const [a, b] = shift < 0 ? [far, s.today] : [addDays(s.today, 1), addDays(far, 1)];
  return temporal(i, c.next, 'DateRange', [dayRange(`(${formatDay(a)},${formatDay(b)},${timexDur})`, a, b)]);
};

/**
 * "weekend trip", "Enjoy your weekend!": the word alone is this week's weekend, as the reference reads it
 * and as Azure answered for "a ride around town or weekend trip" (DateRange "weekend"). Rules starting
 * earlier ("this weekend", "every weekend", "Memorial Day weekend") take the longer span. Not after "a"
 * ("a weekend break": the reference's reading, a week's duration, is no date either).
 */
const bareWeekend: Rule = (s, i) =>
  word(s, i) === 'weekend' && word(s, i - 1) !== 'a'
    ? temporal(i, i + 1, 'DateRange', [unitPeriod(s.today, 'weekend', 0)!])
    : undefined;

/** The tokens a count can start on ("3", "1.5", "three", "a"). */
export const COUNT_STARTS = {
  words: ['a', 'an', 'another', 'several', 'few', 'couple', ...NUMBER_WORDS.keys()],
  number: true,
  compound: true,
} as const;

export const RELATIVE_RULES: readonly StartRule[] = [
  { rule: singleDay, on: { words: ['today', 'tomorrow', 'yesterday', 'tmr', 'tmrw', 'the', 'this'] } },
  { rule: twoAway, on: { words: ['the'] } },
  { rule: nowWord, on: { words: [...NOW_WORDS.keys(), 'right', 'at', 'as'] } },
  { rule: shifted, on: { words: ['earlier', 'later', 'the', ...SHIFTS.keys()] } },
  { rule: offsetDay, on: { ...COUNT_STARTS, words: ['in', ...COUNT_STARTS.words] } },
  { rule: lastN, on: { words: [...SHIFTS.keys()] } },
  { rule: bareWeekend, on: { words: ['weekend'] } },
];

export { dayOf };
