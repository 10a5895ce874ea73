import type { NextFunction, Response } from 'express';
import { ApiError } from '../../http/errors.ts';
import type { Logger } from '../../observability/logger.ts';

export type FailurePolicy = 'open' | 'closed';

/** Runs `fn` at most once per `intervalMs`, so an outage logs a few lines, not one per request. */
export function throttled(intervalMs: number): (fn: () => void) => void {
  let last = -Infinity;
  return (fn) => {
    const now = Date.now();
    if (now - last < intervalMs) return;
    last = now;
    fn();
  };
}

/**
 * What a request gets when the counter store (Redis) fails: `open` lets it through and logs a
 * warning, `closed` refuses it with 503 in the Azure envelope.
 */
export function storeFailureHandler(policy: FailurePolicy, logger: Logger, what: string) {
  const warn = throttled(10_000);
  return (err: unknown, _res: Response, next: NextFunction): void => {
    const message = err instanceof Error ? err.message : String(err);
    warn(() =>
      logger.warn(
        { err: { message }, policy },
        policy === 'open'
          ? `${what} store unavailable: allowing requests without ${what}`
          : `${what} store unavailable: refusing requests`,
      ),
    );
    if (policy === 'open') return next();
    next(ApiError.unavailable(`The ${what} service is temporarily unavailable. Please retry later.`, 1));
  };
}
