/**
 * Entity-level P/R/F1 (conlleval) of a model on a CoNLL file, through the server's worker pool.
 * Usage: npm run eval -- <file> [--model models/default] [--wnut] [--casing lower|upper] [--limit N]
 */
import { parseArgs } from 'node:util';
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
  },
});
const file = positionals[0];
if (!file) {
  console.error(
    'usage: npm run eval -- <conll file> [--model dir] [--wnut] [--casing lower|upper] [--limit N]',
  );
  process.exit(2);
}
const casing = args.casing as 'as-is' | 'lower' | 'upper';
if (!['as-is', 'lower', 'upper'].includes(casing)) throw new Error(`--casing ${casing}: use lower or upper`);

const pool = await InferencePool.start({
  models: { default: args.model },
  workers: 1,
  intraOpThreads: 1,
  maxQueuedDocuments: 1_000_000,
});
try {
  const result = await evaluateConllFile(file, (texts) => pool.analyze('default', texts), {
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
  if (result.patternEntities > 0) {
    console.log(
      `${result.patternEntities} Email/URL/IP/PhoneNumber entities found (not CoNLL types: not scored)`,
    );
  }
  console.log();
  console.log(formatScore(result.score));
} finally {
  await pool.close();
}
