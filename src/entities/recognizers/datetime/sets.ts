/**
 * Recurring times: "daily", "weekly", "every day", "every two weeks", "every Monday", "every July", "on Mondays",
 * "every morning", "mornings", "weekends", "once a week".
 */
import { isoWeek } from './calendar.ts';
import { raw, tight, word } from './cursor.ts';
import { AMBIGUOUS_MONTHS, DAY_PARTS, MONTHS, SEASONS, SET_ADVERBS, UNITS, WEEKDAYS } from './lexicon.ts';
import { countedUnit } from './relative.ts';
import type { Rule, Scan, StartRule, Temporal } from './temporal.ts';
import { durationTimex, temporal } from './values.ts';

const PLURAL_WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ['mondays', 1],
  ['tuesdays', 2],
  ['wednesdays', 3],
  ['thursdays', 4],
  ['fridays', 5],
  ['saturdays', 6],
  ['sundays', 7],
]);

export function setOf(i0: number, i1: number, timex: string): Temporal {
  return temporal(i0, i1, 'SetTemporal', [{ timex, value: 'not resolved' }]);
}

/** "daily", "annual", "quarterly". */
const adverb: Rule = (s, i) => {
  const timex = SET_ADVERBS.get(word(s, i));
  return timex ? setOf(i, i + 1, timex) : undefined;
};

/** The recurrence of "bi-" or "semi-" and an adverb: "bi-weekly" every two weeks, "semi-annually" every six months. */
const PREFIXED_ADVERBS: ReadonlyMap<string, string> = new Map([
  ['bi weekly', 'P2W'],
  ['bi monthly', 'P2M'],
  ['semi annual', 'P6M'],
  ['semi annually', 'P6M'],
  ['bi annual', 'P6M'],
  ['bi annually', 'P6M'],
]);

/** "bi-weekly", "semi-annually": one set, where the adverb alone would be another. */
const prefixedAdverb: Rule = (s, i) => {
  if (raw(s, i + 1) !== '-' || !tight(s, i + 1) || !tight(s, i + 2)) return undefined;
  const timex = PREFIXED_ADVERBS.get(`${word(s, i)} ${word(s, i + 2)}`);
  return timex ? setOf(i, i + 3, timex) : undefined;
};

/**
 * "every day", "each week", "every 3 months", "every Monday", "every July", "every morning", "every summer",
 * "every other week".
 */
const every: Rule = (s, i) => {
  const w = word(s, i);
  if (w !== 'every' && w !== 'each') return undefined;
  const other = w === 'every' ? everyOther(s, i) : undefined;
  if (other) return other;
  const next = word(s, i + 1);
  const wd = WEEKDAYS.get(next);
  if (wd !== undefined && next.length > 3) return setOf(i, i + 2, `XXXX-WXX-${wd}`);
  // "every July", "every Sept" (but not "every may be": a month that is also a word needs its capital).
  const month = MONTHS.get(next);
  if (month !== undefined && (!AMBIGUOUS_MONTHS.has(next) || s.toks[i + 1]!.capital))
    return setOf(i, i + 2, `XXXX-${String(month).padStart(2, '0')}`);
  const part = DAY_PARTS.get(next);
  if (part) return setOf(i, i + 2, `T${part.timex}`);
  // "every summer", "each winter": the season's code.
  const season = SEASONS.get(next);
  if (season) return setOf(i, i + 2, season);
  // Recognizers-Text's timex for "every weekend" is the current week's weekend.
  if (next === 'weekend') return setOf(i, i + 2, `${isoWeek(s.today)}-WE`);
  const unit = UNITS.get(next);
  if (unit && !next.endsWith('s')) return setOf(i, i + 2, durationTimex(unit.factor, unit.letter, unit.time));
  if (w !== 'every') return undefined;
  const c = countedUnit(s, i + 1);
  if (!c || word(s, i + 1) === 'a' || word(s, i + 1) === 'an') return undefined;
  return setOf(i, c.next, durationTimex(c.n * c.unit.factor, c.unit.letter, c.unit.time));
};

/**
 * "every other Tuesday" (`XXXX-WXX-2`: the reference keeps the weekday's code), "every other week" (`P2W`),
 * "every second month" (`P2M`), "every other weekend" (this week's weekend, as for "every weekend").
 */
function everyOther(s: Scan, i: number): Temporal | undefined {
  const other = word(s, i + 1);
  if (other !== 'other' && other !== 'second') return undefined;
  const next = word(s, i + 2);
  const wd = WEEKDAYS.get(next);
  if (wd !== undefined && next.length > 3) return setOf(i, i + 3, `XXXX-WXX-${wd}`);
  if (next === 'weekend') return setOf(i, i + 3, `${isoWeek(s.today)}-WE`);
  const unit = UNITS.get(next);
  if (!unit || next.endsWith('s')) return undefined;
  return setOf(i, i + 3, durationTimex(2 * unit.factor, unit.letter, unit.time));
}

const PLURAL_DAY_PARTS: ReadonlyMap<string, string> = new Map([
  ['mornings', 'TMO'],
  ['afternoons', 'TAF'],
  ['evenings', 'TEV'],
  ['nights', 'TNI'],
]);

/** "Friday nights", "Sunday mornings". */
const weekdayParts: Rule = (s, i) => {
  const w = word(s, i);
  const wd = WEEKDAYS.get(w);
  const part = PLURAL_DAY_PARTS.get(word(s, i + 1));
  return wd !== undefined && part && w.length > 3 ? setOf(i, i + 2, `XXXX-WXX-${wd}${part}`) : undefined;
};

/**
 * "mornings", "late nights", "weekends" alone: the part of every day (TMO, TNI) or every weekend
 * (XXXX-WXX-WE), without "on" or "in the", as Recognizers-Text spans them ("open on weekends").
 */
const pluralPart: Rule = (s, i) => {
  // "late nights", "early mornings": Recognizers-Text takes the adjective into the span, not the timex.
  const lead = word(s, i) === 'early' || word(s, i) === 'late' ? 1 : 0;
  const w = word(s, i + lead);
  if (w === 'weekends') return setOf(i, i + lead + 1, 'XXXX-WXX-WE');
  const part = PLURAL_DAY_PARTS.get(w);
  return part ? setOf(i, i + lead + 1, part) : undefined;
};

/** "Mondays", "on Mondays". */
const pluralWeekday: Rule = (s, i) => {
  const on = word(s, i) === 'on' ? 1 : 0;
  const wd = PLURAL_WEEKDAYS.get(word(s, i + on));
  return wd === undefined ? undefined : setOf(i, i + on + 1, `XXXX-WXX-${wd}`);
};

/** "once a week", "once a year": a unit's period (not "once an hour", which the reference leaves unresolved). */
const once: Rule = (s, i) => {
  if (word(s, i) !== 'once' || word(s, i + 1) !== 'a') return undefined;
  const next = word(s, i + 2);
  const unit = UNITS.get(next);
  if (!unit || unit.time || next.endsWith('s')) return undefined;
  return setOf(i, i + 3, durationTimex(unit.factor, unit.letter, unit.time));
};

export const SET_RULES: readonly StartRule[] = [
  { rule: once, on: { words: ['once'] } },
  { rule: adverb, on: { words: [...SET_ADVERBS.keys()] } },
  { rule: prefixedAdverb, on: { words: ['bi', 'semi'] } },
  { rule: every, on: { words: ['every', 'each'] } },
  { rule: pluralWeekday, on: { words: ['on', ...PLURAL_WEEKDAYS.keys()] } },
  { rule: weekdayParts, on: { words: [...WEEKDAYS.keys()] } },
  { rule: pluralPart, on: { words: [...PLURAL_DAY_PARTS.keys(), 'weekends', 'early', 'late'] } },
];
