import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express, type RequestHandler } from 'express';
import { analyzeRoutes } from '../api/routes/analyze.ts';
import { containerRoutes } from '../api/routes/container.ts';
import { jobRoutes } from '../api/routes/jobs.ts';
import { legacyRoutes } from '../api/routes/legacy.ts';
import type { ApiContext } from '../api/context.ts';
import type { Authoring } from '../authoring/index.ts';
import type { Config } from '../config/schema.ts';
import type { JobService } from '../api/jobs/service.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { auditLog } from '../observability/audit.ts';
import { requestMetrics } from '../observability/request-metrics.ts';
import { requestTracing, traceStep } from '../observability/tracing/index.ts';
import { asExpress, chain } from './chain.ts';
import { corsPolicy } from './cors.ts';
import { securityHeaders } from './security-headers.ts';
import type { ProxyGateway } from '../proxy/gateway.ts';
import type { UpstreamHealth } from '../proxy/health.ts';
import { meteringGate, usageLogRoutes } from '../api/metering.ts';
import type { Metering } from '../metering/service.ts';
import { bodyGuard } from './body-guard.ts';
import { singleHost } from './host-header.ts';
import { errorHandler, notFound, requireJson } from './error-handler.ts';

export interface AppDeps extends ApiContext {
  /** The front door reads more of it than the API routes (ApiSettings) do. */
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly jobs: JobService;
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
  /** The authoring API (issue 17); it parses its own bodies and is not an analysis request. */
  readonly authoring?: Authoring;
}

/** The server's request listener, and the Express app that serves the gateway's own API. */
export interface App {
  /** For `serverClasses` (prototypes.ts): requests and responses are born with its prototypes. */
  readonly express: Express;
  readonly listener: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * The request pipeline, in order. The front door, run on every request as one chain (chain.ts):
 * request id + metrics, audit, one Host header, security headers, CORS, authentication, rate limits and quotas, then
 * the proxy routes. Whatever the proxy does not take goes on to Express: container endpoints, usage
 * logs, metering gate, JSON body (bounded), API routes, 404. Errors from either end in the Azure
 * envelope.
 */
export function createApp(deps: AppDeps): App {
  const api = express();
  api.disable('x-powered-by');
  api.set('etag', false);
  // Never derive the client address from X-Forwarded-For unless a trusted proxy is configured.
  const trustProxy = deps.config.server.trustProxy;
  api.set('trust proxy', trustProxy.length > 0 ? [...trustProxy] : false);

  const cors = corsPolicy(deps.config.server.corsOrigins);
  const frontDoor = chain([
    ...requestTracing(deps.config),
    requestMetrics(deps.metrics),
    ...(deps.config.logging.audit ? [auditLog(deps.logger)] : []),
    singleHost,
    securityHeaders(),
    ...(cors ? [cors] : []),
    traceStep('authenticate', deps.authenticate),
    ...(deps.limits ?? []),
    // Proxied routes stream their bodies: they are taken before any body parsing. Their prefixes never
    // overlap the gateway's own paths (checked at start).
    ...(deps.proxy ? [deps.proxy.middleware] : []),
  ]);
  const onError = errorHandler(deps.logger);

  api.use(containerRoutes(deps, { ...deps, billing: () => deps.metering.status() }));
  api.use(usageLogRoutes(deps.metering));
  if (deps.authoring) api.use(deps.authoring.routes(deps));
  api.use(meteringGate(deps.metering, deps.config.metering.retryMaxMs / 1000));
  api.use(requireJson);
  api.use(bodyGuard(deps.config.server.bodyLimitBytes));
  api.use(express.json({ limit: deps.config.server.bodyLimitBytes, strict: true, type: 'application/json' }));
  api.use(analyzeRoutes(deps));
  api.use(legacyRoutes(deps));
  api.use(jobRoutes(deps, deps.jobs));
  api.use(notFound);
  api.use(onError);

  return {
    express: api,
    listener(incoming, outgoing) {
      const [req, res] = asExpress(incoming, outgoing);
      frontDoor(req, res, (err) => (err === undefined ? api(req, res) : onError(err, req, res, noop)));
    },
  };
}

function noop(): void {}
