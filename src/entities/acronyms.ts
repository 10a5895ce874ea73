/**
 * An organisation's or a place's acronym, defined in parentheses after its name ("the World Health
 * Organisation (WHO)", "Securities and Exchange Commission (SEC)"), names the same thing there and at
 * every later mention in the document ("WHO say ..."), where the tagger often finds nothing: one word in
 * capitals means little to it without the name.
 */
import { typeInfo } from './taxonomy.ts';
import type { Candidate } from './types.ts';

const DEFINED_ACRONYM = /^\s?\(\s?([A-Z][A-Za-z&]{1,9})\s?\)/;
const MAX_MENTIONS = 32;
/** Words an acronym skips: "Bureau of Investigation" is BI, "Securities and Exchange Commission" SEC. */
const SKIPPED = /^(?:of|and|for|the|on|in|de|du|des|la|le|&)$/;

/** The capitals an acronym of `name` would take: one per word but the skipped ones ("WHO"). */
function initialsOf(name: string): string {
  let initials = '';
  for (const word of name.split(/[\s-]+/)) {
    if (!word || SKIPPED.test(word)) continue;
    const first = word[0]!;
    if (first < 'A' || first > 'Z') return '';
    initials += first;
  }
  return initials;
}

/** Whether text[start, end) is a whole word (no letter or digit on either side). */
function isWholeWord(text: string, start: number, end: number): boolean {
  return !/[\p{L}\d]/u.test(text[start - 1] ?? '') && !/[\p{L}\d]/u.test(text[end] ?? '');
}

/**
 * Adds, for each Organization or Location candidate of several words followed by its acronym in
 * parentheses, the acronym there and at its later mentions, of the name's type (a little less sure).
 * Mentions inside another candidate are left alone.
 */
export function acronymsOfNames(text: string, candidates: Candidate[]): Candidate[] {
  const count = candidates.length;
  for (let k = 0; k < count; k++) {
    const name = candidates[k]!;
    if (text.charCodeAt(name.end) !== 32 && text.charCodeAt(name.end) !== 40) continue; // " (" or "("
    const category = typeInfo(name.type).category;
    if (category !== 'Organization' && category !== 'Location') continue;
    const m = DEFINED_ACRONYM.exec(text.slice(name.end, name.end + 16));
    if (!m) continue;
    const acronym = m[1]!;
    if (acronym.replace(/[^A-Z]/g, '') !== initialsOf(text.slice(name.start, name.end))) continue;
    const mention: Omit<Candidate, 'start' | 'end'> = {
      type: name.type,
      confidence: name.confidence * 0.9,
      source: 'rule',
    };
    let found = 0;
    for (let at = text.indexOf(acronym, name.end); at >= 0 && found < MAX_MENTIONS;) {
      const end = at + acronym.length;
      if (isWholeWord(text, at, end) && !candidates.some((c) => c.start <= at && end <= c.end)) {
        candidates.push({ ...mention, start: at, end });
        found++;
      }
      at = text.indexOf(acronym, end);
    }
  }
  return candidates;
}
