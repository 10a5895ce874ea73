import { Rng } from '../rng.ts';
import type { PreparedDocument } from './validate.ts';
import { ProjectValidationError, type EvaluationOptions } from './types.ts';

export interface Split {
  readonly train: PreparedDocument[];
  readonly test: PreparedDocument[];
  /** The options as Azure reports them (percentages filled in). */
  readonly options: {
    kind: 'percentage' | 'manual';
    trainingSplitPercentage?: number;
    testingSplitPercentage?: number;
  };
}

/** Documents with at least one labelled region; the others are reported, not used (Azure trains on labelled data only). */
export function labelled(docs: readonly PreparedDocument[]): PreparedDocument[] {
  return docs.filter((d) => d.regions.length > 0);
}

function percentages(e: Extract<EvaluationOptions, { kind: 'percentage' }>): [number, number] {
  const train =
    e.trainingSplitPercentage ??
    (e.testingSplitPercentage !== undefined ? 100 - e.testingSplitPercentage : 80);
  const test = e.testingSplitPercentage ?? 100 - train;
  const ok = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 99;
  if (!ok(train) || !ok(test) || train + test !== 100)
    throw new ProjectValidationError(
      'InvalidEvaluationOptions',
      `trainingSplitPercentage ${train} and testingSplitPercentage ${test}: each must be an integer from 1 to 99, together 100`,
    );
  return [train, test];
}

/**
 * Train/test split, like Language Studio:
 * - manual: documents marked `dataset: Test` are the test set, all others train;
 * - percentage (default 80/20): documents marked Test stay in the test set, and the others are split by the
 *   percentages, shuffled with a fixed seed after sorting by location (the same project gives the same split).
 */
export function splitDocuments(
  docs: readonly PreparedDocument[],
  evaluation: EvaluationOptions,
  seed: number,
): Split {
  const marked = docs.filter((d) => d.dataset === 'Test');
  const rest = docs.filter((d) => d.dataset !== 'Test');
  let split: Split;
  if (evaluation.kind === 'manual') {
    if (marked.length === 0)
      throw new ProjectValidationError(
        'NoTestDocuments',
        'evaluation kind "manual" needs documents with "dataset": "Test"; none has it (use kind "percentage" for an automatic split)',
      );
    split = { train: rest, test: marked, options: { kind: 'manual' } };
  } else {
    const [trainPct, testPct] = percentages(evaluation);
    const order = [...rest].sort((a, b) => (a.location < b.location ? -1 : a.location > b.location ? 1 : 0));
    new Rng(seed).shuffle(order);
    const wanted = rest.length < 2 ? 0 : Math.max(1, Math.round((rest.length * testPct) / 100));
    const chosen = new Set(order.slice(0, wanted));
    split = {
      train: rest.filter((d) => !chosen.has(d)),
      test: [...marked, ...rest.filter((d) => chosen.has(d))],
      options: { kind: 'percentage', trainingSplitPercentage: trainPct, testingSplitPercentage: testPct },
    };
  }
  if (split.train.length === 0)
    throw new ProjectValidationError('NoTrainingDocuments', 'no labelled document is left for training');
  if (split.test.length === 0)
    throw new ProjectValidationError(
      'NoTestDocuments',
      'no labelled document is left for testing: add documents',
    );
  // Project order within each set, so results list documents as the project does.
  const rank = new Map(docs.map((d, i) => [d, i]));
  const byRank = (a: PreparedDocument, b: PreparedDocument): number => rank.get(a)! - rank.get(b)!;
  return { ...split, train: split.train.sort(byRank), test: split.test.sort(byRank) };
}
