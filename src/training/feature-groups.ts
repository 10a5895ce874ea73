import { unitFeatures, type FeatureResources } from '../model/builtin/features.ts';
import { fingerprint } from '../model/builtin/hash.ts';
import { tokenizeWords } from '../model/builtin/tokenizer.ts';

/**
 * The featurizer's templates (src/model/builtin/features.ts) in three groups, for mixing two models
 * feature by feature (src/training/mix.ts):
 * - `form`: how a word is written, with nothing of which word it is: the per-word bias, shapes,
 *   capitalisation, length, common-word flags, and their neighbours' shapes;
 * - `names`: matches in the name lists (gazetteer `g`, lexicon `x`) and their neighbours';
 * - `words`: everything tied to particular words (the word, its affixes, its neighbours, bigrams).
 */
export type FeatureGroup = 'form' | 'names' | 'words';

const FORM = new Set([
  'b',
  'sh=',
  'ss=',
  'ss-1=',
  'ss+1=',
  'ss-2=',
  'ss+2=',
  'c=',
  'c3=',
  'ss3=',
  'len=',
  'cw=',
]);
const NAMES = new Set(['g=', 'x=', 'g-1=', 'g+1=', 'x-1=', 'x+1=']);

/** The template of a feature string: its name up to `=`, without the caseless space's `lc:` prefix. */
export function templateOf(feature: string): string {
  const bare = feature.startsWith('lc:') ? feature.slice(3) : feature;
  const eq = bare.indexOf('=');
  return eq < 0 ? bare : bare.slice(0, eq + 1);
}

export function groupOf(feature: string): FeatureGroup {
  const t = templateOf(feature);
  return FORM.has(t) ? 'form' : NAMES.has(t) ? 'names' : 'words';
}

/**
 * The group of every feature the texts produce, by fingerprint (the form a model folder keeps:
 * features.bin holds fingerprints, not strings). A fingerprint not found is in no group here.
 */
export function featureGroups(
  texts: Iterable<string>,
  resources: FeatureResources,
): Map<number, Exclude<FeatureGroup, 'words'>> {
  const groups = new Map<number, Exclude<FeatureGroup, 'words'>>();
  for (const text of texts) {
    for (const unit of unitFeatures(text, tokenizeWords(text), resources).sparse) {
      for (const feature of unit) {
        const group = groupOf(feature);
        if (group !== 'words') groups.set(fingerprint(feature), group);
      }
    }
  }
  return groups;
}
