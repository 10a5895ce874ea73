/** A weekday counted within a month: "the fourth Thursday of November", "the last Friday in May 2025". */
import { addDays, daysInMonth, pad, weekday, type Day } from './calendar.ts';
import { word } from './cursor.ts';
import { yearAt } from './dates.ts';
import { MONTHS, ORDINAL_WORDS, WEEKDAYS } from './lexicon.ts';
import type { Rule, StartRule } from './temporal.ts';
import { dateOf, yearlessMonthYears } from './values.ts';

/** The `n`-th `wd` (ISO weekday) of month `m` in year `y` (`n` 5: the last), or undefined past the month's end. */
export function nthWeekday(y: number, m: number, wd: number, n: number): Day | undefined {
  if (n === 5) {
    const last = { y, m, d: daysInMonth(y, m) };
    return addDays(last, -((weekday(last) - wd + 7) % 7));
  }
  const d = 1 + ((wd - weekday({ y, m, d: 1 }) + 7) % 7) + 7 * (n - 1);
  return d <= daysInMonth(y, m) ? { y, m, d } : undefined;
}

/**
 * "[the] first|second|third|fourth|last <weekday> of|in <month> [year]": a Date with Recognizers-Text's
 * timex `XXXX-11-WXX-4-#4` (the last one is `#5`, as the reference writes it); without a year the one
 * of this year and the next, or of last year and this, as for a month alone.
 */
const nthWeekdayOfMonth: Rule = (s, i) => {
  const the = word(s, i) === 'the' ? 1 : 0;
  const nth = word(s, i + the);
  const n = nth === 'last' ? 5 : ORDINAL_WORDS.get(nth);
  if (n === undefined || (n > 4 && nth !== 'last')) return undefined;
  const wd = WEEKDAYS.get(word(s, i + the + 1));
  const of = word(s, i + the + 2);
  const m = MONTHS.get(word(s, i + the + 3));
  if (wd === undefined || (of !== 'of' && of !== 'in') || m === undefined) return undefined;
  const y = yearAt(s, i + the + 4);
  const years = y !== undefined ? [y] : yearlessMonthYears(s.today, m);
  const days = years.map((year) => nthWeekday(year, m, wd, n));
  if (days.some((d) => d === undefined)) return undefined;
  const timex = `${y !== undefined ? pad(y, 4) : 'XXXX'}-${pad(m)}-WXX-${wd}-#${n}`;
  return dateOf(i, i + the + (y !== undefined ? 5 : 4), { timex, days: days as Day[] });
};

export const NTH_WEEKDAY_RULES: readonly StartRule[] = [
  { rule: nthWeekdayOfMonth, on: { words: ['the', 'last', ...ORDINAL_WORDS.keys()] } },
];
