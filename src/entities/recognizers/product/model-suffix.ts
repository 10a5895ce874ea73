import type { Tokens } from '../../refine/tokens.ts';
import { MEETING_HEADS } from '../event/patterns.ts';

/** Words that continue a product name as its model or edition ("iPhone 15 Pro Max", "Xbox Series X"). */
const MODEL_WORDS = new Set(
  (
    'Pro Max Plus Mini mini Air Ultra SE Series X S XS XR One Lite FE Slim Digital Edition Home Server MAX Neo ' +
    'Note Fold Flip Studio Go Laptop Book Duo Elite Edge Portable Touch Nano nano Classic Enterprise LTS ' +
    'Professional Premium Standard Turbo GT Sport Hybrid Vista XP ME NT RT Phone Ti Super Dreamliner neo ' +
    'Galaxy Tab Watch Buds Z Quest Surface OS Paperwhite Desktop CLI'
  ).split(' '),
);

/** Model codes: "15", "737-800", "S24", "A320neo", "WH-1000XM5", "8.1", "i7", Roman "II"/"IV". */
const MODEL_CODE = /^(?:\d[\dA-Za-z.-]{0,9}|[A-Za-z]{1,3}-?\d[\dA-Za-z.-]{0,8}|II|III|IV|VI|VII|VIII|IX)$/;
/** A match's score ("the LA Galaxy 2-1"), never a model code. */
const SCORE = /^\d{1,2}-\d{1,2}$/;

/** Whether token `i` follows the token before it after exactly one space. */
function afterOneSpace(tokens: Tokens, i: number): boolean {
  return (
    tokens.starts[i] === (tokens.ends[i - 1] as number) + 1 &&
    tokens.text[(tokens.starts[i] as number) - 1] === ' '
  );
}

/** Edition words as text in one case writes them: "iphone 15 pro max", "MACBOOK AIR". */
const CASELESS_MODEL_WORDS = new Set(['pro', 'max', 'plus', 'mini', 'ultra', 'air']);

/**
 * How many model tokens (at most 4) follow token `last`, each after one space; with `wordsOnly`, edition
 * words only ("Boeing 737" + "MAX"; not "iPhone 15" + "3" in "an iPhone 15 3 days ago"); with
 * `caseless` (text in one case), edition words in any case.
 */
export function modelSuffixLength(tokens: Tokens, last: number, wordsOnly = false, caseless = false): number {
  let k = 0;
  for (let i = last + 1; i < tokens.words.length && k < 4; i++, k++) {
    if (!afterOneSpace(tokens, i)) break;
    const w = tokens.words[i] as string;
    if (caseless && CASELESS_MODEL_WORDS.has(w.toLowerCase())) continue;
    if (!MODEL_WORDS.has(w) && (wordsOnly || !MODEL_CODE.test(w) || SCORE.test(w))) break;
  }
  return k;
}

const DIGIT = /\d/;
const LETTER = /[A-Za-z]/;

/**
 * The model suffix after a maker's name at token `last` ("BMW X5 xDrive", "Samsung WB350F"), or 0: its
 * first token mixes letters and digits. A bare number is not enough: "Yamaha 176" and "LG 1" are results
 * of teams named after their sponsors, "Samsung 500" a count.
 */
export function makerModelLength(tokens: Tokens, last: number): number {
  const k = modelSuffixLength(tokens, last);
  const first = tokens.words[last + 1];
  return k > 0 && first !== undefined && DIGIT.test(first) && LETTER.test(first) ? k : 0;
}

/** Capitalised words that end a family's service name rather than continue it: days, months, "I". */
const NOT_SERVICE_WORDS = new Set(
  (
    'I The A An And Or But In On At For To Of By With From Monday Tuesday Wednesday Thursday Friday Saturday ' +
    'Sunday January February March April May June July August September October November December'
  ).split(' '),
);
const CAPITALISED = /^\p{Lu}/u;

/** Words that end an event's name: "Azure AI Hackathon" is an event, not an Azure service. */
const EVENT_HEADS: ReadonlySet<string> = new Set([...MEETING_HEADS, 'Festival', 'Awards', 'Day', 'Days']);

/** Whether token i ends an event's name rather than a product's ("Azure AI Hackathon"). */
export function isEventHead(tokens: Tokens, i: number): boolean {
  return EVENT_HEADS.has(tokens.words[i] as string);
}

/**
 * How many words of a service name (at most 3) follow a family's name at token `last` ("Azure" +
 * "Kubernetes Service", "Google Cloud" + "Storage"), each capitalised and after one space.
 */
export function serviceNameLength(tokens: Tokens, last: number): number {
  let k = 0;
  for (let i = last + 1; i < tokens.words.length && k < 3; i++, k++) {
    if (!afterOneSpace(tokens, i)) break;
    const w = tokens.words[i] as string;
    if (!CAPITALISED.test(w) || NOT_SERVICE_WORDS.has(w)) break;
  }
  return k;
}

/**
 * Nouns for goods that a maker's named model stands before: "a Nespresso Vertuo machine", "Bose
 * QuietComfort headphones".
 */
export const GOODS_NOUNS: ReadonlySet<string> = new Set(
  (
    'machine vacuum headphones earbuds speaker speakers soundbar TV television camera watch smartwatch console ' +
    'phone smartphone laptop notebook tablet printer router blender fridge refrigerator dishwasher oven ' +
    'microwave kettle toaster drill scooter bike car SUV truck sedan pickup hatchback van motorcycle sneakers ' +
    'shoes trainers jacket guitar drone mower purifier humidifier thermostat doorbell lens'
  ).split(' '),
);

/**
 * How many capitalised words (one or two) name a maker's model after token `last`, when a goods noun
 * follows them ("Nespresso" + "Vertuo" + "machine"), or 0.
 */
export function namedModelLength(tokens: Tokens, last: number): number {
  for (let k = 1; k <= 2; k++) {
    const i = last + k;
    const w = tokens.words[i];
    if (w === undefined || !afterOneSpace(tokens, i) || !CAPITALISED.test(w) || NOT_SERVICE_WORDS.has(w))
      return 0;
    const next = tokens.words[i + 1];
    if (next !== undefined && afterOneSpace(tokens, i + 1) && GOODS_NOUNS.has(next)) return k;
  }
  return 0;
}
