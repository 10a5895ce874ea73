/**
 * Address: postal addresses, from the house number (or PO box) to the postcode or country, in US, UK
 * and continental European orders:
 *   "1 Microsoft Way, Redmond, WA 98052", "10 Downing Street, London SW1A 2AA", "221B Baker Street",
 *   "Unter den Linden 77, 10117 Berlin", "Rue de Rivoli 99, 75001 Paris", "Damrak 1, 1012 LG Amsterdam",
 *   and a unit of a named building or estate before a postcode ("Unit 7, Riverside Industrial Estate,
 *   Manchester M17 1AB").
 * A street by name is an Address too: Azure's 2025-11-01 `EntityCategory` reads "specific street-level
 * mentions of locations: house/building numbers, streets, avenues, highways, intersections referenced by
 * name". The tagger finds named ones ("Elm Street", which the refiner types), this recogniser the
 * numbered streets and roads ("5th Avenue", "Route 66", "I-95"). The parsers walk words with bounded
 * look-ahead, so the work is linear in the text and the span never runs past the address into the
 * sentence around it.
 */
import type { Candidate, Recognizer } from '../../types.ts';
import { tail } from './locality.ts';
import {
  nameFirst,
  numberedRoad,
  numberedStreet,
  numberFirst,
  premises,
  premisesBefore,
  type Street,
  unitBefore,
} from './street.ts';
import { Words } from './tokens.ts';

const STRONG_CONFIDENCE = 0.9;
const WEAK_CONFIDENCE = 0.8;
/** Bounds the output on pathological input ("1 Main St, " a thousand times). */
const MAX_ADDRESSES = 100;
/** Words before a house number that announce an address, so a street of a weak type may stand alone. */
const CUES = new Set([
  'at',
  'to',
  'on',
  'address',
  'live',
  'lives',
  'lived',
  'located',
  'from',
  'visit',
  'is',
]);
const PO_BOX = /(?:P\.?[ \t]?O\.?|Post[ \t]+Office)[ \t]+Box[ \t]+#?\d{1,6}(?![\p{L}\p{N}])/iuy;

/** The capitals a unit word of a premises starts with (lexicon.ts UNIT_WORDS): most words are let pass unread. */
const UNIT_INITIALS: ReadonlySet<number> = new Set([...'SAUFRBOD'].map((ch) => ch.charCodeAt(0)));

/** Every address holds a digit (house number or PO box), and most sentences hold none. */
const DIGIT = /\d/;

export const findAddresses: Recognizer = (text) => {
  if (!DIGIT.test(text)) return [];
  const w = new Words(text);
  const out: Candidate[] = [];
  let taken = -1; // index of the last word of the previous address
  for (let i = 0; i < w.length && out.length < MAX_ADDRESSES; i++) {
    if (i <= taken) continue;
    const c = w.charAt(i);
    const digit = c >= 48 && c <= 57;
    let street: Street | undefined;
    if (digit) {
      // Both parsers need the number spaced from a word: after it ("1 Main St") or before it ("Damrak 1").
      if (!w.spaced(i) && !w.spaced(i - 1)) continue;
      street = numberFirst(w, i) ?? nameFirst(w, i, taken);
    } else if (c === 80 || c === 112)
      street = poBox(w, i); // P, p
    else if (UNIT_INITIALS.has(c)) street = premises(w, i, taken); // "Unit 7, Riverside Industrial Estate"
    if (!street && !digit && c !== 73 && !(c === 105 && w.charAt(i, 1) === 45)) continue; // "I-95"; "on i-5" in chat
    const address = street && addressOf(w, street, taken);
    if (address) {
      out.push({
        start: w.at(address.first)!.start,
        end: w.at(address.last)!.end,
        type: 'Address',
        confidence: address.strong ? STRONG_CONFIDENCE : WEAK_CONFIDENCE,
        source: 'rule',
      });
      taken = address.last;
      continue;
    }
    // No mailing address, but a numbered street or road on its own, a street-level Address: "the store
    // at 5th Avenue", "along Route 66", "I-95 North".
    const place = digit || c === 73 || c === 105 ? placeAt(w, i, taken) : undefined;
    if (place) {
      out.push({
        start: w.at(place.first)!.start,
        end: w.at(place.last)!.end,
        type: 'Address',
        confidence: WEAK_CONFIDENCE,
        source: 'rule',
      });
      taken = place.last;
    }
  }
  return out;
};

/**
 * The words [first, last] of the mailing address that `street` starts, or undefined: a street without a
 * type needs a locality after it ("Windows 10", "Boeing 747" are none), a weak type a locality or a cue.
 */
function addressOf(
  w: Words,
  street: Street,
  taken: number,
): { first: number; last: number; strong: boolean } | undefined {
  const rest = tail(w, street.last, street.typed);
  if (!street.typed && !rest.strong) return undefined;
  const last = rest.end;
  if (last === street.last && street.weak && !CUES.has(w.at(street.first - 1)?.norm ?? '')) return undefined;
  // A unit before the street belongs to a mailing address ("Apt 4B, 123 Main St, Springfield, IL"), and
  // so does a unit of a named building ("Flat 2, Rose House, 14 Mill Lane, Bristol BS1 5AA").
  let first = street.first;
  if (rest.strong) {
    first = unitBefore(w, street.first, taken);
    if (first === street.first) first = premisesBefore(w, street.first, taken);
  }
  return { first, last, strong: rest.strong };
}

/** A numbered street ("5th Avenue") or road ("Route 66", "I-95") at word `i`, after the last address. */
function placeAt(w: Words, i: number, taken: number): { first: number; last: number } | undefined {
  const last = numberedStreet(w, i);
  if (last >= 0) return { first: i, last };
  const road = numberedRoad(w, i);
  return road && road.first > taken ? road : undefined;
}

/** "PO Box 123", "P.O. Box 45", "Post Office Box 7". */
function poBox(w: Words, i: number): Street | undefined {
  const norm = w.at(i)!.norm;
  if (norm !== 'po' && norm !== 'p' && norm !== 'post') return undefined;
  PO_BOX.lastIndex = w.at(i)!.start;
  const m = PO_BOX.exec(w.text);
  if (!m) return undefined;
  const end = m.index + m[0].length;
  for (let k = i; k < w.length && k <= i + 6; k++) {
    if (w.at(k)!.end === end) return { first: i, last: k, typed: true, weak: false };
  }
  return undefined;
}
