import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocuments } from '../../model/analyze.ts';
import { FeatureIndex } from '../../model/builtin/feature-index.ts';
import { Gazetteer } from '../../model/builtin/gazetteer.ts';
import { loadModel } from '../../model/load.ts';
import { writeModelDir } from '../export.ts';
import { labelsFor } from '../labels.ts';
import { commonWordsOf } from '../resources.ts';
import { train, type EpochReport } from '../trainer.ts';
import { documentResult, summarize } from './evaluation.ts';
import {
  buildFeatureIndex,
  encodeSequence,
  taggedSentence,
  trainingGazetteers,
  type Sequence,
} from './features.ts';
import { MAX_SEGMENT_UNITS, segmentsOf } from './segments.ts';
import { labelled, splitDocuments } from './split.ts';
import type {
  CustomTrainingRequest,
  CustomTrainingResult,
  EvaluationSummary,
  TrainingDataReport,
  TrainingProgress,
} from './types.ts';
import { prepareProject, type PreparedDocument } from './validate.ts';

/** Training settings; fixed so that the same project always gives the same model. */
export const CUSTOM_TRAINING = {
  seed: 1,
  maxEpochs: 30,
  /** Epochs without a better fit on the training sample before stopping. */
  patience: 3,
  learningRate: 0.05,
  featureDropout: 0.5,
  folds: 10,
  /** Training sequences scored after each epoch to pick the best epoch (the test set stays blind). */
  fitSample: 400,
  /** Features seen once are kept for small projects (every word counts), dropped for large ones. */
  minCountAbove: { units: 20_000, minCount: 2 },
} as const;

const count = (docs: readonly PreparedDocument[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const d of docs)
    for (const r of d.regions) for (const l of r.labels) out[l.category] = (out[l.category] ?? 0) + 1;
  return out;
};

/** Primary language subtags of the project ("en-us" -> "en"), for the manifest's `languages`. */
function languagesOf(project: CustomTrainingRequest['project'], docs: readonly PreparedDocument[]): string[] {
  const tags = [project.metadata.language, ...docs.map((d) => d.language)];
  return [...new Set(tags.map((t) => t.toLowerCase().split(/[-_]/)[0]!).filter((t) => t.length >= 2))].sort();
}

/**
 * Validates, splits, trains a linear-chain CRF over the project's own categories (word and character
 * features, a gazetteer of the project's own training labels), writes the model folder to `dir`, then tags
 * the test documents with the written model through the server's own loader and scores them like Azure.
 * Synchronous CPU work: run it in a worker thread (index.ts does).
 */
export async function runTraining(
  req: CustomTrainingRequest,
  dir: string,
  onProgress: (p: TrainingProgress) => void,
): Promise<CustomTrainingResult> {
  const began = Date.now();
  const seed = req.seed ?? CUSTOM_TRAINING.seed;
  onProgress({ percentComplete: 0, message: 'validating the project' });
  const prepared = prepareProject(req.project, req.documents);
  const usable = labelled(prepared.documents);
  const split = splitDocuments(usable, req.evaluation, seed);
  const categories = prepared.categories;
  const labels = labelsFor('BIO', categories);

  onProgress({ percentComplete: 2, message: `featurizing ${split.train.length} training documents` });
  const segments = split.train.map((d) => segmentsOf(d));
  const sentences = split.train.map((d, i) => segments[i]!.map((r) => taggedSentence(d, r)));
  const { perDocument, full } = trainingGazetteers(sentences, CUSTOM_TRAINING.folds);
  const commonWords = commonWordsOf(sentences.flat());
  const lexicon = new Gazetteer();
  const sequences: Sequence[] = split.train.flatMap((doc, i) =>
    segments[i]!.map((range) => ({ doc, range, res: { gazetteer: perDocument[i]!, lexicon, commonWords } })),
  );
  const units = sequences.reduce((n, s) => n + s.range.end - s.range.start, 0);
  const minCount = units > CUSTOM_TRAINING.minCountAbove.units ? CUSTOM_TRAINING.minCountAbove.minCount : 1;
  const { index, width } = buildFeatureIndex(sequences, minCount);
  const encoded = sequences.map((s) => encodeSequence(s, index, width, labels));
  const step = Math.max(1, Math.ceil(encoded.length / CUSTOM_TRAINING.fitSample));
  const fit = encoded.filter((_, i) => i % step === 0);

  const maxEpochs = CUSTOM_TRAINING.maxEpochs;
  let epochsDone = 0;
  const at = (epochFraction: number): number => Math.min(90, 10 + (80 * epochFraction) / maxEpochs);
  onProgress({ percentComplete: 10, message: `training on ${units} words, ${index.size - 1} features` });
  const result = train(
    encoded,
    fit,
    {
      labels,
      rows: index.size,
      width,
      atomRows: 1,
      atomWidth: 0,
      seed,
      maxEpochs,
      patience: CUSTOM_TRAINING.patience,
      learningRate: CUSTOM_TRAINING.learningRate,
      featureDropout: CUSTOM_TRAINING.featureDropout,
      atomDropout: 0,
    },
    (r: EpochReport) => {
      epochsDone = r.epoch;
      onProgress({
        percentComplete: at(r.epoch),
        message: `epoch ${r.epoch}: loss ${r.loss.toFixed(4)}, training fit F1 ${r.devF1.toFixed(1)}%`,
      });
    },
    (done, loss) =>
      onProgress({
        percentComplete: at(epochsDone + done / encoded.length),
        message: `epoch ${epochsDone + 1}: loss ${loss.toFixed(4)}`,
      }),
  );

  onProgress({ percentComplete: 90, message: 'writing the model' });
  mkdirSync(dir, { recursive: true });
  const name = prepared.project.metadata.projectName;
  writeModelDir({
    dir,
    weights: result.weights,
    labels,
    scheme: 'BIO',
    width,
    index,
    atomWidth: 0,
    atomIndex: new FeatureIndex(new Uint32Array(0)),
    gazetteer: full,
    lexicon,
    commonWords,
    version: `1.0.0+seed${seed}`,
    description: `Custom NER model of project ${name}: ${categories.join(', ')} (word features, linear-chain CRF)`,
    name,
    languages: languagesOf(prepared.project, usable),
    multilingual: prepared.project.metadata.multilingual === true,
    categories: Object.fromEntries(categories.map((c) => [c, { category: c }])),
  });

  onProgress({ percentComplete: 93, message: `evaluating on ${split.test.length} test documents` });
  const model = await loadModel(dir, { intraOp: 1 });
  let predicted;
  try {
    predicted = await analyzeDocuments(
      model,
      split.test.map((d) => d.text),
    );
  } finally {
    await model.classifier.dispose();
  }
  const documentResults = split.test.map((d, i) => documentResult(d, predicted[i]!));
  const texts = new Map(split.test.map((d) => [d.location, d.text]));
  const evaluationSummary: EvaluationSummary = {
    projectKind: 'CustomEntityRecognition',
    customEntityRecognitionEvaluation: summarize(documentResults, texts),
    evaluationOptions: split.options,
  };
  const trainLabels = count(split.train);
  const snapped = usable.flatMap((d) => d.snapped);
  const report: TrainingDataReport = {
    snappedLabels: snapped.length,
    snappedExamples: snapped.slice(0, 20),
    unlabelledDocuments: prepared.documents.filter((d) => d.regions.length === 0).map((d) => d.location),
    categoriesWithoutTrainingLabels: categories.filter((c) => !trainLabels[c]),
    trainLabels,
    testLabels: count(split.test),
  };
  writeFileSync(
    join(dir, 'evaluation.json'),
    JSON.stringify({ evaluationSummary, documentResults, report }, null, 2) + '\n',
  );
  const seconds = (Date.now() - began) / 1000;
  writeFileSync(
    join(dir, 'training.json'),
    JSON.stringify(
      {
        projectName: name,
        seed,
        settings: { ...CUSTOM_TRAINING, maxSegmentUnits: MAX_SEGMENT_UNITS, minCount },
        trainedDocuments: split.train.length,
        testDocuments: split.test.length,
        trainingWords: units,
        sparseFeatures: index.size - 1,
        featureWidth: width,
        bestEpoch: result.bestEpoch,
        history: result.history,
        seconds,
      },
      null,
      2,
    ) + '\n',
  );
  onProgress({ percentComplete: 100, message: 'done' });
  return {
    evaluationSummary,
    documentResults,
    trainedDocuments: split.train.length,
    testDocuments: split.test.length,
    seconds,
    testLocations: split.test.map((d) => d.location),
    report,
  };
}
