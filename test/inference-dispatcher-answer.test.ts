import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Batch, Dispatcher, type Job } from '../src/inference/dispatcher.ts';
import { packEntities } from '../src/inference/entity-transfer.ts';
import { InferenceFailedError } from '../src/inference/errors.ts';
import { PoolEvents, type PoolEventMap } from '../src/inference/events.ts';
import { WorkerSlot } from '../src/inference/worker-slot.ts';

/** This thread's clock as a worker reports it: epoch ms, sub-millisecond. */
const now = (): number => performance.timeOrigin + performance.now();

/** A slot (its worker never started) running one batch of one job, and what the job got. */
function running(startedAt = 0): {
  dispatcher: Dispatcher;
  slot: WorkerSlot<Batch>;
  outcome: Promise<unknown>;
  events: PoolEvents;
} {
  const slot = new WorkerSlot<Batch>(0, { answer: () => {}, exit: () => {} }, { error: () => {} });
  const events = new PoolEvents(() => {});
  const dispatcher = new Dispatcher(
    [slot],
    { maxBatchDocuments: 32, maxBatchWaitMs: 0, batchesPerWorker: 2 },
    events,
  );
  let job!: Job;
  const outcome = new Promise((resolve) => {
    job = {
      request: { id: 1, correlation: undefined, admittedAt: 0, model: 'default', texts: ['a'] },
      queuedAt: 0,
      attempt: 1,
      size: 1,
      model: 'default',
      started: undefined,
      resolve,
      reject: resolve,
    } as unknown as Job;
  });
  slot.batches.push({ id: 7, model: 'default', documents: 1, worker: 0, requests: [job], startedAt });
  return { dispatcher, slot, outcome, events };
}

test("a batch's time is the worker's, from when it began the batch, read on this thread's clock", async () => {
  const handedOver = performance.now() - 50;
  const cases = [
    // Read on this thread's clock: exactly the worker's reading less this thread's time origin.
    {
      began: now() - 20,
      runStartedAt: (at: number, began: number) => assert.equal(at, began - performance.timeOrigin),
    },
    // A worker clock before the hand-over or after the answer is clamped to them.
    { began: now() - 1_000, runStartedAt: (at: number) => assert.equal(at, handedOver) },
    {
      began: now() + 1_000,
      runStartedAt: (at: number) => assert.ok(at <= performance.now() && at > handedOver),
    },
  ];
  for (const c of cases) {
    const { dispatcher, slot, outcome, events } = running(handedOver);
    let end: PoolEventMap['batchEnd'] | undefined;
    events.on('batchEnd', (e) => (end = e));
    dispatcher.answer(slot, {
      type: 'result',
      batchId: 7,
      entities: packEntities([[]]),
      startedAtMs: c.began,
    });
    await outcome;
    assert.ok(end);
    assert.equal(end.startedAt, handedOver);
    c.runStartedAt(end.runStartedAt, c.began);
    assert.equal(end.seconds, (end.endedAt - end.runStartedAt) / 1000);
  }
});

test("a worker's answer is unpacked and handed to its requests", async () => {
  const { dispatcher, slot, outcome } = running();
  const entities = [[{ start: 0, end: 1, category: 'Person', confidence: 0.9 }]];
  dispatcher.answer(slot, {
    type: 'result',
    batchId: 7,
    entities: packEntities(entities),
    startedAtMs: now(),
  });
  assert.deepStrictEqual(await outcome, entities);
  assert.equal(slot.batches.length, 0);
});

test('an answer that cannot be unpacked fails its requests instead of throwing out of the message handler', async () => {
  const { dispatcher, slot, outcome } = running();
  const packed = packEntities([
    [
      {
        start: 0,
        end: 1,
        category: 'Quantity',
        confidence: 0.9,
        metadata: { metadataKind: 'NumberMetadata', numberKind: 'Integer', value: 1 },
      },
    ],
  ]);
  const broken = { ...packed, metadata: '{' + packed.metadata.slice(2) };
  assert.doesNotThrow(() =>
    dispatcher.answer(slot, { type: 'result', batchId: 7, entities: broken, startedAtMs: now() }),
  );
  const got = await outcome;
  assert.ok(got instanceof InferenceFailedError, String(got));
  assert.match(got.message, /unreadable answer/);
});
