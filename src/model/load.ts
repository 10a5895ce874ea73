import { loadBuiltinClassifier } from './builtin/index.ts';
import { loadHfClassifier } from './hf/index.ts';
import { Decoder } from './decode.ts';
import { type Manifest, type ManifestOptions, readManifest } from './manifest.ts';
import type { SessionThreads } from './session.ts';
import type { TokenClassifier } from './types.ts';

/** A loaded model plus what is needed to turn its emissions into API entities. */
export interface LoadedModel {
  readonly manifest: Manifest;
  readonly classifier: TokenClassifier;
  readonly decoder: Decoder;
}

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
