import { Agent as HttpAgent, type ClientRequestArgs, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions as HttpsAgentOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { type OutboundProxy, proxyConfigured } from './proxy.ts';

/** Node's `createConnection` callback (the socket is ignored with an error). */
type Connected = (err: Error | null, socket: Duplex) => void;
type Tunnelled = (err: Error | null, socket?: Duplex) => void;

/** Whether NO_PROXY names this host (exactly, as a parent domain, `host:port`, or `*`), as undici reads it. */
export function bypassesProxy(noProxy: string, hostname: string, port: number): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  for (const entry of noProxy.split(/[,\s]/)) {
    if (!entry) continue;
    if (entry === '*') return true;
    const parsed = /^(.+):(\d+)$/.exec(entry);
    const name = (parsed ? parsed[1]! : entry).replace(/^\*?\./, '').toLowerCase();
    if (parsed && Number(parsed[2]) !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/**
 * Opens a CONNECT tunnel through `proxy` to `host:port`. A refusal is reported in undici's words
 * ("Proxy response (407) !== 200 when HTTP Tunneling"), which outbound/proxy-failure.ts turns into an
 * operator's sentence.
 */
function tunnel(
  proxy: URL,
  auth: string | undefined,
  host: string,
  port: number,
  timeoutMs: number,
  done: Tunnelled,
): void {
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const req = httpRequest({
    host: proxy.hostname,
    port: proxy.port || 80,
    method: 'CONNECT',
    path: authority,
    headers: { host: authority, ...(auth ? { 'proxy-authorization': auth } : {}) },
    agent: false,
    timeout: timeoutMs,
  });
  req.once('connect', (res, socket) => {
    if (res.statusCode === 200) return done(null, socket);
    socket.destroy();
    done(new Error(`Proxy response (${res.statusCode}) !== 200 when HTTP Tunneling`));
  });
  req.once('timeout', () =>
    req.destroy(Object.assign(new Error('proxy CONNECT timed out'), { code: 'ETIMEDOUT' })),
  );
  req.once('error', (err) => done(err));
  req.end();
}

/** Basic Proxy-Authorization from HTTP_PROXY_CREDS, else from a `user:password@` in the proxy URL. */
function proxyAuthorization(proxy: URL, creds: string | undefined): string | undefined {
  const userinfo =
    creds ??
    (proxy.username ? `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}` : '');
  return userinfo ? `Basic ${Buffer.from(userinfo).toString('base64')}` : undefined;
}

/**
 * The keep-alive agent of a proxy route that opted in (`useOutboundProxy`): every connection to the
 * upstream is a CONNECT tunnel through the outbound proxy (HTTPS_PROXY for https targets, else
 * HTTP_PROXY), TLS to the upstream inside it for https targets (the route's CA and client certificate
 * apply end to end; the proxy sees only host and port). Undefined when no proxy is configured or
 * NO_PROXY names the upstream: the route connects directly.
 */
export function tunnelAgent(
  target: URL,
  outbound: OutboundProxy,
  options: { readonly timeoutMs: number; readonly tls: HttpsAgentOptions },
): HttpAgent | undefined {
  if (!proxyConfigured(outbound)) return undefined;
  const secure = target.protocol === 'https:';
  const proxyUrl = secure ? (outbound.httpsProxy ?? outbound.httpProxy) : outbound.httpProxy;
  const port = Number(target.port) || (secure ? 443 : 80);
  if (!proxyUrl || bypassesProxy(outbound.noProxy, target.hostname, port)) return undefined;
  const proxy = new URL(proxyUrl);
  const auth = proxyAuthorization(proxy, outbound.httpProxyCreds);
  const open = (o: ClientRequestArgs, done: Connected, wrap: (socket: Duplex) => Duplex): undefined => {
    const host = String(o.host ?? o.hostname ?? target.hostname);
    tunnel(proxy, auth, host, Number(o.port) || port, options.timeoutMs, (err, socket) =>
      err || !socket ? done(err ?? new Error('no tunnel'), socket as Duplex) : done(null, wrap(socket)),
    );
    return undefined;
  };
  if (!secure) {
    const agent = new HttpAgent({ keepAlive: true });
    agent.createConnection = (o, done) => open(o, done!, (socket) => socket);
    return agent;
  }
  const agent = new HttpsAgent({ keepAlive: true, ...options.tls });
  agent.createConnection = (o, done) =>
    open(o, done!, (socket) =>
      // `host` for the certificate check (tls.connect would check a socket's peer against
      // "localhost"); no SNI for an IP address.
      tlsConnect({
        ...options.tls,
        socket,
        host: target.hostname,
        ...(isIP(target.hostname) ? {} : { servername: o.servername || target.hostname }),
        ALPNProtocols: ['http/1.1'],
      }),
    );
  return agent;
}
