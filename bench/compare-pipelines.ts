/**
 * `npx tsx bench/compare-pipelines.ts <git revision>`: the entity pipeline's CPU time per document in
 * this checkout and in another revision, in one process: both pipelines (each with its own entity
 * lists) run over the same rich documents in alternating blocks, so a machine that speeds up or slows
 * down favours neither. No HTTP, no model (the tagger's spans are left out): what rule changes cost,
 * with far less noise than an end-to-end comparison (bench/compare-revisions.ts) gives on 2 cores.
 */
import { join } from 'node:path';
import { numberOption, parseCli, usageError } from '../src/cli/args.ts';
import type * as SchemaModuleNs from '../src/config/schema.ts';
import type * as PipelineModuleNs from '../src/entities/pipeline.ts';
import type { EntityPipeline } from '../src/entities/pipeline.ts';
import { PROJECT_ROOT } from '../src/version.ts';
import { richDocument } from './harness.ts';
import { withWorktree } from './worktree.ts';

const CLI = {
  name: 'compare-pipelines',
  usage: `usage: npx tsx bench/compare-pipelines.ts <git revision> [--blocks <n>]

  Times the entity pipeline of this checkout and of <git revision> in one process, alternating.
  --blocks <n>   timed blocks of 400 ms per revision (default 12); the median is reported
  -h, --help     this help`,
};

/** The other revision's modules, typed as this checkout's (their exports are the same). */
type SchemaModule = typeof SchemaModuleNs;
type PipelineModule = typeof PipelineModuleNs;

/** Documents a batch, as the inference worker runs the pipeline. */
const BATCH = 8;
const DOCUMENTS = Array.from({ length: 64 }, (_, i) => richDocument(i));

/** The pipeline of the checkout at `root`, with its own code, settings schema and entity lists. */
async function pipelineOf(root: string): Promise<EntityPipeline> {
  const { EntitiesSchema } = (await import(join(root, 'src/config/schema.ts'))) as SchemaModule;
  const { createPipeline } = (await import(join(root, 'src/entities/pipeline.ts'))) as PipelineModule;
  return createPipeline(EntitiesSchema.parse({ lists: join(root, 'models/entities') }));
}

/** Mean µs per document of `pipeline` over batches of the documents, for about `ms` milliseconds. */
function timeBlock(pipeline: EntityPipeline, ms: number): number {
  const ctx = { now: new Date() };
  let documents = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < DOCUMENTS.length; i += BATCH) {
      const texts = DOCUMENTS.slice(i, i + BATCH);
      pipeline.runBatch(
        texts,
        texts.map(() => []),
        ctx,
      );
      documents += texts.length;
    }
  }
  return ((performance.now() - start) * 1000) / documents;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function main(): Promise<void> {
  const { positionals, values } = parseCli(CLI, {
    allowPositionals: true,
    options: { blocks: { type: 'string', default: '12' } },
  });
  const revision = positionals[0];
  if (!revision || positionals.length > 1) usageError(CLI, 'give one git revision to compare with');
  const blocks = numberOption(CLI, '--blocks', values.blocks, { min: 3, max: 200 });
  await withWorktree(revision, async (before) => {
    const pipelines = [await pipelineOf(before), await pipelineOf(PROJECT_ROOT)];
    for (const pipeline of pipelines) timeBlock(pipeline, 1_500); // JIT warm-up
    const times: number[][] = [[], []];
    for (let b = 0; b < blocks; b++) pipelines.forEach((p, k) => times[k]!.push(timeBlock(p, 400)));
    const [old, now] = times.map(median) as [number, number];
    console.log(`Entity pipeline, µs per document (median of ${blocks} blocks, batches of ${BATCH} rich documents, no model spans):
before (\`${revision}\`) ${old.toFixed(1)}, after (this checkout) ${now.toFixed(1)}: ${now >= old ? '+' : ''}${((now / old - 1) * 100).toFixed(1)}%`);
  });
}

await main();
