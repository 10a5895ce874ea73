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

/**
 * Phrases grouped by first word: first word → the rest of each phrase, its words joined by single
 * spaces ('' for the word alone). `expand` turns one rest into the word sequences to index (a rest
 * and its plural, say); it runs the first time a document holds the group's first word.
 */
export type PhraseGroups = Map<string, readonly string[]>;
export type Expand = (rest: string) => readonly (readonly string[])[];

/** Bits per first word in the prefilter: about one false positive in 64 unknown words. */
const BITS_PER_WORD = 64;

const asWords: Expand = (rest) => [rest === '' ? [] : rest.split(' ')];

export class PhraseIndex {
  /** First word → its trie, or the rests it is made from (built only for words documents reach). */
  private readonly root: Map<string, TrieNode | readonly string[]>;
  /** Bit h >>> shift is set for the hash h of every first word. */
  private readonly firstWords: Uint32Array;
  private readonly shift: number;

  /** An index of phrases, each given as its lower-case words. */
  static of(phrases: Iterable<readonly string[]>): PhraseIndex {
    const groups: PhraseGroups = new Map();
    for (const words of phrases) {
      if (words.length === 0) continue;
      const rest = words.slice(1).join(' ');
      const group = groups.get(words[0]!) as string[] | undefined;
      if (group) group.push(rest);
      else groups.set(words[0]!, [rest]);
    }
    return new PhraseIndex(groups, asWords);
  }

  /** Takes `groups` over (no copy: a worker's start-up is mostly this list). */
  constructor(
    groups: PhraseGroups,
    private readonly expand: Expand,
  ) {
    this.root = groups;
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
    return this.mayStartHash(tokens.hashes[i]!);
  }

  /** Whether a word of hash h (`hashWord` of its lower case) may start a phrase. */
  mayStartHash(h: number): boolean {
    const b = h >>> this.shift;
    return (this.firstWords[b >>> 5]! & (1 << (b & 31))) !== 0;
  }

  /** The longest phrase starting at token `i`, as the index of its last token, or -1. */
  longestAt(tokens: TokenList, i: number, joins: Joins): number {
    if (i >= tokens.length || !this.mayStart(tokens, i)) return -1;
    const word = tokens.norm(i);
    const entry = this.root.get(word);
    if (entry === undefined) return -1;
    let node: TrieNode | undefined = isRests(entry) ? this.build(word, entry) : entry;
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
  private build(word: string, rests: readonly string[]): TrieNode {
    const head: TrieNode = { end: false, next: undefined };
    for (const words of rests.flatMap(this.expand)) {
      let node = head;
      for (const w of words) {
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

function isRests(entry: TrieNode | readonly string[]): entry is readonly string[] {
  return Array.isArray(entry);
}

/** Reads a list file: one entry per line, `#` comments and blank lines skipped. */
export function parseList(content: string): string[] {
  return content
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
