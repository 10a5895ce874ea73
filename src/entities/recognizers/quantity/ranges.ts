import type { RangeInclusivity, RangeKind } from '../../types.ts';
import type { NumberMatch } from './numbers.ts';

export interface RangeMatch {
  readonly start: number;
  readonly end: number;
  readonly rangeKind: RangeKind;
  readonly minimum: number;
  readonly maximum: number;
  readonly rangeInclusivity: RangeInclusivity;
}

/** What may follow or precede a range's numbers: a unit after the second, a currency before the first. */
export interface RangeUnits {
  after(text: string, n: NumberMatch): { readonly end: number; readonly rangeKind: RangeKind } | undefined;
  before(text: string, n: NumberMatch): number | undefined;
}

/** Words between two numbers that make a range, with the inclusivity Recognizers-Text (.NET) gives it. */
const JOINERS: ReadonlyMap<string, RangeInclusivity> = new Map([
  [' to ', 'LeftInclusive'],
  [' through ', 'LeftInclusive'],
  [' thru ', 'LeftInclusive'],
  ['-', 'LeftInclusive'],
  ['–', 'LeftInclusive'],
  [' – ', 'LeftInclusive'],
  ['~', 'LeftInclusive'],
]);

/** Lengths of the joiners and of " and ": other gaps are no range, whatever they hold. */
const GAP_LENGTHS: ReadonlySet<number> = new Set([...JOINERS.keys(), ' and '].map((j) => j.length));

/** A unit of time after a range's second number: the counts belong to a duration, not to a NumberRange. */
const TIME_UNIT_AFTER =
  /^\s+(?:years?|yrs?|decades?|months?|fortnights?|weeks?|days?|nights?|hours?|hrs?|minutes?|mins?|seconds?|secs?)\b/i;

/** "aged " or "ages " right before a range of two numbers. */
const AGED_BEFORE = /\b(?:[Aa]ged|[Aa]ges) $/;

const isYear = (n: NumberMatch, text: string): boolean =>
  n.kind === 'Integer' &&
  n.value >= 1000 &&
  n.value <= 2100 &&
  n.end - n.start === 4 &&
  /^\d+$/.test(text.slice(n.start, n.end));

/**
 * Closed ranges of two numbers: "between 5 and 10" (both ends excluded, as .NET's NumberRange has it),
 * not before a unit of time ("6 to 8 months" is a number and a duration),
 * "from 5 to 10", "5 to 10", "5-10 kg", "$5-$10" (lower end included). Open ones ("more than 5") have
 * no maximum in Azure's schema and are left out. A dash joins only ascending numbers, never two years
 * (a date range) or parts of a longer dashed run (phone numbers, scores "6-3").
 */
export function scanRanges(text: string, numbers: readonly NumberMatch[], units: RangeUnits): RangeMatch[] {
  const out: RangeMatch[] = [];
  for (let i = 0; i + 1 < numbers.length; i++) {
    const a = numbers[i]!;
    const b = numbers[i + 1]!;
    if (a.attached || b.start - a.end > 9) continue;
    const bStart = units.before(text, b) ?? b.start;
    if (!GAP_LENGTHS.has(bStart - a.end)) continue;
    const prefixA = units.before(text, a);
    const gap = text.slice(a.end, bStart).toLowerCase();
    const lead4 = text.slice(Math.max(0, a.start - 5), a.start).toLowerCase();
    const lead8 = text.slice(Math.max(0, a.start - 8), a.start).toLowerCase();
    let inclusivity: RangeInclusivity | undefined;
    let start = prefixA ?? a.start;
    if (gap === ' and ' && lead8 === 'between ') {
      inclusivity = 'NoneInclusive';
      start = a.start - 8;
    } else {
      inclusivity = JOINERS.get(gap);
      if (!inclusivity || !(a.value < b.value)) continue;
      if (gap.length === 1) {
        if (isYear(a, text) && isYear(b, text)) continue;
        if (/[\d-]/.test(text[a.start - 1] ?? '') || /^[-–~]\d/.test(text.slice(b.end, b.end + 2))) continue;
      }
      if (gap === ' to ' && lead4 === 'from ') start = Math.min(start, a.start - 5);
    }
    const unit = units.after(text, b);
    if (unit === undefined && b.attached) continue;
    // "six to eight months", "3-4 weeks": the reference reads "eight months" as a Duration and "six" as
    // a Number (DateTime's rules find the duration).
    if (unit === undefined && TIME_UNIT_AFTER.test(text.slice(b.end, b.end + 12))) continue;
    // "aged 18 to 65", "ages 5-12": a range of ages, the word in its span (the Age inside it gives way).
    const aged = unit === undefined && prefixA === undefined ? AGED_BEFORE.exec(text.slice(0, start)) : null;
    if (aged) start -= aged[0].length;
    out.push({
      start,
      end: unit?.end ?? b.end,
      rangeKind: aged
        ? 'Age'
        : (unit?.rangeKind ?? (prefixA !== undefined || bStart < b.start ? 'Currency' : 'Number')),
      minimum: Math.min(a.value, b.value),
      maximum: Math.max(a.value, b.value),
      rangeInclusivity: inclusivity,
    });
  }
  return out;
}
