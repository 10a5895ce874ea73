/**
 * Holidays: on a fixed date ("Christmas", "New Year's Day", "Halloween", "Independence Day") or on a
 * weekday of a month ("Thanksgiving", "Mother's Day", "Labor Day"), as Recognizers-Text resolves them;
 * and those that move with Thanksgiving or Easter ("Black Friday", "Good Friday"), which it finds but
 * leaves unresolved (or resolves to one fixed day, November 27 for Black Friday): here each year's day.
 */
import { type Day, formatDay, pad } from './calendar.ts';
import { raw, tight, word } from './cursor.ts';
import { MOVABLE_HOLIDAYS, movableHoliday } from './movable-holidays.ts';
import { nthWeekday } from './nth-weekday.ts';
import type { Rule, Scan, StartRule, Temporal } from './temporal.ts';
import { yearAt } from './dates.ts';
import { aroundToday, dateOf, temporal, yearlessDays } from './values.ts';

/** Holiday name (its words, space-joined; "'s" kept as a word) → month and day. */
const HOLIDAYS: ReadonlyMap<string, readonly [number, number]> = new Map([
  ['christmas', [12, 25]],
  ['new year', [1, 1]],
  ['christmas day', [12, 25]],
  ['christmas eve', [12, 24]],
  ['xmas', [12, 25]],
  ['new year s day', [1, 1]],
  ['new year s eve', [12, 31]],
  ['new years eve', [12, 31]],
  ['halloween', [10, 31]],
  ['valentine s day', [2, 14]],
  ['independence day', [7, 4]],
  ['boxing day', [12, 26]],
  ['veterans day', [11, 11]],
  ['juneteenth', [6, 19]],
  ['earth day', [4, 22]],
  ['groundhog day', [2, 2]],
]);
/**
 * Holiday name → month, ISO weekday and which of the month's weekdays, with Recognizers-Text's timex
 * (`XXXX-11-WXX-4-4`). Memorial Day is the fourth Monday of May there, not the last, and so here.
 */
const WEEKDAY_HOLIDAYS: ReadonlyMap<string, readonly [number, number, number]> = new Map([
  ['thanksgiving', [11, 4, 4]],
  ['thanksgiving day', [11, 4, 4]],
  ['mother s day', [5, 7, 2]],
  ['mothers day', [5, 7, 2]],
  ['father s day', [6, 7, 3]],
  ['fathers day', [6, 7, 3]],
  ['memorial day', [5, 1, 4]],
  ['labor day', [9, 1, 1]],
  ['labour day', [9, 1, 1]],
  ['martin luther king day', [1, 1, 3]],
  ['mlk day', [1, 1, 3]],
  ['presidents day', [2, 1, 3]],
  ['president s day', [2, 1, 3]],
  ['columbus day', [10, 1, 2]],
]);

/** Names a movable holiday begins that are no day: "the Good Friday Agreement", "Easter Island", "an easter egg". */
const NOT_A_DAY_AFTER = /^(?:agreement|accords?|island|rising|uprising|offensive|parade|bunny|eggs?)$/;

const FIRST_WORDS: ReadonlySet<string> = new Set(
  [...HOLIDAYS.keys(), ...WEEKDAY_HOLIDAYS.keys(), ...MOVABLE_HOLIDAYS.keys()].map((k) => k.split(' ')[0]!),
);
/**
 * Names that are a holiday in lower case too ("merry christmas", "for thanksgiving"), as the reference
 * reads them: one word no other sense has, or a name ending in "day" or "eve"; not "new year" ("a new
 * year of growth").
 */
function lowerCaseHoliday(key: string): boolean {
  return /^(?:christmas|xmas|halloween|thanksgiving)$/.test(key) || / (?:day|eve)$/.test(key);
}

/** The longest holiday name starting at `i` (apostrophes are skipped). */
const holiday: Rule = (s, i) => {
  if (!FIRST_WORDS.has(word(s, i))) return undefined;
  const capital = s.toks[i]!.capital;
  let best: { md: readonly [number, number]; i1: number } | undefined;
  let nth: { mwn: readonly [number, number, number]; i1: number } | undefined;
  let movable: { dayIn: (y: number) => Day; i1: number } | undefined;
  let key = '';
  for (let j = i; j < i + 5 && j < s.toks.length; j++) {
    const r = raw(s, j);
    // "Mother's Day": the "s" right after the apostrophe ("Mother' s day" is no name the reference reads).
    if (r === "'" || r === '\u2019') {
      if (!tight(s, j + 1)) break;
      continue;
    }
    key = key ? `${key} ${r}` : r;
    const dayIn = movableHoliday(key, capital);
    if (dayIn) movable = { dayIn, i1: j + 1 };
    if (!capital && !lowerCaseHoliday(key)) continue;
    const md = HOLIDAYS.get(key);
    if (md) best = { md, i1: j + 1 };
    const mwn = WEEKDAY_HOLIDAYS.get(key);
    if (mwn) nth = { mwn, i1: j + 1 };
  }
  // "Memorial Day weekend", "Thanksgiving weekend": the reference takes the word into the holiday's
  // span and resolves the holiday alone.
  const withWeekend = (i1: number): number => (word(s, i1) === 'weekend' ? i1 + 1 : i1);
  if (movable && (!best || movable.i1 > best.i1) && (!nth || movable.i1 > nth.i1))
    return movableHolidayAt(s, i, movable.i1, movable.dayIn, withWeekend);
  if (nth && (!best || nth.i1 > best.i1)) {
    const [m, wd, n] = nth.mwn;
    const timex = `XXXX-${pad(m)}-WXX-${wd}-${n}`;
    const days = aroundToday(s.today, (y) => nthWeekday(y, m, wd, n)!);
    return dateOf(i, withWeekend(nth.i1), { timex, days });
  }
  if (!best) return undefined;
  const [m, d] = best.md;
  // "Christmas Day 2021": the holiday of that year, as Recognizers-Text reads it.
  const y = yearAt(s, best.i1);
  if (y !== undefined)
    return dateOf(i, best.i1 + 1, { timex: `${pad(y, 4)}-${pad(m)}-${pad(d)}`, days: [{ y, m, d }] });
  const days = yearlessDays(s.today, m, d);
  return days ? dateOf(i, withWeekend(best.i1), { timex: `XXXX-${pad(m)}-${pad(d)}`, days }) : undefined;
};

/**
 * A movable holiday: this year's and the next, or last year's and this (as a fixed one), each with
 * its own day as timex, since no timex pattern names "the day after Thanksgiving"; with a year after
 * it, that year's ("Easter 2027").
 */
function movableHolidayAt(
  s: Scan,
  i: number,
  i1: number,
  dayIn: (y: number) => Day,
  withWeekend: (i1: number) => number,
): Temporal | undefined {
  if (s.toks[i1] && NOT_A_DAY_AFTER.test(word(s, i1))) return undefined;
  // "a nor'easter": the end of another word.
  if (i > 0 && tight(s, i) && /[\p{L}'\u2019]$/u.test(raw(s, i - 1))) return undefined;
  const y = yearAt(s, i1);
  const days = y !== undefined ? [dayIn(y)] : aroundToday(s.today, dayIn);
  const values = days.map((d) => {
    const value = formatDay(d);
    return { timex: value, value };
  });
  return temporal(i, y !== undefined ? i1 + 1 : withWeekend(i1), 'Date', values);
}

export const HOLIDAY_RULES: readonly StartRule[] = [{ rule: holiday, on: { words: [...FIRST_WORDS] } }];
