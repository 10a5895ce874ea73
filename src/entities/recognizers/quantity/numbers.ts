import type { NumberKind } from '../../types.ts';
import { DENOMINATORS, SCALES, SMALL, TENS } from './number-words.ts';
import { isDigit, isLetter, isSpace, isWordChar, nextWord, type Word } from './text-scan.ts';
import { hashStep, WordIndex } from './word-index.ts';

/** A number found in the text: digits ("1,234.5", "10k", "3/4"), words ("twenty-one") or both ("2.5 billion"). */
export interface NumberMatch {
  readonly start: number;
  readonly end: number;
  readonly value: number;
  readonly kind: NumberKind;
  /** Letters follow with no break ("5km", "20GB"): a unit may follow, but it is no Number on its own. */
  readonly attached: boolean;
}

/** Digit runs longer than this are identifiers or noise, not amounts. */
const MAX_DIGITS = 24;
/** Word numbers longer than this many words are not read further. */
const MAX_NUMBER_WORDS = 16;

// Thousands grouped by commas or, as the reference reads tables, by single spaces ("11 667 576").
const DIGITS = /(?:\d{1,3}(?:,\d{3}(?!\d))+|\d{1,3}(?: \d{3}(?![\d,.]))+|\d+)(?:\.\d+)?/y;
const DOTTED = /\d+(?:\.\d+){2,}/y;
const FRACTION = /(\d{1,9})\/(\d{1,9})(?![\d/])/y;
const POWER = /(\d{1,9}(?:\.\d+)?)(?:e|\^)(-?\d{1,3})(?![\w.^])/y;

function sticky(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

const parseDigits = (s: string): number => Number(s.replaceAll(/[, ]/g, ''));

/** Scale words after digits, whole: "3 million", "7 mln" (abbreviated), "two dozen". */
const SCALES_AFTER_DIGITS = new WordIndex<number>();
for (const [w, v] of SCALES) SCALES_AFTER_DIGITS.add(w, v);
SCALES_AFTER_DIGITS.add('mln', 1e6).add('bln', 1e9).add('dozen', 12);
/** Scale words read with their last letter dropped: "3 millions", "5 hundreds". */
const SCALE_STEMS = new WordIndex<number>();
for (const [w, v] of SCALES) SCALE_STEMS.add(w, v);

/** The scale word after digits ending at `end`, when one space separates them and nothing is glued to it. */
function scaleAfter(text: string, end: number): { readonly end: number; readonly scale: number } | undefined {
  if (text.charCodeAt(end) !== 32) return undefined;
  const wordEnd = lettersEnd(text, end + 1);
  if (wordEnd === end + 1 || (wordEnd < text.length && isWordChar(text.charCodeAt(wordEnd))))
    return undefined;
  const scale =
    SCALES_AFTER_DIGITS.lookup(text, end + 1, wordEnd) ?? SCALE_STEMS.lookup(text, end + 1, wordEnd - 1);
  return scale === undefined ? undefined : { end: wordEnd, scale };
}

/** What a word may start: a spelled number ("twenty", "half", "minus ...") or, after "a"/"an", a scale. */
const enum Starts {
  Number = 1,
  Article = 2,
}

const STARTERS = new WordIndex<Starts>();
for (const w of [...SMALL.keys(), ...TENS.keys(), 'half', 'minus', 'negative'])
  STARTERS.add(w, Starts.Number);
STARTERS.add('a', Starts.Article).add('an', Starts.Article);

/** The last two letters of every starter of two letters or more, as `first * 32 + second` (letters & 31). */
const STARTER_ENDINGS = new Uint8Array(32 * 32);
for (const w of [...SMALL.keys(), ...TENS.keys(), 'half', 'minus', 'negative', 'an'])
  STARTER_ENDINGS[(w.charCodeAt(w.length - 2) & 31) * 32 + (w.charCodeAt(w.length - 1) & 31)] = 1;

/** Whether the ASCII-letter run `text[start, end)` may be a starter by its length and ending: others skip the hash. */
function mayStart(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length === 1 || length > STARTERS.maxLength) return length === 1;
  return STARTER_ENDINGS[(text.charCodeAt(end - 2) & 31) * 32 + (text.charCodeAt(end - 1) & 31)] === 1;
}

/** Words that may follow "a"/"an" in a number: "a hundred", "a dozen", "a third". */
const AFTER_ARTICLE = new WordIndex<true>();
for (const w of [...SCALES.keys(), ...DENOMINATORS.keys(), 'dozen', 'dozens']) AFTER_ARTICLE.add(w, true);

/** End of the run of ASCII letters at `pos`. */
function lettersEnd(text: string, pos: number): number {
  let p = pos;
  while (p < text.length) {
    const lower = text.charCodeAt(p) | 32;
    if (lower < 97 || lower > 122) break;
    p++;
  }
  return p;
}

/** Every number in `text` in order of start, at most `limit`. Numbers never overlap one another. */
export function scanNumbers(text: string, limit: number): NumberMatch[] {
  const out: NumberMatch[] = [];
  const length = text.length;
  for (let p = 0; p < length && out.length < limit;) {
    const code = text.charCodeAt(p);
    if (isDigit(code)) {
      const found = digitNumbers(text, p, out);
      if (typeof found === 'number') p = found;
      else {
        out.push(found);
        p = Math.max(p + 1, found.end);
      }
      continue;
    }
    const lower = code | 32;
    if (lower < 97 || lower > 122) {
      p++;
      continue;
    }
    // A run of ASCII letters: only number words and articles go further.
    const end = lettersEnd(text, p + 1);
    let starts: Starts | undefined;
    if (mayStart(text, p, end) && !(p > 0 && isWordChar(text.charCodeAt(p - 1)))) {
      let hash = 0;
      for (let k = p; k < end; k++) hash = hashStep(hash, text.charCodeAt(k));
      starts = STARTERS.get(text, p, end, hash);
    }
    if (
      starts === Starts.Number ||
      (starts === Starts.Article &&
        text.charCodeAt(end) === 32 &&
        AFTER_ARTICLE.lookup(text, end + 1, lettersEnd(text, end + 1)) !== undefined)
    ) {
      const found = wordNumber(text, p, text.slice(p, end));
      if (found) {
        out.push(found);
        p = Math.max(end, found.end);
        continue;
      }
    }
    p = end;
  }
  return out;
}

/**
 * The digits at `at` when they take a separator, exponent or fraction bar the regexes must read: a
 * dotted chain (its parts pushed, the resume position returned), a power, a fraction, or the digits
 * with their grouping and decimals.
 */
function separatedDigits(
  text: string,
  at: number,
  before: number,
  out: NumberMatch[],
): NumberMatch | number | string {
  const dotted = sticky(DOTTED, text, at);
  if (dotted) {
    const end = at + dotted[0].length;
    if (!(end < text.length && isWordChar(text.charCodeAt(end)))) {
      let p = at;
      for (const part of dotted[0].split('.', 64)) {
        out.push({ start: p, end: p + part.length, value: Number(part), kind: 'Integer', attached: false });
        p += part.length + 1;
      }
    }
    return end;
  }
  const power = sticky(POWER, text, at);
  if (power) {
    const value = Number(power[1]) * 10 ** Number(power[2]);
    return { start: at, end: at + power[0].length, value, kind: 'Power', attached: false };
  }
  const fraction = before === 47 ? null : sticky(FRACTION, text, at);
  if (fraction && Number(fraction[2]) !== 0) {
    const value = Number(fraction[1]) / Number(fraction[2]);
    return { start: at, end: at + fraction[0].length, value, kind: 'Fraction', attached: false };
  }
  return sticky(DIGITS, text, at)![0];
}

function digitRunEnd(text: string, at: number): number {
  let p = at;
  while (p < text.length && isDigit(text.charCodeAt(p))) p++;
  return p;
}

/**
 * Whether a digit run ending at `end` is the whole of its number's digits: no decimal point, group
 * comma, fraction bar, exponent or space-grouped digits follow (the common case, read with no regex).
 */
function plainRunEnd(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  return !(
    c === 46 ||
    c === 44 ||
    c === 47 ||
    c === 101 ||
    c === 94 ||
    (c === 32 && isDigit(text.charCodeAt(end + 1)))
  );
}

/** The value of the digits in `text[at, end)`: exact by arithmetic up to 15 digits, else as `Number` reads them. */
function plainValue(text: string, at: number, end: number): number {
  if (end - at > 15) return Number(text.slice(at, end));
  let value = 0;
  for (let p = at; p < end; p++) value = value * 10 + (text.charCodeAt(p) - 48);
  return value;
}

/** A number written with digits at `at`; dotted chains ("192.168.1.1") push their parts and return none. */
function digitNumbers(text: string, at: number, out: NumberMatch[]): NumberMatch | number {
  const before = at > 0 ? text.charCodeAt(at - 1) : 32;
  // Glued to a letter or another number ("A4", "MP3", "H1N1"): skip the whole run.
  if (isLetter(before) || isDigit(before) || before === 95) {
    let p = at;
    while (p < text.length && isWordChar(text.charCodeAt(p))) p++;
    return p;
  }
  const runEnd = digitRunEnd(text, at);
  const plain = plainRunEnd(text, runEnd);
  // A plain run is read from its char codes; only separated digits need their text.
  const read = plain ? undefined : separatedDigits(text, at, before, out);
  if (read !== undefined && typeof read !== 'string') return read;
  const length = read === undefined ? runEnd - at : read.length;
  if (length > MAX_DIGITS && (read === undefined || read.replaceAll(/[,. ]/g, '').length > MAX_DIGITS)) {
    return at + length;
  }
  let start = at;
  const end = at + length;
  let value = read === undefined ? plainValue(text, at, runEnd) : parseDigits(read);
  let kind: NumberKind = read !== undefined && read.includes('.') ? 'Decimal' : 'Integer';
  // A sign or a leading decimal point right before the digits, after a break: "-5", ".5".
  const beforeSign = at > 1 ? text.charCodeAt(at - 2) : 32;
  let signWord: number;
  if ((before === 45 || before === 8722) && (isSpace(beforeSign) || beforeSign === 40 || at === 1)) {
    start = at - 1;
    value = -value;
  } else if (before === 32 && at >= 2 && text.charCodeAt(at - 2) === 45 && afterBreak(text, at - 2)) {
    // "- 1996": the reference reads a dash and one space before digits as a sign.
    start = at - 2;
    value = -value;
  } else if (before === 32 && (signWord = signWordBefore(text, at - 1)) >= 0) {
    // "minus 5", "negative 3.5": the reference reads the word as the sign.
    start = signWord;
    value = -value;
  } else if (before === 46 && kind === 'Integer' && (isSpace(beforeSign) || at === 1)) {
    start = at - 1;
    value = Number(`0.${text.slice(at, end)}`);
    kind = 'Decimal';
  }
  const next = end < text.length ? text.charCodeAt(end) : 32;
  if (isLetter(next)) {
    // "10k" is ten thousand; any other letters make the digits a measure's amount ("5km") or an identifier.
    const alone = !(end + 1 < text.length && isWordChar(text.charCodeAt(end + 1)));
    if (alone && ((next | 32) === 107 || next === 77)) {
      // "10k", "10K", "20M" (a lower-case "m" is metres).
      return { start, end: end + 1, value: value * (next === 77 ? 1e6 : 1000), kind, attached: false };
    }
    return { start, end, value, kind, attached: true };
  }
  // A mixed fraction: "5 1/2".
  if (next === 32 && kind === 'Integer' && isDigit(text.charCodeAt(end + 1))) {
    const mixed = sticky(FRACTION, text, end + 1);
    if (mixed && Number(mixed[1]) < Number(mixed[2])) {
      const part = Number(mixed[1]) / Number(mixed[2]);
      return {
        start,
        end: end + 1 + mixed[0].length,
        value: value + part,
        kind: 'Fraction',
        attached: false,
      };
    }
  }
  // A scale word: "3 million", "2.5 billion", "two dozen".
  const scale = scaleAfter(text, end);
  if (scale) return { start, end: scale.end, value: value * scale.scale, kind, attached: false };
  return { start, end, value, kind, attached: false };
}

/**
 * Whether the dash at `dash` starts a signed number: at the start of the text or after a space that
 * does not follow a number ("May - 9.5" is minus 9.5; "360 - 366" and "7 - 6" are not).
 */
function afterBreak(text: string, dash: number): boolean {
  if (dash === 0) return true;
  if (!isSpace(text.charCodeAt(dash - 1))) return false;
  for (let p = dash - 2; p >= 0 && p >= dash - 40; p--) {
    const c = text.charCodeAt(p);
    if (isSpace(c)) return true;
    if (isDigit(c)) return false;
  }
  return true;
}

/**
 * Where "minus" or "negative" starts when it ends right before `space` (any case, a word on its own),
 * or -1. Compares char codes: no string made per number.
 */
function signWordBefore(text: string, space: number): number {
  for (const word of SIGN_WORDS) {
    const start = space - word.length;
    if (start < 0 || (start > 0 && isWordChar(text.charCodeAt(start - 1)))) continue;
    let k = 0;
    while (k < word.length && (text.charCodeAt(start + k) | 32) === word.charCodeAt(k)) k++;
    if (k === word.length) return start;
  }
  return -1;
}

const SIGN_WORDS = ['minus', 'negative'] as const;
/** Words before "one" that make it a pronoun: "this one", "the one", "which one". */
const PRONOUN_ONE_BEFORE = /(?:^|[^\p{L}])(?:the|this|that|which)\s+$/iu;

/**
 * "this one", "the one in the corner", "which one": a pronoun, no Number, as the reference reads it (nor
 * "the one hundred", which it leaves out whole; "the one hundredth" stays an ordinal).
 */
export function isPronounOne(text: string, n: NumberMatch): boolean {
  const c = text.charCodeAt(n.start) | 32;
  return (
    c === 111 && // o
    /^one\b/i.test(text.slice(n.start, n.start + 4)) &&
    PRONOUN_ONE_BEFORE.test(text.slice(Math.max(0, n.start - 7), n.start))
  );
}

type Part = 'start' | 'a' | 'small' | 'tens' | 'hundred' | 'scale' | 'and';

/** A spelled-out number starting with `first` at `at`: "twenty-one", "a dozen", "three hundred and five". */
function wordNumber(text: string, at: number, first: string): NumberMatch | undefined {
  if (first.length > 12) return undefined;
  let lower = first.toLowerCase();
  let sign = 1;
  let start = at;
  let word: Word | undefined = { start: at, end: at + first.length, lower };
  if (at > 0 && isWordChar(text.charCodeAt(at - 1))) return undefined;
  if (lower === 'minus' || lower === 'negative') {
    sign = -1;
    word = nextWord(text, word.end, false);
    if (!word) return undefined;
    lower = word.lower;
    start = at;
  }
  if (lower === 'half' && sign === 1) {
    const a = nextWord(text, word.end, false);
    const dozen = a && a.lower === 'a' ? nextWord(text, a.end, false) : undefined;
    if (dozen && dozen.lower === 'dozen')
      return { start, end: dozen.end, value: 6, kind: 'Integer', attached: false };
    return { start, end: word.end, value: 0.5, kind: 'Fraction', attached: false };
  }
  let total = 0;
  let group = 0;
  let last: Part = 'start';
  let end = -1;
  let kind: NumberKind = 'Integer';
  let fraction: number | undefined;
  for (let n = 0; word && n < MAX_NUMBER_WORDS; n++) {
    const w: string = word.lower;
    const small = SMALL.get(w);
    const tens = TENS.get(w);
    const scale = SCALES.get(w);
    if (
      small !== undefined &&
      (last === 'start' ||
        last === 'hundred' ||
        last === 'scale' ||
        last === 'and' ||
        (last === 'tens' && small < 10))
    ) {
      group += small;
      last = 'small';
    } else if (
      tens !== undefined &&
      (last === 'start' || last === 'hundred' || last === 'scale' || last === 'and')
    ) {
      group += tens;
      last = 'tens';
    } else if (scale === 100 && (last === 'small' || last === 'tens' || last === 'a')) {
      group = (group || 1) * 100;
      last = 'hundred';
    } else if (
      scale !== undefined &&
      (last === 'small' || last === 'tens' || last === 'hundred' || last === 'a')
    ) {
      total += (group || 1) * scale;
      group = 0;
      last = 'scale';
    } else if ((w === 'dozen' || w === 'dozens') && (last === 'small' || last === 'a')) {
      group = (group || 1) * 12;
      last = 'scale';
    } else if ((w === 'a' || w === 'an') && last === 'start') {
      last = 'a';
      word = nextWord(text, word.end, false);
      continue;
    } else if (
      w === 'and' &&
      (last === 'hundred' || last === 'scale' || last === 'small' || last === 'tens')
    ) {
      const after = nextWord(text, word.end, false);
      if (after && (after.lower === 'a' || after.lower === 'one') && (last === 'small' || last === 'tens')) {
        // "one and a half", "two and one quarter".
        const denominator = nextWord(text, after.end, false);
        const d = denominator && DENOMINATORS.get(denominator.lower);
        if (d && (denominator.lower.startsWith('half') || denominator.lower.startsWith('quarter'))) {
          fraction = 1 / d;
          end = denominator.end;
        }
        break;
      }
      if (last === 'small' || last === 'tens') break;
      last = 'and';
      word = after;
      continue;
    } else if (DENOMINATORS.has(w) && (last === 'small' || last === 'tens' || last === 'a') && total === 0) {
      // "one third", "two-thirds", "a quarter"; "half" only after "a" ("a half").
      if (w.startsWith('half') && last !== 'a') break;
      const numerator = group || 1;
      if (numerator !== 1 && !w.endsWith('s') && w !== 'half') break;
      fraction = numerator / DENOMINATORS.get(w)!;
      group = 0;
      end = word.end;
      break;
    } else if (w === 'point' && (last === 'small' || last === 'tens')) {
      let digits = '';
      let p = nextWord(text, word.end, false);
      let pEnd = word.end;
      while (p && (SMALL.get(p.lower) ?? 10) < 10 && digits.length < 12) {
        digits += String(SMALL.get(p.lower));
        pEnd = p.end;
        p = nextWord(text, p.end, false);
      }
      if (digits) {
        fraction = Number(`0.${digits}`);
        kind = 'Decimal';
        end = pEnd;
      }
      break;
    } else {
      break;
    }
    end = word.end;
    word = nextWord(text, word.end);
  }
  if (end < 0) return undefined;
  if (fraction !== undefined && kind === 'Integer') kind = 'Fraction';
  const value = sign * (total + group + (fraction ?? 0));
  return { start, end, value, kind, attached: false };
}
