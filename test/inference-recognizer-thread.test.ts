import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RICH_SENTENCES } from '../bench/documents.ts';
import { EntitiesSchema } from '../src/config/schema.ts';
import { createPipeline, createRecognizerBatch } from '../src/entities/pipeline.ts';
import { typeInfo } from '../src/entities/taxonomy.ts';
import type { RecognizedEntity } from '../src/entities/types.ts';
import { packCandidates, unpackCandidates } from '../src/inference/candidate-transfer.ts';
import { InferencePool } from '../src/inference/pool.ts';
import {
  RECOGNIZER_THREAD_MIN_DOCUMENTS,
  wantsRecognizerThread,
} from '../src/inference/recognizer-thread.ts';
import { analyzeDocuments } from '../src/model/analyze.ts';
import { loadModel } from '../src/model/load.ts';

const settings = EntitiesSchema.parse({});
const ctx = { now: new Date('2026-03-10T09:00:00Z') };
const TEXTS = [
  ...RICH_SENTENCES,
  'Microsoft was founded by Bill Gates and Paul Allen on April 4, 1975 in Albuquerque.',
  'Ben & Jerry\'s opened a shop on 12 rue de Rivoli, 75001 Paris, France — "Cherry Garcia" for €4.50.',
  'Nothing to see here.',
  '',
];

describe('candidates between threads', () => {
  it('come back exactly as the recognisers made them: metadata, model labels and tagger rules included', () => {
    const made = createRecognizerBatch(settings)(TEXTS, ctx);
    made[0]!.push({
      start: 0,
      end: 1,
      type: 'Person',
      confidence: 0.25,
      source: 'model',
      modelLabel: 'PER',
      tagger: 'yields',
    });
    assert.ok(made.flat().some((c) => c.metadata !== undefined));
    assert.deepEqual(unpackCandidates(packCandidates(made)), made);
    assert.deepEqual(unpackCandidates(packCandidates([[], []])), [[], []]);
  });
});

describe("the pipeline handed the rule recognisers' candidates", () => {
  it('gives what the whole pipeline gives when handed their candidates', async () => {
    const model = await loadModel('models/default', { intraOp: 1 }, { generalNer: true });
    try {
      const spans = await analyzeDocuments(model, TEXTS);
      const whole = createPipeline(settings).runBatch(TEXTS, spans, ctx);
      const recognized = unpackCandidates(packCandidates(createRecognizerBatch(settings)(TEXTS, ctx)));
      const pipeline = createPipeline(settings);
      const split = pipeline.runBatch(TEXTS, spans, ctx, recognized);
      assert.ok(whole.flat().length > 50, `${whole.flat().length} entities`);
      assert.deepEqual(split, whole);
    } finally {
      await model.classifier.dispose();
    }
  });

  it('uses them instead of running its own, and refuses them for fewer documents than the batch', () => {
    const pipeline = createPipeline(settings);
    assert.deepEqual(
      pipeline.runBatch(['May 21'], [[]], ctx).map((d) => d.map((e) => e.type)),
      [['Date', 'Number']],
    );
    assert.deepEqual(pipeline.runBatch(['May 21'], [[]], ctx, [[]]), [[]]);
    assert.throws(() => pipeline.runBatch(['a', 'b'], [[], []], ctx, [[]]), /candidates of every document/);
  });
});

/** An entity without what depends on the moment it was found (relative dates resolve against it). */
function timeless(e: RecognizedEntity): RecognizedEntity {
  if (typeInfo(e.type!).category !== 'DateTime') return e;
  const { metadata: _metadata, ...rest } = e;
  return rest;
}

describe('the pool: each worker with its own recogniser thread', () => {
  let pool: InferencePool;
  before(async () => {
    pool = await InferencePool.start({
      models: { default: 'models/default' },
      entities: { settings, models: ['default'] },
      workers: 1,
      intraOpThreads: 1,
      recognizerThread: 'on',
    });
  });
  after(async () => {
    await pool?.close();
  });

  it('answers what the whole pipeline gives in one thread, for large batches and small ones', async () => {
    const large = [...TEXTS, ...TEXTS];
    assert.ok(
      large.length >= RECOGNIZER_THREAD_MIN_DOCUMENTS,
      'a batch large enough for the recogniser thread',
    );
    const small = TEXTS.slice(0, 3);
    const [got, gotSmall] = [await pool.analyze('default', large), await pool.analyze('default', small)];
    const model = await loadModel('models/default', { intraOp: 1 }, { generalNer: true });
    try {
      const spans = await analyzeDocuments(model, TEXTS);
      const expected = createPipeline(settings).runBatch(TEXTS, spans, { now: new Date() });
      assert.deepEqual(
        got.map((d) => d.map(timeless)),
        [...expected, ...expected].map((d) => d.map(timeless)),
      );
      assert.deepEqual(
        gotSmall.map((d) => d.map(timeless)),
        expected.slice(0, 3).map((d) => d.map(timeless)),
      );
      const dated = got.flat().filter((e) => e.type === 'Date' && e.metadata);
      assert.ok(dated.length > 0, 'dates come back resolved');
    } finally {
      await model.classifier.dispose();
    }
  });
});

describe('the pool when a recogniser thread dies', () => {
  // Only the pattern recogniser (no name lists to load): each worker that replaces one starts quickly.
  const patterns = EntitiesSchema.parse({ recognizers: ['patterns'] });
  let pool: InferencePool;
  let exits = 0;
  before(async () => {
    pool = await InferencePool.start({
      models: { default: 'models/default' },
      entities: { settings: patterns, models: ['default'] },
      workers: 1,
      intraOpThreads: 1,
      recognizerThread: 'on',
      crashRecognizersOnText: 'poison',
    });
    pool.on('workerExit', () => exits++);
  });
  after(async () => {
    await pool?.close();
  });

  it('replaces the worker, retries its batch once, then fails only that request', async () => {
    // A batch the worker hands to its recogniser thread.
    const poisoned = [
      'poison',
      ...Array.from({ length: RECOGNIZER_THREAD_MIN_DOCUMENTS - 1 }, (_, i) => `Document ${i} from Paris.`),
    ];
    await assert.rejects(pool.analyze('default', poisoned), { name: 'InferenceFailedError' });
    assert.equal(exits, 2);
    const [found] = await pool.analyze(
      'default',
      ['She moved to Paris; write to ana@contoso.com.'],
      undefined,
      {
        selection: { overlapPolicy: 'matchLongest', metadata: true },
      },
    );
    assert.deepEqual(
      found!.map((e) => e.type),
      ['City', 'Email'],
    );
  });

  it("runs a small batch's recognisers in the worker itself: the thread never sees it", async () => {
    const [poison, mail] = await pool.analyze('default', ['poison', 'Write to ana@contoso.com.']);
    assert.deepEqual(poison, []);
    assert.deepEqual(
      mail!.map((e) => e.type),
      ['Email'],
    );
    assert.equal(exits, 2);
  });
});

describe('whether workers start a recogniser thread (inference.recognizerThread)', () => {
  it('auto: only with a core to spare, one per worker and one for the HTTP thread taken', () => {
    assert.equal(wantsRecognizerThread('auto', 1, 2), false);
    assert.equal(wantsRecognizerThread('auto', 1, 3), true);
    assert.equal(wantsRecognizerThread('auto', 7, 8), false);
    assert.equal(wantsRecognizerThread('auto', 2, 8), true);
    assert.equal(wantsRecognizerThread('on', 7, 8), true);
    assert.equal(wantsRecognizerThread('off', 1, 64), false);
  });

  it("off: the worker runs a large batch's recognisers itself, and the thread that would die never starts", async () => {
    const pool = await InferencePool.start({
      models: { default: 'models/default' },
      entities: { settings: EntitiesSchema.parse({ recognizers: ['patterns'] }), models: ['default'] },
      workers: 1,
      intraOpThreads: 1,
      recognizerThread: 'off',
      crashRecognizersOnText: 'poison',
    });
    let exits = 0;
    pool.on('workerExit', () => exits++);
    try {
      const large = [
        'poison',
        ...Array.from({ length: RECOGNIZER_THREAD_MIN_DOCUMENTS - 1 }, () => 'Write to ana@contoso.com.'),
      ];
      const found = await pool.analyze('default', large);
      assert.deepEqual(found[0], []);
      assert.deepEqual(
        found.slice(1).map((d) => d.map((e) => e.type)),
        large.slice(1).map(() => ['Email']),
      );
      assert.equal(exits, 0);
    } finally {
      await pool.close();
    }
  });
});
