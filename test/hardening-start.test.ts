/**
 * A start that fails late (the port is taken once the pool, the ledger thread, Redis connections,
 * TLS and key-store watchers and proxy health checks are up) closes all of them again (issue 20):
 * the process that tried ends by itself. A child process, as the service's own entry point would be.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeTinyHfModel } from './fixtures/tiny-hf-model.ts';
import { ChildService, cleanEnv, freePort, REPO } from './helpers/child-service.ts';
import { writeTestKeyStore } from './helpers/keys.ts';
import { RedisServer, redisAvailable } from './helpers/redis.ts';

describe('a failed start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-failed-start-'));
  let taken: Server;
  let port: number;
  let redis: RedisServer | undefined;

  before(async () => {
    writeTinyHfModel(join(dir, 'model'));
    await writeTestKeyStore(join(dir, 'keys.json'), 'sk-failed-start-test-0123456789ab');
    taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    port = (taken.address() as { port: number }).port;
    if (redisAvailable()) redis = await RedisServer.start();
  });
  after(async () => {
    taken?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('port taken: the error is reported and the process ends by itself, nothing left running', async () => {
    const upstream = `http://127.0.0.1:${await freePort()}`;
    const child = new ChildService(
      [
        'Eula=accept',
        `Server:Port=${port}`,
        'Server:Host=127.0.0.1',
        `Tls:DevCertsDir=${join(dir, 'certs')}`,
        `Models:Default=${join(dir, 'model')}`,
        `Models:CustomRoot=${join(dir, 'none')}`,
        'Inference:Workers=2',
        `Security:KeyStoreFile=${join(dir, 'keys.json')}`,
        `RateLimits:QuotaFile=${join(dir, 'quotas.json')}`,
        ...(redis ? ['RateLimits:Store=redis', `RateLimits:RedisUrl=${redis.url}`] : []),
        // A ledger thread (fsync durability) and a deliverer retrying an unreachable endpoint.
        `Billing=http://127.0.0.1:${await freePort()}/api`,
        'ApiKey=billing-key',
        'Metering:Durability=fsync',
        `Metering:DataDir=${join(dir, 'metering')}`,
        `Authoring:DataDir=${join(dir, 'authoring')}`,
        `Proxy:Routes=${JSON.stringify([{ prefix: '/apps/x', target: upstream, healthPath: '/health' }])}`,
      ],
      cleanEnv(),
      join(REPO, 'test/fixtures/failed-start.ts'),
    );
    const exit = await Promise.race([
      child.exited,
      new Promise<'hung'>((r) => setTimeout(() => r('hung'), 60_000).unref()),
    ]);
    if (exit === 'hung') await child.kill();
    assert.match(child.stdout, /"failed":"EADDRINUSE"/, child.stdout + child.stderr);
    assert.ok(exit !== 'hung', 'the process kept running after the failed start');
    assert.equal(exit.code, 0, child.stderr);
  });
});
