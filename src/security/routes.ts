import type { z } from 'zod';
import type { RoutePolicySchema } from '../config/schema.ts';
import { canonicalPath, PrefixTable } from './path-prefix.ts';

export type RoutePolicy = z.infer<typeof RoutePolicySchema>;

/**
 * Security policies by path prefix: the longest prefix covering a path wins, on whole segments
 * (`/language` covers `/language/...`, not `/languages`), compared as canonical paths.
 */
export class RoutePolicies {
  private readonly table: PrefixTable<RoutePolicy>;

  constructor(policies: readonly RoutePolicy[]) {
    this.table = new PrefixTable(withAuthoringPolicy(policies));
  }

  match(path: string): RoutePolicy | undefined {
    return this.table.match(path);
  }
}

/** The authoring API (training, deployments) is for principals holding this scope. */
export const AUTHORING_SCOPE = 'authoring';
const AUTHORING_PREFIX = '/language/authoring';

/**
 * Unless a policy names `/language/authoring` itself, it gets the policy that would otherwise cover it
 * plus the `authoring` scope: whoever may analyse text may not, by default, train or deploy models.
 */
function withAuthoringPolicy(policies: readonly RoutePolicy[]): readonly RoutePolicy[] {
  const own = canonicalPath(AUTHORING_PREFIX);
  if (policies.some((p) => canonicalPath(p.prefix) === own)) return policies;
  const covering = new PrefixTable(policies).match(AUTHORING_PREFIX);
  if (!covering) return policies; // no policy covers it: denied anyway
  const scopes = covering.scopes.includes(AUTHORING_SCOPE)
    ? covering.scopes
    : [...covering.scopes, AUTHORING_SCOPE];
  return [...policies, { ...covering, prefix: AUTHORING_PREFIX, scopes }];
}
