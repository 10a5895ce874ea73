import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { openJobs } from '../api/jobs/index.ts';
import type { Config } from '../config/schema.ts';
import { InferencePool } from '../inference/pool.ts';
import { startMetering } from '../metering/service.ts';
import { DEFAULT_MODEL_ID, discoverModels } from '../model/catalog.ts';
import { upgradeAudit } from '../observability/audit.ts';
import type { Logger } from '../observability/logger.ts';
import { Metrics } from '../observability/metrics.ts';
import { tracePool } from '../observability/tracing/index.ts';
import { createLimits, quotasConfigured } from '../security/limits/index.ts';
import { ProxyGateway } from '../proxy/gateway.ts';
import { createSecurity } from '../security/index.ts';
import { RevokedSerials } from '../security/revocation.ts';
import { upgradeAuthorizer } from '../security/upgrade.ts';
import { openAuthoring } from '../authoring/index.ts';
import { createApp } from './app.ts';
import { chain } from './chain.ts';
import { guardConnections } from './connections.ts';
import { serverClasses } from './prototypes.ts';
import { CloseStack } from './close-stack.ts';
import { resolveTls, type TlsSetup, watchTls } from './tls.ts';
import { VERSION } from '../version.ts';
import { compile as compileTrust } from 'proxy-addr';
import { acceptProxyProtocol } from './proxy-protocol.ts';
import { singleHost } from './host-header.ts';
import { isLoopbackAddress, linkBase } from './link-base.ts';

export interface RunningService {
  readonly server: Server;
  readonly pool: InferencePool;
  readonly metrics: Metrics;
  readonly tls: TlsSetup | undefined;
  /** e.g. https://localhost:5000 */
  readonly url: string;
  /** Reloads the model set (new custom deployments, updated models) without a restart. */
  reloadModels(): Promise<void>;
  /** Stops accepting, drains in-flight work, stops the workers. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Test-only fault injection passed to the pool. */
  readonly crashOnText?: string;
}

/** Assembles and starts the whole service from a validated config. */
export async function startService(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningService> {
  // Everything opened below registers its close right away; `close()` (or a later step failing)
  // runs them last first, so each closes after everything that uses it.
  const stack = new CloseStack();
  let started = false;
  try {
    const metrics = new Metrics();
    const tls = config.server.plainHttp ? undefined : await resolveTls(config);
    const metering = stack.add('metering', await startMetering(config, logger, metrics), (m) => m.close());
    const limits = stack.add('rate limits', await createLimits(config.rateLimits, logger), (l) => l.close());
    // The HTTP connections go after the pool and the proxy: requests in flight get their answers
    // while the pool drains, then whatever is still open (idle keep-alive, websockets) is cut.
    const http: { server?: Server; closed: Promise<void> } = { closed: Promise.resolve() };
    stack.defer('HTTP connections', async () => {
      http.server?.closeAllConnections();
      await http.closed;
    });
    const security = stack.add(
      'security',
      await createSecurity(config, logger, {
        clientCertMode: tls?.clientCertMode ?? 'off',
        revoked: tls?.revoked ?? new RevokedSerials(),
      }),
      (s) => s.close(),
    );
    const proxy = new ProxyGateway(config.proxy, {
      logger,
      // The front door's authentication and rate limits, for websocket upgrades (quotas count POSTs only).
      authorizeUpgrade: upgradeAuthorizer(chain([singleHost, security.handler, ...limits.middleware])),
      audit: config.logging.audit ? upgradeAudit(logger) : undefined,
      corsOrigins: config.server.corsOrigins,
      outbound: config.outbound,
    });
    stack.add('proxy', proxy, (p) => p.close());
    const pool = await InferencePool.start({
      ...config.inference,
      models: discoverModels(config.models),
      entities: { settings: config.entities, models: [DEFAULT_MODEL_ID] },
      reservations: metering.reservations,
      logger,
      closeGraceMs: config.server.shutdownGraceMs,
      ...(options.crashOnText !== undefined ? { crashOnText: options.crashOnText } : {}),
    });
    metrics.watchPool(pool);
    tracePool(pool, config.tracing.inference);
    // Quotas count what the pool analysed; without one nothing listens, and the pool skips the event.
    if (quotasConfigured(config.rateLimits)) {
      pool.on('requestEnd', ({ request, ok }) => ok && limits.analysed(request));
    }
    // A running service drains its queue for up to closeGraceMs; a failed start has nothing to wait for.
    stack.add('inference pool', pool, (p) => (started ? p.close() : p.close(0)));
    logger.info({ models: pool.models, workers: pool.workerCount }, 'models loaded');

    let accepting = true;
    const jobs = stack.add('job store', await openJobs({ config, pool }, { metering, logger }), (j) =>
      j.close(),
    );
    const authoring = stack.add('authoring', openAuthoring({ config, pool, logger }), (a) => a.close());
    const app = createApp({
      config,
      pool,
      logger,
      metrics,
      jobs,
      authenticate: security.handler,
      anonymousPaths: config.server.anonymousPaths,
      version: VERSION,
      accepting: () => accepting,
      limits: limits.middleware,
      proxy,
      upstreams: proxy.health,
      metering,
      authoring,
      linkBase: linkBase(config.server),
    });
    // Node checks header/request timeouts on this interval (default 30 s): make it fit the timeouts.
    const timeouts = {
      connectionsCheckingInterval: Math.max(
        100,
        Math.min(
          5_000,
          Math.floor(Math.min(config.server.headersTimeoutMs, config.server.requestTimeoutMs) / 4),
        ),
      ),
    };
    const serverOptions = { ...timeouts, ...serverClasses(app.express) };
    const server = tls
      ? createHttpsServer(
          // A handshake counts against the time a connection has to send its first request.
          { ...tls.options, handshakeTimeout: config.server.headersTimeoutMs, ...serverOptions },
          app.listener,
        )
      : createHttpServer(serverOptions, app.listener);
    http.server = server;
    guardConnections(
      server,
      { firstRequestMs: config.server.headersTimeoutMs, maxConnections: config.server.maxConnections },
      tls !== undefined,
    );
    if (config.server.proxyProtocolFrom.length > 0) {
      const balancer = compileTrust([...config.server.proxyProtocolFrom]);
      acceptProxyProtocol(server, {
        from: (address) => balancer(address, 0),
        timeoutMs: config.server.headersTimeoutMs,
        onRefused: (err, from) => logger.warn({ from, reason: err.message }, 'connection refused'),
      });
    }
    const tlsWatch =
      tls && config.tls.watch ? watchTls(server as HttpsServer, tls, config, logger) : undefined;
    stack.add('TLS watch', tlsWatch, (w) => w?.close());
    server.requestTimeout = config.server.requestTimeoutMs;
    server.headersTimeout = config.server.headersTimeoutMs;
    server.keepAliveTimeout = config.server.keepAliveTimeoutMs;
    server.on('upgrade', (req, socket, head) => void proxy.handleUpgrade(req, socket, head));
    // http-proxy-middleware subscribes each route's proxy to the server's `close` once it serves a request.
    server.setMaxListeners(server.getMaxListeners() + config.proxy.routes.length);
    if (!tls) logger.warn('serving plain HTTP: only do this behind a trusted TLS-terminating proxy');
    if (!config.server.publicUrl && !isLoopbackHost(config.server.host))
      logger.warn(
        'server.publicUrl is not set: job links (Operation-Location, nextLink) use the request Host only where the server certificate covers it or server.allowedHosts lists it, else the request is refused (421); set server.publicUrl',
      );

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.server.port, config.server.host, () => resolve());
    });
    started = true;
    stack.defer('listener', () => {
      accepting = false;
      http.closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
    });
    const port = (server.address() as AddressInfo).port;
    const url = `${tls ? 'https' : 'http'}://localhost:${port}`;

    return {
      server,
      pool,
      metrics,
      tls,
      url,
      async reloadModels() {
        const models = await pool.reload(discoverModels(config.models));
        logger.info({ models }, 'models reloaded');
      },
      close: () => stack.close(),
    };
  } catch (err) {
    await stack.abandon(logger);
    throw err;
  }
}

/** `server.host` names only this machine (no client elsewhere can reach it). */
function isLoopbackHost(host: string): boolean {
  return host.toLowerCase() === 'localhost' || isLoopbackAddress(host);
}
