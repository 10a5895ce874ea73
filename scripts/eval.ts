/**
 * Entity-level P/R/F1 (conlleval) of a model on a CoNLL file, through the server's serving path: the
 * worker pool, the entity pipeline (src/entities, with the default settings) and the default overlap
 * policy (matchLongest). `--model-only` scores the tagger's own spans, without the pipeline.
 * Usage: npm run eval -- <file> [--model models/default] [--wnut] [--casing lower|upper] [--limit N] [--model-only] [--misc keep|drop]
 */
import { parseArgs } from 'node:util';
import { EntitiesSchema } from '../src/config/schema.ts';
import { applyOverlapPolicy } from '../src/entities/overlap.ts';
import { InferencePool } from '../src/inference/pool.ts';
import { formatScore } from '../src/training/conlleval.ts';
import { evaluateConllFile, WNUT_TO_CONLL } from '../src/training/evaluate-file.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    model: { type: 'string', default: 'models/default' },
    wnut: { type: 'boolean', default: false },
    casing: { type: 'string', default: 'as-is' },
    limit: { type: 'string' },
    'model-only': { type: 'boolean', default: false },
    misc: { type: 'string', default: 'keep' },
  },
});
const file = positionals[0];
if (!file) {
  console.error(
    'usage: npm run eval -- <conll file> [--model dir] [--wnut] [--casing lower|upper] [--limit N] [--model-only] [--misc keep|drop]',
  );
  process.exit(2);
}
// MISC is scored as the spans the pipeline re-categorises (a name the tagger called MISC, whatever
// type it became) plus, with `keep` (the default here), the MISC names it found no Azure type for;
// `--misc drop` scores what the API returns.
const misc = args.misc;
if (misc !== 'keep' && misc !== 'drop') {
  console.error(`--misc ${misc}: use keep or drop`);
  process.exit(2);
}
const casing = args.casing as 'as-is' | 'lower' | 'upper';
if (!['as-is', 'lower', 'upper'].includes(casing)) throw new Error(`--casing ${casing}: use lower or upper`);

const pool = await InferencePool.start({
  models: { default: args.model },
  workers: 1,
  intraOpThreads: 1,
  maxQueuedDocuments: 1_000_000,
  ...(args['model-only']
    ? {}
    : { entities: { settings: EntitiesSchema.parse({ miscellaneous: misc }), models: ['default'] } }),
});
try {
  const analyze = async (texts: string[]) =>
    (await pool.analyze('default', texts)).map((found) => applyOverlapPolicy(found, 'matchLongest'));
  const result = await evaluateConllFile(file, analyze, {
    casing,
    ...(args.wnut ? { goldTypeMap: WNUT_TO_CONLL } : {}),
    ...(args.limit ? { limit: Number(args.limit) } : {}),
  });
  console.log(
    `${file}${casing !== 'as-is' ? ` (${casing}-cased)` : ''}${args.wnut ? ' (WNUT17 types mapped)' : ''}`,
  );
  console.log(
    `${result.sentences} sentences, ${result.tokens} tokens, ${result.seconds.toFixed(1)} s through the pool`,
  );
  if (result.misaligned > 0) console.log(`${result.misaligned} predicted entities not on token boundaries`);
  console.log(
    args['model-only']
      ? 'the model alone (no entity pipeline)'
      : `with the entity pipeline (entities.miscellaneous=${misc}), matchLongest`,
  );
  if (result.unscoredEntities > 0) {
    console.log(
      `${result.unscoredEntities} entities of categories CoNLL does not annotate (DateTime, Quantity, PersonType, Email, ...): not scored`,
    );
  }
  console.log();
  console.log(formatScore(result.score));
} finally {
  await pool.close();
}
