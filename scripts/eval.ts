/**
 * Entity-level P/R/F1 (conlleval) of a model through the server's serving path: the worker pool, the
 * entity pipeline (src/entities, default settings) and the default overlap policy (matchLongest).
 * `npm run eval` alone scores every test set of the model card; `npm run eval -- --help` for the rest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Cli, numberOption, parseCli, usageError } from '../src/cli/args.ts';
import { EntitiesSchema } from '../src/config/schema.ts';
import { applyOverlapPolicy } from '../src/entities/overlap.ts';
import { InferencePool } from '../src/inference/pool.ts';
import { readConll, type TaggedSentence } from '../src/training/conll.ts';
import { formatScore } from '../src/training/conlleval.ts';
import { CORPORA, corpusNamed, scoredTypes, type Split } from '../src/training/corpora/index.ts';
import { evaluateSentences, type FileEvaluation } from '../src/training/evaluate-file.ts';

const CLI: Cli = {
  name: 'eval',
  usage: `usage: npm run eval -- [<conll file> | --corpus <name>] [options]

  (no file, no --corpus)  every test set of the model card: CoNLL-2003 as written, lower- and
                          upper-cased; BTC, WNUT17, SEC filings, GUM, re3d
  <conll file>            tokens and IOB2 tags (last column), blank line between sentences
  --corpus <name>         conll2003, btc, wnut17, sec-filings, re3d or gum
  --split test|dev        which split of the corpora (default test; tune on dev only)
  --data <dir>            where the corpora are (default ../shared/data)
  --model <dir>           the model folder (default models/default)
  --casing lower|upper    re-case every token first
  --limit <n>             the first n sentences only
  --model-only            the tagger's own spans, without the entity pipeline
  --misc keep|drop        MISC names with no Azure type: scored (keep, default) or dropped as the API does
  --documents             send a document's sentences as one text, a line each (GUM has documents;
                          the others are sentences alone), so the pipeline sees a name's other mentions
  --detail                per-type tables for every set`,
};
const fail = (msg: string): never => usageError(CLI, msg);

const { values: args, positionals } = parseCli(CLI, {
  allowPositionals: true,
  options: {
    model: { type: 'string', default: 'models/default' },
    corpus: { type: 'string' },
    split: { type: 'string', default: 'test' },
    data: { type: 'string', default: '../shared/data' },
    casing: { type: 'string', default: 'as-is' },
    limit: { type: 'string' },
    'model-only': { type: 'boolean', default: false },
    misc: { type: 'string', default: 'keep' },
    detail: { type: 'boolean', default: false },
    documents: { type: 'boolean', default: false },
  },
});
const limit = args.limit === undefined ? undefined : numberOption(CLI, 'limit', args.limit, { min: 1 });
if (args.corpus !== undefined && !(args.corpus in CORPORA)) fail(`unknown corpus "${args.corpus}"`);
// MISC is scored as the spans the pipeline re-categorises (a name the tagger called MISC, whatever
// type it became) plus, with `keep` (the default here), the MISC names it found no Azure type for;
// `--misc drop` scores what the API returns.
const misc = args.misc;
if (misc !== 'keep' && misc !== 'drop') fail(`--misc ${misc}: use keep or drop`);
type Casing = 'as-is' | 'lower' | 'upper';
const casing = args.casing as Casing;
if (!['as-is', 'lower', 'upper'].includes(casing)) fail(`--casing ${casing}: use lower or upper`);
const split = args.split as Split;
if (split !== 'test' && split !== 'dev') fail(`--split ${split}: use test or dev`);
if (positionals.length > 1) fail(`one file at a time (got ${positionals.length})`);

interface EvalSet {
  readonly name: string;
  readonly sentences: TaggedSentence[];
  readonly casing: Casing;
  /** What the corpus annotates (BTC has no MISC: predicted MISC names are not counted there). */
  readonly types?: readonly string[];
}

/** A corpus's split; SEC filings and re3d have no dev split: their dev is the test set's absence. */
function corpusSet(name: string, setCasing: Casing = casing): EvalSet | undefined {
  const corpus = corpusNamed(name);
  if (!corpus.splits.includes(split)) return undefined;
  const label = `${name} ${split}${setCasing !== 'as-is' ? ` (${setCasing}-cased)` : ''}`;
  const types = scoredTypes(corpus);
  return { name: label, sentences: corpus.read(args.data, split), casing: setCasing, types };
}

const sets: EvalSet[] = positionals[0]
  ? [{ name: positionals[0], sentences: readConll(positionals[0]), casing }]
  : args.corpus
    ? [corpusSet(args.corpus) ?? fail(`${args.corpus} has no ${split} split`)]
    : [
        corpusSet('conll2003', 'as-is'),
        corpusSet('conll2003', 'lower'),
        corpusSet('conll2003', 'upper'),
        ...['btc', 'wnut17', 'sec-filings', 'gum', 're3d'].map((name) => corpusSet(name, 'as-is')),
      ].filter((s): s is EvalSet => s !== undefined);

/** Whether the model (or the companion mixed into it) was retrained on dev (`npm run train -- --with-dev yes`). */
function sawDev(dir: string): boolean {
  const record = (file: string): string => {
    try {
      return readFileSync(join(dir, file), 'utf8');
    } catch {
      return '';
    }
  };
  return /--with-dev yes/.test(record('training.json') + record('mix.json'));
}
if (split === 'dev' && sawDev(args.model))
  console.log(
    `note: ${args.model} was trained on the dev splits too (--with-dev yes): its dev scores are not held out; score the dev-selected model (MODEL_CARD.md, "Training") to choose anything`,
  );

const pool = await InferencePool.start({
  models: { default: args.model },
  workers: 1,
  intraOpThreads: 1,
  maxQueuedDocuments: 1_000_000,
  ...(args['model-only']
    ? {}
    : { entities: { settings: EntitiesSchema.parse({ miscellaneous: misc }), models: ['default'] } }),
});
const results: { name: string; result: FileEvaluation }[] = [];
try {
  const analyze = async (texts: string[]) =>
    (await pool.analyze('default', texts)).map((found) => applyOverlapPolicy(found, 'matchLongest'));
  console.log(
    `${args.model}: ${args['model-only'] ? 'the model alone (no entity pipeline)' : `with the entity pipeline (entities.miscellaneous=${misc}), matchLongest`}`,
  );
  for (const set of sets) {
    const result = await evaluateSentences(set.sentences, analyze, {
      casing: set.casing,
      ...(set.types ? { types: set.types } : {}),
      ...(limit ? { limit } : {}),
      documents: args.documents,
    });
    results.push({ name: set.name, result });
    if (sets.length === 1 || args.detail) {
      console.log(
        `\n${set.name}: ${result.sentences} sentences, ${result.tokens} tokens, ${result.seconds.toFixed(1)} s`,
      );
      if (result.misaligned > 0)
        console.log(`${result.misaligned} predicted entities not on token boundaries`);
      if (result.unscoredEntities > 0) {
        console.log(
          `${result.unscoredEntities} entities of categories CoNLL does not annotate (DateTime, Quantity, PersonType, Email, ...): not scored`,
        );
      }
      console.log(formatScore(result.score));
    } else {
      process.stdout.write('.');
    }
  }
} finally {
  await pool.close();
}

if (results.length > 1) {
  const row = (name: string, r: FileEvaluation): string => {
    const o = r.score.overall;
    const perType = ['PER', 'ORG', 'LOC', 'MISC']
      .map((t) => r.score.perType.find((p) => p.type === t)?.f1.toFixed(1) ?? '–')
      .join(' | ');
    return `| ${name} | ${o.precision.toFixed(2)} | ${o.recall.toFixed(2)} | **${o.f1.toFixed(2)}** | ${perType} |`;
  };
  console.log('\n\n| set | P | R | F1 | PER | ORG | LOC | MISC |\n|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const { name, result } of results) console.log(row(name, result));
  const four = results.filter(({ name }) => /^(btc|wnut17|sec-filings|gum) /.test(name));
  if (four.length === 4) {
    const mean = four.reduce((a, { result }) => a + result.score.overall.f1, 0) / 4;
    console.log(`\nmean F1 of BTC, WNUT17, SEC filings and GUM: ${mean.toFixed(2)}`);
  }
}
