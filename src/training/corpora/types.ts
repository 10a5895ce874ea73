import type { TaggedSentence } from '../conll.ts';

/** The entity types the builtin model learns (CoNLL-2003's). */
export type EntityType = 'PER' | 'ORG' | 'LOC' | 'MISC';

/**
 * A training or test sentence with its tags mapped onto the CoNLL types, and what its corpus could not
 * say. A corpus that does not annotate a type (BTC has no MISC) leaves such names tagged `O`: training
 * must not read those `O`s as "not an entity" (partial labels, src/training/crf.ts).
 */
export interface CorpusSentence extends TaggedSentence {
  readonly corpus: string;
  /** Document id, where the corpus has documents. */
  readonly doc?: string;
  /** Types an `O` token of this sentence may still be (the corpus does not annotate them fully). */
  readonly unannotated: readonly EntityType[];
  /** Tokens whose label the conversion could not decide: any label is allowed in training. */
  readonly free?: readonly boolean[];
}

export type Split = 'train' | 'dev' | 'test';

/** One annotated corpus of ../shared/data, read and mapped onto the CoNLL types. */
export interface Corpus {
  readonly name: string;
  /** Splits the corpus has (SEC filings and re3d have no dev split). */
  readonly splits: readonly Split[];
  /** Types it has no annotation of at all: left out of its scores (BTC: MISC). */
  readonly unscored: readonly EntityType[];
  read(dataDir: string, split: Split): CorpusSentence[];
}
