import type { Candidate, Metadata, RangeKind, Recognizer } from '../../types.ts';
import type { EntityType } from '../../taxonomy.ts';
import { currencyAfter, currencyBefore, currencyMetadata } from './currencies.ts';
import { isPronounOne, scanNumbers, type NumberMatch } from './numbers.ts';
import { scanOrdinals } from './ordinals.ts';
import { scanRanges, type RangeUnits } from './ranges.ts';
import { unitAfter, unitMetadata } from './units.ts';

const CONFIDENCE = 0.8;
/** At most this many numbers (and as many ordinals) are read per document: bounds time and output. */
const MAX_NUMBERS = 1000;
/** At most this many candidates leave the recogniser. */
const MAX_CANDIDATES = 2000;

const PERCENT = /\s{0,2}(?:%|[Pp]er\s?[Cc]ent\b|PER CENT\b|PERCENT\b|pct\b|[Pp]ercentage\b)/y;
/** "age 45", "aged 45", "Age: 45": the reference's age prefix (and "aged", which it misses). */
const AGE_PREFIX = /\b(?:age|aged)\s?:?\s$/i;

/** Whether "%" or a "p" (per cent, pct, percentage) is among the three characters at `pos`. */
function percentSignNear(text: string, pos: number): boolean {
  for (let p = pos; p < pos + 3 && p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === 37 || (c | 32) === 112) return true;
  }
  return false;
}

function percentEnd(text: string, n: NumberMatch): number | undefined {
  if (!percentSignNear(text, n.end)) return undefined;
  PERCENT.lastIndex = n.end;
  const m = PERCENT.exec(text);
  return m ? n.end + m[0].length : undefined;
}

/** "€1.3bn", "$900m", "£5k": a scale written onto an amount after a currency sign (finance's shorthand). */
/** A scale right after an amount of money ("$5m", "$500B"), or a capital one after a space ("$18 M"). */
const SCALE = /(?:k|m|mn|mln|bn|b|tn|t|K|M|MN|MLN|B|BN|T|TN| M| B| BN| MN)(?![\p{L}\p{N}])/uy;
const SCALE_FACTORS: Readonly<Record<string, number>> = {
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  b: 1e9,
  bn: 1e9,
  t: 1e12,
  tn: 1e12,
};

/**
 * The scale right after an amount ("bn" in "€1.3bn"), with its end; only after a currency sign, where
 * "m" cannot be metres. Recognizers-Text's JS port stops at "€1.3" (value 1.3); the amount is 1.3 billion.
 */
function scaleAfter(
  text: string,
  end: number,
): { readonly end: number; readonly factor: number } | undefined {
  SCALE.lastIndex = end;
  const m = SCALE.exec(text);
  return m ? { end: end + m[0].length, factor: SCALE_FACTORS[m[0].trimStart().toLowerCase()]! } : undefined;
}

function add(out: Candidate[], start: number, end: number, type: EntityType, metadata: Metadata): void {
  out.push({ start, end, type, confidence: CONFIDENCE, source: 'rule', metadata });
}

/** "age " before a number: only a space-like character may precede it, so most numbers skip the regex. */
function agePrefix(text: string, start: number): number | undefined {
  const before = start > 0 ? text.charCodeAt(start - 1) : 0;
  if (start < 4 || (before > 32 && before !== 160 && before < 128)) return undefined;
  // The prefix ends "e", "d" or ":" before that space, or in a second space: other numbers skip the regex.
  const last = text.charCodeAt(start - 2);
  if (last > 32 && last < 128 && last !== 58 && (last | 32) !== 100 && (last | 32) !== 101) return undefined;
  return AGE_PREFIX.exec(text.slice(Math.max(0, start - 8), start))?.[0].length;
}

/** Module-level (not per call) so that a document costs no closure allocations. */
const RANGE_UNITS: RangeUnits = {
  after: (text, n) => {
    const percent = percentEnd(text, n);
    if (percent !== undefined) return { end: percent, rangeKind: 'Number' };
    const unit = unitAfter(text, n.end);
    if (unit) return { end: unit.end, rangeKind: unit.unit.kind as RangeKind };
    const c = currencyAfter(text, n.end);
    return c ? { end: c.end, rangeKind: 'Currency' } : undefined;
  },
  before: (text, n) => currencyBefore(text, n.start, true)?.start,
};

/**
 * Quantities as Recognizers-Text (English) finds them, each with Azure's 2025-11-01 metadata: Number,
 * Percentage, Ordinal, Age, Currency, Temperature, Length, Weight, Volume, Area, Speed, Information,
 * and NumberRange. Candidates overlap freely ("$200" is a Currency and "200" a Number): the pipeline's
 * overlap policy keeps the longest.
 */
export const findQuantities: Recognizer = (text) => {
  const out: Candidate[] = [];
  const numbers = scanNumbers(text, MAX_NUMBERS);
  for (const n of numbers) {
    if (!n.attached && !isPronounOne(text, n))
      add(out, n.start, n.end, 'Number', {
        metadataKind: 'NumberMetadata',
        numberKind: n.kind,
        value: n.value,
      });
    const percent = percentEnd(text, n);
    if (percent !== undefined) {
      add(out, n.start, percent, 'Percentage', {
        metadataKind: 'NumberMetadata',
        numberKind: 'Percent',
        value: n.value,
      });
    }
    const unit = unitAfter(text, n.end);
    if (unit) add(out, n.start, unit.end, unit.unit.kind, unitMetadata(unit.unit, n.value));
    const after = currencyAfter(text, n.end);
    if (after) add(out, n.start, after.end, 'Currency', currencyMetadata(after.currency, n.value));
    const before = currencyBefore(text, n.start);
    if (before) {
      const scaled = scaleAfter(text, n.end);
      // toPrecision(15): 4.35 × 1e9 is 4350000000.000001 in binary floating point.
      const value = scaled ? Number((n.value * scaled.factor).toPrecision(15)) : n.value;
      add(out, before.start, scaled?.end ?? n.end, 'Currency', currencyMetadata(before.currency, value));
    }
    const age = n.kind === 'Integer' && !n.attached ? agePrefix(text, n.start) : undefined;
    if (age !== undefined) {
      add(out, n.start - age, n.end, 'Age', {
        metadataKind: 'AgeMetadata',
        value: n.value,
        unit: 'Unspecified',
      });
    }
  }
  for (const o of scanOrdinals(text, numbers, MAX_NUMBERS)) {
    const { offset, relativeTo, value } = o;
    add(out, o.start, o.end, 'Ordinal', { metadataKind: 'OrdinalMetadata', offset, relativeTo, value });
  }
  for (const r of scanRanges(text, numbers, RANGE_UNITS)) {
    const { rangeKind, minimum, maximum, rangeInclusivity } = r;
    add(out, r.start, r.end, 'NumberRange', {
      metadataKind: 'NumericRangeMetadata',
      rangeKind,
      minimum,
      maximum,
      rangeInclusivity,
    });
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out.length > MAX_CANDIDATES ? out.slice(0, MAX_CANDIDATES) : out;
};
