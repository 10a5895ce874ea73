import type { Metadata } from '../../types.ts';
import { PhraseTrie } from './phrase-trie.ts';
import { isDigit, isLetter, isWordChar, skipSpaces } from './text-scan.ts';
import { MEASURE_SUFFIXES } from './unit-lists.ts';

/** The kinds of the reference's unit lists; `Angle` has no Azure type and is not used. */
export type MeasureKind =
  'Age' | 'Area' | 'Information' | 'Length' | 'Speed' | 'Temperature' | 'Volume' | 'Weight' | 'Angle';

export type UnitKind = Exclude<MeasureKind, 'Angle'>;

export interface Unit {
  readonly kind: UnitKind;
  /** Azure's unit enum name: "Kilometer", "MilesPerHour", "Celsius". */
  readonly unit: string;
}

/**
 * Phrases of the reference lists left out: "pm" would make "3pm" three picometres, and "in" is read as
 * inches only where it cannot be the preposition (`inIsPreposition`, checked in `unitAfter`).
 */
const LEFT_OUT = new Set(['pm']);

/**
 * Phrases the reference lists lack but Azure reads: its documentation's "Grandpa is sixty Y.O. today."
 * is an Age of 60 years.
 */
const ADDED: readonly (readonly [string, UnitKind, string])[] = [
  ['y.o.', 'Age', 'Year'],
  ['y.o', 'Age', 'Year'],
];

const SUFFIXES = new PhraseTrie<Unit>(false);
for (const [phrase, kind, unit] of [...MEASURE_SUFFIXES, ...ADDED]) {
  if (kind !== 'Angle' && !LEFT_OUT.has(phrase)) SUFFIXES.add(phrase, { kind, unit });
}

const IN_BEFORE_DATE =
  /^\s*(?:\d{4}|(?:jan|febr)uary|march|april|may|june|july|august|october|(?:sept|nov|dec)ember)\b/i;
/** After "in": another number, a ratio ("1 in 8 people", "9 in ten"). */
const IN_BEFORE_NUMBER = /^\s*(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)\b)/i;
/**
 * After "in": a name ("in Ohio"), a word that opens a prepositional phrase ("in the first half") or the
 * noun of a set phrase ("ruled 6-3 in favour", "5 in support").
 */
const IN_BEFORE_PHRASE =
  /^\s+(?:\p{Lu}|(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|each|every|all|some|total|order|addition|fact|case|which|front|time|a\s+row|favou?r|support|opposition|charge|place|line|response|return|exchange|full|part|advance|common|person|private|public|turn|effect|general|particular|contrast|between)\b)/u;
/** An amount of money ends at the number: "$112 in cash". */
const CURRENCY_BEFORE = /[$€£¥₹₩]\s?\d[\d.,]*$/u;
/** A year ends at the number: "born in 1995 in Ohio" is a year, not 1,995 inches. */
const YEAR_BEFORE = /(?:^|[^\d.,])(?:1\d{3}|20\d{2}|2100)$/;

/**
 * "in" after a number is the preposition, not inches, before a date ("5 in 2019"), another number ("1 in 8"), a name or a phrase
 * ("3 in the first half", "1995 in Ohio"), after a year or an amount of money ("$112 in cash"), and after a
 * number written in words ("$112 billion in damage", "two in the morning": inches are written with digits). Recognizers-Text reads all
 * of these as inches, and the longer span then hides the year, the amount or the plain number.
 */
function inIsPreposition(text: string, numberEnd: number, unitEnd: number): boolean {
  const after = text.slice(unitEnd, unitEnd + 12);
  return (
    (numberEnd > 0 && isLetter(text.charCodeAt(numberEnd - 1))) ||
    IN_BEFORE_DATE.test(after) ||
    IN_BEFORE_NUMBER.test(after) ||
    IN_BEFORE_PHRASE.test(after) ||
    YEAR_BEFORE.test(text.slice(Math.max(0, numberEnd - 5), numberEnd)) ||
    CURRENCY_BEFORE.test(text.slice(Math.max(0, numberEnd - 24), numberEnd))
  );
}

/** A code or an abbreviation goes on after the letters: "40 F-15 fighters", "158 F / A-18s", "2-1 F.C. Valletta". */
const MODEL_CODE_AFTER = /^(?:-\d|\.\p{Lu}|\s?\/\s?\p{Lu}+-?\d)/u;

/** One-letter units the reference reads only as written in lower case. */
const LOWER_CASE_ONLY: ReadonlySet<string> = new Set(['g', 'm']);

/** Nothing word-like right after a unit: "5 km," but not "5 kmh". */
export function endsWord(text: string, end: number): boolean {
  return end >= text.length || !isWordChar(text.charCodeAt(end));
}

/** The measure unit right after a number ending at `end` ("5 km", "20GB", "12-inch"), with its end. */
export function unitAfter(
  text: string,
  end: number,
): { readonly end: number; readonly unit: Unit } | undefined {
  const from = skipSpaces(text, end, 2);
  const m = SUFFIXES.match(text, from, endsWord);
  if (!m) return undefined;
  const written = text.slice(from, m.edge).toLowerCase();
  // "5G phones", "3M tape": the reference reads grams and metres only in lower case ("5g", "3 m").
  if (m.edge - from === 1 && LOWER_CASE_ONLY.has(written) && text[from] !== written) return undefined;
  if (written === 'in' && inIsPreposition(text, end, m.edge)) return undefined;
  if (MODEL_CODE_AFTER.test(text.slice(m.edge, m.edge + 8))) return undefined;
  if (written === '"' && quotedNumber(text, end)) return undefined;
  return { end: m.edge, unit: m.values[0]! };
}

/** A number's own characters, read back from its end: digits, separators, a currency sign. */
const NUMBER_CHAR = /[\d.,$€£¥]/;

/**
 * Whether the number ending at `end` opens right after a double quote ('"60"', '"$60"'): then the quote
 * after it closes the quotation and is no inch mark (a 27" monitor keeps its inches).
 */
function quotedNumber(text: string, end: number): boolean {
  let i = end - 1;
  while (i >= 0 && end - i <= 24 && NUMBER_CHAR.test(text[i] as string)) i--;
  const c = text.charCodeAt(i);
  return c === 34 || c === 0x201c;
}

/** Does a digit or letter follow `pos` after at most one space? (for the reference's ambiguity filters) */
export function wordFollows(text: string, pos: number): boolean {
  const p = skipSpaces(text, pos, 1);
  if (p >= text.length) return false;
  const c = text.charCodeAt(p);
  return isDigit(c) || isLetter(c);
}

const METADATA_KIND = {
  Age: 'AgeMetadata',
  Area: 'AreaMetadata',
  Information: 'InformationMetadata',
  Length: 'LengthMetadata',
  Speed: 'SpeedMetadata',
  Temperature: 'TemperatureMetadata',
  Volume: 'VolumeMetadata',
  Weight: 'WeightMetadata',
} as const satisfies Record<UnitKind, string>;

export function unitMetadata(unit: Unit, value: number): Metadata {
  return { metadataKind: METADATA_KIND[unit.kind], value, unit: unit.unit };
}
