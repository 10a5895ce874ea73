/**
 * Calendar dates: "2024-05-21", "05/21/2024", "May 21", "21 May 2024", "Monday, Aug. 22", "August 1996", "1996",
 * "the 1990s".
 */
import { writtenInOneCase } from '../person-type/text-case.ts';
import { isValidDay, pad } from './calendar.ts';
import { int, raw, tight, word } from './cursor.ts';
import { movableHoliday } from './movable-holidays.ts';
import {
  AMBIGUOUS_MONTHS,
  joinsRange,
  MONTHS,
  ORDINAL_SUFFIXES,
  ORDINAL_WORDS,
  RANGE_JOINTS,
  WEAK_WEEKDAYS,
  WEEKDAYS,
} from './lexicon.ts';
import type { Rule, Scan, StartRule, Temporal } from './temporal.ts';
import {
  dateOf,
  dayRange,
  monthRange,
  temporal,
  weekdayDays,
  yearPeriod,
  yearRange,
  yearlessDays,
  yearlessMonthYears,
} from './values.ts';

const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const US_DATE = /^(\d{1,2})([-/])(\d{1,2})\2(\d{4}|\d{2})$/;
/** Day-first with full stops, as much of Europe writes it: 21.05.2024. */
const DOTTED_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const MONTH_DAY = /^(\d{1,2})\/(\d{1,2})$/;

/** A year Recognizers-Text takes as one: 1000-2100. */
function isYear(y: number): boolean {
  return y >= 1000 && y <= 2100;
}

/** A four-digit year Recognizers-Text takes alone. */
export function yearAt(s: Scan, i: number): number | undefined {
  const t = s.toks[i];
  if (!t || t.kind !== 'number' || t.lower.length !== 4) return undefined;
  const y = Number(t.lower);
  return isYear(y) ? y : undefined;
}

/** A full year as written after a month or day: 4 digits. */
function fullYear(s: Scan, i: number): number | undefined {
  return yearAt(s, i);
}

function twoDigitYear(yy: string): number {
  if (yy.length === 4) return Number(yy);
  const n = Number(yy);
  return n < 50 ? 2000 + n : 1900 + n;
}

/** Day of month at `i`: `21`, `21st`, `twenty-first` is not supported; `first`..`thirty-first` words are. */
function dayOfMonth(s: Scan, i: number): { d: number; len: number } | undefined {
  const n = int(s, i);
  if (n >= 1 && n <= 31 && raw(s, i).length <= 2) {
    const suffix = ORDINAL_SUFFIXES.has(word(s, i + 1)) && tight(s, i + 1);
    return { d: n, len: suffix ? 2 : 1 };
  }
  const w = ORDINAL_WORDS.get(word(s, i));
  if (w === undefined) return undefined;
  if (w === 20 || w === 30) {
    const unit = ORDINAL_WORDS.get(word(s, i + 2));
    if (raw(s, i + 1) === '-' && unit !== undefined && unit < 10) return { d: w + unit, len: 3 };
  }
  return { d: w, len: 1 };
}

/** Month names written in full in four letters or fewer: their full stop ends a sentence. */
const SHORT_MONTH_NAMES: ReadonlySet<string> = new Set(['may', 'june', 'july']);

/** The token after a month name: skips the abbreviation's full stop ("Aug. 22", not "5 June."). */
function afterMonth(s: Scan, i: number): number {
  const w = word(s, i);
  return raw(s, i + 1) === '.' && tight(s, i + 1) && w.length <= 4 && !SHORT_MONTH_NAMES.has(w)
    ? i + 2
    : i + 1;
}

/** `, 2024` or ` 2024` after a day: the year and the index after it. */
function trailingYear(s: Scan, i: number): { y: number; next: number } | undefined {
  const j = raw(s, i) === ',' ? i + 1 : i;
  const y = fullYear(s, j);
  const after = s.toks[j + 1];
  if (y === undefined || (tight(s, j + 1) && after && after.kind !== 'punct')) return undefined;
  return { y, next: j + 1 };
}

function fullDate(i0: number, i1: number, y: number, m: number, d: number): Temporal | undefined {
  if (!isValidDay(y, m, d)) return undefined;
  return dateOf(i0, i1, { timex: `${pad(y, 4)}-${pad(m)}-${pad(d)}`, days: [{ y, m, d }] });
}

function yearlessDate(s: Scan, i0: number, i1: number, m: number, d: number): Temporal | undefined {
  const days = yearlessDays(s.today, m, d);
  return days ? dateOf(i0, i1, { timex: `XXXX-${pad(m)}-${pad(d)}`, days }) : undefined;
}

/** Whether the month word at `i` may stand for a month here (not "may" the verb, "march" the verb). */
function monthWord(s: Scan, i: number): number | undefined {
  const t = s.toks[i];
  if (!t || t.kind !== 'word') return undefined;
  return MONTHS.get(t.lower);
}

const DAY_SPAN = /^(\d{1,2})-(\d{1,2})$/;

/**
 * Days `d1` to `d2` of month `m` as one DateRange from token `i0`, ending at `next` or at the year written
 * after it; without a year, on each candidate year. Undefined unless `d1 < d2` and `d2` exists in `m`.
 */
function daysOfMonth(
  s: Scan,
  i0: number,
  next: number,
  m: number,
  d1: number,
  d2: number,
): Temporal | undefined {
  if (!(d1 < d2) || !isValidDay(2024, m, d2)) return undefined;
  const ty = trailingYear(s, next);
  const years = ty ? [ty.y] : (yearlessDays(s.today, m, d1) ?? []).map((d) => d.y);
  const timex = ty ? pad(ty.y, 4) : 'XXXX';
  const tr = `(${timex}-${pad(m)}-${pad(d1)},${timex}-${pad(m)}-${pad(d2)},P${d2 - d1}D)`;
  const values = years.map((y) => dayRange(tr, { y, m, d: d1 }, { y, m, d: d2 }));
  return temporal(i0, ty ? ty.next : next, 'DateRange', values);
}

/** The second day of "June 26 to 30" at `k` (the joint), when no month of its own follows it. */
function secondDay(s: Scan, k: number, between: boolean): { d: number; next: number } | undefined {
  const joint = raw(s, k);
  if (!joinsRange(joint, between)) return undefined;
  // "March 3rd to the 10th": a day after "the" is written as an ordinal.
  const the = word(s, k + 1) === 'the' ? 1 : 0;
  const day = dayOfMonth(s, k + 1 + the);
  if (!day || (the && day.len === 1 && !ORDINAL_WORDS.has(word(s, k + 2)))) return undefined;
  const next = k + 1 + the + day.len;
  // "June 26 to 30 July" is two dates (combine.ts makes the range); "June 26 - 30%" is no day.
  if (monthWord(s, next) !== undefined || word(s, next) === 'of') return undefined;
  if (tight(s, next) && s.toks[next]?.kind !== 'punct') return undefined;
  return { d: day.d, next };
}

/** "May 21", "May 21st, 2024", "Aug. 22", "May 1-5", "June 26 to 30", "August 1996", "August". */
const monthFirst: Rule = (s, i) => {
  const m = monthWord(s, i);
  if (m === undefined) return undefined;
  const j = afterMonth(s, i);
  // May 1-5
  // Only a compound token can hold digits joined by a dash.
  const span = s.toks[j]?.kind === 'compound' ? DAY_SPAN.exec(s.toks[j]!.lower) : null;
  if (span) {
    const range = daysOfMonth(s, i, j + 1, m, Number(span[1]), Number(span[2]));
    if (range) return range;
  }
  const day = dayOfMonth(s, j);
  const after = j + (day?.len ?? 0);
  // Not a colon that goes on in digits ("Aug 3:2", a score or a verse), nor "May 21, 5 people".
  const colonGoesOn = raw(s, after) === ':' && tight(s, after + 1) && /^\d/.test(raw(s, after + 1));
  if (day && !colonGoesOn && !(raw(s, after) === ',' && int(s, after + 1) < 1000)) {
    const k = j + day.len;
    const ty = trailingYear(s, k);
    if (ty) return fullDate(i, ty.next, ty.y, m, day.d);
    const second = secondDay(s, k, word(s, i - 1) === 'between');
    const range = second && daysOfMonth(s, i, second.next, m, day.d, second.d);
    if (range) return range;
    // "May 21" needs a number written as a day, not "May 2000 people" nor a number that goes on ("May 21.5").
    if (!(tight(s, k) && s.toks[k]?.kind !== 'punct')) return yearlessDate(s, i, k, m, day.d);
  }
  const yj = raw(s, j) === ',' || word(s, j) === 'of' ? j + 1 : j;
  const y = fullYear(s, yj);
  if (y !== undefined) return temporal(i, yj + 1, 'DateRange', [monthRange(`${pad(y, 4)}-${pad(m)}`, y, m)]);
  if (!monthAloneAllowed(s, i)) return undefined;
  const years = yearlessMonthYears(s.today, m);
  return temporal(
    i,
    i + 1,
    'DateRange',
    years.map((yy) => monthRange(`XXXX-${pad(m)}`, yy, m)),
  );
};

/** Words after "May" that make it the verb: "May I", "may be". */
const MODAL_FOLLOWERS: ReadonlySet<string> = new Set([
  'i',
  'we',
  'you',
  'he',
  'she',
  'it',
  'they',
  'the',
  'this',
  'that',
  'be',
  'not',
  'have',
  'also',
  'well',
  'god',
  'there',
  'our',
  'your',
  'his',
  'her',
  'their',
  'a',
  'an',
  'all',
  'never',
  'still',
  'only',
]);

/** Words after "the Women's March" that end or continue a sentence, where a month's noun would stand. */
const AFTER_NAMED_MARCH = new Set([
  'on',
  'in',
  'at',
  'for',
  'to',
  'and',
  'or',
  'of',
  'was',
  'were',
  'is',
  'drew',
  'took',
  'through',
]);

/**
 * "the Women's March", "the People's March on Washington": March after a name's possessive, with no
 * noun after it ("Apple's March update" is the month).
 */
function namedMarch(s: Scan, i: number): boolean {
  const owner = s.toks[i - 3];
  if (word(s, i - 1) !== 's' || !tight(s, i - 1) || !tight(s, i - 2) || !owner?.capital) return false;
  if (raw(s, i - 2) !== "'" && raw(s, i - 2) !== '’') return false;
  const next = s.toks[i + 1];
  return !next || next.kind === 'punct' || (next.kind === 'word' && AFTER_NAMED_MARCH.has(next.lower));
}

/** Three capital letters. */
const CAPITALS = /^[A-Z]{3}$/;

/**
 * A month name alone is a month unless it is likely a word: lower-case "may"/"march", "May I", an
 * abbreviation that looks like a first name ("Jan Smith"), or one in capitals among words in cases.
 */
function monthAloneAllowed(s: Scan, i: number): boolean {
  const t = s.toks[i]!;
  // "an APR of 6.99%", "a DEC filing": three capitals with no day or year, in text written in cases, are
  // an acronym. Recognizers-Text reads them as the month.
  if (t.end - t.start === 3 && CAPITALS.test(s.text.slice(t.start, t.end)) && !writtenInOneCase(s.text))
    return false;
  if (!AMBIGUOUS_MONTHS.has(t.lower)) return true;
  if (!t.capital) return false;
  const next = s.toks[i + 1];
  if (t.lower === 'may') return !(next && next.kind === 'word' && MODAL_FOLLOWERS.has(next.lower));
  if (t.lower === 'march')
    return !(next && next.kind === 'word' && !next.capital && i === 0) && !namedMarch(s, i);
  return !(next && next.kind === 'word' && next.capital);
}

/**
 * "21 May", "21st May 2024", "the 21st of May"; a contract's "the 1st day of July, 2024", whose span starts
 * at the day, as the reference's does ("1st day of July"; it leaves the year out, which stays in here).
 */
const dayFirst: Rule = (s, i) => {
  const the = word(s, i) === 'the' ? 1 : 0;
  const day = dayOfMonth(s, i + the);
  if (!day) return undefined;
  let i0 = i;
  let j = i + the + day.len;
  // An ordinal, not a bare count ("3 day of March"), before "day of".
  const ordinal = day.len > 1 || s.toks[i + the]!.kind !== 'number';
  if (ordinal && word(s, j) === 'day' && word(s, j + 1) === 'of') {
    i0 = i + the;
    j += 2;
  } else if (word(s, j) === 'of') j++;
  else if (the) return undefined;
  const m = monthWord(s, j);
  if (m === undefined) return undefined;
  const k = afterMonth(s, j);
  const ty = trailingYear(s, k);
  if (ty) return fullDate(i0, ty.next, ty.y, m, day.d);
  return yearlessDate(s, i0, k, m, day.d);
};

/**
 * Day-first day ranges, as Recognizers-Text's SimpleCasesRegex reads them: "26-30 June", "from 26 to 30 June
 * 2025", "between 24 and 26 December", "from the 3rd to the 7th of March". The lead word is part of the span.
 */
const dayFirstRange: Rule = (s, i) => {
  const lead = word(s, i);
  const between = lead === 'between';
  let j = between || lead === 'from' ? i + 1 : i;
  let d1: number;
  let d2: number;
  const span = s.toks[j]?.kind === 'compound' ? DAY_SPAN.exec(s.toks[j]!.lower) : null;
  if (span) {
    [d1, d2] = [Number(span[1]), Number(span[2])];
    j++;
  } else {
    const the = word(s, j) === 'the' ? 1 : 0;
    const first = dayOfMonth(s, j + the);
    if (!first) return undefined;
    j += the + first.len;
    if (!joinsRange(raw(s, j), between)) return undefined;
    j++;
    const the2 = word(s, j) === 'the' ? 1 : 0;
    const second = dayOfMonth(s, j + the2);
    if (!second) return undefined;
    j += the2 + second.len;
    [d1, d2] = [first.d, second.d];
  }
  if (word(s, j) === 'of') j++;
  const m = monthWord(s, j);
  if (m === undefined) return undefined;
  return daysOfMonth(s, i, afterMonth(s, j), m, d1, d2);
};

/** Numeric dates: ISO, US month-first (day-first when the first part exceeds 12), "5/21". */
const numericDate: Rule = (s, i) => {
  const t = s.toks[i]!;
  if (t.kind !== 'compound') return undefined;
  if (tight(s, i) && /^[-/.:\d]/.test(raw(s, i - 1))) return undefined;
  if (tight(s, i + 1) && /^[-/\d]/.test(raw(s, i + 1))) return undefined;
  // A colon that runs on into digits ("3/12:30"), not one that ends a heading ("Notes 03/12: ...").
  if (tight(s, i + 1) && raw(s, i + 1) === ':' && tight(s, i + 2) && /^\d/.test(raw(s, i + 2)))
    return undefined;
  let g = ISO_DATE.exec(t.lower);
  if (g) return fullDate(i, i + 1, Number(g[1]), Number(g[2]), Number(g[3]));
  g = US_DATE.exec(t.lower);
  if (g) {
    const a = Number(g[1]);
    const b = Number(g[3]);
    const y = twoDigitYear(g[4]!);
    return a > 12 ? fullDate(i, i + 1, y, b, a) : fullDate(i, i + 1, y, a, b);
  }
  g = DOTTED_DATE.exec(t.lower);
  if (g) return fullDate(i, i + 1, Number(g[3]), Number(g[2]), Number(g[1]));
  g = MONTH_DAY.exec(t.lower);
  // "2/3 of the voters" is a fraction, however date-like (Azure: Number/Fraction).
  if (g && word(s, i + 1) !== 'of') return yearlessDate(s, i, i + 1, Number(g[1]), Number(g[2]));
  return undefined;
};

/** "Monday", "Monday, August 22": a weekday alone, or in front of the date it names. */
const weekdayDate: Rule = (s, i) => {
  const t = s.toks[i]!;
  const wd = WEEKDAYS.get(t.lower);
  if (wd === undefined || t.kind !== 'word') return undefined;
  // "Black Friday", "the Good Friday Agreement": a holiday's weekday (holidays.ts reads the holiday).
  if (i > 0 && movableHoliday(`${word(s, i - 1)} ${t.lower}`, s.toks[i - 1]!.capital)) return undefined;
  let j = i + 1;
  const weak = WEAK_WEEKDAYS.has(t.lower);
  if (weak && raw(s, j) === '.' && tight(s, j)) j++;
  const k = raw(s, j) === ',' ? j + 1 : j;
  const inner = monthFirst(s, k) ?? dayFirst(s, k);
  if (inner && inner.type === 'Date') return { ...inner, i0: i };
  if (weak && !(t.capital && j > i + 1) && !inWeekdayRange(s, i)) return undefined;
  return dateOf(i, i + 1, { timex: `XXXX-WXX-${wd}`, days: weekdayDays(s.today, wd) });
};

/** Short weekdays that are words too, which the reference reads in no range ("Sat-Sun"). */
const NO_RANGE_WEEKDAYS: ReadonlySet<string> = new Set(['sat', 'sun']);

/**
 * "Mon-Fri", "Tue to Thu": a short weekday joined to another by a range's joint, which makes both days
 * (combine.ts makes the range).
 */
function inWeekdayRange(s: Scan, i: number): boolean {
  const rangeDay = (k: number): boolean => {
    const w = word(s, k);
    return WEEKDAYS.has(w) && !NO_RANGE_WEEKDAYS.has(w);
  };
  if (!rangeDay(i)) return false;
  return (
    (RANGE_JOINTS.has(raw(s, i + 1)) && rangeDay(i + 2)) ||
    (i >= 2 && RANGE_JOINTS.has(raw(s, i - 1)) && rangeDay(i - 2))
  );
}

/**
 * Nouns whose number follows them and names one of their kind, never a year: "flight 1234", "Room 1999",
 * "gate 2020", "order 2025". Recognizers-Text reads each as the year.
 */
const NUMBERED_NOUNS: ReadonlySet<string> = new Set(
  `flight flights room rooms gate suite apt apartment unit order invoice ticket case bus train route exit ext
  extension pin code account model`.split(/\s+/),
);
/**
 * A card's or an account's last digits: "ending in 1234" (Recognizers-Text: the year 1234); a year of
 * today's calendars stays one ("the war ending in 1945").
 */
const LAST_DIGITS = new Set(['ending', 'ends', 'ended']);

/** A year alone: "in 1996", "the 2024 election" (not "1990s", "$2000", "1,996", "flight 1234"). */
const yearAlone: Rule = (s, i) => {
  const y = yearAt(s, i);
  if (y === undefined || NUMBERED_NOUNS.has(word(s, i - 1))) return undefined;
  if (word(s, i - 1) === 'in' && LAST_DIGITS.has(word(s, i - 2)) && (y < 1900 || y > 2100)) return undefined;
  const before = raw(s, i - 1);
  if (
    tight(s, i) &&
    (before === '$' || before === ',' || before === '.' || before === '-' || /\d/.test(before))
  )
    return undefined;
  const after = raw(s, i + 1);
  // "(2019–present)", "2019-now": a dash to a word, as a resume writes it; Recognizers-Text takes the year.
  const toWord = (after === '-' || after === '\u2013') && s.toks[i + 2]?.kind === 'word';
  if (
    tight(s, i + 1) &&
    !toWord &&
    after !== ',' &&
    after !== '.' &&
    after !== ')' &&
    after !== ';' &&
    after !== ':' &&
    after !== '"' &&
    after !== "'"
  )
    return undefined;
  if (after === '.' && tight(s, i + 1) && /^\d/.test(raw(s, i + 2)) && tight(s, i + 2)) return undefined;
  if (spacedDash(s, i + 1) || (spacedDash(s, i - 1) && /^\d/.test(raw(s, i - 2)))) return undefined;
  return temporal(i, i + 1, 'DateRange', [yearRange(y)]);
};

const YEAR_DASH_YEAR = /^(\d{4})[-\u2013](\d{4})$/;

/**
 * "2009-2017", "1990 - 1995": a year period (values.ts `yearPeriod`), as the .NET engine reads a dash
 * between two years; the JS port reads a number range or nothing. Not inside a longer number ("$2009-2017",
 * "12-2009-2017").
 */
const yearDashYear: Rule = (s, i) => {
  const t = s.toks[i]!;
  let from: number | undefined;
  let to: number | undefined;
  let end = i + 1;
  if (t.kind === 'compound') {
    const m = YEAR_DASH_YEAR.exec(t.lower);
    if (!m) return undefined;
    [from, to] = [Number(m[1]), Number(m[2])];
  } else {
    const dash = raw(s, i + 1);
    if (dash !== '-' && dash !== '\u2013') return undefined;
    [from, to, end] = [yearAt(s, i), yearAt(s, i + 2), i + 3];
  }
  if (from === undefined || to === undefined || !isYear(from) || !isYear(to)) return undefined;
  const before = raw(s, i - 1);
  if (tight(s, i) && (before === '$' || before === '-' || /\d/.test(before))) return undefined;
  if (tight(s, end) && /^[\d-]/.test(raw(s, end))) return undefined;
  return yearPeriod(i, end, from, to);
};

/** A dash with space on both sides ("1710 - 1774" is a number range to Recognizers-Text). */
function spacedDash(s: Scan, j: number): boolean {
  const r = raw(s, j);
  return (r === '-' || r === '\u2013') && !tight(s, j) && !tight(s, j + 1);
}

/**
 * A decade: "the 1990s", "1990's", "the '90s", "the 80s", as the .NET engine's DecadeWithCenturyRegex reads
 * one (the JS port returns nothing). With its century: `(1990-01-01,2000-01-01,P10Y)`. Without one:
 * `(XX80-01-01,XX90-01-01,P10Y)`, resolved to the last such decade that has begun and the next one (1980s
 * and 2080s), as the engine gives a past and a future value.
 */
const decade: Rule = (s, i) => {
  let j = word(s, i) === 'the' ? i + 1 : i;
  const apostrophe = raw(s, j) === "'" || raw(s, j) === '’';
  if (apostrophe) j++;
  const t = s.toks[j];
  const digits = t?.kind === 'number' ? t.lower : '';
  if (!digits.endsWith('0') || (digits.length !== 4 && digits.length !== 2)) return undefined;
  if (
    apostrophe
      ? digits.length !== 2 || !tight(s, j)
      : j === i && tight(s, i) && /[$\d.,-]/.test(raw(s, i - 1))
  )
    return undefined;
  let k = j + 1;
  if ((raw(s, k) === "'" || raw(s, k) === '’') && tight(s, k)) k++;
  if (word(s, k) !== 's' || !tight(s, k)) return undefined;
  const n = Number(digits);
  if (digits.length === 4) return isYear(n) ? yearPeriod(i, k + 1, n, n + 10) : undefined;
  const timex = `(XX${digits}-01-01,XX${pad((n + 10) % 100)}-01-01,P10Y)`;
  const century = Math.floor(s.today.y / 100) * 100;
  const future = century + n > s.today.y ? century + n : century + 100 + n;
  const values = [future - 100, future].map((y) => ({
    timex,
    start: `${pad(y, 4)}-01-01`,
    end: `${pad(y + 10, 4)}-01-01`,
  }));
  return temporal(i, k + 1, 'DateRange', values);
};

export const DATE_RULES: readonly StartRule[] = [
  {
    rule: dayFirstRange,
    on: { words: ['from', 'between', 'the', ...ORDINAL_WORDS.keys()], number: true, compound: true },
  },
  { rule: numericDate, on: { compound: true } },
  { rule: weekdayDate, on: { words: [...WEEKDAYS.keys()] } },
  { rule: monthFirst, on: { words: [...MONTHS.keys()] } },
  { rule: dayFirst, on: { words: ['the', ...ORDINAL_WORDS.keys()], number: true } },
  { rule: decade, on: { words: ['the'], number: true } },
  { rule: yearDashYear, on: { number: true, compound: true } },
  { rule: yearAlone, on: { number: true } },
];
