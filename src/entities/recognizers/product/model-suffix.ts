import type { Tokens } from '../../refine/tokens.ts';
import { DAY_AND_MONTH_NAMES } from '../../text/calendar-names.ts';
import { MEETING_HEADS } from '../event/patterns.ts';

/** Words that continue a product name as its model or edition ("iPhone 15 Pro Max", "Xbox Series X"). */
const MODEL_WORDS = new Set(
  (
    'Pro Max Plus Mini mini Air Ultra SE Series X S XS XR One Lite FE Slim Digital Edition Home Server MAX Neo ' +
    'Note Fold Flip Studio Go Laptop Book Duo Elite Edge Portable Touch Nano nano Classic Enterprise LTS ' +
    'Professional Premium Standard Turbo GT Sport Hybrid Vista XP ME NT RT Phone Ti Super Dreamliner neo ' +
    'Galaxy Tab Watch Buds Z Quest Surface OS Paperwhite Desktop CLI RTX GTX OLED Sonnet Opus Haiku Flash'
  ).split(' '),
);

/** Model codes: "15", "737-800", "S24", "A320neo", "WH-1000XM5", "8.1", "i7", Roman "II"/"IV". */
const MODEL_CODE = /^(?:\d[\dA-Za-z.-]{0,9}|[A-Za-z]{1,3}-?\d[\dA-Za-z.-]{0,8}|II|III|IV|VI|VII|VIII|IX)$/;
/** A match's score ("the LA Galaxy 2-1"), never a model code. */
const SCORE = /^\d{1,2}-\d{1,2}$/;

/** Whether token `i` follows the token before it after exactly one space. */
export function afterOneSpace(tokens: Tokens, i: number): boolean {
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
const NOT_SERVICE_WORDS = new Set([
  ...'I The A An And Or But In On At For To Of By With From'.split(' '),
  ...DAY_AND_MONTH_NAMES,
]);
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

/** Words after a maker's name that make it a company, a place or an event, not a model: "Sony Pictures". */
const NOT_MODEL_NAMES: ReadonlySet<string> = new Set(
  (
    'Group Electronics Motor Motors Corporation Corp Inc Racing Team Bank Pictures Music Entertainment Mobile ' +
    'Energy Health Holdings Foundation Capital Financial Arena Stadium Park Cup Open Championship ' +
    'Championships Classic Grand Prix Center Centre Tower Building Hall Field Store Stores'
  ).split(' '),
);
/** A capitalised word, maybe with a capital inside ("Forerunner", "QuietComfort"). */
const NAME_WORD = /^\p{Lu}\p{L}*\p{Ll}\p{L}*$/u;
/** A year after a name names an edition of an event ("Samsung Unpacked 2025"), not a model. */
const YEAR = /^(?:19|20)\d\d$/;
/** A number with a decimal point or a thousands comma is a time or an amount ("Toyota Celica 4.09"). */
const DECIMAL = /[.,]/;
/**
 * Units after a number make it an amount, not a model: a rally's results ("Toyota Celica 12 seconds",
 * "Mitsubishi Lancer 4 hours 4 minutes").
 */
const UNITS_AFTER: ReadonlySet<string> = new Set(
  `second seconds sec secs minute minutes min mins hour hours hr hrs h day days week weeks month months
  year years points pts goals laps km miles`.split(/\s+/),
);

/**
 * How many tokens of a model's name and number follow a maker's name at token `last` ("Garmin" +
 * "Forerunner 265", "Nike" + "Pegasus 40", "Bose" + "QuietComfort 45 Ultra"), or 0: one capitalised word,
 * then a model code, then edition words or codes.
 */
export function namedNumberedModelLength(tokens: Tokens, last: number): number {
  const name = tokens.words[last + 1];
  const code = tokens.words[last + 2];
  if (name === undefined || code === undefined) return 0;
  if (!afterOneSpace(tokens, last + 1) || !afterOneSpace(tokens, last + 2)) return 0;
  if (
    !NAME_WORD.test(name) ||
    NOT_SERVICE_WORDS.has(name) ||
    NOT_MODEL_NAMES.has(name) ||
    isEventHead(tokens, last + 1)
  )
    return 0;
  if (!MODEL_CODE.test(code) || SCORE.test(code) || YEAR.test(code) || DECIMAL.test(code)) return 0;
  const after = tokens.words[last + 3];
  if (after !== undefined && UNITS_AFTER.has(after.toLowerCase())) return 0;
  // Edition words after the code, no second number: "Cartier Must 21" + "2 TONE" is a two-tone watch.
  return 2 + modelSuffixLength(tokens, last + 2, true);
}
