import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../api/errors.ts';
import type { Logger } from '../observability/logger.ts';
import { principalOf } from '../security/principal.ts';
import { rejectUpgrade } from './errors.ts';
import { applyHeaderPolicy, type HeaderPolicy, headerPolicy } from './headers.ts';
import { UpstreamHealth } from './health.ts';
import type { ProxyConfig } from './schema.ts';
import { resolveSecret } from './secrets.ts';
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
  /** Who may open websockets (upgrades skip the HTTP middleware chain). */
  readonly authorizeUpgrade: UpgradeAuthorizer;
  readonly env?: NodeJS.ProcessEnv;
}

/** `.` or `..` path segments, also percent-encoded: an upstream could resolve them outside its route. */
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;

/** The configured proxy routes: Express middleware for HTTP, an upgrade handler, upstream health. */
export class ProxyGateway {
  private readonly routes: Route[];
  readonly health: UpstreamHealth;

  constructor(
    config: ProxyConfig,
    private readonly options: ProxyGatewayOptions,
  ) {
    const probes = new Map<string, () => Promise<boolean>>();
    this.routes = config.routes
      .map((r) => {
        const injectHeaders = Object.fromEntries(
          Object.entries(r.injectHeaders).map(([k, v]) => [k, resolveSecret(v, options.env)]),
        );
        const upstream = createUpstream(r, options.logger);
        const healthPath = r.healthPath;
        if (healthPath) probes.set(r.prefix, () => upstream.probe(healthPath, injectHeaders));
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
    if (DOT_SEGMENT.test(rest)) {
      throw ApiError.invalidRequest('Invalid Request.', {
        code: 'InvalidRequest',
        message: 'Dot segments are not allowed in proxied paths.',
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
    applyHeaderPolicy(req, route.policy, principalOf(res).id);
    route.upstream.web(req, res);
  };

  /** The server's `upgrade` event: only websocket-enabled routes, only authorised callers. */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    try {
      const route = this.match(req);
      if (!route) throw ApiError.notFound();
      if (!route.websocket) throw ApiError.gateway(403, 'Websockets are not enabled on this route.');
      const principal = await this.options.authorizeUpgrade(req);
      applyHeaderPolicy(req, route.policy, principal.id);
      route.upstream.upgrade(req, socket, head);
    } catch (err) {
      if (err instanceof ApiError) return rejectUpgrade(socket, err);
      this.options.logger.error({ err }, 'websocket upgrade failed');
      rejectUpgrade(
        socket,
        new ApiError(500, { code: 'InternalServerError', message: 'Internal server error.' }),
      );
    }
  }

  close(): void {
    this.health.stop();
    for (const r of this.routes) r.upstream.close();
  }
}
