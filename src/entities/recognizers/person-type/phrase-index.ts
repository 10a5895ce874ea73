/**
 * Longest-match lookup of multi-word phrases over a token list: a trie keyed by lower-case words,
 * fronted by a bit set of the hashes of every first word. A word that starts no phrase (most words of
 * a document) costs one bit test and no allocation; a word that does costs one hash lookup per word of
 * the longest phrase tried. Used by the PersonType and Skill gazetteers.
 */
import { hashWord, type TokenList } from './token-list.ts';

/** Whether tokens a and a + 1 may belong to one phrase (e.g. no punctuation between). */
export type Joins = (tokens: TokenList, a: number) => boolean;

/** A phrase found in the text: tokens [first, last] inclusive. */
export interface PhraseMatch {
  readonly first: number;
  readonly last: number;
}

interface TrieNode {
  /** Whether a phrase ends here. */
  end: boolean;
  next: Map<string, TrieNode> | undefined;
}

/** The further words of every phrase that starts with one word (`[]` for the word alone). */
export type Continuations = () => Iterable<readonly string[]>;

/** Bits per first word in the prefilter: about one false positive in 64 unknown words. */
const BITS_PER_WORD = 64;

export class PhraseIndex {
  /** First word → its trie, or what makes it: a group is built the first time a document holds its word. */
  private readonly root = new Map<string, TrieNode | Continuations>();
  /** Bit h >>> shift is set for the hash h of every first word. */
  private readonly firstWords: Uint32Array;
  private readonly shift: number;

  /** An index of phrases, each given as its lower-case words. */
  static of(phrases: Iterable<readonly string[]>): PhraseIndex {
    const groups = new Map<string, (readonly string[])[]>();
    for (const words of phrases) {
      if (words.length === 0) continue;
      const group = groups.get(words[0]!);
      if (group) group.push(words.slice(1));
      else groups.set(words[0]!, [words.slice(1)]);
    }
    return new PhraseIndex(new Map([...groups].map(([word, rests]) => [word, () => rests])));
  }

  /** Phrases grouped by their first (lower-case) word: building only what documents reach keeps start-up fast. */
  constructor(groups: ReadonlyMap<string, Continuations>) {
    for (const [word, rests] of groups) this.root.set(word, rests);
    let bits = 32;
    while (bits < this.root.size * BITS_PER_WORD) bits *= 2;
    this.shift = 32 - Math.log2(bits);
    this.firstWords = new Uint32Array(bits / 32);
    for (const word of this.root.keys()) {
      const b = hashWord(word) >>> this.shift;
      this.firstWords[b >>> 5]! |= 1 << (b & 31);
    }
  }

  /** Whether token i may start a phrase (false: it certainly does not). */
  mayStart(tokens: TokenList, i: number): boolean {
    const b = tokens.hashes[i]! >>> this.shift;
    return (this.firstWords[b >>> 5]! & (1 << (b & 31))) !== 0;
  }

  /** The longest phrase starting at token `i`, as the index of its last token, or -1. */
  longestAt(tokens: TokenList, i: number, joins: Joins): number {
    if (i >= tokens.length || !this.mayStart(tokens, i)) return -1;
    const word = tokens.norm(i);
    const entry = this.root.get(word);
    if (entry === undefined) return -1;
    let node: TrieNode | undefined = typeof entry === 'function' ? this.build(word, entry) : entry;
    let best = node.end ? i : -1;
    for (let k = i; node.next && k + 1 < tokens.length && joins(tokens, k); k++) {
      node = node.next.get(tokens.norm(k + 1));
      if (!node) break;
      if (node.end) best = k + 1;
    }
    return best;
  }

  /** Non-overlapping longest matches, left to right. */
  findAll(tokens: TokenList, joins: Joins): PhraseMatch[] {
    const out: PhraseMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const last = this.longestAt(tokens, i, joins);
      if (last < 0) continue;
      out.push({ first: i, last });
      i = last;
    }
    return out;
  }

  /** The trie of the phrases starting with `word`, made once. */
  private build(word: string, continuations: Continuations): TrieNode {
    const head: TrieNode = { end: false, next: undefined };
    for (const rest of continuations()) {
      let node = head;
      for (const w of rest) {
        const next = (node.next ??= new Map());
        let child = next.get(w);
        if (!child) next.set(w, (child = { end: false, next: undefined }));
        node = child;
      }
      node.end = true;
    }
    this.root.set(word, head);
    return head;
  }
}

/** Reads a list file: one entry per line, `#` comments and blank lines skipped. */
export function parseList(content: string): string[] {
  return content
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
