import type { FeatureIndex } from '../model/builtin/feature-index.ts';
import type { FeatureResources } from '../model/builtin/features.ts';
import { unitFeatures } from '../model/builtin/features.ts';
import { tokenizeWords } from '../model/builtin/tokenizer.ts';
import type { Unit } from '../model/types.ts';
import { sentenceText, type TaggedSentence } from './conll.ts';
import { labelIds, toScheme, type Scheme } from './labels.ts';

/** A sentence as the server would see it, with its features as strings. */
export interface FeaturizedSentence {
  readonly text: string;
  readonly units: readonly Unit[];
  readonly features: string[][];
  readonly atoms: string[][];
  readonly tags: readonly string[];
  /** What the sentence's corpus could not say (see CorpusSentence). */
  readonly unannotated?: readonly string[];
  readonly free?: readonly boolean[];
}

/** A sentence ready for the trainer: feature rows, `width` per unit. */
export interface EncodedSentence {
  readonly length: number;
  readonly ids: Int32Array;
  /** Atom rows of the convolutional path, `atomWidth` per unit. */
  readonly atoms: Int32Array;
  readonly gold: Int32Array;
  /** Labels each unit may have (len x labels, 1 = allowed) where the gold is partial; else absent. */
  readonly mask?: Uint8Array;
  readonly tags: readonly string[];
}

/** A sentence whose corpus may leave some labels unsaid (CorpusSentence's fields, optional). */
export interface PartialSentence extends TaggedSentence {
  readonly unannotated?: readonly string[];
  readonly free?: readonly boolean[];
}

/**
 * Units of a CoNLL sentence: the builtin tokenizer's, which reproduce the CoNLL tokens on such text;
 * for the rare token it would split differently, the gold tokens themselves.
 */
export function sentenceUnits(text: string, offsets: readonly [number, number][]): Unit[] {
  const units = tokenizeWords(text);
  const same =
    units.length === offsets.length &&
    units.every((u, i) => u.start === offsets[i]![0] && u.end === offsets[i]![1]);
  return same ? units : offsets.map(([start, end]) => ({ start, end, cost: 1 }));
}

export function featurize(sentence: PartialSentence, res: FeatureResources): FeaturizedSentence {
  const { text, offsets } = sentenceText(sentence.tokens);
  const units = sentenceUnits(text, offsets);
  return {
    text,
    units,
    ...(({ sparse, atoms }) => ({ features: sparse, atoms }))(unitFeatures(text, units, res)),
    tags: sentence.tags,
    ...(sentence.unannotated?.length ? { unannotated: sentence.unannotated } : {}),
    ...(sentence.free?.some(Boolean) ? { free: sentence.free } : {}),
  };
}

/**
 * The labels each unit may have: its gold label; an `O` may also be the B-/I- (E-/S-) labels of the
 * types its corpus leaves unannotated; a free unit may be anything. Undefined when the gold is complete.
 */
export function partialMask(
  s: Pick<FeaturizedSentence, 'unannotated' | 'free'>,
  gold: Int32Array,
  labels: readonly string[],
): Uint8Array | undefined {
  if (!s.unannotated && !s.free) return undefined;
  const n = labels.length;
  const unsaid = labels.map((l) => l !== 'O' && (s.unannotated ?? []).includes(l.slice(2)));
  const mask = new Uint8Array(gold.length * n);
  gold.forEach((y, t) => {
    mask[t * n + y] = 1;
    for (let j = 0; j < n; j++) {
      if (s.free?.[t] || (labels[y] === 'O' && unsaid[j])) mask[t * n + j] = 1;
    }
  });
  return mask;
}

/** Row ids of both paths' features. */
export interface Encoding {
  readonly index: FeatureIndex;
  readonly width: number;
  readonly atomIndex: FeatureIndex;
  readonly atomWidth: number;
  readonly labels: readonly string[];
  readonly scheme: Scheme;
}

export function encode(s: FeaturizedSentence, e: Encoding): EncodedSentence {
  const ids = new Int32Array(s.units.length * e.width);
  e.index.encode(s.features, e.width, ids);
  const atoms = new Int32Array(s.units.length * e.atomWidth);
  e.atomIndex.encode(s.atoms, e.atomWidth, atoms);
  const gold = labelIds(toScheme(s.tags, e.scheme), e.labels);
  const mask = partialMask(s, gold, e.labels);
  return { length: s.units.length, ids, atoms, gold, ...(mask ? { mask } : {}), tags: s.tags };
}
