/**
 * Rewrites a builtin-wordfeat model folder's model.onnx with its sparse weight table in float16
 * (half the file), rounding each weight to the nearest half-precision number: the same bytes
 * `npm run train` writes for the same weights since it stores float16 itself (`--precision`). A model
 * already in float16 is rewritten in the current layout (its weights unchanged).
 *
 *   npx tsx scripts/model-to-float16.ts [model dir]   (default models/default)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { DataType } from '../src/model/onnx/graph-builder.ts';
import { buildTaggerOnnx } from '../src/training/export.ts';
import { fromHalfBits, roundToHalf } from '../src/training/half.ts';

const dir = process.argv[2] ?? 'models/default';
const file = join(dir, 'model.onnx');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
  format?: string;
  options?: { featureWidth?: number; atomIndex?: string };
};
if (manifest.format !== 'builtin-wordfeat' || manifest.options?.atomIndex) {
  throw new Error(`${dir}: only builtin-wordfeat models without the convolutional path are converted`);
}
const graph = onnxProto.onnx.ModelProto.decode(readFileSync(file)).graph;
const tensor = (name: string): onnxProto.onnx.ITensorProto => {
  const t = graph?.initializer?.find((i) => i.name === name);
  if (!t?.rawData || !t.dims) throw new Error(`${file}: no initializer ${name}`);
  return t;
};
const bytesOf = (t: onnxProto.onnx.ITensorProto): ArrayBuffer => {
  const bytes = t.rawData!;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};
const float32 = (t: onnxProto.onnx.ITensorProto): Float32Array => new Float32Array(bytesOf(t));
const halves = (t: onnxProto.onnx.ITensorProto): Uint16Array => new Uint16Array(bytesOf(t));
// The table is `linear_half` in a float16 file, `linear` in a float32 one (or float16, as 1ebf119 wrote it).
const linearTensor = graph?.initializer?.some((i) => i.name === 'linear_half')
  ? tensor('linear_half')
  : tensor('linear');
const [rows, labels] = linearTensor.dims!.map(Number) as [number, number];
const linear =
  linearTensor.dataType === DataType.float16
    ? Float32Array.from(halves(linearTensor), fromHalfBits)
    : float32(linearTensor);
roundToHalf(linear);
const none = new Float32Array(0);
const weights = {
  labels,
  rows,
  linear,
  bias: float32(tensor('bias')),
  transitions: none,
  start: none,
  end: none,
};
const before = readFileSync(file).length;
const bytes = buildTaggerOnnx(weights, manifest.options!.featureWidth!, 0, 'float16');
writeFileSync(file, bytes);
console.log(`${file}: ${before} -> ${bytes.length} bytes`);
