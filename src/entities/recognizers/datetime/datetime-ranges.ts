/**
 * "from january 3rd 6 AM to april 25th 8 PM": two date-times joined into one DateTimeRange, as
 * Recognizers-Text resolves it. A year written after the second end ("... 8 PM 2022") dates both ends, as
 * Azure documents this example (Recognizers-Text leaves that year out as a DateRange of its own).
 */
import { daysBetween, formatDay, pad, type Day } from './calendar.ts';
import type { DatePart, Resolution, Scan, Temporal, TimePart } from './temporal.ts';
import { temporal } from './values.ts';

/** One end of the range: its date (with its candidate days) and its clock time. */
export interface DateAndTime {
  readonly date: DatePart;
  readonly time: TimePart;
}

function seconds(clock: string): number {
  return Number(clock.slice(0, 2)) * 3600 + Number(clock.slice(3, 5)) * 60 + Number(clock.slice(6, 8));
}

/** `PT2702H`, `PT2701H30M`. */
function hoursTimex(secs: number): string {
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${!h && !m ? '0H' : ''}`;
}

/** A yearless month-day's candidate in year `y`. */
function inYear(days: readonly Day[], y: number): Day {
  return days.find((d) => d.y === y) ?? days[0]!;
}

/** Whether a date's timex is a yearless month and day (`XXXX-01-03`). */
function yearlessDay(d: DatePart): boolean {
  return /^XXXX-\d\d-\d\d$/.test(d.timex);
}

/** The range from `a` to `b` over tokens [i0, i1), or undefined when it runs backwards or a time is ambiguous. */
export function dateTimeRange(
  s: Scan,
  i0: number,
  i1: number,
  a: DateAndTime,
  b: DateAndTime,
  year?: number,
): Temporal | undefined {
  if (a.time.alt || b.time.alt) return undefined;
  let from: Day;
  let to: Day;
  let timexA = a.date.timex;
  let timexB = b.date.timex;
  if (year !== undefined) {
    if (!yearlessDay(a.date) || !yearlessDay(b.date)) return undefined;
    from = { ...a.date.days[0]!, y: year };
    to = { ...b.date.days[0]!, y: year };
    timexA = `${pad(year, 4)}${timexA.slice(4)}`;
    timexB = `${pad(year, 4)}${timexB.slice(4)}`;
  } else if (a.date.days.length > 1 && b.date.days.length > 1) {
    // Yearless dates resolve to this year, as Date ranges do.
    if (a.date.timex.includes('W') || b.date.timex.includes('W')) return undefined;
    from = inYear(a.date.days, s.today.y);
    to = inYear(b.date.days, s.today.y);
  } else {
    from = a.date.days[0]!;
    to = b.date.days[0]!;
  }
  const secs = daysBetween(from, to) * 86_400 + seconds(b.time.clock) - seconds(a.time.clock);
  if (secs <= 0) return undefined;
  const value: Resolution = {
    timex: `(${timexA}${a.time.timex},${timexB}${b.time.timex},${hoursTimex(secs)})`,
    start: `${formatDay(from)} ${a.time.clock}`,
    end: `${formatDay(to)} ${b.time.clock}`,
  };
  return temporal(i0, i1, 'DateTimeRange', [value]);
}
