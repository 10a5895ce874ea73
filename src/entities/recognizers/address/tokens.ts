/** The token view the Address parsers walk: words with their surface, lower-case form and the gaps between. */

export interface Word {
  readonly start: number;
  readonly end: number;
  /** The text as written. */
  readonly s: string;
  /** Lower case. */
  readonly norm: string;
}

import { isWordAt, lowerCaseOf, unitsAt } from '../person-type/token-list.ts';

const CAPITAL = /^\p{Lu}/u;
const ANY_LOWER = /\p{Ll}/u;
/**
 * English function words, which no street or town name holds as a word of its own: in text written in
 * capitals they are the only case evidence left ("54 BASIS POINTS AT THE CLOSE" is no street).
 */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `the a an at on in of to for and or from with by as is was are were be been this that these those it its
  he she we they you i his her their our my your not but if than so into onto over about after before
  during near while when where who which said says`.split(/\s+/),
);
/**
 * A comma and/or one line break, as between the lines of an address; the comma may follow the period of
 * an abbreviation ("123 Main St., Springfield").
 */
const SEPARATOR = /^(?:\.?,[ \t]{0,2}|[ \t]*\n[ \t]*|\.?,[ \t]*\r?\n[ \t]*)$/;

/** `-`, `'` or `’` between two runs of letters and digits. */
function isInnerJoiner(c: number): boolean {
  return c === 45 || c === 39 || c === 0x2019;
}

/** A space or a tab. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** ASCII letters and digits. */
function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** Offsets of the words of the last document, reused from call to call (the recogniser is synchronous). */
let startBuffer = new Int32Array(256);
let endBuffer = new Int32Array(256);

export class Words {
  private starts = startBuffer;
  private ends = endBuffer;
  private count = 0;
  /** Whether the text has no lower-case letter (a telex, a headline, a label in capitals); read lazily. */
  private capitalsOnly?: boolean;
  /** Word objects, made when a parser first looks at a word (most words are never looked at). */
  private readonly made: (Word | undefined)[] = [];

  /**
   * Words: letters and digits, with inner hyphens or apostrophes ("98052-6399", "O'Farrell", "12-14"):
   * the matches of `[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*`, scanned by code unit. ASCII is read from the
   * lower-cased text where it keeps offsets (flat, and shared with the other recognisers), the rest
   * from the text.
   */
  constructor(readonly text: string) {
    const n = text.length;
    const lower = lowerCaseOf(text);
    const src = lower.length === n ? lower : text;
    let p = 0;
    while (p < n) {
      const c = src.charCodeAt(p);
      if (c < 0x80 ? !isAsciiWord(c) : !isWordAt(text, p)) {
        p += c < 0x80 ? 1 : unitsAt(text, p);
        continue;
      }
      const start = p;
      for (;;) {
        while (p < n) {
          const d = src.charCodeAt(p);
          if (d < 0x80) {
            if (!isAsciiWord(d)) break;
            p++;
          } else {
            if (!isWordAt(text, p)) break;
            p += unitsAt(text, p);
          }
        }
        if (p + 1 < n && isInnerJoiner(src.charCodeAt(p)) && this.wordAt(src, p + 1)) p++;
        else break;
      }
      this.push(start, p);
    }
  }

  private wordAt(src: string, p: number): boolean {
    const c = src.charCodeAt(p);
    return c < 0x80 ? isAsciiWord(c) : isWordAt(this.text, p);
  }

  private push(start: number, end: number): void {
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.count * 2);
      const ends = new Int32Array(this.count * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      startBuffer = this.starts = starts;
      endBuffer = this.ends = ends;
    }
    this.starts[this.count] = start;
    this.ends[this.count++] = end;
  }

  get length(): number {
    return this.count;
  }

  at(i: number): Word | undefined {
    if (i < 0 || i >= this.count) return undefined;
    let word = this.made[i];
    if (!word) {
      const s = this.text.slice(this.starts[i]!, this.ends[i]!);
      this.made[i] = word = { start: this.starts[i]!, end: this.ends[i]!, s, norm: s.toLowerCase() };
    }
    return word;
  }

  /** Code unit `offset` of word i (NaN past its end). */
  charAt(i: number, offset = 0): number {
    const p = this.starts[i]! + offset;
    return p < this.ends[i]! ? this.text.charCodeAt(p) : NaN;
  }

  /** Text between word a and word a + 1 ('' past the end). */
  gap(a: number): string {
    return a + 1 < this.count ? this.text.slice(this.ends[a]!, this.starts[a + 1]!) : '';
  }

  /** Words a and a + 1 are one or two spaces apart. */
  spaced(a: number): boolean {
    if (a < 0 || a + 1 >= this.count) return false;
    const from = this.ends[a]!;
    const gap = this.starts[a + 1]! - from;
    return (
      gap >= 1 &&
      gap <= 2 &&
      isBlank(this.text.charCodeAt(from)) &&
      (gap === 1 || isBlank(this.text.charCodeAt(from + 1)))
    );
  }

  /** Words a and a + 1 are separated by a comma or a line break (the next part of an address). */
  separated(a: number): boolean {
    return a + 1 < this.count && SEPARATOR.test(this.gap(a));
  }

  /** Word i starts with a capital; in text written in capitals, and is no English function word. */
  capitalised(i: number): boolean {
    if (i < 0 || i >= this.count) return false;
    const c = this.text.charCodeAt(this.starts[i]!);
    // ASCII: no word object needed
    const capital = c < 0x80 ? c >= 65 && c <= 90 : CAPITAL.test(this.at(i)!.s);
    if (!capital) return false;
    this.capitalsOnly ??= !ANY_LOWER.test(this.text);
    return !this.capitalsOnly || !FUNCTION_WORDS.has(this.at(i)!.norm);
  }

  /** The lower-case words i..j joined by single spaces, if every gap between them is spacing. */
  phrase(i: number, j: number): string | undefined {
    const parts: string[] = [];
    for (let k = i; k <= j; k++) {
      if (k > i && !this.spaced(k - 1)) return undefined;
      parts.push(this.at(k)!.norm);
    }
    return parts.join(' ');
  }
}
