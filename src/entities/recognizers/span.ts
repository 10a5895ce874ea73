/** A pattern match: [start, end) in UTF-16 units. */
export interface Match {
  readonly start: number;
  readonly end: number;
}

export function overlaps(a: Match, b: Match): boolean {
  return a.start < b.end && b.start < a.end;
}

/** All matches of a global regex, trimmed by `trim` (which may reject a match by returning undefined). */
export function scan(
  text: string,
  re: RegExp,
  trim: (m: Match, s: string) => Match | undefined = (m) => m,
): Match[] {
  const out: Match[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const t = trim({ start: m.index, end: m.index + m[0].length }, text);
    if (t && t.end > t.start) out.push(t);
  }
  return out;
}
