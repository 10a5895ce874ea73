/**
 * A job cancelled while its task waits for room in a full inference queue ends `cancelled` promptly,
 * not only once room appears or the job expires: the memory store's cancel aborts the wait, the
 * Redis store (whose cancel is a status any replica may set) re-checks that status while the task
 * waits. The queue is kept full throughout, topped up as batches leave it, and never has room for
 * the job's documents, so nothing but the cancel can end the wait.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InferencePool } from '../src/inference/pool.ts';
import { eventually } from './helpers/child-service.ts';
import { jobsOnRedis } from './helpers/jobs-redis.ts';
import { RedisServer, redisAvailable } from './helpers/redis.ts';
import { call, startTestService, type TestService } from './helpers/service.ts';

const JOBS = '/language/analyze-text/jobs?api-version=2023-04-01';
/** The queue's bound, and the job's documents: room for them needs the queue down to 5. */
const QUEUE = 30;
const JOB_DOCUMENTS = 25;
/** Batches of at most 4 documents: between two top-ups the queue never gets near 5. */
const POOL_ARGS = [`Inference:MaxQueuedDocuments=${QUEUE}`, 'Inference:MaxBatchDocuments=4'];
/** Generous: a cancel that works is seen within a few hundred milliseconds. */
const BOUND_MS = 20_000;

interface FullQueue {
  /** The lowest queue depth seen since the queue was first full. */
  lowest(): number;
  stop(): Promise<void>;
}

/** Fills the pool's queue to its bound and tops it up whenever a batch leaves it. */
function keepFull(pool: InferencePool): FullQueue {
  const text = 'John Smith lives in Paris . '.repeat(20);
  const work: Promise<unknown>[] = [];
  let stopped = false;
  const topUp = (): void => {
    while (!stopped && pool.queueDepth < QUEUE) {
      work.push(pool.analyze('default', [text]).catch(() => undefined));
    }
  };
  topUp();
  let lowest = pool.queueDepth;
  const off = pool.on('queueDepth', ({ documents }) => {
    lowest = Math.min(lowest, documents);
    queueMicrotask(topUp);
  });
  return {
    lowest: () => lowest,
    async stop() {
      stopped = true;
      off();
      await Promise.all(work);
    },
  };
}

/** Submits a job of 25 documents while the queue is full, cancels it once it runs, and checks its end. */
async function cancelWhileWaiting(t: TestService): Promise<void> {
  const full = keepFull(t.service.pool);
  try {
    const documents = Array.from({ length: JOB_DOCUMENTS }, (_, i) => ({
      id: String(i + 1),
      text: 'Marie Curie visited Paris',
    }));
    const submit = await call(t, JOBS, {
      body: { analysisInput: { documents }, tasks: [{ kind: 'EntityRecognition' }] },
    });
    assert.equal(submit.status, 202, submit.text);
    const location = new URL(String(submit.headers['operation-location']));
    const path = `${location.pathname}${location.search}`;
    const status = async (): Promise<{ status: string } & Record<string, unknown>> =>
      (await call(t, path)).json as { status: string };
    // Running: its task met the full queue (memory) or is about to (Redis); either way it waits.
    await eventually('the job to run', async () =>
      (await status()).status === 'running' ? true : undefined,
    );
    const cancel = await call(t, path.replace('?', ':cancel?'), { method: 'POST' });
    assert.equal(cancel.status, 202, cancel.text);
    const job = await eventually(
      'the job to be cancelled',
      async () => {
        const now = await status();
        return now.status === 'cancelled' ? now : undefined;
      },
      BOUND_MS,
    );
    assert.ok(
      full.lowest() + JOB_DOCUMENTS > QUEUE,
      `the queue stayed too full for the job (lowest depth ${full.lowest()})`,
    );
    assert.deepEqual(
      (job.tasks as { items: { status: string }[] }).items.map((i) => i.status),
      ['cancelled'],
    );
    assert.equal(job.errors, undefined, 'a task that never ran has no error');
  } finally {
    await full.stop();
  }
}

describe('a job cancelled while it waits for room in the inference queue (memory store)', () => {
  let t: TestService;
  before(async () => {
    t = await startTestService({ args: POOL_ARGS });
  });
  after(() => t?.close());

  it('ends cancelled promptly while the queue stays full', () => cancelWhileWaiting(t));
});

const skip = !redisAvailable() && !process.env.CI ? 'redis-server is not installed' : false;

describe('a job cancelled while it waits for room in the inference queue (Redis store)', { skip }, () => {
  let redis: RedisServer;
  let t: TestService;
  before(async () => {
    redis = await RedisServer.start();
    t = await startTestService({ args: [...jobsOnRedis(redis), ...POOL_ARGS] });
  });
  after(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('ends cancelled promptly while the queue stays full', () => cancelWhileWaiting(t));
});
