/** Settings and folders for gateway processes that keep their jobs in Redis (test/jobs-redis*.test.ts). */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gatewayDir } from './gateway.ts';
import type { RedisServer } from './redis.ts';

/** Settings of a replica: jobs in `redis`, stalled jobs taken over within about 4 s. */
export function jobsOnRedis(redis: RedisServer): string[] {
  return [
    'Jobs:Store=redis',
    `Jobs:RedisUrl=${redis.url}`,
    'Jobs:LockSeconds=3',
    'Jobs:StalledCheckSeconds=1',
    'Jobs:Concurrency=2',
  ];
}

/** A folder for one replica whose `certs` is the shared dev PKI (one CA for every replica). */
export function replicaDir(shared: string): string {
  const dir = gatewayDir();
  mkdirSync(join(shared, 'certs'), { recursive: true });
  symlinkSync(join(shared, 'certs'), join(dir, 'certs'));
  return dir;
}
