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
import { buildTaggerOnnx } from '../src/training/export.ts';
import { roundToHalf } from '../src/training/half.ts';
import { readLinearTagger } from '../src/training/linear-model.ts';

const dir = process.argv[2] ?? 'models/default';
const file = join(dir, 'model.onnx');
// Reads `linear_half` (float16 file) or `linear` (float32, or float16 as 1ebf119 wrote it).
const { weights, width } = readLinearTagger(dir);
roundToHalf(weights.linear);
const before = readFileSync(file).length;
const bytes = buildTaggerOnnx(weights, width, 0, 'float16');
writeFileSync(file, bytes);
console.log(`${file}: ${before} -> ${bytes.length} bytes`);
