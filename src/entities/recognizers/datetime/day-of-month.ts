/**
 * "See you on the 3rd", "starts on the 15th": a day of the month alone, after "on", is a Date of no
 * month, `XXXX-XX-15`, resolved as Recognizers-Text resolves it: the last such day up to today and the
 * next after it. The span is "the 15th", as the reference's. Two departures: a month without the day is
 * skipped ("the 31st" in December is October 31 and December 31; the reference gives December 1 for the
 * first), and a noun after it ("on the 3rd floor", "on the 15th and 17th holes") or golf before it ("a
 * birdie on the 16th") makes it no date.
 */
import { addMonths, compareDays, isValidDay, pad, type Day } from './calendar.ts';
import { int, raw, tight, word } from './cursor.ts';
import { ORDINAL_SUFFIXES } from './lexicon.ts';
import type { Rule, StartRule } from './temporal.ts';
import { dateOf } from './values.ts';

/** Words after the day that go on with the sentence, not with a noun the ordinal counts. */
const GOES_ON: ReadonlySet<string> = new Set(
  'and or at to for but so with when if then from until till by in we i you they he she it please'.split(' '),
);

/** Golf words shortly before: the ordinal is a hole ("a birdie on the 16th"). */
const GOLF_BEFORE = /\b(?:birdie|birdies|bogey|bogeys|eagle|par|putt|putts|hole|holes|tee|green|fairway)\b/i;

/** The last day `d` of a month up to `today`, and the next after it. */
function monthlessDays(today: Day, d: number): Day[] {
  let past: Day = { y: today.y, m: today.m, d };
  for (let k = 0; !isValidDay(past.y, past.m, d) || compareDays(past, today) > 0; k++) {
    if (k > 12) return [];
    const month = addMonths({ y: past.y, m: past.m, d: 1 }, -1);
    past = { y: month.y, m: month.m, d };
  }
  let future: Day = { y: past.y, m: past.m, d };
  for (let k = 0; !isValidDay(future.y, future.m, d) || compareDays(future, today) <= 0; k++) {
    if (k > 12) return [past];
    const month = addMonths({ y: future.y, m: future.m, d: 1 }, 1);
    future = { y: month.y, m: month.m, d };
  }
  return [past, future];
}

/** "the 15th" at `i` (the word "the"), after "on". */
const dayOfMonthAfterOn: Rule = (s, i) => {
  if (word(s, i - 1) !== 'on') return undefined;
  const d = int(s, i + 1);
  const suffix = word(s, i + 2);
  if (!(d >= 1 && d <= 31) || !ORDINAL_SUFFIXES.has(suffix) || !tight(s, i + 2)) return undefined;
  const next = s.toks[i + 3];
  if (next && next.kind === 'word' && !GOES_ON.has(next.lower)) return undefined;
  if (next && raw(s, i + 3) === '-') return undefined; // "the 3rd-floor office"
  // "on the 15th and 17th holes": a second ordinal that counts a noun counts the first's too.
  if ((next?.lower === 'and' || next?.lower === 'or') && ORDINAL_SUFFIXES.has(word(s, i + 5))) {
    const after = s.toks[i + 6];
    if (after && after.kind === 'word' && !GOES_ON.has(after.lower)) return undefined;
  }
  // "a birdie on the 16th": a golf course's holes.
  if (GOLF_BEFORE.test(s.text.slice(Math.max(0, s.toks[i]!.start - 40), s.toks[i]!.start))) return undefined;
  const days = monthlessDays(s.today, d);
  if (days.length === 0) return undefined;
  return dateOf(i, i + 3, { timex: `XXXX-XX-${pad(d)}`, days });
};

export const DAY_OF_MONTH_RULES: readonly StartRule[] = [{ rule: dayOfMonthAfterOn, on: { words: ['the'] } }];
