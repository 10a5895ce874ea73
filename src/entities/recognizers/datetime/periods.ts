/** Parts of a year: "Q3 2024", "the third quarter of 1996", "second-quarter", "H1 2024", "second half of 1996", seasons. */
import { compareDays, pad } from './calendar.ts';
import { int, raw, tight, word } from './cursor.ts';
import { ORDINAL_SUFFIXES, ORDINAL_WORDS, SEASONS } from './lexicon.ts';
import { yearAt } from './dates.ts';
import type { Resolution, Rule, Scan, StartRule } from './temporal.ts';
import { dayRange, temporal } from './values.ts';

/** `(2024-07-01,2024-10-01,P3M)` for the `index`-th block of `months` months in year `y` (or XXXX). */
function block(y: number | undefined, index: number, months: number, yearFor: number): Resolution {
  const m1 = (index - 1) * months + 1;
  const m2 = m1 + months;
  const endY = m2 > 12 ? yearFor + 1 : yearFor;
  const endM = m2 > 12 ? 1 : m2;
  const yy = y === undefined ? 'XXXX' : pad(y, 4);
  const yEnd = y === undefined ? 'XXXX' : pad(endY, 4);
  const timex = `(${yy}-${pad(m1)}-01,${yEnd}-${pad(endM)}-01,P${months}M)`;
  return dayRange(timex, { y: yearFor, m: m1, d: 1 }, { y: endY, m: endM, d: 1 });
}

/** A block without a year: the one that has ended gives this year and next, else last year and this. */
function blocks(s: Scan, y: number | undefined, index: number, months: number): Resolution[] {
  if (y !== undefined) return [block(y, index, months, y)];
  const m2 = index * months + 1;
  const end = m2 > 12 ? { y: s.today.y + 1, m: 1, d: 1 } : { y: s.today.y, m: m2, d: 1 };
  const base = compareDays(end, s.today) <= 0 ? s.today.y : s.today.y - 1;
  return [block(undefined, index, months, base), block(undefined, index, months, base + 1)];
}

const YEAR_SHIFTS: ReadonlyMap<string, number> = new Map([
  ['this', 0],
  ['last', -1],
  ['next', 1],
]);

/** The year after a period: "2024", "of 1996". */
function yearAfter(s: Scan, j: number): { y: number; next: number } | undefined {
  const k = word(s, j) === 'of' ? j + 1 : j;
  const y = yearAt(s, k);
  if (y !== undefined) return { y, next: k + 1 };
  // "of this year", "of last year"
  const shift = YEAR_SHIFTS.get(word(s, k));
  if (k === j + 1 && shift !== undefined && word(s, k + 1) === 'year')
    return { y: s.today.y + shift, next: k + 2 };
  return undefined;
}

/** "Q3", "Q3 2024", "H1 2024". */
const coded: Rule = (s, i) => {
  const w = word(s, i);
  if ((w !== 'q' && w !== 'h') || !tight(s, i + 1)) return undefined;
  if (tight(s, i + 2) && s.toks[i + 2]?.kind === 'word') return undefined;
  const index = Number(raw(s, i + 1));
  const months = w === 'q' ? 3 : 6;
  if (!(index >= 1 && index <= 12 / months) || raw(s, i + 1).length !== 1) return undefined;
  const len = 2;
  const ya = yearAfter(s, i + len);
  if (w === 'h' && !ya) return undefined;
  return temporal(i, ya ? ya.next : i + len, 'DateRange', blocks(s, ya?.y, index, months));
};

/** The ordinal at `k`, a word ("third") or digits and their suffix ("3rd"), and the token after it. */
function ordinalAt(s: Scan, k: number): { n: number; next: number } | undefined {
  const n = ORDINAL_WORDS.get(word(s, k));
  if (n !== undefined) return { n, next: k + 1 };
  const digits = raw(s, k);
  if (digits.length !== 1 || !ORDINAL_SUFFIXES.has(word(s, k + 1)) || !tight(s, k + 1)) return undefined;
  const value = int(s, k);
  return value >= 1 ? { n: value, next: k + 2 } : undefined;
}

/** "the third quarter of 1996", "first quarter", "3rd quarter", "second-quarter", "the second half of 1996". */
const ordinalBlock: Rule = (s, i) => {
  const the = word(s, i) === 'the' ? 1 : 0;
  const ordinal = ordinalAt(s, i + the);
  if (ordinal === undefined) return undefined;
  const { n } = ordinal;
  let j = ordinal.next;
  if (raw(s, j) === '-' && tight(s, j)) j++;
  const unit = word(s, j);
  const months = unit === 'quarter' ? 3 : unit === 'half' ? 6 : 0;
  if (months === 0 || n > 12 / months) return undefined;
  const ya = yearAfter(s, j + 1);
  if (months === 6 && !ya) return undefined;
  return temporal(i, ya ? ya.next : j + 1, 'DateRange', blocks(s, ya?.y, n, months));
};

const SEASON_SHIFTS: ReadonlyMap<string, number> = new Map([
  ['this', 0],
  ['last', -1],
  ['next', 1],
  ['following', 1],
]);
/** "early spring", "late autumn": the season itself, as Recognizers-Text resolves them (no `Mod`). */
const SEASON_EDGES: ReadonlySet<string> = new Set(['early', 'mid', 'late']);

/** "summer", "the summer", "last summer", "summer of 1996", "fall 2004" ("fall" only when it can't be the verb). */
const season: Rule = (s, i) => {
  const lead = word(s, i);
  const shift = SEASON_SHIFTS.get(lead);
  const skip = shift !== undefined || lead === 'the' || SEASON_EDGES.has(lead) ? 1 : 0;
  const w = word(s, i + skip);
  const code = SEASONS.get(w);
  if (!code) return undefined;
  const ya = yearAfter(s, i + skip + 1);
  if (ya)
    return temporal(i, ya.next, 'DateRange', [{ timex: `${pad(ya.y, 4)}-${code}`, value: 'not resolved' }]);
  if (w === 'fall' && skip === 0 && !s.toks[i]!.capital) return undefined;
  const timex = shift === undefined ? code : `${pad(s.today.y + shift, 4)}-${code}`;
  return temporal(i, i + skip + 1, 'DateRange', [{ timex, value: 'not resolved' }]);
};

export const PERIOD_RULES: readonly StartRule[] = [
  { rule: coded, on: { words: ['q', 'h'] } },
  { rule: ordinalBlock, on: { words: ['the', ...ORDINAL_WORDS.keys()], number: true } },
  { rule: season, on: { words: ['the', ...SEASON_SHIFTS.keys(), ...SEASON_EDGES, ...SEASONS.keys()] } },
];
