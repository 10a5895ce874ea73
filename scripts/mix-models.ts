/**
 * Mixes two builtin-wordfeat taggers into one model folder (src/training/mix.ts): the base model's
 * featurizer, files and CRF scores, and per feature a share of the companion's weights. It is how the
 * shipped model gets back the 1996 news conventions a CoNLL-only companion keeps and the six-corpus
 * model blurs (MODEL_CARD.md, "Training").
 *
 *   npm run mix -- --base <dir> --companion <dir> --out <dir> [--words 0.2] [--names 0] [--form 0]
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Cli, numberOption, parseCli, usageError } from '../src/cli/args.ts';
import { readFeatureResources } from '../src/model/builtin/index.ts';
import { type Manifest, readManifest } from '../src/model/manifest.ts';
import { CORPORA, corpusNamed } from '../src/training/corpora/index.ts';
import { buildTaggerOnnx } from '../src/training/export.ts';
import { featureGroups } from '../src/training/feature-groups.ts';
import { roundToHalf } from '../src/training/half.ts';
import { type LinearTagger, readLinearTagger } from '../src/training/linear-model.ts';
import { mixTaggers } from '../src/training/mix.ts';

const CLI: Cli = {
  name: 'mix',
  usage: `usage: npm run mix -- --base <dir> --companion <dir> --out <dir> [options]

  --base <dir>        the model whose featurizer, files and CRF scores the mix keeps
  --companion <dir>   the model mixed in (trained with the same featurizer options, e.g. on one corpus)
  --out <dir>         the folder to write (may be --base itself)
  --words <s>         the companion's share of word features (words, affixes, context; default 0.2)
  --names <s>         its share of name-list matches (default 0)
  --form <s>          its share of how words are written (bias, shapes, capitals; default 0)
  --crf <s>           its share of the label bias and CRF scores (default 0)
  --version <v>       the written manifest's version (default: the base's)
  --corpora <names>   train splits whose features name the groups (default conll2003)
  --data <dir>        the corpora (default ../shared/data)`,
};

const { values: args } = parseCli(CLI, {
  options: {
    base: { type: 'string' },
    companion: { type: 'string' },
    out: { type: 'string' },
    words: { type: 'string', default: '0.2' },
    names: { type: 'string', default: '0' },
    form: { type: 'string', default: '0' },
    crf: { type: 'string', default: '0' },
    version: { type: 'string' },
    corpora: { type: 'string', default: 'conll2003' },
    data: { type: 'string', default: '../shared/data' },
  },
});
const dirArg = (name: 'base' | 'companion' | 'out'): string =>
  args[name] ?? usageError(CLI, `--${name} is required`);
const share = (name: 'words' | 'names' | 'form' | 'crf'): number =>
  numberOption(CLI, name, args[name], { min: 0, max: 1 });
const [baseDir, companionDir, outDir] = [dirArg('base'), dirArg('companion'), dirArg('out')];
const shares = { words: share('words'), names: share('names'), form: share('form') };
const crfShare = share('crf');
for (const name of args.corpora.split(',')) {
  if (!(name in CORPORA)) usageError(CLI, `--corpora ${name}: use ${Object.keys(CORPORA).join(', ')}`);
}
const began = Date.now();
const log = (msg: string): void => console.log(`[${Math.round((Date.now() - began) / 1000)}s] ${msg}`);

function readJsonFile(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

const fail = (message: string): never => {
  process.stderr.write(`mix: ${message}\n`);
  process.exit(1);
};
// The same weights only mean the same thing under the same featurizer and labels: checked first.
const manifestOf = async (dir: string): Promise<Manifest> => {
  try {
    return await readManifest(dir);
  } catch (err) {
    return fail((err as Error).message);
  }
};
const manifest = await manifestOf(baseDir);
const companionManifest = await manifestOf(companionDir);
const sameFeaturizer = ['upperIsCaseless', 'capitalised', 'clusters'].every(
  (key) => Boolean(manifest.options[key]) === Boolean(companionManifest.options[key]),
);
if (!sameFeaturizer || JSON.stringify(manifest.labels) !== JSON.stringify(companionManifest.labels)) {
  fail(`${companionDir} was trained with other labels or featurizer options than ${baseDir}`);
}

// Only into a new or empty folder or over another model folder: never over anything else.
if (resolve(outDir) !== resolve(baseDir)) {
  if (resolve(outDir) === resolve(companionDir)) fail('--out must not be the companion');
  const taken = existsSync(outDir) && readdirSync(outDir).length > 0;
  if (taken && !existsSync(join(outDir, 'manifest.json')))
    fail(`--out ${outDir} holds files and no model (manifest.json): choose a new folder`);
}

const readTagger = (dir: string): LinearTagger => {
  try {
    return readLinearTagger(dir);
  } catch (err) {
    return fail((err as Error).message);
  }
};
const base = readTagger(baseDir);
const companion = readTagger(companionDir);
log(
  `base ${baseDir}: ${base.index.size - 1} features; companion ${companionDir}: ${companion.index.size - 1}`,
);

// Which features are names or written forms: the features of the corpora's train splits, as written
// and in lower case (the models' caseless feature space), made with the base's featurizer. Not needed
// when every group has the same share.
const uniform = shares.words === shares.names && shares.words === shares.form;
const texts = function* (): Generator<string> {
  for (const name of args.corpora.split(',')) {
    for (const s of corpusNamed(name).read(args.data, 'train')) {
      const text = s.tokens.join(' ');
      yield text;
      yield text.toLowerCase();
    }
  }
};
const groups: Map<number, 'form' | 'names'> = uniform
  ? new Map()
  : featureGroups(texts(), await readFeatureResources(baseDir, manifest));
if (!uniform) log(`grouped ${groups.size} name and form features of ${args.corpora} train`);

const mixed = mixTaggers(base, companion, {
  shareOf: (fp) => shares[groups.get(fp) ?? 'words'],
  crfShare,
});
roundToHalf(mixed.weights.linear);

if (resolve(outDir) !== resolve(baseDir)) cpSync(baseDir, outDir, { recursive: true, force: true });
writeFileSync(join(outDir, 'model.onnx'), buildTaggerOnnx(mixed.weights, mixed.width, 0, 'float16'));
writeFileSync(join(outDir, 'features.bin'), mixed.index.toBytes());
const scores = (a: Float32Array): number[] => Array.from(a);
writeFileSync(
  join(outDir, 'crf.json'),
  JSON.stringify({
    transitions: scores(mixed.weights.transitions),
    start: scores(mixed.weights.start),
    end: scores(mixed.weights.end),
  }),
);
// The written folder says what it is: the manifest names the mix, mix.json holds the recipe and how
// the companion was trained (its training.json), next to the base's own training.json.
const companionTraining = existsSync(join(companionDir, 'training.json'))
  ? (readJsonFile(join(companionDir, 'training.json')) as {
      command?: string;
      seconds?: number;
      seeds?: { seed: number; bestEpoch: number; devF1: number }[];
    })
  : undefined;
const outManifest = readJsonFile(join(outDir, 'manifest.json')) as Record<string, unknown>;
writeFileSync(
  join(outDir, 'manifest.json'),
  JSON.stringify(
    {
      ...outManifest,
      version: args.version ?? manifest.version,
      description: `${manifest.description ?? 'builtin tagger'}; mixed with a companion tagger (mix.json)`,
    },
    null,
    2,
  ) + '\n',
);
writeFileSync(
  join(outDir, 'mix.json'),
  JSON.stringify(
    {
      command: `npm run mix -- ${process.argv.slice(2).join(' ')}`.trim(),
      base: { version: manifest.version, features: base.index.size - 1 },
      companion: {
        version: companionManifest.version,
        features: companion.index.size - 1,
        ...(companionTraining
          ? {
              training: {
                command: companionTraining.command,
                seconds: companionTraining.seconds,
                seeds: companionTraining.seeds?.map(({ seed, bestEpoch, devF1 }) => ({
                  seed,
                  bestEpoch,
                  devF1,
                })),
              },
            }
          : {}),
      },
      shares: { ...shares, crf: crfShare },
      groupedBy: uniform ? null : args.corpora,
      features: mixed.index.size - 1,
    },
    null,
    2,
  ) + '\n',
);
log(
  `wrote ${outDir}: ${mixed.index.size - 1} features (shares ${JSON.stringify({ ...shares, crf: crfShare })})`,
);
