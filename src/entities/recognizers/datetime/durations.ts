/** Durations: "3 days", "two hours", "1.5 hours", "two and a half hours", "half an hour", "a 3-night stay", "5-year". */
import { cardinal, raw, tight, vagueCount, word } from './cursor.ts';
import { COMPOUND_UNITS, UNITS, type Unit } from './lexicon.ts';
import { andAHalfAt, COUNT_STARTS, countedUnit, unitAt } from './relative.ts';
import type { Rule, Scan, StartRule, Temporal } from './temporal.ts';
import { durationTimex, temporal } from './values.ts';

export function durationOf(i0: number, i1: number, amount: number, unit: Unit): Temporal {
  const timex = durationTimex(amount * unit.factor, unit.letter, unit.time);
  return temporal(i0, i1, 'Duration', [
    { timex, duration: timex, value: String(Math.round(amount * unit.seconds * unit.factor)) },
  ]);
}

/** "3-night", "5-year", "one-day", "90-minute" (written as one hyphenated word). */
const hyphenated: Rule = (s, i) => {
  const c = cardinal(s, i);
  if (!c) return undefined;
  const dash = i + c.len;
  if (raw(s, dash) !== '-' || !tight(s, dash) || !tight(s, dash + 1)) return undefined;
  const w = word(s, dash + 1);
  const unit = UNITS.get(w) ?? COMPOUND_UNITS.get(w);
  if (!unit || w.endsWith('s')) return undefined;
  return durationOf(i, dash + 2, c.value, unit);
};

/** "3 days", "two weeks", "a year", "1.5 hours", "two and a half hours", "half an hour", "a half hour". */
const counted: Rule = (s, i) => {
  const w = word(s, i);
  const vague = vagueCount(s, i);
  if (vague) {
    const unit = UNITS.get(word(s, vague.next));
    return unit && word(s, vague.next).endsWith('s')
      ? durationOf(i, vague.next + 1, vague.n, unit)
      : undefined;
  }
  if (w === 'full' || w === 'whole' || w === 'all') {
    const unit = UNITS.get(word(s, i + 1));
    return unit && !word(s, i + 1).endsWith('s') ? durationOf(i, i + 2, 1, unit) : undefined;
  }
  if (w === 'half' && (word(s, i + 1) === 'an' || word(s, i + 1) === 'a')) {
    const unit = UNITS.get(word(s, i + 2));
    return unit ? durationOf(i, i + 3, 0.5, unit) : undefined;
  }
  // "half hour", "a half day": half of one unit, as the reference reads them (not "half-hour").
  const a = w === 'a' && word(s, i + 1) === 'half' ? 1 : 0;
  if (word(s, i + a) === 'half' && !tight(s, i + a + 1)) {
    const name = word(s, i + a + 1);
    const unit = UNITS.get(name);
    return unit && !name.endsWith('s') ? durationOf(i, i + a + 2, 0.5, unit) : undefined;
  }
  const c = cardinal(s, i);
  if (c && andAHalfAt(s, i + c.len)) {
    const unit = UNITS.get(word(s, i + c.len + 3));
    if (unit) return durationOf(i, i + c.len + 4, c.value + 0.5, unit);
  }
  if (c && raw(s, i + c.len) === '(') {
    const inFigures = figuresAfter(s, i, i + c.len + 1, c.value);
    if (inFigures !== undefined) return inFigures;
  }
  const cu = countedUnit(s, i);
  if (!cu) return undefined;
  // "a second" (time) and "a second ..." (ordinal) read alike; only counted seconds are durations.
  if ((w === 'a' || w === 'an') && word(s, i + 1) === 'second') return undefined;
  // "an hour and a half", "3 years and a half": half a unit more, as the reference reads it.
  if (andAHalfAt(s, cu.next)) return durationOf(i, cu.next + 3, cu.n + 0.5, cu.unit);
  // "1 second" is fine, but "second" after a bare number that is part of a list ("1 second place") is rare.
  return durationOf(i, cu.next, cu.n, cu.unit);
};

/**
 * A contract's count in words, then in figures: "thirty (30) days", "three (3) years". The words start
 * at token `i`, the figures at `at` (after "("), then ")" and a unit; the duration spans all of it.
 */
function figuresAfter(s: Scan, i: number, at: number, value: number): Temporal | undefined {
  const figures = cardinal(s, at);
  if (!figures || figures.value !== value || raw(s, at + figures.len) !== ')') return undefined;
  const name = word(s, at + figures.len + 1);
  const unit = UNITS.get(name);
  if (!unit || (value !== 1 && !name.endsWith('s'))) return undefined;
  return durationOf(i, at + figures.len + 2, value, unit);
}

/** Two counts joined by a dash, as one token: "3-4", "8–10". */
const COUNT_SPAN = /^(\d{1,3})[-\u2013](\d{1,3})$/;

/**
 * "3-4 weeks", "8-10 mins": the reference reads the upper bound with the unit as the duration ("4
 * weeks") and the lower bound as a number; so does this rule. "six to eight months" needs no rule:
 * "eight months" is a duration of its own.
 */
const countSpan: Rule = (s, i) => {
  const t = s.toks[i]!;
  const m = t.kind === 'compound' ? COUNT_SPAN.exec(t.lower) : null;
  if (!m || Number(m[1]) >= Number(m[2])) return undefined;
  const at = unitAt(s, i + 1);
  if (!at?.plural) return undefined;
  const d = durationOf(i, at.next, Number(m[2]), at.unit);
  return { ...d, from: t.end - m[2]!.length };
};

/** RT's duration modifiers: "after 17 years", "more than 20 years", "less than two hours". */
const DURATION_MODS: ReadonlyMap<string, string> = new Map([
  ['after', 'after'],
  ['more than', 'more'],
  ['over', 'more'],
  ['less than', 'less'],
  ['under', 'less'],
  ['fewer than', 'less'],
]);

/** "after 17 years", "more than 20 years". */
const modifiedDuration: Rule = (s, i) => {
  const one = word(s, i);
  const two = `${one} ${word(s, i + 1)}`;
  const mod = DURATION_MODS.get(two) ?? (one === 'after' ? 'after' : undefined);
  if (!mod) return undefined;
  const j = DURATION_MODS.has(two) ? i + 2 : i + 1;
  const d = counted(s, j);
  if (!d) return undefined;
  return temporal(i, d.i1, 'Duration', [{ ...d.values[0]!, mod }]);
};

const COUNTED_STARTS = ['several', 'couple', 'full', 'whole', 'all', 'half', ...COUNT_STARTS.words];

export const DURATION_RULES: readonly StartRule[] = [
  { rule: hyphenated, on: COUNT_STARTS },
  { rule: counted, on: { ...COUNT_STARTS, words: COUNTED_STARTS } },
  { rule: countSpan, on: { compound: true } },
  { rule: modifiedDuration, on: { words: ['after', 'more', 'over', 'less', 'under', 'fewer'] } },
];
