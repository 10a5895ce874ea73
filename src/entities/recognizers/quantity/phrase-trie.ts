/** A character trie over lower-cased phrases, read forwards (unit suffixes) or backwards (currency prefixes). */
interface TrieNode<T> {
  /** Children by the lower-cased character's code. */
  readonly next: Map<number, TrieNode<T>>;
  /** Phrases ending here: the original spelling (case decides "MB" against "mb") and its value. */
  readonly values: { readonly phrase: string; readonly value: T }[];
}

const node = <T>(): TrieNode<T> => ({ next: new Map(), values: [] });

export interface PhraseMatch<T> {
  /** The other end of the phrase: its end when read forwards, its start when read backwards. */
  readonly edge: number;
  readonly values: readonly T[];
}

/** The code of a UTF-16 unit in lower case; -1 when lower-casing makes it longer ("İ"), which no phrase holds. */
function lowerCode(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  const lower = String.fromCharCode(code).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : -1;
}

export class PhraseTrie<T> {
  private readonly root: TrieNode<T> = node();
  private maxLength = 0;

  constructor(private readonly backwards: boolean) {}

  add(phrase: string, value: T): void {
    const key = phrase.toLowerCase();
    const chars = this.backwards ? [...key].reverse() : [...key];
    let n = this.root;
    for (const c of chars.map((ch) => ch.codePointAt(0)!)) {
      let child = n.next.get(c);
      if (!child) n.next.set(c, (child = node()));
      n = child;
    }
    n.values.push({ phrase, value });
    this.maxLength = Math.max(this.maxLength, key.length);
  }

  /**
   * The longest phrase that starts (forwards) or ends (backwards) at `pos` and whose other edge
   * passes `edgeOk`. Among spellings of one phrase, those whose case matches the text exactly win.
   */
  match(
    text: string,
    pos: number,
    edgeOk: (text: string, edge: number) => boolean,
  ): PhraseMatch<T> | undefined {
    let n: TrieNode<T> | undefined = this.root;
    // The longest phrase so far; its values are picked once, at the end.
    let bestNode: TrieNode<T> | undefined;
    let bestEdge = -1;
    const step = this.backwards ? -1 : 1;
    for (
      let i = 0, p = this.backwards ? pos - 1 : pos;
      i < this.maxLength && p >= 0 && p < text.length;
      i++
    ) {
      n = n.next.get(lowerCode(text.charCodeAt(p)));
      if (!n) break;
      p += step;
      const edge = this.backwards ? p + 1 : p;
      if (n.values.length > 0 && edgeOk(text, edge)) {
        bestNode = n;
        bestEdge = edge;
      }
    }
    return bestNode && { edge: bestEdge, values: this.pick(bestNode, text, bestEdge, pos) };
  }

  private pick(n: TrieNode<T>, text: string, edge: number, pos: number): T[] {
    if (n.values.length === 1) return [n.values[0]!.value];
    const written = this.backwards ? text.slice(edge, pos) : text.slice(pos, edge);
    const exact = n.values.filter((v) => v.phrase === written);
    return (exact.length > 0 ? exact : n.values).map((v) => v.value);
  }
}
