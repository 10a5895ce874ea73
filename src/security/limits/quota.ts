import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isAnalysisRequest } from '../../http/analysis-request.ts';
import { ApiError } from '../../http/errors.ts';
import { requestRecords } from '../../metering/records.ts';
import { isUsageContext } from '../../metering/usage.ts';
import type { Logger } from '../../observability/logger.ts';
import { principalOf } from '../../http/principal.ts';
import { humanDuration, periodsAt, secondsToNextDay, secondsToNextMonth } from './periods.ts';
import { PrefixTable } from '../path-prefix.ts';
import type { QuotaStore, QuotaUsage } from './quota-store.ts';

/**
 * A request whose documents were all analysed: what the quota counts. The server feeds it from the
 * inference pool's events, so the front door needs nothing of the pool.
 */
export interface AnalysedRequest {
  readonly texts: readonly string[];
  /** The usage context the request was analysed with (src/metering/usage.ts); others are not counted. */
  readonly meta: unknown;
}

export interface QuotaLimits {
  /** Text records per principal per UTC day; 0 = none. */
  readonly daily: number;
  /** Text records per principal per UTC month; 0 = none. */
  readonly monthly: number;
  /** Requests under these path prefixes are checked. */
  readonly prefixes: readonly string[];
}

export interface QuotaOptions {
  readonly limits: QuotaLimits;
  readonly store: QuotaStore;
  readonly onStoreError: (err: unknown, res: Response, next: NextFunction) => void;
  readonly logger: Logger;
  /** The clock (tests pass a fixed one). */
  readonly now?: () => Date;
}

/** 403 worded and shaped as Azure's "Out of call volume quota", with Retry-After in seconds. */
function outOfQuota(period: 'daily' | 'monthly', limit: number, retryAfter: number): ApiError {
  return ApiError.gateway(
    403,
    `Out of call volume quota for the ${period} quota of ${limit} text records. ` +
      `Please retry after ${humanDuration(retryAfter)}. ` +
      'To increase your call volume contact the gateway administrator.',
    { 'Retry-After': String(retryAfter) },
  );
}

/**
 * Daily and monthly quotas per principal, in Azure text records. The counter is fed with each request the
 * inference pool analysed (`count`), so it counts exactly what was analysed; the check runs before a request
 * (POST under the quota prefixes) and refuses it once a quota is used up. Requests already admitted
 * when the quota runs out still complete, so usage can pass the quota by what was in flight.
 */
export class Quotas {
  private readonly now: () => Date;
  private readonly checked: PrefixTable<{ prefix: string }>;

  constructor(private readonly options: QuotaOptions) {
    this.now = options.now ?? (() => new Date());
    this.checked = new PrefixTable(options.limits.prefixes.map((prefix) => ({ prefix })));
  }

  /** The refusal due for `usage`, if any (the month wins when both are used up: it lasts longer). */
  private refusal(usage: QuotaUsage, now: Date): ApiError | undefined {
    const { daily, monthly } = this.options.limits;
    if (monthly > 0 && usage.month >= monthly) return outOfQuota('monthly', monthly, secondsToNextMonth(now));
    if (daily > 0 && usage.day >= daily) return outOfQuota('daily', daily, secondsToNextDay(now));
    return undefined;
  }

  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (!isAnalysisRequest(req)) return next();
      if (!this.checked.match(req.path)) return next();
      const now = this.now();
      this.options.store.usage(principalOf(res).id, periodsAt(now)).then(
        (usage) => next(this.refusal(usage, now)),
        (err: unknown) => this.options.onStoreError(err, res, next),
      );
    };
  }

  /** Counts an analysed request's records against the principal that submitted it. */
  count({ texts, meta }: AnalysedRequest): void {
    if (!isUsageContext(meta)) return;
    this.options.store
      .add(meta.principal, requestRecords(texts), periodsAt(this.now()))
      .catch((err: unknown) =>
        this.options.logger.warn(
          {
            err: { message: err instanceof Error ? err.message : String(err) },
            principal: meta.principal,
          },
          'quota usage could not be recorded',
        ),
      );
  }

  close(): Promise<void> {
    return this.options.store.close();
  }
}
