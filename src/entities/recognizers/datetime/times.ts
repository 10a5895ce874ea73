/** Clock times and parts of the day: "6pm", "18:30", "10:30 a.m.", "noon", "10 o'clock", "night", "in the morning". */
import { addDays, formatDay, pad } from './calendar.ts';
import { cardinal, int, meridiem, raw, tight, word } from './cursor.ts';
import { DAY_PARTS, NUMBER_WORDS, type DayPart } from './lexicon.ts';
import type { Rule, Scan, StartRule, Temporal, TimePart } from './temporal.ts';
import { temporal } from './values.ts';

/** Number words that can be an hour: "one" to "twelve". */
const HOUR_WORDS = [...NUMBER_WORDS].filter(([, n]) => n >= 1 && n <= 12).map(([w]) => w);
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const NAMED_TIMES: ReadonlyMap<string, number> = new Map([
  ['noon', 12],
  ['midday', 12],
  ['midnight', 0],
]);

/** The timex and clock string of h:m:s, with only the parts written: T18, T18:30, T18:30:15. */
function part(h: number, m: number | undefined, sec: number | undefined): { timex: string; clock: string } {
  let timex = `T${pad(h)}`;
  if (m !== undefined) timex += `:${pad(m)}`;
  if (sec !== undefined) timex += `:${pad(sec)}`;
  return { timex, clock: `${pad(h)}:${pad(m ?? 0)}:${pad(sec ?? 0)}` };
}

/** A time without am/pm: hours 1-12 are ambiguous between morning and afternoon (RT gives both). */
function timePart(h: number, m: number | undefined, sec: number | undefined, pm?: boolean): TimePart {
  if (pm !== undefined) {
    const h24 = pm ? (h % 12) + 12 : h % 12;
    return part(h24, m, sec);
  }
  const first = part(h, m, sec);
  if (h >= 1 && h <= 12) return { ...first, alt: part((h + 12) % 24, m, sec) };
  return first;
}

export function timeTemporal(i0: number, i1: number, t: TimePart): Temporal {
  const values = [{ timex: t.timex, value: t.clock }];
  if (t.alt) values.push({ timex: t.alt.timex, value: t.alt.clock });
  return temporal(i0, i1, 'Time', values, { time: t });
}

/** Whether "o'clock" follows at `j` (its three tokens). */
function oClockAt(s: Scan, j: number): boolean {
  return word(s, j) === 'o' && raw(s, j + 1) === "'" && word(s, j + 2) === 'clock';
}

/** Hours written as words: "seven AM", "seven thirty pm", "ten o'clock" (a bare "seven" is a number). */
function spelledTime(s: Scan, i: number): Temporal | undefined {
  const h = NUMBER_WORDS.get(word(s, i));
  if (h === undefined || h < 1 || h > 12) return undefined;
  let j = i + 1;
  let m: number | undefined;
  const minutes = s.toks[j]?.kind === 'word' ? cardinal(s, j) : undefined;
  if (minutes && minutes.value >= 1 && minutes.value <= 59) {
    m = minutes.value;
    j += minutes.len;
  }
  const mer = meridiem(s, j);
  if (mer) return timeTemporal(i, j + mer.len, timePart(h, m, undefined, mer.pm));
  if (m === undefined && oClockAt(s, j)) {
    return timeTemporal(i, j + 3, timePart(h, undefined, undefined));
  }
  return undefined;
}

/** A clock time starting at `i`: "18:30", "6pm", "6 p.m.", "10:30am", "noon", "10 o'clock". */
/** Whether token `i` follows a clock time and a hyphen with no space: "17:00" in "9:00-17:00". */
function afterClockAndHyphen(s: Scan, i: number): boolean {
  return raw(s, i - 1) === '-' && tight(s, i - 1) && CLOCK.test(raw(s, i - 2));
}

export const clockTime: Rule = (s, i) => {
  const t = s.toks[i];
  if (!t) return undefined;
  const named = NAMED_TIMES.get(word(s, i));
  if (named !== undefined) return timeTemporal(i, i + 1, part(named, undefined, undefined));
  if (t.kind === 'word') return spelledTime(s, i);
  let h: number;
  let m: number | undefined;
  let sec: number | undefined;
  if (t.kind === 'compound') {
    const g = CLOCK.exec(t.lower);
    if (!g) return undefined;
    h = Number(g[1]);
    m = Number(g[2]);
    sec = g[3] === undefined ? undefined : Number(g[3]);
    if (h > 24 || m > 59 || (sec ?? 0) > 59) return undefined;
    // Glued to a number or a sign, it is no time; but "9:00-17:00" ends a range of two.
    if (tight(s, i) && /^[\d.:/$-]/.test(raw(s, i - 1)) && !afterClockAndHyphen(s, i)) return undefined;
  } else {
    h = int(s, i);
    const len = raw(s, i).length;
    if ((len === 3 || len === 4) && meridiem(s, i + 1)) {
      // Military-style "1030 PM".
      m = h % 100;
      h = Math.floor(h / 100);
      if (h < 1 || h > 12 || m > 59) return undefined;
    } else if (!(h >= 0 && h <= 12) || len > 2) return undefined;
  }
  let j = i + 1;
  const mer = meridiem(s, j);
  if (mer) return timeTemporal(i, j + mer.len, timePart(h, m, sec, mer.pm));
  if (oClockAt(s, j)) {
    return timeTemporal(i, j + 3, timePart(h, m, sec));
  }
  if (m === undefined) return undefined;
  // "18:30" alone; not a score or ratio in a run of numbers ("2:05 3:10").
  if (tight(s, j) && /^[\d:/]/.test(raw(s, j))) return undefined;
  j = i + 1;
  return timeTemporal(i, j, timePart(h, m, sec));
};

/** The first or second half of a part of the day: "early morning" is 08-10, "late afternoon" 14-16. */
function halfOfPart(p: DayPart, late: boolean): { start: string; end: string } {
  const h = Number(p.start.slice(0, 2)) + (late ? 2 : 0);
  return late && p.timex === 'NI'
    ? { start: '22:00:00', end: '23:59:59' }
    : { start: `${pad(h)}:00:00`, end: `${pad(h + 2)}:00:00` };
}

/** "early morning", "late afternoon", "early in the morning" (RT's Mod start/end). */
const edgeOfDayPart: Rule = (s, i) => {
  const w = word(s, i);
  if (w !== 'early' && w !== 'late') return undefined;
  let j = i + 1;
  if (word(s, j) === 'in' && word(s, j + 1) === 'the') j += 2;
  const p = DAY_PARTS.get(word(s, j));
  if (!p) return undefined;
  const late = w === 'late';
  const half = halfOfPart(p, late);
  return temporal(i, j + 1, 'TimeRange', [{ timex: `T${p.timex}`, mod: late ? 'end' : 'start', ...half }]);
};

/** A part of the day alone: "night", "morning", "in the afternoon". */
const dayPart: Rule = (s, i) => {
  let j = i;
  if (word(s, j) === 'in' && word(s, j + 1) === 'the') j += 2;
  const p = DAY_PARTS.get(word(s, j));
  if (!p) return undefined;
  // "in the" belongs to the span only for morning/afternoon/evening; "at night" keeps just "night".
  if (j > i && p.timex === 'NI') return undefined;
  // Greetings and story openings: "Good morning", "one morning".
  const before = word(s, i - 1);
  if (j === i && (before === 'good' || before === 'one' || before === 'every' || before === 'each'))
    return undefined;
  return temporal(i, j + 1, 'TimeRange', [{ timex: `T${p.timex}`, start: p.start, end: p.end }]);
};

/**
 * "tonight", "last night", "this morning", "this evening": today's or yesterday's part of the day; "early
 * this morning", "late this afternoon": its first or second half (Mod start/end), as the reference reads
 * them (not "late tonight" nor "late last night", whose adjective it leaves out).
 */
export const relativeDayPart: Rule = (s, i) => {
  const edge = word(s, i);
  if ((edge === 'early' || edge === 'late') && word(s, i + 1) === 'this') {
    const t = relativeDayPart(s, i + 1);
    const p = DAY_PARTS.get(word(s, i + 2));
    if (!t || !p) return undefined;
    const day = t.values[0]!.start!.slice(0, 10);
    const half = halfOfPart(p, edge === 'late');
    return temporal(i, t.i1, 'DateTimeRange', [
      {
        timex: t.values[0]!.timex,
        mod: edge === 'late' ? 'end' : 'start',
        start: `${day} ${half.start}`,
        end: `${day} ${half.end}`,
      },
    ]);
  }
  const w = edge;
  let dayShift: number;
  let partWord: string;
  let i1 = i + 2;
  if (w === 'tonight' || w === 'tonite') {
    dayShift = 0;
    partWord = 'night';
    i1 = i + 1;
  } else if (w === 'this' || w === 'last') {
    dayShift = w === 'last' ? -1 : 0;
    partWord = word(s, i + 1);
  } else return undefined;
  const p = DAY_PARTS.get(partWord);
  if (!p) return undefined;
  const d = formatDay(addDays(s.today, dayShift));
  return temporal(i, i1, 'DateTimeRange', [
    { timex: `${d}T${p.timex}`, start: `${d} ${p.start}`, end: `${d} ${p.end}` },
  ]);
};

/** The hour (and minutes) at `i`: "two", "3", "7:30", "11 o'clock", with the index after it. */
function hourAt(s: Scan, i: number): { h: number; m?: number; next: number } | undefined {
  const t = s.toks[i];
  if (!t) return undefined;
  let h: number;
  let m: number | undefined;
  if (t.kind === 'word') h = NUMBER_WORDS.get(t.lower) ?? NaN;
  else if (t.kind === 'number') h = raw(s, i).length <= 2 ? int(s, i) : NaN;
  else {
    const g = t.kind === 'compound' ? CLOCK.exec(t.lower) : null;
    if (!g || g[3] !== undefined) return undefined;
    [h, m] = [Number(g[1]), Number(g[2])];
    if (m > 59) return undefined;
  }
  if (!(h >= 1 && h <= 12)) return undefined;
  let next = i + 1;
  if (oClockAt(s, next)) next += 3;
  return m === undefined ? { h, next } : { h, m, next };
}

/**
 * "two in the morning", "3 in the afternoon", "7:30 in the evening", "10 at night": an hour and the part
 * of the day that says which half of the day it is in, one Time as Recognizers-Text reads it (T02, T15).
 */
const hourOfDayPart: Rule = (s, i) => {
  const hour = hourAt(s, i);
  if (!hour) return undefined;
  let j = hour.next;
  const at = word(s, j);
  if (!((at === 'in' && word(s, j + 1) === 'the') || at === 'at')) return undefined;
  j += at === 'in' ? 2 : 1;
  const p = DAY_PARTS.get(word(s, j));
  if (!p || (at === 'at') !== (p.timex === 'NI')) return undefined;
  // After noon: afternoon and evening hours, and night hours from 6 to 11 ("12 at night" is midnight).
  const pm = p.timex === 'AF' || p.timex === 'EV' || (p.timex === 'NI' && hour.h >= 6 && hour.h < 12);
  return timeTemporal(i, j + 1, timePart(hour.h, hour.m, undefined, pm));
};

const HOUR_SPAN = /^(\d{1,2})-(\d{1,2})$/;

/**
 * "2-4pm", "from 1 to 3pm", "between 2 and 4 pm": bare hours that take the half of the day written
 * after the second.
 */
const hourRange: Rule = (s, i) => {
  const lead = word(s, i);
  const from = lead === 'from' || lead === 'between' ? 1 : 0;
  let h1: number;
  let h2: number;
  let j = i + from;
  // Only a compound token can hold digits joined by a dash.
  const dashed = s.toks[j]?.kind === 'compound' ? HOUR_SPAN.exec(s.toks[j]!.lower) : null;
  if (dashed) {
    h1 = Number(dashed[1]);
    h2 = Number(dashed[2]);
    j++;
  } else {
    h1 = int(s, j);
    const joint = word(s, j + 1);
    if (lead === 'between' ? joint !== 'and' : joint !== 'to' && raw(s, j + 1) !== '-') return undefined;
    h2 = int(s, j + 2);
    j += 3;
  }
  const mer = meridiem(s, j);
  if (!mer || !(h1 >= 1 && h1 <= 12 && h2 >= 1 && h2 <= 12) || (!from && !dashed)) return undefined;
  const a = timePart(h1 < h2 || !mer.pm ? h1 : h1, undefined, undefined, h1 <= h2 ? mer.pm : !mer.pm);
  const b = timePart(h2, undefined, undefined, mer.pm);
  const hours = (Number(b.clock.slice(0, 2)) - Number(a.clock.slice(0, 2)) + 24) % 24;
  const timex = `(${a.timex},${b.timex},PT${hours}H)`;
  return temporal(i, j + mer.len, 'TimeRange', [{ timex, start: a.clock, end: b.clock }]);
};

export const TIME_RULES: readonly StartRule[] = [
  { rule: hourOfDayPart, on: { words: HOUR_WORDS, number: true, compound: true } },
  { rule: clockTime, on: { words: [...NAMED_TIMES.keys(), ...HOUR_WORDS], number: true, compound: true } },
  { rule: dayPart, on: { words: ['in', ...DAY_PARTS.keys()] } },
  { rule: edgeOfDayPart, on: { words: ['early', 'late'] } },
  { rule: relativeDayPart, on: { words: ['tonight', 'tonite', 'this', 'last', 'early', 'late'] } },
  { rule: hourRange, on: { words: ['from', 'between'], number: true, compound: true } },
];
