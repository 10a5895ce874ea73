/**
 * A week or a day counted within a month: "the second week of January" (a DateRange, timex
 * `XXXX-01-W02`), "the last week of next month" (`2027-01-W05`), "first day of next month" (a Date).
 * Recognizers-Text reads the weeks so; it reads "the last day of June" as "the last day" (yesterday) and
 * June apart, and a year after the month not at all ("the first week of March 2025" is `XXXX-03-W01`):
 * here the day and the year count.
 */
import { addDays, addMonths, daysInMonth, formatDay, pad, weekday, type Day } from './calendar.ts';
import { word } from './cursor.ts';
import { yearAt } from './dates.ts';
import { MONTHS, ORDINAL_SUFFIXES, ORDINAL_WORDS } from './lexicon.ts';
import type { Rule, Scan, StartRule } from './temporal.ts';
import { dateOf, dayRange, temporal, yearlessMonthYears } from './values.ts';

/** A month named at a token: its number, the years it may be in, its timex (`XXXX-06`, `2027-01`). */
interface MonthRef {
  readonly m: number;
  readonly years: readonly number[];
  readonly timex: string;
  /** The token after its name. */
  readonly next: number;
}

const MONTH_OFFSETS: ReadonlyMap<string, number> = new Map([
  ['this', 0],
  ['next', 1],
  ['last', -1],
  ['previous', -1],
]);

/** "<month> [year]" or "this|next|last month" at token `j`. */
function monthAt(s: Scan, j: number): MonthRef | undefined {
  const m = MONTHS.get(word(s, j));
  if (m !== undefined) {
    const y = yearAt(s, j + 1);
    if (y !== undefined) return { m, years: [y], timex: `${pad(y, 4)}-${pad(m)}`, next: j + 2 };
    return { m, years: yearlessMonthYears(s.today, m), timex: `XXXX-${pad(m)}`, next: j + 1 };
  }
  const offset = MONTH_OFFSETS.get(word(s, j));
  if (offset === undefined || word(s, j + 1) !== 'month') return undefined;
  const first = addMonths({ y: s.today.y, m: s.today.m, d: 1 }, offset);
  return { m: first.m, years: [first.y], timex: `${pad(first.y, 4)}-${pad(first.m)}`, next: j + 2 };
}

/**
 * The count at token `j`: "second" or "2nd" (1–5), "last" (5, as Recognizers-Text writes the last
 * week), with the token after it.
 */
function countAt(s: Scan, j: number): { n: number; next: number } | undefined {
  const w = word(s, j);
  if (w === 'last') return { n: 5, next: j + 1 };
  const n = ORDINAL_WORDS.get(w);
  if (n !== undefined) return n <= 5 ? { n, next: j + 1 } : undefined;
  const t = s.toks[j];
  const suffix = s.toks[j + 1];
  if (t?.kind !== 'number' || !suffix || suffix.start !== t.end || !ORDINAL_SUFFIXES.has(word(s, j + 1)))
    return undefined;
  return t.value >= 1 && t.value <= 5 ? { n: t.value, next: j + 2 } : undefined;
}

/**
 * The Monday that starts week `n` of a month: the month's first Monday and the weeks after it; the
 * last week (5) starts on its last Monday.
 */
function weekStart(y: number, m: number, n: number): Day {
  if (n === 5) {
    const last = { y, m, d: daysInMonth(y, m) };
    return addDays(last, -((weekday(last) + 6) % 7));
  }
  const first = { y, m, d: 1 };
  return addDays(first, ((8 - weekday(first)) % 7) + 7 * (n - 1));
}

/** "[the] <nth> week of <month>": a DateRange from the week's Monday to the next. */
const weekOfMonth: Rule = (s, i) => {
  const the = word(s, i) === 'the' ? 1 : 0;
  const count = countAt(s, i + the);
  if (!count || word(s, count.next) !== 'week' || word(s, count.next + 1) !== 'of') return undefined;
  const month = monthAt(s, count.next + 2);
  if (!month) return undefined;
  const timex = `${month.timex}-W${pad(count.n)}`;
  const values = month.years.map((y) => {
    const start = weekStart(y, month.m, count.n);
    return dayRange(timex, start, addDays(start, 7));
  });
  return temporal(i, month.next, 'DateRange', values);
};

/** "first|last day of <month>": a Date (without "the", as the reference draws the span). */
const dayOfMonth: Rule = (s, i) => {
  const which = word(s, i);
  if ((which !== 'first' && which !== 'last') || word(s, i + 1) !== 'day' || word(s, i + 2) !== 'of')
    return undefined;
  const month = monthAt(s, i + 3);
  if (!month) return undefined;
  const days = month.years.map((y) => ({
    y,
    m: month.m,
    d: which === 'first' ? 1 : daysInMonth(y, month.m),
  }));
  // The last day of a February without a year: the 28th or the 29th, no one timex.
  if (days.some((d) => d.d !== days[0]!.d)) return undefined;
  const timex = `${month.timex}-${formatDay(days[0]!).slice(8)}`;
  return dateOf(i, month.next, { timex, days });
};

export const WEEK_OF_MONTH_RULES: readonly StartRule[] = [
  { rule: weekOfMonth, on: { words: ['the', 'last', ...ORDINAL_WORDS.keys()], number: true } },
  { rule: dayOfMonth, on: { words: ['first', 'last'] } },
];
