import { z } from 'zod';

/**
 * A secret-bearing value: a literal, or a reference so the secret stays out of YAML
 * (`{ env: NAME }` reads an environment variable, `{ file: path }` a file, trailing newline dropped).
 */
export const SecretValueSchema = z.union([
  z.string(),
  z.object({ env: z.string().min(1) }).strict(),
  z.object({ file: z.string().min(1) }).strict(),
]);
export type SecretValue = z.infer<typeof SecretValueSchema>;

/** Paths the gateway serves itself; a proxy route may not shadow them. */
const RESERVED_PREFIXES = [
  '/language',
  '/text',
  '/status',
  '/ready',
  '/readyz',
  '/livez',
  '/metrics',
  '/swagger',
  '/records',
];

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const headerName = z.string().regex(HEADER_NAME, 'must be a valid HTTP header name');

const prefix = z
  .string()
  .regex(/^\/[^?#]*$/, 'must be a path starting with "/" (no query)')
  .transform((p) => p.replace(/\/+$/, ''))
  .refine((p) => p !== '', 'must not be "/": the gateway serves its own API there')
  .refine(
    // Express matches the gateway's own routes case-insensitively, so the comparison is too.
    (p) => {
      const lower = p.toLowerCase();
      return !RESERVED_PREFIXES.some(
        (r) => lower === r || lower.startsWith(`${r}/`) || r.startsWith(`${lower}/`),
      );
    },
    `must not overlap the gateway's own paths (${RESERVED_PREFIXES.join(', ')})`,
  );

const target = z
  .string()
  .url()
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'must be an http:// or https:// URL');

const bool = z.preprocess((v) => (typeof v === 'string' ? /^(1|true|yes|on)$/i.test(v) : v), z.boolean());

export const ProxyRouteSchema = z
  .object({
    /** Path prefix served by this route; removed before forwarding (`/apps/x/a?b` -> `<target>/a?b`). */
    prefix,
    /** Upstream base URL (http or https); its path is prepended to the forwarded path. */
    target,
    /**
     * Reach this upstream through the outbound proxy (`HTTP_PROXY`/`HTTPS_PROXY`, `HTTP_PROXY_CREDS`,
     * `NO_PROXY`: config `outbound`), in a CONNECT tunnel to its host and port; TLS, the route's `ca`
     * and client certificate stay end to end. Off by default: routes usually point inside the network.
     */
    useOutboundProxy: bool.default(false),
    /** PEM CA bundle that the upstream's certificate must chain to (https targets). */
    ca: z.string().optional(),
    /** PEM client certificate and key presented to the upstream (upstream mTLS). */
    clientCert: z.string().optional(),
    clientKey: z.string().optional(),
    /** Headers added to every upstream request (e.g. an upstream API key); callers never see them. */
    injectHeaders: z.record(headerName, SecretValueSchema).default({}),
    /** Header that carries the authenticated principal's id to the upstream. */
    principalHeader: headerName.optional(),
    /** Further inbound headers to remove before forwarding. */
    stripHeaders: z.array(headerName).default([]),
    /** Forward the caller's Cookie header (stripped by default). */
    forwardCookies: bool.default(false),
    /**
     * Longest the upstream may stay silent (connect, first byte, or between bytes) before a 504; also
     * the longest a caller may pause its upload (408) or leave the answer unread (connection cut).
     */
    timeoutMs: z.coerce.number().int().min(1).default(30_000),
    /**
     * Largest request body forwarded, in bytes. A larger Content-Length gets a 413 before the upstream
     * is contacted; a chunked body is cut off at the limit. Bodies stream, so this protects the
     * upstream and the link, not the gateway's memory.
     */
    maxBodyBytes: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(104_857_600),
    /** Extra attempts after a connection failure; only for bodiless GET/HEAD/OPTIONS requests. */
    retries: z.coerce.number().int().min(0).max(5).default(1),
    /** Path on the upstream probed for /ready (a 2xx/3xx answer counts as healthy). */
    healthPath: z
      .string()
      .regex(/^\/[^#]*$/, 'must be a path starting with "/"')
      .optional(),
    /**
     * Whether this upstream failing its health probe takes the gateway out of /ready. Off for an
     * upstream the gateway's own API does not need: every replica sees the same upstream, so a
     * readiness gate on it withdraws all of them at once.
     */
    affectsReady: bool.default(true),
    /** Allow websocket upgrades on this route (refused otherwise). */
    websocket: bool.default(false),
    /**
     * An open websocket with no traffic either way for this long is closed (0: never). Clients that
     * keep a quiet connection send pings.
     */
    websocketIdleMs: z.coerce.number().int().min(0).default(300_000),
  })
  .strict()
  .refine((r) => (r.clientCert === undefined) === (r.clientKey === undefined), {
    message: 'clientCert and clientKey must be set together',
  });
export type ProxyRoute = z.infer<typeof ProxyRouteSchema>;

/** Routes arrive as YAML lists, or as JSON text from an environment variable or argument. */
const routeList = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  if (v.trim() === '') return []; // an empty YAML list or variable
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v; // reported by the array check below
  }
}, z.array(ProxyRouteSchema));

export const ProxySchema = z
  .object({
    routes: routeList.default([]),
    /** Keep the caller's X-Forwarded-* and Forwarded headers (only behind a trusted proxy); else replace them. */
    trustForwardedHeaders: bool.default(false),
    /** How often upstream health paths are probed (ms). */
    healthIntervalMs: z.coerce.number().int().min(100).default(10_000),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.routes.forEach((r, i) => {
      if (seen.has(r.prefix))
        ctx.addIssue({
          code: 'custom',
          path: ['routes', i, 'prefix'],
          message: `duplicate prefix ${r.prefix}`,
        });
      seen.add(r.prefix);
    });
  });
export type ProxyConfig = z.infer<typeof ProxySchema>;
