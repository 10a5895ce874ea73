/** The token view the Address parsers walk: words with their surface, lower-case form and the gaps between. */

export interface Word {
  readonly start: number;
  readonly end: number;
  /** The text as written. */
  readonly s: string;
  /** Lower case. */
  readonly norm: string;
}

/** Words: letters and digits, with inner hyphens or apostrophes ("98052-6399", "O'Farrell", "12-14"). */
const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
const CAPITAL = /^\p{Lu}/u;
const SPACE = /^[ \t]{1,2}$/;
/** A comma and/or one line break, as between the lines of an address. */
const SEPARATOR = /^(?:,[ \t]{0,2}|[ \t]*\n[ \t]*|,[ \t]*\r?\n[ \t]*)$/;

export class Words {
  readonly list: Word[] = [];

  constructor(readonly text: string) {
    WORD.lastIndex = 0;
    for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
      this.list.push({ start: m.index, end: m.index + m[0].length, s: m[0], norm: m[0].toLowerCase() });
    }
  }

  get length(): number {
    return this.list.length;
  }

  at(i: number): Word | undefined {
    return this.list[i];
  }

  /** Text between word a and word a + 1 ('' past the end). */
  gap(a: number): string {
    const next = this.list[a + 1];
    return next ? this.text.slice(this.list[a]!.end, next.start) : '';
  }

  /** Words a and a + 1 are one or two spaces apart. */
  spaced(a: number): boolean {
    return a + 1 < this.list.length && SPACE.test(this.gap(a));
  }

  /** Words a and a + 1 are separated by a comma or a line break (the next part of an address). */
  separated(a: number): boolean {
    return a + 1 < this.list.length && SEPARATOR.test(this.gap(a));
  }

  capitalised(i: number): boolean {
    const w = this.list[i];
    return !!w && CAPITAL.test(w.s);
  }

  /** The lower-case words i..j joined by single spaces, if every gap between them is spacing. */
  phrase(i: number, j: number): string | undefined {
    const parts: string[] = [];
    for (let k = i; k <= j; k++) {
      if (k > i && !this.spaced(k - 1)) return undefined;
      parts.push(this.list[k]!.norm);
    }
    return parts.join(' ');
  }
}
