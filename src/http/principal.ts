import type { Response } from 'express';

/** How a caller proved who it is; a request may carry several (e.g. certificate and key). */
export type AuthMethod = 'certificate' | 'subscription-key' | 'jwt' | 'anonymous';

/** The authenticated caller of one request: what limits, quotas, metering and the audit log key on. */
export interface Principal {
  /** Stable name from the key store, the certificate mapping or the token subject. */
  readonly id: string;
  readonly methods: readonly AuthMethod[];
  /** Scopes/roles granted (from a token or from config). */
  readonly scopes: readonly string[];
}

/** Used where no security layer ran (anonymous routes, security disabled). */
export const ANONYMOUS: Principal = Object.freeze({
  id: 'anonymous',
  methods: Object.freeze(['anonymous'] as const),
  scopes: Object.freeze([]),
});

/** The principal the security layer attached to this request, if any. */
export function principalOf(res: Response): Principal {
  return (res.locals.principal as Principal | undefined) ?? ANONYMOUS;
}

export function setPrincipal(res: Response, principal: Principal): void {
  res.locals.principal = principal;
}
