import { Decoder } from '../inference/decode.ts';
import type { LoadedModel } from '../inference/engine.ts';
import { loadBuiltinClassifier } from './builtin/index.ts';
import { loadHfClassifier } from './hf/index.ts';
import { type ManifestOptions, readManifest } from './manifest.ts';
import type { SessionThreads } from './session.ts';

/** Loads a model directory of any supported format, ready for `analyzeDocuments`. */
export async function loadModel(
  dir: string,
  threads: SessionThreads,
  options: ManifestOptions = {},
): Promise<LoadedModel> {
  const manifest = await readManifest(dir, options);
  const classifier =
    manifest.format === 'builtin-wordfeat'
      ? await loadBuiltinClassifier(dir, manifest, threads)
      : await loadHfClassifier(dir, manifest, threads);
  return { manifest, classifier, decoder: new Decoder(classifier) };
}
