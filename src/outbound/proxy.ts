import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';

/** The outbound proxy settings (config `outbound`: HTTP_PROXY, HTTPS_PROXY, HTTP_PROXY_CREDS, NO_PROXY). */
export interface OutboundProxy {
  readonly httpProxy?: string | undefined;
  readonly httpsProxy?: string | undefined;
  /** `user:password` for the proxy; never logged. */
  readonly httpProxyCreds?: string | undefined;
  readonly noProxy: string;
}

/** TLS trust for the target itself (e.g. a JWKS behind a private CA), kept through the proxy's tunnel. */
export interface TargetTls {
  readonly ca?: string | Buffer;
}

export function proxyConfigured(proxy: OutboundProxy): boolean {
  return Boolean(proxy.httpProxy || proxy.httpsProxy);
}

/**
 * The dispatcher for a call the gateway makes for itself (billing, its OAuth token, JWKS): through
 * the proxy unless NO_PROXY names the host (https targets through a CONNECT tunnel, so the proxy
 * never sees the request; http ones as absolute-form requests), else direct. Undefined when neither a proxy nor `tls` asks for one, so
 * fetch keeps its shared global pool. Close it with the component that owns it.
 */
export function outboundDispatcher(proxy: OutboundProxy, tls?: TargetTls): Dispatcher | undefined {
  if (!proxyConfigured(proxy)) return tls ? new Agent({ connect: { ...tls } }) : undefined;
  const token = proxy.httpProxyCreds
    ? `Basic ${Buffer.from(proxy.httpProxyCreds).toString('base64')}`
    : undefined;
  // Empty strings, not undefined: undici would otherwise fall back to process.env, and the
  // configuration (which has read the environment already) must be the only source.
  return new EnvHttpProxyAgent({
    httpProxy: proxy.httpProxy ?? '',
    httpsProxy: proxy.httpsProxy ?? proxy.httpProxy ?? '',
    noProxy: proxy.noProxy,
    // http targets as absolute-form requests: proxies (squid's default rules) refuse CONNECT to port 80.
    proxyTunnel: false,
    ...(token ? { token } : {}),
    ...(tls ? { connect: { ...tls }, requestTls: { ...tls } } : {}),
  });
}

/** A proxy URL for the log: scheme, host and port only (a `user:password@` in it is a secret). */
export function proxyOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}

/** What the start-up log says about the proxy: where it is and whether it authenticates, no secrets. */
export function describeProxy(proxy: OutboundProxy): Record<string, unknown> {
  const https = proxy.httpsProxy ?? proxy.httpProxy;
  const embedded = [proxy.httpProxy, https].some((u) => u !== undefined && new URL(u).username !== '');
  return {
    httpProxy: proxyOrigin(proxy.httpProxy) ?? 'none',
    httpsProxy: proxyOrigin(https) ?? 'none',
    credentials: Boolean(proxy.httpProxyCreds) || embedded,
    ...(proxy.noProxy ? { noProxy: proxy.noProxy } : {}),
  };
}
