/**
 * Trains the builtin English NER model on the train splits of the corpora in ../shared/data, selects
 * the epoch on their dev splits, and writes models/default (ONNX + featurizer files).
 * `npm run train -- --help` lists the options; the defaults are the shipped model's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { type Cli, numberOption, parseCli, usageError } from '../src/cli/args.ts';
import { parseClusters } from '../src/model/builtin/clusters.ts';
import { Gazetteer } from '../src/model/builtin/gazetteer.ts';
import { CORPORA, corpusNamed, scoredTypes, type CorpusSentence } from '../src/training/corpora/index.ts';
import { Rng } from '../src/training/rng.ts';
import { formatScore } from '../src/training/conlleval.ts';
import { encode, featurize, type FeaturizedSentence } from '../src/training/dataset.ts';
import { writeModelDir } from '../src/training/export.ts';
import { externalGazetteer } from '../src/training/external-lists.ts';
import { labelsFor, type Scheme } from '../src/training/labels.ts';
import { onnxParity } from '../src/training/parity.ts';
import { addTrainingEntities, capitalisedWordsOf, commonWordsOf } from '../src/training/resources.ts';
import { averageLinear } from '../src/training/ensemble.ts';
import type { WeightPrecision } from '../src/training/export.ts';
import { roundToHalf } from '../src/training/half.ts';
import { evaluate, train, type TrainOptions, type TrainResult } from '../src/training/trainer.ts';
import { buildIndex, maxPerUnit } from '../src/training/vocab.ts';

const CLI: Cli = {
  name: 'train',
  usage: `usage: npm run train -- [options]

  --out <dir>               the model folder to write (default models/default)
  --data <dir>              the corpora (default ../shared/data)
  --corpora <name:w,...>    training corpora and weights (each corpus used w times per epoch,
                            fractions sampled); names: conll2003, btc, wnut17, sec-filings, re3d, gum
  --dev <name[:w],...>      dev corpora: the mean of their dev F1 (weighted by w) selects the epoch
  --seed <n>, --seeds <k>   first seed and how many seeds to train and average
  --augment-lower <p>       share of sentences added again in lower case
  --augment-upper <p>       share added again in upper case
  --upper-caseless yes|no   read all-capitals windows as lower-case text
  --capitalised yes|no      the truecasing hint (words usually written with a capital)
  --clusters <file>         word clusters as features (models/resources/word-clusters.tsv; default
                            none: they did not help on dev, see MODEL_CARD.md)
  --finetune <name[:w],...> a second phase per seed on these corpora only (with their case copies;
                            w < 1 samples that share), from the first phase's best weights (default none)
  --finetune-dev <name:w,...>   what selects the second phase's epoch (weights may be 0: printed
                            only; names from --dev; default conll2003:1,btc:0,wnut17:0,gum:0)
  --finetune-epochs, --finetune-lr   its epoch limit (default 10) and learning rate (default 0.01)
  --with-dev yes|no         the final retraining (default no): train on the train and dev splits of
                            each training corpus that has a dev split; each seed runs its count of
  --seed-epochs <n,...>     epochs (those dev selected for the same configuration, one per seed) and
                            keeps the last; the dev scores it prints are not held out
  --precision float16|float32   how model.onnx stores the weight table (default float16: half the
                            size; the weights are rounded before the dev scores and the parity check)
  --epochs, --patience, --lr, --dropout, --scheme BIO|BIOES, --min-count, --folds
  --hidden <n> (and --dim, --kernel, --deep-lr, --hidden-dropout, --atom-dropout,
    --atom-min-count, --atom-exclude)   the convolutional path, off (0) by default`,
};

const { values: args } = parseCli(CLI, {
  options: {
    seed: { type: 'string', default: '1' },
    seeds: { type: 'string', default: '3' },
    // Share of training sentences added again in lower / upper case (robustness to casing).
    'augment-lower': { type: 'string', default: '1' },
    'augment-upper': { type: 'string', default: '0' },
    // All-capitals windows featurized as lower-case text (then upper-case copies add nothing new).
    'upper-caseless': { type: 'string', default: 'yes' },
    // Words usually written with a capital, as a truecasing feature.
    capitalised: { type: 'string', default: 'yes' },
    // Word clusters learned from unlabelled text (scripts/clusters/build.ts): measured, no better on dev
    // (MODEL_CARD.md), so off by default; `--clusters models/resources/word-clusters.tsv` turns them on.
    clusters: { type: 'string', default: '' },
    out: { type: 'string', default: 'models/default' },
    data: { type: 'string', default: '../shared/data' },
    // Training corpora and their weights; dev corpora (the mean of their dev F1 selects the epoch).
    corpora: { type: 'string', default: 'conll2003:2,btc:1,wnut17:1,sec-filings:1,gum:1,re3d:1' },
    dev: { type: 'string', default: 'conll2003:2,btc,wnut17,gum' },
    epochs: { type: 'string', default: '40' },
    patience: { type: 'string', default: '3' },
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
    // A second phase on some corpora only (e.g. conll2003), from the first phase's best weights.
    finetune: { type: 'string', default: '' },
    'finetune-dev': { type: 'string', default: 'conll2003:1,btc:0,wnut17:0,gum:0' },
    'finetune-epochs': { type: 'string', default: '10' },
    'finetune-lr': { type: 'string', default: '0.01' },
    // float16 halves model.onnx (~21 MB instead of ~43) and changed no dev or test score of v3.
    precision: { type: 'string', default: 'float16' },
    // The final retraining: the configuration and epochs chosen on dev, trained on train + dev.
    'with-dev': { type: 'string', default: 'no' },
    'seed-epochs': { type: 'string', default: '' },
  },
});

const TEXT_OPTIONS = [
  'upper-caseless',
  'clusters',
  'capitalised',
  'out',
  'data',
  'corpora',
  'dev',
  'scheme',
  'atom-exclude',
  'finetune',
  'finetune-dev',
  'precision',
  'with-dev',
  'seed-epochs',
] as const;
type NumericOption = Exclude<keyof typeof args, (typeof TEXT_OPTIONS)[number]>;
const num = (option: NumericOption): number => numberOption(CLI, option, args[option]);
// Every number is checked now, not when first used minutes into the run.
for (const option of Object.keys(args) as (keyof typeof args)[]) {
  if (!(TEXT_OPTIONS as readonly string[]).includes(option)) num(option as NumericOption);
}
const yesNo = (option: string, value: string): boolean =>
  value === 'yes' || (value !== 'no' && usageError(CLI, `--${option} ${value}: use yes or no`));
const upperIsCaseless = yesNo('upper-caseless', args['upper-caseless']);
const precision = args.precision as WeightPrecision;
if (precision !== 'float16' && precision !== 'float32') {
  usageError(CLI, `--precision ${precision}: use float16 or float32`);
}
const useCapitalised = yesNo('capitalised', args.capitalised);
/**
 * --with-dev: the dev splits of the training corpora that have one join the training data, so no
 * epoch can be selected on them: seed k trains for the k-th of --seed-epochs (the epochs the same
 * configuration's dev selection chose) and keeps its last epoch. Its dev scores are not held out.
 */
const withDev = yesNo('with-dev', args['with-dev']);
const seedEpochs = args['seed-epochs']
  .split(',')
  .filter(Boolean)
  .map((e) => numberOption(CLI, 'seed-epochs', e));
if (withDev && seedEpochs.length !== num('seeds'))
  usageError(CLI, '--with-dev yes: give --seed-epochs, one epoch count per seed (those dev chose)');
if (!withDev && seedEpochs.length > 0) usageError(CLI, '--seed-epochs: only with --with-dev yes');
if (withDev && args.finetune) usageError(CLI, '--with-dev yes: no --finetune (its epoch is chosen on dev)');
for (const name of args.corpora
  .split(',')
  .map((e) => e.split(':')[0]!)
  .concat(args.dev.split(',').map((e) => e.split(':')[0]!))
  .concat(
    args.finetune
      .split(',')
      .filter(Boolean)
      .map((e) => e.split(':')[0]!),
  )) {
  if (!(name in CORPORA)) usageError(CLI, `unknown corpus "${name}"`);
}

const clustersText = args.clusters ? readFileSync(args.clusters, 'utf8') : undefined;
const clusters = clustersText ? parseClusters(clustersText) : undefined;

const began = Date.now();
const log = (msg: string): void => console.log(`[${((Date.now() - began) / 1000).toFixed(0)}s] ${msg}`);
/** Feature slots per unit, rounded up so small featurizer changes keep the model's input shape. */
const roundUp = (n: number): number => Math.ceil(n / 8) * 8;

/** `name:weight,...`: each corpus's sentences are used `weight` times per epoch (fractions sampled). */
const corpusWeights = args.corpora.split(',').map((entry) => {
  const [name, weight = '1'] = entry.split(':');
  return { corpus: corpusNamed(name!), weight: Number(weight) };
});
const sampleRng = new Rng(num('seed') + 2000);
const trainSet: CorpusSentence[] = [];
for (const { corpus, weight } of corpusWeights) {
  if (!(weight > 0)) usageError(CLI, `--corpora ${corpus.name}:${weight}: the weight must be a number > 0`);
  const sentences = corpus.read(args.data, 'train');
  const andDev = withDev && corpus.splits.includes('dev');
  if (andDev) sentences.push(...corpus.read(args.data, 'dev')); // read() returns a new array
  for (const s of sentences) {
    for (let copies = Math.floor(weight) + (sampleRng.next() < weight % 1 ? 1 : 0); copies > 0; copies--) {
      trainSet.push(s);
    }
  }
  log(`${corpus.name}: ${sentences.length} ${andDev ? 'train + dev' : 'train'} sentences, weight ${weight}`);
}
/** `name[:weight],...`: the weighted mean of their dev F1 selects the epoch. */
const devSets = args.dev.split(',').map((entry) => {
  const [name, weight = '1'] = entry.split(':');
  const corpus = corpusNamed(name!);
  if (!(Number(weight) > 0)) usageError(CLI, `--dev ${entry}: the weight must be a number > 0`);
  return { corpus, weight: Number(weight), sentences: corpus.read(args.data, 'dev') };
});
log(
  `read ${trainSet.length} train / ${devSets.map((d) => `${d.sentences.length} ${d.corpus.name}`).join(', ')} dev sentences`,
);

// Gazetteer of training entity names. Training sentences see one built from the other folds only
// (jack-knifing), so the model learns how much to trust a match on names it has not memorised.
const folds = num('folds');
const foldOf = (i: number): number => Math.floor((i * folds) / trainSet.length);
// Words seen in lower case in edited text (tweets lower-case names too often to tell).
const isEdited = (s: CorpusSentence): boolean => s.corpus !== 'btc' && s.corpus !== 'wnut17';
const commonWords = commonWordsOf(trainSet.filter(isEdited));
// Like the gazetteer, jack-knifed: a training name's own mentions must not mark it as usually capitalised.
const capitalisedOf = (sentences: readonly CorpusSentence[]): Set<string> | undefined =>
  useCapitalised ? capitalisedWordsOf(sentences.filter(isEdited)) : undefined;
const capitalised = capitalisedOf(trainSet);
const fullGazetteer = addTrainingEntities(new Gazetteer(), trainSet);
const lexicon = externalGazetteer();
const trainFeats: FeaturizedSentence[] = [];
/** The corpus of each entry of trainFeats (case copies included), for --finetune. */
const trainCorpus: string[] = [];
const augmentLower = num('augment-lower');
const augmentUpper = num('augment-upper');
const augmentRng = new Rng(num('seed') + 1000);
const recase = (s: CorpusSentence, to: 'lower' | 'upper'): CorpusSentence => ({
  ...s,
  tokens: s.tokens.map((t) => (to === 'lower' ? t.toLowerCase() : t.toUpperCase())),
});
for (let f = 0; f < folds; f++) {
  const others = trainSet.filter((_, i) => foldOf(i) !== f);
  const gazetteer = addTrainingEntities(new Gazetteer(), others);
  const foldCapitalised = capitalisedOf(others);
  trainSet.forEach((s, i) => {
    if (foldOf(i) !== f) return;
    const res = {
      gazetteer,
      lexicon,
      commonWords,
      upperIsCaseless,
      ...(clusters ? { clusters } : {}),
      ...(foldCapitalised ? { capitalised: foldCapitalised } : {}),
    };
    trainFeats.push(featurize(s, res));
    // Case augmentation: some sentences again in lower and in upper case (robustness to casing).
    if (augmentRng.next() < augmentLower) trainFeats.push(featurize(recase(s, 'lower'), res));
    if (augmentRng.next() < augmentUpper) trainFeats.push(featurize(recase(s, 'upper'), res));
    while (trainCorpus.length < trainFeats.length) trainCorpus.push(s.corpus);
  });
}
const devResources = {
  gazetteer: fullGazetteer,
  lexicon,
  commonWords,
  upperIsCaseless,
  ...(clusters ? { clusters } : {}),
  ...(capitalised ? { capitalised } : {}),
};
const devFeatSets = devSets.map((d) => d.sentences.map((s) => featurize(s, devResources)));
const devFeats = devFeatSets[0]!;
log(
  `featurized; gazetteer ${fullGazetteer.size} + lexicon ${lexicon.size} phrases, ${commonWords.size} common words`,
);

const index = buildIndex(
  trainFeats.map((s) => s.features),
  num('min-count'),
);
// Template prefixes left out of the convolutional path (e.g. "w=,l=" to keep word identity linear-only).
const atomExclude = args['atom-exclude'].split(',').filter(Boolean);
const atomIndex = buildIndex(
  trainFeats.map((s) => s.atoms),
  num('atom-min-count'),
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
const devEncSets = devFeatSets.map((set) => set.map((s) => encode(s, encoding)));
const devEnc = devEncSets[0]!;
const devSetOptions = devSets.map((d, k) => ({
  weight: d.weight,
  name: d.corpus.name,
  data: devEncSets[k]!,
  types: scoredTypes(d.corpus),
}));
const hidden = num('hidden');

const bar = new cliProgress.SingleBar(
  {
    format: 'epoch {epoch} [{bar}] {percentage}% | loss {loss} | dev F1 {devF1} | {duration}s',
    hideCursor: true,
  },
  cliProgress.Presets.shades_classic,
);
let lastDevF1 = '-';
let epochNo = 0;
const baseOptions = {
  labels,
  rows: index.size,
  width,
  atomRows: atomIndex.size,
  atomWidth,
  ...(hidden > 0
    ? {
        deep: {
          dim: num('dim'),
          hidden,
          kernel: num('kernel'),
          learningRate: num('deep-lr'),
          hiddenDropout: num('hidden-dropout'),
        },
      }
    : {}),
  maxEpochs: num('epochs'),
  patience: num('patience'),
  learningRate: num('lr'),
  featureDropout: num('dropout'),
  atomDropout: num('atom-dropout'),
  devSets: devSetOptions,
};

/** One training phase with the progress bar and a log line per epoch. */
const runPhase = (data: typeof trainEnc, options: TrainOptions): TrainResult => {
  epochNo = 0;
  lastDevF1 = '-';
  const r = train(
    data,
    devEnc,
    options,
    (report) => {
      bar.stop();
      epochNo = report.epoch;
      lastDevF1 = report.devF1.toFixed(2);
      const perSet = Object.entries(report.devF1s ?? {})
        .map(([name, f1]) => `${name} ${f1.toFixed(2)}`)
        .join(', ');
      log(
        `epoch ${report.epoch}: loss ${report.loss.toFixed(4)}, dev F1 ${lastDevF1}${devSets.length > 1 ? ` (${perSet})` : ''} (${report.seconds.toFixed(1)}s)`,
      );
    },
    (done, loss) => {
      if (done === 0) bar.start(data.length, 0, { epoch: epochNo + 1, loss: '-', devF1: lastDevF1 });
      bar.update(done, { epoch: epochNo + 1, loss: loss.toFixed(4), devF1: lastDevF1 });
    },
  );
  bar.stop();
  return r;
};

// The second phase: the --finetune corpora, each sampled at its weight (a share below 1 replays part of
// a corpus so the phase does not forget it), and its own dev weights (0 = printed, not selecting).
const finetuneShares = new Map(
  args.finetune
    .split(',')
    .filter(Boolean)
    .map((entry) => {
      const [name, weight = '1'] = entry.split(':');
      if (!(Number(weight) > 0)) usageError(CLI, `--finetune ${entry}: the weight must be a number > 0`);
      return [name!, Number(weight)] as const;
    }),
);
const finetuneCorpora = new Set(finetuneShares.keys());
const finetuneRng = new Rng(num('seed') + 3000);
const finetuneData = trainEnc.flatMap((s, i) => {
  const share = finetuneShares.get(trainCorpus[i]!) ?? 0;
  const copies = Math.floor(share) + (finetuneRng.next() < share % 1 ? 1 : 0);
  return Array.from({ length: copies }, () => s);
});
const finetuneWeights = new Map(
  args['finetune-dev'].split(',').map((entry) => {
    const [name, weight = '1'] = entry.split(':');
    if (finetuneCorpora.size > 0 && !devSetOptions.some((d) => d.name === name))
      usageError(CLI, `--finetune-dev ${name}: not one of --dev`);
    if (!(Number(weight) >= 0)) usageError(CLI, `--finetune-dev ${entry}: the weight must be a number >= 0`);
    return [name!, Number(weight)] as const;
  }),
);
if (finetuneCorpora.size > 0 && hidden > 0)
  usageError(CLI, '--finetune works on the linear tagger only (--hidden 0)');
const finetuneDevSets = devSetOptions.map((d) => ({ ...d, weight: finetuneWeights.get(d.name) ?? 0 }));
if (finetuneCorpora.size > 0 && !finetuneDevSets.some((d) => d.weight > 0))
  usageError(CLI, '--finetune-dev: give one dev set a weight > 0');

const seeds = Array.from({ length: num('seeds') }, (_, k) => num('seed') + k);
/** A seed's tagger: the second phase's weights when there is one, the first phase's epoch and scores. */
type Member = TrainResult & { readonly finetune?: TrainResult };
const members = seeds.map((seed, k): Member => {
  log(`training with seed ${seed}`);
  const first = runPhase(
    trainEnc,
    withDev ? { ...baseOptions, seed, maxEpochs: seedEpochs[k]!, keepLast: true } : { ...baseOptions, seed },
  );
  log(`seed ${seed}: best epoch ${first.bestEpoch}, dev F1 ${first.devF1.toFixed(2)}`);
  if (finetuneCorpora.size === 0) return first;
  log(`seed ${seed}: fine-tuning on ${[...finetuneCorpora].join(', ')} (${finetuneData.length} sentences)`);
  const second = runPhase(finetuneData, {
    ...baseOptions,
    seed: seed + 100,
    maxEpochs: num('finetune-epochs'),
    learningRate: num('finetune-lr'),
    devSets: finetuneDevSets,
    init: first.weights,
  });
  log(`seed ${seed}: fine-tuned, best epoch ${second.bestEpoch} (0 = none better)`);
  return {
    ...second,
    bestEpoch: first.bestEpoch,
    devF1: first.devF1,
    history: first.history,
    finetune: second,
  };
});
const weights = members.length === 1 ? members[0]!.weights : averageLinear(members.map((m) => m.weights));
if (precision === 'float16') roundToHalf(weights.linear);
const devScores = devSetOptions.map((d) => evaluate(weights, labels, d.data, width, atomWidth, d.types));
const devScore = devScores[0]!;
const devMean = devScores.reduce((a, sc) => a + sc.overall.f1, 0) / devScores.length;
log(
  `final model (${members.length} seed${members.length > 1 ? 's averaged' : ''}): dev F1 ${devMean.toFixed(2)}${
    devScores.length > 1
      ? ` (${devSetOptions.map((d, k) => `${d.name} ${devScores[k]!.overall.f1.toFixed(2)}`).join(', ')})`
      : ''
  }`,
);
console.log(formatScore(devScore));

writeModelDir({
  dir: args.out,
  weights,
  precision,
  labels,
  scheme,
  width,
  index,
  atomWidth,
  atomIndex,
  gazetteer: fullGazetteer,
  lexicon,
  commonWords,
  ...(capitalised ? { capitalised } : {}),
  ...(clustersText ? { clustersText } : {}),
  upperIsCaseless,
  windowsPerSentence: true, // every corpus is read sentence by sentence
  version: `1.0.0+seed${args.seed}`,
  description: `Builtin English NER (PER/ORG/LOC/MISC; CoNLL-2003, BTC, WNUT17, SEC filings, re3d, GUM): sparse word features${clustersText ? ', word clusters' : ''} and name lexicons${
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
        devF1: m.devF1,
        history: m.history,
        ...(m.finetune
          ? {
              finetune: {
                bestEpoch: m.finetune.bestEpoch,
                devF1: m.finetune.devF1,
                history: m.finetune.history,
              },
            }
          : {}),
      })),
      dev: Object.fromEntries(devSetOptions.map((d, k) => [d.name, devScores[k]])),
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
