/**
 * Single-thread inference speed of the builtin model (tokenize + featurize + ONNX + CRF decode +
 * pattern recognisers, i.e. analyzeDocuments without the worker pool or HTTP). Writes the table to
 * <model>/BENCH.md. Usage: npm run bench:model -- [--model models/default] [--seconds 10]
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { type Cli, numberOption, parseCli } from '../src/cli/args.ts';
import { analyzeDocuments } from '../src/model/analyze.ts';
import { loadModel } from '../src/model/load.ts';
import { readConll } from '../src/training/conll.ts';

const CLI: Cli = {
  name: 'bench:model',
  usage: `usage: npm run bench:model -- [options]

  --model <dir>    model folder (default models/default); the table is written to <dir>/BENCH.md
  --data <file>    CoNLL sentences to run (default ../shared/data/conll2003/dev.txt)
  --seconds <n>    time per measurement (default 8)
  --batch <n>      largest batch measured (default 64)
  -h, --help       this help`,
};

const { values: args } = parseCli(CLI, {
  options: {
    model: { type: 'string', default: 'models/default' },
    data: { type: 'string', default: '../shared/data/conll2003/dev.txt' },
    seconds: { type: 'string', default: '8' },
    batch: { type: 'string', default: '64' },
  },
});

const texts = readConll(args.data).map((s) => s.tokens.join(' '));
const tokens = readConll(args.data).map((s) => s.tokens.length);
const model = await loadModel(args.model, { intraOp: 1 });
const budget = numberOption(CLI, 'seconds', args.seconds, { min: 0.1 }) * 1000;

/** Runs `batchSize` sentences per call, cycling through the data, until the time budget is spent. */
async function measure(batchSize: number): Promise<{ sentences: number; tokens: number; seconds: number }> {
  await analyzeDocuments(model, texts.slice(0, batchSize)); // warm-up
  let sentences = 0;
  let tokenCount = 0;
  let i = 0;
  const began = performance.now();
  while (performance.now() - began < budget) {
    const batch: string[] = [];
    for (let k = 0; k < batchSize; k++, i = (i + 1) % texts.length) {
      batch.push(texts[i]!);
      tokenCount += tokens[i]!;
    }
    await analyzeDocuments(model, batch);
    sentences += batchSize;
  }
  return { sentences, tokens: tokenCount, seconds: (performance.now() - began) / 1000 };
}

const batched = await measure(Number(args.batch));
const single = await measure(1);
await model.classifier.dispose();

const ortVersion = (createRequire(import.meta.url)('onnxruntime-node/package.json') as { version: string })
  .version;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const row = (name: string, r: typeof batched): string =>
  `| ${name} | ${Math.round(r.tokens / r.seconds).toLocaleString('en-US')} | ${Math.round(r.sentences / r.seconds).toLocaleString('en-US')} |`;
const report = [
  `Machine: ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${osType()} ${release()}; Node ${process.version}, onnxruntime-node ${ortVersion}; 1 intra-op thread.`,
  `Data: ${args.data} (${texts.length} sentences, mean ${(tokens.reduce((a, b) => a + b, 0) / tokens.length).toFixed(1)} tokens), ${args.seconds} s per row.`,
  '',
  '| mode | tokens/s | sentences/s |',
  '|---|---:|---:|',
  row(`batches of ${args.batch} sentences`, batched),
  row('batch size 1', single),
  '',
].join('\n');
console.log(report);
writeFileSync(join(args.model, 'BENCH.md'), `# Builtin model speed (npm run bench:model)\n\n${report}`);
