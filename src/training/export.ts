import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureIndex } from '../model/builtin/feature-index.ts';
import type { Gazetteer } from '../model/builtin/gazetteer.ts';
import { GraphBuilder } from '../model/onnx/graph-builder.ts';
import { halfBitsOf } from './half.ts';
import type { DeepWeights, TaggerWeights } from './weights.ts';

/** How the sparse weight table is stored: float16 halves the file (the builtin model's default). */
export type WeightPrecision = 'float32' | 'float16';

/** ONNX names of the builtin model's inputs and output. */
export const INPUT = 'feature_ids';
export const ATOM_INPUT = 'atom_ids';
export const OUTPUT = 'emissions';

/** [K][H][D] (training layout) -> [H][D][K] (ONNX Conv weight layout). */
function convToOnnx(d: DeepWeights): Float32Array {
  const { kernel: K, hidden: H, dim: D } = d;
  const out = new Float32Array(K * H * D);
  for (let k = 0; k < K; k++) {
    for (let h = 0; h < H; h++)
      for (let j = 0; j < D; j++) out[(h * D + j) * K + k] = d.conv[(k * H + h) * D + j]!;
  }
  return out;
}

/**
 * The tagger as an ONNX graph.
 *   linear: feature_ids int32 [batch, seq, width] -> Gather weight rows (of the table Cast to float, when
 *           it is stored as float16) -> ReduceSum -> + bias
 *   deep:   atom_ids int32 [batch, seq, atomWidth] -> Gather embeddings -> ReduceSum -> Conv1d
 *           (zero padding) -> Relu -> 1x1 Conv to labels
 *   emissions float [batch, seq, labels] = linear + deep
 * CRF decoding happens in TypeScript (the server's Decoder) with the scores from crf.json.
 */
export function buildTaggerOnnx(
  w: TaggerWeights,
  width: number,
  atomWidth: number,
  precision: WeightPrecision = 'float32',
): Uint8Array {
  const g = new GraphBuilder({ name: 'builtin-wordfeat' }).input(INPUT, 'int32', ['batch', 'seq', width]);
  if (precision === 'float16') {
    // The file holds float16; the Cast of the constant table is folded into a float32 table when the
    // session is created (graph optimisation), so serving runs the float32 graph: the same arithmetic
    // as training's forward pass on rounded weights, and no float16 copy of each batch's gathered rows.
    g.initializer('linear_half', halfBitsOf(w.linear), [w.rows, w.labels], 'float16').node(
      'Cast',
      ['linear_half'],
      ['linear'],
      { to: 1 },
    );
  } else {
    g.initializer('linear', w.linear, [w.rows, w.labels]);
  }
  g.node('Gather', ['linear', INPUT], ['rows'], { axis: 0 })
    .initializer('bias', w.bias, [w.labels])
    .initializer('slot_axis', BigInt64Array.from([2n]), [1])
    .node('ReduceSum', ['rows', 'slot_axis'], ['summed'], { keepdims: 0 });
  const d = w.deep;
  if (!d) {
    g.node('Add', ['summed', 'bias'], [OUTPUT]);
  } else {
    const pad = (d.kernel - 1) >> 1;
    g.input(ATOM_INPUT, 'int32', ['batch', 'seq', atomWidth])
      .initializer('embed', d.embed, [d.rows, d.dim])
      .initializer('conv_w', convToOnnx(d), [d.hidden, d.dim, d.kernel])
      .initializer('conv_b', d.convBias, [d.hidden])
      .initializer('out_w', d.out, [w.labels, d.hidden, 1])
      .initializer('out_b', d.outBias, [w.labels])
      .node('Add', ['summed', 'bias'], ['linear_scores'])
      .node('Gather', ['embed', ATOM_INPUT], ['atom_vectors'], { axis: 0 })
      .node('ReduceSum', ['atom_vectors', 'slot_axis'], ['unit_vectors'], { keepdims: 0 })
      .node('Transpose', ['unit_vectors'], ['unit_channels'], { perm: [0, 2, 1] })
      .node('Conv', ['unit_channels', 'conv_w', 'conv_b'], ['conv'], {
        kernel_shape: [d.kernel],
        pads: [pad, pad],
      })
      .node('Relu', ['conv'], ['hidden'])
      .node('Conv', ['hidden', 'out_w', 'out_b'], ['deep_channels'], { kernel_shape: [1] })
      .node('Transpose', ['deep_channels'], ['deep_scores'], { perm: [0, 2, 1] })
      .node('Add', ['linear_scores', 'deep_scores'], [OUTPUT]);
  }
  return g.output(OUTPUT, 'float', ['batch', 'seq', w.labels]).build();
}

export interface ModelFiles {
  readonly dir: string;
  readonly weights: TaggerWeights;
  /** How model.onnx stores the sparse weight table (default float32; round the weights first: roundToHalf). */
  readonly precision?: WeightPrecision;
  readonly labels: readonly string[];
  readonly scheme: 'BIO' | 'BIOES';
  readonly width: number;
  readonly index: FeatureIndex;
  readonly atomWidth: number;
  readonly atomIndex: FeatureIndex;
  readonly gazetteer: Gazetteer;
  readonly lexicon: Gazetteer;
  readonly commonWords: ReadonlySet<string>;
  readonly capitalised?: ReadonlySet<string>;
  /** The word-cluster table, copied as it is (its text; parseClusters reads it). */
  readonly clustersText?: string;
  /** The featurizer reads all-capitals windows as lower case (FeatureResources.upperIsCaseless). */
  readonly upperIsCaseless?: boolean;
  /** Trained sentence by sentence: served a window per sentence (TokenClassifier.windowsPerSentence). */
  readonly windowsPerSentence?: boolean;
  readonly version: string;
  readonly description: string;
  /** Manifest name (default `default`). */
  readonly name?: string;
  /** Languages the model serves (default `['en']`). */
  readonly languages?: readonly string[];
  /** Accept documents in any language (a Custom NER project's `metadata.multilingual`). */
  readonly multilingual?: boolean;
  /** Entity type -> API category (default: the builtin four). */
  readonly categories?: Readonly<Record<string, { category: string; subcategory?: string }>>;
}

/** Writes a complete `builtin-wordfeat` model directory (MODEL_CARD.md is written separately). */
export function writeModelDir(m: ModelFiles): void {
  mkdirSync(m.dir, { recursive: true });
  writeFileSync(join(m.dir, 'model.onnx'), buildTaggerOnnx(m.weights, m.width, m.atomWidth, m.precision));
  writeFileSync(join(m.dir, 'features.bin'), m.index.toBytes());
  if (m.weights.deep) writeFileSync(join(m.dir, 'atoms.bin'), m.atomIndex.toBytes());
  writeFileSync(join(m.dir, 'gazetteer.json'), JSON.stringify(m.gazetteer.toJSON()));
  writeFileSync(join(m.dir, 'lexicon.json'), JSON.stringify(m.lexicon.toJSON()));
  writeFileSync(join(m.dir, 'common-words.txt'), [...m.commonWords].sort().join('\n') + '\n');
  if (m.clustersText) writeFileSync(join(m.dir, 'word-clusters.tsv'), m.clustersText);
  if (m.capitalised) {
    writeFileSync(join(m.dir, 'capitalised-words.txt'), [...m.capitalised].sort().join('\n') + '\n');
  }
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
    name: m.name ?? 'default',
    version: m.version,
    description: m.description,
    format: 'builtin-wordfeat',
    file: 'model.onnx',
    languages: m.languages ?? ['en'],
    ...(m.multilingual ? { multilingual: true } : {}),
    maxSequenceLength: 128,
    windowOverlap: 16,
    labels: m.labels,
    scheme: m.scheme,
    categories: m.categories ?? {
      PER: { category: 'Person' },
      ORG: { category: 'Organization' },
      LOC: { category: 'Location' },
      MISC: { category: 'Miscellaneous' },
    },
    io: { input: INPUT, output: OUTPUT, ...(m.weights.deep ? { atoms: ATOM_INPUT } : {}) },
    options: {
      featureWidth: m.width,
      featureIndex: 'features.bin',
      ...(m.weights.deep ? { atomWidth: m.atomWidth, atomIndex: 'atoms.bin' } : {}),
      gazetteer: 'gazetteer.json',
      lexicon: 'lexicon.json',
      ...(m.upperIsCaseless ? { upperIsCaseless: true } : {}),
      ...(m.windowsPerSentence ? { windowsPerSentence: true } : {}),
      commonWords: 'common-words.txt',
      ...(m.capitalised ? { capitalised: 'capitalised-words.txt' } : {}),
      ...(m.clustersText ? { clusters: 'word-clusters.tsv' } : {}),
      crf: 'crf.json',
    },
  };
  writeFileSync(join(m.dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}
