/** English plural of a role noun phrase: only the last word inflects ("chief cook" → "chief cooks"). */
export function pluralOf(phrase: string): string {
  const cut = phrase.lastIndexOf(' ') + 1;
  return phrase.slice(0, cut) + pluralWord(phrase.slice(cut));
}

/** A Map, not an object literal: "constructor" is a role word too ("elevator constructor"). */
const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ['person', 'people'],
  ['child', 'children'],
  ['staff', 'staff'],
  ['personnel', 'personnel'],
  ['chief', 'chiefs'],
]);

function pluralWord(w: string): string {
  const irregular = IRREGULAR.get(w);
  if (irregular) return irregular;
  if (w.endsWith('man') && w !== 'human' && w !== 'shaman') return `${w.slice(0, -3)}men`; // chairman, woman
  if (/(?:s|x|z|ch|sh)$/.test(w)) return `${w}es`;
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
  return `${w}s`;
}
