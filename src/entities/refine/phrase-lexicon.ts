import { gapBefore, gapIs, tokenize, type Tokens } from './tokens.ts';

/** Token hashes as `Tokens` and `TokenHashes` both hold them. */
interface HashedTokens {
  readonly hashes: Uint32Array;
  readonly folded: Uint32Array;
}
import { foldsLikeHash, hashRange, pairHash, WordFilter } from './word-filter.ts';

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
  /** One-word names' words, and first words of names whose second word's case the hash cannot fold. */
  private readonly singles = new WordFilter();
  /** First and second words of longer names, hashed as a pair: "The Sims" does not let every "The" in. */
  private readonly pairs = new WordFilter();
  /** With `caseless`: names by their first word lower-cased, and the filters on folded hashes. */
  private readonly caseless?: {
    readonly byFirst: Map<string, PhraseEntry<T>[]>;
    readonly singles: WordFilter;
    readonly pairs: WordFilter;
  };

  /** `caseless`: also index names for `matchCaselessAt` (text written in one case only). */
  constructor(options: { caseless?: boolean } = {}) {
    if (options.caseless)
      this.caseless = { byFirst: new Map(), singles: new WordFilter(), pairs: new WordFilter() };
  }

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
    const second = t.words[1];
    if (second === undefined || !foldsLikeHash(second)) this.singles.add(first);
    else this.pairs.addHash(pairHash(t.hashes[0] as number, t.folded[1] as number));
    addTo(this.byFirst, first, entry);
    if (this.caseless) {
      const lower = first.toLowerCase();
      const folded = hashRange(lower, 0, lower.length, true);
      if (second === undefined || !foldsLikeHash(first) || !foldsLikeHash(second))
        this.caseless.singles.addHash(folded);
      else this.caseless.pairs.addHash(pairHash(folded, t.folded[1] as number));
      addTo(this.caseless.byFirst, lower, entry);
    }
  }

  /** Whether a name may start at token i of `count` hashed tokens (false: certainly not). */
  mayStartAt(hashed: HashedTokens, i: number, count: number): boolean {
    const h = hashed.hashes[i] as number;
    return (
      this.singles.mayHave(h) ||
      (i + 1 < count && this.pairs.mayHave(pairHash(h, hashed.folded[i + 1] as number)))
    );
  }

  /** Whether a name may start at any of the first `count` hashed tokens. */
  mayStartAnywhere(hashed: HashedTokens, count: number): boolean {
    for (let i = 0; i < count; i++) if (this.mayStartAt(hashed, i, count)) return true;
    return false;
  }

  /**
   * The longest entry whose words are tokens i, i+1, ... (with the same separators) and that `accept`
   * takes, if any. `accept` gets `arg` back, so callers need not allocate a closure per token.
   */
  matchAt<A>(
    tokens: Tokens,
    i: number,
    accept?: (e: PhraseEntry<T>, tokens: Tokens, i: number, arg: A) => boolean,
    arg?: A,
  ): PhraseEntry<T> | undefined {
    if (!this.mayStartAt(tokens, i, tokens.hashes.length)) return undefined;
    return this.longest(this.byFirst.get(tokens.words[i] as string), tokens, i, accept, arg);
  }

  /** `mayStartAnywhere` for `matchCaselessAt`. */
  mayStartCaselessAnywhere(hashed: HashedTokens, count: number): boolean {
    const c = this.caseless;
    if (!c) return false;
    for (let i = 0; i < count; i++) {
      const h = hashed.folded[i] as number;
      if (
        c.singles.mayHave(h) ||
        (i + 1 < count && c.pairs.mayHave(pairHash(h, hashed.folded[i + 1] as number)))
      )
        return true;
    }
    return false;
  }

  /** `matchAt` in any case, the first word too ("real madrid", "REAL MADRID"); needs `caseless`. */
  matchCaselessAt<A>(
    tokens: Tokens,
    i: number,
    accept?: (e: PhraseEntry<T>, tokens: Tokens, i: number, arg: A) => boolean,
    arg?: A,
  ): PhraseEntry<T> | undefined {
    const c = this.caseless;
    if (!c) return undefined;
    const h = tokens.folded[i] as number;
    const may =
      c.singles.mayHave(h) ||
      (i + 1 < tokens.hashes.length && c.pairs.mayHave(pairHash(h, tokens.folded[i + 1] as number)));
    if (!may) return undefined;
    return this.longest(c.byFirst.get((tokens.words[i] as string).toLowerCase()), tokens, i, accept, arg);
  }

  private longest<A>(
    list: readonly PhraseEntry<T>[] | undefined,
    tokens: Tokens,
    i: number,
    accept?: (e: PhraseEntry<T>, tokens: Tokens, i: number, arg: A) => boolean,
    arg?: A,
  ): PhraseEntry<T> | undefined {
    if (!list) return undefined;
    const n = tokens.words.length;
    for (const e of list) {
      if (i + e.length > n) continue;
      let ok = true;
      for (let k = 1; k < e.length && ok; k++) {
        const word = tokens.words[i + k] as string;
        ok = word.toLowerCase() === e.tail[k] && gapIs(tokens, i + k, e.gaps[k] as string);
      }
      if (ok && (!accept || accept(e, tokens, i, arg as A))) return e;
    }
    return undefined;
  }
}

/** Adds `entry` under `key`, longest names first. */
function addTo<T>(index: Map<string, PhraseEntry<T>[]>, key: string, entry: PhraseEntry<T>): void {
  const list = index.get(key);
  if (list) {
    list.push(entry);
    list.sort((a, b) => b.length - a.length);
  } else index.set(key, [entry]);
}
