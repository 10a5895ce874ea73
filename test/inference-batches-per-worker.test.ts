/**
 * `inference.batchesPerWorker`: a busy worker is handed a full batch to run after the one it is
 * running, so it never waits for the main thread between batches; a partial batch still waits for
 * an idle worker. What it holds is answered in order, retried together when the worker dies, and
 * waited for before the thread is stopped (terminating a thread in a model call aborts the process).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { PoolEventMap } from '../src/inference/events.ts';
import { InferencePool, type PoolOptions } from '../src/inference/pool.ts';
import { writeTinyHfModel } from './fixtures/tiny-hf-model.ts';

const dir = mkdtempSync(join(tmpdir(), 'nergw-batches-per-worker-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const large = writeTinyHfModel(join(dir, 'large'), { maxSequenceLength: 512 });
/** Long enough that a batch of it takes a while: the next requests queue behind it. */
const long = (name: string): string => `${name} lives in Paris . `.repeat(120);

interface Timeline {
  readonly order: string[];
  readonly ends: PoolEventMap['batchEnd'][];
}

/** Records batch starts and ends in the order they happen. */
function timeline(pool: InferencePool): Timeline {
  const t: Timeline = { order: [], ends: [] };
  pool.on('batchStart', (b) => void t.order.push(`start ${b.id}`));
  pool.on('batchEnd', (b) => {
    t.order.push(`end ${b.id}`);
    t.ends.push(b);
  });
  return t;
}

/** One worker, batches of 2 documents. */
const startPool = (options: Partial<PoolOptions>): Promise<InferencePool> =>
  InferencePool.start({ models: { large }, workers: 1, maxBatchDocuments: 2, ...options });

async function withPool(options: Partial<PoolOptions>, fn: (pool: InferencePool) => Promise<void>) {
  const pool = await startPool(options);
  try {
    await fn(pool);
  } finally {
    await pool.close();
  }
}

describe('inference.batchesPerWorker', () => {
  it('hands a busy worker the next full batch before it answers, and answers each request in order', async () => {
    await withPool({ batchesPerWorker: 2 }, async (pool) => {
      const t = timeline(pool);
      const names = ['John Smith', 'Marie Curie', 'John Smith', 'Marie Curie', 'John Smith', 'Marie Curie'];
      const results = await Promise.all(names.map((n) => pool.analyze('large', [long(n)])));
      // Each request is queued as it comes: document 1 goes alone to the idle worker; 2 and 3 make a
      // full batch, handed to the busy worker; 4 and 5 wait until it holds one batch again; 6, a
      // partial batch, waits for it to be idle.
      assert.deepEqual(t.order, [
        'start 1',
        'start 2',
        'end 1',
        'start 3',
        'end 2',
        'end 3',
        'start 4',
        'end 4',
      ]);
      results.forEach((docs, i) => {
        const first = docs[0]![0]!;
        assert.equal(first.category, 'Person');
        assert.equal(long(names[i]!).slice(first.start, first.end), names[i]);
      });
      // Batch 2 ran from batch 1's answer: its time is the model call, not its wait in the worker.
      const [one, two] = t.ends;
      assert.equal(two!.documents, 2);
      assert.ok(two!.runningAt >= one!.endedAt, 'the second batch runs once the first is answered');
      assert.ok(two!.startedAt < one!.endedAt, 'it was handed over while the first ran');
      assert.ok(Math.abs(two!.seconds - (two!.endedAt - two!.runningAt) / 1000) < 1e-9);
    });
  });

  it('hands a busy worker nothing when less than a full batch is queued', async () => {
    await withPool({ batchesPerWorker: 2 }, async (pool) => {
      const t = timeline(pool);
      // Document 1 goes to the idle worker; document 2 alone is a partial batch: it waits.
      await Promise.all([0, 1].map(() => pool.analyze('large', [long('John Smith')])));
      assert.deepEqual(t.order, ['start 1', 'end 1', 'start 2', 'end 2']);
    });
  });

  it('at 1, hands over the next batch only after the answer', async () => {
    await withPool({ batchesPerWorker: 1 }, async (pool) => {
      const t = timeline(pool);
      await Promise.all([0, 1, 2, 3].map(() => pool.analyze('large', [long('John Smith')])));
      assert.deepEqual(t.order, ['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    });
  });

  it('retries every batch a killed worker held, after its model calls returned', async () => {
    await withPool({ batchesPerWorker: 2 }, async (pool) => {
      const t = timeline(pool);
      let exits = 0;
      pool.on('workerExit', () => void exits++);
      const work = [0, 1, 2, 3].map(() => pool.analyze('large', [long('Marie Curie')]));
      const held = t.order.filter((e) => e.startsWith('start')).length;
      assert.equal(held, 2, 'two batches on the worker');
      await pool.killWorker(0);
      const results = await Promise.all(work);
      for (const docs of results) assert.equal(docs[0]![0]!.category, 'Person');
      assert.equal(exits, 1);
      const lost = t.ends.filter((e) => e.outcome === 'lost').map((e) => e.id);
      assert.deepEqual(lost, [1, 2], 'both held batches were lost with the worker');
      assert.ok(t.ends.some((e) => e.outcome === 'ok' && e.requests.every((r) => r.attempt === 2)));
    });
  });

  it('lets both held batches finish when the pool closes', async () => {
    const pool = await startPool({ batchesPerWorker: 2 });
    const work = [0, 1, 2, 3].map(() => pool.analyze('large', [long('John Smith')]));
    await pool.close();
    for (const docs of await Promise.all(work)) assert.equal(docs[0]![0]!.category, 'Person');
  });

  it('stops a worker that holds two batches only once both calls returned, when the close grace is 0', async () => {
    const pool = await startPool({ batchesPerWorker: 2 });
    const work = [0, 1, 2, 3].map(() =>
      pool.analyze('large', [long('John Smith')]).then(
        () => 'ok',
        (e: Error) => e.name,
      ),
    );
    // The callers are answered at once (closed); the process survives the threads' stop.
    await pool.close(0);
    assert.deepEqual(await Promise.all(work), [
      'PoolClosedError',
      'PoolClosedError',
      'PoolClosedError',
      'PoolClosedError',
    ]);
  });
});
