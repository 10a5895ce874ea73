import { isSpaceUnit } from '../../text/chars.ts';
/**
 * The words of one document as the gazetteer recognisers walk them: offsets and a hash of each word's
 * lower-case form in reusable typed arrays. The lower-case string itself is made only on demand
 * (`norm`), so a word that starts no phrase costs no allocation. Used by the PersonType and Skill
 * tokenisers; one list per recogniser, refilled for every document (recognisers are synchronous).
 */

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units: the same value `TokenList.push` computes for a word of the text. */
export function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME);
  return h >>> 0;
}

/**
 * The last text lower-cased and its lower case: PersonType and Skill read the same document one after
 * the other, so the second finds it here instead of lower-casing it again.
 */
let lastText = '';
let lastLower = '';

/** `text.toLowerCase()`, made once for the document the recognisers are reading. */
export function lowerCaseOf(text: string): string {
  if (text !== lastText) {
    lastLower = text.toLowerCase();
    lastText = text;
  }
  return lastLower;
}

export class TokenList {
  length = 0;
  text = '';
  /**
   * `text` lower-cased once, when that keeps every offset (it does unless e.g. "İ" grows). Words are
   * then lower-cased in context: only a Greek capital sigma may differ from lower-casing the word alone.
   */
  lower = '';
  aligned = true;
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  hashes = new Uint32Array(256);

  /** Empties the list for a new document. */
  reset(text: string): void {
    this.text = text;
    this.lower = lowerCaseOf(text);
    this.aligned = this.lower.length === text.length;
    this.length = 0;
  }

  /** Appends the word [start, end) of the text, hashing its lower-case form. */
  push(start: number, end: number): void {
    let h = FNV_OFFSET;
    if (this.aligned) {
      const lower = this.lower;
      for (let k = start; k < end; k++) h = Math.imul(h ^ lower.charCodeAt(k), FNV_PRIME);
      h >>>= 0;
    } else {
      h = hashWord(this.text.slice(start, end).toLowerCase());
    }
    this.pushHashed(start, end, h);
  }

  /** Appends the word [start, end) whose lower-case form hashes (`hashWord`) to h. */
  pushHashed(start: number, end: number, h: number): void {
    if (this.length === this.starts.length) this.grow();
    const i = this.length++;
    this.starts[i] = start;
    this.ends[i] = end;
    this.hashes[i] = h;
  }

  /** Lower-case form of word i. */
  norm(i: number): string {
    const s = this.starts[i]!;
    const e = this.ends[i]!;
    return this.aligned ? this.lower.slice(s, e) : this.text.slice(s, e).toLowerCase();
  }

  /** Word i as written. */
  surface(i: number): string {
    return this.text.slice(this.starts[i]!, this.ends[i]!);
  }

  private grow(): void {
    const n = this.starts.length * 2;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const hashes = new Uint32Array(n);
    starts.set(this.starts);
    ends.set(this.ends);
    hashes.set(this.hashes);
    this.starts = starts;
    this.ends = ends;
    this.hashes = hashes;
  }
}

/** Splits a document into a token list; the same function must split the phrase list and the documents. */
export type Tokenizer = (text: string, into: TokenList) => void;

let phraseList: TokenList | undefined;

/** The lower-case words of a phrase, as `tokenize` splits it. */
export function phraseWords(phrase: string, tokenize: Tokenizer): string[] {
  const list = (phraseList ??= new TokenList());
  tokenize(phrase, list);
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) out.push(list.norm(i));
  return out;
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Per BMP code unit: 0 not yet known, 1 a letter or digit, 2 not. */
const wordUnits = new Uint8Array(0x10000);

/** Whether the code point at `p` is a letter or digit (`[\p{L}\p{N}]`); surrogate pairs read whole. */
export function isWordAt(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0xd800 && c <= 0xdbff) return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(p)!));
  let known = wordUnits[c]!;
  if (known === 0) wordUnits[c] = known = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1;
}

/** UTF-16 units the code point at `p` takes (2 for a surrogate pair). */
export function unitsAt(text: string, p: number): number {
  const c = text.charCodeAt(p);
  if (c < 0xd800 || c > 0xdbff) return 1;
  const d = text.charCodeAt(p + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

/** Whether the code point ending just before `p` is a letter or digit. */
export function isWordBefore(text: string, p: number): boolean {
  if (p <= 0) return false;
  const c = text.charCodeAt(p - 1);
  if (c >= 0xdc00 && c <= 0xdfff && p >= 2) {
    const h = text.charCodeAt(p - 2);
    if (h >= 0xd800 && h <= 0xdbff) return isWordAt(text, p - 2);
  }
  return isWordAt(text, p - 1);
}

/** Whether words a and a + 1 are one or two white-space characters apart (a line break counts). */
export function spacedWords(tokens: TokenList, a: number): boolean {
  const from = tokens.ends[a]!;
  const gap = tokens.starts[a + 1]! - from;
  if (gap < 1 || gap > 2) return false;
  const text = tokens.text;
  return isSpaceUnit(text.charCodeAt(from)) && (gap === 1 || isSpaceUnit(text.charCodeAt(from + 1)));
}
