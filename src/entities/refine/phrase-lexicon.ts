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

/** Names by their first word, and the filters that rule most tokens out before any Map lookup. */
interface FirstWordIndex<T> {
  readonly byFirst: Map<string, PhraseEntry<T>[]>;
  /** One-word names' words, and first words of names whose second word's case the hash cannot fold. */
  readonly singles: WordFilter;
  /** First and second words of longer names, hashed as a pair: "The Sims" does not let every "The" in. */
  readonly pairs: WordFilter;
}

function firstWordIndex<T>(): FirstWordIndex<T> {
  return { byFirst: new Map(), singles: new WordFilter(), pairs: new WordFilter() };
}

/**
 * Files `entry` under `key`, its first word hashed `first` (exactly, or folded for the caseless index);
 * `second` is the folded hash of its second word, undefined when that word's case does not fold.
 */
function indexEntry<T>(
  index: FirstWordIndex<T>,
  key: string,
  first: number,
  second: number | undefined,
  entry: PhraseEntry<T>,
): void {
  if (second === undefined) index.singles.addHash(first);
  else index.pairs.addHash(pairHash(first, second));
  const list = index.byFirst.get(key);
  if (list) {
    list.push(entry);
    list.sort((a, b) => b.length - a.length);
  } else index.byFirst.set(key, [entry]);
}

/** Whether a name of `index` may start at token i, its first word hashed as `firsts` holds it. */
function mayStartIn<T>(
  index: FirstWordIndex<T>,
  firsts: Uint32Array,
  hashed: HashedTokens,
  i: number,
  count: number,
): boolean {
  const h = firsts[i] as number;
  return (
    index.singles.mayHave(h) ||
    (i + 1 < count && index.pairs.mayHave(pairHash(h, hashed.folded[i + 1] as number)))
  );
}

/** Names keyed by their first word; the longest name starting at a token wins. */
export class PhraseLexicon<T> {
  private readonly exact = firstWordIndex<T>();
  /** With `caseless`: names by their first word lower-cased, the filters on folded hashes. */
  private readonly caseless?: FirstWordIndex<T>;

  /** `caseless`: also index names for `matchCaselessAt` (text written in one case only). */
  constructor(options: { caseless?: boolean } = {}) {
    if (options.caseless) this.caseless = firstWordIndex<T>();
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
    const secondFolded = second !== undefined && foldsLikeHash(second) ? (t.folded[1] as number) : undefined;
    indexEntry(this.exact, first, t.hashes[0] as number, secondFolded, entry);
    if (this.caseless) {
      const lower = first.toLowerCase();
      const folded = hashRange(lower, 0, lower.length, true);
      indexEntry(this.caseless, lower, folded, foldsLikeHash(first) ? secondFolded : undefined, entry);
    }
  }

  /** Whether a name may start at token i of `count` hashed tokens (false: certainly not). */
  mayStartAt(hashed: HashedTokens, i: number, count: number): boolean {
    return mayStartIn(this.exact, hashed.hashes, hashed, i, count);
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
    return this.longest(this.exact.byFirst.get(tokens.words[i] as string), tokens, i, accept, arg);
  }

  /** `mayStartAnywhere` for `matchCaselessAt`. */
  mayStartCaselessAnywhere(hashed: HashedTokens, count: number): boolean {
    const c = this.caseless;
    if (!c) return false;
    for (let i = 0; i < count; i++) if (mayStartIn(c, hashed.folded, hashed, i, count)) return true;
    return false;
  }

  /**
   * `mayStartCaselessAnywhere` only right after a token whose folded hash `after` may hold ("in", "to");
   * `lowerOnly`: only at a token with no capital A-Z (its exact hash is its folded one).
   */
  mayStartCaselessAfter(hashed: HashedTokens, count: number, after: WordFilter, lowerOnly: boolean): boolean {
    const c = this.caseless;
    if (!c) return false;
    const { hashes, folded } = hashed;
    for (let i = 1; i < count; i++) {
      if (!after.mayHave(folded[i - 1] as number) || (lowerOnly && hashes[i] !== folded[i])) continue;
      if (mayStartIn(c, folded, hashed, i, count)) return true;
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
    if (!c || !mayStartIn(c, tokens.folded, tokens, i, tokens.hashes.length)) return undefined;
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
