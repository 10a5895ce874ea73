import type { z } from 'zod';
import type { RoutePolicySchema } from '../config/schema.ts';
import { PrefixTable } from './path-prefix.ts';

export type RoutePolicy = z.infer<typeof RoutePolicySchema>;

/**
 * Security policies by path prefix: the longest prefix covering a path wins, on whole segments
 * (`/language` covers `/language/...`, not `/languages`), compared as canonical paths.
 */
export class RoutePolicies {
  private readonly table: PrefixTable<RoutePolicy>;

  constructor(policies: readonly RoutePolicy[]) {
    this.table = new PrefixTable(policies);
  }

  match(path: string): RoutePolicy | undefined {
    return this.table.match(path);
  }
}
