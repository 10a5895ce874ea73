import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * CORS for the configured origins only; with none configured there is no CORS at all (no
 * Access-Control-* headers, so browsers refuse cross-origin reads).
 */
export function corsPolicy(origins: readonly string[]): RequestHandler | undefined {
  if (origins.length === 0) return undefined;
  return cors({
    origin: origins.includes('*') ? '*' : [...origins],
    methods: ['GET', 'POST', 'DELETE'],
    allowedHeaders: [
      'Content-Type',
      'Authorization',
      'Ocp-Apim-Subscription-Key',
      'x-ms-client-request-id',
      'x-ms-useragent',
    ],
    exposedHeaders: [
      'apim-request-id',
      'Operation-Location',
      'Retry-After',
      'RateLimit',
      'RateLimit-Policy',
      'x-ms-error-code',
    ],
    maxAge: 600,
  });
}
