import type { NextFunction, Response } from 'express';
import { ApiError } from '../../http/errors.ts';
import { throttled } from '../../observability/log-throttle.ts';
import type { Logger } from '../../observability/logger.ts';

export type FailurePolicy = 'open' | 'closed';

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
