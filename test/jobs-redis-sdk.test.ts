/**
 * Jobs on Redis behind a balancer without affinity, and through a Redis outage: the official
 * `@azure/ai-language-text` client's `beginAnalyzeBatch` against two replicas behind a round-robin
 * TCP passthrough (each connection to the next replica) completes; with Redis down a submission
 * answers 503 + Retry-After, and jobs accepted before the outage complete once Redis is back from
 * its append-only file, on a replica started afterwards; a job a dying replica stored but never
 * queued is queued by a running one.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { AzureKeyCredential, TextAnalysisClient } from '@azure/ai-language-text';
import { Redis } from 'ioredis';
import type { JobRecord } from '../src/api/jobs/model.ts';
import { encodeJob } from '../src/api/jobs/redis/codec.ts';
import { JobCommands } from '../src/api/jobs/redis/commands.ts';
import { JobTaskSchema, parseOrThrow } from '../src/api/schemas.ts';
import { RoundRobinBalancer } from './helpers/balancer.ts';
import { eventually, killAll } from './helpers/child-service.ts';
import { type Gateway, GATEWAY_KEY, gatewayDir, startGateway } from './helpers/gateway.ts';
import { RedisServer, redisAvailable } from './helpers/redis.ts';
import { call } from './helpers/service.ts';
import { jobsOnRedis, replicaDir } from './helpers/jobs-redis.ts';
import { TEST_PRINCIPAL } from './helpers/keys.ts';

const JOBS = '/language/analyze-text/jobs?api-version=2023-04-01';
const KEY = { 'Ocp-Apim-Subscription-Key': GATEWAY_KEY };
const skip = !redisAvailable() && !process.env.CI ? 'redis-server is not installed' : false;

describe('jobs on Redis: the SDK through a round-robin balancer', { skip, timeout: 120_000 }, () => {
  let redis: RedisServer;
  let balancer: RoundRobinBalancer;
  const replicas: Gateway[] = [];

  before(async () => {
    redis = await RedisServer.start();
    balancer = await RoundRobinBalancer.start(() => replicas.map((g) => Number(new URL(g.url).port)));
    const shared = gatewayDir();
    // Links name the balancer, as server.publicUrl does behind a load balancer.
    const args = [...jobsOnRedis(redis), `Server:PublicUrl=https://localhost:${balancer.port}`];
    replicas.push(await startGateway(args, replicaDir(shared)));
    replicas.push(await startGateway(args, replicaDir(shared)));
  });

  after(async () => {
    await balancer?.close();
    await Promise.allSettled(replicas.map((g) => g.stop()));
    killAll();
    await redis?.stop();
  });

  test('beginAnalyzeBatch polls to completion across both replicas', async () => {
    const { tls } = replicas[0]!;
    const client = new TextAnalysisClient(
      `https://localhost:${balancer.port}`,
      new AzureKeyCredential(GATEWAY_KEY),
      {
        tlsOptions: { ca: tls.ca, cert: tls.cert, key: tls.key },
        retryOptions: { maxRetries: 0 },
        // A new connection per request, so consecutive polls reach different replicas.
        additionalPolicies: [
          {
            position: 'perCall',
            policy: {
              name: 'connection-close',
              sendRequest: (request, next) => {
                request.headers.set('Connection', 'close');
                return next(request);
              },
            },
          },
        ],
      },
    );
    const poller = await client.beginAnalyzeBatch(
      [{ kind: 'EntityRecognition', actionName: 'ner' }],
      Array.from({ length: 10 }, (_, i) => ({
        id: String(i),
        language: 'en',
        text: `Satya Nadella visited Paris ${i} times.`,
      })),
      { updateIntervalInMs: 50 },
    );
    const results = await poller.pollUntilDone();
    assert.equal(poller.getOperationState().status, 'succeeded');
    const actions = [];
    for await (const action of results) actions.push(action);
    assert.equal(actions.length, 1);
    const [ner] = actions;
    assert.ok(ner && ner.kind === 'EntityRecognition' && !ner.error, JSON.stringify(ner));
    assert.equal(ner.results.length, 10);
    for (const doc of ner.results) assert.ok(!doc.error && doc.entities.length > 0, JSON.stringify(doc));
    assert.ok(
      balancer.counts.length === 2 && balancer.counts.every((n) => n > 0),
      `connections per replica: ${balancer.counts.join(', ')}`,
    );
  });
});

describe('jobs on Redis while Redis is down', { skip, timeout: 120_000 }, () => {
  let redis: RedisServer;
  let gateway: Gateway | undefined;
  let dir: string;

  // One job at a time, so most of them are still waiting when Redis goes away.
  const args = (): string[] => [...jobsOnRedis(redis), 'Jobs:Concurrency=1'];

  before(async () => {
    redis = await RedisServer.start({ dataDir: mkdtempSync(join(tmpdir(), 'nergw-redis-')) });
    dir = gatewayDir();
  });

  after(async () => {
    await gateway?.stop();
    killAll();
    await redis?.stop();
  });

  test('a submission answers 503 + Retry-After; accepted jobs complete once Redis is back', async (t) => {
    gateway = await startGateway(args(), dir);
    const text = 'Satya Nadella visited Paris with Marie Curie. '.repeat(100);
    const body = {
      analysisInput: { documents: Array.from({ length: 25 }, (_, i) => ({ id: String(i), text })) },
      tasks: [{ kind: 'EntityRecognition', parameters: {} }],
    };
    const paths = [];
    for (let i = 0; i < 6; i++) {
      const res = await call(gateway, JOBS, { body, headers: KEY });
      assert.equal(res.status, 202, res.text);
      paths.push(new URL(String(res.headers['operation-location'])).pathname + '?api-version=2023-04-01');
    }
    const before = await Promise.all(
      paths.map(async (p) => (await call(gateway!, p, { headers: KEY })).json.status),
    );
    await redis.stop('SIGTERM');

    const refused = await call(gateway, JOBS, { body, headers: KEY });
    assert.equal(refused.status, 503, refused.text);
    assert.ok(Number(refused.headers['retry-after']) >= 1, 'Retry-After');
    assert.equal(refused.json.error.code, 'ServiceUnavailable');
    assert.equal((await call(gateway, paths[0]!, { headers: KEY })).status, 503);

    // The replica goes too: the jobs now live only in Redis's append-only file.
    gateway.svc.proc.kill('SIGKILL');
    await gateway.svc.exit();
    await redis.resume();
    gateway = await startGateway(args(), dir);
    t.diagnostic(`states when Redis stopped: ${before.join(', ')}`);
    assert.ok(
      before.some((s) => s !== 'succeeded'),
      'some jobs were unfinished when Redis stopped',
    );
    for (const p of paths) {
      const end = await eventually(
        `job ${p}`,
        async () => {
          const res = await call(gateway!, p, { headers: KEY });
          return res.json?.status === 'succeeded' ? res : undefined;
        },
        90_000,
      );
      assert.equal(end.json.tasks.items[0].results.documents.length, 25);
    }
  });

  test('a job stored but never queued (its replica died before the 202) is queued by a running one', async () => {
    gateway ??= await startGateway(args(), dir);
    // What the dying replica left: the job in the store (the admission script), no queue entry.
    const created = new Date(Date.now() - 10_000);
    const job: JobRecord = {
      jobId: randomUUID(),
      apiVersion: '2023-04-01',
      principal: TEST_PRINCIPAL,
      createdDateTime: created.toISOString(),
      lastUpdatedDateTime: created.toISOString(),
      expiresAt: created.getTime() + 3_600_000,
      weight: 100,
      status: 'notStarted',
      documents: [{ id: '1', language: 'en', text: 'Satya Nadella visited Paris.' }],
      tasks: [parseOrThrow(JobTaskSchema, { kind: 'EntityRecognition', parameters: {} })],
      outcomes: [undefined],
      errors: [],
    };
    const client = new Redis(redis.url);
    try {
      const { meta, input } = encodeJob(job);
      const stored = await new JobCommands(client).run(
        'admit',
        'nergw:jobs:',
        Date.now(),
        job.jobId,
        job.principal,
        job.weight,
        1000, // jobs.maxJobs
        10_000_000, // jobs.maxStoredCharacters
        100, // jobs.maxUnfinishedPerPrincipal
        meta,
        input,
        job.status,
        job.lastUpdatedDateTime,
        job.expiresAt,
      );
      assert.equal(stored, 'ok');
    } finally {
      client.disconnect();
    }
    const path = `/language/analyze-text/jobs/${job.jobId}?api-version=2023-04-01`;
    const end = await eventually(
      'the lost job to run',
      async () => {
        const res = await call(gateway!, path, { headers: KEY });
        return res.json?.status === 'succeeded' ? res : undefined;
      },
      30_000,
    );
    assert.equal(end.json.tasks.items[0].results.documents[0].entities.length > 0, true, end.text);
    assert.ok(gateway!.svc.logs().some((l) => l.msg === 'job stored but never queued; queued now'));
  });
});
