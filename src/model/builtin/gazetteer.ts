/**
 * Phrase lists (entity names, places, first names ...) matched case-insensitively, longest match
 * first. Each phrase carries the labels of the lists it is in, e.g. ["tr:LOC", "city"].
 */
export class Gazetteer {
  private readonly phrases = new Map<string, string[]>();
  /** Proper word prefixes of multi-word phrases ("new", "new york" for "new york city"): matching
   * stops extending a candidate as soon as it is not one, so most words cost a single lookup. */
  private readonly prefixes = new Set<string>();
  private longest = 1;

  add(phrase: string, label: string): void {
    const words = phrase.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0 || words.length > 8) return;
    const key = words.join(' ');
    const labels = this.phrases.get(key);
    if (!labels) this.phrases.set(key, [label]);
    else if (!labels.includes(label)) labels.push(label);
    for (let n = 1; n < words.length; n++) this.prefixes.add(words.slice(0, n).join(' '));
    this.longest = Math.max(this.longest, words.length);
  }

  get size(): number {
    return this.phrases.size;
  }

  /** Serializable form: phrase -> labels. */
  toJSON(): Record<string, string[]> {
    return Object.fromEntries([...this.phrases.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  static fromJSON(json: Record<string, string[]>): Gazetteer {
    const g = new Gazetteer();
    for (const [phrase, labels] of Object.entries(json)) for (const l of labels) g.add(phrase, l);
    return g;
  }

  /**
   * Per word, the matches covering it as "label:B" / "label:I" strings. Matching is greedy left to
   * right, taking the longest phrase that starts at each word.
   */
  match(lowerWords: readonly string[]): string[][] {
    const out: string[][] = lowerWords.map(() => []);
    let i = 0;
    while (i < lowerWords.length) {
      let found = 0;
      let labels: string[] | undefined;
      let key = '';
      for (let n = 1; n <= this.longest && i + n <= lowerWords.length; n++) {
        key = n === 1 ? lowerWords[i]! : `${key} ${lowerWords[i + n - 1]!}`;
        const hit = this.phrases.get(key);
        if (hit) {
          found = n;
          labels = hit;
        }
        if (!this.prefixes.has(key)) break;
      }
      if (!labels) {
        i++;
        continue;
      }
      for (let k = 0; k < found; k++) {
        for (const l of labels) out[i + k]!.push(`${l}:${k === 0 ? 'B' : 'I'}`);
      }
      i += found;
    }
    return out;
  }
}
