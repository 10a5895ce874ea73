/**
 * "between 8 and 10 tomorrow", "from 9 to 11 tomorrow evening", "between 9 and 5 on Friday": two bare
 * hours (no am/pm) before a day are a range of clock times on that day, one DateTimeRange, as
 * Recognizers-Text reads them (`(2026-12-08T08,2026-12-08T10,PT2H)`). Two departures, each a reading the
 * reference gets wrong: a part of the day after the day ("tomorrow morning", "Friday afternoon") is in
 * the span and puts the hours in its half of the day, where the reference leaves it out as a TimeRange
 * of its own; and a second hour below the first ("between 9 and 5") is in the afternoon (`T09` to
 * `T17`), where the reference gives `T05` and a negative duration.
 */
import { formatDay, pad } from './calendar.ts';
import { int, raw, word } from './cursor.ts';
import type { Resolution, Scan, Temporal } from './temporal.ts';
import { temporal } from './values.ts';

/** A part of a day as the relative rules write it: `2026-12-08TMO`, `XXXX-WXX-5TAF`. */
const ON_DAY_PART = /^(.+)T(MO|AF|EV|NI)$/;

/** The days of `t` (a date, or a date and a part of it) and whether that part is after noon. */
function daysOf(t: Temporal): { timex: string; days: string[]; afternoon?: boolean } | undefined {
  if (t.type === 'Date' && t.date) return { timex: t.date.timex, days: t.date.days.map(formatDay) };
  if (t.type !== 'DateTimeRange') return undefined;
  const m = ON_DAY_PART.exec(t.values[0]!.timex);
  if (!m || t.values.some((v) => v.timex !== t.values[0]!.timex || !v.start)) return undefined;
  return { timex: m[1]!, days: t.values.map((v) => v.start!.slice(0, 10)), afternoon: m[2] !== 'MO' };
}

/** A bare hour (a number token from 1 to 12) at `i`, or NaN. */
function bareHour(s: Scan, i: number): number {
  const h = int(s, i);
  return s.toks[i]?.kind === 'number' && h >= 1 && h <= 12 ? h : NaN;
}

/**
 * The range of two bare hours right before the day `t` ("between 8 and 10" + "tomorrow", "from 9 to 11"
 * + "on Friday"), from no earlier than token `floor`; undefined when the words before `t` are not one.
 */
export function hourRangeOnDay(s: Scan, t: Temporal, floor: number): Temporal | undefined {
  const day = daysOf(t);
  if (!day) return undefined;
  const h2At = word(s, t.i0 - 1) === 'on' ? t.i0 - 2 : t.i0 - 1;
  const lead = word(s, h2At - 3);
  const joint = raw(s, h2At - 1);
  if (h2At - 3 < floor || !(lead === 'between' ? joint === 'and' : lead === 'from' && joint === 'to'))
    return undefined;
  let h1 = bareHour(s, h2At - 2);
  let h2 = bareHour(s, h2At);
  if (Number.isNaN(h1) || Number.isNaN(h2)) return undefined;
  if (day.afternoon !== undefined) {
    // In the half of the day its part names: 2 and 4 in the afternoon are 14 and 16; 12 stays noon.
    if (day.afternoon) {
      if (h1 < 12) h1 += 12;
      if (h2 < 12) h2 += 12;
    } else {
      h1 %= 12;
      h2 %= 12;
    }
  } else if (h2 <= h1 && h2 < 12) h2 += 12; // "between 9 and 5": working hours
  if (h2 <= h1) return undefined;
  const timex = `(${day.timex}T${pad(h1)},${day.timex}T${pad(h2)},PT${h2 - h1}H)`;
  const values: Resolution[] = day.days.map((d) => ({
    timex,
    start: `${d} ${pad(h1)}:00:00`,
    end: `${d} ${pad(h2)}:00:00`,
  }));
  return temporal(h2At - 3, t.i1, 'DateTimeRange', values);
}
