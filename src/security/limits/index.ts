import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { Config } from '../../config/schema.ts';
import type { Logger } from '../../observability/logger.ts';
import { traceStep } from '../../observability/tracing/index.ts';
import { type AnalysedRequest, Quotas } from './quota.ts';
import { FileQuotaStore } from './quota-file-store.ts';
import { RedisQuotaStore } from './quota-redis-store.ts';
import { rateLimiter } from './rate-limit.ts';
import { connectRedis, waitReady } from '../../redis/connection.ts';
import { SharedRedisStore } from './redis-store.ts';
import { storeFailureHandler } from './store-failure.ts';

export interface Limits {
  /** Rate limit, then quota check: mount after authentication (they key on the principal). */
  readonly middleware: readonly RequestHandler[];
  /** Feeds the quota counters: call it with each request the inference pool analysed. */
  analysed(request: AnalysedRequest): void;
  close(): Promise<void>;
}

/** Whether `settings` set a quota (daily or monthly records): only then are analysed requests counted. */
export function quotasConfigured(settings: Config['rateLimits']): boolean {
  return settings.dailyRecords > 0 || settings.monthlyRecords > 0;
}

/** Builds rate limits and quotas from `rateLimits` config: in memory (and a quota file), or in Redis. */
export async function createLimits(settings: Config['rateLimits'], logger: Logger): Promise<Limits> {
  const log = logger.child({ component: 'limits' });
  const limiting = settings.enabled && settings.routes.length > 0;
  const counting = quotasConfigured(settings);
  let redis: Redis | undefined;
  if (settings.store === 'redis' && settings.redisUrl && (limiting || counting)) {
    redis = connectRedis({ url: settings.redisUrl, timeoutMs: settings.redisTimeoutMs }, log);
    if (!(await waitReady(redis, settings.redisTimeoutMs * 4)))
      log.warn(
        { policy: settings.redisFailure },
        'redis not reachable at start; requests follow redisFailure',
      );
  }
  const client = redis;
  const prefix = settings.redisKeyPrefix;

  const middleware: RequestHandler[] = [];
  if (limiting) {
    middleware.push(
      traceStep(
        'rate limit',
        rateLimiter({
          routes: settings.routes,
          store: (route) =>
            client ? new SharedRedisStore(client, `${prefix}rl:${route.prefix}:`) : undefined,
          onStoreError: storeFailureHandler(settings.redisFailure, log, 'rate limit'),
          logger: log,
        }),
      ),
    );
  }
  const quotas = counting
    ? new Quotas({
        limits: {
          daily: settings.dailyRecords,
          monthly: settings.monthlyRecords,
          prefixes: settings.quotaPrefixes,
        },
        store: client ? new RedisQuotaStore(client, prefix) : new FileQuotaStore(settings.quotaFile),
        onStoreError: storeFailureHandler(settings.redisFailure, log, 'quota'),
        logger: log,
      })
    : undefined;
  if (quotas) middleware.push(traceStep('quota', quotas.middleware()));

  return {
    middleware,
    analysed: (request) => quotas?.count(request),
    async close() {
      await quotas?.close();
      client?.disconnect();
    },
  };
}
