import { posix } from 'node:path';
import type { z } from 'zod';
import type { RoutePolicySchema } from '../config/schema.ts';

export type RoutePolicy = z.infer<typeof RoutePolicySchema>;

/**
 * Security policies by path prefix: the longest prefix covering a path wins, on whole segments
 * (`/language` covers `/language/...`, not `/languages`). Paths are compared decoded, lower-cased
 * and normalised, because Express matches routes case-insensitively: `/LANGUAGE/...` must not
 * slip past a `/language` policy.
 */
export class RoutePolicies {
  private readonly policies: readonly (RoutePolicy & { key: string })[];

  constructor(policies: readonly RoutePolicy[]) {
    this.policies = policies
      .map((p) => ({ ...p, key: canonical(p.prefix).replace(/\/+$/, '') }))
      .sort((a, b) => b.key.length - a.key.length);
  }

  match(path: string): RoutePolicy | undefined {
    const p = canonical(path);
    return this.policies.find((policy) => covers(policy.key, p));
  }
}

function covers(prefix: string, path: string): boolean {
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

function canonical(path: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  return posix.normalize(decoded.toLowerCase());
}
