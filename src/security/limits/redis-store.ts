import type { Options } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { type RedisReply, RedisStore } from 'rate-limit-redis';

/**
 * rate-limit-redis's store (one atomic Lua script per hit, so replicas share exact counts), made to
 * survive a Redis that is down at start-up: the store loads its scripts once in `init`, and a failed
 * load would otherwise fail every later hit even after Redis is back. Here a failed load is retried
 * on the next hit.
 */
export class SharedRedisStore extends RedisStore {
  constructor(client: Redis, prefix: string) {
    super({
      prefix,
      sendCommand: (command: string, ...args: string[]) =>
        client.call(command, ...args) as Promise<RedisReply>,
    });
  }

  override async init(options: Options): Promise<void> {
    await super.init(options).catch(() => undefined); // retried by the next increment
  }

  override async increment(key: string): ReturnType<RedisStore['increment']> {
    this.incrementScriptSha = this.incrementScriptSha.catch(() => this.loadIncrementScript());
    return super.increment(key);
  }

  override async get(key: string): ReturnType<RedisStore['get']> {
    this.getScriptSha = this.getScriptSha.catch(() => this.loadGetScript());
    return super.get(key);
  }
}
