/**
 * The start, middle or end of a year or month: "end of the year", "beginning of September", "end of 1990",
 * "early 1996", "mid-1996", "start of this year". Recognizers-Text drops a leading "the" and keeps `Mod`.
 */
import { addDays, formatDay, isoWeek, mondayOf, pad } from './calendar.ts';
import { raw, tight, word } from './cursor.ts';
import { yearAt } from './dates.ts';
import { MONTHS } from './lexicon.ts';
import type { Resolution, Rule, Scan, StartRule } from './temporal.ts';
import { dayRange, temporal, yearlessMonthYears } from './values.ts';

const EDGE_NOUNS: ReadonlyMap<string, string> = new Map([
  ['beginning', 'start'],
  ['start', 'start'],
  ['middle', 'mid'],
  ['end', 'end'],
]);
const EDGE_ADJECTIVES: ReadonlyMap<string, string> = new Map([
  ['early', 'start'],
  ['mid', 'mid'],
  ['late', 'end'],
]);
const UNITS: ReadonlySet<string> = new Set(['year', 'month', 'week']);
const SHIFTS: ReadonlyMap<string, number> = new Map([
  ['this', 0],
  ['last', -1],
  ['next', 1],
  ['the', 0],
]);

/** The first or second half of year `y` (RT gives the middle the second half too). */
function yearPart(timex: string, y: number, mod: string): Resolution {
  return mod === 'start'
    ? dayRange(timex, { y, m: 1, d: 1 }, { y, m: 7, d: 1 }, mod)
    : dayRange(timex, { y, m: 7, d: 1 }, { y: y + 1, m: 1, d: 1 }, mod);
}

/** The first or second half of a month. */
function monthPart(timex: string, y: number, m: number, mod: string): Resolution {
  const next = m === 12 ? { y: y + 1, m: 1, d: 1 } : { y, m: m + 1, d: 1 };
  return mod === 'start'
    ? dayRange(timex, { y, m, d: 1 }, { y, m, d: 16 }, mod)
    : dayRange(timex, { y, m, d: 16 }, next, mod);
}

/** The first or second half of a week as Recognizers-Text cuts it: Monday to Thursday, Thursday to Monday. */
function weekPart(monday: ReturnType<typeof mondayOf>, mod: string): Resolution | undefined {
  if (mod === 'mid') return undefined;
  const thursday = addDays(monday, 3);
  return mod === 'start'
    ? dayRange(isoWeek(monday), monday, thursday, mod)
    : dayRange(isoWeek(monday), thursday, addDays(monday, 7), mod);
}

/** What follows "end of" / "early": a year, "this year", "the month", a month name. Returns values and end. */
function edgeTarget(s: Scan, j: number, mod: string): { values: Resolution[]; next: number } | undefined {
  const y = yearAt(s, j);
  // "early 1990s" is no edge of 1990: the decade rule reads "1990s".
  if (y !== undefined && tight(s, j + 1) && (word(s, j + 1) === 's' || raw(s, j + 1) === "'"))
    return undefined;
  if (y !== undefined) return { values: [yearPart(pad(y, 4), y, mod)], next: j + 1 };
  // "end of month", "start of year": the unit alone is this one, as Recognizers-Text reads it.
  const bare = UNITS.has(word(s, j)) ? 1 : 0;
  const shift = bare ? 0 : SHIFTS.get(word(s, j));
  const unit = bare ? word(s, j) : word(s, j + 1);
  j -= bare; // the unit's position as if a shift word came first, so `next` below is after it
  if (shift !== undefined && unit === 'year') {
    const yy = s.today.y + shift;
    return { values: [yearPart(pad(yy, 4), yy, mod)], next: j + 2 };
  }
  if (shift !== undefined && unit === 'week') {
    // "early next week", "late last week", "end of the week".
    const part = weekPart(addDays(mondayOf(s.today), 7 * shift), mod);
    return part ? { values: [part], next: j + 2 } : undefined;
  }
  if (shift !== undefined && unit === 'month') {
    const total = s.today.y * 12 + s.today.m - 1 + shift;
    const yy = Math.floor(total / 12);
    const m = (total % 12) + 1;
    return { values: [monthPart(`${pad(yy, 4)}-${pad(m)}`, yy, m, mod)], next: j + 2 };
  }
  const t = s.toks[j];
  const m = t && t.kind === 'word' && t.capital ? MONTHS.get(t.lower) : undefined;
  if (m !== undefined) {
    const ty = yearAt(s, j + 1);
    if (ty !== undefined) return { values: [monthPart(`${pad(ty, 4)}-${pad(m)}`, ty, m, mod)], next: j + 2 };
    const values = yearlessMonthYears(s.today, m).map((yy) => monthPart(`XXXX-${pad(m)}`, yy, m, mod));
    return { values, next: j + 1 };
  }
  return undefined;
}

/** "end of the year", "beginning of September" (a leading "the" stays outside, as in RT). */
const edgeOf: Rule = (s, i) => {
  const mod = EDGE_NOUNS.get(word(s, i));
  if (!mod || word(s, i + 1) !== 'of') return undefined;
  const target = edgeTarget(s, i + 2, mod);
  return target ? temporal(i, target.next, 'DateRange', target.values) : undefined;
};

/** "early 1996", "mid-1996", "late this year" (months are in months.ts). */
const edgeYear: Rule = (s, i) => {
  const mod = EDGE_ADJECTIVES.get(word(s, i));
  if (!mod) return undefined;
  const j = raw(s, i + 1) === '-' && tight(s, i + 1) ? i + 2 : i + 1;
  if (word(s, j) === 'the') return undefined;
  const target = edgeTarget(s, j, mod);
  // A year, or a month or week counted from this one: "late next month", "early next week".
  if (!target || !/^(?:\d{4}|\d{4}-\d{2}|\d{4}-W\d{2})$/.test(target.values[0]!.timex)) return undefined;
  if (!/^\d{4}$/.test(target.values[0]!.timex) && !SHIFTS.has(word(s, j))) return undefined;
  return temporal(i, target.next, 'DateRange', target.values);
};

/** "mid-month", "mid-year": the middle of the current month or year, as Recognizers-Text reads it. */
const midOfCurrent: Rule = (s, i) => {
  if (word(s, i) !== 'mid' || raw(s, i + 1) !== '-' || !tight(s, i + 1) || !tight(s, i + 2)) return undefined;
  const unit = word(s, i + 2);
  const { y, m } = s.today;
  if (unit === 'month')
    return temporal(i, i + 3, 'DateRange', [monthPart(`${pad(y, 4)}-${pad(m)}`, y, m, 'mid')]);
  if (unit === 'year') return temporal(i, i + 3, 'DateRange', [yearPart(pad(y, 4), y, 'mid')]);
  return undefined;
};

/**
 * "(the) end of (the) day", "eod": today at 23:59:59, a DateTime as Recognizers-Text gives it ("by end of day"
 * then reads as before that instant).
 */
const endOfDay: Rule = (s, i) => {
  // "eod", "EOD": end of day, as Recognizers-Text reads it.
  if (word(s, i) === 'eod') return endOfToday(s, i, i + 1);
  const the = word(s, i) === 'the' ? 1 : 0;
  if (word(s, i + the) !== 'end' || word(s, i + the + 1) !== 'of') return undefined;
  const k = word(s, i + the + 2) === 'the' ? i + the + 3 : i + the + 2;
  return word(s, k) === 'day' ? endOfToday(s, i, k + 1) : undefined;
};

/** Tokens [i, next): today at 23:59:59. */
function endOfToday(s: Scan, i: number, next: number): ReturnType<Rule> {
  const today = formatDay(s.today);
  return temporal(i, next, 'DateTime', [{ timex: `${today}T23:59:59`, value: `${today} 23:59:59` }]);
}

export const EDGE_RULES: readonly StartRule[] = [
  { rule: endOfDay, on: { words: ['the', 'end', 'eod'] } },
  { rule: midOfCurrent, on: { words: ['mid'] } },
  { rule: edgeOf, on: { words: [...EDGE_NOUNS.keys()] } },
  { rule: edgeYear, on: { words: [...EDGE_ADJECTIVES.keys()] } },
];
