/**
 * Cross-site requests to proxied apps. A browser sends a client certificate by itself, so a page on
 * another site could open a websocket (which CORS does not cover) or submit a form to a proxied app
 * as the visitor. Browsers say where such requests come from in `Origin`; only the gateway's own
 * origin and `server.corsOrigins` may open websockets or send unsafe methods. Clients that are not
 * browsers send no `Origin` and are not concerned.
 */
export class OriginPolicy {
  private readonly allowed: ReadonlySet<string>;
  private readonly any: boolean;

  constructor(corsOrigins: readonly string[]) {
    this.any = corsOrigins.includes('*');
    this.allowed = new Set(corsOrigins.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  }

  /** Whether a request with these `Origin` and `Host` headers may go through. */
  allows(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined || this.any) return true;
    const normalised = origin.toLowerCase();
    if (this.allowed.has(normalised)) return true;
    try {
      return host !== undefined && new URL(normalised).host === host.toLowerCase();
    } catch {
      return false; // `null` (sandboxed pages, file:) or garbage
    }
  }
}

/** Methods a cross-site form or script could use to change state. */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
