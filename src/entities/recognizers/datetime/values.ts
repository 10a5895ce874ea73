/** Builders of temporals and the past/future choices Recognizers-Text makes for ambiguous dates. */
import {
  addDays,
  addMonths,
  compareDays,
  formatDay,
  isValidDay,
  mondayOf,
  pad,
  type Day,
} from './calendar.ts';
import type { DatePart, Resolution, Temporal, TemporalType, TimePart } from './temporal.ts';

export function temporal(
  i0: number,
  i1: number,
  type: TemporalType,
  values: readonly Resolution[],
  parts: { date?: DatePart; time?: TimePart } = {},
): Temporal {
  return { i0, i1, type, values, ...parts };
}

/**
 * A year period, "from 2009 to 2017" or "2009-2017": the first year's start to the second's, timex
 * `(2009-01-01,2017-01-01,P8Y)`, as Recognizers-Text's .NET engine (which Azure runs) resolves one; the JS
 * port returns the two years apart. Undefined unless the second year is later.
 */
export function yearPeriod(i0: number, i1: number, from: number, to: number): Temporal | undefined {
  if (to <= from) return undefined;
  const start = `${pad(from, 4)}-01-01`;
  const end = `${pad(to, 4)}-01-01`;
  return temporal(i0, i1, 'DateRange', [{ timex: `(${start},${end},P${to - from}Y)`, start, end }]);
}

/** A Date from its timex and one or two candidate days. */
export function dateOf(i0: number, i1: number, part: DatePart): Temporal {
  const values = part.days.map((d) => ({ timex: part.timex, value: formatDay(d) }));
  return temporal(i0, i1, 'Date', values, { date: part });
}

/** A day range [start, end) with its timex. */
export function dayRange(timex: string, start: Day, end: Day, mod?: string): Resolution {
  return mod
    ? { timex, start: formatDay(start), end: formatDay(end), mod }
    : { timex, start: formatDay(start), end: formatDay(end) };
}

export function yearRange(y: number): Resolution {
  return dayRange(pad(y, 4), { y, m: 1, d: 1 }, { y: y + 1, m: 1, d: 1 });
}

export function monthRange(timex: string, y: number, m: number): Resolution {
  const start = { y, m, d: 1 };
  return dayRange(timex, start, addMonths(start, 1));
}

/** "May 21" without a year: the last one on or before today and the next one after (RT's past, future). */
export function yearlessDays(today: Day, m: number, d: number): Day[] | undefined {
  if (!isValidDay(2024, m, d)) return undefined;
  return aroundToday(today, (y) => validIn(y, m, d));
}

/**
 * A yearly day (`dayIn(y)`, its day in year y) around today: this year's and next year's once this
 * year's is on or before today, else last year's and this year's.
 */
export function aroundToday(today: Day, dayIn: (y: number) => Day): Day[] {
  const thisYear = dayIn(today.y);
  return compareDays(thisYear, today) <= 0 ? [thisYear, dayIn(today.y + 1)] : [dayIn(today.y - 1), thisYear];
}

/** Month-day in year `y`; February 29 falls back to the 28th in common years. */
function validIn(y: number, m: number, d: number): Day {
  return isValidDay(y, m, d) ? { y, m, d } : { y, m, d: d - 1 };
}

/** A month without a year: RT offers this year's and next year's when it is before the current month. */
export function yearlessMonthYears(today: Day, m: number): [number, number] {
  return m < today.m ? [today.y, today.y + 1] : [today.y - 1, today.y];
}

/** A bare weekday: the one in the past (before today) and the one in the future (today or later). */
export function weekdayDays(today: Day, wd: number): Day[] {
  const inWeek = addDays(mondayOf(today), wd - 1);
  const c = compareDays(inWeek, today);
  return [c < 0 ? inWeek : addDays(inWeek, -7), c >= 0 ? inWeek : addDays(inWeek, 7)];
}

/** "last/this/next Friday": the Friday of the previous, current or next Monday-based week. */
export function weekdayOfWeek(today: Day, wd: number, weekOffset: number): Day {
  return addDays(mondayOf(today), wd - 1 + 7 * weekOffset);
}

/** A `PnX` timex: `P3D`, `PT2H`, `PT1.5H`. */
export function durationTimex(amount: number, letter: string, time: boolean): string {
  const n = Number.isInteger(amount) ? String(amount) : String(Number(amount.toFixed(6)));
  return `P${time ? 'T' : ''}${n}${letter}`;
}
