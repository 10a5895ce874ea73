/**
 * Fixed phrases a normalised name starts or ends with ("... airport", "mount ...", "... stock exchange"),
 * found by one bucket lookup on the name's first or last character and a few `startsWith`/`endsWith`
 * calls: cheaper than an end-anchored regex alternation, which the engine tries at every position.
 */

/** How a phrase must be separated from the rest of the name. */
export type Boundary =
  /** A space: `/ (?:a|b)$/`, `/^(?:a|b) /`. */
  | 'space'
  /** Any character but [A-Za-z0-9_], or nothing: `/\b(?:a|b)$/`. */
  | 'word';

function isAsciiWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function buckets(phrases: readonly string[], at: (p: string) => number): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const p of phrases) {
    const c = at(p);
    const list = map.get(c);
    if (list) list.push(p);
    else map.set(c, [p]);
  }
  return map;
}

/** Phrases a name may end with. */
export class Endings {
  private readonly byLast: Map<number, string[]>;

  constructor(
    phrases: readonly string[],
    private readonly boundary: Boundary,
  ) {
    this.byLast = buckets(phrases, (p) => p.charCodeAt(p.length - 1));
  }

  test(name: string): boolean {
    const list = this.byLast.get(name.charCodeAt(name.length - 1));
    if (!list) return false;
    for (const p of list) {
      if (!name.endsWith(p)) continue;
      const before = name.length - p.length - 1;
      if (this.boundary === 'space') {
        if (before >= 0 && name.charCodeAt(before) === 32) return true;
      } else if (before < 0 || !isAsciiWordChar(name.charCodeAt(before))) return true;
    }
    return false;
  }
}

/** Phrases a name may start with, followed by a space. */
export class Openings {
  private readonly byFirst: Map<number, string[]>;

  constructor(phrases: readonly string[]) {
    this.byFirst = buckets(phrases, (p) => p.charCodeAt(0));
  }

  /** The length of the opening phrase and its space, or 0. */
  match(name: string): number {
    const list = this.byFirst.get(name.charCodeAt(0));
    if (!list) return 0;
    for (const p of list) if (name.charCodeAt(p.length) === 32 && name.startsWith(p)) return p.length + 1;
    return 0;
  }
}

/** `'a b|c'` -> `['a b', 'c']`: phrase lists written as one string. */
export function phrases(list: string): string[] {
  return list.split('|');
}
