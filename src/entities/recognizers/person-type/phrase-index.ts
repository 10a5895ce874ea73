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

/** Bits per first word in the prefilter: about one false positive in 64 unknown words. */
const BITS_PER_WORD = 64;

export class PhraseIndex {
  private readonly root = new Map<string, TrieNode>();
  /** Bit h >>> shift is set for the hash h of every first word. */
  private readonly firstWords: Uint32Array;
  private readonly shift: number;
  /** Number of distinct phrases. */
  readonly size: number;

  /** `phrases`: each phrase as its lower-case words. */
  constructor(phrases: Iterable<readonly string[]>) {
    let size = 0;
    for (const words of phrases) {
      if (words.length === 0) continue;
      let map = this.root;
      let node: TrieNode | undefined;
      for (const word of words) {
        node = map.get(word);
        if (!node) map.set(word, (node = { end: false, next: undefined }));
        map = node.next ??= new Map();
      }
      if (!node!.end) size++;
      node!.end = true;
    }
    for (const node of this.root.values()) this.dropEmpty(node);
    this.size = size;
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
    let node = this.root.get(tokens.norm(i));
    if (!node) return -1;
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

  /** Leaves without continuations get no map, so a walk stops without a lookup. */
  private dropEmpty(node: TrieNode): void {
    if (!node.next) return;
    if (node.next.size === 0) node.next = undefined;
    else for (const child of node.next.values()) this.dropEmpty(child);
  }
}

/** Reads a list file: one entry per line, `#` comments and blank lines skipped. */
export function parseList(content: string): string[] {
  return content
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
