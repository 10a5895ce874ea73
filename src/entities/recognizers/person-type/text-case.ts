/** Letter-case and sentence-position tests shared by the gazetteer recognisers. */

const UPPER = /^\p{Lu}/u;

/** Starts with a capital letter. */
export function isCapitalised(s: string): boolean {
  return UPPER.test(s);
}

let lastText: string | undefined;
let lastOneCase = false;

/**
 * Text with letters of one case only: chat in lower case, a telex or a headline in capitals. Several
 * recognisers ask about the same document in turn: the last answer is kept (a one-document cache).
 */
export function writtenInOneCase(text: string): boolean {
  if (text !== lastText) {
    lastOneCase = !ANY_UPPER.test(text) || !ANY_LOWER.test(text);
    lastText = text;
  }
  return lastOneCase;
}
const ANY_UPPER = /\p{Lu}/u;
const ANY_LOWER = /\p{Ll}/u;

/** Two or more letters, all capitals, with an optional plural `s` ("CEO", "CEOs", "VP"). */
export function isAcronym(s: string): boolean {
  return /^\p{Lu}{2,5}s?$/u.test(s);
}

/** Whether the text before `start` ends a sentence (or is empty): only spaces, quotes or bullets since then. */
export function isSentenceStart(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0 && i >= start - 8; i--) {
    const c = text[i]!;
    if (
      c === ' ' ||
      c === '\t' ||
      c === '"' ||
      c === '“' ||
      c === "'" ||
      c === '(' ||
      c === '*' ||
      c === '-'
    ) {
      continue;
    }
    return c === '.' || c === '!' || c === '?' || c === '\n' || c === ':' || c === '•';
  }
  return true;
}
