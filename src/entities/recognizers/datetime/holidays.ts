/** Fixed-date holidays: "Christmas", "New Year's Day", "Halloween", "Independence Day". */
import { pad } from './calendar.ts';
import { raw, word } from './cursor.ts';
import type { Rule, StartRule } from './temporal.ts';
import { yearAt } from './dates.ts';
import { dateOf, yearlessDays } from './values.ts';

/** Holiday name (its words, space-joined; "'s" kept as a word) → month and day. */
const HOLIDAYS: ReadonlyMap<string, readonly [number, number]> = new Map([
  ['christmas', [12, 25]],
  ['new year', [1, 1]],
  ['christmas day', [12, 25]],
  ['christmas eve', [12, 24]],
  ['xmas', [12, 25]],
  ['new year s day', [1, 1]],
  ['new year s eve', [12, 31]],
  ['new years eve', [12, 31]],
  ['halloween', [10, 31]],
  ['valentine s day', [2, 14]],
  ['independence day', [7, 4]],
  ['boxing day', [12, 26]],
]);
const FIRST_WORDS: ReadonlySet<string> = new Set([...HOLIDAYS.keys()].map((k) => k.split(' ')[0]!));

/** The longest holiday name starting at `i` (apostrophes are skipped). */
const holiday: Rule = (s, i) => {
  if (!FIRST_WORDS.has(word(s, i)) || !s.toks[i]!.capital) return undefined;
  let best: { md: readonly [number, number]; i1: number } | undefined;
  let key = '';
  for (let j = i; j < i + 5 && j < s.toks.length; j++) {
    const r = raw(s, j);
    if (r === "'" || r === '\u2019') continue;
    key = key ? `${key} ${r}` : r;
    const md = HOLIDAYS.get(key);
    if (md) best = { md, i1: j + 1 };
  }
  if (!best) return undefined;
  const [m, d] = best.md;
  // "Christmas Day 2021": the holiday of that year, as Recognizers-Text reads it.
  const y = yearAt(s, best.i1);
  if (y !== undefined)
    return dateOf(i, best.i1 + 1, { timex: `${pad(y, 4)}-${pad(m)}-${pad(d)}`, days: [{ y, m, d }] });
  const days = yearlessDays(s.today, m, d);
  return days ? dateOf(i, best.i1, { timex: `XXXX-${pad(m)}-${pad(d)}`, days }) : undefined;
};

export const HOLIDAY_RULES: readonly StartRule[] = [{ rule: holiday, on: { words: [...FIRST_WORDS] } }];
