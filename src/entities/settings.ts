/** Rule recognisers the pipeline can run, in the order it runs them (see pipeline.ts). */
export const RECOGNIZER_NAMES = [
  'patterns',
  'datetime',
  'quantity',
  'address',
  'personType',
  'skill',
  'organization',
  'landmark',
  'event',
  'product',
] as const;
export type RecognizerName = (typeof RECOGNIZER_NAMES)[number];

/** The `entities` settings section (documented in README "Settings"). */
export interface PipelineSettings {
  /** Rule recognisers that run on general NER documents; Custom NER deployments never run any. */
  readonly recognizers: readonly RecognizerName[];
  /**
   * A model `MISC` name that no evidence turns into an Azure type (Event, Product, Skill, ...):
   * `drop` it (Azure has no such category) or `keep` it as `Miscellaneous`.
   */
  readonly miscellaneous: 'drop' | 'keep';
  /** Directory of the name lists the recognisers load (models/entities). */
  readonly lists: string;
  /** Candidates kept per document before the overlap policy; bounds the work on pathological text. */
  readonly maxCandidatesPerDocument: number;
}
