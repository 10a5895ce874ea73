import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { Router } from 'express';
import type { BillingStatus } from '../../metering/billing-state.ts';
import type { Metrics } from '../../observability/metrics.ts';
import { DEFAULT_MODEL_ID } from '../../model/catalog.ts';
import type { ApiContext } from '../context.ts';
import { openApiDocument } from '../openapi.ts';

export interface ContainerRouteDeps {
  readonly metrics: Metrics;
  readonly version: string;
  /** False once shutdown has begun. */
  readonly accepting: () => boolean;
  /** Health of proxied upstreams that have a health path (src/proxy/health.ts). */
  readonly upstreams?: { ready(): boolean; report(): Record<string, string> };
  /** Billing state (metering); when it refuses analysis requests the service is not ready. */
  readonly billing?: () => BillingStatus;
}

const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const SWAGGER_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ner-gateway API</title>
<link rel="stylesheet" href="/swagger/ui/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/swagger/ui/swagger-ui-bundle.js"></script>
<script src="/swagger/init.js"></script></body></html>`;

const SWAGGER_INIT = `window.ui = SwaggerUIBundle({ url: '/swagger/openapi.json', dom_id: '#swagger-ui' });`;

/** The container's own endpoints: home page, probes, status, OpenAPI UI, metrics. */
export function containerRoutes(ctx: ApiContext, deps: ContainerRouteDeps): Router {
  const router = Router();
  const billing = (): BillingStatus | undefined => deps.billing?.();
  const ready = (): boolean =>
    deps.accepting() &&
    ctx.pool.models.some((m) => m.id === DEFAULT_MODEL_ID) &&
    billing()?.refusing !== true &&
    (deps.upstreams?.ready() ?? true);

  router.get('/', (_req, res) => {
    res
      .type('html')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ner-gateway</title></head><body>` +
          `<h1>ner-gateway ${deps.version}</h1><p>Azure Language NER compatible service.</p>` +
          `<ul><li><a href="/swagger">API documentation</a></li><li><a href="/status">Status</a></li>` +
          `<li><a href="/ready">Readiness</a></li><li><a href="/metrics">Metrics</a></li></ul></body></html>`,
      );
  });
  const readiness = (_req: express.Request, res: express.Response): void => {
    if (ready()) res.json({ status: 'ready' });
    else res.status(503).setHeader('Retry-After', '5').json({ status: 'not ready' });
  };
  router.get('/ready', readiness);
  router.get('/readyz', readiness);
  router.get('/livez', (_req, res) => {
    res.json({ status: 'alive' });
  });
  router.get('/status', (_req, res) => {
    const state = billing();
    const configured = ctx.config.azure.billing && ctx.config.azure.apiKey;
    res.json({
      service: 'ner-gateway',
      version: deps.version,
      apiStatus: state && state.mode !== 'off' ? state.status : configured ? 'Valid' : 'Unknown',
      apiStatusMessage:
        state?.message ??
        (configured
          ? 'Billing endpoint and key are configured.'
          : 'No Billing endpoint or ApiKey configured; usage is not reported.'),
      ...(state ? { billing: state } : {}),
      ready: ready(),
      models: ctx.pool.models,
      workers: ctx.pool.workerCount,
      queuedDocuments: ctx.pool.queueDepth,
      ...(deps.upstreams ? { upstreams: deps.upstreams.report() } : {}),
    });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  const doc = openApiDocument(deps.version);
  router.get('/swagger/openapi.json', (_req, res) => {
    res.json(doc);
  });
  router.get(['/swagger', '/swagger/'], (_req, res) => {
    res.type('html').send(SWAGGER_HTML);
  });
  router.get('/swagger/init.js', (_req, res) => {
    res.type('application/javascript').send(SWAGGER_INIT);
  });
  router.use('/swagger/ui', express.static(swaggerUiDir, { index: false, maxAge: '1h' }));
  return router;
}
