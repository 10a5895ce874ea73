import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../http/errors.ts';
import { sendErrorOnSocket } from '../http/send-error.ts';
import type { UpgradeAuditLine } from '../observability/audit.ts';
import type { Logger } from '../observability/logger.ts';
import { traceUpstream } from '../observability/tracing/index.ts';
import type { OutboundProxy } from '../outbound/proxy.ts';
import { principalOf } from '../http/principal.ts';
import { applyHeaderPolicy, type HeaderPolicy, headerPolicy } from './headers.ts';
import { type HealthProbe, UpstreamHealth } from './health.ts';
import { OriginPolicy, UNSAFE_METHODS } from './origin.ts';
import type { ProxyConfig } from '../config/proxy.ts';
import { resolveHeaderSecret } from './secrets.ts';
import type { UpgradeAuthorizer } from './upgrade-auth.ts';
import { createUpstream, type Upstream } from './upstream.ts';

interface Route {
  readonly prefix: string;
  readonly websocket: boolean;
  readonly policy: HeaderPolicy;
  readonly upstream: Upstream;
}

export interface ProxyGatewayOptions {
  readonly logger: Logger;
  /** The front door's checks for websockets (authentication, limits): upgrades skip the HTTP chain. */
  readonly authorizeUpgrade: UpgradeAuthorizer;
  readonly env?: NodeJS.ProcessEnv;
  /** The outbound proxy (config `outbound`), for routes with `useOutboundProxy`. */
  readonly outbound?: OutboundProxy;
  /** `server.corsOrigins`: other origins whose pages may open websockets or send unsafe methods. */
  readonly corsOrigins?: readonly string[];
  /** Called once per websocket upgrade with its outcome (the audit log, when on). */
  readonly audit?: ((line: UpgradeAuditLine) => void) | undefined;
}

/**
 * `.` or `..` path segments, also percent-encoded or with a `;` parameter (Tomcat and Spring read
 * `..;` as `..`): an upstream could resolve them outside its route.
 */
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(;[^/]*)?(\/|$)/i;

/**
 * Separators the front door and an upstream may read differently: the policies and limits match a
 * percent-decoded path (so `%2F` splits segments there), while the forwarded path keeps it, and
 * http-proxy turns `\` into `/`. Refused, so every layer sees the same segments.
 */
const AMBIGUOUS_SEPARATOR = /\\|%2f|%5c/i;

function crossSite(): ApiError {
  return ApiError.gateway(403, 'Requests from pages of another origin are not allowed on this route.');
}

/** The configured proxy routes: Express middleware for HTTP, an upgrade handler, upstream health. */
export class ProxyGateway {
  private readonly routes: Route[];
  private readonly origins: OriginPolicy;
  readonly health: UpstreamHealth;

  constructor(
    config: ProxyConfig,
    private readonly options: ProxyGatewayOptions,
  ) {
    this.origins = new OriginPolicy(options.corsOrigins ?? []);
    const probes = new Map<string, HealthProbe>();
    this.routes = config.routes
      .map((r) => {
        const injectHeaders = Object.fromEntries(
          Object.entries(r.injectHeaders).map(([k, v]) => [k, resolveHeaderSecret(k, v, options.env)]),
        );
        const upstream = createUpstream(r, options.logger, options.outbound);
        const healthPath = r.healthPath;
        if (healthPath) {
          probes.set(r.prefix, {
            check: () => upstream.probe(healthPath, injectHeaders),
            affectsReady: r.affectsReady,
          });
        }
        const policy = headerPolicy({
          injectHeaders,
          principalHeader: r.principalHeader,
          stripHeaders: r.stripHeaders,
          forwardCookies: r.forwardCookies,
          trustForwarded: config.trustForwardedHeaders,
        });
        return { prefix: r.prefix, websocket: r.websocket, policy, upstream };
      })
      // Longest prefix first, so /apps/a/b wins over /apps/a.
      .sort((a, b) => b.prefix.length - a.prefix.length);
    this.health = new UpstreamHealth(probes, config.healthIntervalMs);
    this.health.start();
  }

  /** Finds the route for a raw request URL and rewrites it relative to the prefix. */
  private match(req: IncomingMessage): Route | undefined {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const route = this.routes.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`));
    if (!route) return undefined;
    const rest = path.slice(route.prefix.length);
    if (DOT_SEGMENT.test(rest) || AMBIGUOUS_SEPARATOR.test(rest)) {
      throw ApiError.invalidRequest('Invalid Request.', {
        code: 'InvalidRequest',
        message: 'Dot segments, encoded slashes and backslashes are not allowed in proxied paths.',
      });
    }
    req.url = (rest || '/') + (q < 0 ? '' : url.slice(q));
    return route;
  }

  /** Express middleware; mount before any body parser so bodies stream through untouched. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (this.routes.length === 0) return next();
    let route: Route | undefined;
    try {
      route = this.match(req);
    } catch (err) {
      return next(err);
    }
    if (!route) return next();
    if (UNSAFE_METHODS.has(req.method) && !this.origins.allows(req.headers.origin, req.headers.host)) {
      return next(crossSite());
    }
    applyHeaderPolicy(req, route.policy, principalOf(res).id);
    traceUpstream(req, res, route.prefix);
    route.upstream.web(req, res);
  };

  /**
   * The server's `upgrade` event: the front door's checks first, on the path as the caller sent it
   * (as for any request), then only websocket-enabled routes.
   */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const started = performance.now();
    const route = (req.url ?? '/').split('?')[0]!;
    let principal = 'unknown';
    const audit = (status: number): void =>
      this.options.audit?.({
        principal,
        client: req.socket.remoteAddress,
        route,
        status,
        latencyMs: performance.now() - started,
      });
    try {
      const caller = await this.options.authorizeUpgrade(req);
      principal = caller.id;
      if (!this.origins.allows(req.headers.origin, req.headers.host)) throw crossSite();
      // Node hands every request with an Upgrade header here; only a websocket handshake is proxied.
      if (req.method !== 'GET' || req.headers.upgrade?.toLowerCase() !== 'websocket') {
        throw ApiError.gateway(400, 'Only websocket upgrades (GET with Upgrade: websocket) are supported.');
      }
      const target = this.match(req);
      if (!target) throw ApiError.notFound();
      if (!target.websocket) throw ApiError.gateway(403, 'Websockets are not enabled on this route.');
      applyHeaderPolicy(req, target.policy, caller.id, true);
      target.upstream.upgrade(req, socket, head, audit);
    } catch (err) {
      const refusal =
        err instanceof ApiError
          ? err
          : new ApiError(500, { code: 'InternalServerError', message: 'Internal server error.' });
      if (!(err instanceof ApiError)) this.options.logger.error({ err }, 'websocket upgrade failed');
      audit(refusal.status);
      sendErrorOnSocket(socket, refusal);
    }
  }

  close(): void {
    this.health.stop();
    for (const r of this.routes) r.upstream.close();
  }
}
