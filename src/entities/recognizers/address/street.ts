/**
 * Street lines: the house number, the street name and its type, and a unit. Each parser returns word
 * indexes [first, last] of the street, or undefined.
 */
import {
  AFTER_TYPES,
  BARE_STREETS,
  COMPOUND_ENDINGS,
  DIRECTIONS,
  NOT_STREET_START,
  PARTICLES,
  PREFIX_TYPES,
  STREET_SUFFIXES,
  UNIT_WORDS,
  WEAK_SUFFIXES,
} from './lexicon.ts';
import type { Words } from './tokens.ts';

export interface Street {
  readonly first: number;
  readonly last: number;
  /** Whether the street is named with a type word (street suffix, "Rue", "-straße"). */
  readonly typed: boolean;
  /**
   * Whether the type is a common noun as well ("10 Best Way", "3 Kings Court"): such a street needs a
   * locality after it or a cue before it ("at", "lives") to count alone.
   */
  readonly weak: boolean;
}

const HOUSE_NUMBER = /^[1-9]\d{0,4}[A-Za-z]?$|^[1-9]\d{0,4}-\d{1,5}[A-Za-z]?$/;
const ORDINAL = /^\d{1,3}(?:st|nd|rd|th)$/i;
const YEAR = /^(?:1[89]|20)\d\d$/;
const YEAR_PREPOSITIONS = new Set(['in', 'since', 'by', 'until', 'from', 'before', 'after', 'of', 'during']);
const MAX_NAME_WORDS = 5;

/**
 * Street types that name a numbered street alone ("5th Avenue", "42nd St"), never a common noun; not
 * "Rd", which is also a round ("a 4th Rd pick", WNUT17 train).
 */
const NUMBERED_STREET_TYPES: ReadonlySet<string> = new Set(
  'street st avenue ave road boulevard blvd parkway pkwy'.split(' '),
);

/**
 * A numbered street without a house number ("5th Avenue", "57th Street", "42nd St NW"): the index of its
 * last word, or -1. Its type is capitalised, as a name's is ("the 5th street vendor" is no street).
 */
export function numberedStreet(w: Words, i: number): number {
  if (!ORDINAL.test(w.at(i)!.s) || !w.spaced(i) || i + 1 >= w.length) return -1;
  if (!NUMBERED_STREET_TYPES.has(w.at(i + 1)!.norm) || !w.capitalised(i + 1)) return -1;
  const direction = w.at(i + 2);
  return direction && DIRECTIONS.has(direction.s) && direction.s.length <= 2 ? i + 2 : i + 1;
}

/** Words before a road's number: "Route 66", "Highway 101", "Interstate 95". Capitalised, as a name's are. */
const ROAD_WORDS: ReadonlySet<string> = new Set(['route', 'highway', 'hwy', 'interstate']);
const ROAD_NUMBER = /^[1-9]\d{0,2}[A-Z]?$/;
/** An interstate written with its letter: "I-95", "I-5". */
const INTERSTATE = /^I-[1-9]\d{0,2}$/;
/** Chat writes it in lower case ("traffic on i-5"): then only after a word that leads to a road. */
const LOWER_INTERSTATE = /^i-[1-9]\d{0,2}$/;
const ROAD_LEADS: ReadonlySet<string> = new Set([
  'on',
  'onto',
  'off',
  'take',
  'took',
  'taking',
  'via',
  'along',
]);

/**
 * A numbered road: "Route 66", "Highway 101", "I-95" ("on i-5" in chat), with a direction after it ("I-95 North"). The
 * indexes [first, last] of its words, or undefined; `i` is its number's word (or the "I-95" word).
 */
export function numberedRoad(w: Words, i: number): { first: number; last: number } | undefined {
  const word = w.at(i)!;
  let first: number;
  if (INTERSTATE.test(word.s)) first = i;
  else if (LOWER_INTERSTATE.test(word.s) && ROAD_LEADS.has(w.at(i - 1)?.norm ?? '') && w.spaced(i - 1))
    first = i;
  else if (ROAD_NUMBER.test(word.s) && i > 0 && w.spaced(i - 1)) {
    if (!ROAD_WORDS.has(w.at(i - 1)!.norm) || !w.capitalised(i - 1)) return undefined;
    first = i - 1;
  } else return undefined;
  const direction = w.at(i + 1);
  const last = direction && DIRECTIONS.has(direction.s) && direction.s.length > 2 ? i + 1 : i;
  return { first, last };
}

/** "1 Microsoft Way", "221B Baker Street", "1600 Pennsylvania Ave NW", "99 Rue de Rivoli", "1585 Broadway". */
export function numberFirst(w: Words, i: number): Street | undefined {
  const num = w.at(i)!;
  if (!HOUSE_NUMBER.test(num.s) || !w.spaced(i)) return undefined;
  if (/[$€£¥./:+-]/.test(w.text[num.start - 1] ?? '')) return undefined; // "$5", "3.5", "10:30"
  if (YEAR.test(num.s) && YEAR_PREPOSITIONS.has(w.at(i - 1)?.norm ?? '')) return undefined; // "in 2019 Main Street ..."
  let j = i + 1;
  if (PREFIX_TYPES.has(w.at(j)!.norm)) {
    // "99 Rue de Rivoli"; French writes "12 rue de la Paix" too.
    const last = continentalName(w, j);
    return last > j ? { first: i, last: unit(w, last), typed: true, weak: false } : undefined;
  }
  if (!w.capitalised(j) && !ORDINAL.test(w.at(j)!.s)) return undefined;
  if (BARE_STREETS.has(w.at(j)!.norm)) return { first: i, last: unit(w, j), typed: true, weak: false };
  if (DIRECTIONS.has(w.at(j)!.s) && w.spaced(j)) j++;
  let suffix = -1;
  for (let k = j, words = 0; k < w.length && words < MAX_NAME_WORDS; k++, words++) {
    const isSuffix = words > 0 && STREET_SUFFIXES.has(w.at(k)!.norm);
    if (!isSuffix && !w.capitalised(k) && !ORDINAL.test(w.at(k)!.s)) break;
    // "Paris St Germain", "St Louis": "St" before a capitalised name is Saint, not Street.
    const saint =
      isSuffix &&
      w.at(k)!.norm === 'st' &&
      w.spaced(k) &&
      w.capitalised(k + 1) &&
      !DIRECTIONS.has(w.at(k + 1)!.s);
    if (isSuffix && !saint) suffix = k;
    if (!w.spaced(k)) break;
  }
  if (suffix < 0) return undefined;
  let last = suffix;
  // "Pennsylvania Ave NW": a trailing compass code, unless the period after an abbreviation ends it.
  const after = w.at(last + 1);
  if (after && /^[NSEW]{1,2}$/.test(after.s) && DIRECTIONS.has(after.s) && w.spaced(last)) last++;
  // "200 First Avenue North, Seattle": a direction in full that ends the street's line, not one that
  // begins a name ("Main Street North Carolina").
  else if (after && after.s.length > 2 && DIRECTIONS.has(after.s) && w.spaced(last) && !w.spaced(last + 1))
    last++;
  return { first: i, last: unit(w, last), typed: true, weak: WEAK_SUFFIXES.has(w.at(suffix)!.norm) };
}

/** "Rue de Rivoli", "Calle Mayor", "Via Roma": type word, then capitalised words and particles. */
function continentalName(w: Words, typeWord: number): number {
  let last = typeWord;
  for (let k = typeWord + 1; k < w.length && k - typeWord <= MAX_NAME_WORDS && w.spaced(k - 1); k++) {
    if (w.capitalised(k)) last = k;
    else if (!PARTICLES.has(w.at(k)!.norm)) break;
  }
  return last;
}

const EU_HOUSE_NUMBER = /^[1-9]\d{0,3}[a-zA-Z]?$|^[1-9]\d{0,3}-\d{1,4}$/;

/** "Hauptstraße", "Kurfürstendamm": a one-word street name (a street word ends it). */
function isCompoundStreet(norm: string): boolean {
  return COMPOUND_ENDINGS.some((e) => norm.length > e.length + 2 && norm.endsWith(e));
}

/** "Unter den Linden 77", "Calle Mayor 5", "Hauptstraße 5", "Damrak 1": the name before the number. */
export function nameFirst(w: Words, num: number, notBefore: number): Street | undefined {
  if (!EU_HOUSE_NUMBER.test(w.at(num)!.s) || num === 0 || !w.spaced(num - 1) || !w.capitalised(num - 1)) {
    return undefined;
  }
  // "Suite 400, 1200 Market Street": a unit, which the street after it takes (unitBefore).
  if (UNIT_WORDS.has(w.at(num - 1)!.norm)) return undefined;
  let first = num;
  for (let k = num - 1; k > notBefore && num - k <= MAX_NAME_WORDS; k--) {
    if (!w.capitalised(k) && !PARTICLES.has(w.at(k)!.norm)) break;
    first = k;
    if (k === 0 || !w.spaced(k - 1)) break;
  }
  // "die Unterlagen an Musterstraße 12": a one-word street name starts the street; a particle before it
  // ("an", "in der") is the sentence's, and so is what comes before that.
  for (let k = num - 1; k > first; k--) {
    if (!isCompoundStreet(w.at(k)!.norm)) continue;
    for (let j = k - 1; j >= first; j--) {
      if (!w.capitalised(j)) {
        first = j + 1;
        break;
      }
    }
    break;
  }
  let typed = false;
  for (let k = first; k < num; k++) {
    if (PREFIX_TYPES.has(w.at(k)!.norm) && w.capitalised(k)) {
      if (k === num - 1) return undefined; // "Calle 62": the number names the street; no house number
      first = k; // "Visit Calle Mayor 5": the street starts at its type word
      typed = true;
      break;
    }
  }
  while (first < num - 1 && (!w.capitalised(first) || NOT_STREET_START.has(w.at(first)!.norm))) first++;
  if (!w.capitalised(first) || NOT_STREET_START.has(w.at(first)!.norm)) return undefined;
  for (let k = first; k < num && !typed; k++) {
    const n = w.at(k)!.norm;
    typed = AFTER_TYPES.has(n) || isCompoundStreet(n);
  }
  return { first, last: unit(w, num), typed, weak: false };
}

/** A unit's number or letter: "200", "4B", "C" (not a word). */
function isUnitId(id: string): boolean {
  return id.length <= 6 && (/\d/.test(id) || /^[A-Z]$/.test(id));
}

/**
 * The first word of a unit written before the street ("Apt 4B, 123 Main St", "apt 3B, 1250 Oak Street"):
 * the unit word two words before `first`, when "<Unit> <id>," stands there; else `first`. Asked only
 * before a street whose address ends strongly (a postcode, a state), so a unit word in lower case counts.
 */
export function unitBefore(w: Words, first: number, notBefore: number): number {
  const u = first - 2;
  if (u <= notBefore || !w.separated(first - 1) || !w.spaced(u)) return first;
  const unitWord = UNIT_WORDS.has(w.at(u)!.norm);
  return unitWord && isUnitId(w.at(u + 1)!.s) ? u : first;
}

/** "…, Suite 200", "Apt 4B", "#12", "3rd Floor" after a street ending at word e. */
export function unit(w: Words, e: number): number {
  let last = e;
  for (let n = 0; n < 2; n++) {
    const gap = w.gap(last);
    const next = w.at(last + 1);
    if (!next || !/^\.?,?[ \t]{0,2}#?[ \t]?$/.test(gap) || gap === '' || gap === '.') break;
    if (gap.includes('#')) {
      if (!/\d/.test(next.s) || next.s.length > 6) break;
      last += 1;
      continue;
    }
    const id = w.at(last + 2);
    if (
      UNIT_WORDS.has(next.norm) &&
      w.capitalised(last + 1) &&
      id &&
      /^\.?[ \t]{1,2}#?$/.test(w.gap(last + 1))
    ) {
      if (!isUnitId(id.s)) break;
      last += 2;
    } else if (ORDINAL.test(next.s) && id?.norm === 'floor' && w.spaced(last + 1)) {
      last += 2;
    } else break;
  }
  return last;
}

/** Nouns that end a named premises: "Riverside Industrial Estate", "Kingsway Business Park". */
const PREMISES_NOUNS: ReadonlySet<string> = new Set(
  'estate park centre center house court building plaza tower works mill yard'.split(' '),
);
/** Words of a premises' name, its noun included. */
const MAX_PREMISES_WORDS = 5;

/**
 * "Unit 7, Riverside Industrial Estate": a unit of a named premises, words [u, its noun], as British
 * business addresses give it with no house number. Not typed: it counts only before a locality with a
 * postcode or a region ("..., Manchester M17 1AB").
 */
export function premises(w: Words, u: number, notBefore: number): Street | undefined {
  if (u <= notBefore || !UNIT_WORDS.has(w.at(u)!.norm) || !w.capitalised(u) || !w.spaced(u)) return undefined;
  const id = w.at(u + 1);
  if (!id || !isUnitId(id.s) || !w.separated(u + 1)) return undefined;
  for (let k = u + 2; k < w.length && k < u + 2 + MAX_PREMISES_WORDS; k++) {
    if (!w.capitalised(k)) return undefined;
    if (k > u + 2 && PREMISES_NOUNS.has(w.at(k)!.norm))
      return { first: u, last: k, typed: false, weak: false };
    if (!w.spaced(k)) return undefined;
  }
  return undefined;
}

/** The first word of a premises ending right before `first`, a comma between ("Flat 2, Rose House, 14 Mill Lane"), else `first`. */
export function premisesBefore(w: Words, first: number, notBefore: number): number {
  if (!w.separated(first - 1)) return first;
  for (let u = first - 4; u >= first - 2 - MAX_PREMISES_WORDS && u > notBefore; u--) {
    if (premises(w, u, notBefore)?.last === first - 1) return u;
  }
  return first;
}
