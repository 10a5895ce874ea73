/**
 * The trainer's second phase (`init`, what `npm run train -- --finetune` runs): it starts from the
 * given weights, scores them as epoch 0, keeps them when no epoch does better, and learns on top of
 * them without forgetting what the first phase taught.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EncodedSentence } from '../src/training/dataset.ts';
import { labelIds, labelsFor } from '../src/training/labels.ts';
import { evaluate, train, type TrainOptions } from '../src/training/trainer.ts';

const LABELS = labelsFor('BIO');
const WIDTH = 1;

/** A sentence of words given as feature rows (one per word) and their IOB2 tags. */
function sentence(rows: readonly number[], tags: readonly string[]): EncodedSentence {
  return {
    length: rows.length,
    ids: Int32Array.from(rows),
    atoms: new Int32Array(rows.length),
    gold: labelIds(tags, LABELS),
    tags,
  };
}

// Rows: 1 "said", 2 "Smith" (a person), 3 "Oslo" (a place), 4 "in".
const people = Array.from({ length: 20 }, () => sentence([2, 1, 4], ['B-PER', 'O', 'O']));
const places = Array.from({ length: 20 }, () => sentence([1, 4, 3], ['O', 'O', 'B-LOC']));

const options = (overrides: Partial<TrainOptions> = {}): TrainOptions => ({
  labels: LABELS,
  rows: 5,
  width: WIDTH,
  atomRows: 1,
  atomWidth: 0,
  seed: 1,
  maxEpochs: 3,
  patience: 3,
  learningRate: 0.1,
  featureDropout: 0,
  atomDropout: 0,
  ...overrides,
});

const f1 = (weights: Parameters<typeof evaluate>[0], data: readonly EncodedSentence[]): number =>
  evaluate(weights, LABELS, data, WIDTH, 0).overall.f1;

describe('fine-tuning from given weights', () => {
  const first = train(people, people, options());

  it('learns the new data on top of the first phase, which it does not forget', () => {
    assert.equal(f1(first.weights, people), 100);
    assert.equal(f1(first.weights, places), 0);
    const before = Float32Array.from(first.weights.linear);
    const second = train(
      places,
      places,
      options({
        init: first.weights,
        devSets: [
          { name: 'places', data: places },
          { name: 'people', data: people, weight: 0 },
        ],
      }),
    );
    assert.equal(second.history[0]!.epoch, 0, 'the given weights are scored first');
    assert.equal(second.history[0]!.devF1s?.places, 0);
    assert.ok(second.bestEpoch > 0);
    assert.equal(f1(second.weights, places), 100);
    assert.equal(f1(second.weights, people), 100);
    assert.deepEqual(first.weights.linear, before, 'the given weights are not changed in place');
  });

  it('keeps the given weights when no epoch scores better', () => {
    const second = train(people, people, options({ init: first.weights, learningRate: 1e-9 }));
    assert.equal(second.bestEpoch, 0);
    assert.equal(second.weights, first.weights);
  });

  it('refuses weights of another shape', () => {
    assert.throws(() => train(people, people, options({ init: first.weights, rows: 6 })), /same shape/);
  });
});

describe('keeping the last epoch (`npm run train -- --with-dev yes`)', () => {
  // A dev set the data cannot improve: selection keeps epoch 1 and stops; keepLast runs them all.
  it('runs every epoch and keeps the last, whatever the dev score', () => {
    const selected = train(people, places, options({ maxEpochs: 4, patience: 1 }));
    assert.equal(selected.bestEpoch, 1);
    assert.equal(selected.history.length, 2, 'stopped after one epoch without gain');
    const last = train(people, places, options({ maxEpochs: 4, patience: 1, keepLast: true }));
    assert.equal(last.bestEpoch, 4);
    assert.equal(last.history.length, 4);
    assert.notDeepEqual(last.weights.linear, selected.weights.linear);
  });
});
