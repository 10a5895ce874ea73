/**
 * Prepositions that make the name after them a point in time: "on Christmas", "until Easter", "since
 * Thanksgiving". A holiday after one is used as a date. Shared by the event recogniser (its own list
 * names) and the adjustments (the tagger's names).
 */
export const TEMPORAL_PREPOSITIONS: ReadonlySet<string> = new Set([
  'on',
  'by',
  'until',
  'till',
  'til',
  'since',
  'before',
  'after',
  'from',
  'through',
  'over',
]);

/** One more letter than the longest preposition ("through"): a longer word is read far enough to differ. */
const LONGEST = 8;

/** The word right before `start`, separated from it by one space; lower-cased ("On Christmas" → "on"). */
function wordBefore(text: string, start: number): string | undefined {
  if (text.charCodeAt(start - 1) !== 32) return undefined;
  let from = start - 1;
  while (from > 0 && start - from <= LONGEST && /\p{L}/u.test(text[from - 1]!)) from--;
  return from < start - 1 ? text.slice(from, start - 1).toLowerCase() : undefined;
}

/** Whether a temporal preposition and one space come right before `start`. */
export function afterTemporalPreposition(text: string, start: number): boolean {
  const word = wordBefore(text, start);
  return word !== undefined && TEMPORAL_PREPOSITIONS.has(word);
}
