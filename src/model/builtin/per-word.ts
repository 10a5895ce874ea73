/**
 * The value of each of `words`, made by `make` the first time a word is seen and remembered in `known`.
 * Bounded without bookkeeping: `known` is emptied at once when the words would take it past `maxWords`
 * (a model's working vocabulary refills it within a few documents).
 */
export function perWord<T>(
  known: Map<string, T>,
  words: readonly string[],
  maxWords: number,
  make: (word: string) => T,
): T[] {
  if (known.size + words.length > maxWords) known.clear();
  const out = new Array<T>(words.length);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    let value = known.get(word);
    if (value === undefined) known.set(word, (value = make(word)));
    out[i] = value;
  }
  return out;
}
