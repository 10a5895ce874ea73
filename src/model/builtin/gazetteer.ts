/** A phrase, or a proper word prefix of longer phrases, or both. */
interface Entry {
  /** Labels of the phrase itself; empty if the key is only a prefix. */
  readonly labels: string[];
  /** Some longer phrase starts with this key: matching may extend it. */
  prefix: boolean;
  /** `label:B` and `label:I` of every label, made on its first match (again after a label is added). */
  tags?: { readonly begin: readonly string[]; readonly inside: readonly string[] };
}

/**
 * Phrase lists (entity names, places, first names ...) matched case-insensitively, longest match
 * first. Each phrase carries the labels of the lists it is in, e.g. ["tr:LOC", "city"].
 */
export class Gazetteer {
  /** Phrases and their proper prefixes in one map, so each matching step costs one lookup. */
  private readonly entries = new Map<string, Entry>();
  private phraseCount = 0;
  private longest = 1;

  add(phrase: string, label: string): void {
    const words = phrase.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0 || words.length > 8) return;
    const entry = this.entry(words.join(' '));
    if (entry.labels.length === 0) this.phraseCount++;
    if (!entry.labels.includes(label)) {
      entry.labels.push(label);
      entry.tags = undefined;
    }
    for (let n = 1; n < words.length; n++) this.entry(words.slice(0, n).join(' ')).prefix = true;
    this.longest = Math.max(this.longest, words.length);
  }

  private entry(key: string): Entry {
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { labels: [], prefix: false }));
    return entry;
  }

  get size(): number {
    return this.phraseCount;
  }

  /** Serializable form: phrase -> labels. */
  toJSON(): Record<string, string[]> {
    const phrases = [...this.entries.entries()].filter(([, e]) => e.labels.length > 0);
    return Object.fromEntries(
      phrases
        .map(([key, e]): [string, string[]] => [key, e.labels])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
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
      let match: Entry | undefined;
      let key = '';
      for (let n = 1; n <= this.longest && i + n <= lowerWords.length; n++) {
        key = n === 1 ? lowerWords[i]! : `${key} ${lowerWords[i + n - 1]!}`;
        const entry = this.entries.get(key);
        if (!entry) break;
        if (entry.labels.length > 0) {
          found = n;
          match = entry;
        }
        if (!entry.prefix) break;
      }
      if (!match) {
        i++;
        continue;
      }
      match.tags ??= {
        begin: match.labels.map((l) => `${l}:B`),
        inside: match.labels.map((l) => `${l}:I`),
      };
      for (let k = 0; k < found; k++) out[i + k]!.push(...(k === 0 ? match.tags.begin : match.tags.inside));
      i += found;
    }
    return out;
  }
}
