import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** Credentials and identity claims a caller may send that must never reach an upstream. */
const ALWAYS_STRIPPED = [
  'authorization',
  'proxy-authorization',
  'ocp-apim-subscription-key',
  'x-api-key',
  // Identity headers that other front doors set and upstream apps commonly trust: Envoy's client
  // certificate, Apache's and oauth2-proxy's user, nginx's conventions.
  'x-forwarded-client-cert',
  'x-client-cert',
  'x-remote-user',
  'remote-user',
  'x-forwarded-user',
  'x-forwarded-email',
  'x-forwarded-preferred-username',
];
/** Families of identity headers (Azure App Service authentication, nginx client certificates, oauth2-proxy). */
const STRIPPED_PREFIXES = ['x-ms-client-principal', 'x-ms-token-', 'x-ssl-client-', 'x-auth-request-'];
/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) describe the caller's connection, not the request: never
 * forwarded, nor the headers `Connection` names. Dropping `Upgrade` on plain requests also stops a
 * caller from switching the upstream connection to another protocol (h2c smuggling).
 */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
  'http2-settings',
  // Not hop-by-hop by the RFC, but the gateway's own server has already answered `100-continue`.
  // Forwarded, it would also make http-proxy skip its per-request hook, where the timeout is armed.
  'expect',
];
/** Of an upstream's answer, the headers about its connection to the gateway (and its framing). */
const RESPONSE_HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
]);
/**
 * The gateway's own answer headers that an upstream may not replace: HSTS is a policy for the whole
 * host, so one upstream's `max-age=0` would switch it off for every route.
 */
const GATEWAY_OWNED = new Set(['strict-transport-security']);
/** What a websocket upgrade keeps of them: the handshake itself. */
const HANDSHAKE = new Set(['connection', 'upgrade']);
/**
 * What other proxies and CDNs say about the caller (address, scheme, host): upstream apps take the
 * client address from any of them, so a caller's own are dropped unless a trusted front sent them.
 */
const FORWARDING = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-original-forwarded-for',
  'x-real-ip',
  'x-client-ip',
  'x-cluster-client-ip',
  'true-client-ip',
  'cf-connecting-ip',
  'fastly-client-ip',
];

export interface HeaderPolicy {
  /** Lower-case names removed from every inbound request. */
  readonly strip: ReadonlySet<string>;
  /** Names compared after folding case and `_` to `-` (servers that treat them alike can't be fooled). */
  readonly stripLookalikes: ReadonlySet<string>;
  /** Upstream credentials, already resolved; set after stripping. */
  readonly inject: ReadonlyMap<string, string>;
  readonly principalHeader?: string;
  readonly trustForwarded: boolean;
}

export interface HeaderPolicyOptions {
  readonly injectHeaders: Readonly<Record<string, string>>;
  readonly principalHeader?: string | undefined;
  readonly stripHeaders: readonly string[];
  readonly forwardCookies: boolean;
  readonly trustForwarded: boolean;
}

const fold = (name: string): string => name.toLowerCase().replace(/_/g, '-');

function identityFamily(folded: string): boolean {
  return STRIPPED_PREFIXES.some((prefix) => folded.startsWith(prefix));
}

/** Removes the hop-by-hop headers and those `Connection` names; an upgrade keeps its handshake. */
function dropHopByHop(headers: IncomingHttpHeaders, upgrade: boolean): void {
  const drop = (name: string): void => {
    if (!(upgrade && HANDSHAKE.has(name))) delete headers[name];
  };
  const connection = headers.connection;
  if (typeof connection === 'string') {
    for (const named of connection.split(',')) {
      const name = named.trim().toLowerCase();
      if (name) drop(name);
    }
  }
  for (const name of HOP_BY_HOP) drop(name);
}

export function headerPolicy(o: HeaderPolicyOptions): HeaderPolicy {
  const inject = new Map(Object.entries(o.injectHeaders).map(([k, v]) => [k.toLowerCase(), v]));
  const strip = new Set([...ALWAYS_STRIPPED, ...o.stripHeaders.map((h) => h.toLowerCase())]);
  if (!o.forwardCookies) strip.add('cookie');
  if (!o.trustForwarded) for (const h of FORWARDING) strip.add(h);
  const lookalikes = new Set([...strip, ...inject.keys()].map(fold));
  if (o.principalHeader) lookalikes.add(fold(o.principalHeader));
  return {
    strip,
    stripLookalikes: lookalikes,
    inject,
    ...(o.principalHeader ? { principalHeader: o.principalHeader.toLowerCase() } : {}),
    trustForwarded: o.trustForwarded,
  };
}

/**
 * The headers of an upstream's answer to pass on: without those that describe the upstream
 * connection (Node sets the caller's own `Connection`/`Keep-Alive`, honouring a caller's `close`),
 * nor those the gateway has set and owns.
 */
export function responseHeaders(
  headers: IncomingHttpHeaders,
  res: { hasHeader(name: string): boolean },
): [string, string | string[]][] {
  // Only an upstream that names headers in `Connection` pays for the set (this runs per answer).
  const named =
    typeof headers.connection === 'string'
      ? new Set(headers.connection.split(',').map((name) => name.trim().toLowerCase()))
      : undefined;
  const kept: [string, string | string[]][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || RESPONSE_HOP_BY_HOP.has(name) || named?.has(name)) continue;
    if (GATEWAY_OWNED.has(name) && res.hasHeader(name)) continue;
    kept.push([name, value]);
  }
  return kept;
}

/** `for="[::1]"` etc.: RFC 7239 quoting (IPv6 in brackets, everything quoted). */
function forwardedPair(key: string, value: string): string {
  return `${key}="${value.replace(/["\\]/g, '\\$&')}"`;
}

function append(existing: string | string[] | undefined, value: string): string {
  const prior = Array.isArray(existing) ? existing.join(', ') : existing;
  return prior ? `${prior}, ${value}` : value;
}

/**
 * Rewrites a request's headers in place for forwarding: strips hop-by-hop headers, caller credentials
 * and identity headers, sets X-Forwarded-* and Forwarded, injects upstream credentials and the
 * principal. `upgrade`: a websocket handshake, which keeps its `Connection`/`Upgrade` pair.
 */
export function applyHeaderPolicy(
  req: IncomingMessage,
  policy: HeaderPolicy,
  principalId: string,
  upgrade = false,
): void {
  const headers: IncomingHttpHeaders = req.headers;
  dropHopByHop(headers, upgrade);
  for (const name of Object.keys(headers)) {
    if (policy.strip.has(name)) {
      delete headers[name];
      continue;
    }
    const folded = fold(name);
    if (policy.stripLookalikes.has(folded) || identityFamily(folded)) delete headers[name];
  }
  const client = req.socket.remoteAddress ?? 'unknown';
  const proto = (req.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
  const host = headers.host ?? '';
  const forNode = client.includes(':') ? `[${client}]` : client;
  const forwarded = [forwardedPair('for', forNode), forwardedPair('proto', proto)];
  if (host) forwarded.push(forwardedPair('host', host));
  headers.forwarded = append(headers.forwarded, forwarded.join(';'));
  headers['x-forwarded-for'] = append(headers['x-forwarded-for'], client);
  // A trusted front already recorded the original scheme and host; keep them.
  headers['x-forwarded-proto'] ??= proto;
  if (host) headers['x-forwarded-host'] ??= host;
  for (const [name, value] of policy.inject) headers[name] = value;
  if (policy.principalHeader) headers[policy.principalHeader] = principalId;
}
