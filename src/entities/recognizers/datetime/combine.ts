/**
 * Second pass over the atoms the rules found: a date and a time make a DateTime ("Friday at 6pm"), a date
 * and a part of the day a DateTimeRange ("Monday night"), two points joined by "from ... to" or "between
 * ... and" a range, "since/before/after/by/until X" a range with a modifier, and "the week of X" its week.
 */
import { addDays, compareDays, daysBetween, formatDay, isValidDay, weekday, type Day } from './calendar.ts';
import { int, raw, word } from './cursor.ts';
import { joinsRange, RANGE_JOINTS } from './lexicon.ts';
import type { DatePart, Resolution, Scan, Temporal, TimePart } from './temporal.ts';
import { dateTimeRange, type DateAndTime } from './datetime-ranges.ts';
import { bareHourWithDayPart, timeWithDayPart } from './day-part-times.ts';
import { hourRangeOnDay } from './hour-range-on-day.ts';
import { dayRange, temporal, yearPeriod } from './values.ts';

const DATE_TIME_GLUE: ReadonlySet<string> = new Set(['at', '@', ',', 'around', 'about']);
const TIME_DATE_GLUE: ReadonlySet<string> = new Set(['on', ',']);
const MODIFIERS: ReadonlyMap<string, string> = new Map([
  ['since', 'since'],
  ['before', 'before'],
  ['by', 'before'],
  ['until', 'before'],
  ['till', 'before'],
  ['after', 'after'],
]);

/** Tokens strictly between two atoms, as one lower-cased string ('' when adjacent). */
function gap(s: Scan, a: Temporal, b: Temporal): string | undefined {
  if (b.i0 - a.i1 > 1) return undefined;
  return b.i0 === a.i1 ? '' : raw(s, a.i1);
}

function dateTime(a: Temporal, b: Temporal, d: DatePart, time: TimePart): Temporal {
  // An ambiguous "6" or "9:30" gives both halves of the day on each candidate day, as RT does.
  const clocks = time.alt ? [time, time.alt] : [time];
  const values = d.days.flatMap((day) =>
    clocks.map((c) => ({ timex: `${d.timex}${c.timex}`, value: `${formatDay(day)} ${c.clock}` })),
  );
  return temporal(a.i0, b.i1, 'DateTime', values);
}

/** "Monday night": the part of the day on each candidate day. */
function dateDayPart(date: Temporal, part: Temporal): Temporal | undefined {
  const p = part.values[0]!;
  if (!p.start || !p.end || part.type !== 'TimeRange' || /^\(/.test(p.timex)) return undefined;
  const d = date.date!;
  return temporal(date.i0, part.i1, 'DateTimeRange', onEachDay(d, `${d.timex}${p.timex}`, p.start, p.end));
}

/** A range of clock times (`start`, `end`: "HH:MM:SS") on each candidate day of `d`, under one timex. */
function onEachDay(d: DatePart, timex: string, start: string, end: string): Resolution[] {
  return d.days.map((day) => {
    const f = formatDay(day);
    return { timex, start: `${f} ${start}`, end: `${f} ${end}` };
  });
}

const CLOCK_RANGE = /^\((T[\d:]+),(T[\d:]+),(PT\w+)\)$/;
/** What may join a time range and the date after it: "between 2 and 4 pm on Wednesday". */
const RANGE_DATE_GLUE: ReadonlySet<string> = new Set(['on', ',', '']);

/**
 * "between 2 and 4 pm on Wednesday", "Wednesday between 2 and 4 pm", "March 3 from 1 to 3pm": a range
 * of clock times on a date, one DateTimeRange on each candidate day as Recognizers-Text reads it
 * (`(XXXX-WXX-3T14,XXXX-WXX-3T16,PT2H)`).
 */
function timeRangeOnDate(a: Temporal, b: Temporal, g: string): Temporal | undefined {
  const [range, date] = a.type === 'TimeRange' ? [a, b] : [b, a];
  if (range.type !== 'TimeRange' || date.type !== 'Date' || !date.date) return undefined;
  if (range === a ? !RANGE_DATE_GLUE.has(g) : g !== '' && g !== ',') return undefined;
  const p = range.values[0]!;
  const m = CLOCK_RANGE.exec(p.timex);
  if (!m || !p.start || !p.end) return undefined;
  const d = date.date;
  const timex = `(${d.timex}${m[1]},${d.timex}${m[2]},${m[3]})`;
  return temporal(a.i0, b.i1, 'DateTimeRange', onEachDay(d, timex, p.start, p.end));
}

/** "Monday night", "every Monday at 6pm", "every Monday morning": a date or a set and what follows it. */
function partOfDayOrSet(a: Temporal, b: Temporal, g: string): Temporal | undefined {
  if (a.date && a.type === 'Date' && b.type === 'TimeRange' && g === '') return dateDayPart(a, b);
  if (a.type === 'Time' && a.time && b.type === 'SetTemporal' && g === '') return timeThenSet(a, b, a.time);
  if (a.type !== 'SetTemporal') return undefined;
  if (b.time && (g === 'at' || g === '')) return setAt(a, b, b.time.timex);
  if (b.type === 'TimeRange' && g === '' && !b.values[0]!.timex.startsWith('('))
    return setAt(a, b, b.values[0]!.timex);
  return undefined;
}

/** "every Monday at 6pm": the set's timex with the time appended. */
function setAt(set: Temporal, time: Temporal, timeTimex: string): Temporal | undefined {
  const timex = set.values[0]!.timex;
  if (!timex.startsWith('XXXX')) return undefined;
  return temporal(set.i0, time.i1, 'SetTemporal', [{ timex: `${timex}${timeTimex}`, value: 'not resolved' }]);
}

/** "every day", "each morning": a daily set, which a time before it makes that time every day. */
const DAILY_SET = /^(?:P1D|TMO|TAF|TEV|TNI)$/;

/**
 * "5 pm every Friday" (`XXXX-WXX-5T17`), "9am each day" (`T09`), "9:30 am every morning" (`T09:30`): a
 * time before a weekly or daily set, as Recognizers-Text resolves it.
 */
function timeThenSet(time: Temporal, set: Temporal, part: TimePart): Temporal | undefined {
  const timex = set.values[0]!.timex;
  if (DAILY_SET.test(timex))
    return temporal(time.i0, set.i1, 'SetTemporal', [{ timex: part.timex, value: 'not resolved' }]);
  if (!/^XXXX-WXX-\d$/.test(timex)) return undefined;
  return temporal(time.i0, set.i1, 'SetTemporal', [
    { timex: `${timex}${part.timex}`, value: 'not resolved' },
  ]);
}

/** `18:30:15` in seconds. */
function clockSeconds(clock: string): number {
  return Number(clock.slice(0, 2)) * 3600 + Number(clock.slice(3, 5)) * 60 + Number(clock.slice(6, 8));
}

function timeSpanTimex(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${!h && !m ? '0H' : ''}`;
}

/** One occurrence of a yearless range starting in year `y`, crossing into the next when it must. */
function occurrence(y: number, a: Day, b: Day): { from: Day; to: Day } | undefined {
  const from = { y, m: a.m, d: a.d };
  let to = { y, m: b.m, d: b.d };
  if (compareDays(to, from) <= 0) to = { ...to, y: y + 1 }; // "December 24 through January 2"
  return isValidDay(from.y, from.m, from.d) && isValidDay(to.y, to.m, to.d) ? { from, to } : undefined;
}

/**
 * "from May 1 to May 5", "from December 24 through January 2": month-days without a year. As
 * Recognizers-Text resolves them: the occurrence that holds today alone, else the last one before today
 * and the next one after it.
 */
function yearlessRange(s: Scan, i0: number, i1: number, a: DatePart, b: DatePart): Temporal | undefined {
  const today = s.today;
  const occurrences = [today.y - 1, today.y, today.y + 1]
    .map((y) => occurrence(y, a.days[0]!, b.days[0]!))
    .filter((o) => o !== undefined);
  const holding = occurrences.find((o) => compareDays(o.from, today) <= 0 && compareDays(today, o.to) < 0);
  const past = occurrences.filter((o) => compareDays(o.to, today) <= 0).at(-1);
  const next = occurrences.find((o) => compareDays(o.from, today) > 0);
  const chosen = holding ? [holding] : [past, next].filter((o) => o !== undefined);
  if (chosen.length === 0) return undefined;
  return temporal(
    i0,
    i1,
    'DateRange',
    chosen.map((o) => ({
      timex: `(${a.timex},${b.timex},P${daysBetween(o.from, o.to)}D)`,
      start: formatDay(o.from),
      end: formatDay(o.to),
    })),
  );
}

const MONTH_DAY = /^XXXX-(\d\d-\d\d)$/;
const FULL_DATE = /^(\d{4})-\d\d-\d\d$/;

/**
 * "between June 3 and June 7, 2025", "from June 3, 2025 to June 7": a month-day without a year takes
 * the other end's year, as Recognizers-Text reads it (one day each); a year's end without one runs into
 * the next ("from December 28, 2025 to January 3"). Undefined unless exactly one end has a year.
 */
function sharedYear(a: DatePart, b: DatePart): [DatePart, DatePart] | undefined {
  const aDay = MONTH_DAY.exec(a.timex)?.[1];
  const bDay = MONTH_DAY.exec(b.timex)?.[1];
  const aYear = FULL_DATE.exec(a.timex)?.[1];
  const bYear = FULL_DATE.exec(b.timex)?.[1];
  const fixed = (d: DatePart): DatePart => ({ timex: d.timex, days: [d.days[0]!] });
  if (aDay && bYear) {
    const to = b.days[0]!;
    const from = { ...a.days[0]!, y: to.y };
    const day = compareDays(from, to) < 0 ? from : { ...from, y: to.y - 1 };
    if (!isValidDay(day.y, day.m, day.d)) return undefined; // "February 29" in a common year
    return [{ timex: `${day.y}-${aDay}`, days: [day] }, fixed(b)];
  }
  if (aYear && bDay) {
    const from = a.days[0]!;
    const to = { ...b.days[0]!, y: from.y };
    const day = compareDays(from, to) < 0 ? to : { ...to, y: from.y + 1 };
    if (!isValidDay(day.y, day.m, day.d)) return undefined;
    return [fixed(a), { timex: `${day.y}-${bDay}`, days: [day] }];
  }
  return undefined;
}

/** The year of a bare-year atom ("2009": a DateRange with timex `2009`), or undefined. */
function bareYear(t: Temporal): number | undefined {
  if (t.type !== 'DateRange' || t.values.length !== 1) return undefined;
  const timex = t.values[0]!.timex;
  return /^\d{4}$/.test(timex) ? Number(timex) : undefined;
}

const YEAR_PERIOD = /^\(\d{4}-01-01,\d{4}-01-01,P\d+Y\)$/;
const DAY_PERIOD = /^\([X\d]{4}-\d\d-\d\d,[X\d]{4}-\d\d-\d\d,P\d+D\)$/;

/**
 * A range written as one atom takes the word that opens it, as the .NET engine's regexes do: a year
 * period with a dash its "from", "during" or "in" ("from 2009-2017", YearPeriodRegex), days of a month
 * their "from" or "between" ("from June 26 to 30", MonthFrontSimpleCasesRegex).
 */
function withRangeLead(s: Scan, t: Temporal): Temporal {
  if (t.type !== 'DateRange' || t.values.length === 0) return t;
  const timex = t.values[0]!.timex;
  const lead = word(s, t.i0 - 1);
  // A decade ("the 1990s": its last token is the "s") is a point of its own, like a year: no lead.
  const takes = YEAR_PERIOD.test(timex)
    ? word(s, t.i1 - 1) !== 's' && (lead === 'from' || lead === 'during' || lead === 'in')
    : DAY_PERIOD.test(timex) && (lead === 'from' || lead === 'between');
  return takes ? { ...t, i0: t.i0 - 1 } : t;
}

/**
 * "the week of March 10": the week (Monday to Monday) holding each candidate day, with the date's timex,
 * as Recognizers-Text resolves it; the span takes "the week of".
 */
function weekOf(s: Scan, t: Temporal): Temporal | undefined {
  if (t.type !== 'Date' || !t.date || word(s, t.i0 - 1) !== 'of' || word(s, t.i0 - 2) !== 'week')
    return undefined;
  const { timex, days } = t.date;
  const values = days.map((d) => {
    const monday = addDays(d, 1 - weekday(d));
    return dayRange(timex, monday, addDays(monday, 7));
  });
  const i0 = word(s, t.i0 - 3) === 'the' ? t.i0 - 3 : t.i0 - 2;
  return temporal(i0, t.i1, 'DateRange', values);
}

/** Two points of the same kind as one range, or undefined. */
function range(s: Scan, i0: number, i1: number, a: Temporal, b: Temporal): Temporal | undefined {
  if (a.type === 'DateRange' && b.type === 'DateRange') {
    const from = bareYear(a);
    const to = bareYear(b);
    return from === undefined || to === undefined ? undefined : yearPeriod(i0, i1, from, to);
  }
  if (a.type === 'Date' && b.type === 'Date' && a.date && b.date) {
    const years = sharedYear(a.date, b.date);
    if (years) return range(s, i0, i1, { ...a, date: years[0] }, { ...b, date: years[1] });
    if (MONTH_DAY.test(a.date.timex) && MONTH_DAY.test(b.date.timex))
      return yearlessRange(s, i0, i1, a.date, b.date);
    const n = Math.min(a.date.days.length, b.date.days.length);
    const pairs: Resolution[] = [];
    // Weekdays keep past and future weeks.
    const weekdays = a.date.timex.startsWith('XXXX-WXX-') && b.date.timex.startsWith('XXXX-WXX-');
    for (let k = 0; k < n; k++) {
      const from = a.date.days[k]!;
      let to = b.date.days[k]!;
      let days = daysBetween(from, to);
      // "Monday to Thursday" said on a Wednesday: this week's Monday to the coming Thursday.
      if (days <= 0 && weekdays) {
        days = (weekday(to) - weekday(from) + 7) % 7 || 7;
        to = addDays(from, days);
      }
      if (days <= 0) return undefined;
      pairs.push({
        timex: `(${a.date.timex},${b.date.timex},P${days}D)`,
        start: formatDay(from),
        end: formatDay(to),
      });
    }
    return temporal(i0, i1, 'DateRange', pairs);
  }
  if (a.type === 'Time' && b.type === 'Time' && a.time && b.time) {
    let t1 = a.time;
    const t2 = b.time;
    // "from 1 to 3pm": the first time takes the second's half of the day.
    if (t1.alt && !t2.alt && clockSeconds(t1.alt.clock) < clockSeconds(t2.clock)) {
      if (clockSeconds(t1.clock) < 12 * 3600 && clockSeconds(t2.clock) >= 12 * 3600) t1 = { ...t1.alt };
    }
    let secs = clockSeconds(t2.clock) - clockSeconds(t1.clock);
    if (secs <= 0) secs += 86_400;
    const timex = `(${t1.timex},${t2.timex},${timeSpanTimex(secs)})`;
    return temporal(i0, i1, 'TimeRange', [{ timex, start: t1.clock, end: t2.clock }]);
  }
  return undefined;
}

/** A season's timex: `SU`, `2025-SU`. */
const SEASON_TIMEX = /^(?:\d{4}-)?(?:SP|SU|FA|WI)$/;

/** Words before a period's end that make it "before it ends": "by the end of the year", "before end of week". */
const BEFORE_END: ReadonlySet<string> = new Set(['by', 'before']);

/**
 * The modifier whose last word is token `at`, and its first token (not before `floor`): "before",
 * "on or before" and "on or after" (the reference's spans); "later than" and "earlier than", and with
 * "no" or "not" before them the other way round ("no later than March 31": before it, as the
 * reference reads it; "no earlier than June 1": after it, where the reference drops "no" and reads
 * before).
 */
function modifierAt(s: Scan, at: number, floor: number): { mod: string; first: number } | undefined {
  const w = word(s, at);
  if (w === 'than') {
    const comparison = word(s, at - 1);
    if ((comparison !== 'later' && comparison !== 'earlier') || at - 1 < floor) return undefined;
    const mod = comparison === 'later' ? 'after' : 'before';
    const negation = word(s, at - 2);
    if ((negation === 'no' || negation === 'not') && at - 2 >= floor)
      return { mod: mod === 'after' ? 'before' : 'after', first: at - 2 };
    return { mod, first: at - 1 };
  }
  const mod = MODIFIERS.get(w);
  if (!mod) return undefined;
  if (
    (w === 'before' || w === 'after') &&
    word(s, at - 1) === 'or' &&
    word(s, at - 2) === 'on' &&
    at - 2 >= floor
  )
    return { mod, first: at - 2 };
  return { mod, first: at };
}

/**
 * "since 1990", "before Monday", "by 2020", "after May 1", "by the end of the year", "since the fall",
 * "by Thursday night", "no later than March 31", "on or after June 1".
 */
function modified(s: Scan, at: number, t: Temporal, floor: number): Temporal | undefined {
  if (word(s, at) === 'the' && BEFORE_END.has(word(s, at - 1))) return byTheEnd(at - 1, t);
  // "by end of year", "before end of week" (no "the"): the same, when what follows is a period's end.
  const beforeEnd = BEFORE_END.has(word(s, at)) ? byTheEnd(at, t) : undefined;
  if (beforeEnd) return beforeEnd;
  const modifier = modifierAt(s, at, floor);
  if (!modifier) return undefined;
  const { mod } = modifier;
  const point = t.type === 'Date' || t.type === 'Time' || t.type === 'DateTime';
  if (!point && t.type !== 'DateRange' && t.type !== 'DateTimeRange') return undefined;
  const values: Resolution[] = [];
  for (const v of t.values) {
    // "since the fall", "before last summer": a season has no dates; its timex takes the modifier alone.
    if (!point && SEASON_TIMEX.test(v.timex)) {
      values.push({ timex: v.timex, mod });
      continue;
    }
    if (!point && (!v.start || !v.end || v.value !== undefined)) return undefined;
    const edge = mod === 'after' ? (point ? v.value! : v.end!) : point ? v.value! : v.start!;
    values.push(mod === 'before' ? { timex: v.timex, mod, end: edge } : { timex: v.timex, mod, start: edge });
  }
  const type =
    t.type === 'Time'
      ? 'TimeRange'
      : t.type === 'DateTime' || t.type === 'DateTimeRange'
        ? 'DateTimeRange'
        : 'DateRange';
  return temporal(modifier.first, t.i1, type, values);
}

/**
 * "by the end of the year", "before end of week": before the period ends, as Recognizers-Text resolves it (the period's timex,
 * `Mod` before-end, only an end). `t` is the period's end ("end of the year", whose values carry mod end).
 */
function byTheEnd(at: number, t: Temporal): Temporal | undefined {
  if (t.type !== 'DateRange' || !t.values.every((v) => v.mod === 'end' && v.end)) return undefined;
  return temporal(
    at,
    t.i1,
    'DateRange',
    t.values.map((v) => ({ timex: v.timex, mod: 'before-end', end: v.end })),
  );
}

/** "Friday at 6": a bare hour counts as a time only right after a date (RT gives both halves of the day). */
function bareHourAfter(s: Scan, a: Temporal, next: Temporal | undefined): Temporal | undefined {
  if (a.type !== 'Date' || !a.date || word(s, a.i1) !== 'at') return undefined;
  const j = a.i1 + 1;
  const h = int(s, j);
  if (!(h >= 1 && h <= 12) || (next && next.i0 <= j + 1)) return undefined;
  const after = s.toks[j + 1];
  if (after && (after.kind === 'word' || after.kind === 'number' || /^[%$.,]\d/.test(after.lower)))
    return undefined;
  const clock = `${String(h).padStart(2, '0')}:00:00`;
  const alt = (h + 12) % 24;
  const time: TimePart = {
    timex: `T${String(h).padStart(2, '0')}`,
    clock,
    alt: { timex: `T${String(alt).padStart(2, '0')}`, clock: `${String(alt).padStart(2, '0')}:00:00` },
  };
  return dateTime(a, { ...a, i1: j + 1 }, a.date, time);
}

/** A date and a time written together ("Friday at 6pm", "6pm on Friday"), or undefined. */
function dateAndTime(s: Scan, a: Temporal, b: Temporal | undefined): DateAndTime | undefined {
  const g = b && gap(s, a, b);
  if (g === undefined) return undefined;
  if (a.date && b!.time && a.type === 'Date' && DATE_TIME_GLUE.has(g || 'at'))
    return { date: a.date, time: b!.time };
  if (a.time && b!.date && b!.type === 'Date' && TIME_DATE_GLUE.has(g || ','))
    return { date: b!.date, time: a.time };
  return undefined;
}

/** A bare year right after `t` ("... 8 PM 2022"). */
function yearRightAfter(t: Temporal, next: Temporal | undefined): number | undefined {
  if (!next || next.i0 !== t.i1 || next.type !== 'DateRange') return undefined;
  const timex = next.values[0]!.timex;
  return /^\d{4}$/.test(timex) ? Number(timex) : undefined;
}

/**
 * "Friday 9am-5pm", "from Monday 9:00 to 17:30": the second end a clock time alone, on the first
 * end's day: one DateTimeRange on each candidate day, as Recognizers-Text reads it
 * (`(XXXX-WXX-5T09,XXXX-WXX-5T17,PT8H)`). Undefined when the second time is not later or either is
 * ambiguous.
 */
function untilTimeOnDay(i0: number, end: Temporal, first: DateAndTime): Temporal | undefined {
  if (end.type !== 'Time' || !end.time || end.time.alt || first.time.alt) return undefined;
  const secs = clockSeconds(end.time.clock) - clockSeconds(first.time.clock);
  if (secs <= 0) return undefined;
  const d = first.date;
  const timex = `(${d.timex}${first.time.timex},${d.timex}${end.time.timex},${timeSpanTimex(secs)})`;
  return temporal(i0, end.i1, 'DateTimeRange', onEachDay(d, timex, first.time.clock, end.time.clock));
}

/** "from january 3rd 6 AM to april 25th 8 PM (2022)": `first` is the merged date-time at atoms k-1..k. */
function rangeOfDateTimes(
  s: Scan,
  atoms: readonly Temporal[],
  k: number,
  a: Temporal,
  first: DateAndTime,
): { range: Temporal; next: number } | undefined {
  const c = atoms[k + 1];
  const d = atoms[k + 2];
  if (!c || c.i0 !== a.i1 + 1) return undefined;
  const lead = word(s, a.i0 - 1);
  const joint = raw(s, a.i1);
  if (!joinsRange(joint, lead === 'between')) return undefined;
  const i0 = lead === 'from' || lead === 'between' ? a.i0 - 1 : a.i0;
  const second = d && dateAndTime(s, c, d);
  if (!second) {
    const range = untilTimeOnDay(i0, c, first);
    return range ? { range, next: k + 1 } : undefined;
  }
  const year = yearRightAfter(d, atoms[k + 3]);
  const withYear =
    year === undefined ? undefined : dateTimeRange(s, i0, atoms[k + 3]!.i1, first, second, year);
  if (withYear) return { range: withYear, next: k + 3 };
  const range = dateTimeRange(s, i0, d.i1, first, second);
  return range ? { range, next: k + 2 } : undefined;
}

export function combine(s: Scan, atoms: readonly Temporal[]): Temporal[] {
  const out: Temporal[] = [];
  for (let k = 0; k < atoms.length; k++) {
    let a = atoms[k]!;
    const b = atoms[k + 1];
    // Date + time, time + date, date + part of the day, time + part of a day ("7:30 tonight").
    if (b) {
      const g = gap(s, a, b);
      let merged: Temporal | undefined;
      const pair = dateAndTime(s, a, b);
      if (pair) {
        merged = dateTime(a, b, pair.date, pair.time);
        const r = rangeOfDateTimes(s, atoms, k + 1, merged, pair);
        if (r) {
          out.push(r.range);
          k = r.next;
          continue;
        }
      } else if (g !== undefined) {
        merged = timeWithDayPart(a, b, g) ?? partOfDayOrSet(a, b, g) ?? timeRangeOnDate(a, b, g);
      }
      if (merged) {
        a = merged;
        k++;
      }
    }
    // Ranges: "from A to B", "between A and B", "A - B", "A to B".
    const c = atoms[k + 1];
    if (c && (c.i0 === a.i1 + 1 || c.i0 === a.i1 + 2)) {
      const lead = word(s, a.i0 - 1);
      const joint = c.i0 === a.i1 + 1 ? raw(s, a.i1) : '';
      // "between Monday and Thursday", and "between Monday to Thursday" as Recognizers-Text reads it.
      const between = lead === 'between' && joinsRange(joint, true);
      if (between || RANGE_JOINTS.has(joint)) {
        // A year period also takes "during" and "in" ("during 2009 to 2017"), as the .NET engine does.
        const yearLead = (lead === 'during' || lead === 'in') && bareYear(a) !== undefined;
        const withLead = lead === 'from' || between || yearLead;
        const r = range(s, withLead ? a.i0 - 1 : a.i0, c.i1, a, c);
        if (r) {
          out.push(r);
          k++;
          continue;
        }
      }
    }
    const floor = out.length > 0 ? out[out.length - 1]!.i1 : 0;
    out.push(
      weekOf(s, a) ??
        modified(s, a.i0 - 1, a, floor) ??
        bareHourAfter(s, a, atoms[k + 1]) ??
        hourRangeOnDay(s, a, floor) ??
        bareHourWithDayPart(s, a, floor) ??
        withRangeLead(s, a),
    );
  }
  return datesBeforeTimeRanges(s, out);
}

/**
 * "Thursday between 8am and 12pm": a date right before a range of two full clock times, which the
 * range step built after the date's own pair step, is one DateTimeRange, as for a range of bare hours
 * (`timeRangeOnDate`). Edits `out` in place.
 */
function datesBeforeTimeRanges(s: Scan, out: Temporal[]): Temporal[] {
  for (let k = 0; k + 1 < out.length; k++) {
    const a = out[k]!;
    const b = out[k + 1]!;
    if (a.type !== 'Date' || b.type !== 'TimeRange') continue;
    // Past midnight ("Tomorrow from 21:00 to 00:00") the reference keeps them apart.
    const { start, end } = b.values[0]!;
    if (!start || !end || end <= start) continue;
    // Adjacent only: "May 3, from 9:00 am to 11:30 am" the reference reads as two.
    const merged = gap(s, a, b) === '' ? timeRangeOnDate(a, b, '') : undefined;
    if (merged) out.splice(k, 2, merged);
  }
  return out;
}
