/**
 * A computing product's version right after it is part of its name: "Chrome 131", "macOS Sonoma 14.5",
 * "Zoom 6.0.2" (before: the product, then a Number). A dotted version always; a bare number only where
 * it ends a clause or trouble follows ("After updating to Chrome 131, ...", "Teams 24 crashes"), never a
 * count ("Slack 3 times", "Teams 2 hours") nor a name that already ends with its model ("iPhone 15 3
 * days ago").
 */
import type { Candidate } from './types.ts';

/** One space, maybe a "v", and a version of up to four parts whose first has at most three digits. */
const VERSION = / v?\d{1,3}(?:\.\d{1,4}){0,3}(?![\p{L}\p{N}]|\.\d)/uy;
/** What may follow a bare number that is a version: the clause's end, or words about the release. */
const AFTER_BARE_VERSION =
  /^(?:[,;:)!?]|\.(?:\s|$)|$|\s+(?:update|updates|release|build|beta|stable|version|is|was|has|won't|crashes|crashed|keeps|fails|failed|on|and|or)\b)/;

export function withVersions(text: string, candidates: Candidate[]): Candidate[] {
  let out: Candidate[] | undefined;
  candidates.forEach((c, k) => {
    if (c.type !== 'ComputingProduct' || !/\p{L}/u.test(text[c.end - 1] ?? '')) return;
    VERSION.lastIndex = c.end;
    const version = VERSION.exec(text);
    if (!version) return;
    const end = c.end + version[0].length;
    if (!version[0].includes('.') && !AFTER_BARE_VERSION.test(text.slice(end, end + 12))) return;
    (out ??= [...candidates])[k] = { ...c, end };
  });
  return out ?? candidates;
}
