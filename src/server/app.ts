import { randomUUID } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import { analyzeRoutes } from '../api/routes/analyze.ts';
import { containerRoutes } from '../api/routes/container.ts';
import { jobRoutes } from '../api/routes/jobs.ts';
import { legacyRoutes } from '../api/routes/legacy.ts';
import type { ApiContext } from '../api/context.ts';
import type { JobStore } from '../api/jobs/store.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { auditLog } from '../observability/audit.ts';
import { corsPolicy } from './cors.ts';
import { securityHeaders } from './security-headers.ts';
import type { ProxyGateway } from '../proxy/gateway.ts';
import type { UpstreamHealth } from '../proxy/health.ts';
import { meteringGate, usageLogRoutes } from '../metering/http.ts';
import type { Metering } from '../metering/service.ts';
import { errorHandler, notFound, requireJson } from './errors.ts';

export interface AppDeps extends ApiContext {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly jobs: JobStore;
  /** Authentication (src/security): sets the request's principal or answers 401/403. */
  readonly authenticate: RequestHandler;
  /** Paths served without a client certificate (Kubernetes probes cannot present one). */
  readonly anonymousPaths: readonly string[];
  readonly version: string;
  readonly accepting: () => boolean;
  /** Rate limit and quota checks (src/security/limits), mounted after authentication. */
  readonly limits?: readonly RequestHandler[];
  /** Proxy routes (issue 6); absent or empty = no proxying. */
  readonly proxy?: ProxyGateway;
  readonly upstreams?: UpstreamHealth;
  readonly metering: Metering;
}

/**
 * The request pipeline, in order: request id + metrics, audit, security headers, CORS, authentication,
 * rate limits and quotas, container endpoints, proxy routes, usage logs, metering gate, JSON body
 * (bounded), API routes, 404, error envelope.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Never derive the client address from X-Forwarded-For unless a trusted proxy is configured.
  const trustProxy = deps.config.server.trustProxy;
  app.set('trust proxy', trustProxy.length > 0 ? [...trustProxy] : false);

  app.use((req, res, next) => {
    const started = performance.now();
    res.setHeader('apim-request-id', randomUUID());
    res.on('finish', () => {
      const route = req.route?.path ? String(req.route.path) : 'unmatched';
      deps.metrics.requests.inc({ method: req.method, route, status: res.statusCode });
      deps.metrics.latency.observe({ route }, (performance.now() - started) / 1000);
    });
    next();
  });
  if (deps.config.logging.audit) app.use(auditLog(deps.logger));
  app.use(securityHeaders());
  const cors = corsPolicy(deps.config.server.corsOrigins);
  if (cors) app.use(cors);
  app.use(deps.authenticate);
  for (const limit of deps.limits ?? []) app.use(limit);
  // Proxied routes stream their bodies: mounted before any body parsing. Their prefixes never overlap
  // the gateway's own paths (checked at start), so they go first and skip the container routes.
  if (deps.proxy) app.use(deps.proxy.middleware);
  app.use(containerRoutes(deps, { ...deps, billing: () => deps.metering.status() }));
  app.use(usageLogRoutes(deps.metering));
  app.use(meteringGate(deps.metering, deps.config.metering.retryMaxMs / 1000));
  app.use(requireJson);
  app.use(express.json({ limit: deps.config.server.bodyLimitBytes, strict: true, type: 'application/json' }));
  app.use(analyzeRoutes(deps));
  app.use(legacyRoutes(deps));
  app.use(jobRoutes(deps, deps.jobs));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
