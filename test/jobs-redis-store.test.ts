/**
 * The job store's scripts on a real redis-server, as every replica runs them: admission limits over
 * the shared store (`jobs.maxJobs`, `jobs.maxStoredCharacters`, the per-principal limits), eviction
 * of finished jobs oldest-first, expiry, and a task's result committed once with its usage.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { JobCommands } from '../src/api/jobs/redis/commands.ts';
import { RedisServer, redisAvailable } from './helpers/redis.ts';

const skip = !redisAvailable() && !process.env.CI ? 'redis-server is not installed' : false;
const P = 'test:jobs:';
const LIMITS = { maxJobs: 4, maxWeight: 100, maxPerPrincipal: 2 };

describe('job store scripts (shared by every replica)', { skip }, () => {
  let server: RedisServer;
  let redis: Redis;
  let commands: JobCommands;
  let next = 0;

  before(async () => {
    server = await RedisServer.start();
    redis = new Redis(server.url);
    commands = new JobCommands(redis);
  });

  after(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  /** Admits a job of `weight` for `principal`; its id and the script's answer. */
  async function admit(
    principal: string,
    weight: number,
    expiresAt = Date.now() + 60_000,
  ): Promise<[string, string]> {
    const id = `job-${next++}`;
    const answer = await commands.run(
      'admit',
      P,
      Date.now(),
      id,
      principal,
      weight,
      LIMITS.maxJobs,
      LIMITS.maxWeight,
      LIMITS.maxPerPrincipal,
      '{}',
      '[]',
      'notStarted',
      new Date().toISOString(),
      expiresAt,
    );
    return [id, String(answer)];
  }

  const finish = (id: string): Promise<unknown> =>
    commands.run('finish', P, id, Date.now(), new Date().toISOString(), 'succeeded', 1, '{}');

  test('limits hold over the shared store; finished jobs make room oldest-first; expired ones go', async () => {
    await redis.flushall();
    const [a1] = await admit('alice', 10);
    const [a2] = await admit('alice', 10);
    assert.equal((await admit('alice', 10))[1], 'principal', 'two unfinished jobs per principal');
    const [b1] = await admit('bob', 10);
    assert.equal(
      (await admit('bob', 45))[1],
      'principal',
      "more than half the store's weight for one principal",
    );
    const [b2] = await admit('bob', 40);
    assert.equal((await admit('carol', 10))[1], 'full', 'four unfinished jobs: full, nothing evictable');
    await finish(a1);
    await finish(b1);
    // Room for carol by evicting the oldest finished job only.
    const [c1, ok] = await admit('carol', 10);
    assert.equal(ok, 'ok');
    assert.equal(await redis.exists(`${P}job:${a1}`), 0, 'the oldest finished job was evicted');
    assert.equal(await redis.exists(`${P}job:${b1}`), 1, 'the next one was kept');
    assert.deepEqual((await redis.hkeys(`${P}unfinished`)).sort(), [a2, b2, c1].sort());
    // An expired job is dropped at the next admission, finished or not.
    const [short] = await admit('dave', 5, Date.now() + 50);
    await new Promise((r) => setTimeout(r, 100));
    await admit('erin', 1);
    assert.equal(await redis.hexists(`${P}unfinished`, short), 0);
    assert.equal(await redis.zscore(`${P}all`, short), null);
  });

  test("a task's result is committed once, and its usage owed once", async () => {
    await redis.flushall();
    const [id] = await admit('alice', 10);
    const commit = (result: string, usage: string): Promise<unknown> =>
      commands.run(
        'commitTask',
        `${P}job:${id}`,
        't:0',
        result,
        new Date().toISOString(),
        `${P}usage:l1`,
        usage,
      );
    assert.equal(await commit('"first"', '{"records":3}'), 1);
    assert.equal(
      await commit('"retry"', '{"records":3}'),
      0,
      'a retry of the same task stores and bills nothing',
    );
    assert.equal(await redis.hget(`${P}job:${id}`, 't:0'), '"first"');
    assert.deepEqual(await redis.lrange(`${P}usage:l1`, 0, -1), ['{"records":3}']);
    await redis.del(`${P}job:${id}`);
    assert.equal(await commit('"late"', '{"records":3}'), -1, 'a job that is gone takes nothing');
    assert.equal(await redis.llen(`${P}usage:l1`), 1);
  });
});
