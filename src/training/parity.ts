import { loadModel } from '../model/load.ts';
import type { EncodedSentence, FeaturizedSentence } from './dataset.ts';
import { forwardEmissions, type TaggerWeights } from './weights.ts';

/**
 * Runs the exported model directory through onnxruntime (the server's loader and classifier) on the
 * given sentences and returns the largest absolute difference from the training forward pass.
 */
export async function onnxParity(
  dir: string,
  weights: TaggerWeights,
  sentences: readonly FeaturizedSentence[],
  encoded: readonly EncodedSentence[],
  width: number,
  atomWidth: number,
): Promise<number> {
  const model = await loadModel(dir, { intraOp: 1 });
  let maxDiff = 0;
  try {
    const batch = 64;
    for (let i = 0; i < sentences.length; i += batch) {
      const part = sentences.slice(i, i + batch);
      const out = await model.classifier.run(part.map((s) => ({ text: s.text, units: s.units })));
      out.forEach((em, k) => {
        const e = encoded[i + k]!;
        const ref = forwardEmissions(weights, e, width, atomWidth);
        if (em.length !== ref.length)
          throw new Error(`sentence ${i + k}: ${em.length} vs ${ref.length} emissions`);
        for (let j = 0; j < ref.length; j++) maxDiff = Math.max(maxDiff, Math.abs(em[j]! - ref[j]!));
      });
    }
  } finally {
    await model.classifier.dispose();
  }
  return maxDiff;
}
