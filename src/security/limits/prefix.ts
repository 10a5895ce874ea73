/** Whether `path` is `prefix` itself or lies below it (`/language` matches `/language/:analyze-text`, not `/languages`). */
export function underPrefix(path: string, prefix: string): boolean {
  if (prefix === '/') return true;
  const bare = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  return path === bare || path.startsWith(`${bare}/`) || path.startsWith(`${bare}:`);
}

/** The entry with the longest prefix covering `path`, if any. */
export function longestPrefix<T extends { readonly prefix: string }>(
  entries: readonly T[],
  path: string,
): T | undefined {
  let best: T | undefined;
  for (const e of entries)
    if (underPrefix(path, e.prefix) && (!best || e.prefix.length > best.prefix.length)) best = e;
  return best;
}
