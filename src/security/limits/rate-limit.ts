import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { ApiError } from '../../http/errors.ts';
import type { Logger } from '../../observability/logger.ts';
import { clientKey } from './client-key.ts';
import { PrefixTable } from '../path-prefix.ts';

export interface RouteLimit {
  readonly prefix: string;
  readonly windowSeconds: number;
  readonly max: number;
}

export interface RateLimitOptions {
  readonly routes: readonly RouteLimit[];
  /** A fresh counter store for one route's window (each limiter needs its own). */
  readonly store: (route: RouteLimit) => Store | undefined;
  /** Called instead of `next(err)` when the store fails (fail-open or fail-closed). */
  readonly onStoreError: (err: unknown, res: Response, next: NextFunction) => void;
  readonly logger: Logger;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** 429 worded and shaped as Azure's gateway words it (`code` "429", no innererror). */
function tooManyRequests(route: RouteLimit, retryAfter: number): ApiError {
  return ApiError.gateway(
    429,
    `Requests to the ${route.prefix} Operation under ner-gateway have exceeded rate limit of ` +
      `${plural(route.max, 'call')} per ${plural(route.windowSeconds, 'second')}. ` +
      `Please retry after ${plural(retryAfter, 'second')}. ` +
      'Please contact the gateway administrator if you would like to further increase the default rate limit.',
    { 'Retry-After': String(retryAfter) },
  );
}

/**
 * Per-route fixed windows from config: the route with the longest matching path prefix decides, so
 * it applies to any route (API or proxied). Counted per principal, per client address when anonymous.
 * `RateLimit`/`RateLimit-Policy` headers (IETF draft 7) on every limited route; 429 + Retry-After.
 */
export function rateLimiter(options: RateLimitOptions): RequestHandler {
  const limiters = new PrefixTable(
    options.routes.map((route) => {
      const store = options.store(route);
      return {
        prefix: route.prefix,
        handle: rateLimit({
          windowMs: route.windowSeconds * 1000,
          limit: route.max,
          standardHeaders: 'draft-7',
          legacyHeaders: false,
          keyGenerator: clientKey,
          ...(store ? { store } : {}),
          logger: options.logger,
          // The library's configuration checks run on every request (a per-request map for its double
          // count check); this setup is fixed and covered by tests. Clients may send X-Forwarded-For;
          // it is ignored unless server.trustProxy names the proxy.
          validate: false,
          handler: (_req, res, next) => {
            next(tooManyRequests(route, Number(res.getHeader('Retry-After')) || route.windowSeconds));
          },
        }),
      };
    }),
  );

  return (req: Request, res: Response, next: NextFunction): void => {
    const limiter = limiters.match(req.path);
    if (!limiter) return next();
    void limiter.handle(req, res, (err?: unknown) => {
      if (err === undefined || err instanceof ApiError) return next(err);
      options.onStoreError(err, res, next);
    });
  };
}
