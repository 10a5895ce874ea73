/**
 * The first of `names` (lower case) that a request carries more than once, from its raw header
 * lines. Node keeps only the first of some repeated headers (`Host`, `Authorization`) and joins others
 * with commas (an unknown header such as `Ocp-Apim-Subscription-Key`), so `req.headers` cannot tell.
 */
export function repeatedHeader(
  rawHeaders: readonly string[],
  names: ReadonlySet<string>,
): string | undefined {
  let seen: Set<string> | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const raw = rawHeaders[i]!;
    const name = raw.toLowerCase();
    if (!names.has(name)) continue;
    seen ??= new Set();
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}
