import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { analyzeRoutes } from '../api/routes/analyze.ts';
import { containerRoutes } from '../api/routes/container.ts';
import { jobRoutes } from '../api/routes/jobs.ts';
import { legacyRoutes } from '../api/routes/legacy.ts';
import type { ApiContext } from '../api/context.ts';
import type { JobStore } from '../api/jobs/store.ts';
import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import { meteringGate, usageLogRoutes } from '../metering/http.ts';
import type { Metering } from '../metering/service.ts';
import { type ClientCertMode, requireClientCertificate } from './client-cert.ts';
import { errorHandler, notFound, requireJson } from './errors.ts';

export interface AppDeps extends ApiContext {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly jobs: JobStore;
  readonly clientCertMode: ClientCertMode;
  /** Paths served without a client certificate (Kubernetes probes cannot present one). */
  readonly anonymousPaths: readonly string[];
  readonly version: string;
  readonly accepting: () => boolean;
  readonly metering: Metering;
}

/**
 * The request pipeline, in order: request id + metrics, security headers, client certificate check,
 * container endpoints, metering gate, JSON body (bounded), API routes, 404, error envelope.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Never derive the client address from X-Forwarded-For unless a trusted proxy is configured.
  app.set('trust proxy', false);

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
  app.use(helmet());
  app.use(requireClientCertificate(deps.clientCertMode, deps.anonymousPaths));
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
