import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { InferenceSchema } from '../src/config/schema.ts';
import { InferencePool } from '../src/inference/pool.ts';
import { writeTinyHfModel } from './fixtures/tiny-hf-model.ts';

/** The worker threads of a pool (private: what the pool hands to Node). */
function threadsOf(pool: InferencePool): Worker[] {
  return (pool as unknown as { slots: { thread: Worker }[] }).slots.map((s) => s.thread);
}

describe('inference worker heap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-heap-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const model = writeTinyHfModel(join(dir, 'tiny'));

  it('gives each worker the young generation of inference.workerYoungGenerationMb (default 96 MB)', async () => {
    assert.equal(InferenceSchema.parse({}).workerYoungGenerationMb, 96);
    const pool = await InferencePool.start({
      models: { tiny: model },
      workers: 2,
      workerYoungGenerationMb: 40,
    });
    try {
      const threads = threadsOf(pool);
      assert.equal(threads.length, 2);
      for (const t of threads) assert.equal(t.resourceLimits?.maxYoungGenerationSizeMb, 40);
      // A worker that replaces a dead one gets the same limits.
      const dead = threads[0];
      await pool.killWorker(0);
      const deadline = Date.now() + 60_000;
      while (threadsOf(pool)[0] === dead && Date.now() < deadline) await sleep(20);
      assert.notEqual(threadsOf(pool)[0], dead, 'the worker was replaced');
      await pool.analyze('tiny', ['John Smith lives in Paris']);
      assert.equal(threadsOf(pool)[0]!.resourceLimits?.maxYoungGenerationSizeMb, 40);
    } finally {
      await pool.close();
    }
  });
});
