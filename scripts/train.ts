/**
 * Trains the builtin English NER model on CoNLL-2003 train, selects on dev, and writes
 * models/default (ONNX + featurizer files). Usage: npm run train -- [--seed 1] [--out models/default]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { Gazetteer } from '../src/model/builtin/gazetteer.ts';
import { readConll, type TaggedSentence } from '../src/training/conll.ts';
import { Rng } from '../src/training/rng.ts';
import { formatScore } from '../src/training/conlleval.ts';
import { encode, featurize, type FeaturizedSentence } from '../src/training/dataset.ts';
import { writeModelDir } from '../src/training/export.ts';
import { externalGazetteer } from '../src/training/external-lists.ts';
import { labelsFor, type Scheme } from '../src/training/labels.ts';
import { onnxParity } from '../src/training/parity.ts';
import { addTrainingEntities, commonWordsOf } from '../src/training/resources.ts';
import { averageLinear } from '../src/training/ensemble.ts';
import { evaluate, train } from '../src/training/trainer.ts';
import { buildIndex, maxPerUnit } from '../src/training/vocab.ts';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    seeds: { type: 'string', default: '3' },
    // Share of training sentences added again in lower / upper case (robustness to casing).
    'augment-lower': { type: 'string', default: '0.15' },
    'augment-upper': { type: 'string', default: '0' },
    out: { type: 'string', default: 'models/default' },
    data: { type: 'string', default: '../shared/data/conll2003' },
    epochs: { type: 'string', default: '40' },
    patience: { type: 'string', default: '5' },
    lr: { type: 'string', default: '0.05' },
    dropout: { type: 'string', default: '0.5' },
    scheme: { type: 'string', default: 'BIO' },
    'min-count': { type: 'string', default: '2' },
    'atom-min-count': { type: 'string', default: '2' },
    'atom-exclude': { type: 'string', default: '' },
    // The convolutional path (--hidden 128) scored lower on dev than the linear CRF alone: off by default.
    hidden: { type: 'string', default: '0' },
    dim: { type: 'string', default: '32' },
    kernel: { type: 'string', default: '5' },
    'deep-lr': { type: 'string', default: '0.02' },
    'hidden-dropout': { type: 'string', default: '0.3' },
    'atom-dropout': { type: 'string', default: '0.1' },
    folds: { type: 'string', default: '10' },
  },
});

const began = Date.now();
const log = (msg: string): void => console.log(`[${((Date.now() - began) / 1000).toFixed(0)}s] ${msg}`);
/** Feature slots per unit, rounded up so small featurizer changes keep the model's input shape. */
const roundUp = (n: number): number => Math.ceil(n / 8) * 8;

const trainSet = readConll(`${args.data}/train.txt`);
const devSet = readConll(`${args.data}/dev.txt`);
log(`read ${trainSet.length} train / ${devSet.length} dev sentences`);

// Gazetteer of training entity names. Training sentences see one built from the other folds only
// (jack-knifing), so the model learns how much to trust a match on names it has not memorised.
const folds = Number(args.folds);
const foldOf = (i: number): number => Math.floor((i * folds) / trainSet.length);
const commonWords = commonWordsOf(trainSet);
const fullGazetteer = addTrainingEntities(new Gazetteer(), trainSet);
const lexicon = externalGazetteer();
const trainFeats: FeaturizedSentence[] = [];
const augmentLower = Number(args['augment-lower']);
const augmentUpper = Number(args['augment-upper']);
const augmentRng = new Rng(Number(args.seed) + 1000);
const recase = (s: TaggedSentence, to: 'lower' | 'upper'): TaggedSentence => ({
  tokens: s.tokens.map((t) => (to === 'lower' ? t.toLowerCase() : t.toUpperCase())),
  tags: s.tags,
});
for (let f = 0; f < folds; f++) {
  const others = trainSet.filter((_, i) => foldOf(i) !== f);
  const gazetteer = addTrainingEntities(new Gazetteer(), others);
  trainSet.forEach((s, i) => {
    if (foldOf(i) !== f) return;
    const res = { gazetteer, lexicon, commonWords };
    trainFeats.push(featurize(s, res));
    // Case augmentation: some sentences again in lower and in upper case (robustness to casing).
    if (augmentRng.next() < augmentLower) trainFeats.push(featurize(recase(s, 'lower'), res));
    if (augmentRng.next() < augmentUpper) trainFeats.push(featurize(recase(s, 'upper'), res));
  });
}
const devFeats = devSet.map((s) => featurize(s, { gazetteer: fullGazetteer, lexicon, commonWords }));
log(
  `featurized; gazetteer ${fullGazetteer.size} + lexicon ${lexicon.size} phrases, ${commonWords.size} common words`,
);

const index = buildIndex(
  trainFeats.map((s) => s.features),
  Number(args['min-count']),
);
// Template prefixes left out of the convolutional path (e.g. "w=,l=" to keep word identity linear-only).
const atomExclude = args['atom-exclude'].split(',').filter(Boolean);
const atomIndex = buildIndex(
  trainFeats.map((s) => s.atoms),
  Number(args['atom-min-count']),
  (f) => !atomExclude.some((p) => f.startsWith(p)),
);
const width = roundUp(maxPerUnit(trainFeats.map((s) => s.features)));
const atomWidth = roundUp(maxPerUnit(trainFeats.map((s) => s.atoms)));
log(
  `${index.size - 1} sparse features (up to ${width} per word), ${atomIndex.size - 1} atoms (up to ${atomWidth})`,
);
const scheme = args.scheme as Scheme;
if (scheme !== 'BIO' && scheme !== 'BIOES') throw new Error(`--scheme ${scheme}: use BIO or BIOES`);
const labels = labelsFor(scheme);
const encoding = { index, width, atomIndex, atomWidth, labels, scheme };
const trainEnc = trainFeats.map((s) => encode(s, encoding));
const devEnc = devFeats.map((s) => encode(s, encoding));
const hidden = Number(args.hidden);

const bar = new cliProgress.SingleBar(
  {
    format: 'epoch {epoch} [{bar}] {percentage}% | loss {loss} | dev F1 {devF1} | {duration}s',
    hideCursor: true,
  },
  cliProgress.Presets.shades_classic,
);
let lastDevF1 = '-';
let epochNo = 0;
const seeds = Array.from({ length: Number(args.seeds) }, (_, k) => Number(args.seed) + k);
const members = seeds.map((seed) => {
  epochNo = 0;
  lastDevF1 = '-';
  log(`training with seed ${seed}`);
  const r = train(
    trainEnc,
    devEnc,
    {
      labels,
      rows: index.size,
      width,
      atomRows: atomIndex.size,
      atomWidth,
      ...(hidden > 0
        ? {
            deep: {
              dim: Number(args.dim),
              hidden,
              kernel: Number(args.kernel),
              learningRate: Number(args['deep-lr']),
              hiddenDropout: Number(args['hidden-dropout']),
            },
          }
        : {}),
      seed,
      maxEpochs: Number(args.epochs),
      patience: Number(args.patience),
      learningRate: Number(args.lr),
      featureDropout: Number(args.dropout),
      atomDropout: Number(args['atom-dropout']),
    },
    (report) => {
      bar.stop();
      epochNo = report.epoch;
      lastDevF1 = report.devF1.toFixed(2);
      log(
        `epoch ${report.epoch}: loss ${report.loss.toFixed(4)}, dev F1 ${lastDevF1} (${report.seconds.toFixed(1)}s)`,
      );
    },
    (done, loss) => {
      if (done === 0) bar.start(trainEnc.length, 0, { epoch: epochNo + 1, loss: '-', devF1: lastDevF1 });
      bar.update(done, { epoch: epochNo + 1, loss: loss.toFixed(4), devF1: lastDevF1 });
    },
  );
  bar.stop();
  log(`seed ${seed}: best epoch ${r.bestEpoch}, dev F1 ${r.devScore.overall.f1.toFixed(2)}`);
  return r;
});
const weights = members.length === 1 ? members[0]!.weights : averageLinear(members.map((m) => m.weights));
const devScore = evaluate(weights, labels, devEnc, width, atomWidth);
log(
  `final model (${members.length} seed${members.length > 1 ? 's averaged' : ''}): dev F1 ${devScore.overall.f1.toFixed(2)}`,
);
console.log(formatScore(devScore));

writeModelDir({
  dir: args.out,
  weights,
  labels,
  scheme,
  width,
  index,
  atomWidth,
  atomIndex,
  gazetteer: fullGazetteer,
  lexicon,
  commonWords,
  version: `1.0.0+seed${args.seed}`,
  description: `Builtin English NER (CoNLL-2003 PER/ORG/LOC/MISC): sparse word features and name lexicons${
    weights.deep ? ', convolutional path' : ''
  }, linear-chain CRF`,
});
const diff = await onnxParity(args.out, weights, devFeats, devEnc, width, atomWidth);
log(`wrote ${args.out}; ONNX vs training forward pass on dev: max |diff| = ${diff.toExponential(2)}`);
writeFileSync(
  join(args.out, 'training.json'),
  JSON.stringify(
    {
      command: `npm run train -- ${process.argv.slice(2).join(' ')}`.trim(),
      options: args,
      seconds: Math.round((Date.now() - began) / 1000),
      sparseFeatures: index.size - 1,
      atoms: atomIndex.size - 1,
      seeds: members.map((m, k) => ({
        seed: seeds[k],
        bestEpoch: m.bestEpoch,
        devF1: m.devScore.overall.f1,
        history: m.history,
      })),
      dev: devScore,
      onnxMaxAbsDiff: diff,
    },
    null,
    2,
  ) + '\n',
);
if (!(diff <= 1e-4)) {
  console.error('ONNX parity check FAILED (> 1e-4)');
  process.exitCode = 1;
}
