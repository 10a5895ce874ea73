/**
 * The pool's parts on their own (issue 21 item 2): the batcher, admission (usage reservations and
 * the capacity signal) and the typed events, then the events and the capacity signal of a real pool.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../src/config/load.ts';
import { Admission } from '../src/inference/admission.ts';
import { Batcher, enoughToFollow, holdPartialBatch } from '../src/inference/batcher.ts';
import { type PoolEventMap, PoolEvents } from '../src/inference/events.ts';
import { InferencePool } from '../src/inference/pool.ts';
import type { UsageRequest, UsageReservations } from '../src/inference/reservations.ts';
import { writeTinyHfModel } from './fixtures/tiny-hf-model.ts';

const item = (model: string, size: number, name = `${model}${size}`) => ({ model, size, name });

describe('Batcher', () => {
  it('takes the oldest model, oldest first, up to the batch size, and keeps the rest in order', () => {
    const batcher = new Batcher<ReturnType<typeof item>>(4);
    for (const it of [item('a', 1, 'a1'), item('b', 1, 'b1'), item('a', 2, 'a2'), item('a', 2, 'a3')]) {
      batcher.push(it);
    }
    batcher.push(item('a', 1, 'a4'));
    assert.equal(batcher.documents, 7);
    assert.deepEqual(
      batcher.take()!.map((i) => i.name),
      ['a1', 'a2', 'a4'],
    );
    assert.equal(batcher.documents, 3);
    assert.deepEqual(
      batcher.take()!.map((i) => i.name),
      ['b1'],
    );
    assert.deepEqual(
      batcher.take()!.map((i) => i.name),
      ['a3'],
    );
    assert.equal(batcher.take(), undefined);
    assert.ok(batcher.empty);
  });

  it('sends an item larger than a batch alone, and puts retried work first', () => {
    const batcher = new Batcher<ReturnType<typeof item>>(4);
    batcher.push(item('a', 9, 'big'));
    batcher.push(item('a', 1, 'small'));
    batcher.pushFront([item('a', 2, 'retry')]);
    assert.deepEqual(
      batcher.take()!.map((i) => i.name),
      ['retry', 'small'],
    );
    assert.deepEqual(
      batcher.take()!.map((i) => i.name),
      ['big'],
    );
    batcher.push(item('a', 1));
    assert.equal(batcher.drain().length, 1);
    assert.equal(batcher.documents, 0);
  });

  it('holds a partial batch only with a wait configured while another worker is busy', () => {
    const wait = { maxBatchDocuments: 8, maxBatchWaitMs: 5 };
    assert.equal(holdPartialBatch(3, wait, true), true);
    assert.equal(holdPartialBatch(3, wait, false), false);
    assert.equal(holdPartialBatch(8, wait, true), false);
    assert.equal(holdPartialBatch(3, { ...wait, maxBatchWaitMs: 0 }, true), false);
  });
});

describe('a batch to wait behind a running one', () => {
  it('goes once half as many documents as the running batch holds have queued, or a full batch', () => {
    assert.equal(enoughToFollow(1, 16, 32), false);
    assert.equal(enoughToFollow(7, 16, 32), false);
    assert.equal(enoughToFollow(8, 16, 32), true);
    assert.equal(enoughToFollow(1, 1, 32), true);
    assert.equal(enoughToFollow(1, 2, 32), true);
    assert.equal(enoughToFollow(1, 3, 32), false);
    // A full batch always goes; with batches of one document, every document.
    assert.equal(enoughToFollow(8, 64, 8), true);
    assert.equal(enoughToFollow(1, 16, 1), true);
  });
});

describe('Admission', () => {
  const settings = { maxQueuedDocuments: 10, retryAfterSeconds: 2 };

  it('refuses a closed pool, an unknown model and a full queue, in that order', () => {
    const admission = new Admission(settings, undefined);
    assert.equal(admission.refusal('m', true, 10, 0), undefined);
    assert.equal(admission.refusal('m', false, 1, 0)?.name, 'UnknownModelError');
    const full = admission.refusal('m', true, 2, 9) as Error & { retryAfterSeconds: number };
    assert.equal(full.name, 'PoolOverloadedError');
    assert.equal(full.retryAfterSeconds, 2);
    admission.close();
    assert.equal(admission.refusal('m', false, 1, 0)?.name, 'PoolClosedError');
  });

  it('signals room oldest first, as much as there is, and at close or abort', async () => {
    const admission = new Admission(settings, undefined);
    const woken: string[] = [];
    await admission.whenRoom(4, 6); // fits now
    const a = admission.whenRoom(5, 9).then(() => woken.push('a'));
    const b = admission.whenRoom(3, 9).then(() => woken.push('b'));
    const c = admission.whenRoom(50, 9).then(() => woken.push('c')); // at most the whole queue
    const aborts = new AbortController();
    const d = admission.whenRoom(1, 10, aborts.signal).then(() => woken.push('d'));
    admission.queueChanged(7); // room for 3: not for a (5), so nobody behind it either
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(woken, []);
    admission.queueChanged(2); // room for 8: a (5) and b (3), not c (10)
    await Promise.all([a, b]);
    aborts.abort();
    await d;
    assert.deepEqual(woken, ['a', 'b', 'd']);
    admission.close();
    await c;
    assert.deepEqual(woken, ['a', 'b', 'd', 'c']);
  });

  /** A meter that records its calls; its reservations become durable when `durable` says so. */
  function recordingMeter(durable: () => Promise<void>): { calls: string[]; meter: UsageReservations } {
    const calls: string[] = [];
    const name = (r: UsageRequest): string => r.texts[0]!;
    return {
      calls,
      meter: {
        reserve: (r) => (calls.push(`reserve ${name(r)}`), durable()),
        flush: (r) => void calls.push(`flush ${name(r)}`),
        commit: (r) => void calls.push(`commit ${name(r)}`),
        release: (r) => (calls.push(`release ${name(r)}`), Promise.resolve()),
      },
    };
  }

  it('reserves at admission, flushes when the batch starts, commits once analysed', async () => {
    let makeDurable = (): void => undefined;
    const { calls, meter } = recordingMeter(() => new Promise<void>((resolve) => (makeDurable = resolve)));
    const admission = new Admission(settings, meter);
    const request = admission.request('m', ['x'], undefined, 'trace-1');
    assert.equal(request.correlation, 'trace-1');
    const done = admission.reserved(request, async (started) => {
      started?.();
      makeDurable();
      return 'entities';
    });
    assert.equal(await done, 'entities');
    assert.deepEqual(calls, ['reserve x', 'flush x', 'commit x']);
  });

  it('releases a failed request only once its reservation was durable', async () => {
    const durable = recordingMeter(() => Promise.resolve());
    const admission = new Admission(settings, durable.meter);
    const failing = admission.reserved(admission.request('m', ['y'], undefined, undefined), () =>
      Promise.reject(new Error('model failed')),
    );
    await assert.rejects(failing, /model failed/);
    assert.deepEqual(durable.calls, ['reserve y', 'release y']);

    const lost = recordingMeter(() => Promise.reject(new Error('ledger down')));
    const refused = new Admission(settings, lost.meter).reserved(
      admission.request('m', ['z'], undefined, undefined),
      async () => 'entities',
    );
    await assert.rejects(refused, /ledger down/);
    assert.deepEqual(lost.calls, ['reserve z'], 'never durable: neither committed nor released');
  });
});

describe('PoolEvents', () => {
  it('runs every listener even when one throws, and removes a listener', () => {
    const failures: string[] = [];
    const events = new PoolEvents((err, event) => failures.push(`${event}: ${(err as Error).message}`));
    const heard: number[] = [];
    events.on('queueDepth', () => {
      throw new Error('broken listener');
    });
    const off = events.on('queueDepth', ({ documents }) => heard.push(documents));
    events.emit('queueDepth', { documents: 3 });
    off();
    events.emit('queueDepth', { documents: 4 });
    assert.deepEqual(heard, [3]);
    assert.deepEqual(failures, ['queueDepth: broken listener', 'queueDepth: broken listener']);
    assert.equal(events.heard('batchEnd'), false);
  });
});

describe('InferencePool events and capacity signal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nergw-pool-parts-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const large = writeTinyHfModel(join(dir, 'large'), { maxSequenceLength: 512 });

  it('tells each request from queue to batch to end, with the caller correlation, model and batch size', async () => {
    const pool = await InferencePool.start({ models: { large }, workers: 1 });
    const seen = {
      requestQueued: [] as PoolEventMap['requestQueued'][],
      batchStart: [] as PoolEventMap['batchStart'][],
      batchEnd: [] as PoolEventMap['batchEnd'][],
      requestEnd: [] as PoolEventMap['requestEnd'][],
    };
    pool.on('requestQueued', (e) => void seen.requestQueued.push(e));
    pool.on('batchStart', (e) => void seen.batchStart.push(e));
    pool.on('batchEnd', (e) => void seen.batchEnd.push(e));
    pool.on('requestEnd', (e) => void seen.requestEnd.push(e));
    try {
      const wallBefore = Date.now();
      await Promise.all(
        ['a', 'b', 'c'].map((c) =>
          pool.analyze('large', ['John Smith', 'Paris'], undefined, { correlation: c }),
        ),
      );
      const queued = seen.requestQueued;
      assert.deepEqual(
        queued.map((q) => q.request.correlation),
        ['a', 'b', 'c'],
      );
      assert.equal(new Set(queued.map((q) => q.request.id)).size, 3, 'each request has its own id');
      for (const q of queued) {
        assert.equal(q.attempt, 1);
        assert.ok(q.request.admittedAtMs >= wallBefore && q.request.admittedAtMs <= Date.now());
      }
      const starts = seen.batchStart;
      assert.deepEqual(starts.flatMap((b) => b.requests.map((r) => r.request.correlation)).sort(), [
        'a',
        'b',
        'c',
      ]);
      for (const b of starts) {
        assert.equal(b.model, 'large');
        assert.equal(b.documents, 2 * b.requests.length);
        for (const r of b.requests)
          assert.ok(r.queuedAt <= b.startedAt, 'time queued ends at the batch start');
      }
      const ends = seen.batchEnd;
      assert.deepEqual(
        ends.map((e) => [e.id, e.outcome]),
        starts.map((s) => [s.id, 'ok']),
      );
      for (const e of ends) assert.ok(e.endedAt >= e.startedAt && e.seconds >= 0);
      assert.deepEqual(seen.requestEnd.map((e) => [e.request.correlation, e.ok]).sort(), [
        ['a', true],
        ['b', true],
        ['c', true],
      ]);
    } finally {
      await pool.close();
    }
  });

  it('sends a batch to wait behind a running one once enough documents have queued for it', async () => {
    const pool = await InferencePool.start({ models: { large }, workers: 1, maxBatchDocuments: 32 });
    const sizes: number[] = [];
    pool.on('batchStart', (b) => void sizes.push(b.documents));
    try {
      const texts = (n: number) => Array.from({ length: n }, (_, i) => `John Smith ${i} lives in Paris.`);
      // 16 documents run; three requests of one each come while they do: they wait for each other
      // (not one sent behind the 16 at once and two after it), and go together.
      await Promise.all([
        pool.analyze('large', texts(16)),
        ...[1, 2, 3].map(() => pool.analyze('large', texts(1))),
      ]);
      assert.deepEqual(sizes, [16, 3]);
      // Half of the running batch's documents do go behind it.
      sizes.length = 0;
      await Promise.all([
        pool.analyze('large', texts(16)),
        pool.analyze('large', texts(8)),
        pool.analyze('large', texts(1)),
      ]);
      assert.deepEqual(sizes, [16, 8, 1]);
    } finally {
      await pool.close();
    }
  });

  it('signals capacity once the queue has room, instead of being polled', async () => {
    const pool = await InferencePool.start({
      models: { large },
      workers: 1,
      maxQueuedDocuments: 4,
      maxBatchDocuments: 1,
    });
    try {
      const long = 'John Smith lives in Paris . '.repeat(300);
      const work = Array.from({ length: 6 }, () => pool.analyze('large', [long]));
      // One document runs, one waits in the worker behind it, four wait in the queue: it is full.
      await assert.rejects(pool.analyze('large', ['x']), { name: 'PoolOverloadedError' });
      const depthWhenWoken: number[] = [];
      await pool.whenCapacity(2).then(() => depthWhenWoken.push(pool.queueDepth));
      assert.ok(depthWhenWoken[0]! <= 2, `woken with ${depthWhenWoken[0]} queued`);
      assert.equal((await pool.analyze('large', ['Paris', 'Paris'])).length, 2);
      await Promise.all(work);
    } finally {
      await pool.close();
    }
  });

  it('wakes a capacity waiter when the pool closes', async () => {
    const pool = await InferencePool.start({ models: { large }, workers: 1, maxQueuedDocuments: 2 });
    const long = 'John Smith lives in Paris . '.repeat(300);
    const work = Array.from({ length: 3 }, () => pool.analyze('large', [long]).catch((e: Error) => e.name));
    const waiting = pool.whenCapacity(2);
    await pool.close(0);
    await waiting;
    await assert.rejects(pool.analyze('large', ['x']), { name: 'PoolClosedError' });
    await Promise.all(work);
  });
});

describe('inference.batchesPerWorker', () => {
  const load = (argv: string[], env: NodeJS.ProcessEnv = {}) => loadConfig({ files: [], env, argv });

  it('defaults to 2, is set from the command line or the environment, and refuses 0 or more than 4', () => {
    assert.equal(load([]).inference.batchesPerWorker, 2);
    assert.equal(load(['Inference:BatchesPerWorker=1']).inference.batchesPerWorker, 1);
    assert.equal(load([], { Inference__BatchesPerWorker: '4' }).inference.batchesPerWorker, 4);
    for (const bad of ['0', '5', 'two'])
      assert.throws(() => load([`Inference:BatchesPerWorker=${bad}`]), /inference\.batchesPerWorker/);
  });
});
