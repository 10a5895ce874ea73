import { overlaps, scan, type Match } from './span.ts';

const WITH_SCHEME = /\b(?:https?|ftp):\/\/[^\s<>"'`]+|\bwww\.[^\s<>"'`]+/gi;
// Bare domains only with a common TLD, so "U.S." or "e.g." never qualify.
const BARE_DOMAIN =
  /(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|edu|gov|mil|int|io|ai|app|dev|info|biz|co|uk|de|fr|nl|eu|ca|au|jp|cn|in|ru|ch|se|no|es|it|be|at|dk|fi|pl|br|us)(?::\d{1,5})?(?:\/[^\s<>"'`]*)?(?![\w@-])/gi;

/** Drops trailing punctuation that belongs to the sentence, and closing brackets that were never opened. */
function trimUrl(m: Match, text: string): Match | undefined {
  let end = m.end;
  for (;;) {
    const s = text.slice(m.start, end);
    const last = s[s.length - 1];
    if (last === undefined) return undefined;
    if ('.,;:!?\'"'.includes(last)) {
      end--;
      continue;
    }
    const pair = { ')': '(', ']': '[', '}': '{' }[last];
    if (pair && s.split(pair).length - 1 < s.split(last).length - 1) {
      end--;
      continue;
    }
    break;
  }
  return { start: m.start, end };
}

const isAsciiLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
const isAsciiAlnum = (c: number): boolean => isAsciiLetter(c) || (c >= 48 && c <= 57);

/** Whether "www." (any case) ends at the dot at `dot`. */
function wwwBefore(text: string, dot: number): boolean {
  return (
    dot >= 3 &&
    (text.charCodeAt(dot - 1) | 32) === 119 &&
    (text.charCodeAt(dot - 2) | 32) === 119 &&
    (text.charCodeAt(dot - 3) | 32) === 119
  );
}

/**
 * Which of the two patterns can match at all, from one pass over the dots: a scheme needs "://", "www."
 * its letters, and a bare domain a dot between a letter or digit and a letter. Most prose has none.
 */
function urlTriggers(text: string): { readonly scheme: boolean; readonly bare: boolean } {
  let scheme = text.includes('://');
  let bare = false;
  for (let dot = text.indexOf('.', 1); dot >= 0 && !(scheme && bare); dot = text.indexOf('.', dot + 1)) {
    if (!isAsciiAlnum(text.charCodeAt(dot - 1))) continue;
    if (isAsciiLetter(text.charCodeAt(dot + 1))) bare = true;
    if (wwwBefore(text, dot)) scheme = true;
  }
  return { scheme, bare };
}

/** URLs with a scheme or www., and bare domains with a common TLD; never inside an e-mail address. */
export function findUrls(text: string, emails: readonly Match[] = []): Match[] {
  const triggers = urlTriggers(text);
  if (!triggers.scheme && !triggers.bare) return [];
  const found = triggers.scheme ? scan(text, WITH_SCHEME, trimUrl) : [];
  if (triggers.bare)
    for (const m of scan(text, BARE_DOMAIN, trimUrl)) if (!found.some((f) => overlaps(f, m))) found.push(m);
  return found.filter((m) => !emails.some((e) => overlaps(e, m))).sort((a, b) => a.start - b.start);
}
