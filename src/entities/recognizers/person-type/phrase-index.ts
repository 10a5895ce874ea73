/**
 * Longest-match lookup of multi-word phrases over a token stream: phrases are grouped by their
 * first token, so a document costs one hash lookup per token plus a few token comparisons where a
 * first token is known. Used by the PersonType and Skill gazetteers.
 */

/** A word of the text: [start, end) in UTF-16 units and its normalised (lower-cased) form. */
export interface Token {
  readonly start: number;
  readonly end: number;
  readonly norm: string;
}

/** A phrase found in the text: tokens [first, last] inclusive. */
export interface PhraseMatch {
  readonly first: number;
  readonly last: number;
}

/** Splits text into tokens; the same function must tokenise the phrase list and the documents. */
export type Tokenizer = (text: string) => Token[];

/** Lower-cases and folds typographic apostrophes, so `Owner’s` and `owner's` meet. */
export function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/\u2019/g, "'");
}

/** Tokens from every match of a global regex. */
export function regexTokenizer(re: RegExp): Tokenizer {
  return (text) => {
    const out: Token[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push({ start: m.index, end: m.index + m[0].length, norm: normalizeWord(m[0]) });
    }
    return out;
  };
}

export class PhraseIndex {
  /** First token → the rest of every phrase starting with it, longest first. */
  private readonly byFirst = new Map<string, string[][]>();
  readonly size: number;

  constructor(phrases: Iterable<string>, tokenize: Tokenizer) {
    const seen = new Set<string>();
    for (const phrase of phrases) {
      const words = tokenize(phrase).map((t) => t.norm);
      const key = words.join(' ');
      const [head, ...rest] = words;
      if (head === undefined || seen.has(key)) continue;
      seen.add(key);
      const list = this.byFirst.get(head) ?? [];
      list.push(rest);
      this.byFirst.set(head, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length);
    this.size = seen.size;
  }

  /**
   * The longest phrase starting at token `i`, as the index of its last token, or -1. `joins(a, b)`
   * says whether tokens a and b = a + 1 may belong to one phrase (e.g. no sentence break between).
   */
  longestAt(tokens: readonly Token[], i: number, joins: (a: number) => boolean): number {
    const head = tokens[i];
    const list = head && this.byFirst.get(head.norm);
    if (!list) return -1;
    for (const rest of list) {
      if (i + rest.length >= tokens.length) continue;
      let k = 0;
      while (k < rest.length && joins(i + k) && tokens[i + k + 1]!.norm === rest[k]) k++;
      if (k === rest.length) return i + k;
    }
    return -1;
  }

  /** Non-overlapping longest matches, left to right. */
  findAll(tokens: readonly Token[], joins: (a: number) => boolean): PhraseMatch[] {
    const out: PhraseMatch[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const last = this.longestAt(tokens, i, joins);
      if (last < 0) continue;
      out.push({ first: i, last });
      i = last;
    }
    return out;
  }
}

/** Reads a list file: one entry per line, `#` comments and blank lines skipped. */
export function parseList(content: string): string[] {
  return content
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
