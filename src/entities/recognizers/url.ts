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

/** URLs with a scheme or www., and bare domains with a common TLD; never inside an e-mail address. */
export function findUrls(text: string, emails: readonly Match[] = []): Match[] {
  const found = scan(text, WITH_SCHEME, trimUrl);
  for (const m of scan(text, BARE_DOMAIN, trimUrl)) if (!found.some((f) => overlaps(f, m))) found.push(m);
  return found.filter((m) => !emails.some((e) => overlaps(e, m))).sort((a, b) => a.start - b.start);
}
