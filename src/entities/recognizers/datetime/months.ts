/** Months with a word around them: "last August", "this May", "August last year", "early August", "mid-August". */
import { pad } from './calendar.ts';
import { raw, tight, word } from './cursor.ts';
import { MONTHS } from './lexicon.ts';
import type { Resolution, Rule, Scan, StartRule } from './temporal.ts';
import { dayRange, monthRange, temporal, yearlessMonthYears } from './values.ts';

const YEAR_SHIFTS: ReadonlyMap<string, number> = new Map([
  ['last', -1],
  ['this', 0],
  ['next', 1],
]);

/** Part of a month: RT's `Mod` and the days it covers. */
const PARTS: ReadonlyMap<string, { mod: string; from: number; toEnd: boolean }> = new Map([
  ['early', { mod: 'start', from: 1, toEnd: false }],
  ['mid', { mod: 'mid', from: 16, toEnd: true }],
  ['late', { mod: 'end', from: 16, toEnd: true }],
]);

function month(s: Scan, i: number): number | undefined {
  const t = s.toks[i];
  return t && t.kind === 'word' && (t.capital || t.lower !== 'may') ? MONTHS.get(t.lower) : undefined;
}

/** "last August" (last year's), "this May", "next March". */
const shiftedMonth: Rule = (s, i) => {
  const shift = YEAR_SHIFTS.get(word(s, i));
  const m = month(s, i + 1);
  if (shift === undefined || m === undefined) return undefined;
  const y = s.today.y + shift;
  return temporal(i, i + 2, 'DateRange', [monthRange(`${pad(y, 4)}-${pad(m)}`, y, m)]);
};

/** "August last year", "May this year". */
const monthOfShiftedYear: Rule = (s, i) => {
  const m = month(s, i);
  const shift = YEAR_SHIFTS.get(word(s, i + 1));
  if (m === undefined || shift === undefined || word(s, i + 2) !== 'year') return undefined;
  const y = s.today.y + shift;
  return temporal(i, i + 3, 'DateRange', [monthRange(`${pad(y, 4)}-${pad(m)}`, y, m)]);
};

/** "early August", "mid-August", "late May". */
const partOfMonth: Rule = (s, i) => {
  const part = PARTS.get(word(s, i));
  if (!part) return undefined;
  const j = raw(s, i + 1) === '-' && tight(s, i + 1) ? i + 2 : i + 1;
  const m = month(s, j);
  if (m === undefined || !s.toks[j]!.capital) return undefined;
  const values: Resolution[] = yearlessMonthYears(s.today, m).map((y) => {
    const start = { y, m, d: part.from };
    const end = part.toEnd ? (m === 12 ? { y: y + 1, m: 1, d: 1 } : { y, m: m + 1, d: 1 }) : { y, m, d: 16 };
    return dayRange(`XXXX-${pad(m)}`, start, end, part.mod);
  });
  return temporal(i, j + 1, 'DateRange', values);
};

export const MONTH_RULES: readonly StartRule[] = [
  { rule: shiftedMonth, on: { words: [...YEAR_SHIFTS.keys()] } },
  { rule: monthOfShiftedYear, on: { words: [...MONTHS.keys()] } },
  { rule: partOfMonth, on: { words: [...PARTS.keys()] } },
];
