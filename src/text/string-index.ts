/** The units `offset`/`length` may be counted in (Azure `stringIndexType`). */
export type StringIndexType = 'TextElements_v8' | 'UnicodeCodePoint' | 'Utf16CodeUnit';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Below U+0300 (where combining marks begin) every code unit is its own grapheme cluster, except
 * CR LF, which is one; so are typographic punctuation (U+2010-2027, U+2030-205E: dashes, curly quotes,
 * bullets, primes) and currency signs (U+20A0-20CF), which join no neighbour of their own (a mark
 * after one is itself outside these ranges). Most text passes this test, and Intl.Segmenter is slow,
 * so it is a fast path.
 */
// A range starting at a combining mark is intended here, not a misleading combined character.
// eslint-disable-next-line no-misleading-character-class
const COMPLEX_GRAPHEMES = /[\r\u0300-\u200f\u2028-\u202f\u205f-\u209f\u20d0-\uffff]/;
const SURROGATES = /[\ud800-\udfff]/;

/** Number of text elements (extended grapheme clusters), what Azure's length limits count. */
export function countTextElements(text: string): number {
  if (!COMPLEX_GRAPHEMES.test(text)) return text.length;
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

export function countCodePoints(text: string): number {
  if (!SURROGATES.test(text)) return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) n++;
    else {
      const d = text.charCodeAt(i + 1);
      n++;
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/** Converts UTF-16 offsets of one text into another index type; built once per document. */
export interface OffsetConverter {
  /** Index of the unit containing UTF-16 position `pos` (a position inside a unit maps to that unit). */
  start(pos: number): number;
  /** Index one past the unit containing UTF-16 position `pos - 1`. */
  end(pos: number): number;
}

const identity: OffsetConverter = { start: (p) => p, end: (p) => p };

/** Start positions (UTF-16) of every unit of `text` for the given index type. */
function unitStarts(text: string, type: Exclude<StringIndexType, 'Utf16CodeUnit'>): Int32Array {
  const starts: number[] = [];
  if (type === 'TextElements_v8') {
    for (const s of graphemes.segment(text)) starts.push(s.index);
  } else {
    for (let i = 0; i < text.length; i++) {
      starts.push(i);
      const c = text.charCodeAt(i);
      const d = text.charCodeAt(i + 1);
      if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return Int32Array.from(starts);
}

/** Largest k with starts[k] <= pos. */
function unitAt(starts: Int32Array, pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function offsetConverter(text: string, type: StringIndexType): OffsetConverter {
  if (type === 'Utf16CodeUnit') return identity;
  if (type === 'UnicodeCodePoint' && !SURROGATES.test(text)) return identity;
  if (type === 'TextElements_v8' && !COMPLEX_GRAPHEMES.test(text)) return identity;
  let starts: Int32Array | undefined;
  const table = (): Int32Array => (starts ??= unitStarts(text, type));
  return {
    start: (pos) => (pos >= text.length ? table().length : unitAt(table(), pos)),
    end: (pos) => (pos <= 0 ? 0 : unitAt(table(), pos - 1) + 1),
  };
}
