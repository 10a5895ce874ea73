import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { FeatureIndex } from '../model/builtin/feature-index.ts';
import { DataType } from '../model/onnx/graph-builder.ts';
import { fromHalfBits } from './half.ts';
import type { TaggerWeights } from './weights.ts';

/** A linear builtin tagger read back from its folder: its feature rows and weights. */
export interface LinearTagger {
  readonly index: FeatureIndex;
  readonly weights: TaggerWeights;
  /** Features kept per unit (`options.featureWidth`). */
  readonly width: number;
}

interface BuiltinManifest {
  format?: string;
  options?: { featureWidth?: number; featureIndex?: string; atomIndex?: string; crf?: string };
}

/**
 * Reads a `builtin-wordfeat` folder without the convolutional path back into training's weights:
 * the table from model.onnx (`linear_half` in a float16 file, `linear` in a float32 one), its bias,
 * crf.json's scores and the feature fingerprints of features.bin.
 */
export function readLinearTagger(dir: string): LinearTagger {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BuiltinManifest;
  const options = manifest.options;
  if (manifest.format !== 'builtin-wordfeat' || !options?.featureWidth || options.atomIndex) {
    throw new Error(`${dir}: not a builtin-wordfeat model without the convolutional path`);
  }
  const file = join(dir, 'model.onnx');
  const graph = onnxProto.onnx.ModelProto.decode(readFileSync(file)).graph;
  const tensor = (name: string): onnxProto.onnx.ITensorProto | undefined =>
    graph?.initializer?.find((i) => i.name === name && i.rawData && i.dims);
  const table = tensor('linear_half') ?? tensor('linear');
  const biasTensor = tensor('bias');
  if (!table || !biasTensor) throw new Error(`${file}: no linear weight table`);
  const [rows, labels] = table.dims!.map(Number) as [number, number];
  const linear =
    table.dataType === DataType.float16
      ? Float32Array.from(new Uint16Array(bytesOf(table)), fromHalfBits)
      : new Float32Array(bytesOf(table));
  const crf = JSON.parse(readFileSync(join(dir, options.crf ?? 'crf.json'), 'utf8')) as {
    transitions: number[];
    start: number[];
    end: number[];
  };
  const index = FeatureIndex.fromBytes(readFileSync(join(dir, options.featureIndex ?? 'features.bin')));
  if (index.size !== rows) throw new Error(`${dir}: ${index.size} features but ${rows} weight rows`);
  return {
    index,
    width: options.featureWidth,
    weights: {
      labels,
      rows,
      linear,
      bias: new Float32Array(bytesOf(biasTensor)),
      transitions: Float32Array.from(crf.transitions),
      start: Float32Array.from(crf.start),
      end: Float32Array.from(crf.end),
    },
  };
}

function bytesOf(t: onnxProto.onnx.ITensorProto): ArrayBuffer {
  const bytes = t.rawData!;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
