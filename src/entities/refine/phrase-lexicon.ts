import { gapBefore, tokenize, type Tokens } from './tokens.ts';

/** A multi-word name, matched token by token: the first word exactly, the rest case-insensitively. */
export interface PhraseEntry<T> {
  readonly name: string;
  readonly length: number;
  /** Lower-cased words after the first. */
  readonly tail: readonly string[];
  /** What separates word k-1 from word k (index 0 unused): " ", ", ", "" for "U.S." ... */
  readonly gaps: readonly string[];
  readonly value: T;
  readonly flags: string;
}

/** Names keyed by their first word; the longest name starting at a token wins. */
export class PhraseLexicon<T> {
  private readonly byFirst = new Map<string, PhraseEntry<T>[]>();

  add(name: string, value: T, flags = ''): void {
    const t = tokenize(name);
    const first = t.words[0];
    if (first === undefined) return;
    const entry: PhraseEntry<T> = {
      name,
      length: t.words.length,
      tail: t.words.map((w) => w.toLowerCase()),
      gaps: t.words.map((_, k) => (k === 0 ? '' : gapBefore(t, k))),
      value,
      flags,
    };
    const list = this.byFirst.get(first);
    if (list) {
      list.push(entry);
      list.sort((a, b) => b.length - a.length);
    } else this.byFirst.set(first, [entry]);
  }

  /** The longest entry whose words are tokens i, i+1, ... (with the same separators), if any. */
  matchAt(tokens: Tokens, i: number, accept?: (e: PhraseEntry<T>) => boolean): PhraseEntry<T> | undefined {
    const list = this.byFirst.get(tokens.words[i] as string);
    if (!list) return undefined;
    const n = tokens.words.length;
    for (const e of list) {
      if (i + e.length > n) continue;
      let ok = true;
      for (let k = 1; k < e.length && ok; k++) {
        ok =
          (tokens.words[i + k] as string).toLowerCase() === e.tail[k] &&
          gapBefore(tokens, i + k) === e.gaps[k];
      }
      if (ok && (!accept || accept(e))) return e;
    }
    return undefined;
  }
}
