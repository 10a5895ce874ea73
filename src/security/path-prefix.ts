import { posix } from 'node:path';

/**
 * A path as the front door compares it with configured prefixes: percent-decoded, lower-cased and
 * normalised, without trailing slashes (`/` becomes ``). Express matches routes case-insensitively,
 * so `/LANGUAGE/...` must meet the same policy, limit and quota as `/language/...`.
 */
export function canonicalPath(path: string): string {
  let canonical = memo.get(path);
  if (canonical === undefined) {
    canonical = canonicalise(path);
    // Bounded: random paths only ever cost a clear, never memory.
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(path, canonical);
  }
  return canonical;
}

/** Policies, limits and quotas each look up the same few paths on every request. */
const MEMO_SIZE = 1024;
const memo = new Map<string, string>();

function canonicalise(path: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  return posix.normalize(decoded.toLowerCase()).replace(/\/+$/, '');
}

/** Whether canonical `path` is canonical `prefix` or lies below it, on a `/` or Azure's `:action` boundary. */
function covers(prefix: string, path: string): boolean {
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}:`);
}

/** Entries keyed by path prefix; the longest prefix covering a path wins. Used for policies, limits and quotas. */
export class PrefixTable<T extends { readonly prefix: string }> {
  private readonly entries: readonly { readonly key: string; readonly entry: T }[];

  constructor(entries: readonly T[]) {
    this.entries = entries
      .map((entry) => ({ key: canonicalPath(entry.prefix), entry }))
      .sort((a, b) => b.key.length - a.key.length);
  }

  match(path: string): T | undefined {
    const p = canonicalPath(path);
    return this.entries.find((e) => covers(e.key, p))?.entry;
  }
}
