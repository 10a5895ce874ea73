import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureIndex } from '../model/builtin/feature-index.ts';
import type { Gazetteer } from '../model/builtin/gazetteer.ts';
import { GraphBuilder } from '../model/onnx/graph-builder.ts';
import type { TaggerWeights } from './weights.ts';

/** ONNX names of the builtin model's input and output. */
export const INPUT = 'feature_ids';
export const OUTPUT = 'emissions';

/**
 * The tagger as an ONNX graph: feature_ids int32 [batch, seq, width] -> Gather rows of the weight
 * table -> ReduceSum over the feature slots -> + bias -> emissions float [batch, seq, labels].
 * CRF decoding happens in TypeScript (the server's Decoder) with the scores from crf.json.
 */
export function buildTaggerOnnx(w: TaggerWeights, width: number): Uint8Array {
  return new GraphBuilder({ name: 'builtin-wordfeat' })
    .input(INPUT, 'int32', ['batch', 'seq', width])
    .initializer('linear', w.linear, [w.rows, w.labels])
    .initializer('bias', w.bias, [w.labels])
    .initializer('slot_axis', BigInt64Array.from([2n]), [1])
    .node('Gather', ['linear', INPUT], ['rows'], { axis: 0 })
    .node('ReduceSum', ['rows', 'slot_axis'], ['summed'], { keepdims: 0 })
    .node('Add', ['summed', 'bias'], [OUTPUT])
    .output(OUTPUT, 'float', ['batch', 'seq', w.labels])
    .build();
}

export interface ModelFiles {
  readonly dir: string;
  readonly weights: TaggerWeights;
  readonly labels: readonly string[];
  readonly width: number;
  readonly index: FeatureIndex;
  readonly gazetteer: Gazetteer;
  readonly lexicon: Gazetteer;
  readonly commonWords: ReadonlySet<string>;
  readonly version: string;
  readonly description: string;
}

/** Writes a complete `builtin-wordfeat` model directory (MODEL_CARD.md is written separately). */
export function writeModelDir(m: ModelFiles): void {
  mkdirSync(m.dir, { recursive: true });
  writeFileSync(join(m.dir, 'model.onnx'), buildTaggerOnnx(m.weights, m.width));
  writeFileSync(join(m.dir, 'features.bin'), m.index.toBytes());
  writeFileSync(join(m.dir, 'gazetteer.json'), JSON.stringify(m.gazetteer.toJSON()));
  writeFileSync(join(m.dir, 'lexicon.json'), JSON.stringify(m.lexicon.toJSON()));
  writeFileSync(join(m.dir, 'common-words.txt'), [...m.commonWords].sort().join('\n') + '\n');
  const round = (a: Float32Array): number[] => Array.from(a);
  writeFileSync(
    join(m.dir, 'crf.json'),
    JSON.stringify({
      transitions: round(m.weights.transitions),
      start: round(m.weights.start),
      end: round(m.weights.end),
    }),
  );
  const manifest = {
    schemaVersion: 1,
    name: 'default',
    version: m.version,
    description: m.description,
    format: 'builtin-wordfeat',
    file: 'model.onnx',
    languages: ['en'],
    maxSequenceLength: 128,
    windowOverlap: 16,
    labels: m.labels,
    scheme: 'BIO',
    categories: {
      PER: { category: 'Person' },
      ORG: { category: 'Organization' },
      LOC: { category: 'Location' },
      MISC: { category: 'Miscellaneous' },
    },
    io: { input: INPUT, output: OUTPUT },
    options: {
      featureWidth: m.width,
      featureIndex: 'features.bin',
      gazetteer: 'gazetteer.json',
      lexicon: 'lexicon.json',
      commonWords: 'common-words.txt',
      crf: 'crf.json',
    },
  };
  writeFileSync(join(m.dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}
