/** The token view the Address parsers walk: words with their surface, lower-case form and the gaps between. */

export interface Word {
  readonly start: number;
  readonly end: number;
  /** The text as written. */
  readonly s: string;
  /** Lower case. */
  readonly norm: string;
}

import { isWordAt, unitsAt } from '../person-type/token-list.ts';

const CAPITAL = /^\p{Lu}/u;
const SPACE = /^[ \t]{1,2}$/;
/** A comma and/or one line break, as between the lines of an address. */
const SEPARATOR = /^(?:,[ \t]{0,2}|[ \t]*\n[ \t]*|,[ \t]*\r?\n[ \t]*)$/;

/** `-`, `'` or `’` between two runs of letters and digits. */
function isInnerJoiner(c: number): boolean {
  return c === 45 || c === 39 || c === 0x2019;
}

export class Words {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Word objects, made when a parser first looks at a word (most words are never looked at). */
  private readonly made: (Word | undefined)[] = [];

  /**
   * Words: letters and digits, with inner hyphens or apostrophes ("98052-6399", "O'Farrell", "12-14"):
   * the matches of `[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*`, scanned by code unit.
   */
  constructor(readonly text: string) {
    const n = text.length;
    let p = 0;
    while (p < n) {
      if (!isWordAt(text, p)) {
        p += unitsAt(text, p);
        continue;
      }
      const start = p;
      for (;;) {
        while (p < n && isWordAt(text, p)) p += unitsAt(text, p);
        if (p + 1 < n && isInnerJoiner(text.charCodeAt(p)) && isWordAt(text, p + 1)) p++;
        else break;
      }
      this.starts.push(start);
      this.ends.push(p);
    }
  }

  get length(): number {
    return this.starts.length;
  }

  at(i: number): Word | undefined {
    if (i < 0 || i >= this.starts.length) return undefined;
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
    return a + 1 < this.starts.length ? this.text.slice(this.ends[a]!, this.starts[a + 1]!) : '';
  }

  /** Words a and a + 1 are one or two spaces apart. */
  spaced(a: number): boolean {
    return a + 1 < this.starts.length && SPACE.test(this.gap(a));
  }

  /** Words a and a + 1 are separated by a comma or a line break (the next part of an address). */
  separated(a: number): boolean {
    return a + 1 < this.starts.length && SEPARATOR.test(this.gap(a));
  }

  capitalised(i: number): boolean {
    const w = this.at(i);
    return !!w && CAPITAL.test(w.s);
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
