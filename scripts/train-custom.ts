/**
 * Trains a Custom NER model from a Language Studio project export.
 * Usage: npm run train:custom -- --project <labels.json> --documents <dir> --out <model dir> [options]
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import {
  ProjectValidationError,
  trainCustomModel,
  type EvaluationOptions,
  type LanguageStudioProject,
} from '../src/training/custom/index.ts';

const USAGE = `Usage: npm run train:custom -- --project <labels.json> --documents <dir> --out <model dir> [options]

Trains a Custom NER model for the project's own entity types from a Language Studio export (labels JSON)
and its documents (<dir>/<location>, UTF-8, offsets in UTF-16 code units with CRLF counted), writes a
servable model folder with evaluation.json, and prints the test set's precision, recall and F1.

Options:
  --project <file>        the project export (projectFileVersion, metadata, assets)
  --documents <dir>       folder holding the documents' .txt files
  --out <dir>             model folder to write (replaced if it is a model folder already)
  --evaluation <kind>     manual (documents marked "dataset": "Test" are the test set) or percentage;
                          default: manual if any document is marked Test, else percentage
  --train-percent <n>     percentage split: share of the other documents used for training (default 80)
  --seed <n>              seed of the split and the training (default 1)
  -h, --help              this help`;

function usageError(message: string): never {
  console.error(`train:custom: ${message} (see --help)`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      project: { type: 'string' },
      documents: { type: 'string' },
      out: { type: 'string' },
      evaluation: { type: 'string' },
      'train-percent': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (err) {
  usageError((err as Error).message.split('\n')[0]!);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
for (const name of ['project', 'documents', 'out'] as const)
  if (!args[name]) usageError(`--${name} is required`);
const int = (name: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) usageError(`--${name} must be a whole number, not "${value}"`);
  return Number(value);
};
const seed = int('seed', args.seed);
const trainPercent = int('train-percent', args['train-percent']);
if (args.evaluation !== undefined && args.evaluation !== 'manual' && args.evaluation !== 'percentage')
  usageError(`--evaluation must be manual or percentage, not "${args.evaluation}"`);

let project: LanguageStudioProject;
try {
  project = JSON.parse(readFileSync(args.project!, 'utf8')) as LanguageStudioProject;
} catch (err) {
  console.error(`train:custom: cannot read ${args.project}: ${(err as Error).message}`);
  process.exit(1);
}

// Texts exactly as stored (CRLF kept), without a UTF-8 byte order mark; a missing file is left out and
// reported by validation as DocumentNotFound.
const docDir = resolve(args.documents!);
const texts = new Map<string, string>();
for (const doc of project.assets?.documents ?? []) {
  const file = join(docDir, String(doc.location));
  if (relative(docDir, file).startsWith('..')) continue;
  try {
    texts.set(doc.location, readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    // reported below
  }
}

const anyTest = (project.assets?.documents ?? []).some((d) => d.dataset === 'Test');
const evaluation: EvaluationOptions =
  (args.evaluation ?? (anyTest ? 'manual' : 'percentage')) === 'manual'
    ? { kind: 'manual' }
    : {
        kind: 'percentage',
        trainingSplitPercentage: trainPercent ?? 80,
        testingSplitPercentage: 100 - (trainPercent ?? 80),
      };

const bar = new cliProgress.SingleBar(
  { format: '[{bar}] {percentage}% | {duration}s | {message}', hideCursor: true },
  cliProgress.Presets.shades_classic,
);
bar.start(100, 0, { message: 'starting' });
try {
  const result = await trainCustomModel(
    { project, documents: texts, evaluation, outDir: args.out!, ...(seed !== undefined ? { seed } : {}) },
    (p) => bar.update(Math.floor(p.percentComplete), { message: p.message }),
  );
  bar.update(100, { message: 'done' });
  bar.stop();
  const e = result.evaluationSummary.customEntityRecognitionEvaluation;
  const pct = (x: number): string => (100 * x).toFixed(1).padStart(6);
  console.log(`\n${'entity'.padEnd(24)} precision  recall     F1   (tp/fp/fn)`);
  for (const [name, s] of Object.entries(e.entities)) {
    console.log(
      `${name.padEnd(24)} ${pct(s.precision)}  ${pct(s.recall)} ${pct(s.f1)}   (${s.truePositiveCount}/${s.falsePositiveCount}/${s.falseNegativeCount})`,
    );
  }
  console.log(`${'micro'.padEnd(24)} ${pct(e.microPrecision)}  ${pct(e.microRecall)} ${pct(e.microF1)}`);
  console.log(`${'macro'.padEnd(24)} ${pct(e.macroPrecision)}  ${pct(e.macroRecall)} ${pct(e.macroF1)}`);
  const r = result.report!;
  console.log(
    `\n${result.trainedDocuments} training / ${result.testDocuments} test documents (${result.evaluationSummary.evaluationOptions.kind} split), ${result.seconds.toFixed(1)}s`,
  );
  if (r.snappedLabels > 0)
    console.log(
      `${r.snappedLabels} labels widened to whole words, e.g.\n  ${r.snappedExamples.slice(0, 5).join('\n  ')}`,
    );
  if (r.unlabelledDocuments.length > 0)
    console.log(
      `${r.unlabelledDocuments.length} documents without labelled regions not used: ${r.unlabelledDocuments.slice(0, 10).join(', ')}`,
    );
  if (r.categoriesWithoutTrainingLabels.length > 0)
    console.log(
      `entity types without training labels (not learnt): ${r.categoriesWithoutTrainingLabels.join(', ')}`,
    );
  console.log(`wrote ${args.out} (manifest.json, model.onnx, evaluation.json)`);
} catch (err) {
  bar.stop();
  if (err instanceof ProjectValidationError) {
    const hint = err.code === 'DocumentNotFound' ? ` (looked in ${docDir})` : '';
    console.error(`train:custom: ${err.code}: ${err.message}${hint}`);
  } else {
    console.error(`train:custom: ${(err as Error).message}`);
  }
  process.exit(1);
}
