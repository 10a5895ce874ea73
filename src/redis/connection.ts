import { Redis } from 'ioredis';
import { throttled } from '../observability/log-throttle.ts';
import type { Logger } from '../observability/logger.ts';

export interface RedisSettings {
  readonly url: string;
  /** Connect and per-command timeout (ms). */
  readonly timeoutMs: number;
}

/**
 * A Redis connection: the rate limiter and the quota counters share one, the async jobs open their
 * own. Commands fail fast rather than queue while Redis is away (no offline queue, no per-command
 * retries, a command timeout), so a request waits at most `timeoutMs` on Redis; the client keeps
 * reconnecting in the background.
 */
export function connectRedis(settings: RedisSettings, logger: Logger): Redis {
  const client = new Redis(settings.url, {
    connectTimeout: settings.timeoutMs,
    commandTimeout: settings.timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    // The URL may hold a password: never let it reach a log line through a connection name.
    connectionName: 'ner-gateway',
  });
  const warn = throttled(10_000);
  client.on('error', (err: Error) => {
    warn(() => logger.warn({ err: { message: err.message } }, 'redis unavailable'));
  });
  client.on('ready', () => logger.info('redis connected'));
  return client;
}

/** Waits (bounded) for the first connection; the service starts either way, per `redisFailure`. */
export async function waitReady(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return true;
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ok);
    };
    const onReady = (): void => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    client.on('ready', onReady);
  });
}
