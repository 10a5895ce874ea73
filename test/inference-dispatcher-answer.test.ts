import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Batch, Dispatcher, type Job } from '../src/inference/dispatcher.ts';
import { packEntities } from '../src/inference/entity-transfer.ts';
import { InferenceFailedError } from '../src/inference/errors.ts';
import { PoolEvents } from '../src/inference/events.ts';
import { WorkerSlot } from '../src/inference/worker-slot.ts';

/** A slot (its worker never started) running one batch of one job, and what the job got. */
function running(): { dispatcher: Dispatcher; slot: WorkerSlot<Batch>; outcome: Promise<unknown> } {
  const slot = new WorkerSlot<Batch>(0, { answer: () => {}, exit: () => {} }, { error: () => {} });
  const dispatcher = new Dispatcher(
    [slot],
    { maxBatchDocuments: 32, maxBatchWaitMs: 0, batchesPerWorker: 2 },
    new PoolEvents(() => {}),
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
  slot.batches.push({ id: 7, model: 'default', documents: 1, worker: 0, requests: [job], startedAt: 0 });
  return { dispatcher, slot, outcome };
}

test("a worker's answer is unpacked and handed to its requests", async () => {
  const { dispatcher, slot, outcome } = running();
  const entities = [[{ start: 0, end: 1, category: 'Person', confidence: 0.9 }]];
  dispatcher.answer(slot, { type: 'result', batchId: 7, entities: packEntities(entities) });
  assert.deepStrictEqual(await outcome, entities);
  assert.equal(slot.batches.length, 0);
});

test('an answer that cannot be unpacked fails its requests instead of throwing out of the message handler', async () => {
  const { dispatcher, slot, outcome } = running();
  const broken = {
    ...packEntities([[{ start: 0, end: 1, category: 'Person', confidence: 0.9 }]]),
    metadata: '{',
  };
  assert.doesNotThrow(() => dispatcher.answer(slot, { type: 'result', batchId: 7, entities: broken }));
  const got = await outcome;
  assert.ok(got instanceof InferenceFailedError, String(got));
  assert.match(got.message, /unreadable answer/);
});
