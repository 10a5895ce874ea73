/**
 * What follows a street in an address: city, region (US state), postcode (US ZIP, Canadian, UK, Irish,
 * continental) and country. Each parser takes the index of the word to start at and returns the index of the
 * last word it used, or -1.
 */
import { COUNTRIES, PARTICLES, REGION_CODES, REGION_NAMES } from './lexicon.ts';
import type { Words } from './tokens.ts';
import { DAY_AND_MONTH_NAMES } from '../../text/calendar-names.ts';

const ZIP = /^\d{5}(?:-\d{4})?$/;
const UK_OUTWARD = /^[A-Z]{1,2}\d[A-Z\d]?$/;
const UK_INWARD = /^\d[A-Z]{2}$/;
const EU_POSTCODE = /^\d{4,5}$/;
/** A Canadian postal code's two halves: "M5H 1J8". */
const CA_FORWARD = /^[A-Z]\d[A-Z]$/;
const CA_LOCAL = /^\d[A-Z]\d$/;
const NL_LETTERS = /^[A-Z]{2}$/;
/** Four-digit codes that read as years ("May 5, 2024 Berlin"); trusted only after a typed street. */
const YEAR_LIKE = /^(?:1[89]|20)\d\d$/;

/** The rest of an address after the street: its last word and whether it holds a postcode or region. */
export interface Tail {
  readonly end: number;
  readonly strong: boolean;
}

export function ukPostcode(w: Words, k: number): number {
  return UK_OUTWARD.test(w.at(k)?.s ?? '') && w.spaced(k) && UK_INWARD.test(w.at(k + 1)!.s) ? k + 1 : -1;
}

/** "M5H 1J8" at word k: its last word, or -1. */
function canadianPostcode(w: Words, k: number): number {
  return CA_FORWARD.test(w.at(k)?.s ?? '') && w.spaced(k) && CA_LOCAL.test(w.at(k + 1)!.s) ? k + 1 : -1;
}

/** An Irish Eircode's routing key and unique identifier: "D04 X2Y9", "A65 F4E2" (letters no vowel-like ones). */
const IE_ROUTING = /^(?:[AC-FHKNPRTV-Y]\d{2}|D6W)$/;
const IE_UNIQUE = /^[\dAC-FHKNPRTV-Y]{4}$/;
/** Dublin's postal districts: "Dublin 4", "Dublin 6W". */
const DUBLIN_DISTRICT = /^(?:[1-9]|1\d|2[0-4]|6W)$/;

/**
 * After an Irish town ending at word c: "Dublin 4" (a postal district), then an Eircode ("Dublin 4, D04
 * X2Y9", "Galway H91 E2K3"). The last word of the district or the Eircode, or -1 with neither.
 */
function irishLocality(w: Words, c: number): number {
  let j = c;
  if (w.at(c)!.s === 'Dublin' && w.spaced(c) && DUBLIN_DISTRICT.test(w.at(c + 1)?.s ?? '')) j = c + 1;
  if (w.separated(j) || w.spaced(j)) {
    const k = j + 1;
    if (IE_ROUTING.test(w.at(k)?.s ?? '') && w.spaced(k) && IE_UNIQUE.test(w.at(k + 1)?.s ?? ''))
      return k + 1;
  }
  return j > c ? j : -1;
}

/** After a region ending at word r: a US ZIP or a Canadian postal code's last word, or -1. */
function postcodeAfterRegion(w: Words, r: number): number {
  if (!w.spaced(r)) return -1;
  return ZIP.test(w.at(r + 1)!.s) ? r + 1 : canadianPostcode(w, r + 1);
}

/** Days and months: after a particle they start a date, not the rest of a town ("Dublin on Monday"). */
const CALENDAR_WORDS: ReadonlySet<string> = new Set(DAY_AND_MONTH_NAMES);

/** "Redmond", "Frankfurt am Main", "Stratford-upon-Avon": capitalised words, particles between. Longest. */
export function cityEnds(w: Words, k: number): number[] {
  const ends: number[] = [];
  let capitals = 0;
  for (let j = k; j < w.length && capitals < 3; j++) {
    if (w.capitalised(j) && /\p{L}/u.test(w.at(j)!.s)) {
      if (j > k && !w.capitalised(j - 1) && CALENDAR_WORDS.has(w.at(j)!.s)) break;
      capitals++;
      ends.push(j);
    } else if (j === k || !PARTICLES.has(w.at(j)!.norm)) break;
    if (!w.spaced(j)) break;
  }
  return ends;
}

/** A US state or Canadian province: upper-case code or capitalised name. */
export function region(w: Words, k: number): number {
  if (REGION_CODES.has(w.at(k)?.s ?? '')) return k;
  if (!w.capitalised(k)) return -1;
  for (let j = Math.min(k + 2, w.length - 1); j >= k; j--) {
    const p = w.phrase(k, j);
    if (p !== undefined && REGION_NAMES.has(p)) return j;
  }
  return -1;
}

export function country(w: Words, k: number): number {
  if (!w.capitalised(k)) return -1;
  for (let j = Math.min(k + 3, w.length - 1); j >= k; j--) {
    const p = w.phrase(k, j);
    if (p !== undefined && COUNTRIES.has(p)) return j;
  }
  return -1;
}

/** ", Germany" after an address part ending at e, if present. */
function withCountry(w: Words, e: number): number {
  if (!w.separated(e)) return e;
  const c = country(w, e + 1);
  return c >= 0 ? c : e;
}

/** "10117 Berlin", "1012 LG Amsterdam". */
function euPostcodeCity(w: Words, k: number, yearsOk: boolean): number {
  const code = w.at(k)?.s ?? '';
  if (!EU_POSTCODE.test(code)) return -1;
  let j = k;
  if (code.length === 4 && w.spaced(j) && NL_LETTERS.test(w.at(j + 1)!.s)) j++;
  else if (!yearsOk && YEAR_LIKE.test(code)) return -1;
  if (!w.spaced(j)) return -1;
  const ends = cityEnds(w, j + 1);
  return ends.length ? ends[ends.length - 1]! : -1;
}

/** Text after word c ends a clause: end of text, sentence punctuation, a bracket or a line break. */
function closes(w: Words, c: number): boolean {
  const word = w.at(c)!;
  return /^[ \t]*(?:[.;!?)\]]|\r?\n|$)/.test(w.text.slice(word.end, word.end + 4));
}

/**
 * The locality after a street ending at word e. `typedStreet`: the street had a type word, so a
 * bare city is believed and year-like postcodes are not suspicious.
 */
export function tail(w: Words, e: number, typedStreet: boolean): Tail {
  if (!w.separated(e) && !w.spaced(e)) return { end: e, strong: false };
  const k = e + 1;
  const uk = ukPostcode(w, k);
  if (uk >= 0) return { end: withCountry(w, uk), strong: true };
  const eu = euPostcodeCity(w, k, typedStreet);
  if (eu >= 0) return { end: withCountry(w, eu), strong: true };
  if (!w.separated(e)) {
    // Only spacing after the street: a city must be followed by its postcode ("... Street London SW1A 2AA"),
    // or by a region and its ZIP ("1441 Main Street Springfield, MA 01103", a scanned form's line).
    for (const c of cityEnds(w, k)) {
      const p = w.spaced(c) ? ukPostcode(w, c + 1) : -1;
      if (p >= 0) return { end: withCountry(w, p), strong: true };
      const r = w.separated(c) || w.spaced(c) ? region(w, c + 1) : -1;
      const zip = r >= 0 ? postcodeAfterRegion(w, r) : -1;
      if (zip >= 0) return { end: withCountry(w, zip), strong: true };
    }
    return { end: e, strong: false };
  }
  const cities = cityEnds(w, k);
  for (const c of cities) {
    if (!w.separated(c) && !w.spaced(c)) continue;
    const r = region(w, c + 1);
    if (r >= 0) {
      const code = postcodeAfterRegion(w, r);
      return { end: withCountry(w, code >= 0 ? code : r), strong: true };
    }
    const p = w.spaced(c) ? ukPostcode(w, c + 1) : -1;
    if (p >= 0) return { end: withCountry(w, p), strong: true };
    const ie = irishLocality(w, c);
    if (ie >= 0) return { end: withCountry(w, ie), strong: true };
    if (w.separated(c)) {
      // "1 Canada Square, Canary Wharf, London E14 5AB": a district, then the town and its postcode.
      for (const t of cityEnds(w, c + 1)) {
        const q = w.spaced(t) ? ukPostcode(w, t + 1) : -1;
        if (q >= 0) return { end: withCountry(w, q), strong: true };
      }
      const n = country(w, c + 1);
      if (n >= 0) return { end: n, strong: false };
    }
  }
  const city = cities[cities.length - 1];
  if (city !== undefined && typedStreet && closes(w, city)) return { end: city, strong: false };
  return { end: e, strong: false };
}
