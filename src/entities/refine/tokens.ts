/**
 * Word tokens for the list matchers: runs of letters and digits, joined by one of ' ’ . - / : & + when
 * a letter or digit follows ("Valentine's", "re:Invent", "I/O", "F-150", "8.1"). One linear pass.
 */
export interface Tokens {
  readonly text: string;
  readonly starts: number[];
  readonly ends: number[];
  readonly words: string[];
}

const JOINERS = new Set(["'", '’', '.', '-', '/', ':', '&', '+']);
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c >= 0xd800 && c <= 0xdfff) return false; // astral characters (emoji, rare scripts) split words
  return WORD_CHAR.test(text[i] as string);
}

export function tokenize(text: string): Tokens {
  const starts: number[] = [];
  const ends: number[] = [];
  const words: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < n) {
      if (isWordChar(text, i)) i++;
      else if (JOINERS.has(text[i] as string) && i + 1 < n && isWordChar(text, i + 1)) i += 2;
      else break;
    }
    starts.push(start);
    ends.push(i);
    words.push(text.slice(start, i));
  }
  return { text, starts, ends, words };
}

let lastText: string | undefined;
let lastTokens: Tokens | undefined;

/** `tokenize` with a one-document cache: the event and product recognisers share one pass. */
export function tokensOf(text: string): Tokens {
  if (text !== lastText || !lastTokens) {
    lastTokens = tokenize(text);
    lastText = text;
  }
  return lastTokens;
}

/** Whether token `i` starts a sentence (nothing but spaces since the text start or a . ! ? : ; or quote). */
export function startsSentence(tokens: Tokens, i: number): boolean {
  const { text } = tokens;
  for (let p = (tokens.starts[i] as number) - 1; p >= 0; p--) {
    const ch = text[p] as string;
    if (ch === ' ' || ch === '\t' || ch === '(' || ch === '"' || ch === '“' || ch === '‘' || ch === "'")
      continue;
    return ch === '.' || ch === '!' || ch === '?' || ch === '\n' || ch === ':' || ch === ';' || ch === '•';
  }
  return true;
}

/** The text between tokens i-1 and i with runs of white space as one space. */
export function gapBefore(tokens: Tokens, i: number): string {
  const gap = tokens.text.slice(tokens.ends[i - 1], tokens.starts[i]);
  return gap === ' ' ? gap : gap.replace(/\s+/g, ' ');
}
