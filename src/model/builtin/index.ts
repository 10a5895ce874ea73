import type { Manifest } from '../manifest.ts';
import { ModelLoadError } from '../manifest.ts';
import type { SessionThreads } from '../session.ts';
import type { TokenClassifier } from '../types.ts';

// Placeholder until the builtin word-feature tagger lands (issue 3).
export async function loadBuiltinClassifier(
  dir: string,
  _manifest: Manifest,
  _threads: SessionThreads,
): Promise<TokenClassifier> {
  throw new ModelLoadError(`${dir}: the builtin-wordfeat format is not available yet`);
}
