import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Metrics } from './metrics.ts';

/**
 * Gives every response its `apim-request-id` (as Azure does) and counts it, with its latency, once
 * it is sent: by API route template, or `unmatched` (proxied paths, 404s, front-door refusals).
 */
export function requestMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.setHeader('apim-request-id', randomUUID());
    res.on('finish', () => {
      const route = req.route?.path ? String(req.route.path) : 'unmatched';
      metrics.requests.inc({ method: req.method, route, status: res.statusCode });
      metrics.latency.observe({ route }, (performance.now() - started) / 1000);
    });
    next();
  };
}
